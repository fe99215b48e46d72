"""An improvement plan: for each indicator, the least values of its inputs
that reach each higher tier, what that adds, and which steps reach a target
total with the fewest changes.

How a step is found. A tier's condition is taken apart (``parts``) and
repaired from the city's values, part by part, so that it holds:

- a comparison of an input with a literal sets the input to the nearest
  value that meets it (``>= 80%``: 80 %; ``> 85%``: 85.1 %, one step above,
  the step being the one coverage uses, 0.1 percentage point or finer as the
  literal is written; a count or rank moves by whole numbers; an enum to the
  lowest grade that meets it; a yes/no fact becomes yes);
- a comparison of a computed quantity (a measure, a sum) with a literal
  raises the inputs it reads, never lowers them (a plan does not propose a
  smaller base year or a smaller total): the input that alone reaches the
  literal with the least effort, found by search over its range; when no
  input can alone, the one that gains most per unit of effort goes to the end
  of its range and the search starts again;
- ``and`` repairs each part, ``or`` the alternative with the least effort,
  ``tier(n)`` the lower tier; the indicator's constraints are repaired too
  (``hospital_level4_share <= hospital_level3_share``).

The repaired values are then evaluated like any city's, and the step stands
only if they give the higher star level. A tier that needs an input the data
do not give, that lies beyond an input's range, or that the repair cannot
meet is left out, and said so (``Skipped``).

Relative effort of a step: the sum over the inputs it changes of
``|new − old|`` over the width of the input's declared range (a percent:
100 points, so 12 % → 20 % is 0.08; a rank of 1 to 16: 15 places), or where
the range is open, over the larger of the two values (the share of the
target still to be built: 5 parks → 8 is 0.375); for an enum the grades
climbed over the steps between its lowest and highest grade; 1 for a yes/no. Steps are ordered by points
gained per unit of effort.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from zhibiao.errors import EvaluationUndefined
from zhibiao.evaluation.evaluate import PRECISION, CityResult, Verdict
from zhibiao.evaluation.parts import Atom, Logic, Negation, Part, Threshold, scope_of, take_apart
from zhibiao.evaluation.thresholds import Line, input_line, key, measured, step, unkey
from zhibiao.language import ast
from zhibiao.language.compiler import COMPARE
from zhibiao.language.types import format_decimal
from zhibiao.ruleset.model import Edition, Indicator, InputSpec

NEGATE = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}
# How far an open range is searched for a computed quantity: doublings of one step.
MAX_DOUBLINGS = 64


class Unreachable(Exception):
    """Why a tier cannot be planned: ``missing`` (inputs not given),
    ``out_of_range`` (beyond an input's declared range) or ``not_derived``."""

    def __init__(self, reason: str, names: tuple[str, ...] = ()):
        super().__init__(reason)
        self.reason = reason
        self.names = names


@dataclass(frozen=True)
class Target:
    name: str
    spec: InputSpec
    before: Any
    after: Any

    @property
    def effort(self) -> Decimal:
        kind = self.spec.kind
        if kind == "bool":
            return Decimal(1)
        if kind == "enum":
            values = self.spec.vtype.values
            return Decimal(abs(values.index(self.after) - values.index(self.before))) / max(1, len(values) - 1)
        line = input_line(self.spec)
        if line.lo is not None and line.hi is not None and line.hi > line.lo:
            scale = line.hi - line.lo
        else:
            scale = max(abs(self.after), abs(self.before))
        return abs(self.after - self.before) / scale if scale else Decimal(0)

    def data_value(self) -> Any:
        """The value as a data file writes it: "20%", 5, 4.5, true, published."""
        return data_value(self.after, self.spec)


def data_value(value: Any, spec: InputSpec) -> Any:
    if spec.kind == "percent":
        return format_decimal(value * 100, 34) + "%"
    if spec.kind in ("count", "rank"):
        return int(value)
    if spec.kind == "number":
        d = Decimal(value)
        return int(d) if d == d.to_integral_value() else float(format_decimal(d, 34))
    return value


@dataclass(frozen=True)
class Step:
    indicator: Indicator
    from_stars: int
    to_stars: int
    points: Decimal
    targets: tuple[Target, ...]

    @property
    def effort(self) -> Decimal:
        return sum((t.effort for t in self.targets), Decimal(0))

    @property
    def yield_(self) -> Decimal:
        """Points gained per unit of relative effort."""
        effort = self.effort
        return self.points / effort if effort else Decimal("Infinity")


@dataclass(frozen=True)
class Skipped:
    indicator: Indicator
    level: int | None  # None: the whole indicator (not assessed)
    reason: str  # not_assessed / missing / out_of_range / not_derived
    names: tuple[str, ...] = ()


@dataclass
class Plan:
    result: CityResult
    target: Decimal | None
    options: dict[str, list[Step]]  # indicator -> a step to each higher level that can be planned, ascending
    steps: list[Step]  # what the plan proposes, best yield first
    skipped: list[Skipped] = field(default_factory=list)
    # With a target: whether it is reached, and the fewest steps and what fewer could add at most.
    reachable: bool = True
    fewer_most: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return self.result.total

    @property
    def reached(self) -> Decimal:
        """The total once every step of the plan is taken."""
        r = self.result
        return max(Decimal(0), r.subtotal + sum((s.points for s in self.steps), Decimal(0)) - r.deduction)

    @property
    def needed(self) -> Decimal:
        """Points the steps must add to reach the target."""
        if self.target is None:
            return Decimal(0)
        return max(Decimal(0), self.target - (self.result.subtotal - self.result.deduction))

    @property
    def most(self) -> Decimal:
        """The highest total any plan reaches: every indicator at its highest level that can be planned."""
        r = self.result
        return max(Decimal(0), r.subtotal + sum((s[-1].points for s in self.options.values()), Decimal(0)) - r.deduction)


def make_plan(result: CityResult, target: Decimal | None = None) -> Plan:
    options: dict[str, list[Step]] = {}
    skipped: list[Skipped] = []
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        for v in result.verdicts:
            found, left_out = indicator_steps(result.edition, v)
            skipped.extend(left_out)
            if found:
                options[v.indicator.id] = found
    plan = Plan(result, target, options, [], skipped)
    if target is None:
        # Every indicator one planned level up: its next tier, or the least above it that can be planned.
        plan.steps = _by_yield([steps[0] for steps in options.values()])
    elif result.total >= target:
        plan.steps = []
    else:
        _choose(plan)
    return plan


def _by_yield(steps: list[Step]) -> list[Step]:
    order = {iid: n for n, iid in enumerate(s.indicator.id for s in steps)}
    return sorted(steps, key=lambda s: (-s.yield_, order[s.indicator.id]))


def _choose(plan: Plan) -> None:
    """The fewest steps (at most one per indicator, of one or more tiers)
    whose points reach the target, and among as few, the least effort: a
    dynamic programme over indicators, on points capped at what is needed."""
    needed = plan.needed
    if plan.most < (plan.target or 0):
        plan.reachable = False
        plan.steps = _by_yield([steps[-1] for steps in plan.options.values()])
        return
    best: dict[Decimal, tuple[int, Decimal, tuple[Step, ...]]] = {Decimal(0): (0, Decimal(0), ())}
    for steps in plan.options.values():
        nxt = dict(best)
        for points, (count, effort, chosen) in best.items():
            for s in steps:
                reached = min(needed, points + s.points)
                candidate = (count + 1, effort + s.effort, (*chosen, s))
                if reached not in nxt or candidate[:2] < nxt[reached][:2]:
                    nxt[reached] = candidate
        best = nxt
    count, _, chosen = best[needed]
    plan.steps = _by_yield(list(chosen))
    # Why no fewer: the most any count-1 indicators add.
    tops = sorted((steps[-1].points for steps in plan.options.values()), reverse=True)
    plan.fewer_most = sum(tops[: count - 1], Decimal(0))


def indicator_steps(edition: Edition, v: Verdict) -> tuple[list[Step], list[Skipped]]:
    """A step to each higher star level of an indicator that can be planned
    (the least effort for each), and the levels that cannot, with why."""
    ind = v.indicator
    if ind.is_deduction:
        return [], []
    if v.status != "rated" or v.stars is None:
        return [], [Skipped(ind, None, "not_assessed", tuple(v.deciding or v.missing))]
    planner = _Planner(edition, ind, v.inputs)
    steps: dict[int, Step] = {}
    skipped = []
    for level in sorted(ind.tiers):
        if level <= v.stars:
            continue
        try:
            env = planner.reach(level)
        except Unreachable as e:
            skipped.append(Skipped(ind, level, e.reason, e.names))
            continue
        stars = planner.stars(env)
        if stars <= v.stars:
            skipped.append(Skipped(ind, level, "not_derived"))
            continue
        targets = tuple(Target(n, ind.inputs[n], v.inputs[n], env[n]) for n in ind.inputs if n in v.inputs and env[n] != v.inputs[n])
        step_ = Step(ind, v.stars, stars, ind.weights.get(stars, Decimal(0)) - v.score, targets)
        if stars not in steps or step_.effort < steps[stars].effort:
            steps[stars] = step_
    # A lower level that costs as much as a higher one is no step of its own.
    found = [steps[level] for level in sorted(steps)]
    found = [s for n, s in enumerate(found) if not any(o.effort <= s.effort for o in found[n + 1:])]
    return found, _once(skipped)


def _once(skipped: list[Skipped]) -> list[Skipped]:
    """A level skipped for want of an input makes every level above it
    skipped for the same reason: say it once, at the lowest."""
    out: list[Skipped] = []
    for s in skipped:
        if not any(o.reason == s.reason and o.names == s.names for o in out):
            out.append(s)
    return out


class _Planner:
    def __init__(self, edition: Edition, indicator: Indicator, given: dict[str, Any]):
        self.edition = edition
        self.ind = indicator
        self.given = given
        self.roots = {level: take_apart(tier.node, scope_of(indicator, level)) for level, tier in indicator.tiers.items()}
        scope = scope_of(indicator)
        self.constraints = [take_apart(c.expr.node, scope) for c in indicator.constraints]

    # -- evaluation ------------------------------------------------------
    def env(self, values: dict[str, Any]) -> dict[str, Any]:
        return measured(self.ind, dict(values))

    def holds(self, part: Part, values: dict[str, Any]) -> bool:
        try:
            if isinstance(part, Atom):
                return bool(part.compiled.value(self.env(values)))
            if isinstance(part, Negation):
                return not self.holds(part.operand, values)
            results = (self.holds(item, values) for item in part.items)
            return all(results) if part.op == "and" else any(results)
        except (EvaluationUndefined, decimal.DecimalException, KeyError):
            return False

    def stars(self, values: dict[str, Any]) -> int:
        env = self.env(values)
        outcomes = {}
        for level, tier in self.ind.tiers.items():
            try:
                outcomes[level] = bool(tier.compiled.value(env))
            except (EvaluationUndefined, decimal.DecimalException, KeyError):
                outcomes[level] = False
        return self.edition.award(outcomes)

    def effort(self, values: dict[str, Any]) -> Decimal:
        return sum((Target(n, self.ind.inputs[n], self.given[n], values[n]).effort
                    for n in self.given if values.get(n) != self.given[n]), Decimal(0))

    # -- repair ----------------------------------------------------------
    def reach(self, level: int) -> dict[str, Any]:
        """Values as near the city's as the repair finds that meet tier
        ``level`` (and under a cumulative selection every tier below)."""
        goals = [self.roots[level]]
        if self.edition.selection == "cumulative":
            goals = [self.roots[n] for n in sorted(self.roots) if n <= level]
        values = dict(self.given)
        for _ in range(4):
            for goal in [*goals, *self.constraints]:
                values = self.repair(goal, values)
            if all(self.holds(g, values) for g in [*goals, *self.constraints]):
                return values
        raise Unreachable("not_derived")

    def repair(self, part: Part, values: dict[str, Any]) -> dict[str, Any]:
        if self.holds(part, values):
            return values
        if isinstance(part, Logic) and part.op == "and":
            for item in part.items:
                values = self.repair(item, values)
            return values
        if isinstance(part, Logic):
            tried: list[tuple[Decimal, dict[str, Any]]] = []
            reasons: list[Unreachable] = []
            for item in part.items:
                try:
                    fixed = self.repair(item, values)
                except Unreachable as e:
                    reasons.append(e)
                    continue
                tried.append((self.effort(fixed), fixed))
            if not tried:
                raise _first(reasons)
            return min(tried, key=lambda t: t[0])[1]
        if isinstance(part, Negation):
            return self.atom(part.operand, values, negated=True)
        return self.atom(part, values)

    def atom(self, part: Part, values: dict[str, Any], negated: bool = False) -> dict[str, Any]:
        if not isinstance(part, Atom):
            raise Unreachable("not_derived")
        node = part.node
        if isinstance(node, ast.Call) and node.func == "tier" and not negated:
            level = int(node.args[0].value) if isinstance(node.args[0], ast.Number) else 0
            if level in self.roots:
                return self.repair(self.roots[level], values)
        if isinstance(node, ast.Name) and node.name in self.ind.inputs and self.ind.inputs[node.name].kind == "bool":
            return self.set(values, node.name, not negated)  # yes, or no under a not
        th = part.threshold
        if th is None:
            return self.between_inputs(node, values, negated)
        op = NEGATE[th.op] if negated else th.op
        if isinstance(th.quantity, ast.Name) and th.quantity.name in self.ind.inputs:
            return self.set(values, th.quantity.name, _nearest(self.ind.inputs[th.quantity.name], values[th.quantity.name]
                                                               if th.quantity.name in values else None, op, th))
        return self.raise_quantity(th, op, values)

    def set(self, values: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
        if name not in self.given:
            raise Unreachable("missing", (name,))
        return values | {name: value}

    def between_inputs(self, node: ast.Node, values: dict[str, Any], negated: bool) -> dict[str, Any]:
        """``a <= b`` with two inputs: the smaller side comes up to the other."""
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and not negated
                and all(isinstance(o, ast.Name) and o.name in self.ind.inputs for o in node.operands)):
            raise Unreachable("not_derived")
        left, right = (o.name for o in node.operands)  # type: ignore[attr-defined]
        op = node.ops[0]
        if op in ("<", "<="):
            left, right, op = right, left, {"<": ">", "<=": ">="}[op]
        if op not in (">", ">="):
            raise Unreachable("not_derived")
        for name in (left, right):
            if name not in self.given:
                raise Unreachable("missing", (name,))
        spec = self.ind.inputs[left]
        return values | {left: _above(spec, values[right], op == ">", _grain(spec, None))}

    def raise_quantity(self, th: Threshold, op: str, values: dict[str, Any]) -> dict[str, Any]:
        """Raise the inputs a computed quantity reads until it meets ``op literal``."""
        names = sorted(self.ind.reads(th.compiled.names))
        absent = tuple(n for n in names if n not in self.given)
        if absent:
            raise Unreachable("missing", absent)
        literal = th.value
        compare = COMPARE[op]

        def meets(vals: dict[str, Any]) -> bool:
            try:
                return bool(compare(th.compiled.value(self.env(vals)), literal))
            except (EvaluationUndefined, decimal.DecimalException):
                return False

        def quantity(vals: dict[str, Any]) -> Decimal:
            try:
                return Decimal(key(th.compiled.value(self.env(vals)), th.vtype))
            except (EvaluationUndefined, decimal.DecimalException):
                return Decimal(0)

        free = list(names)
        while free:
            singles = [(self.effort(found), found) for n in free if (found := _least(self.ind.inputs[n], n, values, meets))]
            if singles:
                return min(singles, key=lambda t: t[0])[1]
            # None alone: the one gaining most per unit of effort goes to its end.
            def gain(name: str, values: dict[str, Any] = values) -> Decimal:
                ends = values | {name: _end(self.ind.inputs[name], values[name])}
                effort = self.effort(ends) - self.effort(values)
                moved = quantity(ends) - quantity(values)
                return moved / effort if effort else Decimal(0)

            chosen = max(free, key=gain)
            if gain(chosen) <= 0:
                break
            values = values | {chosen: _end(self.ind.inputs[chosen], values[chosen])}
            free.remove(chosen)
        raise Unreachable("out_of_range")


def _first(reasons: list[Unreachable]) -> Unreachable:
    for wanted in ("missing", "out_of_range"):
        for r in reasons:
            if r.reason == wanted:
                return r
    return reasons[0] if reasons else Unreachable("not_derived")


def _grain(spec: InputSpec, th: Threshold | None) -> Decimal:
    """The smallest move of an input the plan proposes."""
    if spec.kind in ("count", "rank"):
        return Decimal(1)
    if th is not None and th.vtype.kind == spec.kind:
        return step(th)
    return Decimal("0.001") if spec.kind == "percent" else Decimal("0.1")


def _above(spec: InputSpec, bound: Any, strictly: bool, grain: Decimal) -> Any:
    line = input_line(spec)
    k = key(bound, spec.vtype)
    if line.kind == "finite":
        found = [v for v in line.values if (v > k if strictly else v >= k)]
        if not found:
            raise Unreachable("out_of_range", (spec.name,))
        return unkey(found[0], spec.vtype)
    if line.kind == "whole":
        k = (k.to_integral_value(ROUND_FLOOR) + 1) if strictly else k.to_integral_value(ROUND_CEILING)
    elif strictly:
        k = k + grain
    if not line.admits(k):
        raise Unreachable("out_of_range", (spec.name,))
    return unkey(k, spec.vtype)


def _below(spec: InputSpec, bound: Any, strictly: bool, grain: Decimal) -> Any:
    line = input_line(spec)
    k = key(bound, spec.vtype)
    if line.kind == "finite":
        found = [v for v in line.values if (v < k if strictly else v <= k)]
        if not found:
            raise Unreachable("out_of_range", (spec.name,))
        return unkey(found[-1], spec.vtype)
    if line.kind == "whole":
        k = (k.to_integral_value(ROUND_CEILING) - 1) if strictly else k.to_integral_value(ROUND_FLOOR)
    elif strictly:
        k = k - grain
    if not line.admits(k):
        raise Unreachable("out_of_range", (spec.name,))
    return unkey(k, spec.vtype)


def _nearest(spec: InputSpec, current: Any, op: str, th: Threshold) -> Any:
    """The value of an input nearest its current one that meets ``op literal``."""
    grain = _grain(spec, th)
    if op in (">=", ">"):
        return _above(spec, th.value, op == ">", grain)
    if op in ("<=", "<"):
        return _below(spec, th.value, op == "<", grain)
    if op == "==":
        if not input_line(spec).admits(key(th.value, spec.vtype)):
            raise Unreachable("out_of_range", (spec.name,))
        return th.value
    # != : one grain away, upward if the range allows
    try:
        return _above(spec, th.value, True, grain)
    except Unreachable:
        return _below(spec, th.value, True, grain)


def _end(spec: InputSpec, current: Any) -> Any:
    """The top of an input's range (for an open range, ten times the
    current value and one step more)."""
    line = input_line(spec)
    if line.kind == "finite":
        return unkey(line.values[-1], spec.vtype)
    if line.hi is not None:
        return unkey(line.hi, spec.vtype)
    return unkey(key(current, spec.vtype) * 10 + _grain(spec, None), spec.vtype)


def _least(spec: InputSpec, name: str, values: dict[str, Any], meets: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
    """The least raise of one input, on its grain from its current value,
    that makes ``meets`` hold (None when none within its range does)."""
    line: Line = input_line(spec)
    current = values[name]
    if line.kind == "finite":
        k = key(current, spec.vtype)
        for candidate in line.values:
            if candidate > k and meets(values | {name: unkey(candidate, spec.vtype)}):
                return values | {name: unkey(candidate, spec.vtype)}
        return None
    grain = _grain(spec, None)
    start = key(current, spec.vtype)

    def at(n: int) -> dict[str, Any]:
        return values | {name: unkey(start + grain * n, spec.vtype)}

    if line.hi is not None:
        top = int(((line.hi - start) / grain).to_integral_value(ROUND_FLOOR))
        if top <= 0 or not meets(at(top)):
            return None
    else:
        top = 1
        for _ in range(MAX_DOUBLINGS):
            if meets(at(top)):
                break
            top *= 2
        else:
            return None
    low = 0  # fails (the quantity does not meet the literal now)
    while top - low > 1:
        mid = (low + top) // 2
        if meets(at(mid)):
            top = mid
        else:
            low = mid
    return at(top)

