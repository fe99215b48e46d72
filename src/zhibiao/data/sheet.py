"""What a data file of an edition looks like: blank data-collection sheets
and the data file's JSON Schema, both written from the rules.

A sheet lists every indicator and every input of an edition, with its label,
type, unit and allowed range or values, ready for an evaluator to fill in. A
filled sheet is an ordinary data file: YAML (nested, values left null) or
long-form CSV (``indicator,field,value`` plus note columns ``data.py`` skips).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from zhibiao.language.types import YES_NO_WORDS, choice, format_decimal
from zhibiao.ruleset.model import Edition, Indicator, InputSpec
from zhibiao.words import DEFAULT_LANG, LANGS, N_, Joined, localize, say
from zhibiao.words.messages import message
from zhibiao.words.terms import YES_NO

CSV_COLUMNS = ("indicator", "field", "value", "label", "type", "unit", "range")


def range_text(spec: InputSpec, suffix: str = "", lang: str = DEFAULT_LANG) -> str:
    """Allowed values as a person writes them: [0, 100], (0, +∞), a|b|c
    (enum values and yes/no in ``lang``, as a data file may give them);
    ``suffix`` follows each finite bound ([0%, 100%])."""
    if spec.kind == "enum":
        return "|".join(localize(choice(spec.vtype, v), lang) for v in spec.vtype.values)
    if spec.kind == "bool":
        return "|".join(say(lang, word) for word in (YES_NO[True], YES_NO[False]))
    lo, hi = spec.minimum, spec.maximum
    if lo is None and spec.kind in ("count", "rank"):
        lo = Decimal(0 if spec.kind == "count" else 1)
    if lo is None and hi is None:
        return ""
    left = ("(" if spec.exclusive_min or lo is None else "[") + ("-∞" if lo is None else format_decimal(lo) + suffix)
    right = ("+∞" if hi is None else format_decimal(hi) + suffix) + (")" if hi is None else "]")
    return f"{left}, {right}"


def unit_text(spec: InputSpec) -> str:
    if spec.kind == "percent":
        return "%"
    return spec.vtype.unit or ""


def _label(spec: InputSpec, lang: str) -> str:
    return spec.labels().text(lang)


def column_label(spec: InputSpec, lang: str) -> str:
    """An input's column heading in a wide sheet: its label, and its unit
    when it has one (% for a percent)."""
    unit = unit_text(spec)
    label = _label(spec, lang)
    return say(lang, N_("%(label)s (%(unit)s)"), label=label, unit=unit) if unit else label


def entity_labels() -> tuple[str, ...]:
    """The heading of a wide sheet's entity column in every language."""
    return tuple(message("sheet_entity", lang) for lang in LANGS)


def period_labels() -> tuple[str, ...]:
    return tuple(message("sheet_period", lang) for lang in LANGS)


def _input_note(spec: InputSpec, lang: str) -> str:
    """One comment line: label | type | range | how to write it."""
    parts = [_label(spec, lang)]
    if spec.kind == "enum":
        parts.append(message("sheet_choices", lang, values=Joined(tuple(choice(spec.vtype, v) for v in spec.vtype.values))))
        if spec.vtype.yes_no:
            yes, no = (choice(spec.vtype, v) for v in spec.vtype.yes_no)
            parts.append(message("sheet_yes_no", lang, yes=yes, no=no))
    elif spec.kind == "bool":
        parts.append(message("sheet_bool", lang))
    else:
        parts.append(spec.vtype.describe().text(lang))
        allowed = range_text(spec, "%" if spec.kind == "percent" else "")
        if allowed:
            parts.append(message("sheet_range", lang, range=allowed))
        if spec.kind == "percent":
            parts.append(message("sheet_percent", lang))
    return " | ".join(parts)


def _indicator_note(ind: Indicator, edition: Edition, lang: str) -> str:
    category = edition.categories.get(ind.category)
    parts = [ind.names(lang)]
    if category is not None:
        parts.append(f"{category.id} {category.names(lang)}")
    if ind.is_deduction:
        parts.append(message("sheet_deduction", lang))
    return " | ".join(parts)


def _comment(text: str) -> str:
    # Comments are single lines: a line break in a label would end the comment.
    return "# " + " ".join(text.split())


def yaml_sheet(edition: Edition, lang: str = "zh") -> str:
    lines = [
        _comment(message("sheet_title", lang, standard=edition.code, title=edition.titles(lang))),
        _comment(message("sheet_help", lang)),
        f"standard: {json.dumps(edition.id, ensure_ascii=False)}",
        _comment(message("sheet_entity", lang)),
        "entity:",
        _comment(message("sheet_period", lang)),
        "period:",
        "values:",
    ]
    for ind in edition.indicators.values():
        lines.append("  " + _comment(_indicator_note(ind, edition, lang)))
        lines.append(f"  {ind.id}:")
        for name, spec in ind.inputs.items():
            lines.append("    " + _comment(_input_note(spec, lang)))
            if spec.description:
                lines.append("    " + _comment(spec.description))
            lines.append(f"    {name}:")
    return "\n".join(lines) + "\n"


