"""The cities named on a command line, one at a time.

A command is given data sources, in any mix: data files of one city (YAML,
JSON, a long CSV sheet), tables of many (CSV or Excel workbook, a row per
city or a row per value), folders (every data file inside, in name order)
and ``-`` for standard input (its form told from its content).
``read_cities`` turns them into cities lazily, so that a long batch is
never held in memory at once; a source, or a row of a table, that cannot
be read yields its error in its place and the others go on.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from zhibiao.data.filekinds import DATA_SUFFIXES, TABLE_MAX_BYTES, TABLE_SUFFIXES
from zhibiao.data.reading import CityData, city_from_document, document_of_text, file_digest, load_city
from zhibiao.errors import DataError, Location, Problem

if TYPE_CHECKING:
    from zhibiao.data.tables import Rows, TableCity
    from zhibiao.ruleset.model import Edition

# The table readers (zhibiao.data.tables, cells, csv_table, encoding, xlsx)
# are imported where a table is read: a run given YAML files never loads them.

STDIN = "-"
STDIN_NAME = "<stdin>"


def read_cities(sources: Iterable[str], edition: Edition, stdin: BinaryIO | None = None) -> Iterator[CityData | DataError]:
    """Each city of each source in order, or the error that stopped it."""
    for source in sources:
        if source == STDIN:
            yield from _guarded(_stdin_cities(stdin or sys.stdin.buffer, edition))
        elif Path(source).is_dir():
            yield from _folder_cities(Path(source), edition)
        else:
            yield from _guarded(file_cities(Path(source), edition))


def single_city(sources: Sequence[str], own_files: Iterable[bool]) -> bool:
    """Whether the sources were one data file of one city (a report on it is
    then one object, not a list): not a folder, nor a table of a row per
    city, however many rows it turned out to have. ``own_files``: for each
    city read, whether it was a file of its own (``CityData.row`` is None)."""
    return len(sources) == 1 and not Path(sources[0]).is_dir() and all(own_files)


def on_its_row(problem: Problem, city: CityData) -> Problem:
    """A city's problem that names its file but no place in it, placed on
    the city's row when the file is a table of many cities: "cities.csv"
    alone would not tell which city it is about."""
    where = problem.where
    if city.row is None or (where is not None and where.line is not None):
        return problem
    return replace(problem, where=city.row)


def data_files(folder: Path) -> list[str]:
    """The names of the data files of a folder, in name order: not hidden
    files, nor the lock files (~$name.xlsx) Excel leaves beside an open
    workbook, nor subfolders. Names, not paths: a folder of a hundred
    thousand cities is listed in a few megabytes."""
    with os.scandir(folder) as entries:
        names = [entry.name for entry in entries
                 if os.path.splitext(entry.name)[1].lower() in DATA_SUFFIXES
                 and not entry.name.startswith((".", "~$")) and entry.is_file()]
    names.sort()
    return names


def _folder_cities(folder: Path, edition: Edition) -> Iterator[CityData | DataError]:
    names = data_files(folder)
    if not names:
        yield DataError.of("folder_no_data", Location(str(folder)), path=str(folder))
    for name in names:
        yield from _guarded(file_cities(folder / name, edition))


def _guarded(cities: Iterator[CityData | DataError]) -> Iterator[CityData | DataError]:
    """The cities of one source (a generator, which reads nothing until
    asked); an error that stops it, at once or in the middle (a workbook
    broken halfway), is yielded in place of the rest."""
    try:
        yield from cities
    except DataError as e:
        yield e


def file_cities(path: Path, edition: Edition) -> Iterator[CityData | DataError]:
    """The cities of one data file: one, or a table's rows."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DataError.of("old_workbook", Location(str(path)))
    if suffix not in TABLE_SUFFIXES:
        yield load_city(path, edition)
        return
    from zhibiao.data.tables import file_rows

    yield from _stamped(table_cities(file_rows(path), str(path), edition), file_digest(path))


def _stamped(cities: Iterator[CityData | DataError], digest: str) -> Iterator[CityData | DataError]:
    """The cities of one table, each carrying the fingerprint of the bytes
    they were read from (``zhibiao.evaluation.provenance``)."""
    for city in cities:
        if isinstance(city, CityData):
            city.digest = digest
        yield city


def table_cities(rows: Rows, file: str, edition: Edition) -> Iterator[CityData | DataError]:
    """Each city of a table, checked as a data file is, or a row's error."""
    from zhibiao.data.tables import table_documents

    for found in table_documents(rows, file, edition):
        if isinstance(found, DataError):
            yield found
            continue
        yield _city(found, edition)


def _city(found: TableCity, edition: Edition) -> CityData | DataError:
    try:
        city = city_from_document(found.doc, edition)
    except DataError as e:
        return e
    city.row = found.row
    return city


def _stdin_cities(stream: BinaryIO, edition: Edition) -> Iterator[CityData | DataError]:
    """Standard input, as whichever of a workbook, a table or a YAML or JSON
    data file it holds."""
    from zhibiao.data.csv_table import csv_rows
    from zhibiao.data.encoding import table_text
    from zhibiao.data.xlsx import ZIP_MAGIC, workbook_rows

    where = Location(STDIN_NAME)
    raw = stream.read(TABLE_MAX_BYTES + 1)
    if len(raw) > TABLE_MAX_BYTES:
        raise DataError.of("too_big", where, size=len(raw), limit=TABLE_MAX_BYTES)
    digest = hashlib.sha256(raw).hexdigest()
    if raw.startswith(ZIP_MAGIC):
        yield from _stamped(table_cities(workbook_rows(raw, STDIN_NAME), STDIN_NAME, edition), digest)
        return
    text = table_text(raw, where)
    if not text.strip():
        raise DataError.of("empty_file", where)
    if looks_like_csv(text):
        yield from _stamped(table_cities(csv_rows(text, STDIN_NAME), STDIN_NAME, edition), digest)
        return
    yield from _stamped(iter([city_from_document(document_of_text(text, STDIN_NAME, json=text.lstrip().startswith(("{", "["))),
                                                 edition)]), digest)


def looks_like_csv(text: str) -> bool:
    """Whether text is a table rather than YAML or JSON: one of its first
    lines is a table's header (``cells.names_columns``: entity, indicator,
    INDICATOR.field, separated by commas, semicolons or tabs). A YAML file
    begins with a key and a colon, a comment or a document marker, JSON with
    a brace."""
    from zhibiao.data.cells import HEADER_SEARCH, names_columns

    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEADER_SEARCH]
    if not lines or lines[0].startswith(("{", "[", "#", "---", "%")):
        return False
    for line in lines:
        cells = [c.strip().strip('"') for c in line.replace(";", ",").replace("\t", ",").split(",")]
        if len(cells) >= 2 and names_columns(cells):
            return True
    return False
