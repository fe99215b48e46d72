"""Meaning checks over a loaded edition: rules that load and compile but are
probably not what the author meant. Every finding is a warning.

The loader has already refused what cannot work (structure, names, types);
here we look at what works but reads oddly: two tiers with the same
condition, a tier no city can ever be given, a threshold that gets easier as
the tier rises, weights and maxima that do not add up, an input nobody uses.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from zhibiao.errors import Location, Problem
from zhibiao.language import ast
from zhibiao.language.positions import caret, offset
from zhibiao.language.printer import SYMBOL, Printer
from zhibiao.language.types import choice, format_decimal
from zhibiao.ruleset.loader import Inspection
from zhibiao.ruleset.model import Edition, Expression, Indicator
from zhibiao.words import N_, Msg
from zhibiao.words.messages import MESSAGES

# Beyond this many combinations of input values the reachability of tiers is
# not explored (no warning rather than a slow check).
MAX_COMBINATIONS = 50_000

_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}
_LOWER = (">=", ">")  # a floor: higher values are better
_UPPER = ("<=", "<")  # a ceiling: lower values are better


def check(inspection: Inspection) -> list[Problem]:
    """Warnings about the meaning of an inspected edition."""
    edition = inspection.edition
    if edition is None:
        return []
    warnings: list[Problem] = []
    for indicator in edition.indicators.values():
        warnings += check_indicator(indicator, edition)
    # Sums over a partly loaded edition would only repeat its errors.
    if not any(p.severity == "error" for p in inspection.problems):
        warnings += _sums(edition)
    return warnings


def check_indicator(ind: Indicator, edition: Edition) -> list[Problem]:
    """Warnings about one indicator of ``edition``."""
    selection = edition.selection
    identical = _identical_tiers(ind, selection)
    shadowed = {a for a, _ in identical} if selection == "highest_passing" else set()
    found: list[Problem] = [problem for _, problem in identical]
    found += _unreachable(ind, edition, skip=shadowed)
    found += _non_monotone(ind) if ind.nested else []
    found += _weights(ind)
    found += _unused_inputs(ind)
    found += _yes_below_no(ind)
    found += _divisions(ind)
    return found


def _warning(code: str, where: Location | None, excerpt: str | None = None, **params: Any) -> Problem:
    return Problem(code, params, where, "warning", excerpt)


def _msg(code: str, **params: Any) -> Msg:
    return Msg(MESSAGES[code], **params)


# -- identical tiers ------------------------------------------------------
def _identical_tiers(ind: Indicator, selection: str) -> list[tuple[int, Problem]]:
    found = []
    levels = sorted(ind.tiers)
    for i, a in enumerate(levels):
        for b in levels[i + 1:]:
            ta, tb = ind.tiers[a], ind.tiers[b]
            if ta.canonical == tb.canonical:
                consequence = _msg("identical_consequence", a=a) if selection == "highest_passing" else ""
                found.append((a, _warning("identical_tiers", ta.where, _excerpt(ta), id=ind.id, a=a, b=b, consequence=consequence)))
                break
    return found


def _excerpt(expr: Expression, node: ast.Node | None = None) -> str:
    return caret(expr.text, node.line if node else 1, node.column if node else 1)


# -- unreachable tiers ------------------------------------------------------
def _exact(node: ast.Node, ind: Indicator) -> bool:
    """Is the condition made only of single values compared with literals,
    yes/no facts and tier(n)? Then a small set of values per input decides
    every comparison, and exploring it proves a tier unreachable."""
    symbols = set(ind.inputs) | set(ind.measures)
    if isinstance(node, (ast.And, ast.Or)):
        return all(_exact(i, ind) for i in node.items)
    if isinstance(node, ast.Not):
        return _exact(node.operand, ind)
    if isinstance(node, ast.Name):
        return node.name in symbols
    if isinstance(node, ast.Call):
        return node.func == "tier"
    if isinstance(node, ast.Compare):
        if not all(isinstance(o, (ast.Name, ast.Number)) for o in node.operands):
            return False
        pairs = zip(node.operands, node.operands[1:])
        return all(sum(isinstance(o, ast.Name) and o.name in symbols for o in pair) <= 1 for pair in pairs)
    return False


def _literals(ind: Indicator) -> dict[str, set[Decimal]]:
    """Every number each input or measure is compared with, in any tier."""
    symbols = set(ind.inputs) | set(ind.measures)
    found: dict[str, set[Decimal]] = {}
    for tier in ind.tiers.values():
        for node in ast.walk(tier.node):
            if not isinstance(node, ast.Compare):
                continue
            for left, right in zip(node.operands, node.operands[1:]):
                for name, lit in ((left, right), (right, left)):
                    if isinstance(name, ast.Name) and name.name in symbols and isinstance(lit, ast.Number):
                        found.setdefault(name.name, set()).add(lit.value)
    return found


def _candidates(points: set[Decimal], lo: Decimal | None, hi: Decimal | None, exclusive_min: bool, whole: bool) -> list[Decimal]:
    """One value in every stretch the literals cut the line into, the
    literals themselves, and the ends of the allowed range."""
    marks = sorted(points | {b for b in (lo, hi) if b is not None}) or [Decimal(0)]
    values = set(marks) | {(x + y) / 2 for x, y in zip(marks, marks[1:])} | {marks[0] - 1, marks[-1] + 1}
    if whole:
        values = {v.to_integral_value(ROUND_FLOOR) for v in values} | {v.to_integral_value(ROUND_CEILING) for v in values}

    def allowed(v: Decimal) -> bool:
        if lo is not None and (v < lo or (exclusive_min and v == lo)):
            return False
        return hi is None or v <= hi

    return sorted(v for v in values if allowed(v))


def _domains(ind: Indicator, names: set[str]) -> dict[str, list[Any]] | None:
    literals = _literals(ind)
    domains: dict[str, list[Any]] = {}
    for name in sorted(names):
        spec = ind.inputs.get(name)
        vtype = spec.vtype if spec else ind.measures[name].vtype
        if vtype.kind == "bool":
            domains[name] = [False, True]
        elif vtype.kind == "enum":
            domains[name] = list(vtype.values)
        else:
            lo = hi = None
            exclusive = False
            if spec is not None:
                # Ranges are written in percent points; values run as fractions.
                scale = Decimal(100) if spec.kind == "percent" else Decimal(1)
                lo = spec.minimum / scale if spec.minimum is not None else None
                hi = spec.maximum / scale if spec.maximum is not None else None
                exclusive = spec.exclusive_min
                if lo is None and spec.kind in ("count", "rank"):
                    lo = Decimal(0 if spec.kind == "count" else 1)
            whole = vtype.kind in ("count", "rank")
            domains[name] = _candidates(literals.get(name, set()), lo, hi, exclusive, whole)
        if not domains[name]:
            return None
    return domains


def _envs(domains: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    names = list(domains)
    for values in itertools.product(*(domains[n] for n in names)):
        yield dict(zip(names, values))


def _unreachable(ind: Indicator, edition: Edition, skip: set[int]) -> list[Problem]:
    selection = edition.selection
    if not ind.tiers or not all(_exact(t.node, ind) for t in ind.tiers.values()):
        return []
    names = set().union(*(t.compiled.names for t in ind.tiers.values()))
    domains = _domains(ind, names)
    if domains is None:
        return []
    size = 1
    for values in domains.values():
        size *= len(values)
    if size > MAX_COMBINATIONS:
        return []
    levels = sorted(ind.tiers)
    awarded: set[int] = set()
    alone: set[int] = set()  # tiers whose own condition holds somewhere
    with_lower: set[int] = set()  # ... together with every lower tier
    for env in _envs(domains):
        holds = {level: bool(ind.tiers[level].compiled.value(env)) for level in levels}
        awarded.add(edition.award(holds))
        running = True
        for level in levels:
            running = running and holds[level]
            if holds[level]:
                alone.add(level)
            if running:
                with_lower.add(level)
    found = []
    for level in levels:
        if level in awarded or level in skip:
            continue
        if level not in alone:
            why = _msg("why_unsatisfiable")
        elif selection != "cumulative":
            why = _msg("why_higher")
        elif level not in with_lower:
            why = _msg("why_with_lower")
        else:
            why = _msg("why_next", b=min(x for x in levels if x > level))
        tier = ind.tiers[level]
        found.append(_warning("unreachable_tier", tier.where, _excerpt(tier), id=ind.id, a=level, policy=selection, why=why))
    return found


# -- thresholds that get easier ------------------------------------------
def _bounds(node: ast.Node, ind: Indicator) -> Iterator[tuple[str, str, Any, str, ast.Node]]:
    """(name, op, value, literal text, literal node) for each comparison of a
    single input or measure with a literal, the name read on the left.
    Comparisons under not/非 point the other way and are left out."""
    if isinstance(node, (ast.And, ast.Or)):
        for item in node.items:
            yield from _bounds(item, ind)
        return
    if not isinstance(node, ast.Compare):
        return
    for i, op in enumerate(node.ops):
        left, right = node.operands[i], node.operands[i + 1]
        for name, lit, o in ((left, right, op), (right, left, _FLIP[op])):
            if not (isinstance(name, ast.Name) and (name.name in ind.inputs or name.name in ind.measures)):
                continue
            spec = ind.inputs.get(name.name)
            vtype = spec.vtype if spec else ind.measures[name.name].vtype
            if isinstance(lit, ast.Number) and vtype.numeric:
                yield name.name, o, lit.value, lit.text, lit
            elif isinstance(lit, ast.Name) and vtype.kind == "enum" and lit.name in vtype.values:
                yield name.name, o, vtype.values.index(lit.name), lit.name, lit


def _non_monotone(ind: Indicator) -> list[Problem]:
    per_name: dict[str, dict[int, list[tuple[str, Any, str, ast.Node]]]] = {}
    for level, tier in sorted(ind.tiers.items()):
        for name, op, value, text, node in _bounds(tier.node, ind):
            if op in _LOWER + _UPPER:
                per_name.setdefault(name, {}).setdefault(level, []).append((op, value, text, node))
    found = []
    for name, by_tier in per_name.items():
        ops = {b[0] for bounds in by_tier.values() for b in bounds}
        if ops <= set(_LOWER):
            sign = 1  # higher is better: a later floor must not be lower (nor ≥ after >)
        elif ops <= set(_UPPER):
            sign = -1  # lower is better (a spacing): a later ceiling must not be higher
        else:
            continue  # a range, or both ways: no plain direction
        single = [(level, bounds[0]) for level, bounds in sorted(by_tier.items()) if len(bounds) == 1]
        for (a, (op_a, va, text_a, _)), (b, (op_b, vb, text_b, node_b)) in zip(single, single[1:]):
            if (sign * vb, op_b in ("<", ">")) < (sign * va, op_a in ("<", ">")):
                tier = ind.tiers[b]
                found.append(_warning(
                    "non_monotone", offset(tier.where, node_b.line, node_b.column), _excerpt(tier, node_b),
                    id=ind.id, name=name, a=a, b=b, ta=f"{SYMBOL[op_a]} {text_a}", tb=f"{SYMBOL[op_b]} {text_b}",
                ))
    return found


# -- weights --------------------------------------------------------------
def _weights(ind: Indicator) -> list[Problem]:
    found = []
    for level, where in sorted(ind.weight_keys.items()):
        if level not in ind.tiers and level in ind.declared_weights:
            found.append(_warning("weight_without_tier", where, id=ind.id, tier=level))
    for level, where in sorted(ind.tier_keys.items()):
        if level not in ind.weight_keys and ind.weight_keys:
            found.append(_warning("tier_without_weight", where, id=ind.id, tier=level))
    given = [(level, ind.declared_weights[level]) for level in sorted(ind.declared_weights) if level in ind.tiers]
    for (a, wa), (b, wb) in zip(given, given[1:]):
        if wb <= wa:
            found.append(_warning("weights_not_increasing", ind.weight_values[b], id=ind.id,
                                  a=a, b=b, wa=format_decimal(wa), wb=format_decimal(wb)))
    return found


# -- divisions by what may be 0 ----------------------------------------------
def _divisions(ind: Indicator) -> list[Problem]:
    """A tier, constraint or deduction that divides by a value that may be
    0 leaves some cities not assessed. (Measures are left out: a growth
    over a base that may be 0 is the standard's own wording, and a measure
    that cannot be computed is already reported per city.)"""
    found = []
    places: list[tuple[Expression, Any]] = [(tier, Msg(N_("the condition of tier %(n)s"), n=level)) for level, tier in sorted(ind.tiers.items())]
    places += [(c.expr, Msg(N_("a constraint"))) for c in ind.constraints]
    if ind.deduction is not None:
        places.append((ind.deduction, Msg(N_("the deduction"))))
    labels = ind.labels()
    for expr, what in places:
        for node in ast.walk(expr.node):
            if isinstance(node, ast.BinOp) and node.op == "/" and _may_be_zero(node.right, ind):
                found.append(_warning(
                    "divisor_may_be_zero", offset(expr.where, node.right.line, node.right.column), _excerpt(expr, node.right),
                    id=ind.id, place=what, divisor=_Printed(node.right, labels),
                ))
    return found


def _may_be_zero(node: ast.Node, ind: Indicator) -> bool:
    """Whether a divisor can be 0 for some data the inputs' ranges allow."""
    if isinstance(node, ast.Number):
        return node.value == 0
    if isinstance(node, ast.Name) and node.name in ind.inputs:
        spec = ind.inputs[node.name]
        if spec.kind == "rank":
            return False
        lo = spec.minimum if spec.minimum is not None else (Decimal(0) if spec.kind == "count" else None)
        hi = spec.maximum
        if lo is not None and (lo > 0 or (lo == 0 and spec.exclusive_min)):
            return False
        return not (hi is not None and hi < 0)
    return True  # an expression or a measure: nothing proves it is never 0


