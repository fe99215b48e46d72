# PYTHON_ARGCOMPLETE_OK
"""Command line: wires loaders, evaluation and rendering together.

Only this layer turns the project's errors into messages on stderr and exit
codes: 0 success, 1 the work was done but some input failed or checks found
errors, 2 usage error or nothing could be read.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable
from typing import NoReturn

from zhibiao.cli import cases, check, collector, diff, evaluate, init, plan, rank, report, schema, standards, template
from zhibiao.cli.common import EXIT_CODES, add_lang, chosen_format, help_words, words
from zhibiao.cli.parsing import Parser, lang_flag, speaking
from zhibiao.errors import ZhibiaoError
from zhibiao.words import DEFAULT_LANG, N_, say
from zhibiao.words.choice import chosen_language

COMMANDS = {"evaluate": evaluate, "rank": rank, "report": report, "plan": plan, "standards": standards, "init": init,
            "check": check, "diff": diff, "test": cases, "schema": schema, "template": template}


def build_parser(lang: str, only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, its help in ``lang``; with ``only``, a
    command's name, that command alone (the others have dozens of options
    to build for nothing). Build and parse inside ``speaking(lang)``, so
    that argparse's own words are in ``lang`` too."""
    parser = Parser(
        prog="zhibiao",
        lang=lang,
        description=words(lang, N_("Evaluate cities against tiered indicator standards, with explained verdicts.")),
        epilog=words(lang, EXIT_CODES),
    )
    add_lang(parser, lang)
    parser.add_argument("--version", action=Version, nargs=0, help=help_words(lang, N_("show the version of zhibiao and exit")))
    # argparse calls parser_class with the parser's keywords, as a partial takes them.
    sub = parser.add_subparsers(dest="command", metavar="COMMAND",
                                parser_class=functools.partial(Parser, lang=lang))  # type: ignore[call-overload]
    sub.required = True
    for name, module in COMMANDS.items():
        if only in (None, name):
            module.register(sub, lang)
    return parser


class Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        import zhibiao

        print(f"zhibiao {zhibiao.__version__}")
        parser.exit()


def named_first(argv: list[str]) -> str | None:
    """The command a line begins with, which is then the only one it can
    run: another word, or an option first (``--help`` lists every command),
    or a shell asking for completions, needs them all."""
    if argv and argv[0] in COMMANDS and "_ARGCOMPLETE" not in os.environ:
        return argv[0]
    return None


def complete(parser: argparse.ArgumentParser) -> None:
    """Shell completion: when the shell asks (argcomplete sets
    _ARGCOMPLETE), argcomplete prints the completions and exits; otherwise
    it is not even imported, and costs nothing."""
    if "_ARGCOMPLETE" in os.environ:
        import argcomplete

        argcomplete.autocomplete(parser)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # One choice of language, before parsing, for help, usage errors,
    # messages and reports alike.
    lang = chosen_language(lang_flag(argv), os.environ, DEFAULT_LANG)
    with speaking(lang):
        parser = build_parser(lang, named_first(argv))
        complete(parser)
        args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        chosen_format(args)
        return run(args)
    except ZhibiaoError as e:
        print(e.render(lang), file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print(say(lang, N_("interrupted")), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except RecursionError:
        print(say(lang, N_("input nested too deeply")), file=sys.stderr)
        return 2


def console() -> NoReturn:
    """The ``zhibiao`` program: ``main`` on the command line, then exit with
    its status; the garbage collector spared what the run loads and leaves
    (``zhibiao.cli.collector``)."""
    collector.pause()
    try:
        status = main()
    finally:  # also after argparse's own exits (--help, --version, a usage error)
        collector.leave()
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    console()
