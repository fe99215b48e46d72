"""Numbers as reports write them: one place for how a score is shown in
words and how it is written in JSON."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from zhibiao.language.types import format_decimal


def num(value: Decimal | int | float | str) -> str:
    """A score or value as a report shows it: up to four decimals, no trailing zeros."""
    return format_decimal(Decimal(value), 4)


def json_number(d: Decimal | None) -> int | float | None:
    """A number for JSON: whole numbers as integers (100, not 100.0)."""
    if d is None:
        return None
    return _json_number(d)


# A batch writes the same few numbers again and again (weights, scores).
@lru_cache(maxsize=8192)
def _json_number(d: Decimal) -> int | float:
    d = Decimal(d)
    if d == d.to_integral_value():
        return int(d)
    return float(format_decimal(d, 10))
