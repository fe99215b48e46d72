"""`zhibiao test [FOLDER]`: run the authors' test cases of an edition.

Each case is a city with the verdicts its author expects (``tests/*.yaml``
beside the rules, see ``zhibiao.evaluation.cases``). Every difference is shown with the
rationale of what the rules give. Exit 0 when all pass, 1 otherwise.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zhibiao.cli.check import relative, shown_path
from zhibiao.cli.common import add_folder, add_lang, add_output, help_words, write_output
from zhibiao.errors import UsageError
from zhibiao.evaluation.cases import CaseResult, explain, find_cases, run_cases
from zhibiao.report.formats import dumps
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_
from zhibiao.words.messages import message


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("test", help=help_words(N_("run the test cases kept beside an edition's rules (tests/*.yaml)")))
    add_folder(p)
    p.add_argument("--case", action="append", default=None, metavar="FILE",
                   help=help_words(N_("run only this case file (may be given more than once); default: every FOLDER/tests/*.yaml")))
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_lang(p)
    add_output(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    edition = load_edition(args.folder)
    paths = [Path(c) for c in args.case] if args.case else find_cases(edition.folder)
    if not paths:
        raise UsageError.of("case_none", None, folder=str(edition.folder / "tests"))
    results = [_shown(r) for r in run_cases(edition, paths)]
    failed = sum(not r.passed for r in results)
    if args.format == "json":
        write_output(dumps({
            "folder": shown_path(str(edition.folder)),
            "passed": len(results) - failed,
            "failed": failed,
            "cases": [_json(r, args.lang) for r in results],
        }), args.output)
    else:
        lines = [line for r in results for line in _text(r, args.lang)]
        lines.append(message("case_summary", args.lang, passed=len(results) - failed, failed=failed))
        write_output("\n".join(lines) + "\n", args.output)
    return 1 if failed else 0


def _shown(r: CaseResult) -> CaseResult:
    """Paths under the working folder as relative ones."""
    r.file = shown_path(r.file)
    r.problems = [relative(p) for p in r.problems]
    for d in r.differences:
        d.problem = relative(d.problem)
    return r


def _title(r: CaseResult) -> str:
    return f" — {r.title}" if r.title else ""


def _text(r: CaseResult, lang: str) -> list[str]:
    if r.problems:
        return [message("case_broken", lang, file=r.file)] + ["    " + line for p in r.problems for line in p.render(lang).splitlines()]
    if r.passed:
        return [message("case_pass", lang, file=r.file, title=_title(r))]
    lines = [message("case_fail", lang, file=r.file, title=_title(r))]
    for d in r.differences:
        lines.append(f"    {d.problem.where}: {d.problem.message(lang)}")
        lines += ["        " + line for line in explain(d, lang)]
    return lines


def _json(r: CaseResult, lang: str) -> dict:
    return {
        "file": r.file,
        "title": r.title,
        "passed": r.passed,
        "differences": [dict(d.problem.to_json(lang), rationale=explain(d, lang)) for d in r.differences],
        "problems": [p.to_json(lang) for p in r.problems],
    }
