"""Options and output helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from zhibiao.cli import collector
from zhibiao.errors import DataError, Location, UsageError
from zhibiao.report import formats
from zhibiao.words import LANGS, N_, P_, Joined, Msg, say

if TYPE_CHECKING:
    from zhibiao.cli.progress import Progress
    from zhibiao.evaluation.batch import Work
    from zhibiao.evaluation.evaluate import CityResult
    from zhibiao.ruleset.model import Edition

# Every command's options come from here, so it is imported to build the
# command line: what evaluates cities is imported when cities are evaluated.

EXIT_CODES = N_("""exit status:
  0  success
  1  the work was done, but some input failed (a bad data file among several,
     a data file with warnings under --strict, check errors, a failed test
     case or coverage under --fail-under, a diff that found differences)
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
    """--format with the report's formats from the registry, each said in the
    help. Left out, the format is the one whose extension ``-o FILE`` has, else
    the first (``chosen_format``, called once the line is parsed)."""
    choices = formats.REPORTS[report]
    parts = [say(lang, N_("%(name)s: %(description)s"), name=f.name, description=Msg(f.description)) for f in choices.values()]
    default = say(lang, N_("default: the format of the extension of -o FILE, else %(first)s"), first=next(iter(choices)))
    parser.add_argument("--format", choices=tuple(choices), default=None,
                        help=(words(lang, P_("separator", "; ")).join(parts) + words(lang, P_("separator", "; ")) + default)
                        .replace("%", "%%"))
    parser.set_defaults(format_report=report)


def chosen_format(args: argparse.Namespace) -> None:
    """Settle ``args.format`` of a command with ``add_format``: as given, else
    from the extension of ``-o``, so that ``-o sheet.csv`` never writes YAML
    into a .csv file."""
    report = getattr(args, "format_report", None)
    if report is None or args.format is not None:
        return
    output = getattr(args, "output", None)
    args.format = formats.by_extension(report, output)
    if args.format is None:
        # A .pdf or .xlsx the command cannot write: never the default
        # format under a name that says another.
        raise UsageError.of("output_extension", Location(str(output)), suffix=Path(str(output)).suffix,
                            extensions=Joined(tuple(formats.extensions(report))))


def add_data(parser: argparse.ArgumentParser, lang: str) -> None:
    """DATA... of a command that reads cities: every kind of source ``read_cities`` takes."""
    parser.add_argument("data", nargs="+", metavar="DATA", help=help_words(lang, N_(
        "data files of a city (YAML, JSON, long CSV), tables of many cities (CSV or .xlsx, a row per city or per value), "
        "folders (every data file inside, in name order), or - for standard input")))


def add_cities(parser: argparse.ArgumentParser, report: str, lang: str,
               extra: tuple[Callable[[argparse.ArgumentParser, str], None], ...] = ()) -> None:
    """The options of a command that reads cities and writes ``report``:
    DATA..., --standard, --strict, the command's own (``extra``), --format,
    --lang and -o."""
    add_data(parser, lang)
    add_standard(parser, lang)
    add_strict(parser, lang)
    for add in extra:
        add(parser, lang)
    add_format(parser, report, lang)
    add_lang(parser, lang)
    add_output(parser, lang)


def add_jobs(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--jobs", "-j", type=lambda text: _jobs(text, lang), default=1, metavar="N", help=help_words(lang, N_(
        "evaluate in N worker processes (0: one per processor); the output is the same, in the same order")))


def _jobs(text: str, lang: str) -> int:
    n = int(text) if text.strip().isdigit() else -1
    if n < 0:
        raise argparse.ArgumentTypeError(say(lang, N_("a number of processes (0 or more) is expected, not %(value)s"), value=text))
    return n or (os.cpu_count() or 1)


def add_strict(parser: argparse.ArgumentParser, lang: str) -> None:
    """--strict for a command that reads cities' data files (evaluate; the
    commands to come that read them too take it from here), used with
    ``evaluate_files``."""
    parser.add_argument("--strict", action="store_true", help=help_words(lang, N_(
        "treat warnings about a data file as errors: a file with percents that look like fractions, values that "
        "contradict each other, another standard named in it, or no values at all is refused (exit status 1; "
        "the other files are still evaluated)")))


@dataclass
class Tally:
    """How many of a run's cities were evaluated, and how many failed."""

    evaluated: int = 0
    unreadable: int = 0  # could not be read
    refused: int = 0  # read, and refused under --strict for their warnings

    @property
    def exit_code(self) -> int:
        if not self.evaluated and not self.refused:
            return 2  # not one city could be read
        return 1 if self.unreadable or self.refused else 0


