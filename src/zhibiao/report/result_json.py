"""A city's result as JSON: the verdicts, their values and rationales."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zhibiao.data.reading import Cited
from zhibiao.evaluation.evaluate import CityResult, Verdict, explain_all
from zhibiao.language.types import VType, format_value
from zhibiao.report.numbers import json_number
from zhibiao.report.render import next_tier_texts, rationales
from zhibiao.ruleset.model import Indicator


@dataclass(frozen=True)
class _Words:
    """What the JSON of an indicator says the same for every city, in one
    language: worked out once per batch, not once per city."""

    name: str
    kind: str
    max_score: int | float | None
    notes: tuple[str, ...]
    labels: dict[str, str]  # of each input and measure


# By the indicator's id() and the language; the indicator is kept with its
# entry, so the id is never reused while the entry lives.
_WORDS: dict[tuple[int, str], tuple[Indicator, _Words]] = {}


def _words(ind: Indicator, lang: str) -> _Words:
    found = _WORDS.get((id(ind), lang))
    if found is not None and found[0] is ind:
        return found[1]
    labels = {name: spec.labels().text(lang) for name, spec in ind.inputs.items()}
    labels |= {name: m.labels().text(lang) for name, m in ind.measures.items()}
    words = _Words(ind.names(lang), "deduction" if ind.is_deduction else "scored", json_number(ind.max_score),
                   tuple(n.text(lang) for n in ind.notes), labels)
    _WORDS[(id(ind), lang)] = (ind, words)
    return words


def _value_json(value: Any, vtype: VType, label: str, lang: str, computed: bool) -> dict[str, Any]:
    raw: bool | str | int | float | None
    kind = vtype.kind
    if isinstance(value, bool) or isinstance(value, str) or value is None:
        raw = value
    elif kind == "percent":
        raw = json_number(value * 100)
    else:
        raw = json_number(value)
    return {
        "value": raw,
        "unit": "%" if kind == "percent" else (vtype.unit if kind == "number" else None),
        "text": None if value is None else format_value(value, vtype, lang),
        "label": label,
        "computed": computed,
    }


def verdict_json(v: Verdict, lang: str, cited: dict[str, Cited] | None, rationale: str,
                 next_text: str | None) -> dict[str, Any]:
    """``cited``: the source and evidence the data file gives with a value;
    ``rationale`` and ``next_text``: the verdict's, rendered with its city's."""
    ind = v.indicator
    words = _words(ind, lang)
    labels = words.labels
    values: dict[str, Any] = {}
    given = v.inputs
    for name, spec in ind.inputs.items():
        if name in given:
            values[name] = _value_json(given[name], spec.vtype, labels[name], lang, False)
            if cited and name in cited:
                values[name] |= {"source": cited[name].source, "evidence": cited[name].evidence}
    for m in v.measures:
        values[m.measure.name] = _value_json(m.value, m.measure.vtype, labels[m.measure.name], lang, True)
    rated = v.status == "rated"
    next_tier = None
    if v.next_level is not None and rated:
        next_tier = {"stars": v.next_level, "score": json_number(ind.weights[v.next_level]), "rationale": next_text}
    return {
        "id": ind.id,
        "name": words.name,
        "category": ind.category,
        "leading": ind.leading,
        "kind": words.kind,
        "stars": v.stars if rated else None,
        "score": json_number(v.score),
        "max_score": words.max_score,
        "deduction": json_number(v.deduction) if ind.deduction is not None and rated else None,
        "status": v.status,
        "stars_range": list(v.stars_range) if v.stars_range is not None else None,
        "missing": v.missing,
        "deciding": v.deciding,
        "values": values,
        "rationale": rationale,
        "next_tier": next_tier,
        "notes": list(words.notes),
    }


def result_json(result: CityResult, lang: str) -> dict[str, Any]:
    ed = result.edition
    explain_all(result.verdicts)
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
