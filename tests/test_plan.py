"""`zhibiao plan`: the least values that reach each higher tier, the points
they add, and for a target the fewest steps that reach it.

The rule of behaviour checked for every sample city and target: write every
step's targets into the city's data file, evaluate it again, and the total
is at least the target (or, for a target out of reach, what the plan said
it would reach).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, SAMPLES
from zhibiao.cli import main
from zhibiao.data.reading import city_from_document, load_city
from zhibiao.evaluation.evaluate import evaluate
from zhibiao.evaluation.plan import make_plan
from zhibiao.yamlpos import load

CITIES = sorted(p for p in SAMPLES.glob("*.yaml")) + [FIXTURES / "report" / "harbour-2020.yaml"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def plan_of(capsys, path: Path, *extra: str) -> dict:
    code, out, _ = run(capsys, "plan", str(path), "--format", "json", *extra)
    assert code == 0
    return json.loads(out)


def applied(path: Path, steps: list[dict], tmp_path: Path) -> Path:
    """The data file with every step's targets written in."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for step in steps:
        fields = document["values"].setdefault(step["indicator"], {})
        fields.update(step["targets"])
    out = tmp_path / path.name
    out.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return out


def total_of(capsys, path: Path) -> Decimal:
    code, out, _ = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0
    return Decimal(str(json.loads(out)["total_score"]))


def city_plan(edition, iid: str, fields: dict, target: Decimal | None = None):
    text = yaml.safe_dump({"entity": "测试市", "values": {iid: fields}}, allow_unicode=True)
    return make_plan(evaluate(edition, city_from_document(load(text, "test-city.yaml"), edition)), target)


def only_step(edition, iid: str, fields: dict) -> dict:
    plan = city_plan(edition, iid, fields)
    [step] = [s for s in plan.steps if s.indicator.id == iid]
    return {"from": step.from_stars, "to": step.to_stars, "points": step.points,
            "targets": {t.name: t.data_value() for t in step.targets}}


@pytest.mark.parametrize("target", [60, 70, 80])
@pytest.mark.parametrize("city", CITIES, ids=lambda p: p.stem)
def test_applying_every_step_reaches_the_target(capsys, tmp_path, city, target):
    plan = plan_of(capsys, city, "--target", str(target))
    after = total_of(capsys, applied(city, plan["steps"], tmp_path))
    if plan["reachable"]:
        assert after >= target
        assert after == Decimal(str(plan["reached"]))
    else:
        assert after == Decimal(str(plan["reached"])) < target


@pytest.mark.parametrize("city", CITIES, ids=lambda p: p.stem)
def test_applying_the_plan_without_target_gives_the_total_it_announces(capsys, tmp_path, city):
    plan = plan_of(capsys, city)
    assert plan["target"] is None
    after = total_of(capsys, applied(city, plan["steps"], tmp_path))
    assert after == Decimal(str(plan["reached"]))
    assert Decimal(str(plan["reached"])) == Decimal(str(plan["total"])) + sum(Decimal(str(s["points"])) for s in plan["steps"])


def test_plan_json_has_the_documented_shape(capsys):
    plan = plan_of(capsys, SAMPLES / "sample-city-0.yaml", "--target", "60")
    assert {"total", "target", "reached", "steps"} <= set(plan)
    assert plan["total"] == 52.1
    assert plan["target"] == 60
    step = plan["steps"][0]
    assert {"indicator", "from_stars", "to_stars", "points", "targets"} <= set(step)
    assert all(isinstance(v, (str, int, float, bool)) for s in plan["steps"] for v in s["targets"].values())


def test_the_fewest_steps_are_chosen_and_said_why(capsys):
    plan = plan_of(capsys, SAMPLES / "sample-city-0.yaml", "--target", "80")
    assert len(plan["steps"]) == 16
    assert plan["reached"] >= 80
    assert plan["why"] == ("16 步可达到目标 80 分（总分 80）。不能更少：还需 27.9 分，而任意 15 项指标最多只能增加 27.3 分。"
                           "在能达到目标的 16 步组合中，这一组的相对投入最少。")


