"""The rows of a CSV file as cells, each with its line and column.

The separator is the one the header row uses: a comma, or the semicolon or
tab some spreadsheets write instead. A cell's place is its line in the file
(where its row starts: a quoted cell may hold line breaks) and its column
counted in cells, as a spreadsheet shows it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from zhibiao.data.cells import Cell
from zhibiao.errors import DataError, Location

SEPARATORS = (",", ";", "\t")


def separator(text: str) -> str:
    """The separator of the first line: the commonest of , ; and tab (a comma when none)."""
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def csv_rows(text: str, file: str) -> Iterator[list[Cell]]:
    # strict: a quote never closed is an error, not a cell running to the end of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text), strict=True)
    line = 1
    try:
        for row in reader:
            yield [Cell(value, Location(file, line, column)) for column, value in enumerate(row, start=1)]
            line = reader.line_num + 1
    except csv.Error:
        raise DataError.of("table_csv_broken", Location(file, line)) from None
