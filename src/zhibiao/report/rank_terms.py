"""How a ranking of cities is said: the heads and cells of its tables, in
one reader's language, for the text, Markdown and workbook reports alike.

``RankTerms`` is handed to the rank templates bound to one ranking and one
language; numbers are shown as the other reports show them, every word
comes from the catalogues.
"""

from __future__ import annotations

from zhibiao.evaluation.ranking import IndicatorTally, RankedCity, Ranking
from zhibiao.report.columns import table
from zhibiao.report.numbers import num
from zhibiao.words import N_, P_, say

# How many indicators the report names as costing the most points.
MOST_LOST = 10


def star_head(level: int) -> str:
    """The head of the column counting indicators at ``level`` stars: a
    sign, the same in every language."""
    return f"★{level}"


class RankTerms:
    def __init__(self, ranking: Ranking, lang: str):
        self.ranking = ranking
        self.lang = lang
        self.edition = ranking.edition
        self.cities: list[RankedCity] = ranking.cities()
        self.tallies: list[IndicatorTally] = ranking.indicators()
        self.levels = list(range(ranking.levels, -1, -1))  # most stars first, as a reader looks for them

    def say(self, msgid: str | tuple[str, str], **params: object) -> str:
        return say(self.lang, msgid, **params)

    # -- the cities ------------------------------------------------------------
    def city_head(self) -> list[str]:
        return ([self.say(N_("Rank")), self.say(N_("Entity")), self.say(N_("Period")), self.say(N_("Total")),
                 self.say(P_("column", "Deducted"))]
                + list(self.edition.categories)
                + [star_head(level) for level in self.levels]
                + [self.say(P_("column", "Not assessed"))])

    def city_right(self) -> list[bool]:
        """Which columns of the cities' table hold numbers."""
        return [True, False, False] + [True] * (len(self.city_head()) - 3)

    def city_rows(self) -> list[list[str]]:
        rows = []
        for ranked in self.cities:
            c = ranked.city
            rows.append([str(ranked.rank), c.entity, c.period or "", num(c.total), num(c.deduction)]
                        + [num(s.score) for s in c.categories]
                        + [str(c.stars[level]) for level in self.levels]
                        + [str(c.not_assessed) if c.not_assessed else ""])
        return rows

    def city_lines(self) -> list[str]:
        return table([self.city_head()] + self.city_rows(), self.city_right())

    def categories(self) -> list[str]:
        """What the category columns stand for: ``L1 数字惠民 (20)``."""
        return [self.say(N_("%(id)s %(name)s (of %(max)s)"), id=c.id, name=c.names(self.lang), max=num(c.max))
                for c in self.edition.categories.values()]

    def incomplete(self) -> int:
        """How many cities have indicators not assessed."""
        return sum(not r.city.complete for r in self.cities)

    # -- the indicators ----------------------------------------------------------
    def indicator_head(self) -> list[str]:
        return ([self.say(N_("Indicator"))] + [star_head(level) for level in self.levels]
                + [self.say(P_("column", "Not assessed")), self.say(N_("Points lost")), self.say(N_("Name"))])

    def indicator_right(self) -> list[bool]:
        return [False] + [True] * (len(self.levels) + 2) + [False]

    def indicator_rows(self) -> list[list[str]]:
        rows = []
        for t in self.tallies:
            ind = t.indicator
            # A deduction item has no star levels: it takes points off.
            stars = [""] * len(self.levels) if ind.is_deduction else [str(t.stars[level]) for level in self.levels]
            rows.append([ind.id] + stars + [str(t.not_assessed) if t.not_assessed else "", num(t.points_lost), self.name(t)])
        return rows

    def name(self, t: IndicatorTally) -> str:
        if t.indicator.is_deduction:
            return self.say(N_("%(name)s (deduction item)"), name=t.indicator.names(self.lang))
        return t.indicator.names(self.lang)

    def indicator_lines(self) -> list[str]:
        return table([self.indicator_head()] + self.indicator_rows(), self.indicator_right())

    def most_lost(self) -> list[str]:
        """The indicators that cost the cities the most points together."""
        lines = []
        for t in self.ranking.most_lost(MOST_LOST):
            ind = t.indicator
            of = ind.max_score * len(self.cities)
            if ind.is_deduction:
                lines.append(self.say(N_("%(id)s %(name)s: %(points)s points deducted"), id=ind.id, name=ind.names(self.lang),
                                      points=num(t.points_lost)))
            else:
                lines.append(self.say(N_("%(id)s %(name)s: %(points)s of %(of)s points lost"), id=ind.id,
                                      name=ind.names(self.lang), points=num(t.points_lost), of=num(of)))
        return lines
