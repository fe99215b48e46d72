"""Generated cities for DB37/T 3890.1-2020: complete data files whose values
sit on, just below and just above the tier thresholds of the standard (and
some anywhere in range), in every spelling the data contract accepts.

Deterministic: city ``i`` of seed ``s`` is the same whatever the count.

    python bench/cities.py --count 1008 --out /tmp/cities [--seed 0]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

D = Decimal
STEPS = (D(1), D("0.1"), D("0.01"))


def _on_or_near(rng: random.Random, points: tuple[Any, ...], low: Any, high: Any) -> Decimal:
    """A threshold, or just beside it; now and then anywhere between low and high."""
    if rng.random() < 0.15:
        return D(rng.randint(int(low) * 100, int(high) * 100)) / 100
    value = D(rng.choice(points)) + rng.choice((-1, 0, 0, 1)) * rng.choice(STEPS)
    return min(max(value, D(low)), D(high))


def _count(rng: random.Random, points: tuple[int, ...], high: int | None = None) -> int:
    value = rng.choice(points) + rng.choice((-1, 0, 0, 1))
    if rng.random() < 0.1:
        value = rng.randint(0, max(points) * 2)
    return max(0, value if high is None else min(value, high))


def _plain(value: Decimal) -> int | float:
    """A number as a data file writes it (YAML int or float)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _percent(rng: random.Random, value: Decimal) -> Any:
    """A percent in one of the spellings the contract accepts."""
    text = str(value.normalize()) if value != 0 else "0"
    if "E" in text:
        text = str(int(value))
    form = rng.randrange(5)
    if 0 < value < 1:
        form = 0  # a plain number below 1 reads like a fraction (0.85 for 85 %): the engine warns
    if form == 0:
        return f"{text}%"
    if form == 1:
        return f"{text} %"
    if form == 2:
        return f"{text}％"
    return _plain(value)


def _yes_no(rng: random.Random, answer: bool) -> Any:
    if rng.random() < 0.3:
        return "是" if answer else "否"
    return answer


def rate(*points: int, high: int = 100) -> Callable[[random.Random], Any]:
    return lambda rng: _percent(rng, _on_or_near(rng, points, 0, high))


def count(*points: int, high: int | None = None) -> Callable[[random.Random], Any]:
    return lambda rng: _count(rng, points, high)


def _mean3(rng: random.Random, points: tuple[int, ...], names: tuple[str, str, str]) -> dict[str, Any]:
    """Three rates whose mean is on or near a threshold."""
    target = _on_or_near(rng, points, 0, 100)
    spread = rng.choice((D(0), D("0.5"), D(5), D(10)))
    parts = [target + spread, target - spread, target]
    rng.shuffle(parts)
    return {name: _percent(rng, min(max(p, D(0)), D(100))) for name, p in zip(names, parts)}


def _l2p1(rng: random.Random) -> dict[str, Any]:
    """Air 40 %, water 40 %, noise 20 %: a weighted mean on or near a threshold."""
    target = _on_or_near(rng, (30, 50, 60, 80, 90), 0, 100)
    e = rng.choice((D(0), D("0.5"), D(5)))
    air, water, noise = target - e, target - e, target + 2 * e
    if rng.random() < 0.5:
        air, water, noise = target + e, target - e, target
    clamp = lambda v: min(max(v, D(0)), D(100))
    return {"air_monitor_rate": _percent(rng, clamp(air)), "water_monitor_rate": _percent(rng, clamp(water)),
            "noise_monitor_rate": _percent(rng, clamp(noise))}


def _l1p8(rng: random.Random) -> dict[str, Any]:
    # Hospitals at level 4 and above are among those at level 3 and above:
    # level4 <= level3, else the engine warns of contradictory data.
    if rng.random() < 0.3:
        level3 = _on_or_near(rng, (50,), 0, 100)
        level4 = max(D(0), level3 - rng.choice((0, 1, 10)))
    else:
        level4 = _on_or_near(rng, (80, 90), 0, 100)
        level3 = min(D(100), level4 + rng.choice((0, 1, 5)))
    return {"hospital_level3_share": _percent(rng, level3), "hospital_level4_share": _percent(rng, level4)}


