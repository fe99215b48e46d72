"""Star levels and scores at the edges of DB37/T 3890.1-2020's tiers.

Each case is a small data file; the expected stars and points are read off
tables 1-8 of the standard (and READING.md where a tier needs a reading).
"""

from __future__ import annotations

import shutil
from decimal import Decimal, localcontext

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.data.reading import city_from_document
from zhibiao.evaluation.evaluate import PRECISION, CityResult, Verdict, evaluate
from zhibiao.ruleset.loader import load_edition
from zhibiao.yamlpos import load


def result_of(edition, values: dict) -> CityResult:
    text = yaml.safe_dump({"entity": "测试市", "period": 2020, "values": values}, allow_unicode=True, sort_keys=False)
    return evaluate(edition, city_from_document(load(text, "test-city.yaml"), edition))


def result_of_text(edition, text: str) -> CityResult:
    return evaluate(edition, city_from_document(load(text, "test-city.yaml"), edition))


def verdict(edition, iid: str, fields: dict) -> Verdict:
    result = result_of(edition, {iid: fields})
    return next(v for v in result.verdicts if v.indicator.id == iid)


def rated(edition, iid: str, fields: dict) -> tuple[int, Decimal]:
    v = verdict(edition, iid, fields)
    assert v.status == "rated", v.missing
    return v.stars, v.score


def case(iid: str, fields: dict, stars: int, score: str, why: str):
    return pytest.param(iid, fields, stars, Decimal(score), id=f"{iid}-{why}")


# -- 达到 (>=) versus 超过/多于 (>) versus 小于 (<) -----------------------------
STRICTNESS = [
    case("L1P1", {"e_license_rate": "85%"}, 4, "2.5", "exactly-85-is-not-超过85"),
    case("L1P1", {"e_license_rate": "85.1%"}, 5, "3.0", "85.1-超过85"),
    case("L1P1", {"e_license_rate": "80%"}, 4, "2.5", "exactly-80-达到80"),
    case("L1P1", {"e_license_rate": "9.99%"}, 0, "0", "below-10"),
    case("L1P1", {"e_license_rate": "10%"}, 1, "1.0", "exactly-10"),
    case("L1P9", {"adaptive_signal_rate": 90}, 4, "1.0", "exactly-90"),
    case("L1P9", {"adaptive_signal_rate": 90.01}, 5, "1.5", "just-over-90"),
    case("L1P10", {"transit_epay_rate": 90}, 4, "1.2", "exactly-90"),
    case("L2P1", {"air_monitor_rate": 90, "water_monitor_rate": 90, "noise_monitor_rate": 90}, 4, "1.2", "mean-exactly-90"),
    case("L2P2", {"emergency_command_rate": "20%"}, 1, "0.8", "不低于20-at-20"),
    case("L2P2", {"emergency_command_rate": "19.9%"}, 0, "0", "below-20"),
    case("L2P2", {"emergency_command_rate": "90%"}, 4, "1.8", "exactly-90"),
    case("L2P3", {"gov_cloud_migration_rate": 95}, 4, "1.6", "exactly-95"),
    case("L2P3", {"gov_cloud_migration_rate": 95.1}, 5, "2.0", "over-95"),
    case("L2P4", {"merged_network_departments": 5}, 4, "1.8", "exactly-5-departments"),
    case("L2P4", {"merged_network_departments": 6}, 5, "2.0", "6-departments-超过5"),
    case("L2P4", {"merged_network_departments": 4}, 4, "1.8", "达到4"),
    case("L2P4", {"merged_network_departments": 2}, 3, "1.2", "不少于2"),
    case("L2P4", {"merged_network_departments": 1}, 0, "0", "1-department"),
    case("L3P1", {"software_revenue_gdp_share": "8%"}, 4, "1.2", "exactly-8"),
    case("L3P2", {"cloud_enterprises": 10000}, 4, "1.2", "exactly-10000"),
    case("L3P2", {"cloud_enterprises": 10001}, 5, "1.5", "10001"),
    case("L3P3", {"national_industrial_bases": 1}, 2, "0.6", "1家-as-a-floor"),
    case("L3P5", {"ecommerce_share": 30}, 4, "1.2", "exactly-30"),
    case("L3P7", {"iiot_secondary_nodes": 3}, 5, "1.5", "2家-as-a-floor"),
    case("L3P8", {"ngit_employment_share": 10}, 4, "1.6", "exactly-10"),
    case("L3P8", {"ngit_employment_share": 10.1}, 5, "4.0", "over-10"),
    case("L5P5", {"supported_projects": 300}, 4, "2.5", "exactly-300"),
    case("L5P5", {"supported_projects": 301}, 5, "3.0", "301"),
    case("L6P4", {"smart_community_rate": 50}, 4, "2.5", "exactly-50"),
    case("L6P4", {"smart_community_rate": 50.1}, 5, "3.0", "over-50"),
    case("L4P2", {"mobile_download_mbps": 30}, 5, "1.0", "exactly-30-Mbit"),
    case("L4P2", {"mobile_download_mbps": 29.99}, 4, "0.8", "below-30-Mbit"),
    # L4P3: 多于3/6/10个 is strict, 至少1个 is not.
    case("L4P3", {"video_case_contribution": "50%", "video_served_departments": 3}, 2, "1.2", "exactly-3-departments"),
    case("L4P3", {"video_case_contribution": "50%", "video_served_departments": 4}, 3, "1.5", "4-departments-多于3"),
    case("L4P3", {"video_case_contribution": "60%", "video_served_departments": 6}, 3, "1.5", "exactly-6-departments"),
    case("L4P3", {"video_case_contribution": "60%", "video_served_departments": 7}, 4, "1.8", "7-departments"),
    case("L4P3", {"video_case_contribution": "80%", "video_served_departments": 10}, 4, "1.8", "exactly-10-departments"),
    case("L4P3", {"video_case_contribution": "80%", "video_served_departments": 11}, 5, "2.0", "11-departments"),
    # L4P4: 间距小于10/5/3公里 is strict.
    case("L4P4", {"weather_station_spacing_km": 10}, 0, "0", "exactly-10-km"),
    case("L4P4", {"weather_station_spacing_km": 9.99}, 3, "1.4", "just-below-10-km"),
    case("L4P4", {"weather_station_spacing_km": 5}, 3, "1.4", "exactly-5-km"),
    case("L4P4", {"weather_station_spacing_km": 4.99}, 4, "1.8", "just-below-5-km"),
    case("L4P4", {"weather_station_spacing_km": 3}, 4, "1.8", "exactly-3-km"),
    case("L4P4", {"weather_station_spacing_km": 2.99}, 5, "2.0", "just-below-3-km"),
]


