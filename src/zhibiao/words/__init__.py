"""One source of words: every sentence zhibiao says, in every language.

A message is written once, in English, where it is used; its translations
live in the catalogues (``zhibiao.words.catalogue``). Code that must say
something before it knows the reader's language builds a ``Msg`` (or a
``Plural``): a message id and its fields, turned into text by ``text(lang)``
when the language is known. Fields may themselves be messages, or words
from rule files (``Bilingual``), and are put in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from zhibiao.words.catalogue import translator
from zhibiao.words.visible import visible

DEFAULT_LANG = "zh"
LANGS = ("zh", "en")


def N_(msgid: str) -> str:
    """Mark a message id for extraction; it is translated where it is shown."""
    return msgid


class Localizable(Protocol):
    def text(self, lang: str) -> str: ...


def localize(value: Any, lang: str) -> Any:
    """A field of a message, in ``lang``: messages and bilingual words are
    turned into text, anything else is left as it is."""
    # Duck-typed: isinstance against a runtime-checkable Protocol costs more
    # than the rest of rendering a rationale.
    method = getattr(value, "text", None)
    return method(lang) if callable(method) else value


def fields(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The fields of a message, as it shows them in ``lang``."""
    # A field may hold text from a data or rule file: it is shown with its
    # control and invisible characters escaped (zhibiao's own words have none).
    fields = {}
    for key, value in params.items():
        method = getattr(value, "text", None)
        if callable(method):
            value = method(lang)
        fields[key] = visible(value) if isinstance(value, str) else value
    return fields


def P_(context: str, msgid: str) -> tuple[str, str]:
    """Mark a message id that needs a context: the same English word said
    in two places that other languages say differently."""
    return context, msgid


def say(lang: str, msgid: str | tuple[str, str], /, **params: Any) -> str:
    """The message ``msgid`` (or ``(context, msgid)``) in ``lang``, its
    fields filled in."""
    if isinstance(msgid, tuple):
        return translator(lang).pgettext(*msgid) % fields(params, lang)
    return translator(lang).gettext(msgid) % fields(params, lang)


def say_n(lang: str, singular: str, plural: str, n: int, /, **params: Any) -> str:
    """A message that depends on a number (``num`` is that number)."""
    params.setdefault("num", n)
    return translator(lang).ngettext(singular, plural, n) % fields(params, lang)


@dataclass(frozen=True)
class Msg:
    """A message to be said later, in the reader's language."""

    msgid: str | tuple[str, str]
    params: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, msgid: str | tuple[str, str], /, **params: Any):
        object.__setattr__(self, "msgid", msgid)
        object.__setattr__(self, "params", params)

    def text(self, lang: str) -> str:
        return say(lang, self.msgid, **self.params)


@dataclass(frozen=True)
class Plural:
    """A message whose words follow a number: ``1 change`` / ``2 changes``."""

    singular: str
    plural: str
    n: int
    params: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, singular: str, plural: str, n: int, /, **params: Any):
        object.__setattr__(self, "singular", singular)
        object.__setattr__(self, "plural", plural)
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "params", params)

    def text(self, lang: str) -> str:
        return say_n(lang, self.singular, self.plural, self.n, **self.params)


@dataclass(frozen=True)
class Bilingual:
    """Words an author wrote in a rule file: Chinese, and English if given
    (a reader of another language sees the English, else the Chinese)."""

    zh: str
    en: str | None = None

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" or not self.en else self.en


@dataclass(frozen=True)
class Joined:
    """Several pieces shown as one list, with the language's separator
    (or a ``separator`` that is the same in every language, such as "/")."""

    items: tuple[Any, ...]
    separator: str | None = None

    def text(self, lang: str) -> str:
        separator = say(lang, N_(", ")) if self.separator is None else self.separator
        return separator.join(visible(str(localize(i, lang))) for i in self.items)


@dataclass(frozen=True)
class Verbatim:
    """Text that is the same in every language (a name, a path, a value)."""

    value: str

    def text(self, lang: str) -> str:
        return self.value
