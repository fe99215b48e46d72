"""A cell of a table (a CSV file or a workbook's sheet): what it holds and
where it stands."""

from __future__ import annotations

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
