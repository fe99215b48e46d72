"""The shape of rule files, as JSON Schema, and a validator for it.

One description serves two purposes: the loader validates rule files with
it (reporting every problem with file:line:column), and ``zhibiao schema
rules`` prints it for YAML editors.
"""

from __future__ import annotations

import difflib
from typing import Any

from zhibiao.errors import Problem
from zhibiao.yamlpos import Located

_NOTE = {
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
            "required": ["zh"],
            "additionalProperties": False,
        },
    ],
    "description": "A note shown with the indicator: an interpretation, erratum or reading.",
}
_NUMBER_OR_NULL = {"type": ["number", "null"]}

INPUT = {
    "type": "object",
    "description": "One fact an evaluator supplies.",
    "properties": {
        "type": {"enum": ["percent", "count", "rank", "number", "bool", "enum"]},
        "label": {"type": "string"},
        "label_en": {"type": "string"},
        "description": {"type": "string"},
        "unit": {"type": "string"},
        "range": {"type": "array", "items": _NUMBER_OR_NULL, "minItems": 2, "maxItems": 2},
        "exclusive_min": {"type": "boolean"},
        "values": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    },
    "required": ["type", "label"],
    "additionalProperties": False,
}

MEASURE = {
    "type": "object",
    "description": "A computed value: a named expression over the indicator's inputs.",
    "properties": {
        "type": {"enum": ["percent", "count", "number"]},
        "unit": {"type": "string"},
        "label": {"type": "string"},
        "label_en": {"type": "string"},
        "expr": {"type": "string"},
    },
    "required": ["type", "label", "expr"],
    "additionalProperties": False,
}

_LEVEL = "^[1-5]$"

INDICATOR = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "name_en": {"type": "string"},
        "category": {"type": "string"},
        "leading": {"type": "boolean"},
        "printed_id": {"type": "string"},
        "replaces": {"type": "string"},
        "definition": {"type": "string"},
        "source": {"type": "string"},
        "inputs": {"type": "object", "additionalProperties": INPUT, "minProperties": 1},
        "measures": {"type": "object", "additionalProperties": MEASURE},
        "tiers": {
            "type": "object",
            "description": "Star level (1-5) -> condition. A tier printed as '/' is left out.",
            "patternProperties": {_LEVEL: {"type": "string"}},
            "additionalProperties": False,
        },
        "weights": {
            "type": "object",
            "description": "Star level (1-5) -> points out of the total.",
            "patternProperties": {_LEVEL: {"type": "number", "minimum": 0}},
            "additionalProperties": False,
        },
        "deduction": {"type": "string", "description": "Points deducted, as an expression."},
        "constraints": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"expr": {"type": "string"}, "message": {"type": "string"}, "message_en": {"type": "string"}},
                "required": ["expr", "message"],
                "additionalProperties": False,
            },
        },
        "notes": {"type": "array", "items": _NOTE},
    },
    "required": ["name", "category", "inputs"],
    "additionalProperties": False,
}

INDICATOR_FILE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "zhibiao indicator file",
    "type": "object",
    "patternProperties": {"^\\$schema$": {"type": "string"}},
    "additionalProperties": INDICATOR,
}

EDITION = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "zhibiao edition file (edition.yaml)",
    "type": "object",
    "properties": {
        "$schema": {"type": "string"},
        "id": {"type": "string"},
        "code": {"type": "string"},
        "title": {"type": "string"},
        "title_en": {"type": "string"},
        "issued_by": {"type": "string"},
        "proposed_by": {"type": "string"},
        "issued": {"type": "string"},
        "effective": {"type": "string"},
        "total": {"type": "number", "minimum": 0},
        "selection": {
            "enum": ["highest_passing", "cumulative"],
            "description": "highest_passing: the highest tier whose condition holds; cumulative: the highest tier such that it and every lower present tier hold.",
        },
        "fixture": {"type": "boolean", "description": "true for a made-up edition used by tests, not an official document"},
        "description": {"type": "string"},
        "notes": {"type": "array", "items": _NOTE},
        "indicator_files": {"type": "array", "items": {"type": "string"}},
        "categories": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "name_en": {"type": "string"}, "max": {"type": "number", "minimum": 0}},
                "required": ["name", "max"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["id", "code", "title", "issued", "effective", "total", "selection", "categories"],
    "additionalProperties": False,
}