class _Printed:
    """A piece of a condition, printed in the reader's language."""

    def __init__(self, node: ast.Node, labels: dict[str, Any]):
        self.node = node
        self.labels = labels

    def text(self, lang: str) -> str:
        return Printer(lang, self.labels).condition(self.node)


# -- inputs nobody uses ---------------------------------------------------
def _unused_inputs(ind: Indicator) -> list[Problem]:
    used: set[str] = set()
    for expr in list(ind.tiers.values()) + [m.expr for m in ind.measures.values()] + [ind.deduction]:
        if expr is not None:
            used |= expr.compiled.names
    return [_warning("unused_input", spec.where, id=ind.id, name=name) for name, spec in ind.inputs.items() if name not in used]


def _yes_below_no(ind: Indicator) -> list[Problem]:
    """An enum's values are listed lowest first; a yes that stands for a
    lower value than a no turns old yes/no answers upside down."""
    found = []
    for name, spec in ind.inputs.items():
        if spec.vtype.yes_no is not None:
            yes, no = spec.vtype.yes_no
            if spec.vtype.values.index(yes) < spec.vtype.values.index(no):
                found.append(_warning("yes_below_no", spec.where, id=ind.id, name=name,
                                      yes=choice(spec.vtype, yes), no=choice(spec.vtype, no)))
    return found


# -- sums of weights and maxima -------------------------------------------
def _sums(edition: Edition) -> list[Problem]:
    found = []
    for cid, category in edition.categories.items():
        top = sum((i.max_score for i in edition.indicators.values() if i.category == cid and not i.is_deduction), Decimal(0))
        if top != category.max:
            found.append(_warning("category_sum", category.where, id=cid,
                                  sum=format_decimal(top), max=format_decimal(category.max)))
    maxima = sum((c.max for c in edition.categories.values()), Decimal(0))
    if maxima != edition.total:
        found.append(_warning("total_sum", edition.total_where, sum=format_decimal(maxima), total=format_decimal(edition.total)))
    return found
