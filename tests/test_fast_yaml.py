"""Data and rules are parsed with libyaml when PyYAML has it: the same
values and the same positions as the pure-Python parser, whose diagnosis
still explains a document libyaml refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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
