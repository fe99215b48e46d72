"""`zhibiao rank DATA...`: many cities side by side, ranked by total."""

from __future__ import annotations

import argparse
from functools import partial

from zhibiao.cli.common import (
    Tally,
    add_cities,
    add_command,
    add_jobs,
    iter_evaluated,
    write_output,
)
from zhibiao.cli.progress import progress
from zhibiao.report import formats
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "rank", lang, N_("rank many cities by their totals"), description=N_(
        "Rank cities by their totals (equal totals share a rank), with each city's category subtotals, deductions, "
        "how many indicators it has at each star level and how many are not assessed; then, per indicator, how many "
        "cities reach each star level, and the indicators on which the cities lose the most points."))
    add_cities(p, "rank", lang, (add_jobs,))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from zhibiao.evaluation.ranking import Ranking, digest  # imported when run: building the command line stays quick

    edition = load_edition(args.standard)
    ranking = Ranking(edition)
    tally = Tally()
    # Each city is counted in and let go: the ranking keeps a digest of it,
    # made where the city is evaluated (a worker process with --jobs).
    work = partial(digest, levels=ranking.levels)
    with progress(args.lang) as bar:
        for city in iter_evaluated(edition, args.data, args.lang, args.strict, tally, bar, work, args.jobs):
            ranking.add_digest(city)
    if ranking.summaries:
        write_output(formats.render("rank", args.format, ranking=ranking, lang=args.lang), args.output)
    return tally.exit_code
