"""The report evaluators hand over: one document for one or more cities,
with charts, per-indicator detail, the improvement plan and provenance.

This module gathers what the templates write (``document.html.j2``,
``document.md.j2``): the ranking, each city's star profile, the geometry of
its charts (the templates draw them as SVG), the comparison of a city given
for two periods. It holds no words.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from zhibiao.evaluation.evaluate import CityResult, Verdict
from zhibiao.evaluation.plan import Plan, make_plan
from zhibiao.report.numbers import num
from zhibiao.ruleset.model import Edition

# Chart geometry, in SVG user units (the page scales them).
RADAR_SIZE = 300  # height; the width leaves room for the labels
RADAR_WIDTH = 460  # at least: wider when the labels need it
RADAR_RADIUS = 110
FONT = 12  # px, as the stylesheet sets svg text
LABEL_MOST = 300  # px: a longer label is cut with … (the whole text in its tooltip)
BAR_WIDTH = 220
BAR_LABEL = 150  # room left of the bars for their labels, at least


@dataclass(frozen=True)
class Spoke:
    """One category on the radar: its axis end, its point, where its label goes."""

    label: str
    score: Decimal
    maximum: Decimal
    axis: tuple[float, float]
    point: tuple[float, float]
    text_at: tuple[float, float]
    anchor: str  # start / middle / end
    text: str = ""  # the label with its score, cut with … when too long


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    center: tuple[float, float]
    spokes: tuple[Spoke, ...]
    rings: tuple[str, ...]  # polygon points of the 25/50/75/100 % rings

    @property
    def polygon(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (s.point for s in self.spokes))


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    maximum: Decimal
    width: float  # of the filled part, out of BAR_WIDTH
    anchor: str | None = None  # a link target, for the ranking
    text: str = ""  # the label as drawn: cut with … when too long


@dataclass(frozen=True)
class Change:
    verdict_before: Verdict
    verdict_after: Verdict

    @property
    def gained(self) -> int:
        return (self.verdict_after.stars or 0) - (self.verdict_before.stars or 0)


@dataclass(frozen=True)
class Comparison:
    """A city given for two periods: stars gained and lost between them."""

    before: CityResult
    changes: tuple[Change, ...]

    @property
    def gained(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.gained > 0)

    @property
    def lost(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.gained < 0)


@dataclass
class CityReport:
    result: CityResult
    plan: Plan
    anchor: str
    rank: int = 0
    comparison: Comparison | None = None
    profile: dict[str, int] = field(default_factory=dict)  # "0".."5" and "na" -> how many indicators
    radar: Radar | None = None
    bars: tuple[Bar, ...] = ()

    @property
    def not_assessed(self) -> list[Verdict]:
        return [v for v in self.result.verdicts if v.status != "rated"]


@dataclass
class Document:
    edition: Edition
    cities: list[CityReport]
    target: Decimal | None
    ranking: tuple[Bar, ...] = ()

    @property
    def ranked(self) -> list[CityReport]:
        return sorted(self.cities, key=lambda c: c.rank)

    @property
    def several(self) -> bool:
        return len(self.cities) > 1

    # Chart geometry the templates use: the room left of the bars fits the
    # widest of their labels.
    bar_width = BAR_WIDTH

    @property
    def bar_label(self) -> int:
        bars = [*self.ranking, *(b for c in self.cities for b in c.bars)]
        return max(BAR_LABEL, math.ceil(max((text_width(b.text) for b in bars), default=0)) + 12)


def build(results: Sequence[CityResult], lang: str, target: Decimal | None = None) -> Document:
    edition = results[0].edition
    cities = [CityReport(r, make_plan(r, target), f"city-{n}") for n, r in enumerate(results, start=1)]
    for c in cities:
        c.profile = profile(c.result)
        c.radar = radar([(cat.category.names(lang), cat.score, cat.max_score) for cat in c.result.categories])
        c.bars = tuple(_bar(f"{cat.category.id} {cat.category.names(lang)}", cat.score, cat.max_score) for cat in c.result.categories)
    order = sorted(cities, key=lambda c: (-c.result.total, c.anchor))
    for n, c in enumerate(order, start=1):
        c.rank = n
    _compare_periods(cities)
    ranking = tuple(_bar(_city_name(c.result), c.result.total, edition.total, c.anchor) for c in order)
    return Document(edition, cities, target, ranking)


def _city_name(r: CityResult) -> str:
    return f"{r.city.entity} {r.city.period}" if r.city.period else r.city.entity


def text_width(text: str) -> float:
    """How wide ``text`` is drawn, near enough to make room for it: a CJK
    character takes a full em, a Latin letter or digit a little over half."""
    return sum(FONT if unicodedata.east_asian_width(ch) in "WF" else FONT * 0.62 for ch in text)


def fitted(text: str, most: float = LABEL_MOST) -> str:
    """``text``, cut with … where it would be wider than ``most``."""
    if text_width(text) <= most:
        return text
    kept = ""
    for ch in text:
        if text_width(kept + ch + "…") > most:
            break
        kept += ch
    return kept + "…"


def share(score: Decimal, maximum: Decimal) -> Decimal:
    return min(Decimal(1), score / maximum) if maximum else Decimal(0)


def _bar(label: str, value: Decimal, maximum: Decimal, anchor: str | None = None) -> Bar:
    return Bar(label, value, maximum, round(float(share(value, maximum)) * BAR_WIDTH, 1), anchor, fitted(label))


def profile(result: CityResult) -> dict[str, int]:
    counts = {str(n): 0 for n in range(6)} | {"na": 0}
    for v in result.verdicts:
        if v.indicator.is_deduction:
            continue
        counts["na" if v.status != "rated" or v.stars is None else str(v.stars)] += 1
    return counts


def radar(spokes: list[tuple[str, Decimal, Decimal]]) -> Radar:
    """Spokes (label, score, maximum); each point sits at score / maximum of its axis."""
    n = max(3, len(spokes))
    # Labels stand left and right of the circle: the chart is as wide as
    # the circle and its widest label on either side.
    texts = [fitted(f"{label} {num(score)}/{num(maximum)}") for label, score, maximum in spokes]
    side = max((text_width(t) for t in texts), default=0)
    width = max(RADAR_WIDTH, math.ceil(2 * (RADAR_RADIUS + 14 + side + 6)))
    c, cy = width / 2, RADAR_SIZE / 2

    def at(i: int, r: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return (round(c + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1))

    drawn = []
    for i, (label, score, maximum) in enumerate(spokes):
        x, _ = at(i, RADAR_RADIUS + 14)
        anchor = "middle" if abs(x - c) < 1 else ("start" if x > c else "end")
        part = float(share(score, maximum))
        drawn.append(Spoke(label, score, maximum, at(i, RADAR_RADIUS), at(i, RADAR_RADIUS * part), at(i, RADAR_RADIUS + 14), anchor,
                           texts[i]))
    rings = tuple(" ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, RADAR_RADIUS * f) for i in range(n))) for f in (0.25, 0.5, 0.75, 1))
    return Radar(width, RADAR_SIZE, (c, cy), tuple(drawn), rings)


def _compare_periods(cities: list[CityReport]) -> None:
    """A city given for two periods or more: each period against the one before it."""
    by_entity: dict[str, list[CityReport]] = {}
    for c in cities:
        by_entity.setdefault(c.result.city.entity, []).append(c)
    for same in by_entity.values():
        dated = sorted((c for c in same if c.result.city.period), key=lambda c: str(c.result.city.period))
        for before, after in zip(dated, dated[1:]):
            if before.result.city.period == after.result.city.period:
                continue
            pairs = zip(before.result.verdicts, after.result.verdicts)
            changes = tuple(Change(b, a) for b, a in pairs
                            if not a.indicator.is_deduction and b.status == a.status == "rated" and b.stars != a.stars)
            after.comparison = Comparison(before.result, changes)
