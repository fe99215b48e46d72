"""Rationales and next-tier texts, exactly, in Chinese and English.

Each expected text was checked by hand against the standard's tier and the
city's values: the tier that holds with the values put in, and for the next
tier what fails and by how much.
"""

from __future__ import annotations

import pytest
import yaml

from zhibiao.data.reading import city_from_document
from zhibiao.evaluation.evaluate import Verdict, evaluate
from zhibiao.report.render import missing_text, next_tier_text, rationale
from zhibiao.yamlpos import load


def verdict(edition, iid: str, fields: dict) -> Verdict:
    text = yaml.safe_dump({"entity": "测试市", "values": {iid: fields}}, allow_unicode=True)
    result = evaluate(edition, city_from_document(load(text, "test-city.yaml"), edition))
    return next(v for v in result.verdicts if v.indicator.id == iid)


def texts(edition, iid: str, fields: dict, lang: str) -> tuple[str, str | None]:
    v = verdict(edition, iid, fields)
    return rationale(v, lang), next_tier_text(v, lang)


BUS = {"bus_realtime_rate": "92%", "e_stop_coverage": "12%"}


def test_compound_tier_held_and_both_gaps_to_the_next_zh(edition):
    assert texts(edition, "L1P4", BUS, "zh") == (
        "四星：公共汽车来车信息实时预报率 92% ≥ 90% 且 公交电子站牌覆盖率 12% ≥ 10%",
        "五星（2 分）未达到：公共汽车来车信息实时预报率 92% < 100%，差 8 个百分点；公交电子站牌覆盖率 12% < 20%，差 8 个百分点",
    )


def test_compound_tier_held_and_both_gaps_to_the_next_en(edition):
    assert texts(edition, "L1P4", BUS, "en") == (
        "4 stars: Bus arrival real-time forecast rate 92% ≥ 90% and Electronic bus-stop sign coverage 12% ≥ 10%",
        "5 stars (2 points) not reached: Bus arrival real-time forecast rate 92% < 100%, 8 percentage points short;"
        " Electronic bus-stop sign coverage 12% < 20%, 8 percentage points short",
    )


def test_next_tier_names_only_the_part_that_fails(edition):
    _, nxt = texts(edition, "L1P4", {"bus_realtime_rate": "100%", "e_stop_coverage": "12%"}, "zh")
    assert nxt == "五星（2 分）未达到：公交电子站牌覆盖率 12% < 20%，差 8 个百分点"


def test_the_highest_tier_has_no_next_tier(edition):
    assert texts(edition, "L1P4", {"bus_realtime_rate": "100%", "e_stop_coverage": "20%"}, "zh") == (
        "五星：公共汽车来车信息实时预报率 100% ≥ 100% 且 公交电子站牌覆盖率 20% ≥ 20%",
        None,
    )


@pytest.mark.parametrize(("lang", "held", "nxt"), [
    (
        "zh",
        "四星：空气、水体、噪音等环境质量自动化监测率加权平均值 80% ≥ 80%\n"
        "其中 空气、水体、噪音等环境质量自动化监测率加权平均值 = 0.4 * 空气质量自动化监测率 80%"
        " + 0.4 * 水体质量自动化监测率 90% + 0.2 * 噪音自动化监测率 60% = 80%",
        "五星（1.5 分）未达到：空气、水体、噪音等环境质量自动化监测率加权平均值 80% ≤ 90%，须超过 90%（差 10 个百分点）",
    ),
    (
        "en",
        "4 stars: Weighted mean of automated air, water and noise monitoring rates 80% ≥ 80%\n"
        "where Weighted mean of automated air, water and noise monitoring rates = 0.4 * Automated air quality monitoring rate 80%"
        " + 0.4 * Automated water quality monitoring rate 90% + 0.2 * Automated noise monitoring rate 60% = 80%",
        "5 stars (1.5 points) not reached: Weighted mean of automated air, water and noise monitoring rates 80% ≤ 90%,"
        " must be above 90% (10 percentage points short)",
    ),
])
def test_a_measure_shows_how_it_was_computed(edition, lang, held, nxt):
    fields = {"air_monitor_rate": 80, "water_monitor_rate": 90, "noise_monitor_rate": 60}
    assert texts(edition, "L2P1", fields, lang) == (held, nxt)


def test_growth_shows_its_formula_with_units(edition):
    held, _ = texts(edition, "L3P6", {"patents_per_10k": 11, "patents_per_10k_prev": 10}, "zh")
    assert held == (
        "四星：万人有效发明专利拥有量增幅 10% ≥ 10%\n"
        "其中 万人有效发明专利拥有量增幅 = (当年度万人有效发明专利拥有量 11 件/万人 - 前一年万人有效发明专利拥有量 10 件/万人)"
        " / 前一年万人有效发明专利拥有量 10 件/万人 = 10%"
    )


