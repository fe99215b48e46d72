"""Which language zhibiao speaks when the command line does not say.

The order is the one users know from gettext programs, with zhibiao's own
variable first: ``ZHIBIAO_LANG``, then the locale of messages (``LANGUAGE``'s
list, then the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``). A locale
of a language zhibiao has no words for reads in the source language
(English); the ``C``/``POSIX`` locale, or none, says nothing of the reader's
language and leaves zhibiao's own default, Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping

from zhibiao.words import LANGS
from zhibiao.words.catalogue import SOURCE_LANG

# gettext's order: the first of these that is set is the locale of messages.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_of(tag: str) -> str | None:
    """The language zhibiao speaks for a language tag or locale name:
    ``zh_CN.UTF-8`` and ``zh-Hant`` read Chinese, ``en_GB`` English,
    ``fr_FR`` the source language; ``C``, ``POSIX`` and ``""`` none."""
    code = _code(tag)
    if code in ("", "c", "posix"):
        return None
    return code if code in LANGS else SOURCE_LANG


def _code(tag: str) -> str:
    return tag.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].casefold()


def chosen_language(flag: str | None, environ: Mapping[str, str], default: str) -> str:
    """``flag`` (``--lang``) if given, else what the environment says, else ``default``."""
    if flag:
        return flag
    own = language_of(environ.get("ZHIBIAO_LANG", ""))
    if own:
        return own
    locale = next((environ[v] for v in LOCALE_VARIABLES if environ.get(v)), "")
    if language_of(locale) is None:
        # gettext ignores LANGUAGE under the C locale, and so does zhibiao.
        return default
    # LANGUAGE lists languages by preference: the first zhibiao has words
    # for is spoken, and when it has none of them, the source language.
    wanted = [tag for tag in environ.get("LANGUAGE", "").split(":") if tag.strip()]
    for tag in wanted:
        if _code(tag) in LANGS:
            return _code(tag)
    if wanted:
        return SOURCE_LANG
    return language_of(locale) or default
