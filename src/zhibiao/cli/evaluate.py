"""`zhibiao evaluate DATA...`: verdicts for one or more cities."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from functools import partial
from typing import IO, TYPE_CHECKING, Any

from zhibiao.cli.common import (
    Tally,
    add_cities,
    add_command,
    add_jobs,
    evaluate_files,
    iter_evaluated,
    open_output,
    report_lists_warnings,
    write_output,
)
from zhibiao.cli.progress import on_terminal, progress
from zhibiao.report import formats
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import N_

if TYPE_CHECKING:
    from zhibiao.evaluation.batch import Work
    from zhibiao.ruleset.model import Edition


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "evaluate", lang, N_("evaluate cities: data files, tables of many cities (CSV, Excel), folders"))
    add_cities(p, "evaluate", lang, (add_jobs,))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    edition = load_edition(args.standard)
    fmt = formats.get("evaluate", args.format)
    if fmt.pieces is None:
        return whole_batch(edition, args)
    # Each city's piece of the report is made where the city is evaluated
    # (a worker process with --jobs): only the piece comes back.
    work = partial(formats.piece, report="evaluate", name=args.format, lang=args.lang,
                   warnings=report_lists_warnings(args.output))
    if fmt.streams:
        return stream(edition, args, work)
    tally = Tally()
    with progress(args.lang) as bar:
        pieces = list(iter_evaluated(edition, args.data, args.lang, args.strict, tally, bar, work, args.jobs))
    if pieces:
        from zhibiao.data.sources import single_city

        single = single_city(args.data, (own for _, own in pieces))
        write_output(formats.whole("evaluate", args.format, [p for p, _ in pieces], single), args.output)
    return tally.exit_code


def whole_batch(edition: Edition, args: argparse.Namespace) -> int:
    """A report that needs every city's result at once (one HTML document):
    evaluated in this process."""
    with progress(args.lang) as bar:
        done = evaluate_files(edition, args.data, args.lang, args.strict, bar)
    if done.results:
        from zhibiao.data.sources import single_city

        single = single_city(args.data, (r.city.row is None for r in done.results))
        text = formats.render("evaluate", args.format, results=done.results, lang=args.lang, single=single,
                              warnings=report_lists_warnings(args.output))
        write_output(text, args.output)
    return done.exit_code


def stream(edition: Edition, args: argparse.Namespace, work: Work) -> int:
    """Write each city's verdicts as soon as it is evaluated, holding none:
    memory stays the same whatever the number of cities. Nothing is written
    (no file made) when no city could be read."""
    tally = Tally()
    printed = args.output in (None, "-")
    with ExitStack() as stack:
        bar = stack.enter_context(progress(args.lang, beside_output=printed and on_terminal(sys.stdout)))
        out: IO[Any] | None = None
        binary = False
        for text, _ in iter_evaluated(edition, args.data, args.lang, args.strict, tally, bar, work, args.jobs):
            if out is None:  # the output is made with the first city read
                # A piece already in UTF-8 (a JSON line) is written as it
                # is, unless standard output takes text only (a program
                # that runs zhibiao with its output caught in a string).
                binary = isinstance(text, bytes) and (not printed or hasattr(sys.stdout, "buffer"))
                out = stack.enter_context(open_output(args.output, binary=binary))
            out.write(text if binary or not isinstance(text, bytes) else text.decode("utf-8"))
            out.flush()
    return tally.exit_code
