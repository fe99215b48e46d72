"""How a coverage report says what the cases miss: each item where it is
written, what it is, and in words what no case shows yet (or why no city
could show it).

``CoverageTerms`` is handed to the coverage templates (and the coverage
JSON) bound to one coverage and one reader's language; every word comes from
the catalogues.
"""

from __future__ import annotations

from typing import Any

from zhibiao.evaluation.coverage import KINDS, Coverage, Item, Need, Tally, Why
from zhibiao.evaluation.thresholds import Line, unkey
from zhibiao.language.printer import rule_text
from zhibiao.language.types import VType, format_value
from zhibiao.report.markdown import md
from zhibiao.report.problems import shown_path
from zhibiao.words import N_, P_, Joined, Msg, Plural, say
from zhibiao.words.terms import level

# Each kind of item, as the summary line counts it.
KIND_WORDS = {
    "tier": N_("tiers %(covered)s/%(total)s"),
    "conjunct": N_("conjuncts %(covered)s/%(total)s"),
    "threshold": N_("thresholds %(covered)s/%(total)s"),
    "measure": N_("measures %(covered)s/%(total)s"),
    "deduction": N_("deductions %(covered)s/%(total)s"),
    "not_assessed": N_("not-assessed paths %(covered)s/%(total)s"),
}

KIND_NAMES = {
    "tier": P_("coverage", "tiers"),
    "conjunct": P_("coverage", "conjuncts"),
    "threshold": P_("coverage", "thresholds"),
    "measure": P_("coverage", "measures"),
    "deduction": P_("coverage", "deductions"),
    "not_assessed": P_("coverage", "not-assessed paths"),
}

# What no case shows yet, by need.
NEEDS = {
    "true": N_("no case meets it"),
    "false": N_("no case fails it"),
    "computed": N_("no case computes it"),
    "zero": N_("no case with nothing deducted"),
    "positive": N_("no case with points deducted"),
    "missing_input": N_("no case leaves it not assessed for want of an input"),
}
DECIDES = {
    "and": N_("no case in which it alone fails the tier (the rest of the condition holding)"),
    "or": N_("no case in which it alone meets the tier (the rest of the condition failing)"),
}

WHY = {
    "always_holds": N_("it holds for every value the data allow, %(range)s: there is no boundary to sit on"),
    "always_fails": N_("it fails for every value the data allow, %(range)s: there is no boundary to sit on"),
    "never_met": N_("no values the data allow meet it"),
    "never_failed": N_("no values the data allow fail it"),
    "never_decides": N_("no values the data allow let it decide its tier alone"),
    "never_at": N_("no values the data allow put it %(point)s while it decides its tier"),
}


