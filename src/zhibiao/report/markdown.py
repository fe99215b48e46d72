"""Text from rules and data put into Markdown reports safely."""

from __future__ import annotations

import re
from typing import Any


def md(text: Any) -> str:
    """Text safe inside Markdown (and its tables): nothing in it starts
    markup, a link, a table cell or inline HTML."""
    out = str(text)
    for ch in ("\\", "|", "*", "_", "`", "[", "]"):
        out = out.replace(ch, "\\" + ch)
    # A "<" that could open an HTML tag or comment; "< 10 km" stays as it reads.
    out = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", out)
    return out.replace("\n", " ")
