"""The cities named on a command line, one at a time.

A command is given data sources: files, and (to come) folders, standard
input and tables holding many cities. ``read_cities`` turns them into cities
lazily, so that a long batch is never held in memory at once; a source that
cannot be read yields its error in its place and the others go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from zhibiao.data.reading import CityData, load_city
from zhibiao.errors import DataError
from zhibiao.ruleset.model import Edition


def read_cities(sources: Iterable[str], edition: Edition) -> Iterator[CityData | DataError]:
    """Each city of each source in order, or the error that stopped it."""
    for source in sources:
        try:
            yield load_city(source, edition)
        except DataError as e:
            yield e
