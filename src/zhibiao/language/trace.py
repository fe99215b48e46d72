"""Explanation trees: what a condition saw when it was evaluated for a city.

The compiler builds, next to each value closure, an explain closure that
returns one of these. Templates render them into rationales; they hold
values, never text in a given language, so one tree serves zh and en. A
value the data does not give is ``UNKNOWN``, and so is every test on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from zhibiao.language.types import VType
from zhibiao.language.unknown import Unknown
from zhibiao.words import Bilingual


# Plain slotted classes, not frozen ones: a city's rationales build hundreds
# of nodes, and a frozen dataclass takes four times as long to build. Nothing
# changes a node once built.
@dataclass(slots=True)
class Ex:
    """A node of an explanation; ``kind`` says which, for the templates."""

    kind: ClassVar[str] = ""


@dataclass(slots=True)
class ExValue(Ex):
    """A name (input or measure) or a literal, with its value."""

    name: str | None  # None for a literal
    text: str | None  # the literal as written
    label: Bilingual | None
    value: Any
    vtype: VType
    kind: ClassVar[str] = "value"


@dataclass(slots=True)
class ExArith(Ex):
    """Arithmetic on two quantities, with its result."""

    op: str
    left: Ex
    right: Ex
    value: Any
    vtype: VType
    kind: ClassVar[str] = "arith"


@dataclass(slots=True)
class ExNeg(Ex):
    """A quantity with its sign turned, with its result."""

    operand: Ex
    value: Any
    vtype: VType
    kind: ClassVar[str] = "neg"


@dataclass(slots=True)
class ExCall(Ex):
    """A function applied to its arguments, with its result."""

    func: str
    args: tuple[Ex, ...]
    value: Any
    vtype: VType
    kind: ClassVar[str] = "call"


@dataclass(slots=True)
class ExCompare(Ex):
    """A comparison of two sides, whether it holds and by how much it misses."""

    left: Ex
    op: str
    right: Ex
    ok: bool | Unknown  # Unknown when a side is missing from the data
    gap: Decimal | None  # how far the value is from passing, in its own unit
    gap_type: VType | None
    kind: ClassVar[str] = "compare"


@dataclass(slots=True)
class ExLogic(Ex):
    """Items joined by and/or, and whether they hold together."""

    op: str  # and / or
    items: tuple[Ex, ...]
    ok: bool | Unknown
    kind: ClassVar[str] = "logic"


@dataclass(slots=True)
class ExNot(Ex):
    """A negated test, and whether it holds."""

    operand: Ex
    ok: bool | Unknown
    kind: ClassVar[str] = "not"


@dataclass(slots=True)
class ExTier(Ex):
    """The condition of a tier (a star level), and whether the city meets it."""

    level: int
    operand: Ex
    ok: bool | Unknown
    kind: ClassVar[str] = "tier"


def outcome(ex: Ex) -> Any:
    """What a node evaluated to: the value of a quantity, the truth of a test
    (a bare yes/no fact is a value)."""
    value = getattr(ex, "value", _NO_VALUE)
    return getattr(ex, "ok", None) if value is _NO_VALUE else value


_NO_VALUE = object()
