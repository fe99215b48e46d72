"""Rule text and templates cannot reach Python; random input only ever
produces the project's own errors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.errors import ConditionError, UsageError
from zhibiao.language.compiler import Scope, Symbol, compile_condition
from zhibiao.language.parser import MAX_DEPTH, MAX_LENGTH, parse
from zhibiao.language.types import PERCENT, BadValue, VType, coerce
from zhibiao.report.render import render_template

TOKENS = [
    "a", "b", "flag", "level", "mean", "count", "tier", "(", ")", ",", ">=", ">", "<=", "<", "==", "!=", "≥", "≤", "≠",
    "and", "or", "not", "且", "或", "非", "+", "-", "*", "/", "1", "80", "0.5", "80%", "80％", "10 km", "30 Mbit/s",
    "5000 万元", "%", ".", "..", "6..9", "__class__", "__import__", "'x'", '"y"', "[", "]", "{", "}", "lambda", "@",
]


def _scope(text: str) -> Scope:
    symbols = {
        "a": Symbol("a", VType("percent"), {"zh": "甲", "en": "A"}),
        "b": Symbol("b", VType("count"), {"zh": "乙", "en": "B"}),
        "flag": Symbol("flag", VType("bool"), {"zh": "标志", "en": "flag"}),
        "level": Symbol("level", VType("enum", values=("low", "mid", "high")), {"zh": "级别", "en": "level"}),
        "km": Symbol("km", VType("number", unit="km"), {"zh": "间距", "en": "spacing"}),
    }
    return Scope("T1", symbols, text=text, level=3)


def _parse_and_compile(text: str) -> None:
    try:
        node = parse(text)
        compile_condition(node, _scope(text))
    except ConditionError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_random_text_gives_only_condition_errors(text):
    _parse_and_compile(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=14))
def test_random_token_sequences_give_only_condition_errors(tokens):
    _parse_and_compile(" ".join(tokens))


@pytest.mark.parametrize("kind", ["percent", "count", "rank", "number", "bool", "enum"])
@settings(max_examples=150, deadline=None)
@given(raw=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                     st.text(max_size=12), st.decimals(allow_nan=False, allow_infinity=False),
                     st.lists(st.integers(), max_size=2)))
def test_random_values_for_each_input_type_give_a_value_or_bad_value(kind, raw):
    try:
        value = coerce(VType(kind, values=("none", "drafting", "completed")), raw)
    except BadValue as e:
        assert e.expected.text("zh") and e.expected.text("en")
        return
    expected_type = {"bool": bool, "enum": str}.get(kind, Decimal)
    assert isinstance(value, expected_type)


@given(st.decimals(min_value=-10**6, max_value=10**6, places=4, allow_nan=False, allow_infinity=False))
def test_percent_text_converts_exactly(d):
    assert coerce(PERCENT, f"{d}%") == d / 100
    assert coerce(PERCENT, str(d)) == d / 100


def test_attribute_access_is_not_in_the_language():
    with pytest.raises(ConditionError) as e:
        parse("a.__class__ >= 1")
    assert e.value.problems[0].message("en") == "syntax error in condition: unexpected character '.'"


def test_strings_and_calls_to_python_are_not_in_the_language():
    with pytest.raises(ConditionError):
        parse('__import__("os")')
    with pytest.raises(ConditionError) as e:
        compile_condition(parse("eval(a)"), _scope("eval(a)"))
    assert e.value.problems[0].message("en") == "unknown function 'eval'; available: mean, sum, min, max, count, tier"


def test_too_long_condition_is_refused():
    text = " and ".join(["flag"] * 500)
    assert len(text) > MAX_LENGTH
    with pytest.raises(ConditionError) as e:
        parse(text)
    assert e.value.problems[0].message("zh") == f"条件过长（{len(text)} 个字符，上限 {MAX_LENGTH}）"


def test_too_deep_condition_is_refused():
    text = "(" * (MAX_DEPTH + 5) + "flag" + ")" * (MAX_DEPTH + 5)
    text = "not " * (MAX_DEPTH + 5) + "flag"
    with pytest.raises(ConditionError) as e:
        parse(text)
    assert e.value.problems[0].message("en") == f"condition nested too deeply (limit {MAX_DEPTH} levels)"


@pytest.mark.parametrize(
    "body",
    [
        "{{ v.__class__.__mro__ }}",
        "{{ v.__init__.__globals__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ v.items.append(1) }}",
    ],
)
def test_template_cannot_reach_python_internals(tmp_path, body):
    (tmp_path / "evil.txt.j2").write_text(body, encoding="utf-8")
    with pytest.raises(UsageError) as e:
        render_template("evil.txt.j2", "zh", template_root=str(tmp_path), v={"items": []})
    assert e.value.problems[0].code in ("template_unsafe", "template_undefined")
    assert "evil.txt.j2" in e.value.render("en")


def test_template_sandbox_message_names_the_problem(tmp_path):
    (tmp_path / "evil.txt.j2").write_text("{{ v.__class__ }}", encoding="utf-8")
    with pytest.raises(UsageError) as e:
        render_template("evil.txt.j2", "en", template_root=str(tmp_path), v=Decimal(1))
    assert e.value.render("en") == (
        "evil.txt.j2: error: template evil.txt.j2 tried to reach an internal attribute and was stopped: "
        "access to attribute '__class__' of 'Decimal' object is unsafe."
    )


def test_template_undefined_variable_is_an_error(tmp_path):
    (tmp_path / "typo.txt.j2").write_text("{{ verdcit }}", encoding="utf-8")
    with pytest.raises(UsageError) as e:
        render_template("typo.txt.j2", "en", template_root=str(tmp_path))
    assert e.value.render("en") == "typo.txt.j2: error: template typo.txt.j2 uses an undefined variable: 'verdcit' is undefined"


def test_html_report_escapes_everything_from_data(capsys, tmp_path):
    from zhibiao.cli import main

    path = tmp_path / "x.yaml"
    path.write_text('entity: "<script>alert(1)</script>"\nperiod: "<b>2020</b>"\nvalues:\n  L1P1: {e_license_rate: 86}\n', encoding="utf-8")
    assert main(["evaluate", str(path), "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert "<script>" not in out and "<b>" not in out
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; — DB37/T 3890.1-2020</title>" in out
    assert "期间：&lt;b&gt;2020&lt;/b&gt;" in out
    assert "<td>五星：电子证照使用率 86% &gt; 85%<br>" in out


def test_text_report_is_not_escaped(capsys, tmp_path):
    from zhibiao.cli import main

    path = tmp_path / "x.yaml"
    path.write_text('entity: "A & B <市>"\nvalues:\n  L1P1: {e_license_rate: 86}\n', encoding="utf-8")
    assert main(["evaluate", str(path)]) == 0
    assert "评价对象：A & B <市>" in capsys.readouterr().out


@pytest.mark.parametrize(
    "body",
    [
        "{{ v.__class__.__mro__ }}",
        "{{ v.indicator.__dict__ }}",
        "{{ v.held.__class__ }}",
        "{{ v.missing.append('x') }}",
        "{{ v.inputs.clear() }}",
        "{{ p._word.__func__.__globals__ }}",
        "{{ r.verdicts.pop() }}",
    ],
)
def test_template_cannot_reach_internals_of_verdicts_and_rules(tmp_path, edition, body):
    """The sandbox's quick path for the project's own objects still stops
    their internals and the mutation of their lists and dicts."""
    from tests.test_partial_data import city
    from zhibiao.evaluation.evaluate import evaluate

    result = evaluate(edition, city({"L1P4": {"bus_realtime_rate": Decimal("0.85"), "e_stop_coverage": Decimal("0.06")}}))
    (tmp_path / "evil.txt.j2").write_text(body, encoding="utf-8")
    with pytest.raises(UsageError) as e:
        render_template("evil.txt.j2", "zh", template_root=str(tmp_path), v=result.verdicts[3], r=result)
    assert e.value.problems[0].code == "template_unsafe"
    assert len(result.verdicts) == 49 and result.verdicts[3].missing == [] and result.verdicts[3].inputs
