"""Which parts of an edition's rules its authors' test cases exercise.

The units an author can add a case for, each with what must be seen:

- a **tier**: its condition met by some case, and failed by some case;
- a **conjunct** (a part of an ``and``/``or`` the author wrote): seen
  deciding its tier alone: a part of an ``and`` failing while the rest of
  the condition would have met the tier, a part of an ``or`` holding while
  the rest would have failed it;
- a **threshold** (a comparison with a literal): a case on each side of
  where its outcome changes, exactly at the literal and within one step
  past it (``zhibiao.evaluation.thresholds``), each in a case where the
  comparison decides its tier;
- a **measure**: computed by some case; a **deduction**: some case with
  nothing deducted and some with points deducted;
- an indicator's **not-assessed** path: some case without one of its inputs.

A case counts for an indicator only when it checks that indicator's
verdict: it expects the indicator itself, or the total (which every verdict
feeds), or for a deduction item the sum of deductions; a case that gives data
but expects nothing of it would pass whatever the rules said. An indicator
that is not assessed in a case (an input missing) shows its not-assessed
path there and nothing else; one that cannot be computed for the case's
values (a division by zero) shows the measures computed before that, and
no tier outcome.

A tier condition that refers to ``tier(n)`` counts its own parts;
``tier(n)`` is one of them, and tier n's parts are counted with tier n. What
no city at all could show (a threshold whose outcome is the same for every
value the data allow, a tier nobody can reach, a part that never decides
alone) is reported with why and not counted.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass, field
from typing import Any

from zhibiao.errors import EvaluationUndefined, Location
from zhibiao.evaluation.cases import Case
from zhibiao.evaluation.evaluate import PRECISION
from zhibiao.evaluation.parts import Atom, Part, Threshold, atoms, deciding, members, scope_of, take_apart, truth
from zhibiao.evaluation.reachable import explore
from zhibiao.evaluation.thresholds import Line, Point, input_line, key, measured, outcome_everywhere, pins, quantity_line
from zhibiao.language import ast
from zhibiao.language.positions import offset
from zhibiao.language.types import VType
from zhibiao.ruleset.model import Edition, Indicator

KINDS = ("tier", "conjunct", "threshold", "measure", "deduction", "not_assessed")


@dataclass(frozen=True)
class Need:
    """One thing a case must show: ``code`` in words, met by observation ``key``."""

    code: str  # true false decides at below above computed zero positive missing_input
    key: tuple
    point: Point | None = None


@dataclass(frozen=True)
class Why:
    """Why no city can show what an item needs: a threshold whose outcome
    is the same for every value on ``line`` (always_holds, always_fails), or a
    need no values meet (never_met, never_failed, never_decides, never_at)."""

    code: str
    need: Need | None = None
    line: Line | None = None


@dataclass(eq=False)
class Item:
    kind: str
    indicator: Indicator
    level: int | None  # the tier, for tiers, conjuncts and thresholds
    where: Location | None  # of the condition or part, in its rule file
    node: ast.Node | None  # the condition, part or formula, for showing
    needs: tuple[Need, ...]
    logic: str | None = None  # and / or, for a conjunct
    vtype: VType | None = None  # the compared quantity's, for a threshold
    literal: Any = None  # the compared literal's value, for a threshold
    name: str | None = None  # the measure's, for a measure
    why: list[Why] = field(default_factory=list)  # why no city can show it; then it is not counted
    seen: frozenset[Need] = frozenset()

    @property
    def counted(self) -> bool:
        return not self.why

    @property
    def covered(self) -> bool:
        return self.counted and all(n in self.seen for n in self.needs)

    @property
    def missing(self) -> list[Need]:
        return [n for n in self.needs if n not in self.seen] if self.counted else []


@dataclass(frozen=True)
class Tally:
    covered: int
    total: int  # counted items
    not_counted: int


@dataclass
class Coverage:
    items: list[Item]
    cases: int  # case files that could be read

    def tally(self, kind: str) -> Tally:
        mine = [i for i in self.items if i.kind == kind]
        counted = [i for i in mine if i.counted]
        return Tally(sum(i.covered for i in counted), len(counted), len(mine) - len(counted))

    @property
    def covered(self) -> int:
        return sum(i.covered for i in self.items)

    @property
    def total(self) -> int:
        return sum(i.counted for i in self.items)

    def below(self, percent: float) -> bool:
        """Whether coverage falls short of ``percent`` (compared exactly)."""
        return self.covered * 100 < decimal.Decimal(str(percent)) * self.total


# -- what there is to cover -------------------------------------------------
@dataclass(eq=False)
class _Plan:
    """One indicator taken apart once: the parts of each tier, the points of
    each threshold, and the items they make."""

    indicator: Indicator
    roots: dict[int, Part]
    members: dict[int, list[tuple[Part, str]]]
    pinned: dict[Atom, tuple[Point, ...]]
    items: list[Item]

    def observe(self, level: int, env: dict[str, Any]) -> set[tuple]:
        """What the values ``env`` show of tier ``level``."""
        root = self.roots[level]
        values = truth(root, env)
        found: set[tuple] = {("tier", root, values[root])}
        decides = deciding(root, values)
        for part, op in self.members[level]:
            if part in decides and values[part] == (op == "or"):
                found.add(("decides", part))
        for atom in atoms(root):
            th = atom.threshold
            if th is None or atom not in decides or not self.pinned.get(atom):
                continue
            k = key(th.compiled.value(env), th.vtype)
            found |= {("point", atom, p) for p in self.pinned[atom] if p.holds(k)}
        return found


def _plans(edition: Edition) -> list[_Plan]:
    return [_indicator_plan(ind) for ind in edition.indicators.values()]


def _indicator_plan(ind: Indicator) -> _Plan:
    p = _Plan(ind, {}, {}, {}, [])
    for level, tier in sorted(ind.tiers.items()):
        root = take_apart(tier.node, scope_of(ind, level))
        p.roots[level] = root
        p.members[level] = list(members(root))
        p.items.append(Item("tier", ind, level, tier.where, tier.node,
                            (Need("true", ("tier", root, True)), Need("false", ("tier", root, False)))))
        for part, op in p.members[level]:
            p.items.append(Item("conjunct", ind, level, offset(tier.where, part.node.line, part.node.column), part.node,
                                (Need("decides", ("decides", part)),), logic=op))
        for atom in atoms(root):
            if atom.threshold is not None:
                item, p.pinned[atom] = _threshold_item(ind, level, atom, atom.threshold)
                p.items.append(item)
    for measure in ind.measures.values():
        p.items.append(Item("measure", ind, None, measure.expr.where, measure.expr.node,
                            (Need("computed", ("computed", ind.id, measure.name)),), name=measure.name))
    if ind.deduction is not None:
        p.items.append(Item("deduction", ind, None, ind.deduction.where, ind.deduction.node,
                            (Need("zero", ("deduction", ind.id, False)), Need("positive", ("deduction", ind.id, True)))))
    p.items.append(Item("not_assessed", ind, None, ind.where, None, (Need("missing_input", ("missing", ind.id)),)))
    _rule_out(p)
    return p


def _threshold_item(ind: Indicator, level: int, atom: Atom, th: Threshold) -> tuple[Item, tuple[Point, ...]]:
    """The item of a threshold, and the points that pin it."""
    line = quantity_line(ind, th.quantity, th.compiled)
    points = pins(th, line)
    item = Item("threshold", ind, level, offset(ind.tiers[level].where, atom.node.line, atom.node.column), atom.node,
                tuple(Need(pt.side, ("point", atom, pt), pt) for pt in points), vtype=th.vtype, literal=th.value)
    if not points:
        item.why.append(Why("always_holds" if outcome_everywhere(th, line) else "always_fails", line=line))
    return item, points


def _rule_out(p: _Plan) -> None:
    """Mark what no city can show, where the tiers can be explored exactly."""
    ind = p.indicator
    lines: dict[str, tuple[Line, VType]] = {n: (input_line(s), s.vtype) for n, s in ind.inputs.items()}
    for name, measure in ind.measures.items():
        lines[name] = (quantity_line(ind, ast.Name(0, 0, name), measure.expr.compiled), measure.vtype)
    explored, possible = explore(ind, p.roots, lines, p.pinned, p.observe)
    for item in p.items:
        if item.level not in explored or not item.counted:
            continue
        for need in item.needs:
            if need.key not in possible:
                item.why.append(_impossible(need))


def _impossible(need: Need) -> Why:
    return Why({"true": "never_met", "false": "never_failed", "decides": "never_decides"}.get(need.code, "never_at"), need)


# -- what the cases show ----------------------------------------------------
def _checks(case: Case, ind: Indicator) -> bool:
    """Whether the case would fail if this indicator's verdict changed."""
    keys = {e.key for e in case.expectations}
    return ind.id in keys or "total" in keys or (ind.is_deduction and "deduction" in keys)


