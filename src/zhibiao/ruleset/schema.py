"""The shape of rule files, as JSON Schema, and a validator for it.

One description serves two purposes: the loader validates rule files with
it (reporting every problem with file:line:column), and ``zhibiao schema
rules`` prints it for YAML editors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zhibiao.errors import Problem
from zhibiao.suggest import did_you_mean
from zhibiao.words import N_, P_, Joined, Msg, say
from zhibiao.words.visible import Echo, echo_name, echo_repr, hidden_characters
from zhibiao.yamlpos import Located

# Descriptions say each key in Chinese, then in English ("中文 / English"),
# both from one catalogue entry; a few are said in English only.


def _en(msgid: str | tuple[str, str]) -> str:
    return say("en", msgid)


def both(msgid: str | tuple[str, str], sep: str = " / ") -> str:
    """A message in Chinese, then in English, as schema descriptions say it."""
    return f"{say('zh', msgid)}{sep}{say('en', msgid)}"


def _input_types() -> str:
    """Each type keyword with its Chinese name and an English gloss, as in
    ``count <Chinese> whole number | …``."""
    percent, whole, rank = P_("input type", "percent"), P_("input type", "whole number"), P_("input type", "rank")
    number, yes_no, ordered = N_("number with a unit"), N_("yes/no"), N_("ordered values")
    written, best = N_("85%% or 85"), N_("1 = best")
    return " | ".join((
        f"percent {say('zh', percent)} ({_en(written)})",
        f"count {both(whole, ' ')}",
        f"rank {say('zh', rank)}, {_en(best)}",
        f"number {both(number, ' ')}",
        f"bool {say('zh', yes_no)}",
        f"enum {both(ordered, ' ')}",
    ))


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
    "description": _en(N_("A note shown with the indicator: an interpretation, erratum or reading.")),
}
_NUMBER_OR_NULL = {"type": ["number", "null"]}

INPUT = {
    "type": "object",
    "description": both(N_("One fact an evaluator supplies.")),
    "properties": {
        "type": {
            "enum": ["percent", "count", "rank", "number", "bool", "enum"],
            "description": _input_types(),
        },
        "label": {"type": "string", "description": both(N_("Chinese label shown in reports and data sheets"))},
        "label_en": {"type": "string", "description": _en(N_("English label"))},
        "description": {"type": "string", "description": both(N_("A note for whoever fills in the data"))},
        "unit": {"type": "string", "description": both(N_("Unit of a number input; literals in conditions must carry the same unit"))},
        "range": {
            "type": "array", "items": _NUMBER_OR_NULL, "minItems": 2, "maxItems": 2,
            "description": both(N_("[min, max] inclusive, null for open; percents in points")),
        },
        "exclusive_min": {"type": "boolean", "description": "true: " + both(N_("the minimum itself is not allowed"))},
        "values": {
            "type": "array", "minItems": 1,
            "items": {
                "oneOf": [
                    {"type": "string"},
                    {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string", "description": both(N_("The value's name, as conditions write it"))},
                            "label": {"type": "string", "description": both(N_("What reports call it, in Chinese; a data file may give it instead of the name"))},
                            "label_en": {"type": "string", "description": both(N_("What reports call it, in English"))},
                        },
                        "required": ["name"],
                        "additionalProperties": False,
                    },
                ],
            },
            "description": both(N_("The values of an enum, lowest first")),
        },
        "yes_means": {"type": "string", "description": both(N_(
            "Enum only, with no_means: the value a yes/no answer of yes stands for (for data written when the input "
            "was yes/no)"))},
        "no_means": {"type": "string", "description": both(N_("Enum only, with yes_means: the value an answer of no stands for"))},
    },
    "required": ["type", "label"],
    "additionalProperties": False,
}

MEASURE = {
    "type": "object",
    "description": both(N_("A computed value: a named expression over the indicator's inputs.")),
    "properties": {
        "type": {"enum": ["percent", "count", "number"], "description": both(N_("The type of the result"))},
        "unit": {"type": "string", "description": both(N_("Unit of a number result"))},
        "label": {"type": "string", "description": both(N_("Chinese label"))},
        "label_en": {"type": "string", "description": _en(N_("English label"))},
        "expr": {"type": "string", "description": both(N_("The formula, e.g. mean(a, b, c) or (a - b) / b"))},
    },
    "required": ["type", "label", "expr"],
    "additionalProperties": False,
}

_LEVEL = "^[1-5]$"

INDICATOR = {
    "type": "object",
    "description": both(N_("One indicator: inputs, measures, tier conditions and weights.")),
    "properties": {
        "name": {"type": "string", "description": both(N_("Name as printed"))},
        "name_en": {"type": "string", "description": _en(N_("English name"))},
        "category": {"type": "string", "description": both(N_("Category id declared in edition.yaml"))},
        # The Chinese ends in a full-width bracket, so no space before the slash.
        "leading": {"type": "boolean", "description": both(N_("A leading indicator (★)"), sep="/ ")},
        "nested": {"type": "boolean", "description": "false: " + both(N_(
            "the tiers are not nested: each asks for its own combination of facts, so a higher tier may ask less of "
            "one fact than a lower tier (check does not report it as a threshold that falls)"))},
        "printed_id": {"type": "string", "description": both(N_("The id as (mis)printed in the standard"))},
        "replaces": {"type": "string", "description": both(N_("An older id this indicator replaces"))},
        "definition": {"type": "string", "description": both(N_("The definition as printed"))},
        "source": {"type": "string", "description": both(N_("Where the data come from"))},
        "inputs": {
            "type": "object", "additionalProperties": INPUT, "minProperties": 1,
            "description": both(N_("Input name -> its description; names use letters, digits and _")),
        },
        "measures": {
            "type": "object", "additionalProperties": MEASURE,
            "description": both(N_("Measure name -> its formula")),
        },
        "tiers": {
            "type": "object",
            "description": both(N_("Star level (1-5) -> condition, e.g. rate >= 80%%. A tier printed as '/' is left out.")),
            "patternProperties": {_LEVEL: {"type": "string"}},
            "additionalProperties": False,
        },
        "weights": {
            "type": "object",
            "description": both(N_("Star level (1-5) -> points out of the total, one per tier.")),
            "patternProperties": {_LEVEL: {"type": "number", "minimum": 0}},
            "additionalProperties": False,
        },
        "deduction": {"type": "string", "description": both(N_("Points deducted, as an expression, instead of tiers."))},
        "constraints": {
            "type": "array",
            "description": both(N_("Consistency conditions on the data; a warning when one fails.")),
            "items": {
                "type": "object",
                "properties": {"expr": {"type": "string"}, "message": {"type": "string"}, "message_en": {"type": "string"}},
                "required": ["expr", "message"],
                "additionalProperties": False,
            },
        },
        "notes": {"type": "array", "items": _NOTE, "description": both(N_("Readings, errata and other notes"))},
    },
    "required": ["name", "category", "inputs"],
    "additionalProperties": False,
}

INDICATOR_FILE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": _en(N_("zhibiao indicator file")),
    "description": both(N_("Indicator id -> indicator.")),
    "type": "object",
    "patternProperties": {"^\\$schema$": {"type": "string"}},
    "additionalProperties": INDICATOR,
}

EDITION = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": _en(N_("zhibiao edition file (edition.yaml)")),
    "type": "object",
    "properties": {
        "$schema": {"type": "string"},
        "id": {"type": "string", "description": both(N_("Edition id, also the folder name"))},
        "code": {"type": "string", "description": both(N_("Standard code"))},
        "title": {"type": "string", "description": both(P_("standard", "Title"))},
        "title_en": {"type": "string", "description": _en(N_("English title"))},
        "issued_by": {"type": "string", "description": both(N_("Issued by"))},
        "proposed_by": {"type": "string", "description": both(N_("Proposed by"))},
        "issued": {"type": "string", "description": both(N_("Date of issue"))},
        "effective": {"type": "string", "description": both(N_("Date it takes effect"))},
        "total": {"type": "number", "minimum": 0, "description": both(N_("Full score; the category maxima add up to it"))},
        "selection": {
            "enum": ["highest_passing", "cumulative"],
            "description": _en(N_("highest_passing: the highest tier whose condition holds; "
                                  "cumulative: the highest tier such that it and every lower present tier hold.")),
        },
        "fixture": {"type": "boolean", "description": _en(N_("true for a made-up edition used by tests, not an official document"))},
        "description": {"type": "string"},
        "notes": {"type": "array", "items": _NOTE, "description": both(N_("Readings that apply to the whole edition"))},
        "indicator_files": {
            "type": "array", "items": {"type": "string"},
            "description": both(N_("Indicator files; default indicators/*.yaml")),
        },
        "categories": {
            "type": "object",
            "minProperties": 1,
            "description": both(N_("Category id -> name and maximum; the top weights of its indicators add up to the maximum")),
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "description": both(P_("category", "Name"))},
                    "name_en": {"type": "string", "description": _en(N_("English name"))},
                    "max": {"type": "number", "minimum": 0, "description": both(N_("Maximum points of the category"))},
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
    "string": N_("text"),
    "number": N_("a number"),
    "boolean": "true/false",
    "object": N_("a mapping (key: value)"),
    "array": N_("a list"),
    "null": "null",
}


@dataclass(frozen=True)
class _Either:
    """Alternatives said as one: ``text or a number``."""

    items: tuple[str, ...]

    def text(self, lang: str) -> str:
        return say(lang, P_("alternatives", " or ")).join(say(lang, i) for i in self.items)


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


def _got(value: Any) -> Echo:
    return echo_repr(value)


def invisible(doc: Located) -> list[Problem]:
    """Keys and texts of a rule file that hold control or invisible
    characters (a bidirectional override, a zero-width space): an author
    cannot see them, and a reader would see the text reordered or spoofed.
    Line breaks and tabs of multi-line texts are fine."""
    problems: list[Problem] = []

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and (chars := hidden_characters(k)):
                    problems.append(Problem("invisible_character", {"key": ".".join(map(str, path + (k,))), "chars": Joined(tuple(chars))}, doc.key_at(path + (k,))))
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif isinstance(value, str) and (chars := hidden_characters(value, keep_lines=True)):
            problems.append(Problem("invisible_character", {"key": ".".join(map(str, path)), "chars": Joined(tuple(chars))}, doc.at(path)))

    walk(doc.value, ())
    return problems


def validate(doc: Located, schema: dict, path: tuple = (), value: Any = None, top: bool = True) -> list[Problem]:
    """All problems of ``value`` (default: the document) against ``schema``."""
    import re

    if top:
        value = doc.value
    problems: list[Problem] = []
    key: Any = ".".join(str(p) for p in path) or Msg(P_("file", "the top level"))
    if "oneOf" in schema:
        if any(not validate(doc, s, path, value, False) for s in schema["oneOf"]):
            return problems
        # A mapping was meant to be the mapping form: its own problems say
        # precisely what is wrong in it.
        mapping = next((s for s in schema["oneOf"] if s.get("type") == "object"), None)
        if isinstance(value, dict) and mapping is not None:
            return validate(doc, mapping, path, value, False)
        expected = _Either(tuple(_TYPE_WORDS[s["type"]] for s in schema["oneOf"]))
        problems.append(Problem("wrong_type", {"key": key, "expected": expected, "got": _got(value)}, doc.at(path)))
        return problems
    if "enum" in schema:
        if value not in schema["enum"]:
            allowed = ", ".join(str(v) for v in schema["enum"])
            hint = did_you_mean(value, schema["enum"])
            why = Msg(N_("allowed: %(values)s%(hint)s"), values=allowed, hint=hint)
            problems.append(Problem("bad_value", {"key": key, "got": _got(value), "why": why}, doc.at(path)))
        return problems
    types = schema.get("type")
    if types:
        types = types if isinstance(types, list) else [types]
        if not any(_is(value, t) for t in types):
            expected = _Either(tuple(_TYPE_WORDS[t] for t in types))
            problems.append(Problem("wrong_type", {"key": key, "expected": expected, "got": _got(value)}, doc.at(path)))
            return problems
    if "minimum" in schema and _is(value, "number") and value < schema["minimum"]:
        problems.append(Problem("bad_value", {"key": key, "got": _got(value), "why": Msg(N_("must not be below %(minimum)s"), minimum=schema["minimum"])}, doc.at(path)))
    if isinstance(value, list):
        n = len(value)
        if n < schema.get("minItems", 0) or n > schema.get("maxItems", n):
            problems.append(Problem("bad_value", {"key": key, "got": _got(value), "why": Msg(N_("needs %(low)s-%(high)s items"), low=schema.get("minItems"), high=schema.get("maxItems", ""))}, doc.at(path)))
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
            problems.append(Problem("bad_value", {"key": key, "got": "{}", "why": Msg(N_("must not be empty"))}, doc.at(path)))
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
                problems.append(Problem("unknown_key", {"key": echo_name(k), "where": key, "hint": hint}, doc.key_at(sub)))
            elif isinstance(extra, dict):
                problems += validate(doc, extra, sub, v, False)
    return problems
