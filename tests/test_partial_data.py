"""Verdicts from partial data: what the given values already prove.

With inputs missing, a tier condition is true whatever they are, false
whatever they are, or undecided (Kleene's logic). An indicator whose star
level the data fixes is rated; otherwise it is not assessed with the star
levels still possible and the inputs that would decide it.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES
from tests.test_cli_evaluate import run
from tests.test_language import compiled
from tests.test_rationale import verdict
from zhibiao.data.reading import CityData
from zhibiao.errors import EvaluationUndefined
from zhibiao.evaluation.evaluate import evaluate
from zhibiao.language import ast
from zhibiao.language.trace import outcome
from zhibiao.language.unknown import UNKNOWN
from zhibiao.report.render import next_tier_text, rationale

D = Decimal


def partial(text: str, **env):
    return compiled(text).partial(env)


# -- each operator with a missing operand ----------------------------------

@pytest.mark.parametrize(("text", "env", "expected"), [
    ("a >= 50% and b >= 50%", {"a": D("0.4")}, False),
    ("a >= 50% and b >= 50%", {"a": D("0.6")}, UNKNOWN),
    ("a >= 50% and b >= 50%", {"b": D("0.4")}, False),
    ("a >= 50% and b >= 50%", {}, UNKNOWN),
])
def test_false_and_anything_is_false_and_true_and_unknown_is_undecided(text, env, expected):
    assert partial(text, **env) is expected


@pytest.mark.parametrize(("text", "env", "expected"), [
    ("a >= 50% or b >= 50%", {"a": D("0.6")}, True),
    ("a >= 50% or b >= 50%", {"b": D("0.6")}, True),
    ("a >= 50% or b >= 50%", {"a": D("0.4")}, UNKNOWN),
    ("a >= 50% or b >= 50%", {}, UNKNOWN),
])
def test_true_or_anything_is_true_and_false_or_unknown_is_undecided(text, env, expected):
    assert partial(text, **env) is expected


def test_not_of_an_undecided_condition_is_undecided():
    assert partial("not f") is UNKNOWN
    assert partial("not (f or a >= 50%)", a=D("0.6")) is False


@pytest.mark.parametrize("op", [">=", ">", "<=", "<", "==", "!="])
def test_a_comparison_with_a_missing_side_is_undecided(op):
    assert partial(f"a {op} b", a=D("0.5")) is UNKNOWN
    assert partial(f"a {op} b", b=D("0.5")) is UNKNOWN


def test_an_enum_or_yes_no_comparison_with_the_input_missing_is_undecided():
    assert partial("st >= completed") is UNKNOWN
    assert partial("f == true") is UNKNOWN


def test_a_chained_comparison_is_false_when_its_given_link_fails():
    assert partial("b <= a <= c") is UNKNOWN
    assert partial("b <= a <= c", a=D("0.5"), b=D("0.6")) is False
    assert partial("b <= a <= c", a=D("0.5"), b=D("0.4")) is UNKNOWN


@pytest.mark.parametrize("text", ["a + b", "a - b", "a * 2 + b", "-b", "(a + b) / 2"])
def test_arithmetic_on_a_missing_input_is_unknown(text):
    assert partial(text, a=D("0.5")) is UNKNOWN


@pytest.mark.parametrize("text", ["mean(a, b, c)", "sum(a, b)", "min(a, b)", "max(a, b)", "count(f, g, h)"])
def test_a_function_of_a_missing_input_is_unknown(text):
    assert partial(text, a=D("0.5"), c=D("0.5"), f=True, h=False) is UNKNOWN


def test_a_known_zero_divisor_is_undefined_whatever_the_dividend():
    with pytest.raises(EvaluationUndefined):
        partial("a / b", b=D(0))
    assert partial("a / b", a=D(0)) is UNKNOWN


def test_a_tier_reference_to_an_undecided_tier_is_undecided():
    tier3 = compiled("a >= 50%", level=3)
    tier4 = compiled("tier(3) and b >= 60%", level=4, tiers={3: tier3})
    assert tier4.partial({"b": D("0.7")}) is UNKNOWN
    assert tier4.partial({"a": D("0.4")}) is False
    assert tier4.partial({"a": D("0.5"), "b": D("0.7")}) is True


def test_complete_data_gives_the_same_value_through_both_closures():
    c = compiled("(a >= 50% or f) and not g and n >= 3")
    env = {"a": D("0.5"), "f": False, "g": False, "n": D(3)}
    assert c.partial(env) is c.value(env) is True


NAMES = ("a", "b", "f", "g", "n")
CONDITIONS = (
    "a >= 50% and (b > 10% or f)",
    "not (f and g) or n >= 3",
    "mean(a, b) >= 40% and count(f, g) >= 1",
    "1 <= n <= 5 or a + b >= 90%",
)
VALUES = {
    "a": st.sampled_from([D("0.1"), D("0.5"), D("0.9")]),
    "b": st.sampled_from([D("0.05"), D("0.1"), D("0.5")]),
    "f": st.booleans(),
    "g": st.booleans(),
    "n": st.sampled_from([D(0), D(1), D(3), D(6)]),
}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CONDITIONS), st.fixed_dictionaries(VALUES), st.sets(st.sampled_from(NAMES)))
def test_the_explanation_decides_as_the_partial_closure_and_agrees_with_every_completion(text, values, removed):
    c = compiled(text)
    env = {k: v for k, v in values.items() if k not in removed}
    decided = c.partial(env)
    assert outcome(c.explain(env)) is decided
    if decided is not UNKNOWN:
        assert c.value(values) is decided


# -- indicators of the bundled edition -------------------------------------

def test_l6p2_three_exhibits_are_five_stars_whatever_the_activity_counts(edition):
    v = verdict(edition, "L6P2", {"data_hall_exhibits": 3})
    assert (v.status, v.stars, v.score, v.stars_range) == ("rated", 5, D("3.0"), (5, 5))
    assert v.missing == ["publicity_activities", "publicity_activities_national_provincial"]
    assert rationale(v, "zh") == (
        "五星：在省数据大厅展示的智慧城市建设经验数 3 ≥ 3\n"
        "未提供，但不影响本项评定：承担、配合开展的智慧城市相关宣传、体验活动数（各级合计）（publicity_activities）、"
        "其中国家及省级宣传、体验活动数（publicity_activities_national_provincial）"
    )


def test_l5p4_five_star_tier_does_not_use_the_multi_channel_answer(edition):
    v = verdict(edition, "L5P4", {"special_fund": True, "fiscal_key_projects": True, "social_capital_wan": 9000})
    assert (v.status, v.stars, v.score) == ("rated", 5, D("5.0"))
    assert rationale(v, "en") == (
        "5 stars: A smart city special fund exists or fiscal special funds explicitly support it (yes) and "
        "Fiscal funds support key major projects (yes) and "
        "Social capital in smart city projects this year 9000 万元 ≥ 8000 万元\n"
        "not given, and not needed for this verdict: Special funds lead a diversified multi-channel investment (multi_channel_investment)"
    )


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "未评估：可能为二星至四星；缺少 公交电子站牌覆盖率（e_stop_coverage）"),
    ("en", "not assessed: could be 2 stars to 4 stars; missing Electronic bus-stop sign coverage (e_stop_coverage)"),
])
def test_l1p4_at_95_percent_is_two_to_four_stars_until_the_e_stop_coverage_comes(edition, lang, text):
    v = verdict(edition, "L1P4", {"bus_realtime_rate": "95%"})
    assert (v.status, v.stars, v.score, v.stars_range) == ("not_assessed", None, D(0), (2, 4))
    assert v.deciding == ["e_stop_coverage"]
    assert v.score_range == (D("0.8"), D("1.6"))
    assert rationale(v, lang) == text
    assert next_tier_text(v, lang) is None


def test_nothing_given_is_not_assessed_with_every_level_possible_and_says_only_what_is_missing(edition):
    v = verdict(edition, "L1P4", {})
    assert (v.status, v.stars_range, v.deciding) == ("not_assessed", (0, 5), ["bus_realtime_rate", "e_stop_coverage"])
    assert rationale(v, "zh") == "未评估：缺少 公共汽车来车信息实时预报率（bus_realtime_rate）、公交电子站牌覆盖率（e_stop_coverage）"


def test_a_tier_false_whatever_the_missing_value_fixes_the_level(edition):
    v = verdict(edition, "L1P4", {"bus_realtime_rate": "65%"})
    assert (v.status, v.stars, v.missing) == ("rated", 1, ["e_stop_coverage"])
    assert next_tier_text(v, "zh") == "二星（0.8 分）未达到：公共汽车来车信息实时预报率 65% < 70%，差 5 个百分点"


def test_the_next_tier_names_a_missing_input_it_also_needs(edition):
    v = verdict(edition, "L6P3", {"provincial_demos": 2})
    assert (v.status, v.stars) == ("rated", 4)
    assert next_tier_text(v, "zh") == (
        "五星（10 分）未达到：在省级层面示范推广的智慧城市建设经验数 2 < 3，差 1；"
        "在国家层面示范推广的智慧城市建设经验数（未提供） ≥ 1"
    )


def test_a_measure_on_a_missing_input_is_missing_and_its_inputs_decide(edition):
    v = verdict(edition, "L3P6", {"patents_per_10k": 11})
    assert (v.status, v.stars_range, v.deciding) == ("not_assessed", (0, 5), ["patents_per_10k_prev"])
    assert [(m.measure.name, m.value, m.explain) for m in v.measures] == [("patent_growth_rate", None, None)]


def test_a_known_zero_divisor_is_not_assessed_for_its_reason_even_with_the_dividend_missing(edition):
    v = verdict(edition, "L3P6", {"patents_per_10k_prev": 0})
    assert (v.status, v.stars_range, v.reason.code) == ("not_assessed", None, "zero_divisor")


def test_a_constraint_the_missing_inputs_leave_open_is_not_checked(edition):
    assert verdict(edition, "L6P2", {"publicity_activities_national_provincial": 6}).inconsistencies == []
    broken = verdict(edition, "L6P2", {"publicity_activities_national_provincial": 6, "publicity_activities": 2})
    assert [p.code for p in broken.inconsistencies] == ["data_constraint"]


def test_a_deduction_given_with_other_inputs_of_no_effect_is_rated(edition):
    v = verdict(edition, "L5P6", {"security_incidents": 2})
    assert (v.status, v.deduction) == ("rated", D(4))


# -- each selection policy -------------------------------------------------

@pytest.mark.parametrize(("selection", "iid", "fields", "expected"), [
    ("highest_passing", "L5P4", {"special_fund": True, "fiscal_key_projects": True, "social_capital_wan": 9000}, ("rated", (5, 5))),
    ("cumulative", "L5P4", {"special_fund": True, "fiscal_key_projects": True, "social_capital_wan": 9000}, ("not_assessed", (2, 5))),
    ("highest_passing", "L6P2", {"data_hall_exhibits": 3}, ("rated", (5, 5))),
    ("cumulative", "L6P2", {"data_hall_exhibits": 3}, ("not_assessed", (0, 5))),
    ("cumulative", "L6P2", {"data_hall_exhibits": 3, "publicity_activities": 0}, ("rated", (0, 0))),
    ("highest_passing", "L1P4", {"bus_realtime_rate": "95%"}, ("not_assessed", (2, 4))),
    ("cumulative", "L1P4", {"bus_realtime_rate": "95%"}, ("not_assessed", (2, 4))),
    ("cumulative", "L1P4", {"bus_realtime_rate": "65%"}, ("rated", (1, 1))),
])
def test_the_range_follows_the_editions_selection_policy(edition, selection, iid, fields, expected):
    v = verdict(dataclasses.replace(edition, selection=selection), iid, fields)
    assert (v.status, v.stars_range) == expected


# -- the city's total range and JSON ---------------------------------------

def city(values: dict) -> CityData:
    return CityData("测试市", None, values, "test-city.yaml")


def test_total_range_spans_the_scores_still_possible_with_the_given_deduction_taken_off(edition):
    result = evaluate(edition, city({"L1P4": {"bus_realtime_rate": D("0.95")}, "L5P6": {"security_incidents": D(1)}}))
    assert result.total == 0
    highest = sum((ind.max_score for ind in edition.indicators.values() if not ind.is_deduction and ind.id != "L1P4"), D(0))
    assert result.total_range == (D(0), highest + D("1.6") - 2)


def test_a_missing_deduction_count_leaves_the_least_total_at_zero(edition):
    result = evaluate(edition, city({"L6P3": {"provincial_demos": D(3), "national_demos": D(1)}}))
    assert result.total == D(10)
    assert result.total_range[0] == 0


def test_json_carries_stars_range_deciding_and_total_range(capsys, tmp_path):
    data = tmp_path / "partial.yaml"
    data.write_text("entity: 测试市\nvalues:\n  L1P4: {bus_realtime_rate: 95%}\n  L6P2: {data_hall_exhibits: 3}\n"
                    "  L5P6: {security_incidents: 0}\n", encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(data), "--format", "json")
    result = json.loads(out)
    entries = {i["id"]: i for i in result["indicators"]}
    assert {k: entries["L1P4"][k] for k in ("status", "stars", "stars_range", "missing", "deciding")} == {
        "status": "not_assessed", "stars": None, "stars_range": [2, 4], "missing": ["e_stop_coverage"], "deciding": ["e_stop_coverage"]}
    assert {k: entries["L6P2"][k] for k in ("status", "stars", "stars_range", "deciding")} == {
        "status": "rated", "stars": 5, "stars_range": [5, 5], "deciding": []}
    assert entries["L5P6"]["stars_range"] is None
    assert result["total_score"] == 3
    assert result["complete"] is False
    # Least: L6P2's 3 and L1P4's two stars (0.8); most: every other maximum and L1P4's four stars (1.6).
    assert result["total_range"] == [3.8, 100 - 2 + 1.6]


def test_a_complete_city_has_a_range_of_its_own_total(capsys):
    code, out, _ = run(capsys, "evaluate", str(SAMPLES / "sample-city-top.yaml"), "--format", "json")
    result = json.loads(out)
    assert result["total_range"] == [result["total_score"], result["total_score"]]
    assert all(i["stars_range"] == [i["stars"], i["stars"]] for i in result["indicators"] if i["kind"] == "scored")


def test_text_report_says_how_far_the_total_can_still_move(capsys, tmp_path):
    data = tmp_path / "partial.yaml"
    data.write_text("entity: 测试市\nvalues:\n  L6P2: {data_hall_exhibits: 3}\n  L5P6: {security_incidents: 0}\n", encoding="utf-8")
    _, out, _ = run(capsys, "evaluate", str(data))
    assert "补齐缺少的数据后，总分可能在 3 至 100 之间。" in out.splitlines()


def test_html_report_shows_the_star_levels_still_possible(capsys, tmp_path):
    data = tmp_path / "partial.yaml"
    data.write_text("entity: 测试市\nvalues:\n  L1P4: {bus_realtime_rate: 95%}\n", encoding="utf-8")
    _, out, _ = run(capsys, "evaluate", str(data), "--format", "html")
    assert '<span class="range">二星至四星</span>' in out
    assert "补齐缺少的数据后，总分可能在 0 至 99.6 之间。" in out


# -- the range always holds every completion ---------------------------------

def _literals(ind) -> list[Decimal]:
    found: list[Decimal] = []

    def walk(node: ast.Node) -> None:
        if isinstance(node, ast.Number):
            found.append(node.value)
        for child in vars(node).values():
            for item in child if isinstance(child, tuple) else (child,):
                if isinstance(item, ast.Node):
                    walk(item)

    for tier in ind.tiers.values():
        walk(tier.node)
    return found


def boundary_values(ind, name: str) -> list:
    """Values of an input on and next to every threshold its indicator names."""
    spec = ind.inputs[name]
    kind = spec.vtype.kind
    if kind == "bool":
        return [True, False]
    if kind == "enum":
        return list(spec.vtype.values)
    step = D("0.001") if kind == "percent" else (D(1) if kind in ("count", "rank") else D("0.1"))
    out = {D(0)}
    for t in _literals(ind):
        out |= {t - step, t, t + step}
    lowest = D(1) if kind == "rank" else D(0)
    return sorted(v for v in out if v >= lowest)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_the_range_contains_the_stars_of_every_completion(edition, data):
    ind = data.draw(st.sampled_from([i for i in edition.indicators.values() if not i.is_deduction]))
    full = {name: data.draw(st.sampled_from(boundary_values(ind, name))) for name in ind.inputs}
    removed = data.draw(st.sets(st.sampled_from(sorted(ind.inputs)), min_size=1))
    given_values = {k: v for k, v in full.items() if k not in removed}
    alone = dataclasses.replace(edition, indicators={ind.id: ind})
    v = evaluate(alone, city({ind.id: given_values})).verdicts[0]
    options = [boundary_values(ind, name) for name in sorted(removed)]
    completions = list(itertools.islice(itertools.product(*options), 400))
    for completion in completions + [tuple(full[n] for n in sorted(removed))]:
        values = given_values | dict(zip(sorted(removed), completion))
        done = evaluate(alone, city({ind.id: values})).verdicts[0]
        if done.status != "rated" or v.stars_range is None:
            continue
        low, high = v.stars_range
        assert low <= done.stars <= high, (ind.id, given_values, values)
        if v.status == "rated":
            assert done.stars == v.stars
