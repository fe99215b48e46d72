"""The shared sample cities give exactly the verdicts the standard gives them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.conftest import SAMPLES
from zhibiao.data.reading import load_city
from zhibiao.evaluation.evaluate import evaluate

CASES = sorted(p.stem for p in SAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("name", CASES)
def test_sample_city_matches_expected_verdicts(edition, name):
    expected = json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    result = evaluate(edition, load_city(SAMPLES / f"{name}.yaml", edition))
    scored = [v for v in result.verdicts if not v.indicator.is_deduction]
    assert {v.indicator.id: v.stars for v in scored} == expected["stars"]
    assert {v.indicator.id: v.score for v in scored} == {k: Decimal(str(s)) for k, s in expected["scores"].items()}
    assert result.deduction == Decimal(str(expected["deduction"]))
    assert result.total == Decimal(str(expected["total_score"]))


def test_there_are_four_sample_cities():
    assert CASES == ["sample-city-0", "sample-city-1", "sample-city-2", "sample-city-top"]
