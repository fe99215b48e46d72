"""The renderers of every report format, looked up by name from the
registry (``zhibiao.report.formats``). The registry imports none of them,
and each renderer imports its own report's machinery when it is used, so
that a command loads only what its own output needs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from zhibiao.evaluation.evaluate import CityResult
from zhibiao.report.jsontext import dumps, json_line
from zhibiao.report.markdown import md
from zhibiao.report.render import next_tier_text, rationale, render_template, result_text
from zhibiao.report.result_json import result_json

if TYPE_CHECKING:
    from zhibiao.editions.diff import EditionDiff
    from zhibiao.editions.impact import Impact
    from zhibiao.evaluation.cases import CaseResult
    from zhibiao.evaluation.coverage import Coverage
    from zhibiao.evaluation.plan import Plan
    from zhibiao.evaluation.ranking import Ranking
    from zhibiao.ruleset.model import Edition


# -- verdicts of cities -------------------------------------------------------
# ``warnings``: whether a readable report lists the cities' warnings itself
# (not when the reader has just seen them on standard error, beside it). An
# object keeps them in its ``warnings`` field whatever is printed elsewhere.
def _results_text(results: Sequence[CityResult], lang: str, single: bool, warnings: bool = True) -> str:
    return _text_whole([_text_piece(r, lang, warnings) for r in results], single)


def _text_piece(result: CityResult, lang: str, warnings: bool = True) -> str:
    return result_text(result, lang, warnings=warnings)


def _text_whole(pieces: Sequence[str], single: bool) -> str:
    return "\n".join(pieces)


def _results_html(results: Sequence[CityResult], lang: str, single: bool, warnings: bool = True) -> str:
    # One document for every city: a section each, never pages glued together.
    return render_template("report.html.j2", lang, results=results, rationale=rationale, next_tier=next_tier_text,
                           show_warnings=warnings).rstrip() + "\n"


def _results_json(results: Sequence[CityResult], lang: str, single: bool, warnings: bool = True) -> str:
    return _json_whole([_json_piece(r, lang) for r in results], single)


def _json_piece(result: CityResult, lang: str, warnings: bool = True) -> dict[str, Any]:
    return result_json(result, lang)


def _json_whole(pieces: Sequence[dict[str, Any]], single: bool) -> str:
    return dumps(pieces[0] if single else list(pieces))


def _results_jsonl(results: Sequence[CityResult], lang: str, single: bool, warnings: bool = True) -> str:
    return _jsonl_whole([_jsonl_piece(r, lang) for r in results], single)


def _jsonl_piece(result: CityResult, lang: str, warnings: bool = True) -> bytes:
    """A city's line, in UTF-8: a stream writes it as it is."""
    return json_line(result_json(result, lang))


def _jsonl_whole(pieces: Sequence[bytes], single: bool) -> str:
    return b"".join(pieces).decode("utf-8")


# -- edition diffs ---------------------------------------------------------------
def _diff_template(name: str) -> Callable[..., str]:
    def render(diff: EditionDiff, impact: Impact | None, lang: str) -> str:
        from zhibiao.report.diff_terms import Terms

        return render_template(name, lang, d=diff, impact=impact, t=Terms(diff, lang)).rstrip() + "\n"

    return render


def _diff_json(diff: EditionDiff, impact: Impact | None, lang: str) -> str:
    from zhibiao.report.diff_json import diff_json

    return dumps(diff_json(diff, impact, lang))


# -- authors' test cases, and with --coverage what they exercise ---------------
def _test_text(results: list[CaseResult], folder: str, lang: str, coverage: Coverage | None = None,
               fail_under: float | None = None) -> str:
    from zhibiao.report import checks
    from zhibiao.report.coverage_terms import CoverageTerms

    text = checks.cases_text(results, folder, lang)
    if coverage is None:
        return text
    terms = CoverageTerms(coverage, lang, fail_under)
    return text + "\n" + render_template("coverage.txt.j2", lang, c=terms).rstrip() + "\n"


def _test_json(results: list[CaseResult], folder: str, lang: str, coverage: Coverage | None = None,
               fail_under: float | None = None) -> str:
    from zhibiao.report import checks
    from zhibiao.report.coverage_json import coverage_json
    from zhibiao.report.coverage_terms import CoverageTerms

    report = checks.cases_json(results, folder, lang)
    if coverage is not None:
        report["coverage"] = coverage_json(CoverageTerms(coverage, lang, fail_under))
    return dumps(report)


def _test_markdown(results: list[CaseResult], folder: str, lang: str, coverage: Coverage | None = None,
                   fail_under: float | None = None) -> str:
    from zhibiao.report import checks
    from zhibiao.report.coverage_terms import CoverageTerms

    terms = CoverageTerms(coverage, lang, fail_under) if coverage is not None else None
    report = checks.cases_json(results, folder, lang)
    return render_template("test.md.j2", lang, r=report, c=terms, md=md).rstrip() + "\n"


# -- many cities ranked ------------------------------------------------------------
def _rank_template(name: str) -> Callable[..., str]:
    def render(ranking: Ranking, lang: str) -> str:
        from zhibiao.report.rank_terms import RankTerms

        return render_template(name, lang, t=RankTerms(ranking, lang), md=md).rstrip() + "\n"

    return render