def test_a_rounded_measure_is_marked_approximate(edition):
    held, nxt = texts(edition, "L1P11", {"water_meter_rate": "8.2%", "power_meter_rate": 60, "gas_meter_rate": "10%"}, "zh")
    assert held == (
        "未达到任何星级\n"
        "其中 家庭能源自动化采集覆盖率 = 平均(远传智能水表覆盖率 8.2%，远传智能电表覆盖率 60%，远传智能燃气表覆盖率 10%) = ≈26.07%"
    )
    assert nxt == "三星（1.4 分）未达到：家庭能源自动化采集覆盖率 ≈26.07% < 60%，差 ≈33.93 个百分点"


@pytest.mark.parametrize(("lang", "text", "missing"), [
    ("zh", "未评估：可能为二星至四星；缺少 公交电子站牌覆盖率（e_stop_coverage）", "公交电子站牌覆盖率（e_stop_coverage）"),
    ("en", "not assessed: could be 2 stars to 4 stars; missing Electronic bus-stop sign coverage (e_stop_coverage)",
     "Electronic bus-stop sign coverage (e_stop_coverage)"),
])
def test_not_assessed_names_the_missing_input_and_the_stars_still_possible(edition, lang, text, missing):
    v = verdict(edition, "L1P4", {"bus_realtime_rate": "92%"})
    assert rationale(v, lang) == text
    assert missing_text(v, lang) == missing
    assert next_tier_text(v, lang) is None


def test_not_assessed_names_every_missing_input_in_order(edition):
    v = verdict(edition, "L1P11", {})
    assert rationale(v, "zh") == (
        "未评估：缺少 远传智能水表覆盖率（water_meter_rate）、远传智能电表覆盖率（power_meter_rate）、远传智能燃气表覆盖率（gas_meter_rate）"
    )
    assert rationale(v, "en") == (
        "not assessed: missing Remote smart water meter coverage (water_meter_rate), Remote smart power meter coverage"
        " (power_meter_rate), Remote smart gas meter coverage (gas_meter_rate)"
    )


def test_zero_base_growth_says_why_it_is_not_assessed(edition):
    v = verdict(edition, "L3P6", {"patents_per_10k": 11, "patents_per_10k_prev": 0})
    assert rationale(v, "zh") == "未评估：前一年万人有效发明专利拥有量为 0，无法计算（除数为 0）"
    assert rationale(v, "en") == (
        "not assessed: Valid invention patents per 10,000 people the previous year is 0, so this cannot be computed (division by zero)"
    )
    assert next_tier_text(v, "zh") is None


@pytest.mark.parametrize(("iid", "fields", "lang", "held", "nxt"), [
    (
        "L1P1", {"e_license_rate": "85%"}, "zh",
        "四星：电子证照使用率 85% ≥ 80%",
        "五星（3 分）未达到：电子证照使用率 85% ≤ 85%，须超过 85%",
    ),
    (
        "L1P1", {"e_license_rate": "85%"}, "en",
        "4 stars: E-licence usage rate 85% ≥ 80%",
        "5 stars (3 points) not reached: E-licence usage rate 85% ≤ 85%, must be above 85%",
    ),
    (
        "L2P4", {"merged_network_departments": 5}, "zh",
        "四星：实现多网络合一的部门数量 5 ≥ 4",
        "五星（2 分）未达到：实现多网络合一的部门数量 5 ≤ 5，须超过 5",
    ),
    (
        "L1P9", {"adaptive_signal_rate": 79.9}, "zh",
        "四星：交通路口实时信号配时系统比例 79.9% ≥ 70%",
        "五星（1.5 分）未达到：交通路口实时信号配时系统比例 79.9% ≤ 90%，须超过 90%（差 10.1 个百分点）",
    ),
    (
        "L4P4", {"weather_station_spacing_km": 10}, "zh",
        "未达到任何星级",
        "三星（1.4 分）未达到：城区气象自动监测点间距 10 km ≥ 10 km，须小于 10 km",
    ),
    (
        "L4P4", {"weather_station_spacing_km": 9.99}, "en",
        "3 stars: Spacing of automatic weather stations in the urban area 9.99 km < 10 km",
        "4 stars (1.8 points) not reached: Spacing of automatic weather stations in the urban area 9.99 km ≥ 5 km,"
        " must be below 5 km (4.99 km short)",
    ),
])
def test_strict_comparison_failure_says_the_threshold_must_be_passed(edition, iid, fields, lang, held, nxt):
    assert texts(edition, iid, fields, lang) == (held, nxt)


