"""A tier condition taken apart, for coverage: its logical skeleton (and,
or, not, and the links of a chained comparison) over atoms, each atom
compiled on its own with the public compiler.

For a city's values this tells what every part evaluated to and which parts
decided the outcome: a part decides when flipping its truth alone would flip
the whole condition. That is how an ``and`` part "fails while the others
hold", and how a threshold is seen "where it matters".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeAlias

from zhibiao.language import ast
from zhibiao.language.compiler import Compiled, Scope, Symbol, compile_condition
from zhibiao.language.types import VType
from zhibiao.ruleset.model import Indicator

# What a flipped comparison reads as with its operands swapped.
FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}


@dataclass(eq=False)
class Threshold:
    """A comparison of a quantity (an input, a measure, arithmetic) with a
    literal, read with the quantity on the left: ``85% < x`` is ``x > 85%``."""

    quantity: ast.Node
    op: str
    literal: ast.Node
    value: Any  # the literal's runtime value: a Decimal (a percent as a fraction), an enum value's name, a bool
    vtype: VType  # the quantity's type
    compiled: Compiled  # the quantity


# Parts are told apart by identity: two equal conditions in two places are
# two parts (syntax trees compare equal without their positions).
@dataclass(eq=False)
class Atom:
    """A leaf of the skeleton: a comparison of two operands, a yes/no fact,
    tier(n), a literal. tier(n) is a leaf: the referenced tier's own parts
    are counted with that tier."""

    node: ast.Node
    compiled: Compiled
    threshold: Threshold | None = None


@dataclass(eq=False)
class Logic:
    op: str  # and / or
    node: ast.Node
    items: tuple[Part, ...]
    # The links of ``a <= x < b``: one comparison as the author wrote it, so
    # its links are thresholds but not parts of their own.
    chain: bool = False


@dataclass(eq=False)
class Negation:
    node: ast.Node
    operand: Part


Part: TypeAlias = Atom | Logic | Negation


def scope_of(indicator: Indicator, level: int | None = None) -> Scope:
    """The scope the loader compiles the indicator's conditions in: its
    inputs and measures, and for tier ``level`` the tiers below it."""
    symbols = {n: Symbol(n, s.vtype, s.name_words()) for n, s in indicator.inputs.items()}
    symbols |= {n: Symbol(n, m.vtype, m.labels()) for n, m in indicator.measures.items()}
    tiers = {} if level is None else {n: t.compiled for n, t in indicator.tiers.items() if n < level}
    return Scope(indicator.id, symbols, tiers=tiers, level=level)


def take_apart(node: ast.Node, scope: Scope) -> Part:
    """The skeleton of a condition that compiled in ``scope``."""
    if isinstance(node, (ast.And, ast.Or)):
        op = "and" if isinstance(node, ast.And) else "or"
        return Logic(op, node, tuple(take_apart(item, scope) for item in node.items))
    if isinstance(node, ast.Not):
        return Negation(node, take_apart(node.operand, scope))
    if isinstance(node, ast.Compare) and len(node.ops) > 1:
        links = tuple(_link(node.operands[i], node.ops[i], node.operands[i + 1], scope) for i in range(len(node.ops)))
        return Logic("and", node, links, chain=True)
    if isinstance(node, ast.Compare):
        return _link(node.operands[0], node.ops[0], node.operands[1], scope, node)
    return Atom(node, compile_condition(node, scope))


def _link(left: ast.Node, op: str, right: ast.Node, scope: Scope, whole: ast.Node | None = None) -> Atom:
    node = whole or ast.Compare(left.line, left.column, operands=(left, right), ops=(op,))
    compiled = compile_condition(node, scope)
    threshold = None
    lit_right, lit_left = _literal(right, left, scope), _literal(left, right, scope)
    if lit_right is not None and lit_left is None:
        threshold = _threshold(left, op, right, lit_right[0], scope)
    elif lit_left is not None and lit_right is None:
        threshold = _threshold(right, FLIP[op], left, lit_left[0], scope)
    return Atom(node, compiled, threshold)


def _threshold(quantity: ast.Node, op: str, literal: ast.Node, value: Any, scope: Scope) -> Threshold:
    compiled = compile_condition(quantity, scope)
    return Threshold(quantity, op, literal, value, compiled.vtype, compiled)


def _literal(node: ast.Node, other: ast.Node, scope: Scope) -> tuple[Any] | None:
    """(value,) when ``node`` is a literal: a number, an enum value beside
    its input, true/false; else None."""
    if isinstance(node, ast.Number):
        return (node.value,)
    if not isinstance(node, ast.Name) or node.name in scope.symbols:
        return None
    beside = scope.symbols.get(other.name) if isinstance(other, ast.Name) else None
    if beside is not None and beside.vtype.kind == "enum":
        return (node.name,)
    if node.name in ast.TRUE + ast.FALSE:
        return (node.name in ast.TRUE,)
    return None


def atoms(part: Part) -> Iterator[Atom]:
    if isinstance(part, Atom):
        yield part
    elif isinstance(part, Negation):
        yield from atoms(part.operand)
    else:
        for item in part.items:
            yield from atoms(item)


def members(part: Part) -> Iterator[tuple[Part, str]]:
    """Every part of an and/or the author wrote, with that and/or's
    operator (links of a chained comparison are not members)."""
    if isinstance(part, Negation):
        yield from members(part.operand)
    elif isinstance(part, Logic):
        for item in part.items:
            if not part.chain:
                yield item, part.op
            yield from members(item)


def truth(root: Part, env: dict[str, Any]) -> dict[Part, bool]:
    """What every part evaluates to for ``env``. Raises what the compiled
    closures raise (EvaluationUndefined for a division by zero)."""
    found: dict[Part, bool] = {}

    def visit(part: Part) -> bool:
        if isinstance(part, Atom):
            value = bool(part.compiled.value(env))
        elif isinstance(part, Negation):
            value = not visit(part.operand)
        else:
            values = [visit(item) for item in part.items]
            value = all(values) if part.op == "and" else any(values)
        found[part] = value
        return value

    visit(root)
    return found


def deciding(root: Part, values: dict[Part, bool]) -> set[Part]:
    """The parts whose truth alone decides the root's: flipping one of them
    flips the whole condition. A part of an ``and`` decides when the others
    hold, of an ``or`` when the others fail, and only if the ``and``/``or``
    itself decides."""
    found: set[Part] = set()

    def visit(part: Part, decides: bool) -> None:
        if not decides:
            return
        found.add(part)
        if isinstance(part, Negation):
            visit(part.operand, True)
        elif isinstance(part, Logic):
            neutral = part.op == "and"  # what the other parts must be for this one to decide
            for item in part.items:
                visit(item, all(values[other] == neutral for other in part.items if other is not item))

    visit(root, True)
    return found
