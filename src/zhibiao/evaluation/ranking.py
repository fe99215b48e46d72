"""Many cities side by side: their order by total, and what each indicator
gives and costs across them all.

A ranking is built one city at a time (``Ranking.add``) and keeps of each
city only the few numbers a ranking shows (``CitySummary``), never its
verdicts, so that thousands of cities take little memory. Per indicator it
keeps running counts.

Equal totals share a rank, and the next rank skips as many places as share
it ("1, 2, 2, 4"); among equals, cities keep the order they were read in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from zhibiao.evaluation.evaluate import CityResult
from zhibiao.ruleset.model import Edition, Indicator


@dataclass(frozen=True)
class CategoryScore:
    id: str
    score: Decimal
    max_score: Decimal


@dataclass(frozen=True)
class CitySummary:
    """What a ranking keeps of one city's result."""

    entity: str
    period: str | None
    file: str
    total: Decimal
    deduction: Decimal
    complete: bool
    not_assessed: int  # indicators, the deduction item included
    categories: tuple[CategoryScore, ...]
    stars: tuple[int, ...]  # scored indicators rated at 0, 1, ... stars

    @classmethod
    def of(cls, result: CityResult, levels: int) -> CitySummary:
        stars = [0] * (levels + 1)
        for v in result.verdicts:
            if v.status == "rated" and v.stars is not None:
                stars[v.stars] += 1
        return cls(
            entity=result.city.entity,
            period=result.city.period,
            file=result.city.file,
            total=result.total,
            deduction=result.deduction,
            complete=result.complete,
            not_assessed=sum(v.status != "rated" for v in result.verdicts),
            categories=tuple(CategoryScore(c.category.id, c.score, c.max_score) for c in result.categories),
            stars=tuple(stars),
        )


@dataclass(frozen=True)
class CityDigest:
    """Everything a ranking counts of one city: its summary, and per
    indicator (in the edition's order) whether it was rated, its stars and
    the points it lost. Small, and made where the city is evaluated (a
    worker process with --jobs)."""

    summary: CitySummary
    verdicts: tuple[tuple[bool, int | None, Decimal], ...]


def digest(result: CityResult, levels: int) -> CityDigest:
    lost = []
    for v in result.verdicts:
        if v.indicator.is_deduction:
            points = v.deduction or Decimal(0)
        else:
            points = v.max_score - v.score
        lost.append((v.status == "rated", v.stars, points))
    return CityDigest(CitySummary.of(result, levels), tuple(lost))


@dataclass(frozen=True)
class RankedCity:
    rank: int
    city: CitySummary


@dataclass
class IndicatorTally:
    """One indicator across the cities: how many reach each star level, how
    many could not be assessed, and the points they lose on it (of its
    maximum, for a scored indicator: not assessed scores 0 and so loses all;
    for a deduction item, the points it takes off)."""

    indicator: Indicator
    stars: list[int]
    not_assessed: int = 0
    points_lost: Decimal = Decimal(0)


@dataclass
class Ranking:
    edition: Edition
    summaries: list[CitySummary] = field(default_factory=list)
    tallies: dict[str, IndicatorTally] = field(default_factory=dict)
    levels: int = field(init=False)  # the highest star level of the edition

    def __post_init__(self) -> None:
        self.levels = max((level for ind in self.edition.indicators.values() for level in ind.tiers), default=0)
        for ind in self.edition.indicators.values():
            self.tallies[ind.id] = IndicatorTally(ind, [0] * (self.levels + 1))

    def add(self, result: CityResult) -> None:
        """Count one city in; nothing of ``result`` but its summary is kept."""
        self.add_digest(digest(result, self.levels))

    def add_digest(self, city: CityDigest) -> None:
        """Count in a city ``digest`` made, wherever it was made."""
        self.summaries.append(city.summary)
        for tally, (rated, stars, lost) in zip(self.tallies.values(), city.verdicts):
            if not rated:
                tally.not_assessed += 1
            elif stars is not None:
                tally.stars[stars] += 1
            tally.points_lost += lost

    def cities(self) -> list[RankedCity]:
        """The cities by total, highest first, equal totals sharing a rank."""
        ordered = sorted(self.summaries, key=lambda c: -c.total)  # stable: equals stay in reading order
        ranked: list[RankedCity] = []
        for place, city in enumerate(ordered, start=1):
            tied = ranked and ranked[-1].city.total == city.total
            ranked.append(RankedCity(ranked[-1].rank if tied else place, city))
        return ranked

    def indicators(self) -> list[IndicatorTally]:
        """Every indicator, in the edition's order."""
        return list(self.tallies.values())

    def most_lost(self, count: int) -> list[IndicatorTally]:
        """The ``count`` indicators on which the cities lose the most points
        together (none that costs nothing), most first, the edition's order
        among equals."""
        lost = [t for t in self.tallies.values() if t.points_lost > 0]
        return sorted(lost, key=lambda t: -t.points_lost)[:count]
