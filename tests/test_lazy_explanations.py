"""Explanations are built when a report asks for them, from the same
compiled conditions that decided the stars: what they say held is what held."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_partial_data import boundary_values, city
from zhibiao.evaluation.evaluate import evaluate
from zhibiao.language.trace import outcome


def test_a_verdict_is_decided_without_building_its_explanation(edition):
    ind = edition.indicators["L1P4"]
    v = evaluate(edition, city({"L1P4": {"bus_realtime_rate": Decimal("0.85"), "e_stop_coverage": Decimal("0.06")}})).verdicts[3]
    assert v.indicator is ind and v.stars == 3
    assert "held" not in vars(v) and "next_explain" not in vars(v)
    assert outcome(v.held) is True and outcome(v.next_explain) is False
    assert "held" in vars(v)  # built once, then kept


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_the_explanation_of_every_tier_decides_as_the_tier_did(edition, data):
    ind = data.draw(st.sampled_from([i for i in edition.indicators.values() if not i.is_deduction]))
    values = {name: data.draw(st.sampled_from(boundary_values(ind, name))) for name in ind.inputs}
    alone = dataclasses.replace(edition, indicators={ind.id: ind})
    v = evaluate(alone, city({ind.id: values})).verdicts[0]
    if v.status != "rated":
        return  # a measure the values cannot compute (a zero divisor): nothing to explain
    for level, tier in ind.tiers.items():
        decided = tier.compiled.value(v.env)
        assert outcome(tier.compiled.explain(v.env)) is decided, (ind.id, level, values)
    if v.stars:
        assert outcome(v.held) is True
    if v.next_level is not None:
        assert outcome(v.next_explain) is ind.tiers[v.next_level].compiled.value(v.env)
