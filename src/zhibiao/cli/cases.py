"""`zhibiao test [FOLDER]`: run the authors' test cases of an edition.

Each case is a city with the verdicts its author expects (``tests/*.yaml``
beside the rules, see ``zhibiao.evaluation.cases``). Every difference is shown with the
rationale of what the rules give. Exit 0 when all pass, 1 otherwise.
With ``--coverage``, what the cases exercise of the rules
(``zhibiao.evaluation.coverage``); ``--fail-under PERCENT`` also exits 1
when that is less than PERCENT.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from zhibiao.cli import collector
from zhibiao.cli.common import add_command, add_folder, add_format, add_lang, add_output, help_words, write_output
from zhibiao.errors import UsageError
from zhibiao.report import formats
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_, say

if TYPE_CHECKING:
    from zhibiao.evaluation.cases import CaseResult


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "test", lang, N_("run the test cases kept beside an edition's rules (tests/*.yaml)"))
    add_folder(p, lang)
    p.add_argument("--case", action="append", default=None, metavar="FILE",
                   help=help_words(lang, N_("run only this case file (may be given more than once); default: every FOLDER/tests/*.yaml")))
    p.add_argument("--coverage", action="store_true",
                   help=help_words(lang, N_("also report which tiers, parts of conditions, thresholds, measures and deductions "
                                            "the cases exercise, and what they miss, with the file and line of each")))
    p.add_argument("--fail-under", type=_percent(lang), default=None, metavar="PERCENT",
                   help=help_words(lang, N_("with the coverage report (implies --coverage): exit 1 when less than PERCENT "
                                            "of what can be covered is")))
    add_format(p, "test", lang)
    add_lang(p, lang)
    add_output(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from zhibiao.evaluation.cases import find_cases, run_cases  # imported when run: building the command line stays quick
    from zhibiao.evaluation.coverage import coverage
    from zhibiao.report.problems import shown_path

    edition = load_edition(args.folder)
    collector.started()
    paths = [Path(c) for c in args.case] if args.case else find_cases(edition.folder)
    if not paths:
        raise UsageError.of("case_none", None, folder=str(edition.folder / "tests"))
    results = run_cases(edition, paths)
    covered = None
    if args.coverage or args.fail_under is not None:
        covered = coverage(edition, [r.case for r in results if r.case is not None])
    results = [_shown(r) for r in results]
    folder = shown_path(str(edition.folder))
    write_output(formats.render("test", args.format, results=results, folder=folder, lang=args.lang,
                                coverage=covered, fail_under=args.fail_under), args.output)
    short = covered is not None and args.fail_under is not None and covered.below(args.fail_under)
    return 1 if short or any(not r.passed for r in results) else 0


def _percent(lang: str) -> Callable[[str], float]:
    """argparse's reader of a percentage from 0 to 100 (``90``, ``97.5``)."""
    def read(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if not 0 <= value <= 100:
            raise argparse.ArgumentTypeError(say(lang, N_("a percentage from 0 to 100 is expected, not %(value)s"), value=text))
        return value

    return read


def _shown(r: CaseResult) -> CaseResult:
    """Paths under the working folder as relative ones."""
    from zhibiao.report.problems import relative, shown_path

    r.file = shown_path(r.file)
    r.problems = [relative(p) for p in r.problems]
    for d in r.differences:
        d.problem = relative(d.problem)
    return r
