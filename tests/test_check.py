"""`zhibiao check`: every mistake an author can make in a rule file is
reported where it is, in the author's terms, and nothing else is.

Each folder under fixtures/broken_rules is a minimal edition with one kind
of mistake (several_mistakes has three, in two files). Locations are
relative to the folder, as an author running `zhibiao check .` there sees them.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES
from zhibiao.cli import main
from zhibiao.ruleset.checker import check, check_indicator
from zhibiao.ruleset.loader import inspect_edition

BROKEN = FIXTURES / "broken_rules"

# fixture -> (exit status, first line of each problem in order, in English)
EXPECTED = {
    "bad_input_type": (1, [
        "indicators/a.yaml:5:18: error: 'X1.inputs.rate.type' has an invalid value 'percentage': allowed: percent, count, rank, number, bool, enum; did you mean 'percent'?",
    ]),
    "bad_selection": (1, [
        "edition.yaml:8:12: error: 'selection' has an invalid value 'highest': allowed: highest_passing, cumulative; did you mean 'highest_passing'?",
    ]),
    "bool_compared_with_number": (1, [
        'indicators/a.yaml:8:8: error: type mismatch: yes/no and a plain number cannot be compared with >=',
    ]),
    "category_sum": (0, [
        'edition.yaml:10:40: warning: category A: the top weights of its indicators add up to 9, not its maximum 10',
    ]),
    "duplicate_indicator": (1, [
        'indicators/b.yaml:1:1: error: indicator id X1 defined twice (also in indicators/a.yaml:1:1)',
    ]),
    "duplicate_yaml_key": (1, [
        "indicators/a.yaml:9:5: error: key '2' given twice (first on line 8)",
    ]),
    "edition_missing_total": (1, [
        "edition.yaml:1:1: error: required key 'total' is missing (in the top level)",
        "indicators/a.yaml:8:8: error: unknown name 'rat': no input or measure of that name in indicator X1; did you mean 'rate'?",
    ]),
    "edition_unknown_key": (1, [
        "edition.yaml:1:1: error: required key 'selection' is missing (in the top level)",
        "edition.yaml:8:1: error: unknown key 'selecton' (in the top level); did you mean 'selection'?",
    ]),
    "enum_value_undeclared": (1, [
        "indicators/a.yaml:10:16: error: 'publised' is not a value of plan; allowed: none, drafting, completed, published",
    ]),
    "enum_without_values": (1, [
        "indicators/a.yaml:6:5: error: required key 'values' is missing (in X1.inputs.plan)",
    ]),
    "yes_means_on_bool": (1, [
        "indicators/a.yaml:5:48: error: 'X1.inputs.plan.yes_means' has an invalid value 'clear': only an enum input says which of its values a yes or a no stands for",
        "indicators/a.yaml:5:65: error: 'X1.inputs.plan.no_means' has an invalid value 'none': only an enum input says which of its values a yes or a no stands for",
    ]),
    "yes_means_alone": (1, [
        "indicators/a.yaml:5:66: error: required key 'no_means' is missing (in X1.inputs.plan)",
    ]),
    "yes_means_undeclared": (1, [
        "indicators/a.yaml:9:18: error: 'X1.inputs.plan.yes_means' has an invalid value 'clera': not one of the input's values none, made, clear; did you mean 'clear'?",
    ]),
    "yes_and_no_same": (1, [
        "indicators/a.yaml:5:93: error: 'X1.inputs.plan.no_means' has an invalid value 'made': a yes and a no cannot stand for the same value",
    ]),
    "yes_below_no": (0, [
        "indicators/a.yaml:5:5: warning: X1: input plan reads a yes as none, lower than the clear a no stands for (values are listed lowest first)",
    ]),
    "not_nested_relaxes": (0, []),
    "identical_tiers": (0, [
        'indicators/a.yaml:8:8: warning: X1: tiers 2 and 3 have the same condition; tier 2 can never be awarded',
    ]),
    "measure_cycle": (1, [
        'indicators/a.yaml:11:13: error: computed measures refer to each other in a cycle: share → all → share',
    ]),
    "measure_shadows_input": (1, [
        "indicators/a.yaml:7:5: error: X1: measure 'rate' has the same name as an input",
    ]),
    "measure_type": (1, [
        'indicators/a.yaml:7:41: error: measure m is declared a count, its expression gives a percent',
    ]),
    "missing_key": (1, [
        "indicators/a.yaml:1:1: error: required key 'inputs' is missing (in X1)",
    ]),
    "non_monotone": (0, [
        'indicators/a.yaml:11:16: warning: X1: the threshold on rate gets easier as the tier rises (tier 3: ≥ 80%; tier 4: ≥ 70%)',
    ]),
    "non_monotone_spacing": (0, [
        'indicators/a.yaml:9:18: warning: X1: the threshold on spacing gets easier as the tier rises (tier 3: < 3 km; tier 4: < 5 km)',
        'indicators/a.yaml:10:18: warning: X1: the threshold on spacing gets easier as the tier rises (tier 4: < 5 km; tier 5: < 10 km)',
    ]),
    "percent_vs_count": (1, [
        'indicators/a.yaml:10:24: error: type mismatch: a count and a percent cannot be compared',
    ]),
    "percent_without_sign": (1, [
        "indicators/a.yaml:8:16: error: percent 'rate' must be compared with a percent, write 40%",
    ]),
    "several_mistakes": (1, [
        "indicators/a.yaml:13:3: error: unknown key 'note' (in X1); did you mean 'notes'?",
        "indicators/a.yaml:20:22: error: syntax error in condition (an operand is missing): the condition ends too early, expected + -, '(', a name, not/非, a number",
        "indicators/b.yaml:7:8: error: unknown name 'sped': no input or measure of that name in indicator X3; did you mean 'speed'?",
    ]),
    "syntax_bad_character": (1, [
        "indicators/a.yaml:10:20: error: syntax error in condition: unexpected character '&'",
    ]),
    "syntax_doubled_operator": (1, [
        "indicators/a.yaml:9:16: error: syntax error in condition (two operators in a row): at '>=', expected + -, '(', a name, a number",
    ]),
    "syntax_missing_operand": (1, [
        "indicators/a.yaml:8:15: error: syntax error in condition (an operand is missing): the condition ends too early, expected + -, '(', a name, a number",
    ]),
    "syntax_unclosed_paren": (1, [
        "indicators/a.yaml:10:31: error: syntax error in condition (a parenthesis is not closed): the condition ends too early, expected ')'",
    ]),
    "tier_level_six": (1, [
        "indicators/a.yaml:12:5: error: unknown key '6' (in X1.tiers)",
    ]),
    "tier_not_boolean": (1, [
        'indicators/a.yaml:11:8: error: a tier condition must be a true/false condition, here it is a percent',
    ]),
    "tier_ref_absent": (1, [
        'indicators/a.yaml:11:8: error: tier(1) refers to tier 1, which this indicator does not have',
    ]),
    "tier_ref_higher": (1, [
        'indicators/a.yaml:13:8: error: tier 3 may only refer to a lower tier, tier(4) is not lower',
    ]),
    "tier_ref_in_measure": (1, [
        'indicators/a.yaml:10:24: error: tier(n) can only be used in a tier condition',
    ]),
    "tier_without_weight": (0, [
        'indicators/a.yaml:10:5: warning: X1: tier 4 has a condition but no weight; reaching it scores 0 points',
    ]),
    "total_sum": (0, [
        'edition.yaml:7:8: warning: the category maxima add up to 10, not the declared total 12',
    ]),
    "unit_mismatch": (1, [
        'indicators/a.yaml:8:17: error: unit mismatch: speed is in Mbit/s, the condition says km',
    ]),
    "unit_on_percent": (1, [
        'indicators/a.yaml:9:16: error: unit km only fits a number input with that unit, here it meets a percent',
    ]),
    "unknown_category": (1, [
        "indicators/a.yaml:3:13: error: indicator X1 has category infr, which edition.yaml does not declare; did you mean 'infra'?",
    ]),
    "unknown_function": (1, [
        "indicators/a.yaml:11:8: error: unknown function 'maen'; available: mean, sum, min, max, count, tier; did you mean 'mean'?",
    ]),
    "unknown_key": (1, [
        "indicators/a.yaml:1:1: error: required key 'category' is missing (in X1)",
        "indicators/a.yaml:3:3: error: unknown key 'catgory' (in X1); did you mean 'category'?",
    ]),
    "unknown_name": (1, [
        "indicators/a.yaml:9:8: error: unknown name 'rtae': no input or measure of that name in indicator X1; did you mean 'rate'?",
    ]),
    "unreachable_cumulative": (0, [
        "indicators/a.yaml:11:8: warning: X1: tier 4 can never be awarded under 'cumulative': no city can meet it together with every lower tier",
        "indicators/a.yaml:12:8: warning: X1: tier 5 can never be awarded under 'cumulative': no city can meet it together with every lower tier",
    ]),
    "unreachable_tier": (0, [
        "indicators/a.yaml:11:8: warning: X1: tier 1 can never be awarded under 'highest_passing': every city meeting it also meets a higher tier",
    ]),
    "unused_input": (0, [
        'indicators/a.yaml:6:5: warning: X1: input spare is declared but no tier, measure or deduction uses it',
    ]),
    "weight_without_tier": (0, [
        'indicators/a.yaml:11:13: warning: X1: tier 1 has a weight but no condition; the weight is ignored',
    ]),
    "weights_not_increasing": (0, [
        'indicators/a.yaml:12:28: warning: X1: the weight of tier 3 (4) is not above that of tier 2 (4)',
    ]),
    "wrong_type_weight": (1, [
        "indicators/a.yaml:12:40: error: 'X1.weights.5' should be a number, got 'high'",
    ]),
    "label_bidi": (1, [
        "indicators/a.yaml:5:35: error: 'X1.inputs.rate.label' holds U+202E, a character no reader can see (it hides or reorders text); remove it",
    ]),
    "weights_missing": (1, [
        "indicators/a.yaml:6:3: error: X1 has tiers but no weights: every tier would score 0 points",
    ]),
    "input_name_digit": (1, [
        "indicators/a.yaml:5:5: error: '5g_coverage' cannot be used as a name in conditions: a name must not start with a digit (the condition would read the digits as a number)",
        "indicators/a.yaml:6:5: error: 'and' cannot be used as a name in conditions: 'and' is a word of the condition language",
    ]),
    "divisor_may_be_zero": (0, [
        "indicators/a.yaml:9:15: warning: X1: the condition of tier 1 divides by 项目总数, which may be 0; a city for which it is 0 is then not assessed",
        "indicators/a.yaml:10:37: warning: X1: the condition of tier 2 divides by 项目总数, which may be 0; a city for which it is 0 is then not assessed",
    ]),
    "printed_id_is_an_id": (1, [
        "indicators/a.yaml:13:15: error: X2: printed_id X1 is an indicator id of this edition (indicators/a.yaml:1:1); a data file giving it means that indicator",
    ]),
    "printed_id_twice": (1, [
        "indicators/a.yaml:14:15: error: printed_id XI is declared by X1 and by X2; a printed code can stand for one indicator only",
    ]),
    "yaml_syntax": (1, [
        "indicators/a.yaml:5:11: error: line 5: the '{' in 'rate: {type: percent, label: 覆盖率' is never closed; add '}' after the last entry",
    ]),
}


def run_check(capsys, monkeypatch, name: str, *options: str) -> tuple[int, str, str]:
    monkeypatch.chdir(BROKEN / name)
    code = main(["check", ".", *options])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def heads(out: str) -> list[str]:
    """The first line of each problem: excerpts are indented, the summary is last."""
    return [line for line in out.splitlines()[:-1] if not line.startswith(" ")]


def test_there_is_a_broken_folder_for_every_expectation_and_at_least_25():
    folders = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
    assert folders == sorted(EXPECTED)
    assert len(folders) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_is_reported_at_its_file_line_and_column_in_words(name, capsys, monkeypatch):
    status, lines = EXPECTED[name]
    code, out, err = run_check(capsys, monkeypatch, name, "--lang", "en")
    assert heads(out) == lines
    assert code == status
    assert err == ""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_problem_shows_the_offending_text_with_a_caret(name, capsys, monkeypatch):
    code, out, _ = run_check(capsys, monkeypatch, name, "--format", "json")
    report = json.loads(out)
    assert len(report["problems"]) == len(EXPECTED[name][1])
    for problem in report["problems"]:
        excerpt_lines = problem["excerpt"].splitlines()
        assert len(excerpt_lines) == 2 and excerpt_lines[1].strip() == "^"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_chinese_messages_name_the_same_places(name, capsys, monkeypatch):
    status, lines = EXPECTED[name]
    code, out, _ = run_check(capsys, monkeypatch, name)
    places = [line.split(": ")[0] for line in lines]
    labels = ["错误" if ": error: " in line else "警告" for line in lines]
    assert [(h.split(": ")[0], h.split(": ")[1]) for h in heads(out)] == list(zip(places, labels))
    assert code == status


@pytest.mark.parametrize(("name", "line"), [
    ("unknown_key", "indicators/a.yaml:3:3: 错误: 未知的键“catgory”（X1）。是否想写“category”？"),
    ("missing_key", "indicators/a.yaml:1:1: 错误: 缺少必填的键“inputs”（X1）"),
    ("edition_missing_total", "edition.yaml:1:1: 错误: 缺少必填的键“total”（文件顶层）"),
    ("duplicate_yaml_key", "indicators/a.yaml:9:5: 错误: 键“2”重复（第一次出现在第 8 行）"),
    ("unknown_name", "indicators/a.yaml:9:8: 错误: 未知名称“rtae”：指标 X1 中没有这个输入或计算量。是否想写“rate”？"),
    ("percent_vs_count", "indicators/a.yaml:10:24: 错误: 类型不符：计数 与 百分比 不能比较"),
    ("unit_mismatch", "indicators/a.yaml:8:17: 错误: 单位不符：speed 的单位是 Mbit/s，条件写的是 km"),
    ("enum_value_undeclared", "indicators/a.yaml:10:16: 错误: “publised”不是 plan 的取值，可选：none、drafting、completed、published"),
    ("tier_ref_higher", "indicators/a.yaml:13:8: 错误: 3 星级只能引用更低的星级，tier(4) 不是"),
    ("measure_cycle", "indicators/a.yaml:11:13: 错误: 计算量循环引用：share → all → share"),
    ("identical_tiers", "indicators/a.yaml:8:8: 警告: X1：2 星与 3 星条件相同，2 星永远无法评定"),
    ("unreachable_tier", "indicators/a.yaml:11:8: 警告: X1：在“highest_passing”规则下 1 星永远无法评定：满足它的城市总会达到更高的星级"),
    ("non_monotone", "indicators/a.yaml:11:16: 警告: X1：rate 的门槛随星级上升反而放宽（3 星 ≥ 80%，4 星 ≥ 70%）"),
    ("tier_without_weight", "indicators/a.yaml:10:5: 警告: X1：4 星有条件但没有权重，达到该星级得 0 分"),
    ("label_bidi", "indicators/a.yaml:5:35: 错误: “X1.inputs.rate.label”含有看不见的字符 U+202E（会隐藏或打乱文字的显示顺序），请删除"),
    ("weights_missing", "indicators/a.yaml:6:3: 错误: X1 有星级条件但没有权重（weights）：每个星级都将得 0 分"),
    ("input_name_digit", "indicators/a.yaml:5:5: 错误: “5g_coverage”不能用作条件中的名称：名称不能以数字开头（条件会把开头的数字读作数值）"),
    ("divisor_may_be_zero", "indicators/a.yaml:9:15: 警告: X1：1 星的条件除以项目总数，该值可能为 0；为 0 的城市将无法评估该指标"),
    ("category_sum", "edition.yaml:10:40: 警告: 类别 A 各指标最高权重之和为 9，与类别满分 10 不符"),
    ("unused_input", "indicators/a.yaml:6:5: 警告: X1：输入 spare 已声明，但没有星级条件、计算量或扣分式使用它"),
    ("printed_id_twice", "indicators/a.yaml:14:15: 错误: printed_id XI 同时由 X1 和 X2 声明；一个印刷编号只能对应一项指标"),
])
def test_messages_are_in_chinese_by_default(name, line, capsys, monkeypatch):
    _, out, _ = run_check(capsys, monkeypatch, name)
    assert line in heads(out)


@pytest.mark.parametrize(("name", "excerpt"), [
    ("syntax_missing_operand", ["    rate >=", "           ^"]),
    ("syntax_doubled_operator", ["    rate >= >= 60%", "            ^"]),
    ("syntax_unclosed_paren", ["    (rate >= 60% and n >= 1", "                           ^"]),
    ("syntax_bad_character", ["    rate >= 80% & rate < 85%", "                ^"]),
])
def test_a_syntax_error_shows_a_caret_under_the_place_in_the_condition(name, excerpt, capsys, monkeypatch):
    _, out, _ = run_check(capsys, monkeypatch, name, "--lang", "en")
    assert out.splitlines()[1:3] == excerpt


def test_warnings_alone_exit_0_and_strict_makes_them_errors(capsys, monkeypatch):
    code, out, _ = run_check(capsys, monkeypatch, "identical_tiers", "--lang", "en")
    assert code == 0
    assert out.splitlines()[-1] == ".: 0 errors, 1 warning"
    code, out, _ = run_check(capsys, monkeypatch, "identical_tiers", "--lang", "en", "--strict")
    assert code == 1
    assert heads(out) == ["indicators/a.yaml:8:8: error: X1: tiers 2 and 3 have the same condition; tier 2 can never be awarded"]
    assert out.splitlines()[-1] == ".: 1 error, 0 warnings"


def test_json_report_for_tools(capsys, monkeypatch):
    code, out, _ = run_check(capsys, monkeypatch, "unknown_name", "--format", "json", "--lang", "en")
    assert code == 1
    assert json.loads(out) == {
        "folder": ".",
        "errors": 1,
        "warnings": 0,
        "problems": [{
            "severity": "error",
            "code": "unknown_name",
            "message": "unknown name 'rtae': no input or measure of that name in indicator X1; did you mean 'rate'?",
            "file": "indicators/a.yaml",
            "line": 9,
            "column": 8,
            "excerpt": "    rtae >= 60%\n    ^",
        }],
    }


def test_a_folder_without_edition_yaml_is_a_usage_error(capsys, tmp_path):
    code = main(["check", str(tmp_path / "nowhere"), "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith(f"error: no edition '{tmp_path / 'nowhere'}': neither a bundled edition nor a folder with edition.yaml.")


def test_the_bundled_edition_checks_clean_but_for_the_identical_l4p1_tiers(capsys):
    code = main(["check", "--lang", "en"])
    out, _ = capsys.readouterr()
    assert code == 0
    warning, = heads(out)
    assert warning.endswith("L4.yaml:16:8: warning: L4P1: tiers 1 and 2 have the same condition; tier 1 can never be awarded")
    assert out.splitlines()[-1].endswith(": 0 errors, 1 warning")


def test_the_bundled_edition_has_no_other_meaning_warning():
    inspection = inspect_edition()
    assert [(p.code, p.params["id"], p.params["a"], p.params["b"]) for p in check(inspection)] == [("identical_tiers", "L4P1", 1, 2)]
    assert inspection.problems == []


def test_a_smaller_is_better_spacing_whose_limit_tightens_is_not_non_monotone(edition):
    # L4P4: spacing < 10 km, < 5 km, < 3 km: the limit falls as the tier rises, rightly.
    assert check_indicator(edition.indicators["L4P4"], edition) == []


def test_rank_spans_have_no_plain_direction_and_are_not_non_monotone(edition):
    # L1P3: 13 <= rank <= 16 ... rank <= 3: floors and ceilings both, so no warning.
    assert check_indicator(edition.indicators["L1P3"], edition) == []


def test_a_measure_at_the_heart_of_the_tiers_is_explored_as_a_value_of_its_own(edition):
    # L1P11 compares only its mean with literals: every tier is reachable.
    assert check_indicator(edition.indicators["L1P11"], edition) == []