def csv_sheet(edition: Edition, lang: str = "zh") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerow(["standard", "", edition.id, edition.code, "", "", ""])
    writer.writerow(["entity", "", "", message("sheet_entity", lang), "", "", ""])
    writer.writerow(["period", "", "", message("sheet_period", lang), "", "", ""])
    for ind in edition.indicators.values():
        for name, spec in ind.inputs.items():
            name_of_input = _label(spec, lang)
            label = name_of_input if name_of_input == ind.names(lang) else f"{ind.names(lang)}: {name_of_input}"
            writer.writerow([ind.id, name, "", label, spec.kind, unit_text(spec), range_text(spec, lang=lang)])
    return out.getvalue()



# The percent spellings ``types.coerce`` reads besides plain numbers: "85%", "85 %", "85％".
PERCENT_PATTERN = r"^\s*[+-]?[0-9]+(\.[0-9]+)?\s*[%％]\s*$"
_BOOL_WORDS = list(YES_NO_WORDS)


def _field_schema(spec: InputSpec) -> dict[str, Any]:
    from zhibiao.ruleset.schema import both  # the schemas' machinery: not for reading data

    labels = [spec.label] + ([spec.label_en] if spec.label_en else [])
    description = " / ".join(labels + ([spec.description] if spec.description else []))
    if spec.kind == "enum":
        # A data file may give a value by its name or a label (types.coerce),
        # and a yes/no where the rule file says what each stands for.
        vtype = spec.vtype
        words = [*vtype.values, *(vtype.label(v).zh for v in vtype.values), *(vtype.label(v).en or v for v in vtype.values)]
        choices: list[Any] = [*dict.fromkeys(words), None]
        shape: dict[str, Any] = {"enum": choices}
        if vtype.yes_no:
            shape = {"anyOf": [{"enum": choices}, {"type": "boolean"}, {"enum": _BOOL_WORDS}]}
    elif spec.kind == "bool":
        shape = {"anyOf": [{"type": ["boolean", "null"]}, {"enum": _BOOL_WORDS}]}
    else:
        number: dict[str, Any] = {"type": "integer" if spec.kind in ("count", "rank") else "number"}
        lo, hi = spec.minimum, spec.maximum
        if lo is None and spec.kind in ("count", "rank"):
            lo = Decimal(0) if spec.kind == "count" else Decimal(1)
        if lo is not None:
            number["exclusiveMinimum" if spec.exclusive_min else "minimum"] = _json_number(lo)
        if hi is not None:
            number["maximum"] = _json_number(hi)
        options = [number, {"type": "null"}]
        if spec.kind == "percent":
            options.insert(1, {"type": "string", "pattern": PERCENT_PATTERN})
        shape = {"anyOf": options}
    unit = unit_text(spec)
    kind = spec.kind + (f", {unit}" if unit else "")
    # Or the value with where it comes from (reading.CITED_KEYS).
    cited = {
        "type": "object",
        "properties": {"value": shape, "source": {"type": ["string", "number", "null"], "description": both(N_("where the value comes from"))},
                       "evidence": {"type": ["string", "null"], "description": both(N_("a document or address that shows it"))}},
        "additionalProperties": False,
    }
    # The plain forms stay first, the cited one is the last alternative.
    options = shape["anyOf"] if "anyOf" in shape else [shape]
    return {"title": spec.label, "description": f"{description} ({kind})", "anyOf": [*options, cited]}


def _json_number(value: Any) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number


def data_schema(edition: Edition) -> dict[str, Any]:
    """JSON Schema of a data file for ``edition``: every indicator and input,
    with types, ranges, enum values and labels as descriptions."""
    from zhibiao.ruleset.schema import both

    indicators = {
        ind.id: {
            "title": ind.name,
            "description": " / ".join(n for n in (ind.name, ind.name_en) if n),
            "type": ["object", "null"],
            "properties": {name: _field_schema(spec) for name, spec in ind.inputs.items()},
            "additionalProperties": False,
        }
        for ind in edition.indicators.values()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": say("en", N_("zhibiao data file: %(code)s"), code=edition.code),
        "description": edition.title + (f" / {edition.title_en}" if edition.title_en else ""),
        "type": "object",
        "properties": {
            "standard": {"type": ["string", "null"], "description": both(N_("edition id")), "examples": [edition.id]},
            "entity": {"type": ["string", "number", "null"], "description": both(N_("name of the city"))},
            "period": {"type": ["string", "number", "null"], "description": both(N_("year of the data"))},
            "values": {
                "type": "object",
                "description": both(N_("indicator -> field -> value; an indicator left out is not assessed")),
                "properties": indicators,
                "additionalProperties": False,
            },
        },
        "required": ["values"],
        "additionalProperties": False,
    }