@pytest.mark.parametrize(("iid", "fields", "stars", "score"), STRICTNESS)
def test_strictness_boundary(edition, iid, fields, stars, score):
    assert rated(edition, iid, fields) == (stars, score)


# 前3名 / 4至6名 / 7至9名 / 10至12名 / 13至16名, both ends included.
RANK_STARS = {1: 5, 2: 5, 3: 5, 4: 4, 5: 4, 6: 4, 7: 3, 8: 3, 9: 3, 10: 2, 11: 2, 12: 2, 13: 1, 14: 1, 15: 1, 16: 1}
RANK_SCORE = {5: "3.0", 4: "2.5", 3: "2.0", 2: "1.2", 1: "1.0"}


@pytest.mark.parametrize("rank", list(RANK_STARS))
def test_l1p3_rank_spans_include_both_ends(edition, rank):
    stars = RANK_STARS[rank]
    assert rated(edition, "L1P3", {"app_rank": rank}) == (stars, Decimal(RANK_SCORE[stars]))


# -- compound tiers -------------------------------------------------------
def flags(names: str, all_names: str) -> dict[str, bool]:
    chosen = set(names.split())
    return {n: n in chosen for n in all_names.split()}


L5P1 = "leading_group led_by_principal authority_coordinates project_management_in_performance regular_meetings"
L5P3 = "talent_plan training org_structure cio_system role_responsibilities talent_incentives other_talent_activities"
L5P2_FACTS = "annual_plan task_division_plan special_plans evaluation_mechanism annual_summary"


def l5p2(status: str, facts: str) -> dict:
    return {"top_plan_status": status, **flags(facts, L5P2_FACTS)}


def l5p4(facts: str, capital) -> dict:
    return {**flags(facts, "special_fund multi_channel_investment fiscal_key_projects"), "social_capital_wan": capital}


