"""The garbage collector of the ``zhibiao`` program.

What a run loads as it starts (modules, the compiled rule model, templates)
lives until it ends and is never garbage, yet the collector would walk it
again and again while it loads, and once more to free it object by object
as Python exits: together an eighth of a cold run. So the program
(``main.console``) pauses the collector as it starts; once the first city
is read (``common.iter_evaluated``), or a command that evaluates cities
otherwise has loaded its editions (``diff``, ``test``), what was loaded is
set aside for good and the collector resumes, so that a long batch is
collected as usual; and what is left at the end goes with the process. The
other commands read rule files only, and run paused.

Only the program does this: ``main`` called from Python (the tests, a
script) leaves the collector as it is.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Pause the collector while the program starts."""
    global _paused
    _paused = gc.isenabled()
    gc.disable()


def started() -> None:
    """The run has started: what it loaded stays, and the collector resumes.
    Nothing when the program did not pause it."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


def leave() -> None:
    """The run is over: nothing it made is walked again as Python exits."""
    gc.freeze()
