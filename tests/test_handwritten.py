"""The hand-written evaluator (bench/handwritten.py, the speed anchor of the
benchmarks) and the engine read DB37/T 3890.1-2020 the same way: equal stars,
points, category subtotals and totals on generated cities, their boundaries
included, and on the shared sample cities."""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLES
from zhibiao.data.reading import load_city
from zhibiao.evaluation.evaluate import evaluate

BENCH = Path(__file__).resolve().parents[1] / "bench"
GENERATED = 300
PARTIAL = 100
UNREACHABLE = {"L4P1": {1}, "L1P3": {0}}


def _bench(name: str) -> ModuleType:
    """A script of bench/ as a module (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


handwritten = _bench("handwritten")
cities = _bench("cities")


def _read(path: Path) -> dict:
    """A data file as the hand-written evaluator reads it: PyYAML's libyaml loader."""
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=yaml.CSafeLoader)


def _engine(edition, path: Path):
    result = evaluate(edition, load_city(path, edition))
    scored = [v for v in result.verdicts if not v.indicator.is_deduction]
    stars = {v.indicator.id: v.stars for v in scored}
    scores = {v.indicator.id: v.score for v in scored}
    categories = {c.category.id: c.score for c in result.categories}
    return stars, scores, categories, result.deduction, result.total


def _assert_same_reading(edition, path: Path) -> None:
    stars, scores, deduction, total = handwritten.evaluate_values(_read(path)["values"])
    e_stars, e_scores, e_categories, e_deduction, e_total = _engine(edition, path)
    assert stars == e_stars
    assert scores == e_scores
    assert handwritten.category_scores(scores) == e_categories
    assert deduction == e_deduction
    assert total == e_total


@pytest.mark.parametrize("index", range(GENERATED))
def test_generated_city_gets_the_same_stars_scores_and_total_by_hand_and_from_the_engine(edition, tmp_path, index):
    path = tmp_path / f"city-{index}.yaml"
    path.write_text(cities.city_yaml(index), encoding="utf-8")
    _assert_same_reading(edition, path)


@pytest.mark.parametrize("index", range(PARTIAL))
def test_city_with_inputs_missing_is_rated_or_not_assessed_alike_by_hand_and_from_the_engine(edition, tmp_path, index):
    doc = cities.city_document(index, seed=1)
    rng = random.Random(index)
    doc["values"] = {iid: {name: value for name, value in fields.items() if rng.random() > 0.15}
                     for iid, fields in doc["values"].items()}
    path = tmp_path / f"partial-{index}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _assert_same_reading(edition, path)


@pytest.mark.parametrize("name", sorted(p.stem for p in SAMPLES.glob("*.yaml")))
def test_sample_city_gets_its_expected_verdicts_by_hand(name):
    expected = json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    stars, scores, deduction, total = handwritten.evaluate_values(_read(SAMPLES / f"{name}.yaml")["values"])
    assert stars == expected["stars"]
    assert scores == {iid: Decimal(str(points)) for iid, points in expected["scores"].items()}
    assert deduction == Decimal(str(expected["deduction"]))
    assert total == Decimal(str(expected["total_score"]))


def test_generated_cities_reach_every_star_level_of_every_indicator():
    """Else the cross-check above would compare some tiers never. Out of
    reach: L4P1's one star (达到60% is printed at one and two stars, 60 %
    gives two) and L1P3's none (ranks 1-16 all have a tier)."""
    reached: dict[str, set[int | None]] = defaultdict(set)
    for index in range(GENERATED):
        stars, _, _ = handwritten.evaluate_city(cities.city_document(index)["values"])
        for iid, level in stars.items():
            reached[iid].add(level)
    missed = {}
    for iid, weights in handwritten.WEIGHTS.items():
        levels = {0} | {level for level, w in enumerate(weights, start=1) if w is not None}
        levels -= UNREACHABLE.get(iid, set())
        if not levels <= reached[iid]:
            missed[iid] = sorted(levels - reached[iid])
    assert missed == {}


def test_generated_cities_hold_values_exactly_on_strict_and_inclusive_thresholds():
    """L1P1 at exactly 85 % is four stars, not five (超过); at exactly 80 % four
    stars (达到); L2P4 with exactly 5 departments is four stars."""
    seen: dict[str, set[int | None]] = defaultdict(set)
    for index in range(GENERATED):
        values = cities.city_document(index)["values"]
        stars, _, _ = handwritten.evaluate_city(values)
        rate = handwritten.read_value(handwritten.P100, values["L1P1"]["e_license_rate"])
        seen[f"L1P1 at {rate}"].add(stars["L1P1"])
        seen[f"L2P4 at {values['L2P4']['merged_network_departments']}"].add(stars["L2P4"])
    assert (seen["L1P1 at 85"], seen["L1P1 at 80"], seen["L2P4 at 5"]) == ({4}, {4}, {4})


def test_generated_cities_include_a_total_floored_at_zero_by_incidents():
    totals = [handwritten.evaluate_values(cities.city_document(index)["values"]) for index in range(GENERATED)]
    floored = [(deduction, total) for _, scores, deduction, total in totals if deduction > sum(scores.values())]
    assert floored and all(total == 0 for _, total in floored)


def test_same_seed_and_index_give_the_same_city_whatever_was_generated_before():
    later = cities.city_yaml(41, seed=3)
    assert [cities.city_yaml(i, seed=3) for i in range(42)][41] == later
    assert cities.city_yaml(41, seed=4) != later


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_a_percent_reads_the_same_in_every_spelling_of_the_contract(value):
    spellings = [f"{value}%", f"{value} %", f"{value}％", str(value), float(value)]
    assert {handwritten.read_value(handwritten.P100, raw) for raw in spellings} == {value}


@pytest.mark.parametrize("raw, answer", [(True, True), ("是", True), ("yes", True), (False, False), ("否", False), ("false", False)])
def test_a_yes_no_answer_reads_as_yes_or_no(raw, answer):
    assert handwritten.read_value(handwritten.BOOL, raw) is answer


@pytest.mark.parametrize("raw, grade", [("clear", 2), ("made", 1), ("none", 0), (True, 2), ("是", 2), (False, 0), ("已制定", 1)])
def test_a_graded_answer_takes_yes_as_the_highest_grade_and_no_as_none(raw, grade):
    assert handwritten.read_value(handwritten.FIELDS["L5P2"]["annual_plan"], raw) == grade


@pytest.mark.parametrize("spec, raw", [
    (handwritten.P100, "100.1%"), (handwritten.P100, -1), (handwritten.COUNT, 2.5), (handwritten.COUNT, True),
    (handwritten.BOOL, "maybe"), (handwritten.P100, "many"), (handwritten.NUMBER, "NaN"), (handwritten.FIELDS["L4P4"]["weather_station_spacing_km"], 0),
    (handwritten.FIELDS["L5P2"]["top_plan_status"], True),
])
def test_a_value_outside_the_contract_is_refused(spec, raw):
    with pytest.raises(ValueError):
        handwritten.read_value(spec, raw)


def test_command_line_writes_one_json_line_per_city_with_its_total():
    samples = sorted(SAMPLES.glob("*.yaml"))
    run = subprocess.run([sys.executable, str(BENCH / "handwritten.py"), *map(str, samples)],
                         capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    expected = [json.loads(p.with_suffix(".expected.json").read_text(encoding="utf-8"))["total_score"] for p in samples]
    assert [(line["entity"], line["total_score"]) for line in lines] == [(_read(p)["entity"], t) for p, t in zip(samples, expected)]
    assert run.stderr == ""
