"""`zhibiao template`: a blank data sheet written from the rules, which an
evaluator fills in and `zhibiao evaluate` reads directly."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml

from tests.conftest import SAMPLES
from zhibiao.cli import main

SAMPLE = SAMPLES / "sample-city-2.yaml"


def sheet(capsys, *options: str) -> str:
    assert main(["template", *options]) == 0
    return capsys.readouterr().out


def evaluated(capsys, path) -> dict:
    code = main(["evaluate", str(path), "--format", "json", "--lang", "en"])
    out, _ = capsys.readouterr()
    assert code == 0
    return json.loads(out)


def verdicts(report: dict) -> dict:
    return {
        "indicators": {i["id"]: (i["status"], i["stars"], i["score"], i["deduction"]) for i in report["indicators"]},
        "total": report["total_score"],
        "deduction": report["deduction"],
        "entity": report["entity"],
        "period": report["period"],
    }


def sample_values() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def fill_yaml(text: str, city: dict) -> str:
    """Write each known value after its colon, as a person filling the sheet would."""
    out = []
    indicator = None
    for line in text.splitlines():
        top = re.fullmatch(r"(entity|period):", line)
        head = re.fullmatch(r"  (\w+):", line)
        field = re.fullmatch(r"    (\w+):", line)
        if top and city.get(top.group(1)) is not None:
            line = f"{line} {json.dumps(city[top.group(1)], ensure_ascii=False)}"
        elif head:
            indicator = head.group(1)
        elif field and field.group(1) in city["values"].get(indicator, {}):
            line = f"{line} {json.dumps(city['values'][indicator][field.group(1)], ensure_ascii=False)}"
        out.append(line)
    return "\n".join(out) + "\n"


def fill_csv(text: str, city: dict) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows[1:]:
        indicator, field = row[0], row[1]
        if not field and indicator in ("entity", "period") and city.get(indicator) is not None:
            row[2] = str(city[indicator])
        elif field in city["values"].get(indicator, {}):
            value = city["values"][indicator][field]
            row[2] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "fill", "suffix"), [("yaml", fill_yaml, ".yaml"), ("csv", fill_csv, ".csv")])
def test_a_filled_sheet_gives_the_same_verdicts_as_the_sample_city(capsys, tmp_path, fmt, fill, suffix):
    blank = sheet(capsys, "--format", fmt)
    filled = tmp_path / f"filled{suffix}"
    filled.write_text(fill(blank, sample_values()), encoding="utf-8")
    from_sheet = verdicts(evaluated(capsys, filled))
    from_sample = verdicts(evaluated(capsys, SAMPLE))
    assert from_sheet == from_sample
    expected = json.loads((SAMPLES / "sample-city-2.expected.json").read_text(encoding="utf-8"))
    scored = {i: v[1] for i, v in from_sheet["indicators"].items() if i != "L5P6"}
    assert scored == expected["stars"]
    assert from_sheet["total"] == expected["total_score"]


def test_a_blank_yaml_sheet_evaluates_with_every_indicator_not_assessed(capsys, tmp_path):
    blank = tmp_path / "blank.yaml"
    blank.write_text(sheet(capsys), encoding="utf-8")
    report = evaluated(capsys, blank)
    assert report["complete"] is False
    assert len(report["not_assessed"]) == 49
    assert report["total_score"] == 0


def test_the_yaml_sheet_lists_every_indicator_and_input_with_label_type_and_range(capsys, edition):
    text = sheet(capsys)
    document = yaml.safe_load(text)
    assert document["standard"] == "db37-t-3890.1-2020"
    assert {i: sorted(fields) for i, fields in document["values"].items()} == {
        ind.id: sorted(ind.inputs) for ind in edition.indicators.values()}
    assert all(v is None for fields in document["values"].values() for v in fields.values())
    lines = text.splitlines()
    at = lines.index("  L1P1:")
    assert lines[at - 1: at + 3] == [
        "  # 电子证照使用率 | L1 数字惠民",
        "  L1P1:",
        '    # 电子证照使用率 | 百分比 | 范围 [0%, 100%] | 写 85 或 "85%"',
        "    e_license_rate:",
    ]
    at = lines.index("    weather_station_spacing_km:")
    assert lines[at - 1] == "    # 城区气象自动监测点间距 | 数值（km） | 范围 (0, +∞)"
    at = lines.index("    top_plan_status:")
    # Enum values with the labels a data file may give instead, in the sheet's language.
    assert lines[at - 1] == "    # 智慧城市建设顶层规划状态（无/正在制定/制定完成/已发布） | 可选：none（无）、drafting（正在制定）、completed（制定完成）、published（已发布）"


def test_the_english_sheet_uses_english_labels(capsys):
    lines = sheet(capsys, "--lang", "en").splitlines()
    at = lines.index("    leading_group:")
    assert lines[at - 1] == "    # A smart city leading group has been set up | yes/no: true or false"
    assert "  # Information security | L5 Safeguards | deduction item" in lines


def test_the_csv_sheet_is_long_form_with_note_columns(capsys, edition):
    rows = list(csv.reader(io.StringIO(sheet(capsys, "--format", "csv"))))
    assert rows[0] == ["indicator", "field", "value", "label", "type", "unit", "range"]
    assert rows[1:4] == [
        ["standard", "", "db37-t-3890.1-2020", "DB37/T 3890.1-2020", "", "", ""],
        ["entity", "", "", "城市名称", "", "", ""],
        ["period", "", "", "统计年度", "", "", ""],
    ]
    assert len(rows) == 4 + sum(len(ind.inputs) for ind in edition.indicators.values())
    by_field = {(r[0], r[1]): r for r in rows[4:]}
    assert by_field[("L1P3", "app_rank")][2:] == ["", "政务服务类APP应用: “爱山东”本地分行接入应用数量在全省设区市中的排名", "rank", "", "[1, 16]"]
    assert by_field[("L4P2", "mobile_download_mbps")][4:] == ["number", "Mbit/s", "[0, +∞)"]
    assert by_field[("L5P2", "top_plan_status")][4:] == ["enum", "", "none（无）|drafting（正在制定）|completed（制定完成）|published（已发布）"]
    assert by_field[("L5P1", "leading_group")][4:] == ["bool", "", "是|否"]
    assert by_field[("L1P1", "e_license_rate")][3:] == ["电子证照使用率", "percent", "%", "[0, 100]"]


def test_the_sheet_can_be_written_to_a_file_for_another_edition(capsys, tmp_path):
    from tests.conftest import FIXTURES

    target = tmp_path / "sheet.yaml"
    assert main(["template", "--standard", str(FIXTURES / "author_cases"), "-o", str(target)]) == 0
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["values"] == {"X1": {"rate": None}, "X2": {"incidents": None}}
