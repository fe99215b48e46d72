"""What any city at all could show of a tier condition: every outcome,
every part deciding, every threshold point, found by trying a set of values
that stands for all of them.

This is how coverage tells "no case shows it" from "no city can show it"
(a tier nobody can reach, a part that never decides alone). It is only
tried where it is exact: every comparison in the tier is a single input
or measure against a literal (or yes/no facts, tier(n)), so a few values
per name (the literals, the points that pin them, one value between each
two, the ends of the range) decide every comparison the way any other
value would. A tier with arithmetic in a comparison, or too many
combinations, is not explored, and whatever it needs is taken to be
possible (a gap is then reported missing, never hidden).
"""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Callable, Iterator
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from zhibiao.errors import EvaluationUndefined
from zhibiao.evaluation.evaluate import PRECISION
from zhibiao.evaluation.parts import Atom, Part, atoms
from zhibiao.evaluation.thresholds import Line, Point, unkey
from zhibiao.language import ast
from zhibiao.language.types import VType
from zhibiao.ruleset.model import Indicator

# Beyond this many combinations of values an indicator is not explored.
MAX_COMBINATIONS = 50_000

Observe = Callable[[int, dict[str, Any]], set[tuple]]


def exact(part: Part, indicator: Indicator, roots: dict[int, Part], level: int) -> bool:
    """Whether a few values per name decide every comparison of tier ``level``."""
    for atom in atoms(part):
        node = atom.node
        if isinstance(node, ast.Call) and node.func == "tier":
            n = int(node.args[0].value) if isinstance(node.args[0], ast.Number) else level
            if n >= level or n not in roots or not exact(roots[n], indicator, roots, n):
                return False
        elif isinstance(node, ast.Compare):
            th = atom.threshold
            if th is None or not (isinstance(th.quantity, ast.Name) and _is_symbol(th.quantity.name, indicator)):
                return False
        elif not isinstance(node, ast.Name):
            return False
    return True


def _is_symbol(name: str, indicator: Indicator) -> bool:
    return name in indicator.inputs or name in indicator.measures


def explore(indicator: Indicator, roots: dict[int, Part], lines: dict[str, tuple[Line, VType]],
            pinned: dict[Atom, tuple[Point, ...]], observe: Observe) -> tuple[set[int], set[tuple]]:
    """(the tiers explored, every observation some values give in them).

    ``lines`` gives each name's line and type; ``pinned`` the points of
    each threshold; ``observe(level, env)`` what one set of values shows."""
    levels = {level for level, root in roots.items() if exact(root, indicator, roots, level)}
    names: set[str] = set()
    for level in levels:
        names |= indicator.tiers[level].compiled.names
    marks: dict[str, set[Decimal]] = {n: set() for n in names}
    for level in levels:
        for atom in atoms(roots[level]):
            th = atom.threshold
            if th is not None and isinstance(th.quantity, ast.Name):
                for point in pinned.get(atom, ()):
                    marks[th.quantity.name] |= {point.low, point.high}
                if isinstance(th.value, Decimal):
                    marks[th.quantity.name].add(th.value)
    domains: dict[str, list[Any]] = {}
    for name in sorted(names):
        line, vtype = lines[name]
        domains[name] = [unkey(k, vtype) for k in _candidates(line, marks[name])]
    size = 1
    for values in domains.values():
        size *= max(1, len(values))
    if size > MAX_COMBINATIONS or any(not values for values in domains.values()):
        return set(), set()
    seen: set[tuple] = set()
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        for env in _envs(domains):
            for level in levels:
                try:
                    seen |= observe(level, env)
                except (EvaluationUndefined, decimal.DecimalException):
                    continue
    return levels, seen


def _envs(domains: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    names = list(domains)
    for values in itertools.product(*(domains[n] for n in names)):
        yield dict(zip(names, values))


def _candidates(line: Line, marks: set[Decimal]) -> list[Decimal]:
    """Keys that stand for every stretch the marks cut the line into: the
    marks, one key between each two, one beyond each end, the ends of the
    line; only keys the line admits."""
    if line.kind == "finite":
        return list(line.values)
    ends = {b for b in (line.lo, line.hi) if b is not None}
    points = sorted(marks | ends) or [Decimal(0)]
    keys = set(points) | {(a + b) / 2 for a, b in zip(points, points[1:])} | {points[0] - 1, points[-1] + 1}
    if line.kind == "whole":
        keys = {k.to_integral_value(ROUND_FLOOR) for k in keys} | {k.to_integral_value(ROUND_CEILING) for k in keys}
    return sorted(k for k in keys if line.admits(k))
