"""The text of a table file, in the encodings spreadsheets save it in.

Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK (its code page 936),
and "CSV UTF-8" with a byte-order mark; other programs write UTF-8 without
one. GB18030 is the superset of GBK that Python reads. Bytes that are none of
these are refused with how to save the file again, never guessed at: a
wrong guess would turn names into other names without a word.
"""

from __future__ import annotations

import unicodedata

from zhibiao.errors import DataError, Location

UTF8_BOM = b"\xef\xbb\xbf"


def table_text(raw: bytes, where: Location) -> str:
    """``raw`` as text: UTF-8 (with or without a byte-order mark), else
    GB18030/GBK; anything else is a ``DataError`` saying how to save it."""
    if b"\x00" in raw:
        # UTF-16 ("Unicode text") or not text at all.
        raise DataError.of("table_encoding", where)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise DataError.of("table_encoding", where) from None
    if not _plausible(text):
        raise DataError.of("table_encoding", where)
    return text


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
