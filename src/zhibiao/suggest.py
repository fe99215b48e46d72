"""Did-you-mean suggestions, one way for every unknown name.

Candidates are compared case-folded ("l1p7" is a typo of "L1P7"); the hint
is a bilingual message parameter, empty when nothing is close enough.
"""

from __future__ import annotations

from collections.abc import Iterable

from zhibiao.words import N_, Msg, Verbatim

NO_HINT = Verbatim("")


def closest(name: object, candidates: Iterable[object]) -> str | None:
    import difflib  # a typo is rare: a run without one never loads it

    by_fold = {str(c).casefold(): str(c) for c in candidates}
    close = difflib.get_close_matches(str(name).casefold(), list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None


def did_you_mean(name: object, candidates: Iterable[object]) -> Msg | Verbatim:
    best = closest(name, candidates)
    if best is None:
        return NO_HINT
    return Msg(N_("; did you mean '%(name)s'?"), name=best)