def percent(covered: int, total: int) -> float:
    """A share in percent, rounded down to 0.1 so that it never shows 100
    while something is missing."""
    return 100.0 if total == 0 else (covered * 1000 // total) / 10


class CoverageTerms:
    """Formatting helpers for the coverage templates, bound to one coverage,
    one language and the coverage asked for (``--fail-under``)."""

    def __init__(self, coverage: Coverage, lang: str, fail_under: float | None = None):
        self.coverage = coverage
        self.lang = lang
        self.fail_under = fail_under

    def say(self, msgid: str | tuple[str, str], **params: Any) -> str:
        return say(self.lang, msgid, **params)

    # the whole
    def tallies(self) -> list[tuple[str, Tally]]:
        return [(kind, self.coverage.tally(kind)) for kind in KINDS]

    def kind(self, kind: str) -> str:
        return self.say(KIND_NAMES[kind])

    def summary(self) -> str:
        """``tiers 96/96, conjuncts 41/44, thresholds 112/130, ...``"""
        parts = [Msg(KIND_WORDS[kind], covered=t.covered, total=t.total) for kind, t in self.tallies()]
        return Joined(tuple(parts)).text(self.lang)

    def percent(self) -> str:
        return f"{percent(self.coverage.covered, self.coverage.total):g}%"

    def cases(self) -> str:
        return Plural("%(num)s case", "%(num)s cases", self.coverage.cases).text(self.lang)

    def below(self) -> bool:
        return self.fail_under is not None and self.coverage.below(self.fail_under)

    def required(self) -> str:
        return f"{self.fail_under:g}%"

    def missing(self) -> list[Item]:
        return [i for i in self.coverage.items if i.counted and not i.covered]

    def not_counted(self) -> list[Item]:
        return [i for i in self.coverage.items if not i.counted]

    def places(self, items: list[Item]) -> list[tuple[Item, list[str]]]:
        """Items grouped by the piece of condition they stand at (a part of an
        ``and`` that is a threshold too is one place), each with what its
        items need, or for items not counted why."""
        groups: dict[tuple, tuple[Item, list[str]]] = {}
        for item in items:
            place = (self.where(item), self.subject(item), self.condition(item))
            said = self.needs(item) if item.counted else self.why(item)
            groups.setdefault(place, (item, []))[1].extend(said)
        return list(groups.values())

    # one item
    def where(self, item: Item) -> str:
        w = item.where
        if w is None:
            return ""
        return ":".join(str(x) for x in (shown_path(w.file or ""), w.line, w.column) if x is not None)

    def subject(self, item: Item) -> str:
        """``L1P4 4 stars``, ``L1P11 measure``, ``L5P6 deduction``, ``L1P1 E-licence usage rate``."""
        ind = item.indicator
        if item.level is not None:
            return self.say(N_("%(id)s %(level)s"), id=ind.id, level=level(item.level))
        if item.kind == "measure":
            return self.say(N_("%(id)s measure"), id=ind.id)
        if item.kind == "deduction":
            return self.say(N_("%(id)s deduction"), id=ind.id)
        return self.say(N_("%(id)s %(name)s"), id=ind.id, name=ind.names(self.lang))

    def condition(self, item: Item) -> str:
        """The condition, part or formula, in the rule language."""
        if item.node is None:
            return ""
        text = rule_text(item.node)
        if item.name is not None:
            return f"{item.name} = {text}"
        return text

    def needs(self, item: Item) -> list[str]:
        return [self.need(item, n) for n in item.missing]

    def need(self, item: Item, need: Need) -> str:
        if need.code == "decides":
            return self.say(DECIDES[item.logic or "and"])
        if need.point is not None:
            return self.say(N_("no case %(point)s where it decides its tier"), point=self.point(item, need))
        return self.say(NEEDS[need.code])

    def point(self, item: Item, need: Need) -> str:
        """``at exactly 85%``, ``just below 60% (from 59.9%)``, ``at 12 (the next value below 13)``."""
        p = need.point
        assert p is not None and item.vtype is not None  # a threshold's need
        vtype = item.vtype
        literal = self.value(item.literal, vtype)
        if p.exact and p.side == "at":
            return self.say(N_("at exactly %(value)s"), value=literal)
        if p.exact:
            words = N_("at %(value)s (the next value below %(literal)s)") if p.side == "below" else \
                N_("at %(value)s (the next value above %(literal)s)")
            return self.say(words, value=self.value(unkey(p.low, vtype), vtype), literal=literal)
        if p.side == "below":
            return self.say(N_("just below %(literal)s (from %(low)s)"), literal=literal, low=self.value(p.low, vtype))
        return self.say(N_("just above %(literal)s (up to %(high)s)"), literal=literal, high=self.value(p.high, vtype))

    def value(self, value: Any, vtype: VType) -> str:
        return format_value(value, vtype, self.lang)

    def why(self, item: Item) -> list[str]:
        return [self.reason(item, w) for w in item.why]

    def reason(self, item: Item, why: Why) -> str:
        if why.code == "never_at" and why.need is not None:
            return self.say(WHY["never_at"], point=self.point(item, why.need))
        if why.line is not None:
            return self.say(WHY[why.code], range=self.range(why.line, item.vtype))
        return self.say(WHY[why.code])

    def range(self, line: Line, vtype: VType | None) -> str:
        """The values a line admits: ``[1, 16]``, ``(0 km, +∞)``, ``0% / 20% / … / 100%``."""
        if vtype is None:
            return ""
        if line.kind == "finite":
            shown = [self.value(unkey(k, vtype), vtype) for k in line.values]
            return " / ".join(shown) if len(shown) <= 6 else f"{shown[0]} / {shown[1]} / … / {shown[-1]}"
        low = "-∞" if line.lo is None else self.value(line.lo, vtype)
        high = "+∞" if line.hi is None else self.value(line.hi, vtype)
        return f"{'(' if line.lo is None or line.lo_open else '['}{low}, {high}{')' if line.hi is None else ']'}"

    def md(self, text: Any) -> str:
        return md(text)
