"""Turn verdict objects into rationales, text reports and JSON.

Jinja runs in an ImmutableSandboxedEnvironment with StrictUndefined: a
template can read the verdicts it is given and nothing of Python's inside.
Autoescape is on for HTML templates only; text templates trim blocks.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from zhibiao.errors import Location, Problem, UsageError
from zhibiao.evaluation.evaluate import CityResult, Verdict
from zhibiao.language.trace import Ex, outcome
from zhibiao.language.types import VType, format_decimal, format_value
from zhibiao.resources import resource_dir
from zhibiao.ruleset.model import LEVEL_NAMES

LANGS = ("zh", "en")
NEGATED = {">=": "<", ">": "≤", "<=": ">", "<": "≥", "==": "≠", "!=": "="}
SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}


def _fmt(value: Any, vtype: VType, lang: str) -> str:
    return format_value(value, vtype, lang)


def _gap(ex: Ex, lang: str) -> str:
    """How far a failed comparison is from passing, in words."""
    if ex.gap is None:
        return ""
    vtype = ex.gap_type
    if vtype.kind == "percent":
        amount = format_decimal(ex.gap * 100, 2)
        short = f"差 {amount} 个百分点" if lang == "zh" else f"{amount} percentage points short"
    elif vtype.kind == "number" and vtype.unit:
        amount = format_decimal(ex.gap)
        short = f"差 {amount} {vtype.unit}" if lang == "zh" else f"{amount} {vtype.unit} short"
    elif vtype.kind == "rank":
        amount = format_decimal(ex.gap)
        short = f"差 {amount} 名" if lang == "zh" else f"{amount} places short"
    else:
        amount = format_decimal(ex.gap)
        short = f"差 {amount}" if lang == "zh" else f"{amount} short"
    if ex.op in (">", "<"):
        # 超过/小于: reaching the threshold is not enough, so say so.
        threshold = ex.right if ex.right.name is None else ex.left
        shown = format_value(threshold.value, threshold.vtype, lang)
        if lang == "zh":
            need = f"须{'超过' if ex.op == '>' else '小于'} {shown}"
            return f"，{need}" if ex.gap == 0 else f"，{need}（{short}）"
        need = f"must be {'above' if ex.op == '>' else 'below'} {shown}"
        return f", {need}" if ex.gap == 0 else f", {need} ({short})"
    return f"，{short}" if lang == "zh" else f", {short}"


def _items(ex: Ex) -> list[Ex]:
    """The operands of an and/or, flattened through same-operator nesting
    and tier(n) references, so a cumulative checklist reads as one list."""
    out: list[Ex] = []
    for item in ex.items:
        inner = item.operand if item.kind == "tier" else item
        if inner.kind == "logic" and inner.op == ex.op:
            out.extend(_items(inner))
        else:
            out.append(item)
    return out


def _ok(ex: Ex) -> bool:
    """Whether a node of an explanation holds; a bare fact holds when true."""
    return bool(outcome(ex))


@lru_cache(maxsize=4)
def environment(template_root: str | None = None) -> ImmutableSandboxedEnvironment:
    root = Path(template_root) if template_root else resource_dir("templates")
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(root)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "html.j2"), default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["fmt"] = _fmt
    env.filters["num"] = lambda d: format_decimal(Decimal(d), 4)
    env.globals["gap"] = _gap
    env.globals["negated"] = NEGATED
    env.globals["symbol"] = SYMBOL
    env.globals["levels"] = LEVEL_NAMES
    env.globals["ok"] = _ok
    env.globals["items"] = _items
    return env


def render_template(name: str, lang: str, template_root: str | None = None, **context: Any) -> str:
    env = environment(template_root)
    try:
        return env.get_template(f"{lang}/{name}").render(lang=lang, **context)
    except SecurityError as e:
        raise UsageError(Problem("template_unsafe", {"name": name, "detail": str(e)}, Location(f"{lang}/{name}"))) from None
    except UndefinedError as e:
        raise UsageError(Problem("template_undefined", {"name": name, "detail": str(e)}, Location(f"{lang}/{name}"))) from None
    except TemplateError as e:
        raise UsageError(Problem("template_error", {"name": name, "detail": str(e)}, Location(f"{lang}/{name}"))) from None


def rationale(verdict: Verdict, lang: str) -> str:
    return render_template("rationale.txt.j2", lang, v=verdict).strip()


def next_tier_text(verdict: Verdict, lang: str) -> str | None:
    if verdict.next_level is None or verdict.status != "rated":
        return None
    return render_template("next_tier.txt.j2", lang, v=verdict).strip()


def missing_text(verdict: Verdict, lang: str) -> str:
    return render_template("missing.txt.j2", lang, v=verdict).strip()


# -- JSON -----------------------------------------------------------------
def _number(d: Decimal | None) -> int | float | None:
    if d is None:
        return None
    d = Decimal(d)
    if d == d.to_integral_value():
        return int(d)
    return float(format_decimal(d, 10))


def _value_json(value: Any, vtype: VType, label: dict[str, str], lang: str, computed: bool) -> dict[str, Any]:
    if isinstance(value, bool) or isinstance(value, str) or value is None:
        raw = value
    elif vtype.kind == "percent":
        raw = _number(value * 100)
    else:
        raw = _number(value)
    unit = "%" if vtype.kind == "percent" else (vtype.unit if vtype.kind == "number" else None)
    return {
        "value": raw,
        "unit": unit,
        "text": None if value is None else format_value(value, vtype, lang),
        "label": label.get(lang, label["zh"]),
        "computed": computed,
    }


def verdict_json(v: Verdict, lang: str) -> dict[str, Any]:
    ind = v.indicator
    values: dict[str, Any] = {}
    for name, spec in ind.inputs.items():
        if name in v.inputs:
            values[name] = _value_json(v.inputs[name], spec.vtype, spec.labels(), lang, False)
    for m in v.measures:
        values[m.measure.name] = _value_json(m.value, m.measure.vtype, m.measure.labels(), lang, True)
    next_tier = None
    if v.next_level is not None and v.status == "rated":
        next_tier = {"stars": v.next_level, "score": _number(ind.weights[v.next_level]), "rationale": next_tier_text(v, lang)}
    return {
        "id": ind.id,
        "name": ind.names(lang),
        "category": ind.category,
        "leading": ind.leading,
        "kind": "deduction" if ind.is_deduction else "scored",
        "stars": v.stars if v.status == "rated" else None,
        "score": _number(v.score),
        "max_score": _number(v.max_score),
        "deduction": _number(v.deduction) if ind.is_deduction and v.status == "rated" else None,
        "status": v.status,
        "missing": v.missing,
        "values": values,
        "rationale": rationale(v, lang),
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
        "total_score": _number(result.total),
        "max_score": _number(ed.total),
        "subtotal": _number(result.subtotal),
        "deduction": _number(result.deduction),
        "complete": result.complete,
        "not_assessed": [v.indicator.id for v in result.verdicts if v.status != "rated"],
        "categories": [
            {"id": c.category.id, "name": c.category.names(lang), "score": _number(c.score), "max_score": _number(c.max_score)}
            for c in result.categories
        ],
        "indicators": [verdict_json(v, lang) for v in result.verdicts],
        "warnings": [p.message(lang) for p in result.warnings],
    }


def result_text(result: CityResult, lang: str, html: bool = False) -> str:
    """The readable report; ``html`` selects the autoescaped HTML template."""
    name = "report.html.j2" if html else "report.txt.j2"
    return render_template(name, lang, r=result, rationale=rationale, next_tier=next_tier_text).rstrip() + "\n"
