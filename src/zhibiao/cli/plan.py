"""`zhibiao plan DATA`: the improvement plan of one city, alone."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation

from zhibiao.cli.common import (
    add_cities,
    add_command,
    evaluate_files,
    help_words,
    write_output,
)
from zhibiao.report import formats
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_


def points(text: str) -> Decimal:
    """A total to aim for, in points (``--target 80``)."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value < 0:
        raise ValueError(text)
    return value


def add_target(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--target", type=points, metavar="POINTS", default=None, help=help_words(lang, N_(
        "a total to reach: the plan is then the fewest steps that reach it, and says why it chose them")))


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "plan", lang, N_("the improvement plan of a city: what to raise, to what, for how many points"))
    add_cities(p, "plan", lang, (add_target,))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from zhibiao.data.sources import single_city  # imported when run: building the command line stays quick
    from zhibiao.evaluation.plan import make_plan

    edition = load_edition(args.standard)
    done = evaluate_files(edition, args.data, args.lang, args.strict)
    if done.results:
        plans = [make_plan(result, args.target) for result in done.results]
        single = single_city(args.data, (r.city.row is None for r in done.results))
        write_output(formats.render("plan", args.format, plans=plans, lang=args.lang, single=single), args.output)
    return done.exit_code
