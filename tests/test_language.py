"""The condition language: literals, units, comparisons, logic, arithmetic,
functions, enums, tier(n), decimal exactness and syntax errors."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.errors import ConditionError, Location, RuleError
from zhibiao.language import ast
from zhibiao.language.compiler import Compiled, Scope, Symbol, compile_condition
from zhibiao.language.parser import parse
from zhibiao.language.types import VType
from zhibiao.ruleset.loader import load_edition

WHERE = Location("rules/demo.yaml", 12, 8)


def _sym(name: str, vtype: VType, zh: str, en: str) -> Symbol:
    return Symbol(name, vtype, {"zh": zh, "en": en})


SYMBOLS = {
    "a": _sym("a", VType("percent"), "甲率", "rate A"),
    "b": _sym("b", VType("percent"), "乙率", "rate B"),
    "c": _sym("c", VType("percent"), "丙率", "rate C"),
    "n": _sym("n", VType("count"), "个数", "count N"),
    "r": _sym("r", VType("rank"), "名次", "rank R"),
    "km": _sym("km", VType("number", unit="km"), "间距", "spacing"),
    "mbps": _sym("mbps", VType("number", unit="Mbit/s"), "速率", "speed"),
    "wan": _sym("wan", VType("number", unit="万元"), "资本", "capital"),
    "p": _sym("p", VType("number", unit="件/万人"), "专利", "patents"),
    "st": _sym("st", VType("enum", values=("none", "drafting", "completed", "published")), "规划状态", "plan status"),
    "f": _sym("f", VType("bool"), "事实甲", "fact F"),
    "g": _sym("g", VType("bool"), "事实乙", "fact G"),
    "h": _sym("h", VType("bool"), "事实丙", "fact H"),
}


def compiled(text: str, level: int | None = None, tiers: dict[int, Compiled] | None = None) -> Compiled:
    scope = Scope("T1", dict(SYMBOLS), tiers=dict(tiers or {}), level=level, where=WHERE, text=text)
    return compile_condition(parse(text, WHERE), scope)


def value(text: str, **env):
    return compiled(text).value(env)


def error(text: str, **kwargs) -> ConditionError:
    with pytest.raises(ConditionError) as info:
        compiled(text, **kwargs)
    return info.value


D = Decimal


# -- literals -------------------------------------------------------------
@pytest.mark.parametrize(("text", "number", "percent", "unit"), [
    ("80%", D("0.8"), True, None),
    ("80％", D("0.8"), True, None),
    ("12.5%", D("0.125"), True, None),
    ("80 %", D("0.8"), True, None),
    ("10 km", D(10), False, "km"),
    ("30 Mbit/s", D(30), False, "Mbit/s"),
    ("5000 万元", D(5000), False, "万元"),
    ("3 件/万人", D(3), False, "件/万人"),
    ("0.25", D("0.25"), False, None),
])
def test_number_literal(text, number, percent, unit):
    node = parse(text)
    assert isinstance(node, ast.Number)
    assert (node.value, node.percent, node.unit) == (number, percent, unit)
    assert isinstance(node.value, Decimal)


@pytest.mark.parametrize(("text", "env", "expected"), [
    ("a >= 80%", {"a": D("0.8")}, True),
    ("a >= 80％", {"a": D("0.7999")}, False),
    ("km < 10 km", {"km": D("9.99")}, True),
    ("km < 10 km", {"km": D(10)}, False),
    ("mbps >= 30 Mbit/s", {"mbps": D(30)}, True),
    ("wan >= 5000 万元", {"wan": D("4999.99")}, False),
    ("p >= 3 件/万人", {"p": D(3)}, True),
    ("km < 10", {"km": D(9)}, True),
])
def test_percent_and_unit_literals_compare_with_their_inputs(text, env, expected):
    assert value(text, **env) is expected


def test_a_unit_that_does_not_match_the_inputs_is_an_error():
    e = error("km < 10 Mbit/s")
    assert e.problems[0].code == "unit_mismatch"
    assert e.render("zh") == "rules/demo.yaml:12:13: 错误: 单位不符：km 的单位是 km，条件写的是 Mbit/s\n    km < 10 Mbit/s\n         ^"
    assert e.render("en") == "rules/demo.yaml:12:13: error: unit mismatch: km is in km, the condition says Mbit/s\n    km < 10 Mbit/s\n         ^"


def test_a_unit_on_a_count_is_an_error():
    e = error("n >= 3 件/万人")
    assert e.problems[0].message("zh") == "单位 件/万人 只能用于带单位的数值输入，这里比较的是 计数"
    assert e.problems[0].message("en") == "unit 件/万人 only fits a number input with that unit, here it meets a count"


@pytest.mark.parametrize(("text", "suggest"), [("a >= 80", "80%"), ("a >= 0.8", "80%"), ("a < 0.125", "12.5%")])
def test_a_percent_compared_with_a_bare_number_is_an_error_that_suggests_the_percent(text, suggest):
    e = error(text)
    assert e.problems[0].message("zh") == f"百分比“a”须与百分数比较，请写作 {suggest}"
    assert e.problems[0].message("en") == f"percent 'a' must be compared with a percent, write {suggest}"


# -- comparisons ----------------------------------------------------------
@pytest.mark.parametrize(("op", "same", "at3", "at4"), [
    (">=", "≥", True, True),
    (">", None, False, True),
    ("<=", "≤", True, False),
    ("<", None, False, False),
    ("==", None, True, False),
    ("!=", "≠", False, True),
])
def test_comparison_operators(op, same, at3, at4):
    assert value(f"n {op} 3", n=D(3)) is at3
    assert value(f"n {op} 3", n=D(4)) is at4
    if same:
        assert parse(f"n {same} 3").ops == (op,)
        assert value(f"n {same} 3", n=D(3)) is at3
        assert value(f"n {same} 3", n=D(4)) is at4


@pytest.mark.parametrize("op", [">=", ">", "<=", "<", "==", "!="])
@pytest.mark.parametrize("n", [2, 3, 4])
def test_a_literal_on_the_left_tests_as_on_the_right_mirrored(op, n):
    mirrored = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}[op]
    left = compiled(f"3 {op} n")
    assert left.value({"n": D(n)}) is value(f"n {mirrored} 3", n=D(n))
    assert left.explain({"n": D(n)}).ok is left.value({"n": D(n)})


@pytest.mark.parametrize(("rank", "inside"), [(12, False), (13, True), (14, True), (16, True), (17, False)])
def test_chained_range_includes_both_ends(rank, inside):
    node = parse("13 <= r <= 16")
    assert isinstance(node, ast.Compare) and node.ops == ("<=", "<=") and len(node.operands) == 3
    assert value("13 <= r <= 16", r=D(rank)) is inside
    assert value("13 ≤ r ≤ 16", r=D(rank)) is inside


# -- logic ----------------------------------------------------------------
TRUTH = [(x, y, z) for x in (True, False) for y in (True, False) for z in (True, False)]


@pytest.mark.parametrize(("texts", "meaning"), [
    (("f and g", "f 且 g"), lambda f, g, h: f and g),
    (("f or g", "f 或 g"), lambda f, g, h: f or g),
    (("not f", "非 f"), lambda f, g, h: not f),
    (("not f and g", "非 f 且 g"), lambda f, g, h: (not f) and g),
    (("f or g and h", "f 或 g 且 h"), lambda f, g, h: f or (g and h)),
    (("(f or g) and h", "(f 或 g) 且 h"), lambda f, g, h: (f or g) and h),
    (("not (f or g)", "非 (f 或 g)"), lambda f, g, h: not (f or g)),
    (("f and not g or h", "f 且 非 g 或 h"), lambda f, g, h: (f and not g) or h),
])
def test_and_or_not_and_their_chinese_forms(texts, meaning):
    for text in texts:
        for f, g, h in TRUTH:
            assert value(text, f=f, g=g, h=h) is meaning(f, g, h), (text, f, g, h)


def test_comparisons_bind_tighter_than_and():
    assert value("n >= 1 and n < 3", n=D(2)) is True
    assert value("n >= 1 且 n < 3 或 f", n=D(5), f=True) is True


# -- arithmetic -----------------------------------------------------------
@pytest.mark.parametrize(("text", "result"), [
    ("1 + 2 * 3", D(7)),
    ("(1 + 2) * 3", D(9)),
    ("10 - 4 - 3", D(3)),
    ("12 / 4 / 3", D(1)),
    ("2 * 3 + 4 * 5", D(26)),
    ("-2 * 3", D(-6)),
    ("2 - -3", D(5)),
    ("7 / 2", D("3.5")),
    ("6 × 7 ÷ 2", D(21)),
    ("0.1 + 0.2", D("0.3")),
])
def test_arithmetic_precedence_and_decimal_results(text, result):
    got = value(text)
    assert isinstance(got, Decimal) and got == result


def test_weighted_sum_at_a_boundary_is_the_boundary_exactly():
    env = {"a": D("0.70"), "b": D("0.95"), "c": D("0.70")}
    # 0.4*0.70 + 0.4*0.95 + 0.2*0.70 in binary floats is 0.7999999999999999.
    assert 0.4 * 0.70 + 0.4 * 0.95 + 0.2 * 0.70 < 0.8
    assert value("0.4*a + 0.4*b + 0.2*c", **env) == D("0.8")
    assert value("0.4*a + 0.4*b + 0.2*c >= 80%", **env) is True
    assert value("0.4 * a + 0.4 * b + 0.2 * c > 80%", **env) is False


def test_a_weighted_percent_is_a_percent():
    assert compiled("0.4*a + 0.4*b + 0.2*c").vtype == VType("percent")
    assert compiled("n / 10").vtype.kind == "plain"


# -- functions ------------------------------------------------------------
RATES = {"a": D("0.5"), "b": D("0.6"), "c": D("0.7")}


@pytest.mark.parametrize(("text", "result"), [
    ("mean(a, b, c)", D("0.6")),
    ("sum(a, b, c)", D("1.8")),
    ("min(a, b, c)", D("0.5")),
    ("max(a, b, c)", D("0.7")),
    ("mean(a)", D("0.5")),
])
def test_numeric_functions(text, result):
    assert value(text, **RATES) == result
    assert compiled(text).vtype == VType("percent")


def test_mean_compares_as_a_percent():
    assert value("mean(a, b, c) >= 60%", **RATES) is True
    assert value("mean(a, b, c) > 60%", **RATES) is False


@pytest.mark.parametrize(("facts", "result"), [((True, True, False), 2), ((False, False, False), 0), ((True, True, True), 3)])
def test_count_counts_true_facts(facts, result):
    env = dict(zip("fgh", facts))
    assert value("count(f, g, h)", **env) == result
    assert value("count(f, g, h) >= 2", **env) is (result >= 2)


def test_count_of_a_number_is_an_error():
    assert error("count(a) > 1").problems[0].message("en") == "an argument of count() must be a true/false condition, here it is a percent"


def test_an_unknown_function_is_named_with_the_available_ones():
    e = error("avg(a) >= 1%")
    assert e.render("zh") == "rules/demo.yaml:12:8: 错误: 未知函数“avg”，可用：mean, sum, min, max, count, tier\n    avg(a) >= 1%\n    ^"


def test_an_unknown_name_is_named_with_the_indicator():
    e = error("aa >= 1%")
    assert e.problems[0].message("zh").startswith("未知名称“aa”：指标 T1 中没有这个输入或计算量")
    assert e.problems[0].message("en").startswith("unknown name 'aa': no input or measure of that name in indicator T1")


# -- ordered enums --------------------------------------------------------
@pytest.mark.parametrize(("status", "at_least_drafting", "below_completed"), [
    ("none", False, True),
    ("drafting", True, True),
    ("completed", True, False),
    ("published", True, False),
])
def test_enum_compares_by_declared_order_not_alphabetically(status, at_least_drafting, below_completed):
    # Alphabetically completed < drafting < none < published: the declared order must win.
    assert value("st >= drafting", st=status) is at_least_drafting
    assert value("drafting <= st", st=status) is at_least_drafting
    assert value("st < completed", st=status) is below_completed
    assert value("st == published", st=status) is (status == "published")


def test_a_value_not_in_the_enum_is_an_error():
    e = error("st >= bogus")
    assert e.problems[0].message("zh") == "“bogus”不是 st 的取值，可选：none、drafting、completed、published"
    assert e.problems[0].message("en") == "'bogus' is not a value of st; allowed: none, drafting, completed, published"


# -- tier(n) --------------------------------------------------------------
def checklist() -> dict[int, Compiled]:
    tiers = {1: compiled("f", level=1)}
    tiers[2] = compiled("tier(1) and g", level=2, tiers=tiers)
    return tiers


@pytest.mark.parametrize(("f", "g", "h"), TRUTH)
def test_tier_n_refers_to_a_lower_tier_of_the_same_indicator(f, g, h):
    tiers = checklist()
    third = compiled("tier(2) and h", level=3, tiers=tiers)
    assert third.value({"f": f, "g": g, "h": h}) is (f and g and h)
    assert third.tiers == frozenset({1, 2})
    assert third.names == frozenset({"f", "g", "h"})


@pytest.mark.parametrize(("text", "level", "zh"), [
    ("tier(3) and h", 3, "3 星级只能引用更低的星级，tier(3) 不是"),
    ("tier(4)", 3, "3 星级只能引用更低的星级，tier(4) 不是"),
    ("tier(0)", 3, "tier(n) 的 n 须是 1 到 5 的整数"),
    ("tier(n)", 3, "tier(n) 的 n 须是 1 到 5 的整数"),
    ("tier(1.5)", 3, "tier(n) 的 n 须是 1 到 5 的整数"),
    ("tier(2)", None, "tier(n) 只能用在星级条件中"),
])
def test_misused_tier_reference_is_an_error(text, level, zh):
    assert error(text, level=level, tiers=checklist()).problems[0].message("zh") == zh


def test_tier_reference_to_an_absent_tier_is_an_error():
    e = error("tier(2) and h", level=3, tiers={1: compiled("f", level=1)})
    assert e.problems[0].message("zh") == "tier(2) 指向的 2 星级不存在"


# -- syntax errors --------------------------------------------------------
SYNTAX = [
    (
        "a >=",
        "rules/demo.yaml:12:12: 错误: 条件语法错误（缺少比较或运算的对象）：条件不完整，期望 + -、“(”、名称、数字\n    a >=\n        ^",
        "rules/demo.yaml:12:12: error: syntax error in condition (an operand is missing): the condition ends too early,"
        " expected + -, '(', a name, a number\n    a >=\n        ^",
    ),
    (
        "(a >= 1",
        "rules/demo.yaml:12:15: 错误: 条件语法错误（括号没有闭合）：条件不完整，期望 “)”\n    (a >= 1\n           ^",
        "rules/demo.yaml:12:15: error: syntax error in condition (a parenthesis is not closed): the condition ends too early,"
        " expected ')'\n    (a >= 1\n           ^",
    ),
    (
        "a >= 1)",
        "rules/demo.yaml:12:14: 错误: 条件语法错误（多余的右括号）：在“)”处，期望 条件结束\n    a >= 1)\n          ^",
        "rules/demo.yaml:12:14: error: syntax error in condition (a closing parenthesis has no opening one): at ')',"
        " expected the end of the condition\n    a >= 1)\n          ^",
    ),
    (
        "a >= >= 1",
        "rules/demo.yaml:12:13: 错误: 条件语法错误（运算符连用）：在“>=”处，期望 + -、“(”、名称、数字\n    a >= >= 1\n         ^",
        "rules/demo.yaml:12:13: error: syntax error in condition (two operators in a row): at '>=',"
        " expected + -, '(', a name, a number\n    a >= >= 1\n         ^",
    ),
    (
        "n >= 6..9",
        "rules/demo.yaml:12:14: 错误: 条件语法错误：无法识别的字符“.”\n    n >= 6..9\n          ^",
        "rules/demo.yaml:12:14: error: syntax error in condition: unexpected character '.'\n    n >= 6..9\n          ^",
    ),
    (
        # Full-width characters take two columns, so the caret pads them with two spaces.
        "a ≥ 80％ 且 $",
        "rules/demo.yaml:12:18: 错误: 条件语法错误：无法识别的字符“$”\n    a ≥ 80％ 且 $\n                ^",
        "rules/demo.yaml:12:18: error: syntax error in condition: unexpected character '$'\n    a ≥ 80％ 且 $\n                ^",
    ),
]


@pytest.mark.parametrize(("text", "zh", "en"), SYNTAX, ids=[s[0] for s in SYNTAX])
def test_syntax_error_is_rendered_with_place_caret_label_and_expectation(text, zh, en):
    with pytest.raises(ConditionError) as info:
        parse(text, WHERE)
    assert info.value.render("zh") == zh
    assert info.value.render("en") == en


@pytest.mark.parametrize("text", ["n >= 6..9", "n >= 6.", "n >= .5", "n >= 6..", "6..9"])
def test_range_like_numbers_are_rejected_as_syntax_errors(text):
    with pytest.raises(ConditionError) as info:
        parse(text)
    assert info.value.problems[0].code == "syntax_char"


@pytest.mark.parametrize("text", ["a >= 1 and b >=", "f or n <", "a >= 1 且 b >="])
def test_missing_operand_after_and_or_is_labelled(text):
    with pytest.raises(ConditionError) as info:
        parse(text)
    label = info.value.problems[0].params["label"]
    assert (label.text("zh"), label.text("en")) == ("缺少比较或运算的对象", "an operand is missing")


@pytest.fixture
def edition_with_multiline_tiers(tmp_path):
    from zhibiao.resources import resource_dir

    folder = tmp_path / "ed"
    shutil.copytree(resource_dir("rules") / "db37-t-3890.1-2020", folder)
    path = folder / "indicators" / "L1.yaml"
    text = path.read_text(encoding="utf-8")
    broken = {
        "    3: e_license_rate >= 60%\n": "    3: e_license_rate >= 60% or\n      e_license_rate >=\n",
        "    4: e_license_rate >= 80%\n": "    4: >-\n      e_license_rate >= 80% and\n      e_license_rate >=\n",
        "    5: e_license_rate > 85%\n": "    5: |\n      e_license_rate > 85% and\n        e_license_rate >\n",
    }
    for old, new in broken.items():
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    # Expected places: just past the end of each condition's last line.
    return folder, [(i + 1, len(line) + 1) for i, line in enumerate(lines) if line.rstrip().endswith(("rate >=", "rate >"))]


def test_syntax_error_in_a_multi_line_condition_points_at_its_line_and_column(edition_with_multiline_tiers):
    folder, places = edition_with_multiline_tiers
    with pytest.raises(RuleError) as info:
        load_edition(folder)
    got = [(p.where.line, p.where.column) for p in info.value.problems if p.code == "syntax_end"]
    assert got == places


def test_syntax_error_in_a_rule_file_names_the_file(edition_with_multiline_tiers):
    folder, places = edition_with_multiline_tiers
    with pytest.raises(RuleError) as info:
        load_edition(folder)
    problems = [p for p in info.value.problems if p.code == "syntax_end"]
    assert len(problems) == len(places) == 3
    assert all(p.where.file == str(folder / "indicators" / "L1.yaml") for p in problems)


# -- properties -----------------------------------------------------------
NUMBERS = st.decimals(min_value=-10**9, max_value=10**9, places=6, allow_nan=False, allow_infinity=False)


@settings(max_examples=200)
@given(NUMBERS)
def test_numbers_round_trip_through_number_and_percent_literals_exactly(d):
    text = f"{d:f}"
    assert value(text) == d
    assert parse(f"{text}%").value == d / 100
    assert parse(f"{text}％").value == d / 100
    assert value(f"a >= {text}%", a=d / 100) is True
    assert value(f"a > {text}%", a=d / 100) is False


TOKENS = [
    "a", "b", "n", "st", "f", "km", "drafting", "mean", "count", "tier", "x",
    "80%", "80％", "10", "0.5", "10 km", "5000 万元", "3 件/万人", "30 Mbit/s",
    ">=", ">", "<=", "<", "==", "!=", "≥", "≤", "≠", "and", "or", "not", "且", "或", "非",
    "+", "-", "*", "/", "×", "÷", "(", ")", ",", "%", ".", "..", "=", "'", '"', "\n", "\t",
]


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_parsing_random_text_raises_only_condition_errors(text):
    try:
        parse(text)
    except ConditionError:
        pass


@settings(max_examples=400)
@given(st.lists(st.sampled_from(TOKENS), max_size=14))
def test_parsing_and_compiling_random_tokens_raises_only_condition_errors(tokens):
    text = " ".join(tokens)
    try:
        compiled(text, level=3, tiers={1: compiled("f", level=1)})
    except ConditionError as e:
        assert e.problems and all(p.message("zh") and p.message("en") for p in e.problems)


def test_syntax_trees_compare_and_hash_without_positions_or_spelling_of_numbers():
    a, b = parse("a >= 80% and b"), parse("a   >=   80.0%\n and b")
    assert a == b and hash(a) == hash(b)
    assert (a.items[0].operands[1].column, b.items[0].operands[1].column) == (6, 10)
    assert parse("a >= 80%") != parse("a > 80%")


def test_every_node_kind_lists_its_children_from_its_fields():
    from zhibiao.language import ast

    tree = parse("not (mean(a, b) - 1 > 2 or c)")
    kinds = [type(n).__name__ for n in ast.walk(tree)]
    assert kinds == ["Not", "Or", "Compare", "BinOp", "Call", "Name", "Name", "Number", "Number", "Name"]
