"""The output formats of each report, in one registry.

A command asks for ``render(report, format, lang, ...)`` and offers
``names(report)`` as its ``--format`` choices; adding a format to a report
is one entry here (and its template), never a branch in a command.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from zhibiao.data.sheet import csv_sheet, yaml_sheet
from zhibiao.editions.diff import EditionDiff
from zhibiao.editions.impact import Impact
from zhibiao.evaluation.cases import CaseResult
from zhibiao.evaluation.coverage import Coverage
from zhibiao.evaluation.evaluate import CityResult
from zhibiao.evaluation.plan import Plan
from zhibiao.evaluation.ranking import Ranking
from zhibiao.report import checks, document
from zhibiao.report.coverage_json import coverage_json
from zhibiao.report.coverage_terms import CoverageTerms
from zhibiao.report.diff_json import diff_json
from zhibiao.report.diff_terms import Terms
from zhibiao.report.markdown import md
from zhibiao.report.plan_terms import PlanTerms, plan_json
from zhibiao.report.rank_json import rank_csv, rank_json
from zhibiao.report.rank_terms import RankTerms
from zhibiao.report.render import next_tier_text, rationale, render_template, result_text
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
    # Rendered one city at a time and written as each is evaluated, so that
    # a batch's output starts at once and its memory does not grow.
    streams: bool = False


# -- verdicts of cities -------------------------------------------------------
# ``warnings``: whether a readable report lists the cities' warnings itself
# (not when the reader has just seen them on standard error, beside it). An
# object keeps them in its ``warnings`` field whatever is printed elsewhere.
def _results_text(results: Sequence[CityResult], lang: str, single: bool, warnings: bool = True) -> str:
    return "\n".join(result_text(r, lang, warnings=warnings) for r in results)


def _results_html(results: Sequence[CityResult], lang: str, single: bool, warnings: bool = True) -> str:
    # One document for every city: a section each, never pages glued together.
    return render_template("report.html.j2", lang, results=results, rationale=rationale, next_tier=next_tier_text,
                           show_warnings=warnings).rstrip() + "\n"


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


# -- many cities ranked ------------------------------------------------------------
def _rank_template(name: str) -> Callable[..., str]:
    def render(ranking: Ranking, lang: str) -> str:
        return render_template(name, lang, t=RankTerms(ranking, lang), md=md).rstrip() + "\n"

    return render


def _rank_json(ranking: Ranking, lang: str) -> str:
    return dumps(rank_json(ranking, lang))


def _rank_xlsx(ranking: Ranking, lang: str) -> bytes:
    from zhibiao.report.rank_workbook import rank_workbook  # openpyxl, only when a workbook is asked for

    return rank_workbook(RankTerms(ranking, lang))


# -- the report evaluators hand over, and the improvement plan ----------------
def _document(name: str) -> Callable[..., str]:
    def render(results: Sequence[CityResult], lang: str, target: Decimal | None = None) -> str:
        doc = document.build(results, lang, target)
        return render_template(name, lang, doc=doc, pt=PlanTerms(), rationale=rationale, next_tier=next_tier_text,
                               md=md).rstrip() + "\n"

    return render


def _plan_text(plan: Plan, lang: str) -> str:
    return render_template("plan.txt.j2", lang, plan=plan, pt=PlanTerms()).rstrip() + "\n"


def _plan_json(plan: Plan, lang: str) -> str:
    return dumps(plan_json(plan, lang))


def _as_json(build: Callable[..., Any]) -> Callable[..., str]:
    return lambda *args, **kwargs: dumps(build(*args, **kwargs))


# Other spellings of an extension, for --format picked from -o FILE.
SYNONYMS = {"yml": "yaml", "htm": "html", "markdown": "md", "text": "txt"}

REPORTS: dict[str, dict[str, Format]] = {
    "evaluate": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), _results_text),
        Format("json", "json", N_("one object (an array for several files)"), _results_json),
        Format("jsonl", "jsonl", N_("one object per line"), _results_jsonl, streams=True),
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
    "rank": {f.name: f for f in (
        Format("text", "txt", N_("readable tables"), _rank_template("rank.txt.j2")),
        Format("markdown", "md", N_("tables to circulate"), _rank_template("rank.md.j2")),
        Format("csv", "csv", N_("one row per city"), rank_csv),
        Format("xlsx", "xlsx", N_("a workbook: cities and indicators"), _rank_xlsx),
        Format("json", "json", N_("one object"), _rank_json),
    )},
    "template": {f.name: f for f in (
        Format("yaml", "yaml", N_("nested, with comments"), yaml_sheet),
        Format("csv", "csv", N_("long form indicator,field,value with note columns"), csv_sheet),
    )},
    "report": {f.name: f for f in (
        Format("html", "html", N_("one page for every city, with charts, printable"), _document("document.html.j2")),
        Format("markdown", "md", N_("a document a code-hosting site shows"), _document("document.md.j2")),
    )},
    "plan": {f.name: f for f in (
        Format("text", "txt", N_("readable report"), _plan_text),
        Format("json", "json", N_("one object"), _plan_json),
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
