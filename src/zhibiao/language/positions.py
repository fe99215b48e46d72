"""Where a part of a condition stands: in its text (a caret under the
column) and in the rule file it was written in. Kept apart from the parser,
so that compiling a cached rule set does not load Lark."""

from __future__ import annotations

from zhibiao.errors import Location
from zhibiao.words.visible import HIDDEN, visible
from zhibiao.yamlpos import SourceMap


def caret(text: str, line: int, column: int) -> str:
    """Show the line of ``text`` with a caret under ``column`` (1-based)."""
    lines = text.splitlines() or [""]
    src = lines[min(max(line, 1), len(lines)) - 1]
    # The line is shown with its invisible characters escaped; the caret
    # moves past each escape as far as it is wide (and past a wide CJK
    # character by two columns).
    pad = "".join(" " * len(visible(ch)) if HIDDEN.match(ch) else ("  " if ord(ch) > 0x2E7F else " ") for ch in src[: column - 1])
    return f"    {visible(src)}\n    {pad}^"


def offset(where: Location | SourceMap | None, line: int, column: int) -> Location | None:
    """Place a (line, column) inside a condition relative to where it starts."""
    if isinstance(where, SourceMap):
        return where.locate(line, column)
    if where is None:
        return Location(None, line, column)
    if where.line is None:
        return where
    if line == 1:
        return Location(where.file, where.line, (where.column or 1) + column - 1)
    return Location(where.file, where.line + line - 1, column)
