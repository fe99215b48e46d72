"""Evaluate a city's data under an edition: verdict objects, no text.

Star level follows the edition's selection policy; score is that level's
weight; category subtotals; total = sum − deductions, never below 0.

With inputs missing, tiers are decided in three-valued logic
(``zhibiao.language.unknown``): an indicator whose star level the given data
already fixes is rated as usual; otherwise it is not assessed (0 points,
never silently zero stars) with the range of star levels still possible and
the missing inputs that would decide it. The city gets the range of totals
the missing inputs still allow.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar, overload

from zhibiao.data.reading import CityData
from zhibiao.errors import EvaluationUndefined, Location, Problem
from zhibiao.evaluation.provenance import Provenance, provenance
from zhibiao.language.compiler import Compiled
from zhibiao.language.trace import Ex
from zhibiao.language.unknown import UNKNOWN
from zhibiao.ruleset.model import Category, Edition, Indicator, Measure
from zhibiao.words import Bilingual

PRECISION = 34
T = TypeVar("T")


class once(Generic[T]):  # noqa: N801 - used as a decorator, like functools.cached_property
    """A property computed on first use and kept in the instance, like
    ``functools.cached_property`` but without its lock (Python 3.11 takes
    one on every first use: a hundred times a city). Verdicts are not
    shared between threads."""

    def __init__(self, compute: Callable[[Any], T]):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type) -> once[T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...

    def __get__(self, instance: object | None, owner: type) -> once[T] | T:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


def _explained(compiled: Compiled, env: dict[str, Any]) -> Ex:
    """The explanation of a condition, at the precision it was decided at."""
    if decimal.getcontext().prec == PRECISION:  # within ``explain_all``
        return compiled.explain(env)
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        return compiled.explain(env)


def explain_all(verdicts: list[Verdict]) -> None:
    """Build at once the explanations a report of every verdict shows (the
    tier held, the next tier, the measures), in one decimal context rather
    than one each."""
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        for v in verdicts:
            v.held  # noqa: B018 - built and kept by the property
            v.next_explain  # noqa: B018
            for m in v.measures:
                m.explain  # noqa: B018


@dataclass
class MeasureTrace:
    measure: Measure
    value: Any
    env: dict[str, Any] | None = None  # None when it could not be computed

    @once
    def explain(self) -> Ex | None:
        """How the value was computed; built when a report asks for it."""
        return None if self.env is None else _explained(self.measure.expr.compiled, self.env)


@dataclass
class Verdict:
    indicator: Indicator
    status: str  # rated / not_assessed
    stars: int | None
    score: Decimal
    # Inputs the data does not give. A rated indicator may lack some: then
    # they did not matter. A not-assessed one lists in ``deciding`` those
    # whose values would settle its star level.
    missing: list[str] = field(default_factory=list)
    deciding: list[str] = field(default_factory=list)
    stars_range: tuple[int, int] | None = None  # (least, most) still possible; None for a deduction item
    reason: Problem | None = None  # why not assessed, when inputs are all there
    inputs: dict[str, Any] = field(default_factory=dict)
    measures: list[MeasureTrace] = field(default_factory=list)
    next_level: int | None = None
    deduction: Decimal | None = None
    inconsistencies: list[Problem] = field(default_factory=list)
    # What the explanations are built from, when a report asks for them:
    # most verdicts of a long batch are only counted, never explained.
    env: dict[str, Any] = field(default_factory=dict, repr=False)
    held_by: Compiled | None = field(default=None, repr=False)  # the tier reached, or the deduction

    @once
    def held(self) -> Ex | None:
        """Explanation of the tier reached (or of the deduction)."""
        return None if self.held_by is None else _explained(self.held_by, self.env)

    @once
    def next_explain(self) -> Ex | None:
        """Explanation of the next tier's condition for this city."""
        if self.next_level is None:
            return None
        return _explained(self.indicator.tiers[self.next_level].compiled, self.env)

    @property
    def max_score(self) -> Decimal:
        return self.indicator.max_score

    @property
    def narrowed(self) -> bool:
        """Whether the data given, though incomplete, rules some star levels out."""
        if self.status == "rated" or self.stars_range is None:
            return False
        return self.stars_range != (0, max(self.indicator.tiers, default=0))

    @property
    def score_range(self) -> tuple[Decimal, Decimal]:
        """The least and most points the indicator may still score."""
        if self.status == "rated" or self.stars_range is None:
            return self.score, self.score
        low, high = self.stars_range
        scores = [self.indicator.weights.get(level, Decimal(0)) for level in range(low, high + 1)]
        return min(scores), max(scores)


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
    # The least and most totals the missing inputs still allow (deductions
    # included); ``None`` as the most deduction means it has no bound.
    total_range: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0))
    # What the verdicts were computed from (rules, data file, tool, date).
    provenance: Provenance | None = None


