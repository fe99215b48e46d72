"""JSON Schemas for editors: the committed rule-file schemas are exactly what
`zhibiao schema` prints, the bundled rule files name them, and the data-file
schema of an edition describes every input the way the data reader takes it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import SAMPLES
from zhibiao.cli import main
from zhibiao.resources import resource_dir
from zhibiao.ruleset.loader import bundled_editions

SCHEMAS = resource_dir("schemas")
BUNDLED = bundled_editions()["db37-t-3890.1-2020"]


def printed(capsys, *args: str) -> str:
    assert main(["schema", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(("kind", "file"), [("rules", "indicators.schema.json"), ("edition", "edition.schema.json")])
def test_committed_schema_is_what_zhibiao_schema_prints(capsys, kind, file):
    assert (SCHEMAS / file).read_text(encoding="utf-8") == printed(capsys, kind)


@pytest.mark.parametrize("path", sorted(BUNDLED.glob("indicators/*.yaml")) + [BUNDLED / "edition.yaml"], ids=lambda p: p.name)
def test_each_bundled_rule_file_names_its_schema_on_its_first_line(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match is not None
    expected = "edition.schema.json" if path.name == "edition.yaml" else "indicators.schema.json"
    target = (path.parent / match.group(1)).resolve()
    assert target == (SCHEMAS / expected).resolve()
    assert target.is_file()


def test_rule_schema_describes_the_keys_an_author_writes(capsys):
    schema = json.loads(printed(capsys, "rules"))
    indicator = schema["additionalProperties"]
    assert sorted(indicator["required"]) == ["category", "inputs", "name"]
    assert indicator["properties"]["inputs"]["additionalProperties"]["properties"]["type"]["enum"] == [
        "percent", "count", "rank", "number", "bool", "enum"]
    assert indicator["properties"]["tiers"]["patternProperties"] == {"^[1-5]$": {"type": "string"}}
    assert all("description" in spec for spec in indicator["properties"].values())


# -- data files ------------------------------------------------------------
def accepts(schema: dict, value) -> bool:
    """The part of JSON Schema the data schema uses, to read it back."""
    if "anyOf" in schema:
        return any(accepts(s, value) for s in schema["anyOf"])
    if "enum" in schema:
        return value in schema["enum"]
    kinds = schema.get("type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    checks = {
        "null": value is None,
        "boolean": isinstance(value, bool),
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "object": isinstance(value, dict),
    }
    if kinds and not any(checks[k] for k in kinds):
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return False
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            return False
        if "maximum" in schema and value > schema["maximum"]:
            return False
    if isinstance(value, str) and "pattern" in schema:
        return re.search(schema["pattern"], value) is not None
    return True


@pytest.fixture(scope="module")
def data_schema():
    from zhibiao.data.sheet import data_schema as build
    from zhibiao.ruleset.loader import load_edition

    return build(load_edition())


def test_data_schema_printed_for_an_edition(capsys, data_schema):
    assert json.loads(printed(capsys, "data", "--standard", "db37-t-3890.1-2020")) == json.loads(json.dumps(data_schema))


def test_data_schema_lists_every_indicator_and_field(edition, data_schema):
    values = data_schema["properties"]["values"]
    assert values["additionalProperties"] is False
    assert {i: sorted(s["properties"]) for i, s in values["properties"].items()} == {
        ind.id: sorted(ind.inputs) for ind in edition.indicators.values()}


def CITED(options: list) -> dict:  # noqa: N802 - a constant's shape, for the value
    """The form of a value written with its source and evidence."""
    return {
        "type": "object",
        "properties": {
            "value": {"anyOf": options},
            "source": {"type": ["string", "number", "null"], "description": "数据的来源 / where the value comes from"},
            "evidence": {"type": ["string", "null"], "description": "证明该数据的文件或网址 / a document or address that shows it"},
        },
        "additionalProperties": False,
    }


def test_data_schema_gives_types_ranges_enum_values_and_labels(data_schema):
    fields = {i: s["properties"] for i, s in data_schema["properties"]["values"]["properties"].items()}
    assert fields["L1P1"]["e_license_rate"] == {
        "title": "电子证照使用率",
        "description": "电子证照使用率 / E-licence usage rate (percent, %)",
        "anyOf": [
            {"type": "number", "minimum": 0, "maximum": 100},
            {"type": "string", "pattern": r"^\s*[+-]?[0-9]+(\.[0-9]+)?\s*[%％]\s*$"},
            {"type": "null"},
            CITED(fields["L1P1"]["e_license_rate"]["anyOf"][:3]),
        ],
    }
    # An enum value by its name or its label in either language, as data files may give it.
    assert fields["L5P2"]["top_plan_status"]["anyOf"][0]["enum"] == [
        "none", "drafting", "completed", "published", "无", "正在制定", "制定完成", "已发布", None]
    # A graded answer that still takes a yes/no.
    assert fields["L5P2"]["annual_plan"]["anyOf"] == [
        {"enum": ["none", "made", "clear", "无", "已制定", "已制定且明确", "made and clear", None]},
        {"type": "boolean"},
        {"enum": ["是", "否", "yes", "no", "true", "false", "y", "n"]},
        CITED(fields["L5P2"]["annual_plan"]["anyOf"][:3]),
    ]
    assert fields["L4P4"]["weather_station_spacing_km"]["anyOf"][0] == {"type": "number", "exclusiveMinimum": 0}
    assert fields["L1P3"]["app_rank"]["anyOf"][0] == {"type": "integer", "minimum": 1, "maximum": 16}
    assert fields["L1P2"]["employment_channels"]["anyOf"][0] == {"type": "integer", "minimum": 0}
    assert fields["L5P4"]["social_capital_wan"]["description"].endswith("(number, 万元)")


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_data_schema_accepts_every_sample_city(data_schema, sample):
    document = yaml.safe_load(sample.read_text(encoding="utf-8"))
    fields = {i: s["properties"] for i, s in data_schema["properties"]["values"]["properties"].items()}
    rejected = [(i, f, v) for i, given in document["values"].items() for f, v in given.items() if not accepts(fields[i][f], v)]
    assert rejected == []


@pytest.mark.parametrize(("indicator", "field", "value"), [
    ("L1P1", "e_license_rate", 100.5),
    ("L1P1", "e_license_rate", "85 percent"),
    ("L1P3", "app_rank", 0),
    ("L1P2", "employment_channels", 2.5),
    ("L4P4", "weather_station_spacing_km", 0),
    ("L5P2", "top_plan_status", "finished"),
])
def test_data_schema_rejects_what_the_data_reader_rejects(data_schema, indicator, field, value):
    fields = data_schema["properties"]["values"]["properties"][indicator]["properties"]
    assert not accepts(fields[field], value)


def test_unknown_schema_kind_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["schema", "data-file"])
    assert stop.value.code == 2
    assert "zhibiao schema: 错误: 参数 KIND：无效的选择：“data-file”（可选：rules、edition、data）。是否想写“data”？" in (
        capsys.readouterr().err.splitlines())


def test_schema_can_be_written_to_a_file(tmp_path, capsys):
    target = Path(tmp_path) / "rules.json"
    assert main(["schema", "rules", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == (SCHEMAS / "indicators.schema.json").read_text(encoding="utf-8")
