"""Data and rules are parsed with libyaml when PyYAML has it: the same
values and the same positions as the pure-Python parser, whose diagnosis
still explains a document libyaml refuses. A plain data file is read line by
line, to the same values as libyaml's, and its numbers are read once per batch."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao import yamlpos

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(
    p for p in [*ROOT.glob("rules/**/*.yaml"), *ROOT.glob("tests/fixtures/samples/*.yaml"),
                *ROOT.glob("tests/fixtures/boundary/*.yaml"), *ROOT.glob("tests/fixtures/printed_codes/*.yaml")]
)

pytestmark = pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML built without libyaml")


def _load(text: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> yamlpos.Located:
    with monkeypatch.context() as m:
        m.setattr(yamlpos, "_FAST_LOADER", yaml.CSafeLoader if fast else None)
        return yamlpos.load(text, "f.yaml")


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_libyaml_gives_the_same_values_and_positions(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    fast, slow = _load(text, True, monkeypatch), _load(text, False, monkeypatch)
    assert fast.value == slow.value
    assert fast.keys == slow.keys
    assert fast.values == slow.values
    assert fast.maps == slow.maps


def test_positions_count_characters_not_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _load("a: {甲乙丙: 1, 丁: 22}\n", True, monkeypatch)
    assert doc.values[("a", "丁")] == yamlpos.Location("f.yaml", 1, 16)
    assert doc.keys[("a", "丁")] == yamlpos.Location("f.yaml", 1, 13)


def test_a_document_libyaml_refuses_is_explained_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "entity: 示例市\nvalues:\n  L1P1: {e_license_rate: 86%\n"
    problems = []
    for fast in (True, False):
        with pytest.raises(yamlpos.YamlProblem) as e:
            _load(text, fast, monkeypatch)
        problems.append(e.value.problem)
    assert problems[0] == problems[1]


# -- a clean data file is read without positions, and gives the same city -------

DATA_FILES = sorted(
    p for folder in ("samples", "boundary", "data_warnings", "bad_data", "printed_codes", "author_cases", "visible")
    for p in (ROOT / "tests" / "fixtures" / folder).glob("*.y*ml")
)


def _city_or_problems(path, edition, quick: bool, monkeypatch):
    from zhibiao.data import reading
    from zhibiao.errors import DataError

    with monkeypatch.context() as m:
        if not quick:
            m.setattr(reading, "quick_load", lambda text: None)
        try:
            return reading.load_city(path, edition)
        except DataError as e:
            return [p.render("en") for p in e.problems]


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_data_file_read_quickly_gives_what_the_positional_reading_gives(path, edition, monkeypatch):
    assert _city_or_problems(path, edition, True, monkeypatch) == _city_or_problems(path, edition, False, monkeypatch)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",  # a key twice: load says where
    "a: &x 1\nb: *x\n",  # an alias
    "a: !!binary aGk=\n",  # a tag
    "base: {a: 1}\nother:\n  <<: {a: 2}\n",  # a merge key
    "? [a, b]\n: 1\n",  # a key that is not a plain value
    "a: [\n",  # not YAML
])
def test_what_needs_more_than_its_values_is_left_to_the_positional_reading(text):
    assert yamlpos.quick_load(text) is None


@pytest.mark.parametrize("text", [
    "entity: 示例市\nperiod: 2020-05-01\nvalues: {L1P1: {e_license_rate: 86%}, L5P6: {security_incidents: 0}}\n",
    "a: yes\nb: 0o17\nc: 1_000\nd: .5\ne: ~\nf: 2020-01-01 10:00:00\ng: '1'\n",
])
def test_the_quick_reading_gives_the_values_of_the_positional_one(text):
    assert yamlpos.quick_load(text) == yamlpos.load(text, "f.yaml").value


# -- the simple subset, read line by line ---------------------------------------
#
# simple_load reads block mappings of one-line scalars itself. For whatever it
# takes it must give exactly what PyYAML's libyaml loader gives (the same
# types, the same order); anything else it leaves (None) to the loaders above.


def _same(fast, slow) -> bool:
    """Equal, with the same types all the way down (1, 1.0 and True are equal
    in Python) and keys in the same order."""
    if type(fast) is not type(slow):
        return False
    if isinstance(fast, dict):
        return list(fast) == list(slow) and all(_same(fast[k], slow[k]) for k in fast)
    if isinstance(fast, list):
        return len(fast) == len(slow) and all(_same(a, b) for a, b in zip(fast, slow))
    if isinstance(fast, float):
        return repr(fast) == repr(slow)  # -0.0 is not 0.0
    return fast == slow


def _libyaml(text: str):
    return yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - the safe loader


def _check(text: str) -> dict | None:
    """The fast reading of ``text``, checked against libyaml's and ``load``'s when it takes it."""
    fast = yamlpos.simple_load(text)
    if fast is not None:
        assert _same(fast, _libyaml(text)), text
        assert _same(fast, yamlpos.load(text, "f.yaml").value), text
    return fast


# Keys that resolve to text whatever follows their first letter.
KEYS = st.one_of(st.from_regex(r"k[A-Za-z0-9_]{0,6}", fullmatch=True), st.sampled_from(["甲", "指标 一", "e_license_rate", "L1P1"]))
# One-line scalars of every type the reader takes, as a data file writes them.
SIMPLE_SCALARS = st.one_of(
    st.integers(-10**12, 10**12).map(str),
    st.decimals(-10**6, 10**6, places=3, allow_nan=False, allow_infinity=False).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr).filter(lambda s: "e" not in s),
    st.decimals(0, 100, places=2).map(lambda d: f"{d}%"),
    st.sampled_from(["80 %", "70％", "是", "否", "true", "False", "yes", "No", "on", "OFF", "y", "n", "~", "null", "",
                     "drafting", "示例市", "https://example.org/a.pdf?x=1#p", "a#b", "a:b", "-a", "---", "1.", ".5", "+7",
                     "-0", "0", "'quoted: # text'", '"双引号"', "''", "a  b", "10,001", "8.5 Mbit/s"]),
)
# Values and syntax whose YAML 1.1 reading the reader must reproduce exactly or refuse.
TRICKY = [
    "Yes", "YES", "yES", "On", "oN", "Y", "N", "NULL", "Null", "nULL", "~~", ".inf", "-.Inf", "+.INF", ".nan", ".NaN",
    "012", "0o12", "0x1F", "0b101", "-0x1", "1_000", "1_0.5", "1:20", "-1:20:30.5", "190:20:30", "00", "08", "+.5",
    "-.5", "1e3", "1.0e+3", "1.5E-3", "-1.0e-3", "1.e+3", "0.", "-0.0", "+0", "2020-01-01", "2020-1-1",
    "2001-12-14t21:59:43.10-05:00", "2020-01-01 10:00:00", "2024-02-30", "=", "<<", "<", ">", "|", "|-", ">-", "- a",
    "-", "?", "? a", ":", ": a", "a: b", "a:", "a :", "a #c", " #c", "#", "'a''b'", "'a'b", "'a", '"a', '"a\\tb"',
    '"a"b', "'a' #c", "'a'#c", "&x a", "*x", "!!str 1", "!!int 1", "!x a", "[1, 2]", "{a: 1}", "[", "}", "a, b",
    "@a", "`a", "%a", "\u3000a", "a\u3000", "\xa0", "a\u2028b", "a\x85b", "\ufeffa", "a\tb", "a\x00b", "a\x1bb",
    "1" * 120, "9" * 5000, "0" + "1" * 30, "1\t", "\t1", "b\t#c", "b #c\t", "'b'\t", "-\t",
]
TRICKY_SCALARS = st.sampled_from(TRICKY)
SNIPPETS = st.sampled_from([
    "&a ", "*a", "!!int ", "!x ", "<<: ", "---\n", "--- ", "...\n", "\t", "%YAML 1.1\n", "? ", "- ", "[", "]", "{", "}",
    ",", "#", " #", ":", ": ", "'", '"', "\\", "|", ">", "\n", "\r", "\r\n", " ", "  ", "\x00", "\x85", "\u2028",
    "\ufeff", "\x1b", "\xa0", "\u3000", "@", "`", "%", "~", "=", ".", "0", "-", "+", "e", "_",
])


@st.composite
def documents(draw, scalars=SIMPLE_SCALARS) -> str:
    """A block mapping of mappings of one-line scalars, in a random but
    consistent indentation, with comments and blank lines."""
    step = draw(st.integers(1, 4))
    lines: list[str] = []

    def mapping(depth: int) -> None:
        for key in draw(st.lists(KEYS, min_size=1, max_size=5, unique=True)):
            comment = draw(st.sampled_from(["", "", " # note", "  #", "   "]))
            if depth < 3 and draw(st.integers(0, 3)) == 0:
                lines.append(" " * depth * step + f"{key}:{comment}")
                if draw(st.booleans()):
                    lines.append(draw(st.sampled_from(["", "#", "   # a comment", " " * (depth * step + 1)])))
                mapping(depth + 1)
            else:
                value = draw(scalars)
                lines.append(" " * depth * step + f"{key}: {value}{comment}".rstrip(" " if value else ""))

    mapping(0)
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n", "\n# end\n"]))


@st.composite
def mutated_documents(draw) -> str:
    """A document with tricky scalars in it, then a few snippets of YAML
    syntax inserted, lines indented or doubled, pieces cut out."""
    text = draw(documents(st.one_of(SIMPLE_SCALARS, TRICKY_SCALARS)))
    for _ in range(draw(st.integers(0, 3))):
        lines = text.split("\n")
        at = draw(st.integers(0, len(text)))
        row = draw(st.integers(0, len(lines) - 1))
        change = draw(st.sampled_from(["insert", "cut", "indent", "outdent", "double", "crlf"]))
        if change == "insert":
            text = text[:at] + draw(SNIPPETS) + text[at:]
        elif change == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 5)) :]
        elif change == "indent":
            lines[row] = " " * draw(st.integers(1, 3)) + lines[row]
            text = "\n".join(lines)
        elif change == "outdent":
            lines[row] = lines[row][1:]
            text = "\n".join(lines)
        elif change == "double":
            lines.insert(row, lines[row])
            text = "\n".join(lines)
        else:
            text = text.replace("\n", "\r\n")
    return text


@settings(max_examples=300, deadline=None)
@given(documents())
def test_a_simple_document_is_read_line_by_line_as_libyaml_reads_it(text):
    assert _check(text) is not None


@settings(max_examples=1000, deadline=None)
@given(mutated_documents())
def test_any_other_document_is_read_as_libyaml_reads_it_or_left_to_it(text):
    try:
        _check(text)
    except yaml.YAMLError:
        pytest.fail(f"the simple reader took what libyaml refuses: {text!r}")


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab1.:#-'\" \n\t?&*!|>[]{},%@`~_yYnN0x+e"), max_size=40))
def test_any_text_of_yaml_syntax_is_read_as_libyaml_reads_it_or_left_to_it(text):
    try:
        _check(text)
    except yaml.YAMLError:
        pytest.fail(f"the simple reader took what libyaml refuses: {text!r}")


@pytest.mark.parametrize("layout", ["k: {}\n", "k: {} # c\n", "k: {}", "a:\n  k: {}\n  z: 1\n", "{}: 1\n", "a:\n  {}: 1\n"])
@pytest.mark.parametrize("scalar", TRICKY)
def test_each_tricky_scalar_as_a_value_or_a_key_is_read_as_libyaml_reads_it_or_left_to_it(scalar, layout):
    text = layout.format(scalar)
    try:
        _check(text)
    except yaml.YAMLError:
        pytest.fail(f"the simple reader took what libyaml refuses: {text!r}")


# Every text of one or two of these characters, as a value and as a key.
SYNTAX = "a1.:#-'\" ?&*!|>[]{},%@`~_+eE0xX<=yYnN\\"


@pytest.mark.parametrize("layout", ["k: {}\n", "{}: 1\n", "k:\n  {}: v\n", "k: {}"])
def test_every_short_text_of_yaml_syntax_is_read_as_libyaml_reads_it_or_left_to_it(layout):
    taken = 0
    for length in (1, 2):
        for chars in itertools.product(SYNTAX, repeat=length):
            text = layout.format("".join(chars))
            try:
                taken += _check(text) is not None
            except yaml.YAMLError:
                pytest.fail(f"the simple reader took what libyaml refuses: {text!r}")
    assert taken > 100  # the reader is not refusing everything


# Every document of up to three of these lines: indentation, nesting, comments, blank lines.
LINES = ["a: 1", " a: 1", "  b: 2", "b:", " c:", "  c: 3", "   d: 4", "# x", " # y", "", "  ", "x", "- 1", "a: 1 #c",
         "c: 'q'", "d:  ", "\tz: 1", "e: f"]


def test_every_short_document_of_these_lines_is_read_as_libyaml_reads_it_or_left_to_it():
    taken = 0
    for count in (1, 2, 3):
        for lines in itertools.product(LINES, repeat=count):
            text = "\n".join(lines) + "\n"
            try:
                taken += _check(text) is not None
            except yaml.YAMLError:
                pytest.fail(f"the simple reader took what libyaml refuses: {text!r}")
    assert taken > 100


def test_a_generated_city_is_read_line_by_line():
    text = (ROOT / "tests" / "fixtures" / "samples" / "sample-city-0.yaml").read_text(encoding="utf-8")
    fast = yamlpos.simple_load(text)
    assert fast is not None and _same(fast, _libyaml(text))


@pytest.mark.parametrize("text", [
    "a: yes\nb: No\nc: ~\nd:\ne: -0\nf: 1.\ng: .5\nh: 0\n",
    "entity: 示例市\nperiod: 2020\nvalues:\n  L1P1:\n    e_license_rate: 86 %  # 年报\n",
    "a: 'x: # y'\nb: \"是\"\nc: ''\n",
    "a: y\nb: n\nc: +.5\nd: -.5\ne: 1e3\nf: a#b\ng: ---\n",  # text in YAML 1.1, not numbers or yes/no
    "a:\n  b: 1\nc: 2\r\n",
])
def test_the_reader_takes_plain_data_and_reads_it_as_yaml_1_1(text):
    assert _check(text) is not None


@pytest.mark.parametrize("text", [
    "a: [1, 2]\n", "a: {b: 1}\n",  # flow collections
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\n",  # anchors, aliases, tags, merge keys
    "a: 'it''s'\n", 'a: "\\t"\n',  # quotes with escapes
    "a: one\n  two\n", "a: |\n  x\n", "a: >\n  x\n",  # scalars over lines
    "a:\t1\n", "---\na: 1\n", "a: 1\n...\n", "%YAML 1.1\n---\na: 1\n",  # tabs, document markers, directives
    "a: 1\na: 2\n", "a: 1\n  b: 2\n", "a:\n    b: 1\n  c: 2\n", "  a: 1\n",  # keys twice, odd indentation
    "a:\n- 1\n", "- 1\n", "x\n", "",  # sequences, a document that is not a mapping
    "a: 012\n", "a: 0x1F\n", "a: 0b11\n", "a: 1_000\n", "a: 1:20\n", "a: .inf\n", "a: .nan\n", "a: 1.0e+3\n",
    "a: 2020-01-01\n", "a: 2020-01-01 10:00:00\n", "a: =\n",  # scalars read otherwise than by their plain digits
    "yes: 1\n", "1: a\n", "null: 1\n", "a b : 1\n", "'a': 1\n", "? a\n: 1\n",  # keys that are no plain text
    "a: b: c\n", "a: 'b' c\n", "a: x\x85y\n", "a: \ufeffx\n", "a: \x1b\n",  # not YAML, or characters libyaml refuses
])
def test_the_reader_leaves_everything_else_to_libyaml(text):
    assert yamlpos.simple_load(text) is None


def test_a_document_nested_deeper_than_load_allows_is_left_to_load():
    text = "".join(" " * depth + f"k{depth}:\n" for depth in range(yamlpos.MAX_DEPTH + 1)) + " " * (yamlpos.MAX_DEPTH + 1) + "k: 1\n"
    assert yamlpos.simple_load(text) is None
    with pytest.raises(yamlpos.YamlProblem):
        yamlpos.load(text, "f.yaml")


@pytest.mark.parametrize("text", ["a: 012\nb: 0x1F\nc: 1:20\nd: 1.0e+3\ne: .inf\n", "a:\n- 1\n- 2\n", "a: |\n  x\n"])
def test_what_the_reader_leaves_is_still_read_quickly_by_libyaml(text):
    assert yamlpos.simple_load(text) is None
    assert _same(yamlpos.quick_load(text), yamlpos.load(text, "f.yaml").value)


def test_the_copy_of_pyyamls_implicit_resolvers_is_pyyamls_own():
    # The simple reader types a scalar as PyYAML does without importing it:
    # its copy of the table must be PyYAML's, rule for rule, in order.
    def table(resolvers):
        return {first: [(tag, rx.pattern, rx.flags) for tag, rx in rules] for first, rules in resolvers.items()}

    assert table(yamlpos._implicit_resolvers()) == table(yaml.resolver.Resolver.yaml_implicit_resolvers)


def test_a_simple_data_file_is_read_without_importing_pyyaml(tmp_path):
    import subprocess
    import sys

    city = tmp_path / "city.yaml"
    city.write_text("entity: 测试市\nvalues:\n  L1P1:\n    e_license_rate: 80%\n", encoding="utf-8")
    code = ("import sys; from zhibiao.yamlpos import quick_load; "
            f"v = quick_load(open({str(city)!r}, encoding='utf-8').read()); "
            "print(v['values']['L1P1']['e_license_rate'], 'yaml' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["80%", "False"]
