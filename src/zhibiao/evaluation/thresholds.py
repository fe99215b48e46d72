"""Where a threshold's outcome changes, and which values a case must have to
pin it: to tell ``x >= 60%`` from ``x > 60%`` (达到 from 超过) and from
``x >= 60.1%``.

The quantity compared is put on one ordered line of keys: a number as it
is (a percent as a fraction), an enum value by its place in the declared
order, no/yes as 0/1. What the line holds:

- an enum or a yes/no, or a value computed only from such inputs and from
  counts or ranks with both ends of their range declared: the finite set of
  values it can take (``open_data_categories / 22`` moves in steps of 1/22);
- a count or a rank: whole numbers within the input's range;
- a percent or another number: any value within the input's range (a
  computed one: any value at all), told apart at a resolution of one step:
  0.1 percentage point for a percent, 0.1 of the unit for a number with a
  unit or a plain number; finer when the literal is written finer
  (``85.25%``: 0.01 point, ``2.55 km``: 0.01 km).

A threshold is pinned by a case on each side of each place where the
comparison's outcome changes. On a continuous line that is exactly at the
literal and within one step on the other side (``>=`` and ``<``: below;
``>`` and ``<=``: above; ``==`` and ``!=``: both sides). On a stepped line
it is the two neighbouring values the data can take where the outcome
changes; the literal is one of them when the data can reach it. A
threshold whose outcome is the same for every value the data allow has
nothing to pin (``app_rank <= 16`` when ranks run from 1 to 16).
"""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from zhibiao.errors import EvaluationUndefined
from zhibiao.evaluation.evaluate import PRECISION
from zhibiao.evaluation.parts import Threshold
from zhibiao.language import ast
from zhibiao.language.compiler import COMPARE, Compiled
from zhibiao.language.types import VType, numeric_text
from zhibiao.ruleset.model import Indicator, InputSpec

# Beyond this many combinations of input values a computed quantity is not
# enumerated: it is then read as a continuous or whole-number line.
MAX_VALUES = 10_000
STEP = Decimal("0.1")


@dataclass(frozen=True)
class Line:
    """The keys a quantity can take."""

    kind: str  # finite / whole / continuous
    values: tuple[Decimal, ...] = ()  # finite: every key, ascending
    lo: Decimal | None = None
    hi: Decimal | None = None
    lo_open: bool = False

    def admits(self, k: Decimal) -> bool:
        if self.kind == "finite":
            return k in self.values
        if self.kind == "whole" and k != k.to_integral_value():
            return False
        above = self.lo is None or k > self.lo or (k == self.lo and not self.lo_open)
        return above and (self.hi is None or k <= self.hi)


@dataclass(frozen=True)
class Point:
    """Values of the quantity that count as one side of a boundary: exactly
    one value, or a window one step wide."""

    side: str  # at / below / above (relative to the literal)
    low: Decimal
    high: Decimal
    low_open: bool = False
    high_open: bool = False

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def holds(self, k: Decimal) -> bool:
        above = k > self.low or (k == self.low and not self.low_open)
        below = k < self.high or (k == self.high and not self.high_open)
        return above and below


def key(value: Any, vtype: VType) -> Decimal:
    """A value's place on the quantity's line."""
    if vtype.kind == "enum":
        return Decimal(vtype.values.index(value))
    if isinstance(value, bool):
        return Decimal(int(value))
    return Decimal(value)


def unkey(k: Decimal, vtype: VType) -> Any:
    """The value at a place on the line, for showing it."""
    if vtype.kind == "enum":
        return vtype.values[int(k)]
    if vtype.kind == "bool":
        return bool(k)
    return k


def step(th: Threshold) -> Decimal:
    """The resolution a threshold is pinned at, in the quantity's own terms."""
    lit = th.literal
    points = STEP
    if isinstance(lit, ast.Number) and (lit.percent or th.vtype.kind != "percent"):
        written = Decimal(numeric_text(lit.text).split()[0].rstrip("%"))
        exponent = written.as_tuple().exponent
        if isinstance(exponent, int):
            points = min(STEP, Decimal(1).scaleb(exponent))
    return points / 100 if th.vtype.kind == "percent" else points


def input_line(spec: InputSpec) -> Line:
    vtype = spec.vtype
    if vtype.kind == "enum":
        return Line("finite", tuple(Decimal(i) for i in range(len(vtype.values))))
    if vtype.kind == "bool":
        return Line("finite", (Decimal(0), Decimal(1)))
    # Ranges are written in percentage points; values run as fractions.
    scale = Decimal(100) if vtype.kind == "percent" else Decimal(1)
    lo = spec.minimum / scale if spec.minimum is not None else None
    hi = spec.maximum / scale if spec.maximum is not None else None
    if vtype.kind in ("count", "rank"):
        if lo is None:
            lo = Decimal(0 if vtype.kind == "count" else 1)
        return Line("whole", lo=lo, hi=hi)
    return Line("continuous", lo=lo, hi=hi, lo_open=spec.exclusive_min)


