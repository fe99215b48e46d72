"""Options and output helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from zhibiao.errors import Location, UsageError
from zhibiao.report import formats
from zhibiao.words import DEFAULT_LANG, LANGS, N_, P_, say

# The language of --help: chosen before the parser is built (English for now).
HELP_LANG = "en"

EXIT_CODES = N_("""exit status:
  0  success
  1  the work was done, but some input failed (a bad data file among several,
     check errors, a diff that found differences)
  2  usage error, or nothing could be read (bad rule folder, unreadable data)
""")


def words(msgid: str) -> str:
    """A description or epilog for argparse, in the help language."""
    return say(HELP_LANG, msgid)


def help_words(msgid: str) -> str:
    """An argument's ``help=``, in the help language. argparse %-formats these
    itself (``%(default)s``), so a ``%`` the text says is doubled for it."""
    return words(msgid).replace("%", "%%")


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                        help=help_words(N_("language of messages and rationales (default zh)")))


def add_standard(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--standard", metavar="ID_OR_FOLDER", default=None,
                        help=help_words(N_("bundled edition id (see `zhibiao standards`) or an edition folder; "
                                           "default: the bundled DB37/T 3890.1-2020")))


def add_folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", default=None, metavar="FOLDER",
                        help=help_words(N_("edition folder (with edition.yaml) or bundled edition id; "
                                           "default: the bundled DB37/T 3890.1-2020")))


def add_format(parser: argparse.ArgumentParser, report: str) -> None:
    """--format with the report's formats from the registry, each said in the help."""
    choices = formats.REPORTS[report]
    parts = [say(HELP_LANG, N_("%(name)s: %(description)s"), name=f.name, description=f.description) for f in choices.values()]
    parser.add_argument("--format", choices=tuple(choices), default=next(iter(choices)),
                        help=words(P_("separator", "; ")).join(parts).replace("%", "%%"))


def add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help=help_words(N_("write the report to FILE (atomically) instead of standard output")))


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
