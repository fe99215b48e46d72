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
from zhibiao.language.ast import canonical
from zhibiao.language.trace import Ex
from zhibiao.words import Bilingual
from zhibiao.ruleset.model import Category, Edition, Indicator, Measure

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
    env: dict[str, Any] = dict(given)
    traces: list[MeasureTrace] = []
    for measure in ind.measures.values():
        compiled = measure.expr.compiled
        try:
            env[measure.name] = compiled.value(env)
        except EvaluationUndefined as e:
            traces.append(MeasureTrace(measure, None, None))
            reason = Problem(e.code, e.params, Location(file))
            return Verdict(ind, "not_assessed", None, Decimal(0), reason=reason, inputs=dict(given), measures=traces)
        traces.append(MeasureTrace(measure, compiled.explain(env), env[measure.name]))
    inconsistencies = [
        Problem("data_constraint", {"id": ind.id, "message": Bilingual(c.message, c.message_en)}, Location(file), "warning")
        for c in ind.constraints
        if not c.expr.compiled.value(env)
    ]
    inputs = dict(given)
    if ind.is_deduction:
        points = Decimal(ind.deduction.compiled.value(env))
        return Verdict(ind, "rated", None, Decimal(0), inputs=inputs, measures=traces, deduction=points,
                       held=ind.deduction.compiled.explain(env), inconsistencies=inconsistencies)
    holds = {level: tier.compiled.value(env) for level, tier in ind.tiers.items()}
    stars = 0
    if edition.selection == "cumulative":
        for level in sorted(holds):
            if not holds[level]:
                break
            stars = level
    else:
        stars = max((level for level, ok in holds.items() if ok), default=0)
    higher = [level for level in sorted(ind.tiers) if level > stars]
    next_level = higher[0] if higher else None
    if next_level is not None and edition.selection == "highest_passing":
        # A higher tier with the same condition (L4P1's 一星/二星) is what
        # meeting the next condition really gives: name that level.
        same = canonical(ind.tiers[next_level].node)
        next_level = max(level for level in higher if canonical(ind.tiers[level].node) == same)
    verdict = Verdict(
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
    return verdict
