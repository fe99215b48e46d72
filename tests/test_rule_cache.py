"""The compiled rule set is cached on disk, keyed by the content of every
rule file and the tool's version; a stale, corrupt or unwritable cache is
ignored and rebuilt, never trusted, and never a failure."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from zhibiao.data.reading import load_city
from zhibiao.evaluation.evaluate import evaluate
from zhibiao.report.result_json import result_json
from zhibiao.ruleset import cache, loader
from zhibiao.ruleset.loader import bundled_editions, load_edition

BUNDLED = bundled_editions()["db37-t-3890.1-2020"]


@pytest.fixture
def builds(monkeypatch, tmp_path):
    """The cache in a fresh folder, and a count of the times the rule files are read."""
    monkeypatch.setenv("ZHIBIAO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ZHIBIAO_CACHE", raising=False)
    count = []
    real = loader._load_clean

    def counted(folder):
        count.append(folder)
        return real(folder)

    monkeypatch.setattr(loader, "_load_clean", counted)
    return count


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("*.pickle"))


def test_an_edition_loaded_once_comes_from_the_cache_the_next_time(builds, tmp_path):
    load_edition()
    load_edition()
    assert builds == [BUNDLED]
    assert len(entries(tmp_path)) == 1


def test_a_cached_edition_gives_the_same_verdicts_as_the_rule_files(builds, tmp_path):
    fresh = load_edition()
    cached = load_edition()
    assert cached is not fresh and len(builds) == 1
    for path in sorted(SAMPLES.glob("*.yaml")):
        assert result_json(evaluate(cached, load_city(path, cached)), "zh") == result_json(evaluate(fresh, load_city(path, fresh)), "zh")


def test_a_changed_rule_file_makes_the_entry_stale(builds, tmp_path):
    folder = tmp_path / "edition"
    shutil.copytree(BUNDLED, folder)
    first = load_edition(folder)
    l1 = folder / "indicators" / "L1.yaml"
    l1.write_text(l1.read_text(encoding="utf-8").replace("e_license_rate >= 80%", "e_license_rate >= 81%", 1), encoding="utf-8")
    second = load_edition(folder)
    assert builds == [folder, folder]
    assert (first.indicators["L1P1"].tiers[4].text, second.indicators["L1P1"].tiers[4].text) == (
        "e_license_rate >= 80%", "e_license_rate >= 81%")


def test_an_edited_source_file_of_the_tool_makes_the_entry_stale(builds, tmp_path, monkeypatch):
    # The tool's own folder stood in for by a copy, so that editing it edits nothing else.
    package = tmp_path / "package"
    shutil.copytree(cache._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_PACKAGE", package)
    load_edition()
    load_edition()
    source = package / "evaluation" / "evaluate.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load_edition()
    load_edition()
    assert builds == [BUNDLED, BUNDLED]
    assert len(entries(tmp_path)) == 1  # the stale one replaced


def test_what_a_run_leaves_in_the_tools_folder_does_not_make_the_entry_stale(builds, tmp_path, monkeypatch):
    package = tmp_path / "package"
    shutil.copytree(cache._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_PACKAGE", package)
    load_edition()
    (package / "evaluation" / "__pycache__").mkdir(exist_ok=True)
    (package / "evaluation" / "__pycache__" / "evaluate.cpython-311.pyc").write_bytes(b"compiled")
    load_edition()
    assert builds == [BUNDLED]


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "not ours", "unpicklable payload"])
def test_a_damaged_entry_is_ignored_and_rebuilt(builds, tmp_path, damage):
    load_edition()
    (entry,) = entries(tmp_path)
    raw = entry.read_bytes()
    damaged = {
        "truncated": raw[: len(raw) // 2],
        "flipped byte": raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:],
        "empty": b"",
        "not ours": b"hello" * 20,
        # A well-formed entry whose payload is not a pickle of an edition.
        "unpicklable payload": cache.MAGIC + __import__("hashlib").sha256(b"xx").digest() + b"xx",
    }[damage]
    entry.write_bytes(damaged)
    edition = load_edition()
    assert edition.code == "DB37/T 3890.1-2020"
    assert len(builds) == 2
    assert entry.read_bytes() == raw  # rebuilt in place


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_cache_folder_is_not_a_failure(builds, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert load_edition().code == "DB37/T 3890.1-2020"
        assert load_edition().code == "DB37/T 3890.1-2020"
    finally:
        folder.chmod(0o700)
    assert len(builds) == 2 and entries(tmp_path) == []


def test_a_cache_path_that_cannot_be_a_folder_is_not_a_failure(builds, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ZHIBIAO_CACHE_DIR", str(blocker / "cache"))
    assert load_edition().code == "DB37/T 3890.1-2020"
    assert load_edition().code == "DB37/T 3890.1-2020"
    assert len(builds) == 2


def test_the_cache_can_be_turned_off(builds, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_CACHE", "off")
    load_edition()
    load_edition()
    assert len(builds) == 2 and entries(tmp_path) == []


def test_an_edition_with_errors_is_never_cached(builds, tmp_path):
    from zhibiao.errors import RuleError

    folder = Path(__file__).parent / "fixtures" / "broken_rules" / "unknown_name"
    for _ in range(2):
        with pytest.raises(RuleError):
            load_edition(folder)
    assert len(builds) == 2 and entries(tmp_path) == []


def test_a_new_entry_replaces_the_stale_ones_of_its_folder(builds, tmp_path):
    folder = tmp_path / "edition"
    shutil.copytree(BUNDLED, folder)
    load_edition(folder)
    load_edition()
    l1 = folder / "indicators" / "L1.yaml"
    for old, new in (("80%", "81%"), ("81%", "82%")):
        text = l1.read_text(encoding="utf-8")
        l1.write_text(text.replace(f"e_license_rate >= {old}", f"e_license_rate >= {new}", 1), encoding="utf-8")
        assert load_edition(folder).indicators["L1P1"].tiers[4].text == f"e_license_rate >= {new}"
    assert len(builds) == 4
    assert len(entries(tmp_path)) == 2  # one for each folder


@pytest.mark.parametrize("damage", [b"", b"garbage" * 10, "magic, then garbage", None])
def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(monkeypatch, tmp_path, edition, damage):
    from zhibiao.report import render

    monkeypatch.setenv("ZHIBIAO_CACHE_DIR", str(tmp_path / "cache"))
    result = evaluate(edition, load_city(SAMPLES / "sample-city-0.yaml", edition))
    render.environment.cache_clear()
    try:
        first = render.result_text(result, "zh")
        kept = sorted((tmp_path / "cache" / "templates").iterdir())
        assert len(kept) >= 3  # the report, the rationale, the next tier
        for entry in kept:
            if damage is None:
                entry.chmod(0o000)  # unreadable (unless root), then replaced
            elif damage == "magic, then garbage":
                from jinja2.bccache import bc_magic

                entry.write_bytes(bc_magic + b"garbage")
            else:
                entry.write_bytes(damage)
        render.environment.cache_clear()
        assert render.result_text(result, "zh") == first
    finally:
        render.environment.cache_clear()