COMPOUND = [
    # L1P4: one and two stars on the real-time rate alone; three to five on both.
    case("L1P4", {"bus_realtime_rate": "92%", "e_stop_coverage": "12%"}, 4, "1.6", "92-12"),
    case("L1P4", {"bus_realtime_rate": "100%", "e_stop_coverage": "19.9%"}, 4, "1.6", "100-but-stops-19.9"),
    case("L1P4", {"bus_realtime_rate": "100%", "e_stop_coverage": "20%"}, 5, "2.0", "100-20"),
    case("L1P4", {"bus_realtime_rate": "99.9%", "e_stop_coverage": "100%"}, 4, "1.6", "99.9-100"),
    case("L1P4", {"bus_realtime_rate": "80%", "e_stop_coverage": "4.9%"}, 2, "0.8", "80-but-stops-4.9"),
    case("L1P4", {"bus_realtime_rate": "80%", "e_stop_coverage": "5%"}, 3, "1.2", "80-5"),
    case("L1P4", {"bus_realtime_rate": "60%", "e_stop_coverage": "0%"}, 1, "0.6", "60-0"),
    case("L1P4", {"bus_realtime_rate": "59.9%", "e_stop_coverage": "100%"}, 0, "0", "59.9-100"),
    # L4P3: two stars needs the department condition as well.
    case("L4P3", {"video_case_contribution": "40%", "video_served_departments": 0}, 1, "0.8", "40-no-department"),
    case("L4P3", {"video_case_contribution": "40%", "video_served_departments": 1}, 2, "1.2", "40-one-department"),
    case("L4P3", {"video_case_contribution": "29.9%", "video_served_departments": 20}, 0, "0", "29.9-many-departments"),
    # L4P5: both rates.
    case("L4P5", {"hd_video_coverage": 80, "camera_intact_rate": 80}, 3, "0.5", "80-80"),
    case("L4P5", {"hd_video_coverage": 79.9, "camera_intact_rate": 100}, 0, "0", "79.9-100"),
    case("L4P5", {"hd_video_coverage": 100, "camera_intact_rate": 89.9}, 3, "0.5", "100-89.9"),
    case("L4P5", {"hd_video_coverage": 90, "camera_intact_rate": 90}, 4, "0.8", "90-90"),
    case("L4P5", {"hd_video_coverage": 100, "camera_intact_rate": 100}, 5, "1.0", "100-100"),
    # L5P1: cumulative checklist.
    case("L5P1", flags("", L5P1), 0, "0", "nothing"),
    case("L5P1", flags("leading_group", L5P1), 1, "1", "group"),
    case("L5P1", flags("leading_group led_by_principal", L5P1), 2, "1.2", "group-principal"),
    case("L5P1", flags("leading_group led_by_principal authority_coordinates", L5P1), 3, "1.6", "three-facts"),
    case("L5P1", flags("leading_group led_by_principal authority_coordinates project_management_in_performance", L5P1), 4, "2.4", "four-facts"),
    case("L5P1", flags(L5P1, L5P1), 5, "3.0", "all"),
    case("L5P1", flags("led_by_principal authority_coordinates project_management_in_performance regular_meetings", L5P1), 0, "0", "all-but-the-group"),
    case("L5P1", flags("leading_group led_by_principal authority_coordinates regular_meetings", L5P1), 3, "1.6", "meetings-without-project-management"),
    # L5P2: not nested.
    case("L5P2", l5p2("none", "annual_plan task_division_plan"), 1, "1", "plans-without-top-plan"),
    case("L5P2", l5p2("drafting", "annual_plan"), 2, "1.2", "two-stars-without-one"),
    case("L5P2", l5p2("completed", "annual_plan"), 3, "1.6", "three-stars-without-one"),
    case("L5P2", l5p2("published", "annual_plan special_plans evaluation_mechanism annual_summary"), 3, "1.6", "published-without-task-division"),
    case("L5P2", l5p2("published", "annual_plan task_division_plan evaluation_mechanism"), 4, "2.4", "four"),
    case("L5P2", l5p2("published", L5P2_FACTS), 5, "3.0", "five"),
    case("L5P2", l5p2("completed", L5P2_FACTS), 3, "1.6", "five-facts-top-plan-not-published"),
    case("L5P2", l5p2("published", "task_division_plan evaluation_mechanism special_plans annual_summary"), 0, "0", "no-annual-plan"),
    # L5P3: cumulative checklist from two stars.
    case("L5P3", flags("talent_plan training", L5P3), 2, "1.2", "plan-training"),
    case("L5P3", flags("talent_plan training org_structure cio_system", L5P3), 3, "1.6", "three"),
    case("L5P3", flags("talent_plan training org_structure cio_system role_responsibilities", L5P3), 4, "2.4", "four"),
    case("L5P3", flags(L5P3, L5P3), 5, "3.0", "all"),
    case("L5P3", flags("talent_plan org_structure cio_system role_responsibilities talent_incentives other_talent_activities", L5P3), 0, "0", "no-training"),
    case("L5P3", flags("talent_plan training org_structure role_responsibilities talent_incentives other_talent_activities", L5P3), 2, "1.2", "no-cio"),
    # L5P4: not nested; four and five stars do not need multi-channel investment.
    case("L5P4", l5p4("special_fund", 0), 2, "2.0", "fund"),
    case("L5P4", l5p4("special_fund multi_channel_investment", 0), 3, "3.0", "fund-multi"),
    case("L5P4", l5p4("special_fund", 5000), 4, "4.5", "four-stars-without-three"),
    case("L5P4", l5p4("special_fund", 4999.99), 2, "2.0", "capital-just-below-5000"),
    case("L5P4", l5p4("special_fund fiscal_key_projects", 8000), 5, "5.0", "five-stars-without-three"),
    case("L5P4", l5p4("special_fund multi_channel_investment", 8000), 4, "4.5", "8000-without-fiscal-projects"),
    case("L5P4", l5p4("special_fund multi_channel_investment fiscal_key_projects", 7999), 4, "4.5", "7999-with-fiscal-projects"),
    case("L5P4", l5p4("multi_channel_investment fiscal_key_projects", 100000), 0, "0", "no-special-fund"),
    # L6P1: totals for two and three stars; floors, not caps, for four.
    case("L6P1", {"national_pilots": 0, "provincial_pilots": 0}, 0, "0", "none"),
    case("L6P1", {"national_pilots": 0, "provincial_pilots": 1}, 2, "1.2", "one-provincial"),
    case("L6P1", {"national_pilots": 1, "provincial_pilots": 1}, 3, "1.6", "one-each"),
    case("L6P1", {"national_pilots": 0, "provincial_pilots": 10}, 3, "1.6", "provincial-only"),
    case("L6P1", {"national_pilots": 1, "provincial_pilots": 2}, 4, "2.5", "1-national-2-provincial"),
    case("L6P1", {"national_pilots": 5, "provincial_pilots": 2}, 4, "2.5", "above-the-printed-span"),
    case("L6P1", {"national_pilots": 3, "provincial_pilots": 2}, 4, "2.5", "3-national-2-provincial"),
    case("L6P1", {"national_pilots": 3, "provincial_pilots": 3}, 5, "3.0", "3-and-3"),
    # L6P2: "or" from three stars.
    case("L6P2", {"publicity_activities": 0, "publicity_activities_national_provincial": 0, "data_hall_exhibits": 0}, 0, "0", "none"),
    case("L6P2", {"publicity_activities": 1, "publicity_activities_national_provincial": 0, "data_hall_exhibits": 0}, 2, "1.2", "one-activity"),
    case("L6P2", {"publicity_activities": 2, "publicity_activities_national_provincial": 0, "data_hall_exhibits": 0}, 3, "1.6", "two-activities"),
    case("L6P2", {"publicity_activities": 0, "publicity_activities_national_provincial": 0, "data_hall_exhibits": 1}, 3, "1.6", "one-exhibit-only"),
    case("L6P2", {"publicity_activities": 10, "publicity_activities_national_provincial": 2, "data_hall_exhibits": 0}, 3, "1.6", "many-local-activities"),
    case("L6P2", {"publicity_activities": 3, "publicity_activities_national_provincial": 3, "data_hall_exhibits": 0}, 4, "2.5", "three-national-provincial"),
    case("L6P2", {"publicity_activities": 0, "publicity_activities_national_provincial": 0, "data_hall_exhibits": 2}, 4, "2.5", "two-exhibits"),
    case("L6P2", {"publicity_activities": 5, "publicity_activities_national_provincial": 5, "data_hall_exhibits": 0}, 5, "3.0", "five-national-provincial"),
    case("L6P2", {"publicity_activities": 0, "publicity_activities_national_provincial": 0, "data_hall_exhibits": 3}, 5, "3.0", "three-exhibits"),
    # L6P3: five stars needs a national demonstration too.
    case("L6P3", {"provincial_demos": 1, "national_demos": 0}, 3, "4.0", "one"),
    case("L6P3", {"provincial_demos": 2, "national_demos": 0}, 4, "8.0", "two"),
    case("L6P3", {"provincial_demos": 9, "national_demos": 0}, 4, "8.0", "many-without-national"),
    case("L6P3", {"provincial_demos": 2, "national_demos": 1}, 4, "8.0", "two-with-national"),
    case("L6P3", {"provincial_demos": 3, "national_demos": 1}, 5, "10.0", "three-with-national"),
    case("L6P3", {"provincial_demos": 0, "national_demos": 5}, 0, "0", "national-only"),
]


