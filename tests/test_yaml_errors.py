"""A YAML mistake in a data or rule file is told in the reader's language:
what is wrong, on which line, near which key or text, and where to fix it;
never in PyYAML's own words ("while parsing a block mapping ...").

Each file under fixtures/yaml_errors holds one mistake; rule_indent/ is an
edition whose indicator file has an indentation mistake (rule files are read
by the same loader).
"""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from zhibiao.yamlpos import YamlProblem, load

HERE = FIXTURES / "yaml_errors"

# fixture -> (code, Chinese, English): what Problem.render prints after the file name.
CASES = {
    "indent_key.yaml": (
        "yaml_indent",
        ":3:4: 错误: 第 3 行：“L1P2” 的缩进与上一行的键不一致",
        ":3:4: error: line 3: the indentation of 'L1P2' does not match the keys above it",
    ),
    "indent_key_less.yaml": (
        "yaml_indent",
        ":3:3: 错误: 第 3 行：“L1P2” 的缩进与上一行的键不一致",
        ":3:3: error: line 3: the indentation of 'L1P2' does not match the keys above it",
    ),
    "indent_after_value.yaml": (
        "yaml_indent",
        ":4:6: 错误: 第 4 行：“online_rate” 的缩进与上一行的键不一致",
        ":4:6: error: line 4: the indentation of 'online_rate' does not match the keys above it",
    ),
    "indent_list_item.yaml": (
        "yaml_indent_item",
        ":4:2: 错误: 第 4 行：列表项“政务数据平台”的缩进与上面几行不一致",
        ":4:2: error: line 4: the indentation of the list item '政务数据平台' does not match the lines above it",
    ),
    "tab_indent.yaml": (
        "yaml_tab",
        ":2:1: 错误: 第 2 行：“L1P1”前面有制表符（Tab），YAML 在这里只允许空格，请把 Tab 换成空格",
        ":2:1: error: line 2: there is a tab before 'L1P1'; YAML allows only spaces there, replace the tab with spaces",
    ),
    "tab_blank_line.yaml": (
        "yaml_tab_blank",
        ":2:1: 错误: 第 2 行：这个空行里有制表符（Tab），YAML 只允许空格，请删除 Tab",
        ":2:1: error: line 2: this blank line holds a tab; YAML allows only spaces, delete the tab",
    ),
    "colon_in_value.yaml": (
        "yaml_colon",
        ":2:7: 错误: 第 2 行：“note”的值中含有“: ”（冒号加空格），YAML 会把它当成另一个键；请给这个值加上引号",
        ":2:7: error: line 2: the value of 'note' contains ': ' (a colon and a space), which YAML reads as another key; put the value in quotes",
    ),
    "fullwidth_colon.yaml": (
        "yaml_no_colon",
        ":1:1: 错误: 第 1 行：“entity：济南市”应写成“键: 值”，用英文冒号“:”，冒号后加一个空格",
        ":1:1: error: line 1: 'entity：济南市' should be written 'key: value', with an ASCII colon ':' and a space after it",
    ),
    "colon_without_space.yaml": (
        "yaml_no_colon",
        ":1:1: 错误: 第 1 行：“entity:济南市”应写成“键: 值”，用英文冒号“:”，冒号后加一个空格",
        ":1:1: error: line 1: 'entity:济南市' should be written 'key: value', with an ASCII colon ':' and a space after it",
    ),
    "quote_unclosed.yaml": (
        "yaml_quote",
        ':2:26: 错误: 第 2 行：“L1P1: {e_license_rate: "85%}”中的引号 " 没有闭合；请在值的末尾补上 "',
        ":2:26: error: line 2: the quote \" in 'L1P1: {e_license_rate: \"85%}' is never closed; add the closing \" at the end of the value",
    ),
    "quote_closed_lines_later.yaml": (
        "yaml_quote",
        ':1:9: 错误: 第 1 行：“entity: "济南市”中的引号 " 没有闭合；请在值的末尾补上 "',
        ":1:9: error: line 1: the quote \" in 'entity: \"济南市' is never closed; add the closing \" at the end of the value",
    ),
    "text_after_quote.yaml": (
        "yaml_after_quote",
        ':1:13: 错误: 第 1 行：“entity: "济南"市”在右引号之后还有文字；请把整个值都放在引号里',
        ":1:13: error: line 1: 'entity: \"济南\"市' has more text after the closing quote; put the whole value inside the quotes",
    ),
    "bad_escape.yaml": (
        "yaml_escape",
        ":2:12: 错误: 第 2 行：双引号里的“\\数”不是有效的转义；反斜杠要写成 \\\\，或者改用单引号",
        ":2:12: error: line 2: '\\数' inside double quotes is not a valid escape; write \\\\ for a backslash, or use single quotes",
    ),
    "flow_mapping_unclosed.yaml": (
        "yaml_flow",
        ":2:9: 错误: 第 2 行：“L1P1: {e_license_rate: 85%”中的“{”没有闭合；请在最后一项之后补上“}”",
        ":2:9: error: line 2: the '{' in 'L1P1: {e_license_rate: 85%' is never closed; add '}' after the last entry",
    ),
    "flow_sequence_unclosed.yaml": (
        "yaml_flow",
        ":1:10: 错误: 第 1 行：“sources: [统计年鉴, 政务数据平台”中的“[”没有闭合；请在最后一项之后补上“]”",
        ":1:10: error: line 1: the '[' in 'sources: [统计年鉴, 政务数据平台' is never closed; add ']' after the last entry",
    ),
    "json_unclosed.json": (
        "yaml_flow",
        ':1:1: 错误: 第 1 行：“{"values": {"L1P1": {"e_license_rate": 8…”中的“{”没有闭合；请在最后一项之后补上“}”',
        ":1:1: error: line 1: the '{' in '{\"values\": {\"L1P1\": {\"e_license_rate\": 8…' is never closed; add '}' after the last entry",
    ),
    "flow_missing_comma.yaml": (
        "yaml_flow_item",
        ":2:41: 错误: 第 2 行：“{ … }”里的“e_license_rate: 86% online_rate:”不是有效的一项；各项之间用英文逗号“,”分隔，含有“: ”的值请加引号",
        ":2:41: error: line 2: inside '{ ... }', 'e_license_rate: 86% online_rate:' is not a valid entry; separate the entries with ',' and put a value that holds ': ' in quotes",
    ),
    "reserved_at.yaml": (
        "yaml_reserved",
        ":2:3: 错误: 第 2 行：“@L1P1”以“@”开头，这是 YAML 的保留字符；请给它加上引号",
        ":2:3: error: line 2: '@L1P1' starts with '@', which YAML reserves; put it in quotes",
    ),
    "reserved_backtick.yaml": (
        "yaml_reserved",
        ":1:1: 错误: 第 1 行：“`entity`”以“`”开头，这是 YAML 的保留字符；请给它加上引号",
        ":1:1: error: line 1: '`entity`' starts with '`', which YAML reserves; put it in quotes",
    ),
    "reserved_percent.yaml": (
        "yaml_reserved",
        ":2:1: 错误: 第 2 行：“%note”以“%”开头，这是 YAML 的保留字符；请给它加上引号",
        ":2:1: error: line 2: '%note' starts with '%', which YAML reserves; put it in quotes",
    ),
    "reserved_greater.yaml": (
        "yaml_reserved",
        ":2:26: 错误: 第 2 行：“>85%”以“>”开头，这是 YAML 的保留字符；请给它加上引号",
        ":2:26: error: line 2: '>85%' starts with '>', which YAML reserves; put it in quotes",
    ),
    "control_character.yaml": (
        "yaml_control_char",
        ":1:12: 错误: 第 1 行第 12 列：有不可见的控制字符 U+0007，YAML 不允许，请删除它",
        ":1:12: error: line 1, column 12: the invisible control character U+0007 is not allowed; delete it",
    ),
    "impossible_date.yaml": (
        "yaml_bad_scalar",
        ":2:9: 错误: 第 2 行：“period”的值“2023-02-30”看起来像日期或数字，但并不有效；如果它是文字，请加上引号",
        ":2:9: error: line 2: the value '2023-02-30' of 'period' looks like a date or number but is not a valid one; put it in quotes if it is meant as text",
    ),
    "other_mistake.yaml": (
        "yaml_syntax",
        ":2:9: 错误: 第 2 行第 9 列：这不是有效的 YAML：values: - L1P1（请检查缩进、冒号和引号）",
        ":2:9: error: line 2, column 9: this is not valid YAML: values: - L1P1 (check the indentation, colons and quotes)",
    ),
}

