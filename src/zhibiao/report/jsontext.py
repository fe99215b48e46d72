"""JSON text as zhibiao writes it."""

from __future__ import annotations

import json
from typing import Any

import orjson

from zhibiao.words.visible import BEYOND_JSON


def dumps(value: Any, pretty: bool = True) -> str:
    """JSON as a reader's terminal can show it: Chinese as it is, and the
    characters JSON leaves raw but a terminal would act on (C1 controls,
    DEL, bidirectional and zero-width characters) as \\u escapes, which
    parse back to the same text."""
    if pretty:
        text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    else:
        text = _compact(value)
    return BEYOND_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _compact(value: Any) -> str:
    """One line of JSON, as ``json.dumps`` writes it with no spaces.

    orjson writes it three times as fast (a JSON line a city is most of the
    time of a long batch), the same text for what zhibiao writes but very
    small numbers (``0.00001`` for ``1e-05``, the same number). What it
    refuses (a whole number beyond 64 bits, text with a lone surrogate) the
    standard library writes."""
    try:
        return orjson.dumps(value).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
