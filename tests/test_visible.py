"""Text from data files cannot drive the terminal; numbers typed the Chinese
way are read.

Control characters (C0, C1, DEL) and invisible format characters (zero-width,
bidirectional overrides, BOM) from a data or rule file reach a text output
escaped (\\x1b, \\u202e); JSON keeps the exact text (its own escapes), HTML
and Markdown stay escaped; an echoed value is cut to a readable length.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.conftest import FIXTURES
from zhibiao.cli import main
from zhibiao.words.visible import Echo, echo, visible

HERE = FIXTURES / "visible"
ANSI = HERE / "ansi-entity.yaml"
ENTITY = "\x1b[2J\x1b[31mALL GOOD\x1b[0m"
SHOWN = "\\x1b[2J\\x1b[31mALL GOOD\\x1b[0m"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
REVISION = FIXTURES / "editions" / "db37-revision-fixture"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the rule of escaping -----------------------------------------------------
@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b[31m", "\\x1b[31m"),
    ("a\x00b", "a\\x00b"),
    ("\u202e85%", "\\u202e85%"),
    ("x\u200by", "x\\u200by"),
    ("\x85\x7f", "\\x85\\x7f"),
    ("\ufeffL1P1", "\\ufeffL1P1"),
    ("line\nbreak\ttab", "line\\x0abreak\\x09tab"),
    ("济南市 85％", "济南市 85％"),
])
def test_control_and_invisible_characters_are_shown_escaped(text, shown):
    assert visible(text) == shown


def test_an_echoed_value_is_cut_with_its_full_length_said():
    assert Echo('"' + "a" * 5000 + '"', 5000).text("zh") == '"' + "a" * 57 + '…"（5000 个字符）'
    assert echo("a" * 5000).text("en") == '"' + "a" * 57 + '…" (5000 characters)'
    assert echo("a" * 58).text("en") == '"' + "a" * 58 + '"'


# -- each text output ---------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_text_report_shows_an_ansi_entity_escaped(capsys, lang):
    code, out, err = run(capsys, "evaluate", str(ANSI), "--lang", lang)
    assert code == 0
    assert not RAW.search(out + err)
    assert SHOWN in out.splitlines()[1]


def test_the_html_report_shows_an_ansi_entity_escaped(capsys):
    code, out, _ = run(capsys, "evaluate", str(ANSI), "--format", "html")
    assert code == 0
    assert not RAW.search(out)
    assert f"<title>{SHOWN} — DB37/T 3890.1-2020</title>" in out


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_parses_and_gives_back_the_entity_exactly(capsys, fmt):
    code, out, _ = run(capsys, "evaluate", str(ANSI), "--format", fmt)
    assert code == 0
    assert not RAW.search(out.replace("\n", ""))
    assert json.loads(out)["entity"] == ENTITY


def test_json_escapes_what_a_terminal_would_act_on_and_round_trips(capsys, tmp_path):
    city = tmp_path / "city.yaml"
    city.write_text('entity: "\\u202e市\\x85\\u200b"\nvalues: {L1P1: {e_license_rate: 86%}}\n', encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(city), "--format", "json")
    assert code == 0
    assert '"entity": "\\u202e市\\u0085\\u200b"' in out
    assert json.loads(out)["entity"] == "\u202e市\x85\u200b"


@pytest.mark.parametrize(("fmt", "line"), [
    ("text", f"  {SHOWN}（2020），tests/fixtures/visible/ansi-entity.yaml"),
    ("markdown", "#### \\x1b\\[2J\\x1b\\[31mALL GOOD\\x1b\\[0m（2020）"),
])
def test_the_diff_impact_shows_an_ansi_entity_escaped(capsys, monkeypatch, fmt, line):
    monkeypatch.chdir(FIXTURES.parent.parent)
    code, out, err = run(capsys, "diff", "db37-t-3890.1-2020", str(REVISION), "--format", fmt,
                         "--data", "tests/fixtures/visible/ansi-entity.yaml")
    assert code == 1
    assert not RAW.search(out + err)
    assert line in out.splitlines()


def test_markdown_does_not_let_an_entity_open_html_or_a_table_cell(capsys, monkeypatch, tmp_path):
    city = tmp_path / "city.yaml"
    city.write_text("entity: '<script>x</script>|'\nvalues: {L1P1: {e_license_rate: 86%}}\n", encoding="utf-8")
    code, out, _ = run(capsys, "diff", "db37-t-3890.1-2020", str(REVISION), "--format", "markdown", "--data", str(city))
    assert code == 1
    assert not re.search(r"(?<!\\)<script>", out)
    assert "| \\<script>x\\</script>\\| |" in out


def test_a_test_case_title_and_messages_are_shown_escaped(capsys, tmp_path):
    folder = tmp_path / "edition"
    shutil.copytree(FIXTURES / "author_cases", folder)
    (folder / "tests" / "ansi.yaml").write_text(
        'title: "\\e[2Jlooks fine"\nvalues: {X1: {rate: "\\u202e90%"}}\nexpect: {X1: 4}\n', encoding="utf-8")
    code, out, err = run(capsys, "test", str(folder), "--case", str(folder / "tests" / "ansi.yaml"), "--lang", "en")
    assert code == 1
    assert not RAW.search(out + err)
    assert '"\\u202e90%" is not valid' in out


# -- echoed values ---------------------------------------------------------
def test_a_nul_and_a_right_to_left_override_in_values_are_shown_escaped(capsys):
    path = HERE / "nul-and-override.yaml"
    code, out, err = run(capsys, "evaluate", str(path))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f'{path}:4:27: 错误: L1P1.e_license_rate（电子证照使用率）："\\u202e85%" 不合法，应为百分数（如 85、"85%"）',
        f"{path}:5:32: 错误: L1P2.employment_channels（畅通就业服务渠道的服务模式数量）：\"3\\x00\" 不合法，应为非负整数",
    ]


@pytest.mark.parametrize(("lang", "note"), [("zh", "（5000 个字符）"), ("en", " (5000 characters)")])
def test_a_5000_character_value_is_cut_in_its_message(capsys, lang, note):
    path = HERE / "long-value.yaml"
    code, _, err = run(capsys, "evaluate", str(path), "--lang", lang)
    assert code == 2
    assert f'"{"a" * 57}…"{note}' in err
    assert len(err) < 300


# -- numbers typed the Chinese way -----------------------------------------
def test_full_width_digits_and_no_break_spaces_are_read_as_numbers(capsys):
    code, out, err = run(capsys, "evaluate", str(HERE / "typed-the-chinese-way.yaml"), "--format", "json")
    assert (code, err) == (0, "")
    values = {i["id"]: i["values"] for i in json.loads(out)["indicators"]}
    assert values["L1P1"]["e_license_rate"]["value"] == 85.5
    assert values["L1P2"]["employment_channels"]["value"] == 10
    assert values["L1P4"]["bus_realtime_rate"]["value"] == 92
    assert values["L1P4"]["e_stop_coverage"]["value"] == 12


def test_normalisation_never_changes_a_name_in_a_condition(capsys, tmp_path):
    # A full-width letter in a field name is not read as the ASCII name.
    city = tmp_path / "city.yaml"
    city.write_text("values: {L1P1: {ｅ_license_rate: 86%}}\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(city), "--lang", "en")
    assert code == 2
    assert "indicator L1P1 has no field 'ｅ_license_rate'" in err


# -- rule files --------------------------------------------------------------
def test_a_rule_label_with_a_right_to_left_override_is_refused_by_check(capsys, monkeypatch):
    monkeypatch.chdir(FIXTURES / "broken_rules" / "label_bidi")
    code, out, _ = run(capsys, "check", ".", "--lang", "en")
    assert code == 1
    assert out.splitlines()[:3] == [
        "indicators/a.yaml:5:35: error: 'X1.inputs.rate.label' holds U+202E, a character no reader can see (it hides or reorders text); remove it",
        '        rate: {type: percent, label: "覆盖率\\u202e%09", range: [0, 100]}',
        " " * 38 + "^",
    ]


def test_a_long_unknown_field_name_is_cut_too(capsys, tmp_path):
    city = tmp_path / "city.yaml"
    city.write_text("values: {L1P1: {" + "x" * 1000 + ": 1}}\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(city), "--lang", "en")
    assert code == 2
    assert f"indicator L1P1 has no field '{'x' * 58}… (1000 characters)'" in err


def test_a_raw_override_in_a_rule_file_is_escaped_in_the_excerpt_too(capsys, tmp_path):
    folder = tmp_path / "edition"
    shutil.copytree(FIXTURES / "broken_rules" / "label_bidi", folder)
    rules = folder / "indicators" / "a.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace('"覆盖率\\u202e%09"', "覆盖率\u202e%09"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(folder), "--lang", "en")
    assert code == 1
    assert not RAW.search(out)
    assert "    rate: {type: percent, label: 覆盖率\\u202e%09, range: [0, 100]}" in out


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "html"])
def test_a_lone_surrogate_from_a_json_data_file_is_shown_escaped(capsys, tmp_path, fmt):
    # JSON can write one ("\ud800"); it has no UTF-8, so written raw it could not be written at all.
    city = tmp_path / "city.json"
    city.write_text('{"entity": "济南\\ud800市", "values": {"L1P1": {"e_license_rate": "86%"}}}', encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(city), "--format", fmt)
    assert code == 0
    assert "济南\\ud800市" in out
    if fmt.startswith("json"):
        assert json.loads(out)["entity"] == "济南\ud800市"
