"""A cell of a table (a CSV file or a workbook's sheet): what it holds and
where it stands."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zhibiao.errors import Location


@dataclass(frozen=True)
class Cell:
    """One cell: text from a CSV file; text, a number, a yes/no or a date
    from a workbook (None when blank)."""

    value: Any
    where: Location
    percent: bool = False  # a workbook's number shown as a percent: 0.85 shown as 85%


# Rows looked at for a table's header: a title or a note may stand above it.
HEADER_SEARCH = 5
# A column of an input: INDICATOR.field.
_CODE = re.compile(r"^\w+\.\w+$")


def names_columns(values: Iterable[Any]) -> bool:
    """Whether a row is a table's header: it names an entity column, the
    indicator, field and value of a long table, or an input (L1P1.e_license_rate)."""
    names = {str(v).strip().lower() for v in values if v is not None and str(v).strip()}
    return "entity" in names or {"indicator", "field", "value"} <= names or any(_CODE.match(n) for n in names)