def test_an_unreachable_target_is_said_plainly_and_exits_0(capsys):
    code, out, _ = run(capsys, "plan", str(SAMPLES / "sample-city-0.yaml"), "--target", "99", "--lang", "en")
    assert code == 0
    assert "The target 99 cannot be reached: with every tier that can be planned, the total is at most 89. " \
           "The steps below reach 89." in out


def test_an_unreachable_target_in_json(capsys):
    plan = plan_of(capsys, SAMPLES / "sample-city-0.yaml", "--target", "99")
    assert plan["reachable"] is False
    assert plan["reached"] == 89


def test_a_target_already_reached_needs_no_step(capsys):
    plan = plan_of(capsys, SAMPLES / "sample-city-top.yaml", "--target", "80", "--lang", "en")
    assert plan["steps"] == []
    assert plan["why"] == "The total 100 already reaches the target 80; no step is needed."


def test_a_percent_threshold_gives_its_least_value(edition):
    assert only_step(edition, "L1P4", {"bus_realtime_rate": "84.9%", "e_stop_coverage": "4.9%"}) == {
        "from": 2, "to": 3, "points": Decimal("0.4"), "targets": {"e_stop_coverage": "5%"}}


def test_exceeds_takes_one_step_above(edition):
    assert only_step(edition, "L1P1", {"e_license_rate": "85%"})["targets"] == {"e_license_rate": "85.1%"}


def test_exceeds_a_count_takes_the_next_whole_number(edition):
    assert only_step(edition, "L5P5", {"supported_projects": 299})["targets"] == {"supported_projects": 301}


def test_a_rank_span_moves_to_its_nearest_end(edition):
    assert only_step(edition, "L1P3", {"app_rank": 14}) == {"from": 1, "to": 2, "points": Decimal("0.2"), "targets": {"app_rank": 12}}


def test_less_than_a_distance_goes_one_step_below(edition):
    assert only_step(edition, "L4P4", {"weather_station_spacing_km": 9.9})["targets"] == {"weather_station_spacing_km": 4.9}


def test_an_enum_goes_to_the_lowest_grade_that_meets_the_tier(edition):
    fields = {"top_plan_status": "completed", "annual_plan": "clear", "task_division_plan": "made", "special_plans": False,
              "evaluation_mechanism": "established", "annual_summary": False}
    assert only_step(edition, "L5P2", fields)["targets"] == {"top_plan_status": "published"}


def test_a_mean_raises_one_input_when_it_can(edition):
    # Ten points on any one of the three cost the same; the first by name is taken.
    step = only_step(edition, "L1P11", {"water_meter_rate": "50%", "power_meter_rate": "60%", "gas_meter_rate": "60%"})
    assert step["to"] == 3
    assert step["targets"] == {"gas_meter_rate": "70%"}


def test_a_mean_no_input_can_reach_alone_raises_several(edition):
    step = only_step(edition, "L1P11", {"water_meter_rate": "8.2%", "power_meter_rate": "60%", "gas_meter_rate": "10%"})
    assert step["to"] == 3
    assert step["targets"] == {"power_meter_rate": "71.8%", "gas_meter_rate": "100%"}


def test_an_or_takes_the_alternative_of_least_effort(edition):
    plan = city_plan(edition, "L6P2", {"publicity_activities": 1, "publicity_activities_national_provincial": 0,
                                       "data_hall_exhibits": 0})
    [step] = [s for s in plan.steps if s.indicator.id == "L6P2"]
    assert (step.from_stars, step.to_stars) == (2, 3)
    # 1 → 2 activities is half of the way to 2; 0 → 1 exhibit the whole way to 1.
    assert {t.name: t.data_value() for t in step.targets} == {"publicity_activities": 2}