# What PyYAML says and a reader should never see.
PYYAML_WORDS = ("while parsing", "while scanning", "expected <", "but found", "<block", "<scalar>", "<stream end>", "cannot start any token")


def problem_of(name: str):
    text = (HERE / name).read_text(encoding="utf-8")
    with pytest.raises(YamlProblem) as caught:
        load(text, name)
    return caught.value.problem


def test_every_fixture_has_a_case():
    assert sorted(p.name for p in HERE.iterdir() if p.is_file()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_mistake_is_told_in_chinese_and_english(name):
    code, zh, en = CASES[name]
    problem = problem_of(name)
    assert problem.code == code
    assert problem.render("zh") == name + zh
    assert problem.render("en") == name + en


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_pyyaml_words_and_plain_params(name):
    problem = problem_of(name)
    for lang in ("zh", "en"):
        text = problem.render(lang)
        assert not any(words in text for words in PYYAML_WORDS), text
    assert problem.message("zh") != problem.message("en")  # the Chinese is in the catalogue
    assert all(isinstance(v, (str, int)) for v in problem.params.values())
    assert problem.params["line"] == problem.where.line  # the message names the line it points at


def test_a_rule_file_goes_through_the_same_loader():
    name = "indicators/a.yaml"
    with pytest.raises(YamlProblem) as caught:
        load((HERE / "rule_indent" / name).read_text(encoding="utf-8"), name)
    assert caught.value.problem.render("en") == f"{name}:9:6: error: line 9: the indentation of '3' does not match the keys above it"


def test_evaluate_prints_the_mistake_on_stderr_and_exits_2(capsys):
    from zhibiao.cli import main

    path = HERE / "indent_key.yaml"
    code = main(["evaluate", str(path), "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.splitlines()[0] == f"{path}:3:4: error: line 3: the indentation of 'L1P2' does not match the keys above it"
    assert "Traceback" not in err


def test_evaluate_says_it_in_chinese_by_default(capsys):
    from zhibiao.cli import main

    path = HERE / "quote_unclosed.yaml"
    code = main(["evaluate", str(path)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines()[0] == f"{path}{CASES['quote_unclosed.yaml'][1]}"


def test_a_json_data_file_that_is_not_json_either_gets_the_yaml_message(capsys):
    from zhibiao.cli import main

    path = HERE / "json_unclosed.json"
    code = main(["evaluate", str(path), "--lang", "en"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines()[0] == f"{path}{CASES['json_unclosed.json'][2]}"


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "indicators/a.yaml:9:6: error: line 9: the indentation of '3' does not match the keys above it"),
    ("zh", "indicators/a.yaml:9:6: 错误: 第 9 行：“3” 的缩进与上一行的键不一致"),
])
def test_check_reports_an_indentation_mistake_in_a_rule_file(capsys, monkeypatch, lang, line):
    from zhibiao.cli import main

    monkeypatch.chdir(HERE / "rule_indent")
    code = main(["check", ".", "--lang", lang])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines()[0] == line
    assert err == ""