def evaluate(edition: Edition, city: CityData) -> CityResult:
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        values, file = city.values, city.file
        verdicts = [_indicator(edition, ind, values.get(ind.id, _NONE), file) for ind in edition.indicators.values()]
    by_category = dict.fromkeys(edition.categories, Decimal(0))
    deduction = Decimal(0)
    for v in verdicts:
        ind = v.indicator
        if ind.deduction is None:
            by_category[ind.category] += v.score
        elif v.deduction is not None:
            deduction += v.deduction
    categories = [CategoryResult(cat, by_category[cat.id], cat.max) for cat in edition.categories.values()]
    subtotal = sum(by_category.values(), Decimal(0))
    total = max(Decimal(0), subtotal - deduction)
    complete = all(v.status == "rated" for v in verdicts)
    warnings = list(city.warnings) + [p for v in verdicts for p in v.inconsistencies]
    return CityResult(edition, city, verdicts, categories, subtotal, deduction, total, complete, warnings,
                      _total_range(verdicts, deduction), provenance(edition, city.digest))


_NONE: dict[str, Any] = {}


def _total_range(verdicts: list[Verdict], deduction: Decimal) -> tuple[Decimal, Decimal]:
    scored = [v.score_range for v in verdicts if not v.indicator.is_deduction]
    low = sum((lo for lo, _ in scored), Decimal(0))
    high = sum((hi for _, hi in scored), Decimal(0))
    # A deduction item not assessed for want of data may yet take off any
    # number of points (its counts have no upper bound), and none at all.
    unbounded = any(v.indicator.is_deduction and v.status != "rated" and v.missing for v in verdicts)
    least = Decimal(0) if unbounded else max(Decimal(0), low - deduction)
    return least, max(Decimal(0), high - deduction)


def _indicator(edition: Edition, ind: Indicator, given: dict[str, Any], file: str) -> Verdict:
    missing = [name for name in ind.inputs if name not in given]
    traces: list[MeasureTrace] = []
    # One boundary for everything a rule computes: whatever cannot be
    # computed for this city (a division by zero in a measure, a tier, a
    # constraint or a deduction) makes the indicator not assessed, with why.
    try:
        return _decide(edition, ind, given, traces, file, missing)
    except EvaluationUndefined as e:
        reason = Problem(e.code, e.params, Location(file))
    except decimal.DecimalException:
        reason = Problem("not_computable", {}, Location(file))
    return Verdict(ind, "not_assessed", None, Decimal(0), missing=missing, reason=reason, inputs=dict(given), measures=traces)


def _decide(edition: Edition, ind: Indicator, given: dict[str, Any], traces: list[MeasureTrace], file: str,
            missing: list[str]) -> Verdict:
    """Rated when what is given fixes the star level (or the deduction),
    otherwise not assessed with the range still possible. Complete data
    take the plain closures; the three-valued ones only serve missing inputs."""
    if missing:
        return _decide_partial(edition, ind, given, traces, file, missing)
    env: dict[str, Any] = dict(given)
    for measure in ind.measures.values():
        traces.append(MeasureTrace(measure, None))
        env[measure.name] = value = measure.expr.compiled.value(env)
        traces[-1] = MeasureTrace(measure, value, env)
    inconsistencies = _inconsistencies(ind, env, file, "value") if ind.constraints else []
    if ind.deduction is not None:
        points = ind.deduction.compiled.value(env)
        return Verdict(ind, "rated", None, Decimal(0), missing=missing, inputs=dict(given), measures=traces,
                       deduction=Decimal(points), env=env, held_by=ind.deduction.compiled, inconsistencies=inconsistencies)
    # Every tier is decided, even above one that holds: a tier that cannot be
    # computed for this city makes the indicator not assessed whatever the others say.
    plan = _plan(edition, ind)
    held = [level for level, value in plan.tiers if value(env)]
    if plan.cumulative:
        stars = 0
        for level, _ in plan.tiers:
            if level not in held:
                break
            stars = level
    else:
        stars = held[-1] if held else 0
    return Verdict(
        ind, "rated", stars, plan.weights.get(stars, _ZERO),
        missing=missing, stars_range=(stars, stars), inputs=dict(given), measures=traces,
        env=env, held_by=plan.compiled[stars] if stars else None,
        next_level=plan.next_levels[stars], inconsistencies=inconsistencies,
    )


