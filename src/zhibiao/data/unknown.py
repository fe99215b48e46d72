"""The problem of an indicator id an edition does not have, said the same
way wherever a data file names one: a key of ``values``, a row of a long
table, a column of a wide one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zhibiao.errors import Location, Problem
from zhibiao.ruleset.model import Edition
from zhibiao.suggest import did_you_mean
from zhibiao.words.visible import echo_name


def unknown_indicator(iid: Any, edition: Edition, where: Location, others: Iterable[str] = ()) -> Problem:
    """The problem of an indicator id the edition does not have. A code the
    standard misprints names the indicator it stands for: a spelling match
    would send LIP8 (L1P8, hospitals) to L4P8 (broadband). ``others`` are
    further keys allowed where the id was written, offered as did-you-mean."""
    real = edition.printed_as(str(iid))
    if real is not None:
        return Problem("data_printed_id", {"id": echo_name(iid), "real": real.id}, where)
    return Problem("data_unknown_indicator", {"id": echo_name(iid), "hint": did_you_mean(iid, [*edition.indicators, *others])}, where)
