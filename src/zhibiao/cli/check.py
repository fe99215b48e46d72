"""`zhibiao check [FOLDER]`: every problem of an edition's rule files.

Errors (what the loader refuses) and warnings (what the checker finds odd),
each with file:line:column and the line it points at, sorted by position.
Exit 0 with only warnings, 1 with errors; --strict counts warnings as errors.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from zhibiao.cli.common import add_folder, add_lang, add_output, help_words, write_output
from zhibiao.errors import Problem
from zhibiao.language.parser import caret
from zhibiao.report.formats import dumps
from zhibiao.ruleset.checker import check
from zhibiao.ruleset.loader import inspect_edition
from zhibiao.words import N_
from zhibiao.words.messages import message


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help=help_words(N_("check the rule files of an edition (structure, conditions, meaning)")))
    add_folder(p)
    p.add_argument("--strict", action="store_true", help=help_words(N_("count warnings as errors (exit 1 when there is any)")))
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_lang(p)
    add_output(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    inspection = inspect_edition(args.folder)
    problems = inspection.problems + check(inspection)
    if args.strict:
        problems = [replace(p, severity="error") for p in problems]
    problems = [relative(p) for p in with_source(sorted(problems, key=_position))]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    folder = shown_path(str(inspection.folder))
    if args.format == "json":
        report = {
            "folder": folder,
            "errors": errors,
            "warnings": warnings,
            "problems": [dict(p.to_json(args.lang), excerpt=p.excerpt) for p in problems],
        }
        write_output(dumps(report), args.output)
    else:
        lines = [p.render(args.lang) for p in problems]
        lines.append(message("check_summary", args.lang, folder=folder, errors=errors, warnings=warnings))
        write_output("\n".join(lines) + "\n", args.output)
    return 1 if errors else 0


def _position(p: Problem) -> tuple:
    where = p.where
    if where is None:
        return ("", 0, 0)
    return (where.file or "", where.line or 0, where.column or 0)


def shown_path(file: str) -> str:
    """A path under the working folder as a relative one, as an author would type it."""
    path = Path(file)
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return file
    return file


def relative(p: Problem) -> Problem:
    if p.where is None or not p.where.file:
        return p
    return replace(p, where=replace(p.where, file=shown_path(p.where.file)))


def with_source(problems: list[Problem]) -> list[Problem]:
    """Give each problem that has a line but no excerpt the line it points at,
    with a caret under the column: the offending text, as the author wrote it."""
    texts: dict[str, list[str] | None] = {}
    out = []
    for p in problems:
        where = p.where
        if p.excerpt or where is None or not where.file or not where.line:
            out.append(p)
            continue
        if where.file not in texts:
            try:
                texts[where.file] = Path(where.file).read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError):
                texts[where.file] = None
        lines = texts[where.file]
        if lines is None or where.line > len(lines):
            out.append(p)
            continue
        out.append(replace(p, excerpt=caret(lines[where.line - 1], 1, where.column or 1)))
    return out
