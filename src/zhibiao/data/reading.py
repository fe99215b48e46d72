"""Read a city's data file (YAML, JSON, or a table of one city) against an edition.

Every value is checked against its input's type and range here, so that
evaluation only ever sees clean values. All problems of a file are collected
and reported together; nothing unknown is silently dropped.
"""

from __future__ import annotations

import hashlib
import json as json_module
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

from zhibiao.data.filekinds import TABLE_SUFFIXES
from zhibiao.data.unknown import unknown_indicator
from zhibiao.errors import DataError, Location, Problem
from zhibiao.language.types import BadValue, coerce
from zhibiao.ruleset.model import Edition, InputSpec
from zhibiao.suggest import did_you_mean
from zhibiao.words import N_, Msg, Plural
from zhibiao.words.visible import echo, echo_name, echo_repr
from zhibiao.yamlpos import MAX_BYTES, Located, YamlProblem, load, quick_load

TOP_KEYS = ("entity", "period", "values", "standard")
TOP = Msg(N_("the top level"))
# A value written with where it comes from: {value: 86%, source: 政务办2020年报, evidence: https://…}
CITED_KEYS = ("value", "source", "evidence")


@dataclass(frozen=True)
class Cited:
    """Where a data value comes from, as the data file says."""

    source: str | None = None
    evidence: str | None = None


@dataclass
class CityData:
    entity: str
    period: str | None
    values: dict[str, dict[str, Any]]  # indicator -> field -> runtime value
    file: str
    warnings: list[Problem] = field(default_factory=list)
    standard: str | None = None
    # indicator -> field -> the source and evidence a value was given with
    cited: dict[str, dict[str, Cited]] = field(default_factory=dict)
    # sha256 of the file's bytes, so that a verdict can be traced to the data it read
    digest: str | None = None
    # The row of a table holding a row per city it was read from (None for a
    # data file of one city).
    row: Location | None = None


def read_data_text(path: Path) -> str:
    return _read_data(path)[0]


