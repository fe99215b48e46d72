"""Read a gettext catalogue (.po) into a lookup table.

The catalogues are the files translators open in Poedit or Weblate; reading
them directly (instead of compiled .mo files) keeps one source of words in
the repository. Only what zhibiao's catalogues use is read: msgctxt, msgid,
msgid_plural, msgstr and msgstr[n], continued lines, comments and the
``fuzzy`` flag (a fuzzy entry is a guess, so it is not used).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zhibiao.words.plurals import PLURAL_RULES

Key = tuple[str | None, str]  # (context, msgid)


class CatalogueError(Exception):
    """A catalogue file that cannot be read; names the file and line."""


@dataclass
class Entry:
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    strings: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False
    line: int = 0


@dataclass
class Catalogue:
    entries: dict[Key, Entry]
    plural_rule: Callable[[int], int]
    nplurals: int
    plural: str = "n != 1"  # the rule as the header writes it, a key of PLURAL_RULES


def _unquote(text: str, path: Path, line: int) -> str:
    text = text.strip()
    if not (len(text) >= 2 and text[0] == text[-1] == '"'):
        raise CatalogueError(f"{path}:{line}: a quoted string is expected")
    inner = text[1:-1]
    if "\\" not in inner and '"' not in inner:
        return inner  # nothing to unescape: most strings, read at every start
    # A .po string is a C string; Python's literal syntax reads the same escapes.
    import ast

    return str(ast.literal_eval(text))


def parse_po(path: Path) -> Catalogue:
    entries: dict[Key, Entry] = {}
    current = Entry()
    target: tuple[str, int] | None = None  # which field continued lines extend

    def finish() -> None:
        nonlocal current
        if current.strings or current.msgid:
            key = (current.context, current.msgid)
            if key in entries:
                raise CatalogueError(f"{path}:{current.line}: msgid {current.msgid!r} is given twice")
            entries[key] = current
        current = Entry()

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                if current.msgid or current.strings:
                    finish()
                current.fuzzy = True
            continue
        if line.startswith('"'):
            if target is None:
                raise CatalogueError(f"{path}:{number}: a continued line without a field before it")
            kind, index = target
            piece = _unquote(line, path, number)
            if kind == "msgctxt":
                current.context = (current.context or "") + piece
            elif kind == "msgid":
                current.msgid += piece
            elif kind == "msgid_plural":
                current.plural = (current.plural or "") + piece
            else:
                current.strings[index] = current.strings.get(index, "") + piece
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and (current.strings or (keyword == "msgctxt" and current.msgid)):
            finish()
        if keyword == "msgctxt":
            current.context = _unquote(rest, path, number)
            current.line = current.line or number
            target = ("msgctxt", 0)
        elif keyword == "msgid":
            current.msgid = _unquote(rest, path, number)
            current.line = current.line or number
            target = ("msgid", 0)
        elif keyword == "msgid_plural":
            current.plural = _unquote(rest, path, number)
            target = ("msgid_plural", 0)
        elif keyword == "msgstr":
            current.strings[0] = _unquote(rest, path, number)
            target = ("msgstr", 0)
        elif keyword.startswith("msgstr[") and keyword.endswith("]") and keyword[7:-1].isdigit():
            index = int(keyword[7:-1])
            current.strings[index] = _unquote(rest, path, number)
            target = ("msgstr", index)
        else:
            raise CatalogueError(f"{path}:{number}: unknown line {line[:40]!r}")
    finish()
    header = entries.pop((None, ""), None)
    plural, nplurals = _plural_rule(header, path)
    return Catalogue({k: e for k, e in entries.items() if not e.fuzzy}, PLURAL_RULES[plural], nplurals, plural)


def _plural_rule(header: Entry | None, path: Path) -> tuple[str, int]:
    text = header.strings.get(0, "") if header else ""
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() != "plural-forms":
            continue
        parts = dict(p.strip().split("=", 1) for p in value.split(";") if "=" in p)
        expr = parts.get("plural", "0").strip().strip("()").strip()
        if expr not in PLURAL_RULES:
            raise CatalogueError(f"{path}: plural rule {expr!r} is not one zhibiao knows ({', '.join(PLURAL_RULES)})")
        return expr, int(parts.get("nplurals", "1"))
    return "n != 1", 2
