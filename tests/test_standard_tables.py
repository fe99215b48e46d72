"""The bundled rules carry tables 1-8 of DB37/T 3890.1-2020 as published.

The expected side is tests/fixtures/db37-tables.yaml, a transcription made by
hand from the standard's text, independently of the rule files.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from tests.conftest import FIXTURES

TABLES = yaml.safe_load((FIXTURES / "db37-tables.yaml").read_text(encoding="utf-8"))
PRINTED = TABLES["indicators"]
IDS = list(PRINTED)
SCORED = [i for i in IDS if "deduction" not in PRINTED[i]]


def printed_weights(iid: str) -> dict[int, Decimal]:
    return {level: Decimal(w) for level, w in enumerate(PRINTED[iid]["weights"], start=1) if w != "/"}


def test_the_transcription_has_49_indicators_in_six_categories():
    assert len(IDS) == 49
    assert [sum(1 for i in IDS if PRINTED[i]["category"] == c) for c in TABLES["categories"]] == [11, 9, 8, 11, 6, 4]


@pytest.mark.parametrize("iid", SCORED)
def test_transcription_tables_1_to_6_and_7_to_8_agree_on_which_tiers_exist(iid):
    assert sorted(printed_weights(iid)) == PRINTED[iid]["tiers"]


@pytest.mark.parametrize("cid", list(TABLES["categories"]))
def test_transcription_top_weights_add_up_to_the_category_maximum(cid):
    # This is what proves table 8's category labels are printed one row too high.
    tops = [max(printed_weights(i).values()) for i in SCORED if PRINTED[i]["category"] == cid]
    assert sum(tops, Decimal(0)) == Decimal(TABLES["categories"][cid]["max"])


def test_rules_have_the_49_indicators_of_the_standard_in_its_order(edition):
    assert list(edition.indicators) == IDS


@pytest.mark.parametrize("iid", IDS)
def test_indicator_name_is_as_printed_in_tables_1_to_6(edition, iid):
    assert edition.indicators[iid].name == PRINTED[iid]["name"]


@pytest.mark.parametrize("iid", IDS)
def test_indicator_category_is_its_table(edition, iid):
    assert edition.indicators[iid].category == PRINTED[iid]["category"]


@pytest.mark.parametrize("iid", IDS)
def test_leading_flag_follows_the_star_after_the_name(edition, iid):
    assert edition.indicators[iid].leading is PRINTED[iid]["leading"]


def test_the_twelve_leading_indicators(edition):
    leading = [i for i, ind in edition.indicators.items() if ind.leading]
    assert leading == ["L1P5", "L2P2", "L2P4", "L3P4", "L3P6", "L3P7", "L3P8", "L4P4", "L4P9", "L4P10", "L5P4", "L5P5"]


@pytest.mark.parametrize("iid", IDS)
def test_mistyped_code_is_corrected_and_the_printed_one_kept(edition, iid):
    assert edition.indicators[iid].printed_id == PRINTED[iid].get("printed_id")


@pytest.mark.parametrize("iid", IDS)
def test_each_tier_is_present_or_absent_as_published(edition, iid):
    assert sorted(edition.indicators[iid].tiers) == PRINTED[iid]["tiers"]


@pytest.mark.parametrize("iid", IDS)
def test_each_weight_is_as_printed_in_tables_7_and_8(edition, iid):
    weights = edition.indicators[iid].weights
    assert weights == printed_weights(iid)
    assert all(isinstance(w, Decimal) for w in weights.values())


@pytest.mark.parametrize("iid", SCORED)
def test_indicator_maximum_is_its_five_star_weight(edition, iid):
    assert edition.indicators[iid].max_score == Decimal(PRINTED[iid]["weights"][4])


def test_l5p6_is_the_deduction_item_without_tiers_or_weights(edition):
    l5p6 = edition.indicators["L5P6"]
    assert l5p6.is_deduction
    assert l5p6.tiers == {}
    assert l5p6.weights == {}
    assert l5p6.max_score == 0
    assert [i for i, ind in edition.indicators.items() if ind.is_deduction] == ["L5P6"]


def test_category_maxima_are_20_14_5_14_5_15_17_19(edition):
    assert {cid: c.max for cid, c in edition.categories.items()} == {
        cid: Decimal(c["max"]) for cid, c in TABLES["categories"].items()
    }
    assert [c.max for c in edition.categories.values()] == [Decimal(x) for x in ("20", "14.5", "14.5", "15", "17", "19")]


def test_category_names_are_as_printed(edition):
    assert {cid: c.name for cid, c in edition.categories.items()} == {cid: c["name"] for cid, c in TABLES["categories"].items()}


def test_category_maxima_add_up_to_the_declared_total_of_100(edition):
    assert sum((c.max for c in edition.categories.values()), Decimal(0)) == Decimal(100)
    assert edition.total == Decimal(TABLES["total"])


@pytest.mark.parametrize("cid", list(TABLES["categories"]))
def test_top_weights_of_a_category_add_up_to_its_maximum(edition, cid):
    tops = [ind.max_score for ind in edition.indicators.values() if ind.category == cid]
    assert sum(tops, Decimal(0)) == edition.categories[cid].max


@pytest.mark.parametrize("iid", [i for i in IDS if "weight_row" in PRINTED[i]])
def test_a_different_name_in_tables_7_8_is_noted_on_the_indicator(edition, iid):
    row = PRINTED[iid]["weight_row"]
    assert any(row in note.zh and row in note.en for note in edition.indicators[iid].notes)
