"""A JSON line (``evaluate --format jsonl``) is written by orjson for speed:
it must be the text the standard library writes, and what orjson refuses
must still be written."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.report.jsontext import dumps, json_line
from zhibiao.words.visible import BEYOND_JSON


def _standard(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return BEYOND_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# What a verdict's JSON holds: text of any language and any character,
# whole numbers, and numbers as json_number writes them (no exponent).
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False).map(float),
    st.text(),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_a_json_line_in_utf8_is_that_text_and_a_newline(value):
    assert json_line(value) == (_standard(value) + "\n").encode("utf-8")


def test_a_whole_number_beyond_64_bits_is_still_written():
    assert json_line({"count": 2**70}) == b'{"count":1180591620717411303424}\n'


def test_text_with_a_lone_surrogate_is_still_written_and_reads_back_the_same():
    assert json_line(["a\ud800"]) == b'["a\\ud800"]\n'
    assert json.loads(json_line(["a\ud800"])) == ["a\ud800"]


def test_characters_a_terminal_would_act_on_are_escaped_in_a_json_line():
    assert dumps({"entity": "济南\x9b\u202e市"}, pretty=False) == '{"entity":"济南\\u009b\\u202e市"}'
    text = "\x7f\x80\x9f\u200b\u200f\u202a\u202e\u2066\u2069\ufeff"
    assert json_line([text]) == b'["\\u007f\\u0080\\u009f\\u200b\\u200f\\u202a\\u202e\\u2066\\u2069\\ufeff"]\n'


def test_a_very_small_number_is_the_same_number_however_it_is_spelled():
    assert json.loads(json_line([0.00001])) == [0.00001]


@pytest.mark.parametrize("char", ["\x7f", "\x80", "\x9b", "\x9f", "\u200b", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff"])
def test_each_character_a_terminal_would_act_on_is_found_alone_in_a_json_line(char):
    # Among the characters of its own first bytes that are fine: — “ ” … ，
    text = f"—“{char}”…，"
    assert json_line(text) == f'"—“\\u{ord(char):04x}”…，"\n'.encode()
