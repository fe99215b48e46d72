"""A city's result as JSON: the verdicts, their values and rationales."""

from __future__ import annotations

from typing import Any

from zhibiao.data.reading import Cited
from zhibiao.evaluation.evaluate import CityResult, Verdict
from zhibiao.language.types import VType, format_value
from zhibiao.report.numbers import json_number
from zhibiao.report.render import next_tier_texts, rationales
from zhibiao.words import Bilingual


def _value_json(value: Any, vtype: VType, label: Bilingual, lang: str, computed: bool) -> dict[str, Any]:
    raw: bool | str | int | float | None
    if isinstance(value, bool) or isinstance(value, str) or value is None:
        raw = value
    elif vtype.kind == "percent":
        raw = json_number(value * 100)
    else:
        raw = json_number(value)
    unit = "%" if vtype.kind == "percent" else (vtype.unit if vtype.kind == "number" else None)
    return {
        "value": raw,
        "unit": unit,
        "text": None if value is None else format_value(value, vtype, lang),
        "label": label.text(lang),
        "computed": computed,
    }


def verdict_json(v: Verdict, lang: str, cited: dict[str, Cited] | None, rationale: str,
                 next_text: str | None) -> dict[str, Any]:
    """``cited``: the source and evidence the data file gives with a value;
    ``rationale`` and ``next_text``: the verdict's, rendered with its city's."""
    cited = cited or {}
    ind = v.indicator
    values: dict[str, Any] = {}
    for name, spec in ind.inputs.items():
        if name in v.inputs:
            values[name] = _value_json(v.inputs[name], spec.vtype, spec.labels(), lang, False)
            if name in cited:
                values[name] |= {"source": cited[name].source, "evidence": cited[name].evidence}
    for m in v.measures:
        values[m.measure.name] = _value_json(m.value, m.measure.vtype, m.measure.labels(), lang, True)
    next_tier = None
    if v.next_level is not None and v.status == "rated":
        next_tier = {"stars": v.next_level, "score": json_number(ind.weights[v.next_level]), "rationale": next_text}
    return {
        "id": ind.id,
        "name": ind.names(lang),
        "category": ind.category,
        "leading": ind.leading,
        "kind": "deduction" if ind.is_deduction else "scored",
        "stars": v.stars if v.status == "rated" else None,
        "score": json_number(v.score),
        "max_score": json_number(v.max_score),
        "deduction": json_number(v.deduction) if ind.is_deduction and v.status == "rated" else None,
        "status": v.status,
        "stars_range": list(v.stars_range) if v.stars_range is not None else None,
        "missing": v.missing,
        "deciding": v.deciding,
        "values": values,
        "rationale": rationale,
        "next_tier": next_tier,
        "notes": [n.text(lang) for n in ind.notes],
    }


def result_json(result: CityResult, lang: str) -> dict[str, Any]:
    ed = result.edition
    return {
        "standard": {"id": ed.id, "code": ed.code, "title": ed.titles(lang), "fixture": ed.fixture},
        "file": result.city.file,
        "entity": result.city.entity,
        "period": result.city.period,
        "total_score": json_number(result.total),
        "max_score": json_number(ed.total),
        "subtotal": json_number(result.subtotal),
        "deduction": json_number(result.deduction),
        "complete": result.complete,
        "total_range": [json_number(result.total_range[0]), json_number(result.total_range[1])],
        "not_assessed": [v.indicator.id for v in result.verdicts if v.status != "rated"],
        "categories": [
            {"id": c.category.id, "name": c.category.names(lang), "score": json_number(c.score), "max_score": json_number(c.max_score)}
            for c in result.categories
        ],
        "indicators": [
            verdict_json(v, lang, result.city.cited.get(v.indicator.id), why, following)
            for v, why, following in zip(result.verdicts, rationales(result.verdicts, lang),
                                         next_tier_texts(result.verdicts, lang))
        ],
        "warnings": [p.message(lang) for p in result.warnings],
        "provenance": provenance_json(result),
    }


def provenance_json(result: CityResult) -> dict[str, Any] | None:
    p = result.provenance
    if p is None:
        return None
    return {"rules_sha256": p.rules_digest, "data_sha256": p.data_digest, "tool_version": p.tool_version,
            "evaluated_on": p.evaluated_on}
