"""Coverage as JSON, for programs (a CI gate, an editor).

Shape (stable; documented in README, "Coverage of the rules by the cases")::

    {"cases": 3, "covered": 40, "total": 42, "percent": 95.2, "fail_under": null, "below": false,
     "summary": {"tier": {"covered": 10, "total": 10, "not_counted": 0}, "conjunct": ..., "threshold": ...,
                 "measure": ..., "deduction": ..., "not_assessed": ...},
     "items": [{"kind": "threshold", "indicator": "X1", "tier": 5, "file": "indicators/a.yaml", "line": 12,
                "column": 8, "condition": "rate > 90%", "logic": null, "counted": true, "covered": false,
                "missing": [{"need": "above", "low": "90%", "high": "90.1%", "text": "..."}],
                "why": []}, ...]}

Codes (``kind``, ``need``, a reason's ``code``) are the same in every
language; ``text`` is in the reader's.
"""

from __future__ import annotations

from typing import Any

from zhibiao.evaluation.coverage import Item, Need
from zhibiao.evaluation.thresholds import unkey
from zhibiao.report.coverage_terms import CoverageTerms, percent
from zhibiao.report.problems import shown_path


def coverage_json(terms: CoverageTerms) -> dict[str, Any]:
    cov = terms.coverage
    return {
        "cases": cov.cases,
        "covered": cov.covered,
        "total": cov.total,
        "percent": percent(cov.covered, cov.total),
        "fail_under": terms.fail_under,
        "below": terms.below(),
        "summary": {kind: {"covered": t.covered, "total": t.total, "not_counted": t.not_counted} for kind, t in terms.tallies()},
        "items": [_item(terms, i) for i in cov.items],
    }


def _item(terms: CoverageTerms, item: Item) -> dict[str, Any]:
    where = item.where
    return {
        "kind": item.kind,
        "indicator": item.indicator.id,
        "tier": item.level,
        "file": shown_path(where.file) if where and where.file else None,
        "line": where.line if where else None,
        "column": where.column if where else None,
        "condition": terms.condition(item) or None,
        "logic": item.logic,
        "counted": item.counted,
        "covered": item.covered,
        "missing": [_need(terms, item, n) for n in item.missing],
        "why": [{"code": w.code, "text": terms.reason(item, w)} for w in item.why],
    }


def _need(terms: CoverageTerms, item: Item, need: Need) -> dict[str, Any]:
    low = high = None
    if need.point is not None and item.vtype is not None:
        low = terms.value(unkey(need.point.low, item.vtype), item.vtype)
        high = terms.value(unkey(need.point.high, item.vtype), item.vtype)
    return {"need": need.code, "low": low, "high": high, "text": terms.need(item, need)}
