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