def _l3p6(rng: random.Random) -> dict[str, Any]:
    """Patents per 10,000 this year and the year before, growth on or near 5/10/15 %."""
    if rng.random() < 0.02:
        return {"patents_per_10k": rng.randint(0, 5), "patents_per_10k_prev": 0}  # cannot be rated
    prev = D(rng.randint(100, 4000)) / 100
    growth = _on_or_near(rng, (5, 10, 15), -20, 40)
    this = max(D(0), prev * (1 + growth / 100))
    return {"patents_per_10k": _plain(this), "patents_per_10k_prev": _plain(prev)}


def _l4p3(rng: random.Random) -> dict[str, Any]:
    return {"video_case_contribution": rate(30, 40, 50, 60, 80)(rng), "video_served_departments": count(1, 3, 4, 6, 7, 10, 11)(rng)}


def _l4p4(rng: random.Random) -> dict[str, Any]:
    spacing = max(D("0.5"), _on_or_near(rng, (3, 5, 10), 1, 15))
    return {"weather_station_spacing_km": _plain(spacing)}


def _l4p5(rng: random.Random) -> dict[str, Any]:
    hd = _on_or_near(rng, (80, 90, 100), 0, 100)
    intact = hd if rng.random() < 0.4 else _on_or_near(rng, (80, 90, 100), 0, 100)
    return {"hd_video_coverage": _percent(rng, hd), "camera_intact_rate": _percent(rng, intact)}


def _facts(*names: str) -> Callable[[random.Random], dict[str, Any]]:
    """Yes/no facts, mostly yes, so that every tier is reached now and then."""
    def make(rng: random.Random) -> dict[str, Any]:
        p = rng.choice((0.5, 0.8, 0.95))
        return {name: _yes_no(rng, rng.random() < p) for name in names}
    return make


def _graded(rng: random.Random, values: tuple[str, ...]) -> Any:
    if rng.random() < 0.15:  # a yes/no answer: yes is the highest grade, no is none
        return _yes_no(rng, rng.random() < 0.5)
    return rng.choice(values)


def _l5p2(rng: random.Random) -> dict[str, Any]:
    return {
        "top_plan_status": rng.choice(("none", "drafting", "completed", "published", "published")),
        "annual_plan": _graded(rng, ("none", "made", "clear", "clear")),
        "task_division_plan": _graded(rng, ("none", "made", "detailed", "detailed")),
        "special_plans": _yes_no(rng, rng.random() < 0.7),
        "evaluation_mechanism": _graded(rng, ("none", "established", "complete", "complete")),
        "annual_summary": _yes_no(rng, rng.random() < 0.7),
    }


def _l5p4(rng: random.Random) -> dict[str, Any]:
    facts = _facts("special_fund", "multi_channel_investment", "fiscal_key_projects")(rng)
    facts["social_capital_wan"] = _plain(_on_or_near(rng, (5000, 8000), 0, 12000))
    return facts


def _l5p6(rng: random.Random) -> dict[str, Any]:
    incidents = 0 if rng.random() < 0.7 else rng.choice((1, 1, 2, 3, 40))  # 40 incidents: the total stops at 0
    return {"security_incidents": incidents}


def _l6p2(rng: random.Random) -> dict[str, Any]:
    activities = _count(rng, (1, 2, 3, 5))
    national = min(activities, _count(rng, (3, 5)))
    return {"publicity_activities": activities, "publicity_activities_national_provincial": national,
            "data_hall_exhibits": _count(rng, (1, 2, 3))}


def _one(name: str, make: Callable[[random.Random], Any]) -> Callable[[random.Random], dict[str, Any]]:
    return lambda rng: {name: make(rng)}


