"""The project's own error types.

Every error carries a message code and its parameters, so that the same
problem can be told in Chinese or in English (see ``messages``), and where it
happened (file, line, column, and for conditions a caret excerpt). Only the
CLI turns errors into output and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from zhibiao.words import DEFAULT_LANG, N_, say
from zhibiao.words.messages import message


@dataclass(frozen=True)
class Location:
    """Where something is written: a file, and a line and column in it when known."""

    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    # A cell of a workbook is named as a spreadsheet names it (数据!C7): the
    # line is then the row and the column its letters.
    sheet: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None and self.line is not None and self.column is not None:
            return f"{self.file or '<input>'}:{self.sheet}!{column_letters(self.column)}{self.line}"
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


def column_letters(column: int) -> str:
    """A spreadsheet's name of a 1-based column: 1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class Problem:
    """One finding: an error or a warning, with where and what."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    where: Location | None = None
    severity: str = "error"  # or "warning"
    excerpt: str | None = None  # caret context for conditions

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return message(self.code, lang, **self.params)

    def text(self, lang: str) -> str:
        return self.message(lang)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        head = f"{self.where}: " if self.where else ""
        severity = say(lang, N_("error") if self.severity == "error" else N_("warning"))
        text = say(lang, N_("%(where)s%(severity)s: %(message)s"), where=head, severity=severity, message=self.message(lang))
        if self.excerpt:
            text += "\n" + self.excerpt.rstrip("\n")
        return text

    def to_json(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        where = self.where or Location()
        shown = {
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
            "file": where.file,
            "line": where.line,
            "column": where.column,
        }
        if where.sheet is not None:
            shown["sheet"] = where.sheet  # line and column are then the cell's row and column
        return shown


_E = TypeVar("_E", bound="ZhibiaoError")


class ZhibiaoError(Exception):
    """Base of all errors a user can see. Holds one or more problems."""

    exit_code = 2

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__(self.render("en"))

    def render(self, lang: str = DEFAULT_LANG) -> str:
        return "\n".join(p.render(lang) for p in self.problems)

    @classmethod
    def of(cls: type[_E], code: str, where: Location | None = None, excerpt: str | None = None, **params: Any) -> _E:
        return cls(Problem(code, params, where, "error", excerpt))


class ConditionError(ZhibiaoError):
    """A condition does not parse, or does not make sense (names, types)."""


class RuleError(ZhibiaoError):
    """A rule file is malformed or inconsistent."""


class DataError(ZhibiaoError):
    """A data file is malformed, or a value does not fit its input."""


class UsageError(ZhibiaoError):
    """The command line asks for something that cannot be done."""


class EvaluationUndefined(Exception):
    """A value cannot be computed for this city (e.g. growth on a zero base).

    Not a user error: the indicator is reported as not assessed, with why.
    """

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(code)
