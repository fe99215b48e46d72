"""The edition diff as JSON: change objects for programs.

Values are kept as data (numbers, rule text, types); only names and the
text of each step are in the reader's language, so the same changes can be
read by a program whatever ``--lang`` was.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from zhibiao.editions.diff import Change, EditionDiff
from zhibiao.editions.impact import Impact, Standing
from zhibiao.language import ast
from zhibiao.language.printer import rule_text
from zhibiao.language.types import VType, format_decimal
from zhibiao.report.diff_terms import Terms
from zhibiao.ruleset.model import Edition


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(format_decimal(value, 10))
    if isinstance(value, ast.Node):
        return rule_text(value)
    if isinstance(value, VType):
        return {"kind": value.kind, "unit": value.unit, "values": list(value.values) or None}
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if hasattr(value, "zh") and hasattr(value, "en"):
        return {"zh": value.zh, "en": value.en}
    return value


def _edition_json(ed: Edition, lang: str) -> dict[str, Any]:
    return {"id": ed.id, "code": ed.code, "title": ed.titles(lang), "issued": ed.issued, "effective": ed.effective,
            "fixture": ed.fixture}


def _standing_json(s: Standing) -> dict[str, Any]:
    return {"status": s.status, "stars": s.stars, "score": _json_value(s.score),
            "deduction": _json_value(s.deduction), "missing": list(s.missing)}


def _change_json(c: Change, terms: Terms) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": c.kind, "section": c.section}
    if c.indicator:
        side = "old" if c.kind == "indicator_removed" else "new"
        out["indicator"] = c.indicator
        out["indicator_name"] = terms.name(c.indicator, side)
    if c.old_id:
        out["old_id"] = c.old_id
    if c.level is not None:
        out["level"] = c.level
    if c.name is not None:
        out["name"] = c.name
    out["old"] = _json_value(c.old)
    out["new"] = _json_value(c.new)
    if c.steps:
        out["steps"] = [{"kind": s.kind, "old": _json_value(s.old), "new": _json_value(s.new), "text": terms.step(c, s)}
                        for s in c.steps]
    return out


def impact_json(impact: Impact, terms: Terms) -> dict[str, Any]:
    cities = []
    for c in impact.cities:
        cities.append({
            "file": c.file,
            "entity": c.entity,
            "period": c.period,
            "read_for": c.read_for,
            "readable": c.ok,
            "problems": {side: [p.to_json(terms.lang) for p in ps] for side, ps in c.failed.items()},
            "old_total": _json_value(c.old_total),
            "new_total": _json_value(c.new_total),
            "delta": _json_value(c.delta),
            "old_complete": c.old_complete,
            "new_complete": c.new_complete,
            "changes": [{"old_id": r.old_id, "new_id": r.new_id, "trend": r.trend,
                         "old": _standing_json(r.old), "new": _standing_json(r.new)} for r in c.rows],
            "lacking": [{"indicator": iid, "inputs": list(names)} for iid, names in c.lacking],
            "not_carried": [{"indicator": iid, "input": name} for iid, name in c.not_carried],
        })
    summary = [{"old_id": s.old_id, "new_id": s.new_id, "gained": s.gained, "lost": s.lost, "lacking": s.lacking,
                "rescored": s.rescored, "same": s.same} for s in impact.summary]
    return {"cities": cities, "summary": summary}


def diff_json(diff: EditionDiff, impact: Impact | None, lang: str) -> dict[str, Any]:
    terms = Terms(diff, lang)
    return {
        "old": _edition_json(diff.old, lang),
        "new": _edition_json(diff.new, lang),
        "equivalent": diff.equivalent,
        "changes": [_change_json(c, terms) for c in diff.changes],
        "impact": impact_json(impact, terms) if impact is not None else None,
    }
