"""`zhibiao template --format xlsx`: the workbook evaluators fill in, a row
per city, with checked cells and an instructions sheet. Filled in as a
person fills it, it evaluates directly, and so does the CSV a spreadsheet
saves from it."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from tests.conftest import SAMPLES
from tests.test_template import verdicts
from zhibiao.cli import main
from zhibiao.ruleset.model import InputSpec

SAMPLE_NAMES = ("sample-city-0", "sample-city-1", "sample-city-2", "sample-city-top")


def template(capsys, tmp_path: Path, *options: str) -> Path:
    path = tmp_path / "cities.xlsx"
    assert main(["template", "-o", str(path), *options]) == 0
    capsys.readouterr()
    return path


def evaluated(capsys, path: Path) -> list[dict]:
    code, (out, err) = main(["evaluate", str(path), "--format", "json", "--lang", "en"]), capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def sample(name: str) -> dict:
    return yaml.safe_load((SAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


def dropdowns(sheet) -> dict[str, list[str]]:
    """Column letter -> the choices its cells offer."""
    offered = {}
    for check in sheet.data_validations.dataValidation:
        if check.type == "list":
            letter = str(check.sqref).split(":")[0].rstrip("0123456789")
            offered[letter] = check.formula1.strip('"').split(",")
    return offered


def typed(value: Any, spec: InputSpec, cell, offered: list[str] | None) -> None:
    """Put a value in a cell as a person does in Excel: numbers typed, a
    percent typed as 85% (Excel keeps 0.85 and shows it as a percent), a
    yes/no or a grade picked from the cell's dropdown (in the workbook's
    language: yes and no, or the grades lowest first)."""
    if spec.kind in ("bool", "enum"):
        assert offered is not None
        yes = value is True or value == "是"
        if spec.kind == "bool":
            cell.value = offered[0 if yes else 1]
        else:
            name = (spec.vtype.yes_no[0] if yes else spec.vtype.yes_no[1]) if isinstance(value, bool) or value in ("是", "否") else value
            cell.value = offered[spec.vtype.values.index(name)]
    elif spec.kind == "percent" and isinstance(value, str) and value.strip().endswith("%"):
        cell.value = float(Decimal(value.strip().rstrip("%").strip()) / 100)
        cell.number_format = "0.00%"
    elif isinstance(value, str):
        cell.value = float(value)
    else:
        cell.value = value


def fill(path: Path, edition, names=SAMPLE_NAMES) -> Path:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    codes = [c.value for c in sheet[1]]
    offered = dropdowns(sheet)
    for row, name in enumerate(names, start=3):
        city = sample(name)
        sheet.cell(row, 1, city["entity"])
        sheet.cell(row, 2, city["period"])
        for iid, fields in city["values"].items():
            for fname, value in (fields or {}).items():
                column = codes.index(f"{iid}.{fname}") + 1
                cell = sheet.cell(row, column)
                typed(value, edition.indicators[iid].inputs[fname], cell, offered.get(cell.column_letter))
    filled = path.with_name("filled.xlsx")
    book.save(filled)
    return filled


def shown(cell) -> str:
    """A cell as Excel writes it into a CSV file: what the cell shows."""
    value = cell.value
    if value is None:
        return ""
    if "%" in cell.number_format and isinstance(value, (int, float)):
        return f"{Decimal(repr(value)) * 100:.2f}%"
    return str(value)


def saved_as_csv(workbook: Path, target: Path, encoding: str) -> Path:
    """The data sheet as Excel's Save As CSV writes it: both heading rows,
    every row the shown text, in ``encoding``."""
    sheet = openpyxl.load_workbook(workbook)["数据"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([shown(c) for c in row] for row in sheet.iter_rows())
    target.write_bytes(out.getvalue().encode(encoding))
    return target


def yaml_verdicts(capsys) -> list[dict]:
    reports = [evaluated(capsys, SAMPLES / f"{n}.yaml") for n in SAMPLE_NAMES]
    return [verdicts(r) for r in reports]


# -- filled in, it evaluates -------------------------------------------------------
def test_a_filled_workbook_gives_the_verdicts_of_the_same_cities_in_yaml(capsys, tmp_path, edition):
    filled = fill(template(capsys, tmp_path), edition)
    assert [verdicts(r) for r in evaluated(capsys, filled)] == yaml_verdicts(capsys)


def test_a_workbook_in_english_filled_from_its_english_dropdowns_gives_the_same_verdicts(capsys, tmp_path, edition):
    filled = fill(template(capsys, tmp_path, "--lang", "en"), edition)
    sheet = openpyxl.load_workbook(filled)["Data"]
    codes = [c.value for c in sheet[1]]
    assert sheet[5][codes.index("L5P2.top_plan_status")].value == "none"
    assert {sheet[r][codes.index("L5P1.leading_group")].value for r in range(3, 7)} <= {"yes", "no"}
    assert [verdicts(r) for r in evaluated(capsys, filled)] == yaml_verdicts(capsys)


def test_the_filled_workbook_holds_what_a_person_typed(capsys, tmp_path, edition):
    sheet = openpyxl.load_workbook(fill(template(capsys, tmp_path), edition))["数据"]
    codes = [c.value for c in sheet[1]]
    row = sheet[5]  # 示例市2
    assert row[codes.index("L1P7.smart_campus_rate")].value == pytest.approx(0.851)
    assert row[codes.index("L1P7.smart_campus_rate")].number_format == "0.00%"
    assert row[codes.index("L1P4.bus_realtime_rate")].value == 94.9
    assert row[codes.index("L5P2.top_plan_status")].value == "无"
    assert row[codes.index("L5P2.annual_plan")].value == "无"
    assert row[codes.index("L5P1.leading_group")].value in ("是", "否")


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_the_csv_a_spreadsheet_saves_from_the_filled_workbook_gives_the_same_verdicts(capsys, tmp_path, edition, encoding):
    filled = fill(template(capsys, tmp_path), edition)
    saved = saved_as_csv(filled, tmp_path / "cities.csv", encoding)
    assert saved.read_text(encoding=encoding).splitlines()[1].startswith("城市名称,统计年度,电子证照使用率（%）,")
    assert [verdicts(r) for r in evaluated(capsys, saved)] == yaml_verdicts(capsys)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_blank_workbook_is_said_to_hold_no_cities(capsys, tmp_path, lang):
    path = template(capsys, tmp_path)
    code = main(["evaluate", str(path), "--lang", lang])
    _, err = capsys.readouterr()
    assert code == 2
    # The sheet is named in the language the workbook was written in (zh here).
    assert err == {
        "zh": f"{path}:数据!A3: 错误: 表格中没有城市：请在表头下每个城市填一行\n",
        "en": f"{path}:数据!A3: error: the table holds no cities: fill in a row per city below the header\n",
    }[lang]


# -- what the workbook holds --------------------------------------------------------
def test_the_workbook_has_a_data_sheet_and_an_instructions_sheet_in_the_readers_language(capsys, tmp_path):
    assert openpyxl.load_workbook(template(capsys, tmp_path)).sheetnames == ["数据", "填写说明"]
    assert openpyxl.load_workbook(template(capsys, tmp_path, "--lang", "en")).sheetnames == ["Data", "Instructions"]


def test_the_data_sheet_has_a_column_per_input_under_its_code_and_label(capsys, tmp_path, edition):
    sheet = openpyxl.load_workbook(template(capsys, tmp_path))["数据"]
    codes = [c.value for c in sheet[1]]
    labels = [c.value for c in sheet[2]]
    assert codes == ["entity", "period", *(f"{i.id}.{n}" for i in edition.indicators.values() for n in i.inputs)]
    by_code = dict(zip(codes, labels))
    assert (by_code["entity"], by_code["period"]) == ("城市名称", "统计年度")
    assert by_code["L1P1.e_license_rate"] == "电子证照使用率（%）"
    assert by_code["L4P2.mobile_download_mbps"] == "移动通信网络平均下载速率（Mbit/s）"
    assert by_code["L5P4.social_capital_wan"] == "当年度参与智慧城市建设项目社会资本规模（万元）"
    assert by_code["L1P2.employment_channels"] == "畅通就业服务渠道的服务模式数量"
    assert sheet.max_row == 2
    assert sheet.freeze_panes == "C3"
    assert all(sheet.column_dimensions[c.column_letter].width >= 10 for c in sheet[1])


def test_english_labels_in_an_english_workbook(capsys, tmp_path):
    sheet = openpyxl.load_workbook(template(capsys, tmp_path, "--lang", "en"))["Data"]
    labels = dict(zip((c.value for c in sheet[1]), (c.value for c in sheet[2])))
    assert labels["entity"] == "name of the city"
    assert labels["L4P2.mobile_download_mbps"] == "Mobile network average download speed (Mbit/s)"


def checks(sheet) -> dict[str, tuple]:
    """Column code -> (type, operator, formula1, formula2, cells) of its check."""
    codes = {c.column_letter: c.value for c in sheet[1]}
    found = {}
    for check in sheet.data_validations.dataValidation:
        cells = str(check.sqref)
        found[codes[cells.split(":")[0].rstrip("0123456789")]] = (check.type, check.operator, check.formula1, check.formula2, cells)
    return found


def test_every_input_cell_is_checked_by_its_type_and_range(capsys, tmp_path, edition):
    sheet = openpyxl.load_workbook(template(capsys, tmp_path))["数据"]
    found = checks(sheet)
    assert sorted(found) == sorted(f"{i.id}.{n}" for i in edition.indicators.values() for n in i.inputs)
    assert found["L1P1.e_license_rate"] == ("decimal", "between", "0", "100", "C3:C1048576")
    assert found["L1P2.employment_channels"] == ("whole", "greaterThanOrEqual", "0", None, "D3:D1048576")
    assert found["L1P3.app_rank"] == ("whole", "between", "1", "16", "E3:E1048576")
    assert found["L4P4.weather_station_spacing_km"][:4] == ("decimal", "greaterThan", "0", None)
    assert found["L4P2.mobile_download_mbps"][:4] == ("decimal", "greaterThanOrEqual", "0", None)
    assert found["L5P2.top_plan_status"][:3] == ("list", None, '"无,正在制定,制定完成,已发布"')
    assert found["L5P2.annual_plan"][:3] == ("list", None, '"无,已制定,已制定且明确"')
    assert found["L5P1.leading_group"][:3] == ("list", None, '"是,否"')


def test_a_check_says_what_the_cell_takes(capsys, tmp_path):
    sheet = openpyxl.load_workbook(template(capsys, tmp_path))["数据"]
    first = sheet.data_validations.dataValidation[0]
    assert (first.promptTitle, first.prompt, first.error) == (
        "电子证照使用率", '百分比；范围 [0%, 100%]；写 85 或 "85%"', "范围 [0%, 100%]")
    assert all(len(c.prompt or "") <= 255 and len(c.promptTitle or "") <= 32 for c in sheet.data_validations.dataValidation)


def test_the_instructions_sheet_tells_each_column(capsys, tmp_path, edition):
    sheet = openpyxl.load_workbook(template(capsys, tmp_path))["填写说明"]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    heading = rows.index(("列", "代码", "指标", "类别", "填写内容", "类型", "单位", "允许值", "说明"))
    body = rows[heading + 1:]
    assert len(body) == 2 + sum(len(i.inputs) for i in edition.indicators.values())
    by_code = {r[1]: r for r in body}
    assert by_code["L1P1.e_license_rate"] == ("C", "L1P1.e_license_rate", "L1P1 电子证照使用率", "L1 数字惠民", "电子证照使用率", "百分比", "%",
                                             "[0%, 100%]", None)
    assert by_code["L5P2.top_plan_status"][7] == "无 / 正在制定 / 制定完成 / 已发布"
    assert by_code["L4P2.mobile_download_mbps"][5:8] == ("数值（Mbit/s）", "Mbit/s", "[0, +∞)")
    assert rows[0][0] == "数据采集表：DB37/T 3890.1-2020 新型智慧城市建设指标 第1部分：市级指标"


def test_the_format_follows_the_extension_of_the_output_file(capsys, tmp_path):
    path = template(capsys, tmp_path)
    assert path.read_bytes().startswith(b"PK\x03\x04")


# -- the same layout as CSV ---------------------------------------------------------
def test_the_wide_csv_sheet_is_the_two_heading_rows(capsys, tmp_path):
    assert main(["template", "--format", "wide-csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    sheet = openpyxl.load_workbook(template(capsys, tmp_path))["数据"]
    assert rows == [[c.value for c in sheet[1]], [c.value for c in sheet[2]]]


def test_a_filled_wide_csv_sheet_evaluates(capsys, tmp_path):
    assert main(["template", "--format", "wide-csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    city = sample("sample-city-2")
    row = [city["entity"], str(city["period"])]
    for code in rows[0][2:]:
        iid, fname = code.split(".")
        value = (city["values"].get(iid) or {}).get(fname)
        row.append("" if value is None else str(value).lower() if isinstance(value, bool) else str(value))
    path = tmp_path / "sheet.csv"
    out = io.StringIO()
    csv.writer(out).writerows([*rows, row])
    path.write_text(out.getvalue(), encoding="utf-8")
    (report,) = evaluated(capsys, path)
    assert verdicts(report) == verdicts(evaluated(capsys, SAMPLES / "sample-city-2.yaml"))
