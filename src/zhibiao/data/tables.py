"""Tables of cities' data, as spreadsheets hold them: their rows of cells
made into one data document per city.

A table is a CSV file or a sheet of a workbook; its first row names the
columns. Three layouts are read:

- wide, one row per city: ``entity``, ``period`` (and ``standard``), then a
  column per input named ``INDICATOR.field``; a second row giving each
  column's label (as ``zhibiao template`` writes it) is skipped;
- long, one row per value, of many cities: ``entity``, ``period``,
  ``indicator``, ``field``, ``value``;
- long, of one city: ``indicator``, ``field``, ``value``, with rows for
  ``entity``, ``period`` and ``standard`` (the sheet ``template --format
  csv`` writes).

Columns may stand in any order; a long table's other columns (label, unit,
…) are notes and skipped. Each city becomes a ``Located`` document with
the place of each cell, so that ``reading.city_from_document`` checks every
value the way it checks a YAML file's, and says where a bad one stands. A
row that cannot be read is reported in place of its city, and the rows
after it are still read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from zhibiao.data.cells import HEADER_SEARCH, Cell, names_columns
from zhibiao.data.csv_table import csv_rows
from zhibiao.data.encoding import table_text
from zhibiao.data.filekinds import TABLE_MAX_BYTES
from zhibiao.data.sheet import column_label, entity_labels, period_labels
from zhibiao.data.unknown import unknown_indicator
from zhibiao.data.xlsx import workbook_rows
from zhibiao.errors import DataError, Location, Problem, column_letters
from zhibiao.language.types import format_decimal
from zhibiao.ruleset.model import Edition, InputSpec
from zhibiao.suggest import did_you_mean
from zhibiao.words.visible import Echo, echo_name
from zhibiao.yamlpos import Located

TOP_COLUMNS = ("entity", "period", "standard")
LONG_COLUMNS = ("indicator", "field", "value")


@dataclass
class TableCity:
    """One city's data document, and the row it was read from when the
    table holds a row per city (None for a table of one city)."""

    doc: Located
    row: Location | None = None


Rows = Iterable[list[Cell]]


def file_rows(path: Path) -> Rows:
    """The rows of a table file (.csv or .xlsx), refused when missing or too large."""
    where = Location(str(path))
    if not path.exists():
        raise DataError.of("file_missing", where, path=str(path))
    size = path.stat().st_size
    if size > TABLE_MAX_BYTES:
        raise DataError.of("too_big", where, size=size, limit=TABLE_MAX_BYTES)
    if path.suffix.lower() == ".xlsx":
        return workbook_rows(path, str(path))
    return csv_rows(table_text(path.read_bytes(), where), str(path))


def table_documents(rows: Rows, file: str, edition: Edition) -> Iterator[TableCity | DataError]:
    """Each city of a table in order, or the error of a row (or of the
    whole table, when its header cannot be read) in its place."""
    lines = iter(rows)
    header = _header(lines)
    if header is None:
        yield DataError.of("empty_file", Location(file))
        return
    names = [_text(c.value).lower() for c in header]
    if set(LONG_COLUMNS) <= set(names):
        if "entity" in names:
            yield from _long_cities(header, names, lines, file)
        else:
            yield from _one_city(header, names, lines, file)
    elif names_columns(c.value for c in header):
        yield from _wide_cities(header, lines, file, edition)
    else:
        got = ",".join(_text(c.value) for c in header)
        yield DataError.of("data_csv_header", header[0].where, got=Echo(got, len(got)))


def _header(lines: Iterator[list[Cell]]) -> list[Cell] | None:
    """The header row: the first that names columns among the first rows
    filled (a title or a note above it is passed over), else the first row
    filled, to be reported as no header; None for a table with no row."""
    first = None
    for seen, row in enumerate((row for row in lines if any(not _blank(c.value) for c in row)), start=1):
        if names_columns(c.value for c in row):
            return row
        first = first or row
        if seen == HEADER_SEARCH:
            break
    return first


# -- cells ---------------------------------------------------------------------
def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    """A cell as the words of a name: a whole number without its point (a
    year typed as 2020 may be stored as 2020.0), a date as a date."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value).strip()


def cell_value(cell: Cell) -> Any:
    """A cell as a data value for ``types.coerce``: text as written, numbers
    and yes/no as typed; a number the sheet shows as a percent is the
    percent it shows (0.85 formatted 0% means 85 %, not 0.85 %)."""
    value = cell.value
    if isinstance(value, str):
        return value.strip()
    if cell.percent and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_decimal(Decimal(repr(value)).scaleb(2), 12) + "%"
    if isinstance(value, (date, datetime)):
        return _text(value)
    return value