def _rank_json(ranking: Ranking, lang: str) -> str:
    from zhibiao.report.rank_json import rank_json

    return dumps(rank_json(ranking, lang))


def _rank_xlsx(ranking: Ranking, lang: str) -> bytes:
    from zhibiao.report.rank_terms import RankTerms
    from zhibiao.report.rank_workbook import rank_workbook  # openpyxl, only when a workbook is asked for

    return rank_workbook(RankTerms(ranking, lang))


# -- the report evaluators hand over, and the improvement plan ----------------
def _document(name: str) -> Callable[..., str]:
    def render(results: Sequence[CityResult], lang: str, target: Decimal | None = None) -> str:
        from zhibiao.report import document
        from zhibiao.report.plan_terms import PlanTerms

        doc = document.build(results, lang, target)
        return render_template(name, lang, doc=doc, pt=PlanTerms(), rationale=rationale, next_tier=next_tier_text,
                               md=md).rstrip() + "\n"

    return render


def _plan_text(plans: Sequence[Plan], lang: str, single: bool = True) -> str:
    """Each city's plan, one after another, in one document."""
    from zhibiao.report.plan_terms import PlanTerms

    return "\n".join(render_template("plan.txt.j2", lang, plan=plan, pt=PlanTerms()).rstrip() + "\n" for plan in plans)


def _plan_json(plans: Sequence[Plan], lang: str, single: bool = True) -> str:
    """One object for one data file of one city, an array for several cities."""
    from zhibiao.report.plan_terms import plan_json

    objects = [plan_json(plan, lang) for plan in plans]
    return dumps(objects[0] if single else objects)


# -- rule folders, data sheets, the bundled editions -------------------------------
def _check_text(*args: Any, **kwargs: Any) -> str:
    from zhibiao.report import checks

    return checks.check_text(*args, **kwargs)


def _check_json(*args: Any, **kwargs: Any) -> str:
    from zhibiao.report import checks

    return dumps(checks.check_json(*args, **kwargs))


def _standards_text(*args: Any, **kwargs: Any) -> str:
    from zhibiao.report import checks

    return checks.standards_text(*args, **kwargs)


def _standards_json(rows: list[dict[str, Any]], lang: str) -> str:
    return dumps(rows)


def _rank_csv(ranking: Ranking, lang: str) -> str:
    from zhibiao.report.rank_json import rank_csv

    return rank_csv(ranking, lang)


def _yaml_sheet(edition: Edition, lang: str) -> str:
    from zhibiao.data.sheet import yaml_sheet

    return yaml_sheet(edition, lang)


def _csv_sheet(edition: Edition, lang: str) -> str:
    from zhibiao.data.sheet import csv_sheet

    return csv_sheet(edition, lang)


def _xlsx_sheet(edition: Edition, lang: str) -> bytes:
    from zhibiao.data.workbook import xlsx_sheet

    return xlsx_sheet(edition, lang)


def _wide_csv_sheet(edition: Edition, lang: str) -> str:
    from zhibiao.data.workbook import wide_csv_sheet

    return wide_csv_sheet(edition, lang)


# -- by the names the registry gives them ---------------------------------------
__all__ = [
    "results_text",
    "text_piece",
    "text_whole",
    "json_piece",
    "json_whole",
    "jsonl_piece",
    "jsonl_whole",
    "results_json",
    "results_jsonl",
    "results_html",
    "diff_txt",
    "diff_md",
    "diff_as_json",
    "check_text",
    "check_json",
    "test_text",
    "test_json",
    "test_markdown",
    "rank_txt",
    "rank_md",
    "rank_csv",
    "rank_xlsx",
    "rank_as_json",
    "yaml_sheet",
    "csv_sheet",
    "xlsx_sheet",
    "wide_csv_sheet",
    "document_html",
    "document_md",
    "plan_text",
    "plan_as_json",
    "standards_text",
    "standards_json",
]

results_text = _results_text
results_json = _results_json
results_jsonl = _results_jsonl
text_piece, text_whole = _text_piece, _text_whole
json_piece, json_whole = _json_piece, _json_whole
jsonl_piece, jsonl_whole = _jsonl_piece, _jsonl_whole
results_html = _results_html
diff_txt = _diff_template("diff.txt.j2")
diff_md = _diff_template("diff.md.j2")
diff_as_json = _diff_json
check_text, check_json = _check_text, _check_json
test_text = _test_text
test_json = _test_json
test_markdown = _test_markdown
rank_txt = _rank_template("rank.txt.j2")
rank_md = _rank_template("rank.md.j2")
rank_xlsx = _rank_xlsx
rank_as_json = _rank_json
document_html = _document("document.html.j2")
document_md = _document("document.md.j2")
plan_text = _plan_text
plan_as_json = _plan_json
standards_text, standards_json = _standards_text, _standards_json
rank_csv = _rank_csv
yaml_sheet, csv_sheet, xlsx_sheet, wide_csv_sheet = _yaml_sheet, _csv_sheet, _xlsx_sheet, _wide_csv_sheet
