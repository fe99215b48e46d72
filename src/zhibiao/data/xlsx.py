"""The rows of an Excel workbook (.xlsx) as cells, each named by its sheet
and cell (数据!C7).

The sheet read is the first whose header row (among its first rows: a
title may stand above it) names the columns of a data table, else the first
sheet: an instructions sheet before or after the data is passed over. Formulas give
the values Excel last calculated. The workbook is read a row at a time
(openpyxl's read-only mode), so a sheet of thousands of cities is never
held whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhibiao.data.cells import HEADER_SEARCH, Cell, names_columns
from zhibiao.errors import DataError, Location

# An .xlsx file is a zip archive; these are the first bytes of one.
ZIP_MAGIC = b"PK\x03\x04"


def workbook_rows(source: Path | bytes, file: str) -> Iterator[list[Cell]]:
    """Each row of the workbook's data sheet, from its first row on."""
    import openpyxl  # only when a workbook is read: it takes a while to import

    # A damaged workbook fails deep inside openpyxl, zipfile or the XML
    # parser with errors of every kind; each means the same to the reader.
    try:
        book = openpyxl.load_workbook(io.BytesIO(source) if isinstance(source, bytes) else source,
                                      read_only=True, data_only=True)
    except Exception as e:
        raise DataError.of("not_workbook", Location(file)) from e
    try:
        sheet = _data_sheet(book)
        if sheet is None:
            raise DataError.of("empty_file", Location(file))
        sheet.reset_dimensions()  # the size a workbook states may be wrong; read every row it holds
        for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1):
            yield [Cell(cell.value, Location(file, number, column, sheet.title), _percent(cell))
                   for column, cell in enumerate(row, start=1)]
    except DataError:
        raise
    except Exception as e:
        raise DataError.of("not_workbook", Location(file)) from e
    finally:
        book.close()


def _data_sheet(book: Any) -> Any:
    sheets = book.worksheets
    for sheet in sheets:
        for row in sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH, values_only=True):
            if names_columns(row):
                return sheet
    return sheets[0] if sheets else None


def _percent(cell: Any) -> bool:
    fmt = getattr(cell, "number_format", None)
    return isinstance(fmt, str) and "%" in fmt
