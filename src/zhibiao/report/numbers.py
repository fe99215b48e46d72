"""Numbers as reports write them: one place for how a score is shown in
words and how it is written in JSON."""

from __future__ import annotations

from decimal import Decimal

from zhibiao.language.types import format_decimal


def num(value: Decimal | int | float | str) -> str:
    """A score or value as a report shows it: up to four decimals, no trailing zeros."""
    return format_decimal(Decimal(value), 4)


def json_number(d: Decimal | None) -> int | float | None:
    """A number for JSON: whole numbers as integers (100, not 100.0)."""
    if d is None:
        return None
    if type(d) is not Decimal:
        return _json_number(d)
    # Weights and scores come back in every city: each is worked out once,
    # found again by the number as written.
    key = str(d)
    found = _WRITTEN.get(key)
    if found is None:
        if len(_WRITTEN) >= 8192:
            _WRITTEN.clear()
        found = _WRITTEN[key] = _json_number(d)
    return found


_WRITTEN: dict[str, int | float] = {}


def _json_number(d: Decimal | int | float) -> int | float:
    d = Decimal(d)
    if d == d.to_integral_value():
        return int(d)
    return float(format_decimal(d, 10))
