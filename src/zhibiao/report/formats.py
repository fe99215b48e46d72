"""The output formats of each report, in one registry.

A command asks for ``render(report, format, lang, ...)`` and offers
``names(report)`` as its ``--format`` choices; adding a format to a report
is one entry here (and its template), never a branch in a command.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from zhibiao.data.sheet import csv_sheet, yaml_sheet
from zhibiao.data.workbook import wide_csv_sheet, xlsx_sheet
from zhibiao.editions.diff import EditionDiff
from zhibiao.editions.impact import Impact
from zhibiao.evaluation.cases import CaseResult
from zhibiao.evaluation.coverage import Coverage
from zhibiao.evaluation.evaluate import CityResult
from zhibiao.report import checks
from zhibiao.report.coverage_json import coverage_json
from zhibiao.report.coverage_terms import CoverageTerms
from zhibiao.report.diff_json import diff_json
from zhibiao.report.diff_terms import Terms
from zhibiao.report.markdown import md
from zhibiao.report.render import render_template, result_text
from zhibiao.report.result_json import result_json
from zhibiao.words import N_
from zhibiao.words.visible import BEYOND_JSON


def dumps(value: Any, pretty: bool = True) -> str:
    """JSON as a reader's terminal can show it: Chinese as it is, and the
    characters JSON leaves raw but a terminal would act on (C1 controls,
    DEL, bidirectional and zero-width characters) as \\u escapes, which
    parse back to the same text."""
    if pretty:
        text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return BEYOND_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    description: str  # msgid: what a reader gets
    render: Callable[..., str | bytes]


# -- verdicts of cities -------------------------------------------------------
# ``warnings``: whether a readable report lists the cities' warnings itself
# (not when the reader has just seen them on standard error, beside it). An
# object keeps them in its ``warnings`` field whatever is printed elsewhere.
def _results_text(results: Sequence[CityResult], lang: str, single: bool, warnings: bool = True) -> str:
    return "\n".join(result_text(r, lang, warnings=warnings) for r in results)


def _results_html(results: Sequence[CityResult], lang: str, single: bool, warnings: bool = True) -> str:
    return "\n".join(result_text(r, lang, html=True, warnings=warnings) for r in results)


def _results_json(results: Sequence[CityResult], lang: str, single: bool, warnings: bool = True) -> str:
    objects = [result_json(r, lang) for r in results]
    return dumps(objects[0] if single else objects)


def _results_jsonl(results: Sequence[CityResult], lang: str, single: bool, warnings: bool = True) -> str:
    return "".join(dumps(result_json(r, lang), pretty=False) + "\n" for r in results)


# -- edition diffs ---------------------------------------------------------------
def _diff_template(name: str) -> Callable[..., str]:
    def render(diff: EditionDiff, impact: Impact | None, lang: str) -> str:
        return render_template(name, lang, d=diff, impact=impact, t=Terms(diff, lang)).rstrip() + "\n"

    return render


def _diff_json(diff: EditionDiff, impact: Impact | None, lang: str) -> str:
    return dumps(diff_json(diff, impact, lang))


# -- authors' test cases, and with --coverage what they exercise ---------------
def _test_text(results: list[CaseResult], folder: str, lang: str, coverage: Coverage | None = None,
               fail_under: float | None = None) -> str:
    text = checks.cases_text(results, folder, lang)
    if coverage is None:
        return text
    terms = CoverageTerms(coverage, lang, fail_under)
    return text + "\n" + render_template("coverage.txt.j2", lang, c=terms).rstrip() + "\n"


def _test_json(results: list[CaseResult], folder: str, lang: str, coverage: Coverage | None = None,
               fail_under: float | None = None) -> str:
    report = checks.cases_json(results, folder, lang)
    if coverage is not None:
        report["coverage"] = coverage_json(CoverageTerms(coverage, lang, fail_under))
    return dumps(report)


def _test_markdown(results: list[CaseResult], folder: str, lang: str, coverage: Coverage | None = None,
                   fail_under: float | None = None) -> str:
    terms = CoverageTerms(coverage, lang, fail_under) if coverage is not None else None
    report = checks.cases_json(results, folder, lang)
    return render_template("test.md.j2", lang, r=report, c=terms, md=md).rstrip() + "\n"


def _as_json(build: Callable[..., Any]) -> Callable[..., str]:
    return lambda *args, **kwargs: dumps(build(*args, **kwargs))


# Other spellings of an extension, for --format picked from -o FILE.
SYNONYMS = {"yml": "yaml", "htm": "html", "markdown": "md", "text": "txt"}

REPORTS: dict[str, dict[str, Format]] = {
    "evaluate": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), _results_text),
        Format("json", "json", N_("one object (an array for several files)"), _results_json),
        Format("jsonl", "jsonl", N_("one object per line"), _results_jsonl),
        Format("html", "html", N_("a page (everything from data and rules escaped)"), _results_html),
    )},
    "diff": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), _diff_template("diff.txt.j2")),
        Format("markdown", "md", N_("a change log to circulate"), _diff_template("diff.md.j2")),
        Format("json", "json", N_("change objects"), _diff_json),
    )},
    "check": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), checks.check_text),
        Format("json", "json", N_("one object"), _as_json(checks.check_json)),
    )},
    "test": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), _test_text),
        Format("json", "json", N_("one object"), _test_json),
        Format("markdown", "md", N_("a report to circulate"), _test_markdown),
    )},
    "template": {f.name: f for f in (
        Format("yaml", "yaml", N_("nested, with comments"), yaml_sheet),
        Format("csv", "csv", N_("long form indicator,field,value with note columns"), csv_sheet),
        Format("xlsx", "xlsx", N_("an Excel workbook, a row per city, with checked cells and instructions"), xlsx_sheet),
        Format("wide-csv", "csv", N_("a row per city: entity, period and a column per input, under a row of labels"),
               wide_csv_sheet),
    )},
    "standards": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), checks.standards_text),
        Format("json", "json", N_("one object"), _as_json(lambda rows, lang: rows)),
    )},
}


def by_extension(report: str, output: str | None) -> str:
    """The format of ``report`` whose extension the output file has, else the first."""
    choices = REPORTS[report]
    if output not in (None, "-"):
        suffix = PurePath(str(output)).suffix.lower().lstrip(".")
        suffix = SYNONYMS.get(suffix, suffix)
        for f in choices.values():
            if f.extension == suffix:
                return f.name
    return next(iter(choices))


def names(report: str) -> tuple[str, ...]:
    return tuple(REPORTS[report])


def render(report: str, name: str, **data: Any) -> str | bytes:
    return REPORTS[report][name].render(**data)
