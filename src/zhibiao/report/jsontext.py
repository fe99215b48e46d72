"""JSON text as zhibiao writes it."""

from __future__ import annotations

import json
from typing import Any

from zhibiao.words.visible import BEYOND_JSON


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
