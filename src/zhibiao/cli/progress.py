"""A progress bar on standard error while a long batch of cities is read.

Only a person watching a terminal wants one: none when standard error is
not a terminal (a log, a pipe, a test), and none for a batch that is over
within a few seconds (the bar appears once ``DELAY`` has passed). tqdm is
imported only when a bar may be shown, so that the other runs start without
it. Messages said while the bar runs are written above it.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from zhibiao.words import N_, say

DELAY = 3.0  # seconds; a batch shorter than this shows no bar


def on_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False


class Progress:
    """Counts the cities read; when ``shown``, on a bar that appears once the
    batch has run for ``DELAY`` seconds (a shorter one leaves no trace)."""

    def __init__(self, lang: str, shown: bool, stream: TextIO | None = None):
        self.lang = lang
        self.shown = shown
        self.stream = stream if stream is not None else sys.stderr
        self.count = 0
        self.started = time.monotonic()
        self.bar: Any = None

    def step(self) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.shown and time.monotonic() - self.started >= DELAY:
            from tqdm import tqdm

            self.bar = tqdm(
                file=self.stream, initial=self.count, leave=False, dynamic_ncols=True,
                bar_format=say(self.lang, N_("{n_fmt} cities read [{elapsed}]")),
            )

    def note(self, text: str) -> None:
        """A message on standard error, above the bar."""
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def progress(lang: str, beside_output: bool = False) -> Progress:
    """A progress bar for a batch, shown when standard error is a terminal;
    not when ``beside_output``: the report itself is being printed, piece by
    piece, on that same terminal, and the bar would break its lines."""
    return Progress(lang, on_terminal(sys.stderr) and not beside_output)
