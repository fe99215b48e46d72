"""One printer of conditions: syntax trees for the diff and ``check``,
explanation trees (with the city's values) for rationales.

Both read the same way: labels instead of input names, ≥ instead of >=, the
reader's words for and/or/not and functions, parentheses only where the
binding needs them. Rule text (``rule_text``) spells a tree in the condition
language itself, for JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from zhibiao.language import ast
from zhibiao.language.trace import Ex, ExArith, ExCall, ExCompare, ExNeg, ExValue, outcome
from zhibiao.language.types import format_decimal, format_value, shown_decimal
from zhibiao.language.unknown import UNKNOWN
from zhibiao.words import N_, P_, Localizable, fields, say
from zhibiao.words.catalogue import translator
from zhibiao.words.terms import FUNCTIONS, YES_NO, level

SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}
NEGATED = {">=": "<", ">": "≤", "<=": ">", "<": "≥", "==": "≠", "!=": "="}
_ARITH = {"*": "×", "/": "÷", "+": "+", "-": "-"}
# Binding strength of syntax-tree nodes, so that parentheses appear only where needed.
_PREC = {ast.Or: 1, ast.And: 2, ast.Not: 3, ast.Compare: 4}


def number_text(node: ast.Number) -> str:
    if node.percent:
        return format_decimal(node.value * 100, 10) + "%"
    text = format_decimal(node.value, 10)
    return f"{text} {node.unit}" if node.unit else text


def gap_text(gap: Decimal, places: int = 4) -> str:
    """A gap as a person reads it: never rounded to 0 (``≈60% < 60%，差 0
    个百分点`` would contradict itself). At least ``places`` decimals, more
    until the first non-zero digit shows; ≈ when the text is rounded."""
    if gap != 0:
        while gap.copy_abs() < _ONE_AT[places]:
            places += 1
    return shown_decimal(gap, places)


class _OneAt(dict[int, Decimal]):
    """10 to the power of minus each number of places, made when first asked."""

    def __missing__(self, places: int) -> Decimal:
        self[places] = Decimal(1).scaleb(-places)
        return self[places]


_ONE_AT = _OneAt()


def rule_text(node: ast.Node) -> str:
    """A condition in the rule language, spelled one way (for JSON)."""
    return Printer("en", rule=True).condition(node)


def flat_items(ex: Any) -> list[Any]:
    """The operands of an and/or, flattened through same-operator nesting
    and tier(n) references, so a cumulative checklist reads as one list."""
    out: list[Any] = []
    for item in ex.items:
        inner = item.operand if item.kind == "tier" else item
        if inner.kind == "logic" and inner.op == ex.op:
            out.extend(flat_items(inner))
        else:
            out.append(item)
    return out


def holds(ex: Ex) -> bool:
    """Whether a node of an explanation holds; a bare fact holds when true."""
    return bool(outcome(ex))


class Printer:
    """Print conditions for one reader: ``lang`` and the labels of names."""

    def __init__(self, lang: str, labels: Mapping[str, Localizable | str] | None = None, rule: bool = False,
                 values: Mapping[str, Localizable] | None = None):
        self.lang = lang
        self.labels = labels or {}
        self.rule = rule
        # Enum values a condition names (``completed``), by their labels (制定完成).
        self.values = values or {}
        self._said: dict[str | tuple[str, str], str] = {}
        self._translated: dict[str | tuple[str, str], str] = {}

    def say(self, msgid: str | tuple[str, str], **params: Any) -> str:
        # The same few messages are said over and over: each is looked up in
        # the catalogue once (and one without fields is said once).
        if not params:
            said = self._said.get(msgid)
            if said is None:
                said = self._said[msgid] = say(self.lang, msgid)
            return said
        words = self._translated.get(msgid)
        if words is None:
            catalogue = translator(self.lang)
            words = catalogue.pgettext(*msgid) if isinstance(msgid, tuple) else catalogue.gettext(msgid)
            self._translated[msgid] = words
        return words % fields(params, self.lang)

    def _label(self, name: str) -> str:
        label = self.labels.get(name) or self.values.get(name) or name
        return label if isinstance(label, str) else label.text(self.lang)

    def _word(self, op: str) -> str:
        return self.say({"and": N_("and"), "or": N_("or"), "not": N_("not")}[op])

    def _group(self, text: str) -> str:
        """Parentheses around a group of conditions (full-width in Chinese)."""
        return self.say(N_("(%(text)s)"), text=text)

    # -- syntax trees ----------------------------------------------------
    def condition(self, node: ast.Node, prec: int = 0) -> str:
        rule = self.rule
        match node:
            case ast.Number():
                return number_text(node)
            case ast.Name(name=name):
                if not rule and name in ast.TRUE + ast.FALSE:
                    return self.say(YES_NO[name in ast.TRUE])
                return name if rule else self._label(name)
            case ast.Call(func="tier", args=(ast.Number(value=n),)) if not rule:
                return self.say(N_("%(level)s reached"), level=level(int(n)))
            case ast.Call(func=func, args=args):
                shown = func if rule else self.say(FUNCTIONS.get(func, func))
                sep = ", " if rule else self.say(P_("arguments", ", "))
                return f"{shown}(" + sep.join(self.condition(a) for a in args) + ")"
            case ast.BinOp(op=op, left=left, right=right):
                p = 6 if op in "+-" else 7
                text = f"{self.condition(left, p)} {op if rule else _ARITH[op]} {self.condition(right, p + 1 if op in '-/' else p)}"
                return f"({text})" if p < prec else text
            case ast.Neg(operand=operand):
                return "-" + self.condition(operand, 8)
            case ast.Compare(operands=operands, ops=ops):
                parts = [self.condition(operands[0], 5)]
                for op, operand in zip(ops, operands[1:]):
                    parts += [op if rule else SYMBOL[op], self.condition(operand, 5)]
                return self._wrap(" ".join(parts), 4 < prec)
            case ast.And(items=items) | ast.Or(items=items):
                p = _PREC[type(node)]
                kind = "and" if isinstance(node, ast.And) else "or"
                word = kind if rule else self._word(kind)
                return self._wrap(f" {word} ".join(self.condition(i, p + 1) for i in items), p < prec)
            case ast.Not(operand=operand):
                word = "not" if rule else self._word("not")
                return f"{word} " + self.condition(operand, 3)
        raise TypeError(type(node).__name__)  # pragma: no cover - every node kind is listed

    def _wrap(self, text: str, needed: bool) -> str:
        if not needed:
            return text
        return f"({text})" if self.rule else self._group(text)

    # -- explanation trees -----------------------------------------------
    def value(self, ex: ExValue) -> str:
        if ex.name is None:
            # A literal as written, but an enum value by its label: 制定完成.
            return format_value(ex.value, ex.vtype, self.lang) if ex.vtype.kind == "enum" else str(ex.text)
        label = ex.label.text(self.lang) if ex.label is not None else ex.name
        if ex.value is UNKNOWN:
            return self.say(N_("%(label)s (%(value)s)"), label=label, value=self.say(N_("not given")))
        shown = format_value(ex.value, ex.vtype, self.lang)
        if ex.vtype.kind == "bool":
            return self.say(N_("%(label)s (%(value)s)"), label=label, value=shown)
        return f"{label} {shown}"

    def full(self, ex: Any, nested: bool = False, prec: int = 0) -> str:
        """The whole condition, with the values the city has."""
        kind = ex.kind
        if kind == "value":
            return self.value(ex)
        if kind == "arith":
            p = 1 if ex.op in "+-" else 2
            text = f"{self.full(ex.left, True, p)} {ex.op} {self.full(ex.right, True, p + 1 if ex.op in '-/' else p)}"
            return f"({text})" if p < prec else text
        if kind == "neg":
            return "-" + self.full(ex.operand, True, 3)
        if kind == "call":
            sep = self.say(P_("arguments", ", "))
            return self.say(FUNCTIONS[ex.func]) + "(" + sep.join(self.full(a) for a in ex.args) + ")"
        if kind == "compare":
            return f"{self.full(ex.left)} {SYMBOL[ex.op]} {self.full(ex.right)}"
        if kind == "logic":
            text = f" {self._word(ex.op)} ".join(self.full(i, True) for i in flat_items(ex))
            return self._group(text) if nested else text
        if kind == "not":
            return self.say(N_("not (%(condition)s)"), condition=self.full(ex.operand))
        if kind == "tier":
            return self.full(ex.operand, nested)
        raise TypeError(kind)  # pragma: no cover - every explanation kind is listed

    def held(self, ex: Any, nested: bool = False) -> str:
        """What held: of an "or", only the alternatives that held."""
        if ex.kind == "logic" and ex.op == "or":
            return f" {self._word('or')} ".join(self.held(i, True) for i in flat_items(ex) if holds(i))
        if ex.kind == "logic":
            text = f" {self._word('and')} ".join(self.held(i, True) for i in flat_items(ex))
            return self._group(text) if nested else text
        if ex.kind == "tier":
            return self.held(ex.operand, nested)
        return self.full(ex, nested)

    def fails(self, ex: Any) -> str:
        """What fails, and by how much."""
        kind = ex.kind
        if kind == "compare" and ex.ok is UNKNOWN:
            # Undecided for want of data: what it must be, not what it is.
            return self.full(ex)
        if kind == "compare":
            return f"{self.full(ex.left)} {NEGATED[ex.op]} {self.full(ex.right)}{self.gap(ex)}"
        if kind == "value":
            return self.value(ex)
        if kind == "logic" and ex.op == "and":
            return self.say(N_("; ")).join(self.fails(i) for i in flat_items(ex) if not holds(i))
        if kind == "logic":
            alternatives = f" {self._word('or')} ".join(self.fails(i) for i in flat_items(ex))
            return self.say(N_("one of (%(alternatives)s)"), alternatives=alternatives)
        if kind == "not":
            return self.say(N_("must not hold: %(condition)s"), condition=self.full(ex.operand))
        if kind == "tier":
            return self.fails(ex.operand)
        raise TypeError(kind)  # pragma: no cover - every explanation kind is listed

    def gap(self, ex: ExCompare) -> str:
        """How far a failed comparison is from passing, in words."""
        if ex.gap is None or ex.gap_type is None:
            return ""
        vtype = ex.gap_type
        if vtype.kind == "percent":
            short = self.say(N_("%(amount)s percentage points short"), amount=gap_text(ex.gap * 100, 2))
        elif vtype.kind == "number" and vtype.unit:
            short = self.say(N_("%(amount)s %(unit)s short"), amount=gap_text(ex.gap), unit=vtype.unit)
        elif vtype.kind == "rank":
            short = self.say(N_("%(amount)s places short"), amount=gap_text(ex.gap))
        else:
            short = self.say(N_("%(amount)s short"), amount=gap_text(ex.gap))
        if ex.op in (">", "<"):
            # 超过/小于: reaching the threshold is not enough, so say so.
            threshold = ex.right if getattr(ex.right, "name", None) is None else ex.left
            assert isinstance(threshold, (ExValue, ExArith, ExNeg, ExCall))  # a comparison compares values
            shown = format_value(outcome(threshold), threshold.vtype, self.lang)
            need = self.say(N_("must be above %(value)s") if ex.op == ">" else N_("must be below %(value)s"), value=shown)
            if ex.gap == 0:
                return self.say(N_(", %(text)s"), text=need)
            return self.say(N_(", %(need)s (%(short)s)"), need=need, short=short)
        return self.say(N_(", %(text)s"), text=short)
