"""`zhibiao check [FOLDER]`: every problem of an edition's rule files.

Errors (what the loader refuses) and warnings (what the checker finds odd),
each with file:line:column and the line it points at, sorted by position.
Exit 0 with only warnings, 1 with errors; --strict counts warnings as errors.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from zhibiao.cli.common import add_command, add_folder, add_format, add_lang, add_output, help_words, write_output
from zhibiao.report import formats
from zhibiao.ruleset.loader import inspect_edition
from zhibiao.words import N_


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "check", lang, N_("check the rule files of an edition (structure, conditions, meaning)"))
    add_folder(p, lang)
    p.add_argument("--strict", action="store_true", help=help_words(lang, N_("count warnings as errors (exit 1 when there is any)")))
    add_format(p, "check", lang)
    add_lang(p, lang)
    add_output(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from zhibiao.report.problems import for_authors, shown_path  # imported when run: building the command line stays quick
    from zhibiao.ruleset.checker import check

    inspection = inspect_edition(args.folder)
    problems = inspection.problems + check(inspection)
    if args.strict:
        problems = [replace(p, severity="error") for p in problems]
    problems = for_authors(problems)
    folder = shown_path(str(inspection.folder))
    write_output(formats.render("check", args.format, problems=problems, folder=folder, lang=args.lang), args.output)
    return 1 if any(p.severity == "error" for p in problems) else 0
