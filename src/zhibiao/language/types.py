"""Value types of inputs and expressions, and reading data values into them.

Runtime values: percent as a Decimal fraction (85 % -> 0.85, so that a count
divided by its total is a percent directly), count/rank/number as Decimal,
bool as bool, enum as the value's name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from zhibiao.words import N_, P_, Bilingual, Joined, Msg, say
from zhibiao.words.visible import Echo, echo

INPUT_TYPES = ("percent", "count", "rank", "number", "bool", "enum")
NUMERIC = ("percent", "count", "rank", "number", "plain")


@dataclass(frozen=True)
class VType:
    """The static type of an expression: kind plus unit or enum values."""

    kind: str  # percent count rank number plain bool enum
    unit: str | None = None
    values: tuple[str, ...] = ()
    # What each enum value is called, in the order of ``values``; names
    # alone decide type equality, so relabelling a value changes no type.
    labels: tuple[Bilingual, ...] = field(default=(), compare=False)
    # The values a yes and a no answer stand for, when the rule file says so
    # (an input that was yes/no in an earlier contract and is graded now);
    # data, not type: it decides how values are read, not what compares.
    yes_no: tuple[str, str] | None = field(default=None, compare=False)

    def label(self, value: str) -> Bilingual:
        """The words for an enum value (its name when none were given)."""
        if value in self.values and len(self.labels) == len(self.values):
            return self.labels[self.values.index(value)]
        return Bilingual(value, value)

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC

    def describe(self) -> Msg:
        """What kind of value this is, in words."""
        if self.kind == "number" and self.unit:
            return Msg(N_("a number in %(unit)s"), unit=self.unit)
        if self.kind == "enum":
            return Msg(P_("type", "one of %(values)s"), values=Joined(tuple(choice(self, v) for v in self.values), " / "))
        return Msg(_KIND_WORDS[self.kind])


_KIND_WORDS = {
    "percent": N_("a percent"),
    "count": N_("a count"),
    "rank": N_("a rank"),
    "number": N_("a number"),
    "plain": N_("a plain number"),
    "bool": N_("yes/no"),
}


PLAIN = VType("plain")
BOOL = VType("bool")
PERCENT = VType("percent")
COUNT = VType("count")

# Matched after ``numeric_text``: ASCII digits, sign, point and percent sign.
_PERCENT_TEXT = re.compile(r"^\s*([+-]?[0-9]+(?:\.[0-9]+)?)\s*%\s*$")
_NUMBER_TEXT = re.compile(r"^\s*[+-]?[0-9]+(?:\.[0-9]+)?\s*$")
# The yes/no words a data file may write (besides true/false themselves), in
# yes-no pairs; read case-folded. The data JSON Schema lists the same words.
YES_NO_WORDS = ("是", "否", "yes", "no", "true", "false", "y", "n")
TRUE_WORDS = set(YES_NO_WORDS[0::2])
FALSE_WORDS = set(YES_NO_WORDS[1::2])


class BadValue(Exception):
    """A data value does not fit its type; carries the expected form (zh, en)."""

    def __init__(self, expected: Msg, got: Echo):
        self.expected = expected
        self.got = got
        super().__init__(got)


def numeric_text(text: str) -> str:
    """A number as typed, in the characters the parser reads: Unicode
    normalisation (NFKC) turns full-width digits, signs, points and percent
    signs (８５．５％, as Chinese input methods type them) and no-break or
    ideographic spaces into their plain forms; the minus sign − becomes -."""
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-")


# A number Excel shows in its "General" format once it has more than 11
# digits: 1.2E+11.
_SCIENTIFIC = re.compile(r"^[+-]?[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]{1,3}$")
# Digits grouped in thousands, as spreadsheets show them: 10,001 or 1,234,567.5.
_GROUPED = re.compile(r"^([+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?)(\s*%)?$")


def spreadsheet_text(text: str, unit: str | None = None) -> str:
    """A number as a spreadsheet or a person writes it, in the characters
    the parser reads (``numeric_text``): thousands separators dropped
    (10,001 -> 10001, 1,200% -> 1200%), a power of ten written out (Excel
    shows 120000000000 as 1.2E+11), and the input's own unit after the
    number dropped (30Mbit/s and 30 Mbit/s -> 30 for an input in Mbit/s;
    5000万元 -> 5000 for one in 万元). Any other text is left as it is, to be
    refused as it would have been: 1,5 is not read as one and a half, nor
    30km as 30 Mbit/s."""
    text = numeric_text(text).strip()
    if unit:
        suffix = numeric_text(unit).strip()
        if suffix and len(text) > len(suffix) and text.casefold().endswith(suffix.casefold()):
            text = text[: -len(suffix)].rstrip()
    grouped = _GROUPED.match(text)
    if grouped:
        text = grouped.group(1).replace(",", "") + (grouped.group(2) or "")
    elif _SCIENTIFIC.match(text):
        text = format(Decimal(text), "f")
    return text


def decimal_of(value: Any) -> Decimal | None:
    """Read an int, a float (through its text) or a numeric string as Decimal."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # Through the shortest text (repr), so 0.1 stays 0.1 and not its binary expansion.
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, str) and _NUMBER_TEXT.match(text := numeric_text(value)):
        try:
            return Decimal(text.strip())
        except InvalidOperation:  # pragma: no cover - the regex already guards
            return None
    return None


