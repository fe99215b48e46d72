"""How the edition diff says a change in the rules' own terms: labels
instead of input names, ≥ instead of >=, "3 stars" instead of 3.

``Terms`` is handed to the diff templates (and the diff JSON) bound to one
diff and one reader's language; every word it says comes from the
catalogues, so a language is added by translating, not by editing here.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from zhibiao.editions.diff import Change, EditionDiff, Step, orient
from zhibiao.editions.impact import Row, Standing
from zhibiao.language import ast
from zhibiao.language.printer import SYMBOL, Printer, number_text
from zhibiao.language.types import VType, choice, format_decimal
from zhibiao.report.markdown import md
from zhibiao.ruleset.model import Edition, Indicator
from zhibiao.words import N_, P_, Bilingual, Joined, say, say_n
from zhibiao.words.terms import OPERATOR_WORDS, POLICIES, YES_NO, level

NONE = "—"  # no value on this side: the same dash in every language

# How a city's standing moved, as the summary tables count it.
_TRENDS = {
    "gain": P_("trend", "up"),
    "loss": P_("trend", "down"),
    "lacking": P_("trend", "input missing"),
    "same": P_("trend", "same"),
}


class Terms:
    """Formatting helpers for the diff templates, bound to one diff and language."""

    def __init__(self, diff: EditionDiff, lang: str):
        self.diff = diff
        self.lang = lang

    def say(self, msgid: str | tuple[str, str], **params: Any) -> str:
        return say(self.lang, msgid, **params)

    # editions and indicators
    def edition(self, side: str) -> Edition:
        return self.diff.old if side == "old" else self.diff.new

    def indicator(self, iid: str | None, side: str = "new") -> Indicator | None:
        return self.edition(side).indicators.get(iid) if iid else None

    def name(self, iid: str | None, side: str = "new") -> str:
        ind = self.indicator(iid, side)
        return ind.names(self.lang) if ind else ""

    def named(self, iid: str | None, side: str = "new") -> str:
        """``L4P10 5G network coverage``: id and name."""
        return f"{iid} {self.name(iid, side)}".strip() if iid else ""

    def old_side(self, change: Change) -> str | None:
        """The indicator's id in the older edition."""
        if change.kind == "indicator_removed":
            return change.indicator
        return change.old_id or change.indicator

    def category(self, cid: str | None, side: str = "new") -> str:
        cat = self.edition(side).categories.get(cid) if cid else None
        return f"{cid} {cat.names(self.lang)}" if cat else (cid or "")

    def level(self, n: int) -> str:
        return level(n).text(self.lang)

    def title(self, side: str) -> str:
        return self.edition(side).titles(self.lang)

    # values
    def num(self, value: Decimal | None) -> str:
        return NONE if value is None else format_decimal(Decimal(value), 10)

    def points(self, value: Decimal | None) -> str:
        """``0.6 points``, ``1 point``."""
        # Points are decimals: only exactly one takes the singular.
        return say_n(self.lang, "%(points)s point", "%(points)s points", 1 if value == 1 else 2, points=self.num(value))

    def signed(self, value: Decimal | None) -> str:
        if value is None:
            return NONE
        text = format_decimal(abs(Decimal(value)), 10)
        return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "±0")

    def value(self, value: Any) -> str:
        if value is None:
            return NONE
        if isinstance(value, bool):
            return self.say(YES_NO[value])
        if isinstance(value, Decimal):
            return self.num(value)
        return str(value)

    def vtype(self, vtype: VType) -> str:
        return vtype.describe().text(self.lang)

    def yes_no(self, vtype: VType) -> str:
        """How an input takes a yes/no answer."""
        if vtype.kind == "bool":
            return self.say(N_("yes/no is the input's own type"))
        if vtype.yes_no is None:
            return self.say(N_("not accepted"))
        yes, no = (choice(vtype, v) for v in vtype.yes_no)
        return self.say(N_("a yes reads as %(yes)s, a no as %(no)s"), yes=yes, no=no)

    def range(self, bounds: tuple) -> str:
        lo, hi, exclusive = bounds
        if lo is None and hi is None:
            return self.say(P_("range", "any"))
        left = ("(" if exclusive else "[") + (self.num(lo) if lo is not None else "-∞")
        return f"{left}, {self.num(hi) if hi is not None else '+∞'}]"

    def policy(self, selection: str) -> str:
        return self.say(POLICIES[selection]) if selection in POLICIES else selection

    def pair(self, value: tuple) -> str:
        """A (zh, en) pair of names, in the report's language."""
        return Bilingual(*value).text(self.lang)

    # conditions
    def labels(self, iid: str | None, side: str) -> dict[str, Bilingual]:
        ind = self.indicator(iid, side)
        return ind.labels() if ind else {}

    def expr(self, node: ast.Node | None, iid: str | None, side: str = "new") -> str:
        if node is None:
            return NONE
        ind = self.indicator(iid, side)
        return Printer(self.lang, self.labels(iid, side), values=ind.value_labels() if ind else {}).condition(node)

    def label(self, iid: str | None, name: str, side: str = "new") -> str:
        found = self.labels(iid, side).get(name)
        return found.text(self.lang) if found is not None else name

    def op_word(self, op: str) -> str:
        return self.say(OPERATOR_WORDS[op])

    def step(self, change: Change, step: Step) -> str:
        """One step of a changed condition, in the rules' terms."""
        old_id = self.old_side(change)
        if step.kind == "conjunct_added":
            return f"+ {self.say(N_('and'))} {self.expr(step.new, change.indicator, 'new')}"
        if step.kind == "conjunct_dropped":
            return f"− {self.say(N_('and'))} {self.expr(step.old, old_id, 'old')}"
        if step.kind == "rewritten":
            return f"{self.expr(step.old, old_id, 'old')} → {self.expr(step.new, change.indicator, 'new')}"
        # threshold, operator, comparison: both sides are comparisons (diff.condition_steps)
        assert isinstance(step.old, ast.Compare) and isinstance(step.new, ast.Compare)
        a, b = orient(step.old), orient(step.new)
        assert isinstance(a, ast.Compare) and isinstance(b, ast.Compare)
        was, now = a.operands[-1], b.operands[-1]
        # Said once when the quantity compared reads the same in both
        # editions; a relabelled or retyped input is named on both sides.
        subject = self.expr(b.operands[0], change.indicator, "new")
        if (len(a.operands) == 2 and isinstance(was, ast.Number) and isinstance(now, ast.Number)
                and subject == self.expr(a.operands[0], old_id, "old")):
            text = (f"{subject} {SYMBOL[a.ops[0]]} {number_text(was)}"
                    f" → {SYMBOL[b.ops[0]]} {number_text(now)}")
        else:
            text = f"{self.expr(a, old_id, 'old')} → {self.expr(b, change.indicator, 'new')}"
        if step.kind in ("operator", "comparison"):
            words = " → ".join(self.op_word(x) for x in (a.ops[0], b.ops[0]))
            text += self.say(N_(" (%(operators)s)"), operators=words)
        return text

    def notes(self, change: Change) -> tuple[list[str], list[str]]:
        """Notes dropped and notes added, in the report's language."""
        old = [n.text(self.lang) for n in change.old]
        new = [n.text(self.lang) for n in change.new]
        return [n for n in old if n not in new], [n for n in new if n not in old]

    def md(self, text: Any) -> str:
        return md(text)

    # impact
    def standing(self, s: Standing, row: Row | None = None) -> str:
        if s.status == "absent":
            return self.say(N_("— (no such indicator)"))
        if s.status == "not_assessed":
            return self.say(N_("not assessed"))
        if s.deduction is not None:
            return self.say(N_("−%(points)s points"), points=self.num(s.deduction))
        return self.level(s.stars or 0)

    def trend(self, row: Row) -> str:
        return self.say(_TRENDS[row.trend])

    def row_name(self, row: Row) -> str:
        if row.new_id is None:
            return self.named(row.old_id, "old")
        if row.old_id is not None and row.old_id != row.new_id:
            return f"{row.old_id} → {self.named(row.new_id)}"
        return self.named(row.new_id)

    def inputs(self, iid: str, names: Iterable[str], not_carried: Iterable[tuple[str, str]] = ()) -> str:
        """Inputs by label and name; those whose value could not be carried
        over because the input changed type say so."""
        not_carried = list(not_carried)
        parts = []
        for n in names:
            note = self.say(N_("; its type changed, so the old value cannot be used")) if (iid, n) in not_carried else ""
            parts.append(self.say(N_("%(label)s (%(name)s%(note)s)"), label=self.label(iid, n), name=n, note=note))
        return Joined(tuple(parts)).text(self.lang)

    def count_indicators(self) -> int:
        return len({c.indicator for c in self.diff.changes if c.indicator})
