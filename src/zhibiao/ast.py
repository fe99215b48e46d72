"""The condition language's syntax tree: frozen dataclasses with positions.

Positions are 1-based line/column inside the condition text; the loader adds
the offset of the condition inside its YAML file when it reports a problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Node:
    line: int
    column: int


@dataclass(frozen=True)
class Number(Node):
    value: Decimal  # percent literals hold the fraction: 80% -> 0.80
    text: str  # as written, for messages and rationales
    percent: bool = False
    unit: str | None = None


@dataclass(frozen=True)
class Name(Node):
    name: str


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class BinOp(Node):
    op: str  # + - * /
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg(Node):
    operand: Node


@dataclass(frozen=True)
class Compare(Node):
    operands: tuple[Node, ...]  # a op b op c: chained ranges
    ops: tuple[str, ...]  # normalised to >= <= == != > <


@dataclass(frozen=True)
class And(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not(Node):
    operand: Node


def walk(node: Node):
    """Yield every node below and including ``node``, parents first."""
    yield node
    for child in children(node):
        yield from walk(child)


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Call):
        return node.args
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, (Neg, Not)):
        return (node.operand,)
    if isinstance(node, Compare):
        return node.operands
    if isinstance(node, (And, Or)):
        return node.items
    return ()


def canonical(node: Node):
    """A node as nested tuples without positions or spelling: two conditions
    that differ only in layout, keyword language (and/且), operator glyph
    (>=/≥) or literal spelling (80%/80.0%/80％) have equal canonical forms."""
    if isinstance(node, Number):
        return ("num", node.value.normalize(), node.percent, node.unit)
    if isinstance(node, Name):
        return ("name", node.name)
    if isinstance(node, Compare):
        return ("cmp", tuple(canonical(o) for o in node.operands), node.ops)
    return (type(node).__name__, *(canonical(c) for c in children(node)), getattr(node, "op", None), getattr(node, "func", None))
