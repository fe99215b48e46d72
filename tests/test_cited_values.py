"""A data value written with where it comes from: ``{value, source,
evidence}`` reads as the value alone, with its source and evidence kept."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.data.reading import Cited, city_from_document
from zhibiao.ruleset.loader import load_edition
from zhibiao.yamlpos import load

# What a data file may hold (YAML refuses control characters in a file).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@lru_cache(maxsize=1)
def edition():
    return load_edition()


def read(fields: dict):
    text = json.dumps({"entity": "测试市", "values": {"L1P1": {"e_license_rate": fields}}}, ensure_ascii=False)
    return city_from_document(load(text, "city.json"), edition())


def test_the_value_is_read_as_if_written_alone():
    city = read({"value": "86%", "source": "政务办2020年报", "evidence": "https://example.org/a.pdf"})
    assert city.values == {"L1P1": {"e_license_rate": Decimal("0.86")}}
    assert city.cited == {"L1P1": {"e_license_rate": Cited("政务办2020年报", "https://example.org/a.pdf")}}


def test_a_value_left_blank_is_not_supplied_and_cites_nothing():
    city = read({"value": None, "source": "年报"})
    assert city.values == {} and city.cited == {}


def test_blank_source_and_evidence_cite_nothing():
    city = read({"value": 86, "source": "  ", "evidence": ""})
    assert city.values == {"L1P1": {"e_license_rate": Decimal("0.86")}}
    assert city.cited == {}


@settings(max_examples=60, deadline=None)
@given(source=TEXT, evidence=TEXT)
def test_any_source_and_evidence_are_kept_as_written_less_outer_spaces(source, evidence):
    city = read({"value": "50%", "source": source, "evidence": evidence})
    assert city.values == {"L1P1": {"e_license_rate": Decimal("0.5")}}
    kept = Cited(source.strip() or None, evidence.strip() or None)
    assert city.cited == ({} if kept == Cited() else {"L1P1": {"e_license_rate": kept}})
