"""`zhibiao init FOLDER`: a copy of a bundled edition, to start a revision.

A pip user's bundled rules sit deep in site-packages; this puts a copy where
its author works, and says how to check, test and compare it.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from zhibiao.cli.common import add_command, add_lang, help_words, words
from zhibiao.errors import Location, UsageError
from zhibiao.ruleset.loader import DEFAULT_EDITION, bundled_editions
from zhibiao.words import N_, say


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_command(sub, "init", lang, N_("copy a bundled edition into a folder, to start a revision"))
    p.add_argument("folder", metavar="FOLDER", help=help_words(lang, N_("the folder to make (it may exist, if empty)")))
    p.add_argument("--standard", metavar="ID", default=DEFAULT_EDITION, choices=tuple(bundled_editions()),
                   help=help_words(lang, N_("the bundled edition to copy (see `zhibiao standards`); default: %(default)s"),
                                   default=DEFAULT_EDITION))
    add_lang(p, lang)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    source = bundled_editions()[args.standard]
    target = Path(args.folder)
    if target.exists() and not target.is_dir():
        raise UsageError.of("init_not_folder", Location(str(target)), path=str(target))
    if target.is_dir() and any(target.iterdir()):
        raise UsageError.of("init_not_empty", Location(str(target)), path=str(target))
    if not target.parent.is_dir():
        raise UsageError.of("output_folder_missing", Location(str(target.parent)), path=str(target.parent))
    shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    folder = str(target)
    print(words(args.lang, N_("Copied %(id)s into %(folder)s. Next:"), id=args.standard, folder=folder))
    steps = [
        (N_("edit the rules: edition.yaml (its id, code and dates) and indicators/*.yaml"), None),
        (N_("check the rule files"), f"zhibiao check {_quoted(folder)}"),
        (N_("run the authors' test cases in its tests/ folder"), f"zhibiao test {_quoted(folder)}"),
        (N_("see what the revision changes"), f"zhibiao diff {args.standard} {_quoted(folder)}"),
        (N_("evaluate cities under it"), f"zhibiao evaluate --standard {_quoted(folder)} DATA"),
    ]
    for said, command in steps:
        line = say(args.lang, N_("  - %(step)s"), step=say(args.lang, said))
        if command:
            line += say(args.lang, N_(": %(command)s"), command=command)
        print(line)
    return 0


def _quoted(path: str) -> str:
    """A path as a shell reads it back whole."""
    import shlex  # imported when run: building the command line stays quick

    return shlex.quote(path)

