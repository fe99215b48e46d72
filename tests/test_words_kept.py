"""The words of a catalogue are kept in the cache folder between runs, read
back only from an entry that is whole and was made from the catalogue as it
is now; a damaged, stale or unwritable entry is ignored, never a failure."""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

import pytest

from zhibiao.words import kept
from zhibiao.words import po as po_reader
from zhibiao.words.catalogue import catalogue_path
from zhibiao.words.po import parse_po

CATALOGUE = 'msgid ""\nmsgstr "Plural-Forms: nplurals=1; plural=0;\\n"\n\nmsgid "a day"\nmsgstr "一天"\n'


@pytest.fixture
def reads(monkeypatch, tmp_path):
    """The cache in a fresh folder, and each .po file read."""
    monkeypatch.setenv("ZHIBIAO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ZHIBIAO_CACHE", raising=False)
    count: list[Path] = []

    def counted(path):
        count.append(path)
        return parse_po(path)

    monkeypatch.setattr(po_reader, "parse_po", counted)
    return count


@pytest.fixture
def po(tmp_path) -> Path:
    path = tmp_path / "zhibiao.po"
    path.write_text(CATALOGUE, encoding="utf-8")
    return path


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "words").glob("*.marshal"))


def test_the_words_of_a_catalogue_are_read_once_and_then_from_the_cache(reads, po, tmp_path):
    first = kept.read_words(po)
    second = kept.read_words(po)
    assert first == second == ({(None, "a day"): {0: "一天"}}, "0")
    assert reads == [po]
    assert len(entries(tmp_path)) == 1


def test_the_kept_words_of_the_chinese_catalogue_are_those_it_holds(reads):
    path = catalogue_path("zh")
    kept.read_words(path)
    strings, plural = kept.read_words(path)
    assert strings == {key: entry.strings for key, entry in parse_po(path).entries.items()}
    assert plural == "0" and reads == [path]


def test_an_edited_catalogue_is_read_again(reads, po):
    kept.read_words(po)
    po.write_text(CATALOGUE.replace("一天", "一日"), encoding="utf-8")  # as long, maybe as new
    assert kept.read_words(po) == ({(None, "a day"): {0: "一日"}}, "0")
    assert reads == [po, po]


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "not ours", "not marshal",
                                    "another shape", "another catalogue"])
def test_a_damaged_entry_is_ignored_and_written_again(reads, po, tmp_path, damage):
    kept.read_words(po)
    (entry,) = entries(tmp_path)
    raw = entry.read_bytes()

    def whole(payload: bytes) -> bytes:  # an entry whose checksum matches its payload
        return kept.MAGIC + hashlib.sha256(payload).digest() + payload

    damaged = {
        "truncated": raw[: len(raw) // 2],
        "flipped byte": raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:],
        "empty": b"",
        "not ours": b"hello" * 20,
        "not marshal": whole(b"\xff\x00garbage"),
        "another shape": whole(marshal.dumps(["a", "list"])),
        "another catalogue": whole(marshal.dumps((hashlib.sha256(b"another").digest(), {(None, "a day"): {0: "别的"}}, "0"))),
    }[damage]
    entry.write_bytes(damaged)
    assert kept.read_words(po) == ({(None, "a day"): {0: "一天"}}, "0")
    assert reads == [po, po]
    assert entry.read_bytes() == raw  # written again in place


def test_a_cache_path_that_cannot_be_a_folder_is_not_a_failure(reads, po, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ZHIBIAO_CACHE_DIR", str(blocker / "cache"))
    assert kept.read_words(po) == kept.read_words(po) == ({(None, "a day"): {0: "一天"}}, "0")
    assert reads == [po, po]


def test_with_the_cache_turned_off_the_catalogue_is_read_every_time(reads, po, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_CACHE", "off")
    kept.read_words(po)
    kept.read_words(po)
    assert reads == [po, po] and entries(tmp_path) == []
