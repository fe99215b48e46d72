"""`zhibiao report DATA...`: the report evaluators hand over, one document
for every city given: charts, each indicator in detail, the improvement
plan, provenance."""

from __future__ import annotations

import argparse

from zhibiao.cli.common import (
    add_cities,
    add_command,
    evaluate_files,
    write_output,
)
from zhibiao.cli.plan import add_target
from zhibiao.report import formats
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "report", lang, N_("a report to hand over: scores, charts, every indicator, the improvement plan"))
    add_cities(p, "report", lang, (add_target,))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    edition = load_edition(args.standard)
    done = evaluate_files(edition, args.data, args.lang, args.strict)
    if done.results:
        text = formats.render("report", args.format, results=done.results, lang=args.lang, target=args.target)
        write_output(text, args.output)
    return done.exit_code
