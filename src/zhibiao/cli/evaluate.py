"""`zhibiao evaluate DATA...`: verdicts for one or more cities."""

from __future__ import annotations

import argparse
import sys

from zhibiao.cli.common import (
    add_command,
    add_format,
    add_lang,
    add_output,
    add_standard,
    help_words,
    write_output,
)
from zhibiao.data.reading import load_city
from zhibiao.errors import DataError
from zhibiao.evaluation.evaluate import evaluate
from zhibiao.report import formats
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "evaluate", lang, N_("evaluate data files (YAML, JSON or long-form CSV) of cities"))
    p.add_argument("data", nargs="+", metavar="DATA", help=help_words(lang, N_("data file(s) of a city")))
    add_standard(p, lang)
    add_format(p, "evaluate", lang)
    add_lang(p, lang)
    add_output(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    edition = load_edition(args.standard)
    results = []
    failed = 0
    for path in args.data:
        try:
            city = load_city(path, edition)
        except DataError as e:
            # One bad file must not stop the others: report it and go on.
            failed += 1
            print(e.render(args.lang), file=sys.stderr)
            continue
        result = evaluate(edition, city)
        for w in result.warnings:
            print(w.render(args.lang), file=sys.stderr)
        results.append(result)
    if not results:
        return 2
    text = formats.render("evaluate", args.format, results=results, lang=args.lang, single=len(args.data) == 1)
    write_output(text, args.output)
    return 1 if failed else 0
