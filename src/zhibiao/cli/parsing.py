"""argparse, speaking the reader's language.

argparse says some words itself: section titles, ``-h``'s help, usage
errors. It looks them up with the module-level ``gettext``/``ngettext`` it
imported, so while zhibiao builds and runs its parser those two are pointed
at zhibiao's catalogue (``speaking``). Its messages are declared below so
that the catalogue tools find them like any other message.

The formatter wraps by display width: a Chinese character takes two
columns, and a line breaks between any two of them (not before a closing
mark, not after an opening one), where textwrap would only break at spaces.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from zhibiao.report.columns import width
from zhibiao.suggest import did_you_mean
from zhibiao.words import LANGS, N_, Joined, Plural, say
from zhibiao.words.catalogue import SOURCE_LANG, translator

# argparse's own messages (Python 3.11 to 3.13), those a user can meet.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
    N_("unexpected option string: %s"),
    N_("can't open '%(filename)s': %(error)s"),
)
ARGPARSE_PLURALS = (Plural("expected %s argument", "expected %s arguments", 0),)



def _closing(c: str) -> bool:
    """A mark that must not start a line: a closing bracket or quote, or a comma, stop, colon..."""
    return unicodedata.category(c) in ("Pe", "Pf", "Po")


def _opening(c: str) -> bool:
    """A mark that must not end a line: an opening bracket or quote."""
    return unicodedata.category(c) in ("Ps", "Pi")


def lang_flag(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` gives anywhere on the line (argparse also
    takes ``--lang=en`` and any unambiguous ``--la``), before any ``--``."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        name, eq, value = arg.partition("=")
        if len(name) < 3 or not "--lang".startswith(name):
            continue
        if not eq:
            value = argv[i + 1] if i + 1 < len(argv) else ""
        if value in LANGS:
            return value
    return None


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's own words in ``lang`` while the block runs."""
    words = translator(lang)
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = words.gettext, words.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _pieces(text: str) -> list[str]:
    """Pieces a line may break between: a run of spaces, a run of narrow
    characters, or one wide character; with closing marks kept with what
    they close and opening marks with what they open."""
    raw = re.findall(r"\s+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|.", text)
    pieces: list[str] = []
    glue = False
    for raw_piece in raw:
        if pieces and not raw_piece.isspace() and (glue or _closing(raw_piece[0])):
            if pieces[-1].isspace() and len(pieces) > 1:
                # "a ）": the mark stays with the word before the space
                space = pieces.pop()
                pieces[-1] += space
            pieces[-1] += raw_piece
        else:
            pieces.append(raw_piece)
        glue = not raw_piece.isspace() and _opening(raw_piece[-1])
    return pieces


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` columns (a piece longer than
    that gets a line of its own)."""
    lines: list[str] = []
    line = ""
    space = ""
    for piece in _pieces(text):
        if piece.isspace():
            space = piece if line else ""
            continue
        if line and width(line + space + piece) > columns:
            lines.append(line)
            line, space = piece, ""
        else:
            line, space = line + space + piece, ""
    if line or not lines:
        lines.append(line)
    return lines


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help text wrapped by display width. Descriptions and epilogs keep
    the line breaks they are written with (the exit-status table). Section
    titles end with the language's colon (argparse adds an ASCII one)."""

    lang = SOURCE_LANG

    def __init__(self, prog: str, *args: Any, **kwargs: Any):
        super().__init__(prog, *args, **kwargs)
        self._headings: list[str] = []

    def start_section(self, heading: str | None) -> None:
        if heading:
            self._headings.append(heading)
        super().start_section(heading)

    def format_help(self) -> str:
        text = super().format_help()
        for heading in self._headings:
            text = text.replace(f"\n{heading}:\n", "\n" + say(self.lang, N_("%(heading)s:"), heading=heading) + "\n")
        return text

    def _split_lines(self, text: str, columns: int) -> list[str]:
        return wrap(" ".join(text.split()), columns)

    def _fill_text(self, text: str, columns: int, indent: str) -> str:
        out = []
        for line in text.splitlines():
            lead = line[: len(line) - len(line.lstrip())]
            out += [indent + lead + part for part in wrap(line.strip(), max(columns - width(lead), 10))]
        return "\n".join(out)

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
        # argparse indents the usage's next lines by len(prefix): a prefix of
        # wide characters is measured by a stand-in of its width, then put back.
        if prefix is None:
            prefix = argparse._("usage: ")  # type: ignore[attr-defined]
        stand_in = " " * width(prefix)
        text: str = super()._format_usage(usage, actions, groups, stand_in)
        return prefix + text[len(stand_in):]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own messages are in ``lang``, whose unknown
    choices get a did-you-mean, and whose usage errors say where to look."""

    def __init__(self, *args: Any, lang: str, **kwargs: Any):
        self.lang = lang  # argparse formats help while it is built
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = super()._get_formatter()
        if isinstance(formatter, Formatter):
            formatter.lang = self.lang
        return formatter

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            raise argparse.ArgumentError(action, say(
                self.lang, N_("invalid choice: '%(value)s' (choose from %(choices)s)%(hint)s"),
                value=value, choices=Joined(tuple(action.choices)),
                hint=did_you_mean(value, action.choices),
            ))

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        # argparse reports an unknown option of a command as the top level's
        # ("zhibiao: error"); the command's own usage is the one that helps.
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            where = self._command_parser(parsed) or self
            where.error(argparse._("unrecognized arguments: %s") % " ".join(extras))  # type: ignore[attr-defined]
        return parsed

    def _command_parser(self, parsed: argparse.Namespace) -> argparse.ArgumentParser | None:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                command = getattr(parsed, action.dest, None)
                found: argparse.ArgumentParser | None = action.choices.get(command) if command else None
                return found
        return None

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, say(self.lang, N_("%(prog)s: error: %(message)s\nSee '%(prog)s --help' for what it takes.\n"),
                         prog=self.prog, message=message))
