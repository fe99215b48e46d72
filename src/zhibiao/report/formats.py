"""The output formats of each report, in one registry.

A command asks for ``render(report, format, lang, ...)`` and offers
``names(report)`` as its ``--format`` choices; adding a format to a report
is one entry here (and its renderer in ``zhibiao.report.outputs``), never a
branch in a command. The registry names renderers rather than importing
them: building the command line reads it, and must stay quick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from zhibiao.report.jsontext import dumps
from zhibiao.words import N_

__all__ = ["Format", "REPORTS", "by_extension", "dumps", "get", "names", "piece", "render", "render_text", "whole"]


@dataclass(frozen=True)
class Format:
    """One output format of a report: its name, file extension and renderer."""

    name: str
    extension: str
    description: str  # msgid: what a reader gets
    renderer: str  # the name of its function in zhibiao.report.outputs
    # Rendered one city at a time and written as each is evaluated, so that
    # a batch's output starts at once and its memory does not grow.
    streams: bool = False
    # A report made of a piece per city (``piece(result, lang, warnings)``)
    # put together by ``whole(pieces, single)``: the pieces can be made
    # where each city is evaluated, in a worker process.
    pieces: tuple[str, str] | None = None

    def render(self, **data: Any) -> str | bytes:
        return _renderer(self.renderer)(**data)


def _renderer(name: str) -> Callable[..., Any]:
    from zhibiao.report import outputs

    function: Callable[..., Any] = getattr(outputs, name)
    return function


def piece(result: Any, report: str, name: str, lang: str, warnings: bool) -> tuple[Any, bool]:
    """One city's piece of a report, and whether the city was a file of its
    own (not a row of a table), for ``whole``. A module-level function, so
    that a worker process can be given it."""
    pieces = REPORTS[report][name].pieces
    assert pieces is not None
    return _renderer(pieces[0])(result, lang, warnings), result.city.row is None


def whole(report: str, name: str, pieces: list[Any], single: bool) -> str:
    """A report put together from its cities' pieces."""
    parts = REPORTS[report][name].pieces
    assert parts is not None
    text: str = _renderer(parts[1])(pieces, single)
    return text


# Other spellings of an extension, for --format picked from -o FILE.
SYNONYMS = {"yml": "yaml", "htm": "html", "markdown": "md", "text": "txt"}

REPORTS: dict[str, dict[str, Format]] = {
    "evaluate": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), "results_text", pieces=("text_piece", "text_whole")),
        Format("json", "json", N_("one object (an array for several files)"), "results_json", pieces=("json_piece", "json_whole")),
        Format("jsonl", "jsonl", N_("one object per line"), "results_jsonl", streams=True, pieces=("jsonl_piece", "jsonl_whole")),
        Format("html", "html", N_("a page (everything from data and rules escaped)"), "results_html"),
    )},
    "diff": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), "diff_txt"),
        Format("markdown", "md", N_("a change log to circulate"), "diff_md"),
        Format("json", "json", N_("change objects"), "diff_as_json"),
    )},
    "check": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), "check_text"),
        Format("json", "json", N_("one object"), "check_json"),
    )},
    "test": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), "test_text"),
        Format("json", "json", N_("one object"), "test_json"),
        Format("markdown", "md", N_("a report to circulate"), "test_markdown"),
    )},
    "rank": {f.name: f for f in (
        Format("text", "txt", N_("readable tables"), "rank_txt"),
        Format("markdown", "md", N_("tables to circulate"), "rank_md"),
        Format("csv", "csv", N_("one row per city"), "rank_csv"),
        Format("xlsx", "xlsx", N_("a workbook: cities and indicators"), "rank_xlsx"),
        Format("json", "json", N_("one object"), "rank_as_json"),
    )},
    "template": {f.name: f for f in (
        Format("yaml", "yaml", N_("nested, with comments"), "yaml_sheet"),
        Format("csv", "csv", N_("long form indicator,field,value with note columns"), "csv_sheet"),
        Format("xlsx", "xlsx", N_("an Excel workbook, a row per city, with checked cells and instructions"), "xlsx_sheet"),
        Format("wide-csv", "csv", N_("a row per city: entity, period and a column per input, under a row of labels"),
               "wide_csv_sheet"),
    )},
    "report": {f.name: f for f in (
        Format("html", "html", N_("one page for every city, with charts, printable"), "document_html"),
        Format("markdown", "md", N_("a document a code-hosting site shows"), "document_md"),
    )},
    "plan": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), "plan_text"),
        Format("json", "json", N_("one object"), "plan_as_json"),
    )},
    "standards": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), "standards_text"),
        Format("json", "json", N_("one object"), "standards_json"),
    )},
}


def by_extension(report: str, output: str | None) -> str | None:
    """The format of ``report`` whose extension the output file has; the
    first when there is no file or it has no extension; None when its
    extension is none of the report's."""
    choices = REPORTS[report]
    suffix = PurePath(str(output)).suffix.lower().lstrip(".") if output not in (None, "-") else ""
    if not suffix:
        return next(iter(choices))
    suffix = SYNONYMS.get(suffix, suffix)
    return next((f.name for f in choices.values() if f.extension == suffix), None)


def extensions(report: str) -> list[str]:
    """The extensions ``report`` writes, as a reader types them."""
    return list(dict.fromkeys(f".{f.extension}" for f in REPORTS[report].values()))


def get(report: str, name: str) -> Format:
    return REPORTS[report][name]


def names(report: str) -> tuple[str, ...]:
    return tuple(REPORTS[report])


def render(report: str, name: str, **data: Any) -> str | bytes:
    return REPORTS[report][name].render(**data)


def render_text(report: str, name: str, **data: Any) -> str:
    """A report in a text format (one that streams, say), never a workbook."""
    text = render(report, name, **data)
    if isinstance(text, bytes):
        raise TypeError(f"{report} {name} is not text")  # pragma: no cover - the registry gives text formats text
    return text
