"""A ranking of cities as one JSON object, and as CSV rows of the same
fields (one row per city, categories and star counts spread into columns)."""

from __future__ import annotations

import csv
import io
from typing import Any

from zhibiao.evaluation.ranking import IndicatorTally, RankedCity, Ranking
from zhibiao.report.numbers import json_number


def _stars(counts: list[int] | tuple[int, ...]) -> dict[str, int]:
    return {str(level): n for level, n in enumerate(counts)}


def city_json(ranked: RankedCity) -> dict[str, Any]:
    c = ranked.city
    return {
        "rank": ranked.rank,
        "entity": c.entity,
        "period": c.period,
        "total_score": json_number(c.total),
        "deduction": json_number(c.deduction),
        "complete": c.complete,
        "not_assessed": c.not_assessed,
        "categories": [{"id": s.id, "score": json_number(s.score), "max_score": json_number(s.max_score)} for s in c.categories],
        "stars": _stars(c.stars),
    }


def indicator_json(t: IndicatorTally, lang: str) -> dict[str, Any]:
    ind = t.indicator
    return {
        "id": ind.id,
        "name": ind.names(lang),
        # A deduction item has no star levels: it takes points off.
        "stars": None if ind.is_deduction else _stars(t.stars),
        "not_assessed": t.not_assessed,
        "points_lost": json_number(t.points_lost),
    }


def rank_json(ranking: Ranking, lang: str) -> dict[str, Any]:
    ed = ranking.edition
    return {
        "standard": {
            "id": ed.id,
            "code": ed.code,
            "title": ed.titles(lang),
            "fixture": ed.fixture,
            "max_score": json_number(ed.total),
            "categories": [{"id": c.id, "name": c.names(lang), "max_score": json_number(c.max)} for c in ed.categories.values()],
        },
        "cities": [city_json(r) for r in ranking.cities()],
        "indicators": [indicator_json(t, lang) for t in ranking.indicators()],
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def rank_csv(ranking: Ranking, lang: str) -> str:
    """One row per city with the fields of ``rank_json``'s cities: each
    category's score in a column named by its id, each star level's count
    in ``stars_N``."""
    levels = range(ranking.levels + 1)
    head = ["rank", "entity", "period", "total_score", "deduction", "complete", "not_assessed"]
    head += list(ranking.edition.categories) + [f"stars_{level}" for level in levels]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    for ranked in ranking.cities():
        c = city_json(ranked)
        row = [c[name] for name in head[:7]] + [s["score"] for s in c["categories"]] + [c["stars"][str(level)] for level in levels]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()