def quantity_line(indicator: Indicator, node: ast.Node, compiled: Compiled) -> Line:
    """The line of any quantity of an indicator: an input by its declaration,
    a computed one by enumerating its inputs when they are few and finite,
    else by its type."""
    if isinstance(node, ast.Name) and node.name in indicator.inputs:
        return input_line(indicator.inputs[node.name])
    vtype = compiled.vtype
    if vtype.kind in ("enum", "bool"):
        return Line("finite", tuple(Decimal(i) for i in range(len(vtype.values) if vtype.kind == "enum" else 2)))
    found = enumerate_values(indicator, compiled)
    if found is not None:
        return Line("finite", found)
    return Line("whole" if vtype.kind in ("count", "rank") else "continuous")


def measured(indicator: Indicator, env: dict[str, Any]) -> dict[str, Any]:
    """``env`` with every measure whose inputs it holds, computed in the
    indicator's order. Raises EvaluationUndefined (or a DecimalException) as
    the measure's formula does."""
    for measure in indicator.measures.values():
        if measure.expr.compiled.names <= env.keys():
            env[measure.name] = measure.expr.compiled.value(env)
    return env


def finite_values(spec: InputSpec) -> list[Any] | None:
    """Every value an input can take, when there are finitely many."""
    kind = spec.kind
    if kind == "bool":
        return [False, True]
    if kind == "enum":
        return list(spec.vtype.values)
    line = input_line(spec)
    if kind in ("count", "rank") and line.lo is not None and line.hi is not None and line.hi - line.lo < MAX_VALUES:
        return [Decimal(i) for i in range(int(line.lo), int(line.hi) + 1)]
    return None


def enumerate_values(indicator: Indicator, compiled: Compiled) -> tuple[Decimal, ...] | None:
    """Every key a computed quantity takes over all its inputs' values, when
    these are finite and few (None otherwise)."""
    names = sorted(indicator.reads(compiled.names))
    domains = [finite_values(indicator.inputs[n]) for n in names]
    size = 1
    for d in domains:
        if d is None:
            return None
        size *= len(d)
    if not names or size > MAX_VALUES:
        return None
    found: set[Decimal] = set()
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        for combo in itertools.product(*domains):  # type: ignore[arg-type]  # None was returned above
            try:
                env = measured(indicator, dict(zip(names, combo)))
                found.add(key(compiled.value(env), compiled.vtype))
            except (EvaluationUndefined, decimal.DecimalException):
                continue
    return tuple(sorted(found))


def pins(th: Threshold, line: Line) -> tuple[Point, ...]:
    """The points a threshold is pinned by, ascending; none when its outcome
    is the same for every value on the line."""
    literal = key(th.value, th.vtype)
    compare = COMPARE[th.op]

    def test(k: Decimal) -> bool:
        return compare(k, literal)

    if line.kind == "continuous":
        return _continuous(line, literal, step(th), test)
    values = line.values if line.kind == "finite" else _whole_near(line, literal)
    found: list[Point] = []
    for a, b in zip(values, values[1:]):
        if test(a) != test(b):
            for v in (a, b):
                point = Point(_side(v, literal), v, v)
                if point not in found:
                    found.append(point)
    return tuple(found)


def outcome_everywhere(th: Threshold, line: Line) -> bool:
    """The one outcome of a threshold that has no pins (what every value
    the line admits gives)."""
    literal = key(th.value, th.vtype)
    if line.kind == "finite":
        sample = line.values[0] if line.values else literal
    elif line.admits(literal):
        sample = literal
    elif line.hi is not None and literal > line.hi:
        sample = line.hi
    else:
        sample = literal + 1  # the whole line lies above the literal
    return COMPARE[th.op](sample, literal)


def _side(v: Decimal, literal: Decimal) -> str:
    return "at" if v == literal else ("below" if v < literal else "above")


def _whole_near(line: Line, literal: Decimal) -> tuple[Decimal, ...]:
    """The whole numbers around a literal that the line admits, consecutive."""
    lo = int(literal.to_integral_value(ROUND_FLOOR)) - 1
    hi = int(literal.to_integral_value(ROUND_CEILING)) + 1
    return tuple(Decimal(i) for i in range(lo, hi + 1) if line.admits(Decimal(i)))


def _continuous(line: Line, literal: Decimal, width: Decimal, test: Callable[[Decimal], bool]) -> tuple[Point, ...]:
    if not line.admits(literal):
        return ()
    at = test(literal)
    found = []
    if line.lo is None or line.lo < literal:
        low, low_open = literal - width, False
        if line.lo is not None and low <= line.lo:
            low, low_open = line.lo, line.lo_open
        if test((low + literal) / 2) != at:
            found.append(Point("below", low, literal, low_open, True))
    if line.hi is None or line.hi > literal:
        high = literal + width if line.hi is None else min(literal + width, line.hi)
        if test((literal + high) / 2) != at:
            found.append(Point("above", literal, high, True, False))
    if not found:
        return ()
    return tuple(sorted([*found, Point("at", literal, literal)], key=lambda p: (p.low, p.high)))
