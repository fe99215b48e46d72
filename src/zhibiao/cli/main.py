"""Command line: wires loaders, evaluation and rendering together.

Only this layer turns the project's errors into messages on stderr and exit
codes: 0 success, 1 the work was done but some input failed or checks found
errors, 2 usage error or nothing could be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from zhibiao.cli import cases, check, diff, evaluate, schema, standards, template
from zhibiao.cli.common import EXIT_CODES, words
from zhibiao.errors import ZhibiaoError
from zhibiao.words import DEFAULT_LANG, N_, say

COMMANDS = [evaluate, standards, check, diff, cases, schema, template]
EPILOG = EXIT_CODES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhibiao",
        description=words(N_("Evaluate cities against tiered indicator standards, with explained verdicts.")),
        epilog=words(EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    lang = getattr(args, "lang", DEFAULT_LANG)
    try:
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