def _padded(row: list[Cell], width: int, file: str) -> list[Cell]:
    if len(row) >= width:
        return row
    last = row[-1].where if row else Location(file)
    return row + [Cell(None, _shifted(last, n)) for n in range(1, width - len(row) + 1)]


def _shifted(where: Location, columns: int) -> Location:
    return Location(where.file, where.line, (where.column or 0) + columns, where.sheet)


def _column_name(where: Location) -> str:
    """A column as the reader's program names it: C in a workbook, 3 in a CSV file."""
    column = where.column or 0
    return column_letters(column) if where.sheet is not None else str(column)


def _row_start(row: list[Cell]) -> Location:
    first = row[0].where
    return Location(first.file, first.line, 1, first.sheet)


# -- wide: a row per city ------------------------------------------------------
@dataclass(frozen=True)
class _Column:
    index: int
    top: str | None = None  # entity, period or standard
    indicator: str | None = None
    fname: str | None = None
    spec: InputSpec | None = None
    where: Location = field(default_factory=Location)


def _wide_columns(header: list[Cell], edition: Edition) -> tuple[list[_Column], list[Problem]]:
    """The columns of a wide table, or the problems of its header: a column
    no input has (with the nearest name), one given twice, no entity."""
    codes = [f"{ind.id}.{name}" for ind in edition.indicators.values() for name in ind.inputs]
    columns: list[_Column] = []
    problems: list[Problem] = []
    seen: dict[str, Location] = {}
    for index, cell in enumerate(header):
        name = _text(cell.value)
        if not name:
            continue
        key = name.lower() if name.lower() in TOP_COLUMNS else name
        if key in seen:
            problems.append(Problem("table_duplicate_column", {"column": echo_name(name), "first": _column_name(seen[key])}, cell.where))
            continue
        seen[key] = cell.where
        if key in TOP_COLUMNS:
            columns.append(_Column(index, top=key, where=cell.where))
            continue
        iid, dot, fname = name.partition(".")
        if not dot:
            problems.append(Problem("table_unknown_column", {"column": echo_name(name), "hint": did_you_mean(name, [*TOP_COLUMNS, *codes])}, cell.where))
            continue
        indicator = edition.indicators.get(iid)
        if indicator is None:
            problems.append(unknown_indicator(iid, edition, cell.where))
            continue
        spec = indicator.inputs.get(fname)
        if spec is None:
            problems.append(Problem("data_unknown_field", {"id": iid, "field": echo_name(fname), "hint": did_you_mean(fname, indicator.inputs)}, cell.where))
            continue
        columns.append(_Column(index, indicator=iid, fname=fname, spec=spec, where=cell.where))
    if "entity" not in seen and not problems:  # else a column meant as entity is among them
        problems.append(Problem("table_no_entity", {}, header[0].where))
    return columns, problems


def _is_labels_row(row: list[Cell], columns: list[_Column]) -> bool:
    """Whether a row gives each column's label (the second header row of a
    template) rather than a city: every cell it fills is its column's label,
    in either language, with or without the unit after it."""
    filled = [(c, row[c.index].value) for c in columns
              if c.top != "standard" and c.index < len(row) and not _blank(row[c.index].value)]
    if not filled:
        return False
    for column, value in filled:
        text = _text(value).casefold()
        if column.spec is not None:
            spec = column.spec
            labels = {spec.label, spec.label_en or spec.label, column_label(spec, "zh"), column_label(spec, "en")}
            if not any(text.startswith(label.casefold()) for label in labels):
                return False
        elif column.top == "entity" and text not in {label.casefold() for label in entity_labels()}:
            return False
        elif column.top == "period" and text not in {label.casefold() for label in period_labels()}:
            return False
    return True


