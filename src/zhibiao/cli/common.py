"""Options and output helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from zhibiao.errors import Location, UsageError
from zhibiao.report import formats
from zhibiao.words import LANGS, N_, P_, Msg, say

EXIT_CODES = N_("""exit status:
  0  success
  1  the work was done, but some input failed (a bad data file among several,
     check errors, a diff that found differences)
  2  usage error, or nothing could be read (bad rule folder, unreadable data)
""")


def words(lang: str, msgid: str | tuple[str, str], /, **params: str) -> str:
    """A description or epilog for argparse, in the language of the help."""
    return say(lang, msgid, **params)


def help_words(lang: str, msgid: str, /, **params: str) -> str:
    """An argument's ``help=``, in the language of the help. argparse
    %-formats these itself (``%(default)s``), so a ``%`` the text says is
    doubled for it."""
    return words(lang, msgid, **params).replace("%", "%%")


def add_command(sub: argparse._SubParsersAction, name: str, lang: str, summary: str,
                description: str | None = None) -> argparse.ArgumentParser:
    """A command: its line in ``zhibiao --help``, the same words (or a longer
    description) at the top of its own help, and the exit statuses below."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_words(lang, summary),
                                                     description=words(lang, description or summary),
                                                     epilog=words(lang, EXIT_CODES))
    return parser


def add_lang(parser: argparse.ArgumentParser, lang: str) -> None:
    """--lang on every parser, so that it may stand anywhere on the line; its
    default is the language chosen before parsing (``zhibiao.words.choice``)."""
    parser.add_argument("--lang", choices=LANGS, default=lang, help=help_words(lang, N_(
        "language of messages, reports and help; default: ZHIBIAO_LANG, else the locale "
        "(LC_ALL, LC_MESSAGES, LANG), else zh (here: %(chosen)s)"), chosen=lang))


def add_standard(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--standard", metavar="ID_OR_FOLDER", default=None,
                        help=help_words(lang, N_("bundled edition id (see `zhibiao standards`) or an edition folder; "
                                           "default: the bundled DB37/T 3890.1-2020")))


def add_folder(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("folder", nargs="?", default=None, metavar="FOLDER",
                        help=help_words(lang, N_("edition folder (with edition.yaml) or bundled edition id; "
                                           "default: the bundled DB37/T 3890.1-2020")))


def add_format(parser: argparse.ArgumentParser, report: str, lang: str) -> None:
    """--format with the report's formats from the registry, each said in the help."""
    choices = formats.REPORTS[report]
    parts = [say(lang, N_("%(name)s: %(description)s"), name=f.name, description=Msg(f.description)) for f in choices.values()]
    parser.add_argument("--format", choices=tuple(choices), default=next(iter(choices)),
                        help=words(lang, P_("separator", "; ")).join(parts).replace("%", "%%"))


def add_output(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help=help_words(lang, N_("write the report to FILE (atomically) instead of standard output")))


def write_output(text: str, output: str | None) -> None:
    """Print, or write a file atomically: a temporary file in the same folder,
    then a rename, so an interrupted run never leaves half a report."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError.of("file_missing", Location(str(folder)), path=str(folder))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    # mkstemp makes the file private (0600); a report gets the usual mode.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