def _read_data(path: Path) -> tuple[str, bytes]:
    """A data file's text, and its bytes (for its fingerprint)."""
    where = Location(str(path))
    if not path.exists():
        raise DataError.of("file_missing", where, path=str(path))
    if path.is_dir():
        raise DataError.of("file_is_folder", where, path=str(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DataError.of("too_big", where, size=size, limit=MAX_BYTES)
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise DataError.of("not_text", where)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError.of("not_text", where) from None
    if not text.strip():
        raise DataError.of("empty_file", where)
    return text, raw


def load_city(path: str | Path, edition: Edition) -> CityData:
    """The city of a data file of one city: YAML, JSON, or a table (CSV or
    workbook) of one city."""
    path = Path(path)
    if path.is_dir():
        raise DataError.of("file_is_folder", Location(str(path)), path=str(path))
    if path.suffix.lower() in TABLE_SUFFIXES:
        table = _table_city(path, edition)
        table.digest = file_digest(path)
        return table
    text, raw = _read_data(path)
    city = _quick_city(text, str(path), edition)
    if city is None:
        city = city_from_document(document_of_text(text, str(path), json=path.suffix.lower() == ".json"), edition)
    city.digest = hashlib.sha256(raw).hexdigest()
    return city


def _quick_city(text: str, file: str, edition: Edition) -> CityData | None:
    """The city of a plain, clean data file, read without the positions of
    its values, which only a problem needs (most files of a long batch have
    none): None whenever the file needs more (YAML it cannot take as it is,
    a problem, a warning), and the file is then read with every position."""
    value = quick_load(text)
    if value is None:
        return None
    try:
        city = city_from_document(Located(value, file), edition)
    except DataError:
        return None
    return None if city.warnings else city


def file_digest(path: Path) -> str:
    """sha256 of a data file's bytes, so that a verdict can be traced to the data it read."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def document_of_text(text: str, file: str, json: bool = False) -> Located:
    """A YAML or JSON data file's document; ``json``: read as JSON what YAML refuses."""
    try:
        return load(text, file)
    except YamlProblem as e:
        if not json:
            raise DataError(e.problem) from None
        # Valid JSON that YAML 1.1 refuses (tab indentation): read it as
        # JSON, still refusing duplicate keys; positions are then unknown.
        return _json_document(text, file, e.problem)


def _table_city(path: Path, edition: Edition) -> CityData:
    from zhibiao.data.tables import file_rows, table_documents  # the table readers: loaded for a table only

    found = list(islice(table_documents(file_rows(path), str(path), edition), 2))
    if len(found) > 1:
        raise DataError.of("table_many_cities", Location(str(path)))
    first = found[0]
    if isinstance(first, DataError):
        raise first
    return city_from_document(first.doc, edition)


def _json_document(text: str, file: str, yaml_problem: Problem) -> Located:
    def pairs(items):
        result = {}
        for key, value in items:
            if key in result:
                raise DataError(Problem("duplicate_key", {"key": echo_name(key), "first": "?"}, Location(file)))
            result[key] = value
        return result

    try:
        value = json_module.loads(text, object_pairs_hook=pairs, parse_float=Decimal)
    except (json_module.JSONDecodeError, RecursionError):
        raise DataError(yaml_problem) from None
    return Located(value, file)


def city_from_document(doc: Located, edition: Edition) -> CityData:
    file = doc.file
    top = doc.value
    if top is None:
        raise DataError.of("empty_file", Location(file))
    if not isinstance(top, dict):
        raise DataError.of("not_mapping", Location(file, 1, 1), what=Msg(N_("a data file")), got=type(top).__name__)
    problems: list[Problem] = list(doc.problems)
    for key in top:
        if key not in TOP_KEYS:
            problems.append(Problem("unknown_key", {"key": echo_name(key), "where": TOP, "hint": did_you_mean(key, TOP_KEYS)}, doc.key_at((key,))))
    raw_values = top.get("values")
    if raw_values is None:
        problems.append(Problem("missing_key", {"key": "values", "where": TOP}, Location(file, 1, 1)))
        raw_values = {}
    elif not isinstance(raw_values, dict):
        problems.append(Problem("wrong_type", {"key": "values", "expected": Msg(N_("a mapping (indicator: fields)")), "got": echo_repr(raw_values)}, doc.at(("values",))))
        raw_values = {}
    values: dict[str, dict[str, Any]] = {}
    cited: dict[str, dict[str, Cited]] = {}
    fraction_like: list[str] = []
    for iid, fields in raw_values.items():
        indicator = edition.indicators.get(str(iid))
        if indicator is None:
            problems.append(unknown_indicator(iid, edition, doc.key_at(("values", iid))))
            continue
        if fields is None:
            continue
        if not isinstance(fields, dict):
            problems.append(Problem("wrong_type", {"key": f"values.{iid}", "expected": Msg(N_("a mapping (field: value)")), "got": echo_repr(fields)}, doc.at(("values", iid))))
            continue
        clean: dict[str, Any] = {}
        for fname, raw in fields.items():
            spec = indicator.inputs.get(str(fname))
            if spec is None:
                problems.append(Problem("data_unknown_field", {"id": iid, "field": echo_name(fname), "hint": did_you_mean(fname, indicator.inputs)}, doc.key_at(("values", iid, fname))))
                continue
            at: tuple[Any, ...] = ("values", iid, fname)
            if isinstance(raw, dict):
                raw, source = _cited(raw, str(iid), str(fname), doc, problems)
                if source is not None:
                    cited.setdefault(indicator.id, {})[spec.name] = source
                at = ("values", iid, fname, "value")
            if raw is None:
                continue  # written but left blank: not supplied
            try:
                value = coerce(spec.vtype, raw)
            except BadValue as e:
                problems.append(Problem("data_bad_value", {"id": iid, "field": fname, "label": spec.labels(), "got": e.got, "expected": e.expected}, doc.at(at)))
                continue
            problem = _range_problem(iid, spec, value, raw, doc, at)
            if problem:
                problems.append(problem)
                continue
            if spec.vtype.kind == "percent" and _plain_number(raw) and 0 < value * 100 < 1:
                fraction_like.append(f"{iid}.{fname}={raw}")
            clean[spec.name] = value
        if clean:
            values[indicator.id] = clean
    if problems:
        raise DataError(problems)
    entity = top.get("entity")
    city = CityData(
        entity=str(entity) if entity is not None else Path(file).stem,
        period=None if top.get("period") is None else str(top.get("period")),
        values=values,
        file=file,
        standard=top.get("standard"),
        cited={iid: fields for iid, fields in cited.items() if iid in values},
    )
    if not values:
        # Every field blank (a sheet never filled in) or no indicator at all:
        # the city would score 0 under its file's name without a word.
        city.warnings.append(Problem("data_no_values", {}, doc.keys.get(("values",)) or Location(file), "warning"))
    if city.standard is not None and str(city.standard) not in (edition.id, edition.code):
        city.warnings.append(Problem("data_standard_mismatch", {"given": city.standard, "used": edition.code}, doc.at(("standard",)), "warning"))
    if fraction_like:
        city.warnings.append(Problem("data_fraction_like", {"fields": Plural("%(num)s percent field holds a plain number below 1", "%(num)s percent fields hold plain numbers below 1", len(fraction_like)), "example": ", ".join(fraction_like[:3])}, Location(file), "warning"))
    return city


def _cited(raw: dict, iid: str, fname: str, doc: Located, problems: list[Problem]) -> tuple[Any, Cited | None]:
    """The value of ``{value, source, evidence}``, and where it comes from."""
    for key in raw:
        if key not in CITED_KEYS:
            problems.append(Problem("unknown_key", {"key": echo_name(key), "where": f"values.{iid}.{fname}",
                                                    "hint": did_you_mean(key, CITED_KEYS)}, doc.key_at(("values", iid, fname, key))))
    words: dict[str, str | None] = {}
    for key in ("source", "evidence"):
        given = raw.get(key)
        if isinstance(given, (bool, dict, list)):
            problems.append(Problem("wrong_type", {"key": f"values.{iid}.{fname}.{key}", "expected": Msg(N_("a text")),
                                                   "got": echo_repr(given)}, doc.at(("values", iid, fname, key))))
            given = None
        words[key] = None if given is None or str(given).strip() == "" else str(given).strip()
    source = Cited(words["source"], words["evidence"]) if words["source"] or words["evidence"] else None
    return raw.get("value"), source


def _plain_number(raw: Any) -> bool:
    if isinstance(raw, bool):
        return False
    if isinstance(raw, (int, float)):
        return True
    return isinstance(raw, str) and "%" not in raw and "％" not in raw


# The least value of a kind whose input gives none.
_LEAST = {"count": Decimal(0), "rank": Decimal(1)}


def _range_problem(iid: str, spec: InputSpec, value: Any, raw: Any, doc: Located, at: tuple[Any, ...]) -> Problem | None:
    if not isinstance(value, Decimal):
        return None
    kind = spec.vtype.kind
    lo, hi = spec.minimum, spec.maximum
    if lo is None:
        lo = _LEAST.get(kind)
        if lo is None and hi is None:
            return None
    shown = value * 100 if kind == "percent" else value
    bad = (lo is not None and (shown < lo or (spec.exclusive_min and shown == lo))) or (hi is not None and shown > hi)
    if not bad:
        return None
    # Written as the data sheet writes it, so that a person finds the same range in both.
    from zhibiao.data.sheet import range_text  # a problem's words: not loaded for clean data

    allowed = range_text(spec, "%" if spec.kind == "percent" else "")
    return Problem("data_out_of_range", {"id": iid, "field": spec.name, "label": spec.labels(), "got": echo(raw), "range": allowed}, doc.at(at))
