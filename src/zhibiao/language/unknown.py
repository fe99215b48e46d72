"""The value of something the data does not give: Kleene's third truth value.

With inputs missing, a condition is true whatever they are, false whatever
they are, or undecided. Undecided is ``UNKNOWN``: every quantity built on a
missing input is unknown, a comparison with an unknown side is undecided,
``false and ?`` is false and ``true or ?`` is true (Kleene's strong logic).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final


class Unknown:
    """The one unknown value. It is falsy, so that "holds" in an explanation
    reads undecided as not (yet) holding; deciding code compares with ``is``."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        # Pickled and unpickled, it is still the one sentinel.
        return "UNKNOWN"


UNKNOWN: Final = Unknown()


def kleene_and(values: Iterable[Any]) -> Any:
    undecided = False
    for v in values:
        if v is UNKNOWN:
            undecided = True
        elif not v:
            return False
    return UNKNOWN if undecided else True


def kleene_or(values: Iterable[Any]) -> Any:
    undecided = False
    for v in values:
        if v is UNKNOWN:
            undecided = True
        elif v:
            return True
    return UNKNOWN if undecided else False


def kleene_not(value: Any) -> Any:
    return UNKNOWN if value is UNKNOWN else not value


def known(*values: Any) -> bool:
    return UNKNOWN not in values