def coerce(vtype: VType, raw: Any) -> Any:
    """Turn one raw data value into the runtime value of an input type.

    An enum value may be given by its name or by its label in either
    language (``published``, ``已发布``).
    """
    kind = vtype.kind
    if kind == "percent":
        if isinstance(raw, str):
            m = _PERCENT_TEXT.match(spreadsheet_text(raw))
            if m:
                return Decimal(m.group(1)) / 100
        number = decimal_of(spreadsheet_text(raw) if isinstance(raw, str) else raw)
        if number is None:
            raise BadValue(Msg(N_('a percent (85 or "85%%")')), echo(raw))
        return number / 100
    if kind in ("count", "rank"):
        number = decimal_of(spreadsheet_text(raw) if isinstance(raw, str) else raw)
        if number is None or number != number.to_integral_value() or (kind == "count" and number < 0):
            raise BadValue(Msg(N_("a whole number") if kind == "count" else N_("a whole-number rank")), echo(raw))
        return number.to_integral_value()
    if kind == "number":
        number = decimal_of(spreadsheet_text(raw, vtype.unit) if isinstance(raw, str) else raw)
        if number is None:
            # A number written with another unit (30 km for Mbit/s) is told the one it needs.
            expected = Msg(N_("a number in %(unit)s"), unit=vtype.unit) if vtype.unit else Msg(N_("a number"))
            raise BadValue(expected, echo(raw))
        return number
    if kind == "bool":
        answer = _yes_no(raw)
        if answer is None:
            raise BadValue(Msg(N_("yes/no (true/false, 是/否)")), echo(raw))
        return answer
    if kind == "enum":
        if isinstance(raw, str):
            found = _enum_value(vtype, raw.strip())
            if found is not None:
                return found
        if vtype.yes_no is not None:
            answer = _yes_no(raw)
            if answer is not None:
                return vtype.yes_no[0] if answer else vtype.yes_no[1]
        choices = Joined(tuple(choice(vtype, v) for v in vtype.values))
        if vtype.yes_no:
            yes, no = (choice(vtype, v) for v in vtype.yes_no)
            raise BadValue(Msg(N_("one of %(values)s, or yes/no (yes is %(yes)s, no is %(no)s)"), values=choices, yes=yes, no=no), echo(raw))
        raise BadValue(Msg(N_("one of %(values)s"), values=choices), echo(raw))
    raise ValueError(kind)  # pragma: no cover - input types are validated at load


def _yes_no(raw: Any) -> bool | None:
    """A yes/no answer as data files give it, or None when ``raw`` is none."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in TRUE_WORDS:
        return True
    if isinstance(raw, str) and raw.strip().lower() in FALSE_WORDS:
        return False
    return None


def _enum_value(vtype: VType, text: str) -> str | None:
    if text in vtype.values:
        return text
    for value in vtype.values:
        label = vtype.label(value)
        if text == label.zh or (label.en and text.casefold() == label.en.casefold()):
            return value
    return None


@dataclass(frozen=True)
class choice:  # noqa: N801 - read as a function: choice(vtype, value)
    """An enum value as a person picks it: its name, with its label in the
    reader's language when that differs (``drafting（正在制定）``)."""

    vtype: VType
    value: str

    def text(self, lang: str) -> str:
        label = self.vtype.label(self.value).text(lang)
        return self.value if label == self.value else say(lang, N_("%(name)s (%(label)s)"), name=self.value, label=label)


def format_decimal(value: Decimal, places: int = 4) -> str:
    """Plain text of a Decimal, at most ``places`` decimals, no exponent.

    Rounding for display only; an inexact display is marked with ≈ by callers
    via ``is_rounded``.
    """
    return _display(value, places)[1]


def is_rounded(value: Decimal, places: int = 4) -> bool:
    return _display(value, places)[0]


def shown_decimal(value: Decimal, places: int = 4) -> str:
    """``format_decimal``'s text, with ≈ in front when it is rounded."""
    rounded, text = _display(value, places)
    return "≈" + text if rounded else text


# A city shows each of its values two or three times (its JSON, its
# rationale, the next tier) and every city the same weights and scores: each
# text is worked out once, found again by the number as written (hashing a
# Decimal that is not whole costs more than writing it).
_SHOWN: dict[tuple[str, int], tuple[bool, str]] = {}
_SHOWN_KEPT = 8192


def _display(value: Decimal, places: int) -> tuple[bool, str]:
    """Whether showing ``value`` at ``places`` decimals rounds it, and the text."""
    key = (str(value), places)
    found = _SHOWN.get(key)
    if found is None:
        if len(_SHOWN) >= _SHOWN_KEPT:
            _SHOWN.clear()
        found = _SHOWN[key] = _worked_out(value, places)
    return found


def _worked_out(value: Decimal, places: int) -> tuple[bool, str]:
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:  # NaN and infinities have none
        q = value.quantize(Decimal(1).scaleb(-places))
        rounded = value != q
    else:
        q, rounded = value, False
    text = format(q.normalize(), "f") if q != 0 else "0"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return rounded, text


def format_value(value: Any, vtype: VType, lang: str = "zh") -> str:
    """A value as a person writes it: 85%, 9.9 km, 是/否."""
    if isinstance(value, bool):
        return say(lang, N_("yes") if value else N_("no"))
    if vtype.kind == "enum":
        return vtype.label(str(value)).text(lang)
    if isinstance(value, str):
        return value
    if vtype.kind == "percent":
        return shown_decimal(value * 100, 2) + "%"
    text = shown_decimal(value)
    if vtype.kind == "number" and vtype.unit:
        return f"{text} {vtype.unit}"
    return text