def test_rank_gap_is_counted_in_places(edition):
    _, nxt = texts(edition, "L1P3", {"app_rank": 5}, "zh")
    assert nxt == "五星（3 分）未达到：“爱山东”本地分行接入应用数量在全省设区市中的排名 5 > 3，差 2 名"


def test_cumulative_checklist_reads_as_one_list_and_names_the_missing_fact(edition):
    fields = {"leading_group": True, "led_by_principal": True, "authority_coordinates": True,
              "project_management_in_performance": False, "regular_meetings": True}
    assert texts(edition, "L5P1", fields, "zh") == (
        "三星：成立智慧城市建设工作领导小组（是） 且 由政府主要领导担任领导小组领导（是） 且 由智慧城市主管部门统筹智慧城市建设和运营（是）",
        "四星（2.4 分）未达到：建立智慧城市项目管理制度并纳入政府绩效考核体系（否）",
    )


def test_or_tier_shows_the_alternative_that_held_and_every_way_to_the_next(edition):
    fields = {"publicity_activities": 1, "publicity_activities_national_provincial": 0, "data_hall_exhibits": 1}
    assert texts(edition, "L6P2", fields, "zh") == (
        "三星：在省数据大厅展示的智慧城市建设经验数 1 ≥ 1",
        "四星（2.5 分）未达到：以下任一项（其中国家及省级宣传、体验活动数 0 < 3，差 3 或 在省数据大厅展示的智慧城市建设经验数 1 < 2，差 1）",
    )


def test_unit_gap_is_in_the_inputs_unit(edition):
    fields = {"special_fund": True, "multi_channel_investment": False, "fiscal_key_projects": False, "social_capital_wan": 5000}
    assert texts(edition, "L5P4", fields, "zh") == (
        "四星：设立智慧城市建设专项资金，或明确由财政专项资金支持（是） 且 当年度参与智慧城市建设项目社会资本规模 5000 万元 ≥ 5000 万元",
        "五星（5 分）未达到：由财政资金支撑有关重点重大项目（否）；当年度参与智慧城市建设项目社会资本规模 5000 万元 < 8000 万元，差 3000 万元",
    )


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "扣 6 分：2 * 智慧城市建设过程中发生的失泄密事件（案件）数 3"),
    ("en", "6 points deducted: 2 * Number of leaks or losses of secrets (incidents or cases) during smart city construction 3"),
])
def test_deduction_text(edition, lang, text):
    v = verdict(edition, "L5P6", {"security_incidents": 3})
    assert rationale(v, lang) == text
    assert next_tier_text(v, lang) is None


def test_no_tier_reached_and_the_lowest_tier_gap(edition):
    assert texts(edition, "L1P7", {"smart_campus_rate": 29.9}, "zh") == (
        "未达到任何星级",
        "二星（1 分）未达到：智慧校园覆盖率 29.9% < 30%，差 0.1 个百分点",
    )


def test_english_next_tier_says_1_point_in_the_singular(edition):
    assert texts(edition, "L1P7", {"smart_campus_rate": 29.9}, "en") == (
        "no tier reached",
        "2 stars (1 point) not reached: Smart campus coverage 29.9% < 30%, 0.1 percentage points short",
    )


def test_next_tier_names_the_level_the_condition_really_gives_when_tiers_repeat(edition):
    # L4P1 一星 and 二星 both read 达到60%: reaching 60 % gives two stars.
    assert texts(edition, "L4P1", {"fiber_home_rate": 50}, "zh") == (
        "未达到任何星级",
        "二星（0.4 分）未达到：家庭光纤入户覆盖率 50% < 60%，差 10 个百分点",
    )


# -- a city's texts rendered together ------------------------------------------------
# A city's rationales (and next-tier texts) come from one render each, every
# text closed by an end mark that no value a template writes can hold.


@pytest.mark.parametrize("sample", ["sample-city-1.yaml", "sample-city-2.yaml"])
def test_a_citys_rationales_rendered_together_are_each_verdicts_own(edition, sample):
    from tests.conftest import SAMPLES
    from zhibiao.data.reading import load_city
    from zhibiao.report.render import next_tier_texts, rationales

    result = evaluate(edition, load_city(SAMPLES / sample, edition))
    for lang in ("zh", "en"):
        assert rationales(result.verdicts, lang) == [rationale(v, lang) for v in result.verdicts]
        assert next_tier_texts(result.verdicts, lang) == [next_tier_text(v, lang) for v in result.verdicts]


def test_the_end_mark_is_written_only_by_end():
    from zhibiao.report.render import END, _shown

    assert _shown(END) == "\x1e"
    assert _shown("济南\x1e市") == "济南\\x1e市"