_TYPE_WORDS = {
    "string": ("文本", "text"),
    "number": ("数值", "a number"),
    "boolean": ("true/false", "true/false"),
    "object": ("映射（键: 值）", "a mapping (key: value)"),
    "array": ("列表", "a list"),
    "null": ("空", "null"),
}


def _is(value: Any, t: str) -> bool:
    if t == "string":
        return isinstance(value, str)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if t == "boolean":
        return isinstance(value, bool)
    if t == "object":
        return isinstance(value, dict)
    if t == "array":
        return isinstance(value, list)
    if t == "null":
        return value is None
    return False


def _got(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def validate(doc: Located, schema: dict, path: tuple = (), value: Any = None, top: bool = True) -> list[Problem]:
    """All problems of ``value`` (default: the document) against ``schema``."""
    import re

    if top:
        value = doc.value
    problems: list[Problem] = []
    key = ".".join(str(p) for p in path) or "<top>"
    if "oneOf" in schema:
        if not any(not validate(doc, s, path, value, False) for s in schema["oneOf"]):
            problems.append(Problem("wrong_type", {"key": key, "expected": "文本或 {zh:…, en:…}", "expected_en": "text or {zh: …, en: …}", "got": _got(value)}, doc.at(path)))
        return problems
    if "enum" in schema:
        if value not in schema["enum"]:
            allowed = ", ".join(str(v) for v in schema["enum"])
            problems.append(Problem("bad_value", {"key": key, "got": _got(value), "why": f"可选值：{allowed}", "why_en": f"allowed: {allowed}"}, doc.at(path)))
        return problems
    types = schema.get("type")
    if types:
        types = types if isinstance(types, list) else [types]
        if not any(_is(value, t) for t in types):
            zh = " 或 ".join(_TYPE_WORDS[t][0] for t in types)
            en = " or ".join(_TYPE_WORDS[t][1] for t in types)
            problems.append(Problem("wrong_type", {"key": key, "expected": zh, "expected_en": en, "got": _got(value)}, doc.at(path)))
            return problems
    if "minimum" in schema and _is(value, "number") and value < schema["minimum"]:
        problems.append(Problem("bad_value", {"key": key, "got": _got(value), "why": f"不能小于 {schema['minimum']}", "why_en": f"must not be below {schema['minimum']}"}, doc.at(path)))
    if isinstance(value, list):
        n = len(value)
        if n < schema.get("minItems", 0) or n > schema.get("maxItems", n):
            problems.append(Problem("bad_value", {"key": key, "got": _got(value), "why": f"应有 {schema.get('minItems')}–{schema.get('maxItems', '')} 项", "why_en": f"needs {schema.get('minItems')}-{schema.get('maxItems', '')} items"}, doc.at(path)))
        if "items" in schema:
            for i, item in enumerate(value):
                problems += validate(doc, schema["items"], path + (i,), item, False)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        extra = schema.get("additionalProperties", True)
        for req in schema.get("required", []):
            if req not in value:
                problems.append(Problem("missing_key", {"key": req, "where": key}, doc.at(path)))
        if len(value) < schema.get("minProperties", 0):
            problems.append(Problem("bad_value", {"key": key, "got": "{}", "why": "不能为空", "why_en": "must not be empty"}, doc.at(path)))
        for k, v in value.items():
            sub = path + (k,)
            if k in props:
                problems += validate(doc, props[k], sub, v, False)
                continue
            matched = [s for pat, s in patterns.items() if re.match(pat, str(k))]
            if matched:
                problems += validate(doc, matched[0], sub, v, False)
            elif extra is False:
                close = difflib.get_close_matches(str(k), list(props), n=1, cutoff=0.6)
                hint = {"zh": f"。是否想写“{close[0]}”？", "en": f"; did you mean '{close[0]}'?"} if close else {"zh": "", "en": ""}
                problems.append(Problem("unknown_key", {"key": k, "where": key, "hint": hint}, doc.key_at(sub)))
            elif isinstance(extra, dict):
                problems += validate(doc, extra, sub, v, False)
    return problems
