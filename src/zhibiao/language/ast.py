"""The condition language's syntax tree: frozen dataclasses with positions.

Positions are 1-based line/column inside the condition text; the loader adds
the offset of the condition inside its YAML file when it reports a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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



_FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}
_TRUE = ("true", "是")
_FALSE = ("false", "否")


def orient(node: Node) -> Node:
    """A two-sided comparison with the literal written first turned round:
    ``80% <= a`` reads as ``a >= 80%``."""
    if (isinstance(node, Compare) and len(node.operands) == 2
            and isinstance(node.operands[0], Number) and not isinstance(node.operands[1], Number)):
        return replace(node, operands=node.operands[::-1], ops=(_FLIP[node.ops[0]],))
    return node


def canonical(node: Node) -> tuple:
    """A hashable form of a tree that ignores positions and spelling.

    Two conditions that differ only in layout, keyword language (and/且),
    operator glyph (>=/≥), literal spelling (80%/80.0%/80％), the side a
    literal is written on, or the order of and/or items are equal here.
    """
    if isinstance(node, Number):
        return ("num", node.value.normalize(), node.percent, node.unit)
    if isinstance(node, Name):
        if node.name in _TRUE or node.name in _FALSE:
            return ("bool", node.name in _TRUE)
        return ("name", node.name)
    if isinstance(node, Call):
        return ("call", node.func, tuple(canonical(a) for a in node.args))
    if isinstance(node, BinOp):
        return ("binop", node.op, canonical(node.left), canonical(node.right))
    if isinstance(node, Neg):
        return ("neg", canonical(node.operand))
    if isinstance(node, Not):
        return ("not", canonical(node.operand))
    if isinstance(node, Compare):
        node = orient(node)
        return ("compare", node.ops, tuple(canonical(o) for o in node.operands))
    if isinstance(node, (And, Or)):
        kind = "and" if isinstance(node, And) else "or"
        return (kind, tuple(sorted((canonical(i) for i in node.items), key=repr)))
    raise TypeError(type(node).__name__)  # pragma: no cover - every node kind is listed
