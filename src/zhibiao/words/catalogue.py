"""The words of zhibiao in each language, looked up by their English text.

English is the source language: a message's English text is its id
(gettext's msgid), written once where the message is used (``N_``, ``Msg``,
``Plural`` in Python; ``_()``/``ngettext()`` in templates). Every other
language is a catalogue ``locale/<lang>/LC_MESSAGES/zhibiao.po``. Messages are
``%``-format strings with named fields (``%(name)s``), in Python and in
templates alike, so one id serves both.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from zhibiao.resources import resource_dir
from zhibiao.words.plurals import PLURAL_RULES

if TYPE_CHECKING:
    from zhibiao.words.po import Key

SOURCE_LANG = "en"
DOMAIN = "zhibiao"


def catalogue_path(lang: str, root: Path | None = None) -> Path:
    return (root or resource_dir("locale")) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> tuple[str, ...]:
    """The source language and every language with a catalogue."""
    root = resource_dir("locale")
    found = sorted(p.name for p in root.iterdir() if catalogue_path(p.name, root).is_file()) if root.is_dir() else []
    return (SOURCE_LANG, *(lang for lang in found if lang != SOURCE_LANG))


class Translator:
    """gettext and ngettext for one language: ``strings`` holds each
    (context, msgid)'s translations by plural index; None for the source
    language, whose ids are its words."""

    def __init__(self, lang: str, strings: dict[Key, dict[int, str]] | None, plural: str = "n != 1"):
        self.lang = lang
        self.strings = strings
        self.plural_rule = PLURAL_RULES[plural]

    def gettext(self, msgid: str) -> str:
        return self.pgettext(None, msgid)

    def pgettext(self, context: str | None, msgid: str) -> str:
        found = self.strings.get((context, msgid)) if self.strings else None
        text = found.get(0) if found else None
        return text or msgid

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self.strings.get((None, singular)) if self.strings else None
        if found is None:
            return singular if PLURAL_RULES["n != 1"](n) == 0 else plural
        text = found.get(self.plural_rule(int(n)))
        return text or (singular if n == 1 else plural)


@cache
def translator(lang: str) -> Translator:
    if lang == SOURCE_LANG:
        return Translator(lang, None)
    path = catalogue_path(lang)
    if not path.is_file():
        return Translator(lang, None)
    from zhibiao.words.kept import read_words

    strings, plural = read_words(path)
    return Translator(lang, strings, plural)