_ZERO = Decimal(0)


@dataclass(frozen=True)
class _Plan:
    """What deciding an indicator with complete data needs, worked out once
    per indicator instead of once per city."""

    tiers: list[tuple[int, Callable[[dict[str, Any]], Any]]]  # ascending levels
    compiled: dict[int, Compiled]
    weights: dict[int, Decimal]
    next_levels: dict[int, int | None]  # by the star level reached
    cumulative: bool


# Keyed by the indicator's id(); the indicator is kept with its plan, so the
# id is never reused while the entry lives.
_PLANS: dict[int, tuple[Indicator, _Plan]] = {}


def _plan(edition: Edition, ind: Indicator) -> _Plan:
    found = _PLANS.get(id(ind))
    if found is not None and found[0] is ind:
        return found[1]
    levels = sorted(ind.tiers)
    plan = _Plan(
        [(level, ind.tiers[level].compiled.value) for level in levels],
        {level: ind.tiers[level].compiled for level in levels},
        dict(ind.weights),
        {stars: edition.next_level(ind, stars) for stars in (0, *levels)},
        edition.selection == "cumulative",
    )
    _PLANS[id(ind)] = (ind, plan)
    return plan


def _inconsistencies(ind: Indicator, env: dict[str, Any], file: str, closure: str) -> list[Problem]:
    """The data constraints the values break (a constraint the missing
    inputs leave open is not checked)."""
    return [
        Problem("data_constraint", {"id": ind.id, "message": Bilingual(c.message, c.message_en)}, Location(file), "warning")
        for c in ind.constraints
        if getattr(c.expr.compiled, closure)(env) is False
    ]


def _decide_partial(edition: Edition, ind: Indicator, given: dict[str, Any], traces: list[MeasureTrace], file: str,
                    missing: list[str]) -> Verdict:
    """The same decision with inputs missing, in three-valued logic."""
    env: dict[str, Any] = dict(given)
    for measure in ind.measures.values():
        traces.append(MeasureTrace(measure, None))
        env[measure.name] = measure.expr.compiled.partial(env)
        if env[measure.name] is not UNKNOWN:
            traces[-1] = MeasureTrace(measure, env[measure.name], env)
    inconsistencies = _inconsistencies(ind, env, file, "partial")
    inputs = dict(given)
    if ind.deduction is not None:
        points = ind.deduction.compiled.partial(env)
        if points is UNKNOWN:
            return Verdict(ind, "not_assessed", None, Decimal(0), missing=missing, deciding=list(missing),
                           inputs=inputs, measures=traces, inconsistencies=inconsistencies)
        return Verdict(ind, "rated", None, Decimal(0), missing=missing, inputs=inputs, measures=traces,
                       deduction=Decimal(points), env=env, held_by=ind.deduction.compiled, inconsistencies=inconsistencies)
    outcomes = {level: tier.compiled.partial(env) for level, tier in ind.tiers.items()}
    least = edition.award({level: ok is True for level, ok in outcomes.items()})
    most = edition.award({level: ok is not False for level, ok in outcomes.items()})
    if least == most:
        next_level = edition.next_level(ind, least)
        return Verdict(
            ind, "rated", least, ind.weights.get(least, Decimal(0)),
            missing=missing, stars_range=(least, least), inputs=inputs, measures=traces,
            env=env, held_by=ind.tiers[least].compiled if least else None,
            next_level=next_level,
            inconsistencies=inconsistencies,
        )
    # The tiers left open above the least level are what the missing inputs decide.
    open_names: set[str] = set()
    for level, ok in outcomes.items():
        if ok is UNKNOWN and least < level <= most:
            open_names |= ind.tiers[level].compiled.names
    deciding = [name for name in missing if name in ind.reads(open_names)]
    return Verdict(ind, "not_assessed", None, Decimal(0), missing=missing, deciding=deciding,
                   stars_range=(least, most), inputs=inputs, measures=traces, inconsistencies=inconsistencies)
