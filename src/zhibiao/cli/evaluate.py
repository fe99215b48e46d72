"""`zhibiao evaluate DATA...`: verdicts for one or more cities."""

from __future__ import annotations

import argparse

from zhibiao.cli.common import (
    add_command,
    add_format,
    add_lang,
    add_output,
    add_standard,
    add_strict,
    evaluate_files,
    help_words,
    report_lists_warnings,
    write_output,
)
from zhibiao.data.sources import single_city
from zhibiao.report import formats
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "evaluate", lang, N_("evaluate cities: data files, tables of many cities (CSV, Excel), folders"))
    p.add_argument("data", nargs="+", metavar="DATA", help=help_words(lang, N_(
        "data files of a city (YAML, JSON, long CSV), tables of many cities (CSV or .xlsx, a row per city or per value), "
        "folders (every data file inside, in name order), or - for standard input")))
    add_standard(p, lang)
    add_strict(p, lang)
    add_format(p, "evaluate", lang)
    add_lang(p, lang)
    add_output(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    edition = load_edition(args.standard)
    done = evaluate_files(edition, args.data, args.lang, args.strict)
    if done.results:
        single = single_city(args.data, (r.city for r in done.results))
        text = formats.render("evaluate", args.format, results=done.results, lang=args.lang, single=single,
                              warnings=report_lists_warnings(args.output))
        write_output(text, args.output)
    return done.exit_code
