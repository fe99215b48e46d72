"""DB37/T 3890.1-2020 (city level) evaluated by hand: the speed anchor.

A plain Python reading of the standard's tables 1-8, written straight from the
published text with no engine code (no zhibiao import): stdlib, PyYAML's
libyaml loader and Decimal. The benchmarks under bench/ measure the engine
against it; tests/test_handwritten.py checks that both give the same stars,
scores and totals, so the anchor stays honest and the engine gets a second,
independent reading of the standard.

Input names, types and ranges follow the data contract
(db37-t-3890.1-2020-inputs.yaml); where the printed text needs a reading
(typos, the misplaced row of table 8, ambiguous tiers), the comment says
"reading:" and follows db37-t-3890.1-2020-reading.md, as the rule set does.

Missing inputs are read in three-valued logic (None = not given): an
indicator is rated when the given values already fix its star level, else it
is not assessed (stars None, 0 points). Only that much: no range of possible
stars or totals, no explanation. Generated cities are complete.

    python bench/handwritten.py FILES...    one JSON line per city on stdout
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

D = Decimal
ZERO = D(0)

# ---------------------------------------------------------------- reading values
# The data contract, field by field: (type, minimum, maximum). Percents are
# kept in percent points (85 % -> 85), as the tables print them.
P100 = ("percent", ZERO, D(100))
P_OPEN = ("percent", ZERO, None)
COUNT = ("count", ZERO, None)
NUMBER = ("number", ZERO, None)
BOOL = ("bool", None, None)

FIELDS: dict[str, dict[str, tuple[Any, ...]]] = {
    "L1P1": {"e_license_rate": P100},
    "L1P2": {"employment_channels": COUNT},
    "L1P3": {"app_rank": ("count", D(1), D(16))},  # a rank: a whole number, 1 = best
    "L1P4": {"bus_realtime_rate": P100, "e_stop_coverage": P100},
    "L1P5": {"smart_lighting_rate": P100},
    "L1P6": {"social_security_remote_services": COUNT},
    "L1P7": {"smart_campus_rate": P100},
    "L1P8": {"hospital_level3_share": P100, "hospital_level4_share": P100},
    "L1P9": {"adaptive_signal_rate": P100},
    "L1P10": {"transit_epay_rate": P100},
    "L1P11": {"water_meter_rate": P100, "power_meter_rate": P100, "gas_meter_rate": P100},
    "L2P1": {"air_monitor_rate": P100, "water_monitor_rate": P100, "noise_monitor_rate": P100},
    "L2P2": {"emergency_command_rate": P100},
    "L2P3": {"gov_cloud_migration_rate": P100},
    "L2P4": {"merged_network_departments": COUNT},
    "L2P5": {"water_network_monitor_rate": P100, "power_network_monitor_rate": P100, "gas_network_monitor_rate": P100},
    "L2P6": {"dept_data_sharing_rate": P100},
    "L2P7": {"open_data_categories": ("count", ZERO, D(22))},
    "L2P8": {"credit_sharing_rate": P100},
    "L2P9": {"building_metering_rate": P100},
    "L3P1": {"software_revenue_gdp_share": P_OPEN},
    "L3P2": {"cloud_enterprises": COUNT},
    "L3P3": {"national_industrial_bases": COUNT},
    "L3P4": {"digital_economy_parks": COUNT},
    "L3P5": {"ecommerce_share": P_OPEN},
    "L3P6": {"patents_per_10k": NUMBER, "patents_per_10k_prev": NUMBER},
    "L3P7": {"iiot_secondary_nodes": COUNT},
    "L3P8": {"ngit_employment_share": P100},
    "L4P1": {"fiber_home_rate": P100},
    "L4P2": {"mobile_download_mbps": NUMBER},
    "L4P3": {"video_case_contribution": P100, "video_served_departments": COUNT},
    "L4P4": {"weather_station_spacing_km": ("number", ZERO, None, "exclusive")},
    "L4P5": {"hd_video_coverage": P100, "camera_intact_rate": P100},
    "L4P6": {"video_network_rate": P100},
    "L4P7": {"e_police_coverage": P100},
    "L4P8": {"broadband_200m_share": P100},
    "L4P9": {"ipv6_sites": ("count", ZERO, D(10))},
    "L4P10": {"g5_public_area_coverage": P100},
    "L4P11": {"topo_map_coverage": P100},
    "L5P1": dict.fromkeys(("leading_group", "led_by_principal", "authority_coordinates",
                           "project_management_in_performance", "regular_meetings"), BOOL),
    "L5P2": {
        # Graded answers, lowest first, with the contract's Chinese labels;
        # reading ("Quality words"): yes/no is still accepted for the three
        # graded ones, yes = the highest grade, no = none.
        "top_plan_status": ("enum", ("none", "drafting", "completed", "published"), ("无", "正在制定", "制定完成", "已发布"), False),
        "annual_plan": ("enum", ("none", "made", "clear"), ("无", "已制定", "已制定且明确"), True),
        "task_division_plan": ("enum", ("none", "made", "detailed"), ("无", "已制定", "已制定且详细"), True),
        "special_plans": BOOL,
        "evaluation_mechanism": ("enum", ("none", "established", "complete"), ("无", "已建立", "已建立且完善"), True),
        "annual_summary": BOOL,
    },
    "L5P3": dict.fromkeys(("talent_plan", "training", "org_structure", "cio_system", "role_responsibilities",
                           "talent_incentives", "other_talent_activities"), BOOL),
    "L5P4": {"special_fund": BOOL, "multi_channel_investment": BOOL, "fiscal_key_projects": BOOL, "social_capital_wan": NUMBER},
    "L5P5": {"supported_projects": COUNT},
    "L5P6": {"security_incidents": COUNT},
    "L6P1": {"national_pilots": COUNT, "provincial_pilots": COUNT},
    "L6P2": {"publicity_activities": COUNT, "publicity_activities_national_provincial": COUNT, "data_hall_exhibits": COUNT},
    "L6P3": {"provincial_demos": COUNT, "national_demos": COUNT},
    "L6P4": {"smart_community_rate": P100},
}
ALL_FIELDS = tuple(name for fields in FIELDS.values() for name in fields)
YES = {"true", "yes", "是"}
NO = {"false", "no", "否"}


def _number(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return D(raw)
    if isinstance(raw, float):
        value = D(repr(raw))  # the shortest text of the float: 84.9 stays 84.9
    elif isinstance(raw, str):
        try:
            value = D(unicodedata.normalize("NFKC", raw).strip())
        except InvalidOperation:
            raise ValueError(raw) from None
    else:
        raise ValueError(raw)
    if not value.is_finite():
        raise ValueError(raw)
    return value


def _percent(raw: Any) -> Decimal:
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()  # full-width "８５％" too
        if text.endswith("%"):
            return _number(text[:-1])
    return _number(raw)  # a plain number is percent points


def _yes_no(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in YES:
            return True
        if word in NO:
            return False
    return None


def read_value(spec: tuple[Any, ...], raw: Any) -> Any:
    """One data value as the contract types it; ValueError when it does not fit."""
    kind = spec[0]
    if kind == "bool":
        answer = _yes_no(raw)
        if answer is None:
            raise ValueError(raw)
        return answer
    if kind == "enum":
        names, labels, graded = spec[1], spec[2], spec[3]
        text = raw.strip() if isinstance(raw, str) else raw
        if text in names:
            return names.index(text)
        if text in labels:
            return labels.index(text)
        answer = _yes_no(raw) if graded else None
        if answer is None:
            raise ValueError(raw)
        return len(names) - 1 if answer else 0
    value = _percent(raw) if kind == "percent" else _number(raw)
    if kind == "count" and value != value.to_integral_value():
        raise ValueError(raw)
    low, high = spec[1], spec[2]
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(raw)
    if len(spec) > 3 and value == low:  # exclusive minimum (station spacing > 0)
        raise ValueError(raw)
    return value


def read_values(values: dict[str, Any]) -> dict[str, Any]:
    """The ``values`` mapping of a data file as typed facts, every contract
    field present (None when not given)."""
    facts: dict[str, Any] = dict.fromkeys(ALL_FIELDS)
    for iid, fields in (values or {}).items():
        specs = FIELDS.get(iid)
        if specs is None:
            raise ValueError(f"unknown indicator {iid}")
        for name, raw in (fields or {}).items():
            spec = specs.get(name)
            if spec is None:
                raise ValueError(f"unknown field {iid}.{name}")
            if raw is not None:
                try:
                    facts[name] = read_value(spec, raw)
                except ValueError:
                    raise ValueError(f"{iid}.{name}: {raw!r} does not fit {spec[0]}") from None
    return facts


# ---------------------------------------------------------------- three-valued tests
# None is "not given"; and/or follow Kleene: a known False decides an "and",
# a known True decides an "or".
Tri = bool | None


def ge(x: Any, t: Any) -> Tri:
    return None if x is None else x >= t


def gt(x: Any, t: Any) -> Tri:
    return None if x is None else x > t


def lt(x: Any, t: Any) -> Tri:
    return None if x is None else x < t


def le(x: Any, t: Any) -> Tri:
    return None if x is None else x <= t


def eq(x: Any, t: Any) -> Tri:
    return None if x is None else x == t


def within(x: Any, low: Any, high: Any) -> Tri:
    return None if x is None else low <= x <= high


def yes(x: Any) -> Tri:
    return x


def both(*tests: Tri) -> Tri:
    if False in tests:
        return False
    return None if None in tests else True


def either(*tests: Tri) -> Tri:
    if True in tests:
        return True
    return None if None in tests else False


def total_of(*xs: Any) -> Any:
    return None if None in xs else sum(xs, ZERO)


class NotRated(Exception):
    """The data given cannot be rated (L3P6 with no patents the year before)."""


def growth(this: Any, prev: Any) -> Any:
    """L3P6 in percent points: (this - prev) / prev. Reading: a base year of 0
    cannot be rated (not assessed, not a crash)."""
    if prev is not None and prev == 0:
        raise NotRated
    if this is None or prev is None:
        return None
    return (this - prev) * 100 / prev


# ---------------------------------------------------------------- tables 1-6
# Each indicator: its five tiers (一星 .. 五星; None where the table prints
# "/"), each a test of the facts. Comparison words (reading): 达到, 不低于,
# 不少于, 以上, 及以上 -> >=; 超过, 多于 -> >; 小于 -> <; "1家/1项" as a floor -> >= 1.
# Every printed threshold is a whole number, written as an int: a Decimal
# compares exactly with an int.
Test = Callable[[dict[str, Any]], Tri]


def _rate(name: str, *floors: Any) -> tuple[Test | None, ...]:
    """Tiers "rate reaches x %" (>=); a floor written ('>', x) is 超过 (strict)."""
    tiers: list[Test | None] = []
    for floor in floors:
        if floor is None:
            tiers.append(None)
        elif isinstance(floor, tuple):
            tiers.append(lambda f, t=floor[1]: gt(f[name], t))
        else:
            tiers.append(lambda f, t=floor: ge(f[name], t))
    return tuple(tiers)


def _mean3(a: str, b: str, c: str, *floors: Any) -> tuple[Test | None, ...]:
    """Reading: three parts weighing 1/3 each; mean >= t compared as sum >= 3t, exactly."""
    return tuple(None if t is None else (lambda f, t=t * 3: ge(total_of(f[a], f[b], f[c]), t)) for t in floors)


def _l2p1(f: dict[str, Any]) -> Any:
    # Reading: 0.4 x air + 0.4 x water + 0.2 x noise (the printed formula divides a rate by an area).
    air, water, noise = f["air_monitor_rate"], f["water_monitor_rate"], f["noise_monitor_rate"]
    return None if None in (air, water, noise) else D("0.4") * air + D("0.4") * water + D("0.2") * noise


def _l2p7(f: dict[str, Any]) -> Any:
    # Reading: opened categories / 22 (in percent points, compared as opened x 100 against t x 22).
    n = f["open_data_categories"]
    return None if n is None else n * 100


def _l4p9(f: dict[str, Any]) -> Any:
    # Reading: supporting sites / 10.
    n = f["ipv6_sites"]
    return None if n is None else n * 10


TIERS: dict[str, tuple[Test | None, ...]] = {
    # 表1 数字惠民. Reading: L1F1-L1F3 and LIP8-LIP11 are misprints of L1P1-L1P3, L1P8-L1P11.
    "L1P1": _rate("e_license_rate", 10, 30, 60, 80, (">", 85)),
    "L1P2": _rate("employment_channels", 1, 2, 3, 4, 5),
    "L1P3": (  # rank in the province, 1 = best: 13至16名 .. 前3名
        lambda f: within(f["app_rank"], 13, 16),
        lambda f: within(f["app_rank"], 10, 12),
        lambda f: within(f["app_rank"], 7, 9),
        lambda f: within(f["app_rank"], 4, 6),
        lambda f: le(f["app_rank"], 3),
    ),
    "L1P4": (  # reading: 5 stars needs the real-time rate at 100 % and e-stops >= 20 %
        lambda f: ge(f["bus_realtime_rate"], 60),
        lambda f: ge(f["bus_realtime_rate"], 70),
        lambda f: both(ge(f["bus_realtime_rate"], 80), ge(f["e_stop_coverage"], 5)),
        lambda f: both(ge(f["bus_realtime_rate"], 90), ge(f["e_stop_coverage"], 10)),
        lambda f: both(ge(f["bus_realtime_rate"], 100), ge(f["e_stop_coverage"], 20)),
    ),
    "L1P5": _rate("smart_lighting_rate", 40, 60, 70, 90, 100),
    "L1P6": _rate("social_security_remote_services", None, 1, 2, 3, 4),
    "L1P7": _rate("smart_campus_rate", None, 30, 50, 60, 80),
    "L1P8": (  # 3级以上 includes level 3
        None, None,
        lambda f: ge(f["hospital_level3_share"], 50),
        lambda f: ge(f["hospital_level4_share"], 80),
        lambda f: ge(f["hospital_level4_share"], 90),
    ),
    "L1P9": _rate("adaptive_signal_rate", None, None, 50, 70, (">", 90)),
    "L1P10": _rate("transit_epay_rate", None, None, 60, 75, (">", 90)),
    "L1P11": _mean3("water_meter_rate", "power_meter_rate", "gas_meter_rate", None, None, 60, 75, 90),
    # 表2 数字政府
    "L2P1": tuple((lambda f, t=t: ge(_l2p1(f), t)) for t in (30, 50, 60, 80)) + (lambda f: gt(_l2p1(f), 90),),
    "L2P2": _rate("emergency_command_rate", 20, 30, 50, 80, (">", 90)),
    "L2P3": _rate("gov_cloud_migration_rate", None, None, 80, 90, (">", 95)),
    "L2P4": _rate("merged_network_departments", None, None, 2, 4, (">", 5)),
    # Reading: the 三项 of L2P5 are the water, power and gas networks, as in L1P11.
    "L2P5": _mean3("water_network_monitor_rate", "power_network_monitor_rate", "gas_network_monitor_rate",
                   None, None, 70, 85, 100),
    "L2P6": _rate("dept_data_sharing_rate", None, None, None, 90, 100),
    "L2P7": (None, None, None, lambda f: ge(_l2p7(f), 90 * 22), lambda f: ge(_l2p7(f), 100 * 22)),
    "L2P8": _rate("credit_sharing_rate", None, None, None, 90, 100),
    "L2P9": _rate("building_metering_rate", None, None, None, None, 90),
    # 表3 数字经济. Reading: L3F7, L3F8 are L3P7, L3P8.
    "L3P1": _rate("software_revenue_gdp_share", 1, 2, 4, 6, (">", 8)),
    "L3P2": _rate("cloud_enterprises", None, 2000, 5000, 8000, (">", 10000)),
    "L3P3": _rate("national_industrial_bases", None, 1, 2, 3, 4),
    "L3P4": _rate("digital_economy_parks", None, 1, 2, 3, 4),
    "L3P5": _rate("ecommerce_share", None, None, 10, 20, (">", 30)),
    "L3P6": (
        None, None,
        lambda f: ge(growth(f["patents_per_10k"], f["patents_per_10k_prev"]), 5),
        lambda f: ge(growth(f["patents_per_10k"], f["patents_per_10k_prev"]), 10),
        lambda f: gt(growth(f["patents_per_10k"], f["patents_per_10k_prev"]), 15),
    ),
    "L3P7": _rate("iiot_secondary_nodes", None, None, None, 1, 2),
    "L3P8": _rate("ngit_employment_share", None, None, None, 5, (">", 10)),
    # 表4 基础设施. Reading: L4F2, L4F4 are L4P2, L4P4; 一类..五类 of L4P6-L4P10 are 一星..五星.
    # Reading: L4P1 prints 达到60% at one and two stars; as published, 60 % gives two stars.
    "L4P1": _rate("fiber_home_rate", 60, 60, 80, 90, 100),
    "L4P2": _rate("mobile_download_mbps", 3, 10, 20, 25, 30),
    "L4P3": (  # reading: 2 stars at least 1 department served; 3-5 stars more than 3/6/10 (多于)
        lambda f: ge(f["video_case_contribution"], 30),
        lambda f: both(ge(f["video_case_contribution"], 40), ge(f["video_served_departments"], 1)),
        lambda f: both(ge(f["video_case_contribution"], 50), gt(f["video_served_departments"], 3)),
        lambda f: both(ge(f["video_case_contribution"], 60), gt(f["video_served_departments"], 6)),
        lambda f: both(ge(f["video_case_contribution"], 80), gt(f["video_served_departments"], 10)),
    ),
    "L4P4": (  # station spacing: smaller is better, 小于 is strict
        None, None,
        lambda f: lt(f["weather_station_spacing_km"], 10),
        lambda f: lt(f["weather_station_spacing_km"], 5),
        lambda f: lt(f["weather_station_spacing_km"], 3),
    ),
    "L4P5": tuple(None if t is None else (lambda f, t=t: both(ge(f["hd_video_coverage"], t), ge(f["camera_intact_rate"], t)))
                  for t in (None, None, 80, 90, 100)),  # reading: both rates reach the floor (均达到 .. 以上)
    "L4P6": _rate("video_network_rate", None, None, 80, 90, 100),
    "L4P7": _rate("e_police_coverage", None, None, 80, 90, 100),
    "L4P8": _rate("broadband_200m_share", None, None, 60, 70, 80),
    "L4P9": (None, None, lambda f: ge(_l4p9(f), 50), lambda f: ge(_l4p9(f), 80), lambda f: ge(_l4p9(f), 100)),
    "L4P10": _rate("g5_public_area_coverage", None, None, 60, 80, 90),
    "L4P11": _rate("topo_map_coverage", None, None, None, 90, 100),
    # 表5 保障措施
    "L5P1": (  # reading: cumulative, each tier adds one fact
        lambda f: yes(f["leading_group"]),
        lambda f: both(f["leading_group"], f["led_by_principal"]),
        lambda f: both(f["leading_group"], f["led_by_principal"], f["authority_coordinates"]),
        lambda f: both(f["leading_group"], f["led_by_principal"], f["authority_coordinates"], f["project_management_in_performance"]),
        lambda f: both(f["leading_group"], f["led_by_principal"], f["authority_coordinates"],
                       f["project_management_in_performance"], f["regular_meetings"]),
    ),
    # Reading (L5P2, graded answers): grades are indexes, lowest first.
    # top_plan_status none 0 / drafting 1 / completed 2 / published 3;
    # annual_plan none / made / clear; task_division_plan none / made / detailed;
    # evaluation_mechanism none / established / complete. Not nested.
    "L5P2": (
        lambda f: both(ge(f["annual_plan"], 1), ge(f["task_division_plan"], 1)),
        lambda f: both(ge(f["top_plan_status"], 1), eq(f["annual_plan"], 2)),
        lambda f: both(ge(f["top_plan_status"], 2), eq(f["annual_plan"], 2)),
        lambda f: both(eq(f["top_plan_status"], 3), ge(f["task_division_plan"], 1), ge(f["annual_plan"], 1),
                       ge(f["evaluation_mechanism"], 1)),
        lambda f: both(eq(f["top_plan_status"], 3), f["special_plans"], eq(f["annual_plan"], 2),
                       eq(f["task_division_plan"], 2), eq(f["evaluation_mechanism"], 2), f["annual_summary"]),
    ),
    "L5P3": (  # reading: 2 stars plan + training; 3 adds org structure + CIO; 4 adds roles; 5 adds incentives + other
        None,
        lambda f: both(f["talent_plan"], f["training"]),
        lambda f: both(f["talent_plan"], f["training"], f["org_structure"], f["cio_system"]),
        lambda f: both(f["talent_plan"], f["training"], f["org_structure"], f["cio_system"], f["role_responsibilities"]),
        lambda f: both(f["talent_plan"], f["training"], f["org_structure"], f["cio_system"], f["role_responsibilities"],
                       f["talent_incentives"], f["other_talent_activities"]),
    ),
    "L5P4": (  # not nested; social capital in 万元 (不少于 5000 / 8000 万)
        None,
        lambda f: yes(f["special_fund"]),
        lambda f: both(f["special_fund"], f["multi_channel_investment"]),
        lambda f: both(f["special_fund"], ge(f["social_capital_wan"], 5000)),
        lambda f: both(f["special_fund"], f["fiscal_key_projects"], ge(f["social_capital_wan"], 8000)),
    ),
    "L5P5": _rate("supported_projects", None, 50, 100, 200, (">", 300)),
    # 表6 地方特色. Reading: LGP3, LGP4 are L6P3, L6P4.
    "L6P1": (  # reading: the spans 1-3 and 2-3 of 4 stars are floors, not caps
        None,
        lambda f: ge(total_of(f["national_pilots"], f["provincial_pilots"]), 1),
        lambda f: ge(total_of(f["national_pilots"], f["provincial_pilots"]), 2),
        lambda f: both(ge(f["national_pilots"], 1), ge(f["provincial_pilots"], 2)),
        lambda f: both(ge(f["national_pilots"], 3), ge(f["provincial_pilots"], 3)),
    ),
    "L6P2": (
        None,
        lambda f: ge(f["publicity_activities"], 1),
        lambda f: either(ge(f["publicity_activities"], 2), ge(f["data_hall_exhibits"], 1)),
        lambda f: either(ge(f["publicity_activities_national_provincial"], 3), ge(f["data_hall_exhibits"], 2)),
        lambda f: either(ge(f["publicity_activities_national_provincial"], 5), ge(f["data_hall_exhibits"], 3)),
    ),
    "L6P3": (
        None, None,
        lambda f: ge(f["provincial_demos"], 1),
        lambda f: ge(f["provincial_demos"], 2),
        lambda f: both(ge(f["provincial_demos"], 3), ge(f["national_demos"], 1)),
    ),
    "L6P4": _rate("smart_community_rate", None, None, None, 30, (">", 50)),
}

# ---------------------------------------------------------------- tables 7 and 8
# Weight of each star level, points of 100 (3.0% = 3.0 points); None = "/".
# Reading: 多网格融合水平 = L2P4, 市政管网管线智能化监测管理率 = L2P5,
# 建筑用能分项计量应用水平 = L2P9, 万人有效发明增幅 = L3P6; in table 8 the
# category labels 保障措施 17% and 地方特色 19% are printed one row too high:
# L4P11 belongs to 基础设施 and L5P6 to 保障措施.
_ = None
WEIGHTS: dict[str, tuple[str | None, ...]] = {
    "L1P1": ("1.0", "1.2", "2.0", "2.5", "3.0"),
    "L1P2": ("0.2", "0.4", "0.6", "0.8", "1.0"),
    "L1P3": ("1.0", "1.2", "2.0", "2.5", "3.0"),
    "L1P4": ("0.6", "0.8", "1.2", "1.6", "2.0"),
    "L1P5": ("0.2", "0.4", "0.6", "0.8", "1.0"),
    "L1P6": (_, "0.4", "0.6", "0.8", "1.0"),
    "L1P7": (_, "1.0", "1.5", "1.8", "2.0"),
    "L1P8": (_, _, "1.5", "1.8", "2.0"),
    "L1P9": (_, _, "0.6", "1.0", "1.5"),
    "L1P10": (_, _, "0.8", "1.2", "1.5"),
    "L1P11": (_, _, "1.4", "1.8", "2.0"),
    "L2P1": ("0.5", "0.8", "1.0", "1.2", "1.5"),
    "L2P2": ("0.8", "1.2", "1.5", "1.8", "2.0"),
    "L2P3": (_, _, "1.2", "1.6", "2.0"),
    "L2P4": (_, _, "1.2", "1.8", "2.0"),
    "L2P5": (_, _, "1.0", "1.2", "1.5"),
    "L2P6": (_, _, _, "1.6", "2.0"),
    "L2P7": (_, _, _, "1.6", "2.0"),
    "L2P8": (_, _, _, "0.6", "1.0"),
    "L2P9": (_, _, _, _, "0.5"),
    "L3P1": ("0.6", "0.8", "1.0", "1.2", "1.5"),
    "L3P2": (_, "0.6", "1.0", "1.2", "1.5"),
    "L3P3": (_, "0.6", "0.8", "1.2", "1.5"),
    "L3P4": (_, "1.0", "1.2", "1.6", "2.0"),
    "L3P5": (_, _, "0.8", "1.2", "1.5"),
    "L3P6": (_, _, "0.4", "0.8", "1.0"),
    "L3P7": (_, _, _, "1.0", "1.5"),
    "L3P8": (_, _, _, "1.6", "4.0"),
    "L4P1": ("0.2", "0.4", "0.6", "0.8", "1.0"),
    "L4P2": ("0.2", "0.4", "0.6", "0.8", "1.0"),
    "L4P3": ("0.8", "1.2", "1.5", "1.8", "2.0"),
    "L4P4": (_, _, "1.4", "1.8", "2.0"),
    "L4P5": (_, _, "0.5", "0.8", "1.0"),
    "L4P6": (_, _, "0.5", "0.8", "1.0"),
    "L4P7": (_, _, "0.5", "0.8", "1.0"),
    "L4P8": (_, _, "0.5", "0.8", "1.0"),
    "L4P9": (_, _, "1.5", "1.8", "2.0"),
    "L4P10": (_, _, "1.5", "1.8", "2.0"),
    "L4P11": (_, _, _, "0.5", "1.0"),
    "L5P1": ("1", "1.2", "1.6", "2.4", "3.0"),
    "L5P2": ("1", "1.2", "1.6", "2.4", "3.0"),
    "L5P3": (_, "1.2", "1.6", "2.4", "3.0"),
    "L5P4": (_, "2.0", "3.0", "4.5", "5.0"),
    "L5P5": (_, "1.6", "2.0", "2.5", "3.0"),
    "L6P1": (_, "1.2", "1.6", "2.5", "3.0"),
    "L6P2": (_, "1.2", "1.6", "2.5", "3.0"),
    "L6P3": (_, _, "4.0", "8.0", "10.0"),
    "L6P4": (_, _, _, "2.5", "3.0"),
}
POINTS = {iid: tuple(ZERO if w is None else D(w) for w in (None, *ws)) for iid, ws in WEIGHTS.items()}
CATEGORIES = {"L1": D(20), "L2": D("14.5"), "L3": D("14.5"), "L4": D(15), "L5": D(17), "L6": D(19)}
INCIDENT_POINTS = D(2)  # L5P6: each incident takes 2 % of the full 100 (指标总分值), not of the score reached
TIER_TESTS = {iid: tuple((level, test) for level, test in enumerate(tiers, start=1) if test is not None)
              for iid, tiers in TIERS.items()}


def stars_of(tests: tuple[tuple[int, Test], ...], facts: dict[str, Any]) -> int | None:
    """The highest tier that holds (0 when none; a lower tier need not hold);
    None when the missing inputs leave it open."""
    least = most = 0
    for level, test in tests:
        held = test(facts)
        if held is True:
            least = most = level
        elif held is None:
            most = level
    return least if least == most else None


def evaluate_city(values: dict[str, Any]) -> tuple[dict[str, int | None], dict[str, Decimal], Decimal]:
    """Stars (None = not assessed) and points per scored indicator, and the
    total: the sum of points minus 2 per information-security incident,
    never below 0 (reading: the standard is silent there)."""
    stars, scores, _deduction, total = evaluate_values(values)
    return stars, scores, total


def evaluate_values(values: dict[str, Any]) -> tuple[dict[str, int | None], dict[str, Decimal], Decimal, Decimal]:
    """As ``evaluate_city``, with the deduction (points of L5P6) before the total."""
    facts = read_values(values)
    stars: dict[str, int | None] = {}
    scores: dict[str, Decimal] = {}
    for iid, tests in TIER_TESTS.items():
        try:
            level = stars_of(tests, facts)
        except NotRated:
            level = None
        stars[iid] = level
        scores[iid] = ZERO if level is None else POINTS[iid][level]
    incidents = facts["security_incidents"]  # not given: L5P6 not assessed, nothing deducted
    deduction = ZERO if incidents is None else incidents * INCIDENT_POINTS
    total = max(ZERO, sum(scores.values(), ZERO) - deduction)
    return stars, scores, deduction, total


def category_scores(scores: dict[str, Decimal]) -> dict[str, Decimal]:
    sums = dict.fromkeys(CATEGORIES, ZERO)
    for iid, points in scores.items():
        sums[iid[:2]] += points
    return sums


# ---------------------------------------------------------------- command line
def _json_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def city_line(doc: dict[str, Any]) -> str:
    stars, scores, deduction, total = evaluate_values(doc.get("values") or {})
    return json.dumps({
        "entity": doc.get("entity"),
        "period": None if doc.get("period") is None else str(doc["period"]),
        "total_score": _json_number(total),
        "deduction": _json_number(deduction),
        "categories": {c: _json_number(s) for c, s in category_scores(scores).items()},
        "stars": stars,
        "scores": {iid: _json_number(s) for iid, s in scores.items()},
    }, ensure_ascii=False)


def main(argv: list[str]) -> int:
    failed = 0
    out = sys.stdout
    for path in argv:
        try:
            with open(path, encoding="utf-8-sig") as fh:
                doc = yaml.load(fh, Loader=yaml.CSafeLoader)
            line = city_line(doc)
        except (OSError, yaml.YAMLError, ValueError, AttributeError) as e:
            print(f"{path}: {e}", file=sys.stderr)
            failed = 1
            continue
        out.write(line + "\n")
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