@dataclass
class Evaluated(Tally):
    """The verdicts of a run's data files, and how many of the files failed."""

    results: list[CityResult] = field(default_factory=list)


def iter_evaluated(edition: Edition, sources: Sequence[str], lang: str, strict: bool, tally: Tally,
                   progress: Progress | None = None, work: Work | None = None, jobs: int = 1) -> Iterator[Any]:
    """Read and evaluate each city of the sources, one at a time, counting
    in ``tally``, and yield what ``work`` makes of each (the result itself
    when ``work`` is None). A city that cannot be read, or that has warnings under
    ``strict``, is reported on standard error and the others go on; a
    city's warnings are said there as it is read (above the progress bar,
    when there is one). ``jobs``: worker processes (``zhibiao.evaluation.batch``)."""
    from zhibiao.evaluation.batch import keep, outcomes

    note = progress.note if progress is not None else _to_stderr
    if jobs > 1:
        # Before the workers start: a forked one starts with the collector
        # on, and with what was loaded set aside (its pages shared, not copied).
        collector.started()
    for done in outcomes(edition, sources, work or keep, strict, jobs):
        collector.started()
        if progress is not None:
            progress.step()
        if done.unreadable:
            tally.unreadable += 1
            note(DataError(done.problems).render(lang))
            continue
        for problem in done.problems:
            note(problem.render(lang))
        if done.refused:
            tally.refused += 1
            continue
        tally.evaluated += 1
        yield done.value


def _to_stderr(text: str) -> None:
    print(text, file=sys.stderr)


def evaluate_files(edition: Edition, paths: Sequence[str], lang: str, strict: bool,
                   progress: Progress | None = None) -> Evaluated:
    """Every city of ``iter_evaluated``, held together for a report on them all."""
    out = Evaluated()
    out.results.extend(iter_evaluated(edition, paths, lang, strict, out, progress))
    return out


def report_lists_warnings(output: str | None) -> bool:
    """Whether a readable report lists the warnings that standard error has
    already said: not when the report is printed on that same terminal (the
    reader would see each one twice), always when it is read apart from it
    (written with -o, standard output redirected or piped, or on another
    terminal), so that the report is whole."""
    if output not in (None, "-"):
        return True
    return not same_terminal(sys.stdout, sys.stderr)


def same_terminal(a: TextIO, b: TextIO) -> bool:
    try:
        if not (a.isatty() and b.isatty()):
            return False
    except ValueError:  # a closed stream
        return False
    try:
        return os.fstat(a.fileno()).st_rdev == os.fstat(b.fileno()).st_rdev
    except (OSError, ValueError):
        # Two terminals that cannot be told apart: the usual interactive shell.
        return True


def add_output(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help=help_words(lang, N_("write the report to FILE (atomically) instead of standard output")))


def write_output(content: str | bytes, output: str | None) -> None:
    """Print, or write a file atomically: a temporary file in the same folder,
    then a rename, so an interrupted run never leaves half a report. Bytes (a
    workbook) go to standard output only when it is not a terminal."""
    if isinstance(content, bytes):
        # (Nor when it takes text only: standard output caught in a string.)
        if output in (None, "-") and (sys.stdout.isatty() or not hasattr(sys.stdout, "buffer")):
            raise UsageError.of("binary_to_terminal", Location("-"))
        with open_output(output, binary=True) as fh:
            fh.write(content)
        return
    with open_output(output) as out:
        out.write(content)


@contextmanager
def open_output(output: str | None, binary: bool = False) -> Iterator[IO[Any]]:
    """Standard output, or a file that appears whole: written as a temporary
    file in the same folder and renamed at the end, removed if the block
    fails (a device or a pipe is written into directly). What is written to
    standard output is flushed at the end, so a report written piece by
    piece reaches a pipe as it goes when the writer flushes too."""
    if output is None or output == "-":
        if binary:
            sys.stdout.flush()
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        else:
            yield sys.stdout
            sys.stdout.flush()
        return
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError.of("output_folder_missing", Location(str(folder)), path=str(folder))
    if target.is_dir():
        raise UsageError.of("output_is_folder", Location(str(target)), path=str(target))
    if target.exists() and not target.is_file():
        # A device or a pipe (-o /dev/null, -o /dev/stderr, a FIFO): written
        # into as it is. A rename would put a plain file in its place.
        if binary:
            with open(target, "wb") as raw:
                yield raw
        else:
            with open(target, "w", encoding="utf-8", newline="") as text:
                yield text
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    # mkstemp makes the file private (0600); a report gets the usual mode.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "wb") as raw:
            if binary:
                yield raw
            else:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                yield text
                text.flush()
                text.detach()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
