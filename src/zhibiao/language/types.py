"""Value types of inputs and expressions, and reading data values into them.

Runtime values: percent as a Decimal fraction (85 % -> 0.85, so that a count
divided by its total is a percent directly), count/rank/number as Decimal,
bool as bool, enum as the value's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

INPUT_TYPES = ("percent", "count", "rank", "number", "bool", "enum")
NUMERIC = ("percent", "count", "rank", "number", "plain")


@dataclass(frozen=True)
class VType:
    """The static type of an expression: kind plus unit or enum values."""

    kind: str  # percent count rank number plain bool enum
    unit: str | None = None
    values: tuple[str, ...] = ()

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC

    def describe(self) -> dict[str, str]:
        zh = {
            "percent": "百分比",
            "count": "计数",
            "rank": "排名",
            "number": f"数值（{self.unit}）" if self.unit else "数值",
            "plain": "无单位数",
            "bool": "是/否",
            "enum": "枚举（" + "/".join(self.values) + "）",
        }[self.kind]
        en = {
            "percent": "a percent",
            "count": "a count",
            "rank": "a rank",
            "number": f"a number in {self.unit}" if self.unit else "a number",
            "plain": "a plain number",
            "bool": "yes/no",
            "enum": "one of " + "/".join(self.values),
        }[self.kind]
        return {"zh": zh, "en": en}


PLAIN = VType("plain")
BOOL = VType("bool")
PERCENT = VType("percent")
COUNT = VType("count")

_PERCENT_TEXT = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*[%％]\s*$")
_NUMBER_TEXT = re.compile(r"^\s*[+-]?\d+(?:\.\d+)?\s*$")
TRUE_WORDS = {"true", "yes", "是", "y"}
FALSE_WORDS = {"false", "no", "否", "n"}


class BadValue(Exception):
    """A data value does not fit its type; carries the expected form (zh, en)."""

    def __init__(self, expected: dict[str, str], got: str):
        self.expected = expected
        self.got = got
        super().__init__(got)


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
    if isinstance(value, str) and _NUMBER_TEXT.match(value):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the regex already guards
            return None
    return None


def coerce(kind: str, raw: Any, values: tuple[str, ...] = ()) -> Any:
    """Turn one raw data value into the runtime value of an input type."""
    got = repr(raw) if not isinstance(raw, str) else f'"{raw}"'
    if kind == "percent":
        if isinstance(raw, str):
            m = _PERCENT_TEXT.match(raw)
            if m:
                return Decimal(m.group(1)) / 100
        number = decimal_of(raw)
        if number is None:
            raise BadValue({"zh": "百分数（如 85、\"85%\"）", "en": 'a percent (85 or "85%")'}, got)
        return number / 100
    if kind in ("count", "rank"):
        number = decimal_of(raw)
        if number is None or number != number.to_integral_value() or (kind == "count" and number < 0):
            what = {"count": ("非负整数", "a whole number"), "rank": ("正整数名次", "a whole-number rank")}[kind]
            raise BadValue({"zh": what[0], "en": what[1]}, got)
        return number.to_integral_value()
    if kind == "number":
        number = decimal_of(raw)
        if number is None:
            raise BadValue({"zh": "数值", "en": "a number"}, got)
        return number
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in TRUE_WORDS:
            return True
        if isinstance(raw, str) and raw.strip().lower() in FALSE_WORDS:
            return False
        raise BadValue({"zh": "是/否（true/false）", "en": "yes/no (true/false, 是/否)"}, got)
    if kind == "enum":
        if isinstance(raw, str) and raw.strip() in values:
            return raw.strip()
        allowed = "、".join(values)
        raise BadValue({"zh": f"以下之一：{allowed}", "en": "one of " + ", ".join(values)}, got)
    raise ValueError(kind)  # pragma: no cover - input types are validated at load


def format_decimal(value: Decimal, places: int = 4) -> str:
    """Plain text of a Decimal, at most ``places`` decimals, no exponent.

    Rounding for display only; an inexact display is marked with ≈ by callers
    via ``is_rounded``.
    """
    q = value.quantize(Decimal(1).scaleb(-places)) if value.as_tuple().exponent < -places else value
    text = format(q.normalize(), "f") if q != 0 else "0"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def is_rounded(value: Decimal, places: int = 4) -> bool:
    return value.as_tuple().exponent < -places and value != value.quantize(Decimal(1).scaleb(-places))


def format_value(value: Any, vtype: VType, lang: str = "zh") -> str:
    """A value as a person writes it: 85%, 9.9 km, 是/否."""
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if vtype.kind == "enum" or isinstance(value, str):
        return str(value)
    if vtype.kind == "percent":
        points = value * 100
        return ("≈" if is_rounded(points, 2) else "") + format_decimal(points, 2) + "%"
    text = ("≈" if is_rounded(value) else "") + format_decimal(value)
    if vtype.kind == "number" and vtype.unit:
        return f"{text} {vtype.unit}"
    return text