INDICATORS: dict[str, Callable[[random.Random], dict[str, Any]]] = {
    "L1P1": _one("e_license_rate", rate(10, 30, 60, 80, 85)),
    "L1P2": _one("employment_channels", count(1, 2, 3, 4, 5)),
    "L1P3": _one("app_rank", lambda rng: rng.randint(1, 16)),
    "L1P4": lambda rng: {"bus_realtime_rate": rate(60, 70, 80, 90, 100)(rng), "e_stop_coverage": rate(5, 10, 20)(rng)},
    "L1P5": _one("smart_lighting_rate", rate(40, 60, 70, 90, 100)),
    "L1P6": _one("social_security_remote_services", count(1, 2, 3, 4)),
    "L1P7": _one("smart_campus_rate", rate(30, 50, 60, 80)),
    "L1P8": _l1p8,
    "L1P9": _one("adaptive_signal_rate", rate(50, 70, 90)),
    "L1P10": _one("transit_epay_rate", rate(60, 75, 90)),
    "L1P11": lambda rng: _mean3(rng, (60, 75, 90), ("water_meter_rate", "power_meter_rate", "gas_meter_rate")),
    "L2P1": _l2p1,
    "L2P2": _one("emergency_command_rate", rate(20, 30, 50, 80, 90)),
    "L2P3": _one("gov_cloud_migration_rate", rate(80, 90, 95)),
    "L2P4": _one("merged_network_departments", count(2, 4, 5)),
    "L2P5": lambda rng: _mean3(rng, (70, 85, 100), ("water_network_monitor_rate", "power_network_monitor_rate",
                                                   "gas_network_monitor_rate")),
    "L2P6": _one("dept_data_sharing_rate", rate(90, 100)),
    "L2P7": _one("open_data_categories", count(19, 20, 21, 22, high=22)),
    "L2P8": _one("credit_sharing_rate", rate(90, 100)),
    "L2P9": _one("building_metering_rate", rate(90)),
    "L3P1": _one("software_revenue_gdp_share", rate(1, 2, 4, 6, 8, high=12)),
    "L3P2": _one("cloud_enterprises", count(2000, 5000, 8000, 10000)),
    "L3P3": _one("national_industrial_bases", count(1, 2, 3, 4)),
    "L3P4": _one("digital_economy_parks", count(1, 2, 3, 4)),
    "L3P5": _one("ecommerce_share", rate(10, 20, 30, high=50)),
    "L3P6": _l3p6,
    "L3P7": _one("iiot_secondary_nodes", count(1, 2)),
    "L3P8": _one("ngit_employment_share", rate(5, 10)),
    "L4P1": _one("fiber_home_rate", rate(60, 80, 90, 100)),
    "L4P2": _one("mobile_download_mbps", lambda rng: _plain(_on_or_near(rng, (3, 10, 20, 25, 30), 0, 60))),
    "L4P3": _l4p3,
    "L4P4": _l4p4,
    "L4P5": _l4p5,
    "L4P6": _one("video_network_rate", rate(80, 90, 100)),
    "L4P7": _one("e_police_coverage", rate(80, 90, 100)),
    "L4P8": _one("broadband_200m_share", rate(60, 70, 80)),
    "L4P9": _one("ipv6_sites", count(5, 8, 10, high=10)),
    "L4P10": _one("g5_public_area_coverage", rate(60, 80, 90)),
    "L4P11": _one("topo_map_coverage", rate(90, 100)),
    "L5P1": _facts("leading_group", "led_by_principal", "authority_coordinates", "project_management_in_performance",
                   "regular_meetings"),
    "L5P2": _l5p2,
    "L5P3": _facts("talent_plan", "training", "org_structure", "cio_system", "role_responsibilities", "talent_incentives",
                   "other_talent_activities"),
    "L5P4": _l5p4,
    "L5P5": _one("supported_projects", count(50, 100, 200, 300)),
    "L5P6": _l5p6,
    "L6P1": lambda rng: {"national_pilots": count(1, 3)(rng), "provincial_pilots": count(1, 2, 3)(rng)},
    "L6P2": _l6p2,
    "L6P3": lambda rng: {"provincial_demos": count(1, 2, 3)(rng), "national_demos": count(1)(rng)},
    "L6P4": _one("smart_community_rate", rate(30, 50)),
}


def city_document(index: int, seed: int = 0) -> dict[str, Any]:
    """City ``index`` of ``seed``: a data document with every contract field given."""
    rng = random.Random(seed * 1_000_003 + index)
    return {
        "entity": f"生成市{index:05d}",
        "period": 2020,
        "values": {iid: make(rng) for iid, make in INDICATORS.items()},
    }


def city_yaml(index: int, seed: int = 0) -> str:
    return yaml.safe_dump(city_document(index, seed), allow_unicode=True, sort_keys=False)


def write_cities(count: int, out: Path, seed: int = 0) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out / f"city-{i:05d}.yaml"
        path.write_text(city_yaml(i, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=1008, help="how many city files (default 1008)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them into (made if missing)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generator (default 0)")
    args = parser.parse_args()
    paths = write_cities(args.count, args.out, args.seed)
    print(f"{len(paths)} cities in {args.out}")


if __name__ == "__main__":
    main()
