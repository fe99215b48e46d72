"""Text from data and rule files, made safe to show.

A data file comes from someone else. Its text must not drive the reader's
terminal (an ANSI escape that clears the screen, a NUL) or reorder what the
reader sees (a bidirectional override), nor flood a message: control and
invisible format characters are shown escaped (``\\x1b``, ``\\u202e``) and an
echoed value is cut to a readable length, its full length said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# C0 and C1 controls, DEL; zero-width and bidirectional format characters;
# the byte-order mark; lone surrogates (a JSON data file may hold one: they
# have no UTF-8, so written raw they could not be written at all).
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
# The same, allowing the line breaks and tabs of multi-line text. Only the
# checks of rule files use it: compiled (and kept by re) when first used.
_HIDDEN_KEEPING_LINES = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"

# What JSON leaves raw of those (it escapes C0 itself, and its own line
# breaks and indentation must stay).
BEYOND_JSON = re.compile("[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")

ECHO_LIMIT = 60  # characters of an echoed value


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control and invisible format character escaped."""
    return HIDDEN.sub(_escape, text)


def hidden_characters(text: str, keep_lines: bool = False) -> list[str]:
    """The control and invisible characters in ``text``, as ``U+202E``."""
    found = re.findall(_HIDDEN_KEEPING_LINES, text) if keep_lines else HIDDEN.findall(text)
    return [f"U+{ord(c):04X}" for c in dict.fromkeys(found)]


@dataclass(frozen=True)
class Echo:
    """A value from a file, quoted back in a message: escaped, and cut to
    ``ECHO_LIMIT`` characters with its full length said."""

    shown: str  # the value as the message quotes it: "85%", 120, ['a']
    length: int  # its length as the reader counts it

    def text(self, lang: str) -> str:
        from zhibiao.words import say_n  # zhibiao.words imports this module

        if len(self.shown) <= ECHO_LIMIT:
            return visible(self.shown)
        closing = self.shown[-1] if self.shown[-1] in "\"'" and self.shown[0] == self.shown[-1] else ""
        cut = self.shown[: ECHO_LIMIT - 2] + "…" + closing
        return say_n(lang, "%(text)s (%(num)s character)", "%(text)s (%(num)s characters)", self.length, text=visible(cut))


def echo(raw: Any) -> Echo:
    """A data value quoted back: text in double quotes, anything else as Python shows it."""
    if isinstance(raw, str):
        return Echo(f'"{raw}"', len(raw))
    return echo_repr(raw)


def echo_repr(raw: Any) -> Echo:
    """A value quoted back as Python shows it ('high', [1, 2], True)."""
    shown = repr(raw)
    return Echo(shown, len(raw) if isinstance(raw, str) else len(shown))


def echo_name(name: Any) -> Echo:
    """A key or name from a file, quoted back as it is (the message quotes it)."""
    text = str(name)
    return Echo(text, len(text))
