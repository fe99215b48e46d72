"""`zhibiao test [FOLDER]`: run the authors' test cases of an edition.

Each case is a city with the verdicts its author expects (``tests/*.yaml``
beside the rules, see ``zhibiao.evaluation.cases``). Every difference is shown with the
rationale of what the rules give. Exit 0 when all pass, 1 otherwise.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zhibiao.cli.common import add_command, add_folder, add_format, add_lang, add_output, help_words, write_output
from zhibiao.errors import UsageError
from zhibiao.evaluation.cases import CaseResult, find_cases, run_cases
from zhibiao.report import formats
from zhibiao.report.problems import relative, shown_path
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "test", lang, N_("run the test cases kept beside an edition's rules (tests/*.yaml)"))
    add_folder(p, lang)
    p.add_argument("--case", action="append", default=None, metavar="FILE",
                   help=help_words(lang, N_("run only this case file (may be given more than once); default: every FOLDER/tests/*.yaml")))
    add_format(p, "test", lang)
    add_lang(p, lang)
    add_output(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    edition = load_edition(args.folder)
    paths = [Path(c) for c in args.case] if args.case else find_cases(edition.folder)
    if not paths:
        raise UsageError.of("case_none", None, folder=str(edition.folder / "tests"))
    results = [_shown(r) for r in run_cases(edition, paths)]
    folder = shown_path(str(edition.folder))
    write_output(formats.render("test", args.format, results=results, folder=folder, lang=args.lang), args.output)
    return 1 if any(not r.passed for r in results) else 0


def _shown(r: CaseResult) -> CaseResult:
    """Paths under the working folder as relative ones."""
    r.file = shown_path(r.file)
    r.problems = [relative(p) for p in r.problems]
    for d in r.differences:
        d.problem = relative(d.problem)
    return r
