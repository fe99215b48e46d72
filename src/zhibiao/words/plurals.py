"""Plural rules as catalogue headers write them (``Plural-Forms: ... plural=n != 1``),
each read as a function of the number, without evaluating the header's text."""

from __future__ import annotations

from collections.abc import Callable

PLURAL_RULES: dict[str, Callable[[int], int]] = {
    "0": lambda n: 0,
    "n != 1": lambda n: int(n != 1),
    "n > 1": lambda n: int(n > 1),
}
