"""What ``zhibiao check`` and ``zhibiao test`` print: problems of rule
files, results of authors' test cases, and the bundled editions."""

from __future__ import annotations

from typing import Any

from zhibiao.errors import Problem
from zhibiao.evaluation.cases import CaseResult, explain
from zhibiao.words import N_, Plural, say, say_n
from zhibiao.words.messages import message
from zhibiao.words.visible import visible


def check_text(problems: list[Problem], folder: str, lang: str) -> str:
    errors = sum(p.severity == "error" for p in problems)
    lines = [p.render(lang) for p in problems]
    warnings = len(problems) - errors
    lines.append(message("check_summary", lang, folder=folder,
                         errors=Plural("%(num)s error", "%(num)s errors", errors),
                         warnings=Plural("%(num)s warning", "%(num)s warnings", warnings)))
    return "\n".join(lines) + "\n"


def check_json(problems: list[Problem], folder: str, lang: str) -> dict[str, Any]:
    errors = sum(p.severity == "error" for p in problems)
    return {
        "folder": folder,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [dict(p.to_json(lang), excerpt=p.excerpt) for p in problems],
    }


def _title(r: CaseResult) -> str:
    return f" — {r.title}" if r.title else ""


def _case_lines(r: CaseResult, lang: str) -> list[str]:
    if r.problems:
        return [message("case_broken", lang, file=r.file)] + ["    " + line for p in r.problems for line in p.render(lang).splitlines()]
    if r.passed:
        return [message("case_pass", lang, file=r.file, title=_title(r))]
    lines = [message("case_fail", lang, file=r.file, title=_title(r))]
    for d in r.differences:
        lines.append(visible(f"    {d.problem.where}: {d.problem.message(lang)}"))
        lines += ["        " + line for line in explain(d, lang)]
    return lines


def cases_text(results: list[CaseResult], folder: str, lang: str) -> str:
    failed = sum(not r.passed for r in results)
    lines = [line for r in results for line in _case_lines(r, lang)]
    lines.append(message("case_summary", lang, passed=len(results) - failed, failed=failed))
    return "\n".join(lines) + "\n"


def cases_json(results: list[CaseResult], folder: str, lang: str) -> dict[str, Any]:
    failed = sum(not r.passed for r in results)
    return {
        "folder": folder,
        "passed": len(results) - failed,
        "failed": failed,
        "cases": [{
            "file": r.file,
            "title": r.title,
            "passed": r.passed,
            "differences": [dict(d.problem.to_json(lang), rationale=explain(d, lang)) for d in r.differences],
            "problems": [p.to_json(lang) for p in r.problems],
        } for r in results],
    }


def standards_text(rows: list[dict[str, Any]], lang: str) -> str:
    """Each bundled edition on a line, and the folder it lives in below it."""
    lines = []
    for r in rows:
        lines.append(say_n(lang,
                           "%(id)s  %(code)s  %(title)s  (%(num)s indicator, %(issued)s / %(effective)s)",
                           "%(id)s  %(code)s  %(title)s  (%(num)s indicators, %(issued)s / %(effective)s)",
                           r["indicators"], id=r["id"], code=r["code"], title=r["title"], issued=r["issued"],
                           effective=r["effective"]))
        lines.append(say(lang, N_("    folder: %(folder)s"), folder=r["folder"]))
    return "".join(line + "\n" for line in lines)
