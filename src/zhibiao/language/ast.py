"""The condition language's syntax tree: frozen dataclasses with positions.

Positions are 1-based line/column inside the condition text; the loader adds
the offset of the condition inside its YAML file when it reports a problem.
Nodes compare and hash without their positions (and a number without its
spelling), so two trees are equal when they say the same thing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal


@dataclass(frozen=True)
class Node:
    """A node of the tree, where its text starts in the condition."""

    line: int = field(compare=False)
    column: int = field(compare=False)


@dataclass(frozen=True)
class Number(Node):
    """A number or a percent, with its unit when written with one."""

    value: Decimal  # percent literals hold the fraction: 80% -> 0.80
    text: str = field(compare=False)  # as written, for messages and rationales
    percent: bool = False
    unit: str | None = None


@dataclass(frozen=True)
class Name(Node):
    """An input or a measure, or the words yes/no (是/否)."""

    name: str


@dataclass(frozen=True)
class Call(Node):
    """A function applied to its arguments: ``min(a, b)``."""

    func: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class BinOp(Node):
    """Arithmetic on two quantities."""

    op: str  # + - * /
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg(Node):
    """A quantity with its sign turned: ``-a``."""

    operand: Node


@dataclass(frozen=True)
class Compare(Node):
    """A comparison, or a chain of them: ``60% <= a < 80%``."""

    operands: tuple[Node, ...]  # a op b op c: chained ranges
    ops: tuple[str, ...]  # normalised to >= <= == != > <


@dataclass(frozen=True)
class And(Node):
    """All of its items hold (and/且)."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or(Node):
    """At least one of its items holds (or/或)."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not(Node):
    """Its operand does not hold (not/非)."""

    operand: Node


def walk(node: Node) -> Iterator[Node]:
    """Yield every node below and including ``node``, parents first."""
    yield node
    for child in children(node):
        yield from walk(child)


def children(node: Node) -> tuple[Node, ...]:
    """The sub-trees of a node, in order: every field that holds nodes."""
    found: list[Node] = []
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, Node):
            found.append(value)
        elif isinstance(value, tuple):
            found.extend(v for v in value if isinstance(v, Node))
    return tuple(found)


_FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}
TRUE = ("true", "是")
FALSE = ("false", "否")


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
    match node:
        case Number():
            return ("num", node.value.normalize(), node.percent, node.unit)
        case Name(name=name) if name in TRUE + FALSE:
            return ("bool", name in TRUE)
        case Compare():
            node = orient(node)
        case And() | Or():
            return (type(node).__name__, tuple(sorted((canonical(i) for i in node.items), key=repr)))
    scalars = tuple(
        getattr(node, f.name) for f in dataclasses.fields(node)
        if f.compare and not isinstance(getattr(node, f.name), (Node, tuple))
    )
    ops = getattr(node, "ops", ())
    return (type(node).__name__, scalars, ops, tuple(canonical(c) for c in children(node)))