def _wide_cities(header: list[Cell], lines: Iterator[list[Cell]], file: str, edition: Edition) -> Iterator[TableCity | DataError]:
    columns, problems = _wide_columns(header, edition)
    if problems:
        yield DataError(problems)
        return
    named = {c.index for c in columns}
    first = True
    last = header
    cities = 0
    for row in lines:
        if not any(not _blank(c.value) for c in row):
            continue
        last = row
        if first:
            first = False
            if _is_labels_row(row, columns):
                continue
        cities += 1
        row = _padded(row, len(header), file)
        problems = [Problem("table_cell_without_column", {"value": echo_name(_text(c.value))}, c.where)
                    for i, c in enumerate(row) if i not in named and not _blank(c.value)]
        doc = Located({"values": {}}, file)
        doc.keys[("values",)] = _row_start(row)
        for column in columns:
            cell = row[column.index]
            if column.top is not None:
                if not _blank(cell.value):
                    doc.value[column.top] = _text(cell.value)
                doc.values[(column.top,)] = cell.where
                continue
            if _blank(cell.value):
                continue  # not supplied
            path = ("values", column.indicator, column.fname)
            doc.value["values"].setdefault(column.indicator, {})[column.fname] = cell_value(cell)
            doc.keys[path[:2]] = column.where
            doc.keys[path] = column.where
            doc.values[path] = cell.where
        if "entity" not in doc.value:
            problems.append(Problem("table_row_no_entity", {}, doc.values[("entity",)]))
        if problems:
            yield DataError(problems)
            continue
        yield TableCity(doc, _row_start(row))
    if not cities:
        yield _no_cities(last)


# -- long: a row per value -----------------------------------------------------
class _LongCity:
    """A city's document as its rows of a long table are read."""

    def __init__(self, file: str):
        self.doc = Located({"values": {}}, file)
        self.problems: list[Problem] = []
        self.row: Location | None = None

    def put(self, iid: str, fname: str, ci: Cell, cf: Cell, cv: Cell) -> None:
        fields = self.doc.value["values"].setdefault(iid, {})
        if fname in fields:
            first = self.doc.keys[("values", iid, fname)].line
            self.problems.append(Problem("duplicate_key", {"key": f"{iid}.{fname}", "first": first}, cf.where))
            return
        fields[fname] = cell_value(cv)
        self.doc.keys.setdefault(("values", iid), ci.where)
        self.doc.keys[("values", iid, fname)] = cf.where
        self.doc.values[("values", iid, fname)] = cv.where

    def result(self) -> TableCity | DataError:
        if self.problems:
            return DataError(self.problems)
        return TableCity(self.doc, self.row)


def _one_city(header: list[Cell], names: list[str], lines: Iterator[list[Cell]], file: str) -> Iterator[TableCity | DataError]:
    ci, cf, cv = (names.index(n) for n in LONG_COLUMNS)
    city = _LongCity(file)
    for row in lines:
        if not any(not _blank(c.value) for c in row):
            continue
        row = _padded(row, len(header), file)
        iid, fname, value = _text(row[ci].value), _text(row[cf].value), row[cv]
        if _blank(value.value):
            continue  # a blank cell of a data sheet: not supplied
        if iid in TOP_COLUMNS and not fname:
            city.doc.value[iid] = _text(value.value)
            city.doc.values[(iid,)] = value.where
            continue
        city.put(iid, fname, row[ci], row[cf], value)
    yield city.result()


def _long_cities(header: list[Cell], names: list[str], lines: Iterator[list[Cell]], file: str) -> Iterator[TableCity | DataError]:
    """Rows grouped by city (entity and period), each city where its first
    row stands; the rows of a city need not be next to each other."""
    ci, cf, cv = (names.index(n) for n in LONG_COLUMNS)
    tops = {name: names.index(name) for name in TOP_COLUMNS if name in names}
    cities: dict[tuple[str, str], _LongCity] = {}
    refused = 0
    for row in lines:
        if not any(not _blank(c.value) for c in row):
            continue
        row = _padded(row, len(header), file)
        entity = row[tops["entity"]]
        if _blank(row[cv].value):
            continue  # not supplied
        if _blank(entity.value):
            refused += 1
            yield DataError(Problem("table_row_no_entity", {}, entity.where))
            continue
        period = row[tops["period"]] if "period" in tops else None
        key = (_text(entity.value), "" if period is None else _text(period.value))
        city = cities.get(key)
        if city is None:
            city = cities[key] = _LongCity(file)
            city.row = _row_start(row)
            for name, index in tops.items():
                if not _blank(row[index].value):
                    city.doc.value[name] = _text(row[index].value)
                    city.doc.values[(name,)] = row[index].where
        city.put(_text(row[ci].value), _text(row[cf].value), row[ci], row[cf], row[cv])
    for city in cities.values():
        yield city.result()
    if not cities and not refused:
        yield _no_cities(header)


def _no_cities(last: list[Cell]) -> DataError:
    """A table with its header (and labels) but no city: a blank template."""
    start = _row_start(last)
    return DataError.of("table_no_cities", Location(start.file, (start.line or 0) + 1, 1, start.sheet))
