"""JSON text as zhibiao writes it."""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from zhibiao.words.visible import BEYOND_JSON

# BEYOND_JSON's characters as UTF-8: DEL, the C1 controls, the zero-width and
# bidirectional format characters, the byte-order mark.
_BEYOND_JSON_UTF8 = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbb\xbf")
# The same, looked for piece by piece: each piece is found by a quick scan
# for its first byte, where the whole pattern tries every alternative at
# every byte (a tenth of a millisecond a city, and none of them is there).
_FORMAT_UTF8 = re.compile(rb"\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
_BOM_UTF8 = re.compile(rb"\xef\xbb\xbf")


def _beyond_json(line: bytes) -> bool:
    return (b"\x7f" in line or b"\xc2" in line or _FORMAT_UTF8.search(line) is not None
            or _BOM_UTF8.search(line) is not None)


def dumps(value: Any, pretty: bool = True) -> str:
    """JSON as a reader's terminal can show it: Chinese as it is, and the
    characters JSON leaves raw but a terminal would act on (C1 controls,
    DEL, bidirectional and zero-width characters) as \\u escapes, which
    parse back to the same text."""
    if pretty:
        text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return BEYOND_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_line(value: Any) -> bytes:
    """One line of JSON in UTF-8, as ``dumps(value, pretty=False)`` writes
    it, and a newline: what a stream of cities writes (and a worker process
    sends back) without turning it into text and back.

    orjson writes it three times as fast (a JSON line a city is most of the
    time of a long batch), the same text for what zhibiao writes but very
    small numbers (``0.00001`` for ``1e-05``, the same number). What it
    refuses (a whole number beyond 64 bits, text with a lone surrogate) the
    standard library writes."""
    try:
        line = orjson.dumps(value, option=orjson.OPT_APPEND_NEWLINE)
    except (orjson.JSONEncodeError, TypeError):
        # (``dumps`` escapes a lone surrogate, which has no UTF-8.)
        return (dumps(value, pretty=False) + "\n").encode("utf-8")
    if not _beyond_json(line):
        return line
    return _BEYOND_JSON_UTF8.sub(lambda m: b"\\u%04x" % ord(m.group().decode("utf-8")), line)
