"""Evaluate a batch of data sources, in this process or spread over several.

Each source (a file, a folder, a table of many cities) is read and its
cities evaluated by ``outcomes``; what a command keeps of a city is the
``work`` it passes (rendering a JSON line, a row of a ranking), done where
the city was evaluated, so that only that small result crosses between
processes and nothing of a long batch piles up. With ``jobs`` above 1 the
sources go to a pool of worker processes, each holding the compiled edition
once (it pickles through its conditions' recipes), and come back in the
order given: the output is the same as with one process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from zhibiao.data.sources import read_cities
from zhibiao.errors import DataError, Problem
from zhibiao.evaluation.evaluate import CityResult, evaluate
from zhibiao.ruleset.model import Edition

Work = Callable[[CityResult], Any]


@dataclass
class Outcome:
    """What one city of a batch gave: ``value`` (what ``work`` made of its
    result) unless it could not be read (``unreadable``) or was refused under
    --strict (``refused``); ``problems`` are its errors, or its warnings."""

    value: Any = None
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False
    refused: bool = False


def keep(result: CityResult) -> CityResult:
    """The default work: the whole result (one process only; it is large)."""
    return result


def source_outcomes(edition: Edition, source: str, work: Work, strict: bool) -> list[Outcome]:
    """Every city of one source, evaluated and passed through ``work``."""
    out = []
    for city in read_cities([source], edition):
        if isinstance(city, DataError):
            out.append(Outcome(problems=list(city.problems), unreadable=True))
            continue
        result = evaluate(edition, city)
        if strict and result.warnings:
            out.append(Outcome(problems=list(result.warnings), refused=True))
            continue
        out.append(Outcome(work(result), list(result.warnings)))
    return out


# The edition of a worker process, set once when the worker starts.
_EDITION: Edition | None = None


def _start_worker(edition: Edition) -> None:
    global _EDITION
    _EDITION = edition


def _in_worker(source: str, work: Work, strict: bool) -> list[Outcome]:
    assert _EDITION is not None  # set by _start_worker
    return source_outcomes(_EDITION, source, work, strict)


def outcomes(edition: Edition, sources: Iterable[str], work: Work = keep, strict: bool = False,
             jobs: int = 1) -> Iterator[Outcome]:
    """Each city of each source in order. ``work`` must be a module-level
    function (or a ``functools.partial`` of one) when ``jobs`` > 1."""
    if jobs <= 1:
        for source in sources:
            yield from source_outcomes(edition, source, work, strict)
        return
    # "spawn" starts clean workers whatever threads this process runs; each
    # unpickles the edition once, which costs less than a cold start.
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_start_worker, initargs=(edition,)) as pool:
        # Sources are handed out a few at a time, so workers stay busy while
        # the results are written in order, and little waits in between.
        for batch in pool.imap(partial(_in_worker, work=work, strict=strict), sources, chunksize=8):
            yield from batch
