"""Text laid out in columns on a terminal, where a Chinese character takes
two columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(rows: Sequence[Sequence[str]], right: Sequence[bool], gap: int = 2) -> list[str]:
    """``rows`` as lines of aligned columns: a column whose ``right`` is true
    (numbers) is aligned on the right, the others on the left; no line ends
    in spaces."""
    widths = [max((width(row[i]) for row in rows), default=0) for i in range(len(right))]
    lines = []
    for row in rows:
        cells = []
        for cell, size, on_right in zip(row, widths, right):
            room = " " * (size - width(cell))
            cells.append(room + cell if on_right else cell + room)
        lines.append((" " * gap).join(cells).rstrip())
    return lines
