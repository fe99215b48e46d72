"""A catalogue's words, kept ready between runs.

Every run says something, so every run would read its catalogue (.po),
which costs a cold start more than reading what it holds from a marshal
file. The words of a catalogue are kept in the cache folder
(``zhibiao.cachedir``, part ``words``) beside the digest of the .po file
they were read from. An entry is used only when it is whole (its checksum
matches) and was read from a file of the same content; any other entry, or
none, means the .po file is read again, and a cache that cannot be written
is not an error.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from typing import TYPE_CHECKING

from zhibiao.cachedir import cache_dir, read_entry, write_entry
from zhibiao.words.plurals import PLURAL_RULES

if TYPE_CHECKING:
    from zhibiao.words.po import Key

    # The words of a catalogue: each (context, msgid) with its strings by
    # plural index, and the plural rule as the catalogue's header writes it.
    Words = tuple[dict[Key, dict[int, str]], str]

# Changed whenever what an entry holds changes.
MAGIC = b"zhibiao-words-1\n"


def read_words(path: Path) -> Words:
    """The words of the catalogue ``path``, from the cache when they were
    kept from a file of its content, else read from it (and kept)."""
    root = cache_dir("words")
    if root is None:
        return _parsed(path)
    # An entry per catalogue file (named for its path), so that editing a
    # catalogue replaces its entry rather than adding one.
    where = root / f"{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]}.marshal"
    stamp = hashlib.sha256(path.read_bytes()).digest()
    kept = _read(where, stamp)
    if kept is not None:
        return kept
    words = _parsed(path)
    _write(where, stamp, words)
    return words


def _parsed(path: Path) -> Words:
    from zhibiao.words.po import parse_po  # the .po reader: loaded only when the words are not kept

    catalogue = parse_po(path)
    return {k: e.strings for k, e in catalogue.entries.items()}, catalogue.plural


def _read(where: Path, stamp: bytes) -> Words | None:
    payload = read_entry(where, MAGIC)
    if payload is None:
        return None  # none, another format, truncated or altered
    try:
        kept = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(kept, tuple) and len(kept) == 3 and kept[0] == stamp):
        return None  # kept from another catalogue, or from this one before it changed
    _, strings, plural = kept
    if not (isinstance(strings, dict) and plural in PLURAL_RULES):
        return None
    return strings, plural


def _write(where: Path, stamp: bytes, words: Words) -> None:
    """Written atomically; any failure leaves no entry behind."""
    write_entry(where, MAGIC, marshal.dumps((stamp, *words)))
