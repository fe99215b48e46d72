"""The shape of rule files, as JSON Schema, and a validator for it.

One description serves two purposes: the loader validates rule files with
it (reporting every problem with file:line:column), and ``zhibiao schema
rules`` prints it for YAML editors.
"""

from __future__ import annotations

from typing import Any

from zhibiao.errors import Problem
from zhibiao.suggest import did_you_mean
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
    "description": "输入：评估者提供的一项事实 / One fact an evaluator supplies.",
    "properties": {
        "type": {
            "enum": ["percent", "count", "rank", "number", "bool", "enum"],
            "description": "percent 百分比 (85% or 85) | count 非负整数 whole number | rank 名次, 1 = best | number 带单位数值 number with a unit | bool 是/否 | enum 有序取值 ordered values",
        },
        "label": {"type": "string", "description": "中文名称，显示在报告和数据采集表中 / Chinese label shown in reports and data sheets"},
        "label_en": {"type": "string", "description": "English label"},
        "description": {"type": "string", "description": "给填表人的说明 / A note for whoever fills in the data"},
        "unit": {"type": "string", "description": "number 的单位，如 km、Mbit/s、万元；条件里的数值须写同一单位 / Unit of a number input; literals in conditions must carry the same unit"},
        "range": {
            "type": "array", "items": _NUMBER_OR_NULL, "minItems": 2, "maxItems": 2,
            "description": "[最小, 最大]，含两端；null 为不限；百分比按百分点写 [0, 100] / [min, max] inclusive, null for open; percents in points",
        },
        "exclusive_min": {"type": "boolean", "description": "true: 最小值本身不允许 / the minimum itself is not allowed"},
        "values": {
            "type": "array", "items": {"type": "string"}, "minItems": 1,
            "description": "enum 的取值，从低到高排列 / The values of an enum, lowest first",
        },
    },
    "required": ["type", "label"],
    "additionalProperties": False,
}

MEASURE = {
    "type": "object",
    "description": "计算量：由输入算出的值 / A computed value: a named expression over the indicator's inputs.",
    "properties": {
        "type": {"enum": ["percent", "count", "number"], "description": "计算结果的类型 / The type of the result"},
        "unit": {"type": "string", "description": "number 的单位 / Unit of a number result"},
        "label": {"type": "string", "description": "中文名称 / Chinese label"},
        "label_en": {"type": "string", "description": "English label"},
        "expr": {"type": "string", "description": "算式，如 mean(a, b, c) 或 (a - b) / b / The formula, e.g. mean(a, b, c) or (a - b) / b"},
    },
    "required": ["type", "label", "expr"],
    "additionalProperties": False,
}

_LEVEL = "^[1-5]$"

INDICATOR = {
    "type": "object",
    "description": "一个指标：输入、计算量、各星级条件与权重 / One indicator: inputs, measures, tier conditions and weights.",
    "properties": {
        "name": {"type": "string", "description": "指标名称 / Name as printed"},
        "name_en": {"type": "string", "description": "English name"},
        "category": {"type": "string", "description": "所属类别，须在 edition.yaml 的 categories 中 / Category id declared in edition.yaml"},
        "leading": {"type": "boolean", "description": "引领性指标（★）/ A leading indicator (★)"},
        "printed_id": {"type": "string", "description": "标准中印错的编号 / The id as (mis)printed in the standard"},
        "replaces": {"type": "string", "description": "本指标替代的旧编号 / An older id this indicator replaces"},
        "definition": {"type": "string", "description": "指标释义原文 / The definition as printed"},
        "source": {"type": "string", "description": "数据来源 / Where the data come from"},
        "inputs": {
            "type": "object", "additionalProperties": INPUT, "minProperties": 1,
            "description": "输入名 -> 说明；名称用英文字母、数字和下划线 / Input name -> its description; names use letters, digits and _",
        },
        "measures": {
            "type": "object", "additionalProperties": MEASURE,
            "description": "计算量名 -> 算式 / Measure name -> its formula",
        },
        "tiers": {
            "type": "object",
            "description": "星级 (1-5) -> 条件，如 rate >= 80%；标准中印作“/”的星级不写 / Star level (1-5) -> condition, e.g. rate >= 80%. A tier printed as '/' is left out.",
            "patternProperties": {_LEVEL: {"type": "string"}},
            "additionalProperties": False,
        },
        "weights": {
            "type": "object",
            "description": "星级 (1-5) -> 得分（权重），每个星级一项 / Star level (1-5) -> points out of the total, one per tier.",
            "patternProperties": {_LEVEL: {"type": "number", "minimum": 0}},
            "additionalProperties": False,
        },
        "deduction": {"type": "string", "description": "扣分项：扣除的分数（算式），代替 tiers / Points deducted, as an expression, instead of tiers."},
        "constraints": {
            "type": "array",
            "description": "数据应满足的一致性条件；不满足时报告警告 / Consistency conditions on the data; a warning when one fails.",
            "items": {
                "type": "object",
                "properties": {"expr": {"type": "string"}, "message": {"type": "string"}, "message_en": {"type": "string"}},
                "required": ["expr", "message"],
                "additionalProperties": False,
            },
        },
        "notes": {"type": "array", "items": _NOTE, "description": "解读、勘误等说明 / Readings, errata and other notes"},
    },
    "required": ["name", "category", "inputs"],
    "additionalProperties": False,
}

