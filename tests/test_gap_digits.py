"""A gap is never printed as 0: a value a hair below its threshold shows as
the threshold once rounded (≈60%), so the gap takes as many digits as it
needs to be non-zero, and ≈ when its own text is rounded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.test_rationale import texts
from zhibiao.language.printer import gap_text


def test_a_hair_below_a_percent_threshold_shows_the_gap_in_full(edition):
    _, nxt = texts(edition, "L1P7", {"smart_campus_rate": "29.99999%"}, "zh")
    assert nxt == "二星（1 分）未达到：智慧校园覆盖率 ≈30% < 30%，差 0.00001 个百分点"


def test_a_hair_below_in_english(edition):
    _, nxt = texts(edition, "L1P7", {"smart_campus_rate": "29.99999%"}, "en")
    assert nxt == "2 stars (1 point) not reached: Smart campus coverage ≈30% < 30%, 0.00001 percentage points short"


def test_a_gap_rounded_to_its_first_digit_is_marked(edition):
    _, nxt = texts(edition, "L1P7", {"smart_campus_rate": "29.999987%"}, "zh")
    assert nxt == "二星（1 分）未达到：智慧校园覆盖率 ≈30% < 30%，差 ≈0.00001 个百分点"


def test_a_number_a_hair_above_a_distance_threshold(edition):
    _, nxt = texts(edition, "L4P4", {"weather_station_spacing_km": "10.00002"}, "zh")
    assert nxt == "三星（1.4 分）未达到：城区气象自动监测点间距 ≈10 km ≥ 10 km，须小于 10 km（差 0.00002 km）"


@pytest.mark.parametrize(("gap", "places", "text"), [
    (Decimal("8"), 2, "8"),
    (Decimal("0.1"), 2, "0.1"),
    (Decimal("0.004"), 2, "0.004"),
    (Decimal("0.0041"), 2, "≈0.004"),
    (Decimal("33.9333"), 2, "≈33.93"),
    (Decimal("0.00002"), 4, "0.00002"),
    (Decimal("0"), 2, "0"),
])
def test_gap_text_shows_a_nonzero_digit(gap, places, text):
    assert gap_text(gap, places) == text
