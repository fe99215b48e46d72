"""Evaluate a city's data under an edition: verdict objects, no text.

Star level follows the edition's selection policy; score is that level's
weight; category subtotals; total = sum − deductions, never below 0. An
indicator with an input missing is not assessed (never silently zero stars).
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from zhibiao.data.reading import CityData
from zhibiao.errors import EvaluationUndefined, Location, Problem
from zhibiao.language.trace import Ex
from zhibiao.ruleset.model import Category, Edition, Indicator, Measure
from zhibiao.words import Bilingual

PRECISION = 34


@dataclass
class MeasureTrace:
    measure: Measure
    explain: Ex | None  # None when it could not be computed
    value: Any


@dataclass
class Verdict:
    indicator: Indicator
    status: str  # rated / not_assessed
    stars: int | None
    score: Decimal
    missing: list[str] = field(default_factory=list)
    reason: Problem | None = None  # why not assessed, when inputs are all there
    inputs: dict[str, Any] = field(default_factory=dict)
    measures: list[MeasureTrace] = field(default_factory=list)
    held: Ex | None = None  # explanation of the tier reached
    next_level: int | None = None
    next_explain: Ex | None = None
    deduction: Decimal | None = None
    inconsistencies: list[Problem] = field(default_factory=list)

    @property
    def max_score(self) -> Decimal:
        return self.indicator.max_score


@dataclass
class CategoryResult:
    category: Category
    score: Decimal
    max_score: Decimal


@dataclass
class CityResult:
    edition: Edition
    city: CityData
    verdicts: list[Verdict]
    categories: list[CategoryResult]
    subtotal: Decimal
    deduction: Decimal
    total: Decimal
    complete: bool
    warnings: list[Problem] = field(default_factory=list)


def evaluate(edition: Edition, city: CityData) -> CityResult:
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        verdicts = [_indicator(edition, ind, city.values.get(ind.id, {}), city.file) for ind in edition.indicators.values()]
    categories = []
    for cat in edition.categories.values():
        score = sum((v.score for v in verdicts if v.indicator.category == cat.id and not v.indicator.is_deduction), Decimal(0))
        categories.append(CategoryResult(cat, score, cat.max))
    subtotal = sum((c.score for c in categories), Decimal(0))
    deduction = sum((v.deduction or Decimal(0) for v in verdicts), Decimal(0))
    total = max(Decimal(0), subtotal - deduction)
    complete = all(v.status == "rated" for v in verdicts)
    warnings = list(city.warnings) + [p for v in verdicts for p in v.inconsistencies]
    return CityResult(edition, city, verdicts, categories, subtotal, deduction, total, complete, warnings)


def _indicator(edition: Edition, ind: Indicator, given: dict[str, Any], file: str) -> Verdict:
    missing = [name for name in ind.inputs if name not in given]
    if missing:
        return Verdict(ind, "not_assessed", None, Decimal(0), missing=missing, inputs=dict(given))
    traces: list[MeasureTrace] = []
    # One boundary for everything a rule computes: whatever cannot be
    # computed for this city (a division by zero in a measure, a tier, a
    # constraint or a deduction) makes the indicator not assessed, with why.
    try:
        return _rated(edition, ind, given, traces, file)
    except EvaluationUndefined as e:
        reason = Problem(e.code, e.params, Location(file))
    except decimal.DecimalException:
        reason = Problem("not_computable", {}, Location(file))
    return Verdict(ind, "not_assessed", None, Decimal(0), reason=reason, inputs=dict(given), measures=traces)


def _rated(edition: Edition, ind: Indicator, given: dict[str, Any], traces: list[MeasureTrace], file: str) -> Verdict:
    env: dict[str, Any] = dict(given)
    for measure in ind.measures.values():
        compiled = measure.expr.compiled
        traces.append(MeasureTrace(measure, None, None))
        env[measure.name] = compiled.value(env)
        traces[-1] = MeasureTrace(measure, compiled.explain(env), env[measure.name])
    inconsistencies = [
        Problem("data_constraint", {"id": ind.id, "message": Bilingual(c.message, c.message_en)}, Location(file), "warning")
        for c in ind.constraints
        if not c.expr.compiled.value(env)
    ]
    inputs = dict(given)
    if ind.deduction is not None:
        points = Decimal(ind.deduction.compiled.value(env))
        return Verdict(ind, "rated", None, Decimal(0), inputs=inputs, measures=traces, deduction=points,
                       held=ind.deduction.compiled.explain(env), inconsistencies=inconsistencies)
    stars = edition.award({level: tier.compiled.value(env) for level, tier in ind.tiers.items()})
    next_level = edition.next_level(ind, stars)
    return Verdict(
        ind,
        "rated",
        stars,
        ind.weights.get(stars, Decimal(0)),
        inputs=inputs,
        measures=traces,
        held=ind.tiers[stars].compiled.explain(env) if stars else None,
        next_level=next_level,
        next_explain=ind.tiers[next_level].compiled.explain(env) if next_level else None,
        inconsistencies=inconsistencies,
    )