INDICATOR_FILE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "zhibiao indicator file",
    "description": "指标编号 -> 指标 / Indicator id -> indicator.",
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
        "id": {"type": "string", "description": "版本编号，用作文件夹名 / Edition id, also the folder name"},
        "code": {"type": "string", "description": "标准号，如 DB37/T 3890.1-2020 / Standard code"},
        "title": {"type": "string", "description": "标准名称 / Title"},
        "title_en": {"type": "string", "description": "English title"},
        "issued_by": {"type": "string", "description": "发布机构 / Issued by"},
        "proposed_by": {"type": "string", "description": "提出单位 / Proposed by"},
        "issued": {"type": "string", "description": "发布日期，如 \"2020-03-31\" / Date of issue"},
        "effective": {"type": "string", "description": "实施日期 / Date it takes effect"},
        "total": {"type": "number", "minimum": 0, "description": "总分，各类别满分之和 / Full score; the category maxima add up to it"},
        "selection": {
            "enum": ["highest_passing", "cumulative"],
            "description": "highest_passing: the highest tier whose condition holds; cumulative: the highest tier such that it and every lower present tier hold.",
        },
        "fixture": {"type": "boolean", "description": "true for a made-up edition used by tests, not an official document"},
        "description": {"type": "string"},
        "notes": {"type": "array", "items": _NOTE, "description": "全版本的读法说明 / Readings that apply to the whole edition"},
        "indicator_files": {
            "type": "array", "items": {"type": "string"},
            "description": "指标文件列表；不写则读取 indicators/*.yaml / Indicator files; default indicators/*.yaml",
        },
        "categories": {
            "type": "object",
            "minProperties": 1,
            "description": "类别编号 -> 名称与满分；各类别指标最高权重之和应等于满分 / Category id -> name and maximum; the top weights of its indicators add up to the maximum",
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "description": "类别名称 / Name"},
                    "name_en": {"type": "string", "description": "English name"},
                    "max": {"type": "number", "minimum": 0, "description": "类别满分 / Maximum points of the category"},
                },
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
    key: Any = ".".join(str(p) for p in path) or {"zh": "文件顶层", "en": "the top level"}
    if "oneOf" in schema:
        if not any(not validate(doc, s, path, value, False) for s in schema["oneOf"]):
            problems.append(Problem("wrong_type", {"key": key, "expected": "文本或 {zh:…, en:…}", "expected_en": "text or {zh: …, en: …}", "got": _got(value)}, doc.at(path)))
        return problems
    if "enum" in schema:
        if value not in schema["enum"]:
            allowed = ", ".join(str(v) for v in schema["enum"])
            hint = did_you_mean(value, schema["enum"])
            why = f"可选值：{allowed}" + hint["zh"]
            why_en = f"allowed: {allowed}" + hint["en"]
            problems.append(Problem("bad_value", {"key": key, "got": _got(value), "why": why, "why_en": why_en}, doc.at(path)))
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
                # At the key that owns the mapping: that is where the author adds it.
                problems.append(Problem("missing_key", {"key": req, "where": key}, doc.key_at(path)))
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
                hint = did_you_mean(k, props)
                problems.append(Problem("unknown_key", {"key": k, "where": key, "hint": hint}, doc.key_at(sub)))
            elif isinstance(extra, dict):
                problems += validate(doc, extra, sub, v, False)
    return problems