def test_a_tier_needing_an_input_not_given_is_left_out_and_said(edition):
    plan = city_plan(edition, "L1P4", {"bus_realtime_rate": "75%"})
    [skipped] = [s for s in plan.skipped if s.indicator.id == "L1P4"]
    assert (skipped.level, skipped.reason, skipped.names) == (3, "missing", ("e_stop_coverage",))


def test_a_not_assessed_indicator_is_left_out_with_the_inputs_to_give(capsys):
    plan = plan_of(capsys, SAMPLES / "sample-city-0.yaml", "--lang", "en")
    texts = [s["text"] for s in plan["skipped"] if s["indicator"] == "L1P6"]
    assert texts == ["L1P6 Networked cross-region social security services: not assessed; give Number of cross-region "
                     "social security services handled online (social_security_remote_services) first"]


def test_steps_are_ordered_by_points_per_unit_of_effort(edition):
    city = load_city(SAMPLES / "sample-city-1.yaml", edition)
    steps = make_plan(evaluate(edition, city)).steps
    yields = [s.yield_ for s in steps]
    assert yields == sorted(yields, reverse=True)


def test_relative_effort_of_a_percent_is_its_share_of_the_range(edition):
    plan = city_plan(edition, "L1P4", {"bus_realtime_rate": "92%", "e_stop_coverage": "12%"})
    [step] = [s for s in plan.steps if s.indicator.id == "L1P4"]
    assert step.effort == Decimal("0.16")  # 8 points of bus forecasting, 8 of e-stops, over 100 each


def test_plan_text(capsys):
    path = FIXTURES / "report" / "plan-city.yaml"
    code, out, _ = run(capsys, "plan", str(path), "--lang", "en")
    assert code == 0
    assert out == (FIXTURES / "report" / "plan-city.en.txt").read_text(encoding="utf-8")


def test_under_a_cumulative_selection_every_lower_tier_is_met_too(capsys, tmp_path):
    # The revision fixture counts a level only when every tier below it holds too.
    city = FIXTURES / "diff_data" / "new-edition-city.yaml"
    standard = str(FIXTURES / "editions" / "db37-revision-fixture")
    plan = plan_of(capsys, city, "--standard", standard)
    assert plan["steps"]
    code, out, _ = run(capsys, "evaluate", str(applied(city, plan["steps"], tmp_path)), "--standard", standard, "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert Decimal(str(result["total_score"])) == Decimal(str(plan["reached"]))
    stars = {i["id"]: i["stars"] for i in result["indicators"]}
    assert all(stars[s["indicator"]] == s["to_stars"] for s in plan["steps"])


@pytest.mark.parametrize("target", ["abc", "-5", "NaN"])
def test_a_target_that_is_not_a_number_of_points_is_a_usage_error(capsys, target):
    with pytest.raises(SystemExit) as e:
        main(["plan", str(SAMPLES / "sample-city-0.yaml"), "--target", target, "--lang", "en"])
    assert e.value.code == 2
    assert f"argument --target: invalid points value: '{target}'" in capsys.readouterr().err


def test_several_cities_give_one_array_and_one_document(capsys, tmp_path):
    cities = [str(SAMPLES / "sample-city-0.yaml"), str(SAMPLES / "sample-city-1.yaml")]
    code, out, _ = run(capsys, "plan", *cities, "--format", "json")
    assert code == 0
    assert [p["entity"] for p in json.loads(out)] == ["示例市0", "示例市1"]
    target = tmp_path / "plans.txt"
    assert run(capsys, "plan", *cities, "-o", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("评价对象：示例市0") == 1 and text.count("评价对象：示例市1") == 1


def test_a_city_with_nothing_left_to_raise_is_told_so(capsys):
    code, out, _ = run(capsys, "plan", str(SAMPLES / "sample-city-top.yaml"), "--lang", "en")
    assert code == 0
    assert out.splitlines()[3] == "No indicator has a next tier that can be planned: nothing is left to raise."
