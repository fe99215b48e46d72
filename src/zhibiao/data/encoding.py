"""The text of a table file, in the encodings spreadsheets save it in.

Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK (its code page 936),
and "CSV UTF-8" with a byte-order mark; other programs write UTF-8 without
one. GB18030 is the superset of GBK that Python reads. Bytes that are none of
these are refused with how to save the file again, never guessed at: a
wrong guess would turn names into other names without a word.
"""

from __future__ import annotations

import re
import unicodedata

from zhibiao.errors import DataError, Location

UTF8_BOM = b"\xef\xbb\xbf"


def table_text(raw: bytes, where: Location) -> str:
    """``raw`` as text: UTF-8 (with or without a byte-order mark), else
    GB18030/GBK; anything else is a ``DataError`` saying how to save it.
    Bytes that read as both are taken as GBK only when UTF-8 would make
    letters of other scripts out of them and GBK makes Chinese."""
    if b"\x00" in raw:
        # UTF-16 ("Unicode text") or not text at all.
        raise DataError.of("table_encoding", where)
    if raw.startswith(UTF8_BOM):
        try:
            return raw[len(UTF8_BOM):].decode("utf-8")
        except UnicodeDecodeError:
            raise DataError.of("table_encoding", where) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and (not _TWO_BYTE_LETTERS.search(text) or _HAN.search(text)):
        return text
    try:
        chinese: str | None = raw.decode("gb18030")
    except UnicodeDecodeError:
        chinese = None
    if chinese is not None and not _plausible(chinese):
        chinese = None
    if text is None:
        if chinese is None:
            raise DataError.of("table_encoding", where)
        return chinese  # GBK holds Greek and Cyrillic letters too (μg, Ω)
    # Both read: GBK when it makes Chinese of what UTF-8 makes stray letters of.
    return chinese if chinese is not None and _HAN.search(chinese) else text


# What a short run of GBK bytes reads as when it happens to be valid UTF-8 too
# (示 in GBK is ʾ in UTF-8): the letters of U+0100-U+07FF, which a table of
# Chinese data has no use for. The symbols of U+0080-U+00FF (km², 30°, ×)
# are taken as UTF-8: tables do write them.
_TWO_BYTE_LETTERS = re.compile(r"[\u0100-\u07ff]")
# Chinese characters are three bytes in UTF-8, which GBK bytes next to never
# make: text that has them is UTF-8, whatever else it holds (Jǐnán).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _plausible(text: str) -> bool:
    """Whether text read as GB18030 is text a person wrote in it: GB18030
    decodes some bytes of other encodings too, into private-use characters,
    controls or characters of scripts a GBK file cannot hold."""
    for char in text:
        if char in "\t\r\n" or char.isascii() and char.isprintable():
            continue
        category = unicodedata.category(char)
        if category in ("Co", "Cn", "Cc", "Cs"):
            return False
        if ord(char) > 0xFFFF:
            return False  # beyond GBK: a four-byte sequence read out of other bytes
    return True