def _observe_case(p: _Plan, case: Case) -> set[tuple]:
    ind = p.indicator
    if not _checks(case, ind):
        return set()
    given = case.city.values.get(ind.id, {})
    if any(name not in given for name in ind.inputs):
        return {("missing", ind.id)}
    env: dict[str, Any] = dict(given)
    found: set[tuple] = set()
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        try:
            measured(ind, env)
        except (EvaluationUndefined, decimal.DecimalException):
            return _computed(ind, env)
        found |= _computed(ind, env)
        # As in evaluation, whatever of the rule cannot be computed for these
        # values leaves the indicator not assessed: no outcome is shown then.
        try:
            for c in ind.constraints:
                c.expr.compiled.value(env)
            shown: set[tuple] = set()
            if ind.deduction is not None:
                shown.add(("deduction", ind.id, ind.deduction.compiled.value(env) > 0))
            for level in p.roots:
                shown |= p.observe(level, env)
        except (EvaluationUndefined, decimal.DecimalException):
            return found
    return found | shown


def _computed(ind: Indicator, env: dict[str, Any]) -> set[tuple]:
    return {("computed", ind.id, name) for name in ind.measures if name in env}


def coverage(edition: Edition, cases: list[Case]) -> Coverage:
    """The coverage of ``edition``'s rules by the cases that could be read."""
    plans = _plans(edition)
    seen: set[tuple] = set()
    for case in cases:
        for p in plans:
            seen |= _observe_case(p, case)
    items = [item for p in plans for item in p.items]
    for item in items:
        item.seen = frozenset(n for n in item.needs if n.key in seen)
    items.sort(key=_place)
    return Coverage(items, len(cases))


def _place(item: Item) -> tuple:
    """Items in the order an author reads the rule files."""
    where = item.where or Location()
    return (where.file or "", where.line or 0, where.column or 0, KINDS.index(item.kind))
