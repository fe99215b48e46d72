"""`zhibiao diff OLD NEW`: what a revision changes in the rules, and for cities.

The command wires the diff (``zhibiao.editions.diff``) and the impact on data
files (``zhibiao.editions.impact``) to the diff's output formats
(``zhibiao.report.formats``: the templates, which say each change through
``zhibiao.report.diff_terms.Terms``, and the JSON of ``zhibiao.report.diff_json``).
"""

from __future__ import annotations

import argparse
import sys

from zhibiao.cli import collector
from zhibiao.cli.common import add_command, add_format, add_lang, add_output, help_words, write_output
from zhibiao.report import formats
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(
        sub, "diff", lang, N_("compare two editions of a standard (and what it changes for cities)"),
        description=N_("Compare two editions of a standard: every change in the rules' own terms, and with --data what "
                       "it changes for each city. Exit status: 0 equivalent, 1 different, 2 errors."),
    )
    p.add_argument("old", metavar="OLD",
                   help=help_words(lang, N_("the older edition: a bundled id (see `zhibiao standards`) or an edition folder")))
    p.add_argument("new", metavar="NEW", help=help_words(lang, N_("the newer edition: a bundled id or an edition folder")))
    p.add_argument("--data", nargs="+", metavar="DATA", default=None,
                   help=help_words(lang, N_("data of cities to evaluate under both editions: data files, tables of many cities, folders")))
    add_format(p, "diff", lang)
    add_lang(p, lang)
    add_output(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from zhibiao.editions.diff import diff_editions  # imported when run: building the command line stays quick
    from zhibiao.editions.impact import assess

    old = load_edition(args.old)
    new = load_edition(args.new)
    collector.started()
    diff = diff_editions(old, new)
    impact = assess(diff, args.data) if args.data else None
    if impact is not None:
        for city in impact.failed:
            for _sides, problems in city.failures():
                for p in problems:
                    print(p.render(args.lang), file=sys.stderr)
    text = formats.render("diff", args.format, diff=diff, impact=impact, lang=args.lang)
    write_output(text, args.output)
    if impact is not None and impact.cities and not impact.compared:
        return 2  # not one data file could be read
    if not diff.equivalent or (impact is not None and impact.failed):
        return 1
    return 0
