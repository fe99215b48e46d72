"""Evaluate a batch of data sources, in this process or spread over several.

``outcomes`` reads each city of the sources (files, folders, tables of many
cities, standard input), evaluates it and hands it to the command's
``work`` (rendering a JSON line, a ranking's summary of it) where it was
evaluated, so that only that small result travels between processes and
nothing of a long batch piles up. With ``jobs`` above 1 the data files go
to a pool of worker processes, each holding the compiled edition once (it
pickles through its conditions' recipes), and come back in the order given:
the output is the same as with one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from zhibiao.data.reading import CityData
from zhibiao.data.sources import STDIN, data_files, on_its_row, read_cities
from zhibiao.errors import DataError, Problem
from zhibiao.evaluation.evaluate import CityResult, evaluate
from zhibiao.ruleset.model import Edition

Work = Callable[[CityResult], Any]


@dataclass
class Outcome:
    """What one city of a batch gave: ``value`` (what ``work`` made of its
    result) unless it could not be read (``unreadable``) or was refused for
    its warnings under --strict (``refused``); ``problems`` are its errors,
    or its warnings, each placed on its row of a table."""

    value: Any = None
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False
    refused: bool = False


def keep(result: CityResult) -> CityResult:
    """The default work: the whole result (in one process only: it is large)."""
    return result


def outcome(edition: Edition, city: CityData | DataError, work: Work, strict: bool) -> Outcome:
    """One city, evaluated and passed through ``work``."""
    if isinstance(city, DataError):
        return Outcome(problems=list(city.problems), unreadable=True)
    result = evaluate(edition, city)
    warnings = [on_its_row(w, city) for w in result.warnings]
    if strict and warnings:
        return Outcome(problems=[replace(w, severity="error") for w in warnings], refused=True)
    return Outcome(work(result), warnings)


def units(sources: Iterable[str]) -> Iterator[str]:
    """The sources as the files a worker reads one by one: a folder's data
    files in name order (a folder without any stays whole, to be said so)."""
    for source in sources:
        folder = Path(source)
        if source != STDIN and folder.is_dir():
            names = data_files(folder)
            yield from (str(folder / name) for name in names) if names else (source,)
        else:
            yield source


# The edition of a worker process, set once when the worker starts.
_EDITION: Edition | None = None


def _start_worker(edition: Edition) -> None:
    global _EDITION
    _EDITION = edition


def _in_worker(sources: list[str], work: Work, strict: bool) -> list[Outcome]:
    assert _EDITION is not None  # set by _start_worker
    return [outcome(_EDITION, city, work, strict) for city in read_cities(sources, _EDITION)]


def runs(files: Sequence[str], jobs: int) -> Iterator[list[str]]:
    """The files in runs for the workers, in order: each run a quarter of
    what is left for each worker (64 files at most, 2 at least), so long at
    first, when few exchanges keep the workers busy, and short at the end,
    when no worker should be left alone with a long run."""
    start = 0
    while start < len(files):
        size = max(2, min(64, (len(files) - start) // (jobs * 4)))
        yield list(files[start:start + size])
        start += size


def outcomes(edition: Edition, sources: Sequence[str], work: Work = keep, strict: bool = False,
             jobs: int = 1) -> Iterator[Outcome]:
    """Each city of each source, in order. With ``jobs`` > 1, ``work`` must
    pickle (a module-level function, or a ``functools.partial`` of one).
    Standard input is read by this process alone: with ``-`` among the
    sources, the batch runs here."""
    if jobs <= 1 or STDIN in sources:
        for city in read_cities(sources, edition):
            yield outcome(edition, city, work, strict)
        return
    import multiprocessing  # only for a pool
    import threading

    # A forked worker starts at once with everything imported, but forking
    # a process that runs other threads is unsafe: then "spawn" starts
    # clean workers, each unpickling the edition once.
    fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if fork else "spawn")
    with context.Pool(jobs, initializer=_start_worker, initargs=(edition,)) as pool:
        # The results come back, and are written, in order as they come.
        for batch in pool.imap(partial(_in_worker, work=work, strict=strict), runs(list(units(sources)), jobs)):
            yield from batch