@pytest.mark.parametrize(("iid", "fields", "stars", "score"), COMPOUND)
def test_compound_tier(edition, iid, fields, stars, score):
    assert rated(edition, iid, fields) == (stars, score)


# -- computed measures ----------------------------------------------------
def measure(v: Verdict, name: str) -> Decimal:
    return next(m.value for m in v.measures if m.measure.name == name)


def exact(numerator, denominator) -> Decimal:
    """A quotient as the evaluator computes it: decimal, PRECISION digits."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return Decimal(str(numerator)) / Decimal(str(denominator))


@pytest.mark.parametrize(("rates", "mean", "stars"), [
    ((50, 60, 70), "0.6", 3),
    ((50, 60, 69.99), exact("1.7999", 3), 0),
    ((75, 75, 75), "0.75", 4),
    ((100, 100, 70), "0.9", 5),
])
def test_l1p11_is_the_mean_of_the_three_meter_rates(edition, rates, mean, stars):
    v = verdict(edition, "L1P11", dict(zip(("water_meter_rate", "power_meter_rate", "gas_meter_rate"), rates)))
    assert measure(v, "energy_collection_rate") == Decimal(mean)
    assert (measure(v, "energy_collection_rate") >= Decimal("0.6")) is (stars > 0)
    assert v.stars == stars


@pytest.mark.parametrize("rates", [(80, 90, 60), (70, 95, 70), (70.1, 89.9, 80)])
def test_l2p1_weighting_lands_exactly_on_80_percent_in_decimal(edition, rates):
    # In binary floats 0.4*0.70 + 0.4*0.95 + 0.2*0.70 is 0.7999999999999999.
    v = verdict(edition, "L2P1", dict(zip(("air_monitor_rate", "water_monitor_rate", "noise_monitor_rate"), rates)))
    assert measure(v, "env_monitor_rate") == Decimal("0.8")
    assert (v.stars, v.score) == (4, Decimal("1.2"))


def test_l2p1_weights_air_and_water_twice_as_much_as_noise(edition):
    v = verdict(edition, "L2P1", {"air_monitor_rate": 100, "water_monitor_rate": 0, "noise_monitor_rate": 0})
    assert measure(v, "env_monitor_rate") == Decimal("0.4")
    v = verdict(edition, "L2P1", {"air_monitor_rate": 0, "water_monitor_rate": 0, "noise_monitor_rate": 100})
    assert measure(v, "env_monitor_rate") == Decimal("0.2")


@pytest.mark.parametrize(("rates", "stars"), [
    ((70, 70, 70), 3),
    ((60, 70, 80), 3),
    ((80, 85, 90), 4),
    ((100, 100, 99.9), 4),
    ((100, 100, 100), 5),
    ((69.9, 70, 70), 0),
])
def test_l2p5_is_the_mean_of_the_three_networks(edition, rates, stars):
    v = verdict(edition, "L2P5", dict(zip(("water_network_monitor_rate", "power_network_monitor_rate", "gas_network_monitor_rate"), rates)))
    assert measure(v, "pipe_network_monitor_rate") == exact(sum(Decimal(str(r)) for r in rates), 300)
    assert v.stars == stars


@pytest.mark.parametrize(("opened", "stars", "score"), [(22, 5, "2.0"), (21, 4, "1.6"), (20, 4, "1.6"), (19, 0, "0")])
def test_l2p7_open_categories_over_22(edition, opened, stars, score):
    v = verdict(edition, "L2P7", {"open_data_categories": opened})
    assert measure(v, "open_data_rate") == exact(opened, 22)
    assert (v.stars, v.score) == (stars, Decimal(score))


@pytest.mark.parametrize(("sites", "stars"), [(4, 0), (5, 3), (7, 3), (8, 4), (9, 4), (10, 5)])
def test_l4p9_supporting_sites_over_10(edition, sites, stars):
    v = verdict(edition, "L4P9", {"ipv6_sites": sites})
    assert measure(v, "ipv6_site_rate") == Decimal(sites) / 10
    assert v.stars == stars


@pytest.mark.parametrize(("now", "before", "growth", "stars"), [
    (11, 10, "0.1", 4),
    (10.5, 10, "0.05", 3),
    (10.49, 10, "0.049", 0),
    (11.5, 10, "0.15", 4),
    (11.51, 10, "0.151", 5),
    (9, 10, "-0.1", 0),
    (14.3875, 12.5, "0.151", 5),
])
def test_l3p6_growth_over_the_previous_year(edition, now, before, growth, stars):
    v = verdict(edition, "L3P6", {"patents_per_10k": now, "patents_per_10k_prev": before})
    assert measure(v, "patent_growth_rate") == Decimal(growth)
    assert v.stars == stars


@pytest.mark.parametrize("now", [0, 11])
def test_l3p6_zero_base_is_not_assessed_with_the_reason(edition, now):
    result = result_of(edition, {"L3P6": {"patents_per_10k": now, "patents_per_10k_prev": 0}})
    v = next(v for v in result.verdicts if v.indicator.id == "L3P6")
    assert (v.status, v.stars, v.score, v.missing) == ("not_assessed", None, Decimal(0), [])
    assert v.reason.message("zh") == "前一年万人有效发明专利拥有量为 0，无法计算（除数为 0）"
    assert v.reason.message("en") == (
        "Valid invention patents per 10,000 people the previous year is 0, so this cannot be computed (division by zero)"
    )
    assert result.complete is False
    assert "L3P6" not in [w.params.get("id") for w in result.warnings]


# -- how values are written ----------------------------------------------
@pytest.mark.parametrize("written", ['"85%"', '"85 %"', '"85％"', "85%", "85", "85.0", '"85"'])
def test_percent_spellings_are_equal(edition, written):
    result = result_of_text(edition, f"values:\n  L1P1:\n    e_license_rate: {written}\n")
    v = result.verdicts[0]
    assert v.inputs["e_license_rate"] == Decimal("0.85")
    assert (v.stars, v.score) == (4, Decimal("2.5"))


def test_79_95_percent_does_not_reach_80_percent(edition):
    assert rated(edition, "L1P1", {"e_license_rate": "79.95%"}) == (3, Decimal("2.0"))
    assert rated(edition, "L4P1", {"fiber_home_rate": 79.95}) == (2, Decimal("0.4"))


def test_a_float_from_yaml_is_read_through_its_text(edition):
    result = result_of_text(edition, "values:\n  L4P2: {mobile_download_mbps: 0.1}\n  L1P1: {e_license_rate: 85.1}\n")
    assert result.verdicts[0].inputs["e_license_rate"] == Decimal("0.851")
    l4p2 = next(v for v in result.verdicts if v.indicator.id == "L4P2")
    assert l4p2.inputs["mobile_download_mbps"] == Decimal("0.1")


# -- missing inputs -------------------------------------------------------
def test_missing_inputs_are_not_assessed_never_zero_stars(edition):
    result = result_of(edition, {})
    assert all(v.status == "not_assessed" and v.stars is None and v.score == 0 for v in result.verdicts)
    assert {v.indicator.id: v.missing for v in result.verdicts} == {
        iid: list(ind.inputs) for iid, ind in edition.indicators.items()
    }
    assert (result.complete, result.total, result.deduction) == (False, Decimal(0), Decimal(0))


@pytest.mark.parametrize(("iid", "fields", "missing"), [
    ("L1P4", {"bus_realtime_rate": "100%"}, ["e_stop_coverage"]),
    ("L1P4", {"e_stop_coverage": "100%"}, ["bus_realtime_rate"]),
    ("L3P6", {"patents_per_10k_prev": 10}, ["patents_per_10k"]),
    ("L1P11", {"water_meter_rate": 100, "gas_meter_rate": 100}, ["power_meter_rate"]),
    ("L5P1", flags(L5P1, "leading_group led_by_principal authority_coordinates project_management_in_performance"), ["regular_meetings"]),
    ("L1P1", {"e_license_rate": None}, ["e_license_rate"]),
])
def test_a_partly_given_indicator_is_not_assessed(edition, iid, fields, missing):
    result = result_of(edition, {iid: fields, "L1P2": {"employment_channels": 5}})
    v = next(v for v in result.verdicts if v.indicator.id == iid)
    assert (v.status, v.stars, v.score, v.missing) == ("not_assessed", None, Decimal(0), missing)
    assert result.complete is False


def test_a_city_with_every_input_is_complete(edition):
    result = result_of(edition, FIVE_STARS)
    assert result.complete is True
    assert all(v.status == "rated" for v in result.verdicts)


# -- deductions -----------------------------------------------------------
SCORED_A_LITTLE = {"L1P1": {"e_license_rate": "85.1%"}, "L6P3": {"provincial_demos": 2, "national_demos": 0}}


@pytest.mark.parametrize(("incidents", "deduction", "total"), [(0, "0", "11.0"), (1, "2", "9.0"), (3, "6", "5.0")])
def test_each_incident_deducts_2_points_of_100(edition, incidents, deduction, total):
    result = result_of(edition, {**SCORED_A_LITTLE, "L5P6": {"security_incidents": incidents}})
    assert result.subtotal == Decimal("11.0")
    assert result.deduction == Decimal(deduction)
    assert result.total == Decimal(total)
    l5p6 = next(v for v in result.verdicts if v.indicator.id == "L5P6")
    assert (l5p6.status, l5p6.stars, l5p6.score, l5p6.deduction) == ("rated", None, Decimal(0), Decimal(deduction))


def test_the_total_never_goes_below_0(edition):
    result = result_of(edition, {**SCORED_A_LITTLE, "L5P6": {"security_incidents": 6}})
    assert (result.subtotal, result.deduction, result.total) == (Decimal("11.0"), Decimal(12), Decimal(0))
    result = result_of(edition, {**FIVE_STARS, "L5P6": {"security_incidents": 1000}})
    assert (result.deduction, result.total) == (Decimal(2000), Decimal(0))


def test_a_deduction_does_not_lower_the_safeguards_category(edition):
    result = result_of(edition, {"L5P5": {"supported_projects": 301}, "L5P6": {"security_incidents": 1}})
    assert {c.category.id: c.score for c in result.categories}["L5"] == Decimal("3.0")
    assert result.total == Decimal("1.0")


def test_missing_l5p6_deducts_nothing_and_is_not_assessed(edition):
    result = result_of(edition, SCORED_A_LITTLE)
    l5p6 = next(v for v in result.verdicts if v.indicator.id == "L5P6")
    assert (l5p6.status, l5p6.missing, l5p6.deduction) == ("not_assessed", ["security_incidents"], None)
    assert (result.deduction, result.total, result.complete) == (Decimal(0), Decimal("11.0"), False)


# -- L4P1's duplicated tier ----------------------------------------------
@pytest.mark.parametrize(("rate", "stars", "score"), [(60, 2, "0.4"), (59.9, 0, "0"), (79.9, 2, "0.4"), (80, 3, "0.6"), (90, 4, "0.8"), (100, 5, "1.0")])
def test_l4p1_reaching_60_percent_gives_two_stars(edition, rate, stars, score):
    assert rated(edition, "L4P1", {"fiber_home_rate": rate}) == (stars, Decimal(score))


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=0, max_value=100, places=2))
def test_l4p1_one_star_is_unreachable(edition, rate):
    stars, _ = rated(edition, "L4P1", {"fiber_home_rate": f"{rate}%"})
    assert stars != 1


# -- categories and total -------------------------------------------------
FIVE_STARS = {
    "L1P1": {"e_license_rate": "85.1%"},
    "L1P2": {"employment_channels": 5},
    "L1P3": {"app_rank": 3},
    "L1P4": {"bus_realtime_rate": "100%", "e_stop_coverage": "20%"},
    "L1P5": {"smart_lighting_rate": "100%"},
    "L1P6": {"social_security_remote_services": 4},
    "L1P7": {"smart_campus_rate": "80%"},
    "L1P8": {"hospital_level3_share": "90%", "hospital_level4_share": "90%"},
    "L1P9": {"adaptive_signal_rate": "90.1%"},
    "L1P10": {"transit_epay_rate": "90.1%"},
    "L1P11": {"water_meter_rate": 90, "power_meter_rate": 90, "gas_meter_rate": 90},
    "L2P1": {"air_monitor_rate": 90.1, "water_monitor_rate": 90.1, "noise_monitor_rate": 90.1},
    "L2P2": {"emergency_command_rate": 90.1},
    "L2P3": {"gov_cloud_migration_rate": 95.1},
    "L2P4": {"merged_network_departments": 6},
    "L2P5": {"water_network_monitor_rate": 100, "power_network_monitor_rate": 100, "gas_network_monitor_rate": 100},
    "L2P6": {"dept_data_sharing_rate": 100},
    "L2P7": {"open_data_categories": 22},
    "L2P8": {"credit_sharing_rate": 100},
    "L2P9": {"building_metering_rate": 90},
    "L3P1": {"software_revenue_gdp_share": "8.01%"},
    "L3P2": {"cloud_enterprises": 10001},
    "L3P3": {"national_industrial_bases": 4},
    "L3P4": {"digital_economy_parks": 4},
    "L3P5": {"ecommerce_share": 30.01},
    "L3P6": {"patents_per_10k": 11.51, "patents_per_10k_prev": 10},
    "L3P7": {"iiot_secondary_nodes": 2},
    "L3P8": {"ngit_employment_share": 10.01},
    "L4P1": {"fiber_home_rate": 100},
    "L4P2": {"mobile_download_mbps": 30},
    "L4P3": {"video_case_contribution": 80, "video_served_departments": 11},
    "L4P4": {"weather_station_spacing_km": 2.99},
    "L4P5": {"hd_video_coverage": 100, "camera_intact_rate": 100},
    "L4P6": {"video_network_rate": 100},
    "L4P7": {"e_police_coverage": 100},
    "L4P8": {"broadband_200m_share": 80},
    "L4P9": {"ipv6_sites": 10},
    "L4P10": {"g5_public_area_coverage": 90},
    "L4P11": {"topo_map_coverage": 100},
    "L5P1": flags(L5P1, L5P1),
    "L5P2": l5p2("published", L5P2_FACTS),
    "L5P3": flags(L5P3, L5P3),
    "L5P4": l5p4("special_fund fiscal_key_projects", 8000),
    "L5P5": {"supported_projects": 301},
    "L5P6": {"security_incidents": 0},
    "L6P1": {"national_pilots": 3, "provincial_pilots": 3},
    "L6P2": {"publicity_activities": 5, "publicity_activities_national_provincial": 5, "data_hall_exhibits": 0},
    "L6P3": {"provincial_demos": 3, "national_demos": 1},
    "L6P4": {"smart_community_rate": 50.01},
}


def test_a_city_just_over_every_five_star_line_scores_100(edition):
    result = result_of(edition, FIVE_STARS)
    assert [v.indicator.id for v in result.verdicts if not v.indicator.is_deduction and v.stars != 5] == []
    assert {c.category.id: c.score for c in result.categories} == {cid: c.max for cid, c in edition.categories.items()}
    assert (result.subtotal, result.deduction, result.total) == (Decimal(100), Decimal(0), Decimal(100))


def test_category_subtotals_add_the_scores_of_their_indicators(edition):
    result = result_of(edition, {
        "L1P1": {"e_license_rate": "85%"},          # 4 stars, 2.5
        "L1P2": {"employment_channels": 3},          # 3 stars, 0.6
        "L2P4": {"merged_network_departments": 6},   # 5 stars, 2.0
        "L4P4": {"weather_station_spacing_km": 10},  # 0 stars, 0
        "L5P1": flags("leading_group", L5P1),        # 1 star, 1
        "L6P3": {"provincial_demos": 3, "national_demos": 1},  # 5 stars, 10.0
        "L5P6": {"security_incidents": 1},
    })
    assert {c.category.id: c.score for c in result.categories} == {
        "L1": Decimal("3.1"), "L2": Decimal("2.0"), "L3": Decimal(0), "L4": Decimal(0), "L5": Decimal(1), "L6": Decimal("10.0"),
    }
    assert [c.max_score for c in result.categories] == [Decimal(x) for x in ("20", "14.5", "14.5", "15", "17", "19")]
    assert (result.subtotal, result.deduction, result.total) == (Decimal("16.1"), Decimal(2), Decimal("14.1"))


# -- selection policy -----------------------------------------------------
@pytest.fixture(scope="module")
def cumulative(tmp_path_factory, edition):
    folder = tmp_path_factory.mktemp("cumulative") / edition.folder.name
    shutil.copytree(edition.folder, folder)
    meta = folder / "edition.yaml"
    text = meta.read_text(encoding="utf-8")
    assert "\nselection: highest_passing\n" in text
    meta.write_text(text.replace("\nselection: highest_passing\n", "\nselection: cumulative\n"), encoding="utf-8")
    return load_edition(folder)


@pytest.mark.parametrize(("iid", "fields", "highest", "cumulative_stars"), [
    ("L5P2", l5p2("drafting", "annual_plan"), 2, 0),
    ("L5P2", l5p2("published", "annual_plan task_division_plan evaluation_mechanism"), 4, 4),
    ("L5P4", l5p4("special_fund", 5000), 4, 2),
    ("L5P4", l5p4("special_fund fiscal_key_projects", 8000), 5, 2),
    ("L6P2", {"publicity_activities": 0, "publicity_activities_national_provincial": 0, "data_hall_exhibits": 1}, 3, 0),
    ("L4P1", {"fiber_home_rate": 60}, 2, 2),
    ("L1P1", {"e_license_rate": "85.1%"}, 5, 5),
])
def test_highest_passing_versus_cumulative_selection(edition, cumulative, iid, fields, highest, cumulative_stars):
    assert (edition.selection, cumulative.selection) == ("highest_passing", "cumulative")
    assert verdict(edition, iid, fields).stars == highest
    assert verdict(cumulative, iid, fields).stars == cumulative_stars


# -- more is never worse --------------------------------------------------
# Spacing (L4P4) and rank (L1P3) improve as they fall; every other one-input
# indicator improves as its value rises.
RISING = [
    iid for iid, ind in load_edition().indicators.items()
    if len(ind.inputs) == 1 and not ind.is_deduction and iid not in ("L4P4", "L1P3")
]


def test_31_indicators_rate_one_rising_value():
    assert len(RISING) == 31


def _raw(spec, n: int):
    if spec.kind == "percent":
        return f"{Decimal(n) / 100}%"
    return n


@pytest.mark.parametrize("iid", RISING)
@settings(max_examples=25, deadline=None)
@given(low=st.integers(0, 20000), high=st.integers(0, 20000))
def test_a_higher_value_never_gives_fewer_stars(edition, iid, low, high):
    ind = edition.indicators[iid]
    (name, spec), = ind.inputs.items()
    top = int(spec.maximum * (100 if spec.kind == "percent" else 1)) if spec.maximum is not None else 20000
    low, high = sorted((min(low, top), min(high, top)))
    assert rated(edition, iid, {name: _raw(spec, low)})[0] <= rated(edition, iid, {name: _raw(spec, high)})[0]


@pytest.mark.parametrize(("iid", "values"), [("L1P3", range(1, 17)), ("L4P4", [Decimal(n) / 4 for n in range(1, 60)])])
def test_a_better_rank_or_closer_spacing_never_gives_fewer_stars(edition, iid, values):
    (name, _), = edition.indicators[iid].inputs.items()
    stars = [rated(edition, iid, {name: str(v) if isinstance(v, Decimal) else v})[0] for v in values]
    assert stars == sorted(stars, reverse=True)
