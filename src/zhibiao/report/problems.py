"""Problems as an author reads them: sorted by place, paths as typed, and
the line each one points at with a caret under the column."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from zhibiao.errors import Problem
from zhibiao.language.positions import caret


def for_authors(problems: list[Problem]) -> list[Problem]:
    """Sorted by file and position, each with its excerpt, paths relative."""
    return [relative(p) for p in with_source(sorted(problems, key=_position))]


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
