"""Long batches: `evaluate --format jsonl` writes city by city and holds none,
and a progress bar shows on a terminal only."""

from __future__ import annotations

import gc
import io
import json
import re
import weakref

import pytest

from tests.conftest import SAMPLES
from zhibiao.cli import main, progress
from zhibiao.evaluation import batch

CITY0 = str(SAMPLES / "sample-city-0.yaml")
CITY1 = str(SAMPLES / "sample-city-1.yaml")
CITY2 = str(SAMPLES / "sample-city-2.yaml")
TOP = str(SAMPLES / "sample-city-top.yaml")
# What sample cities 0 and 1 say on standard error as they are read.
WARNINGS = [f"{path}: 警告: L1P8：数据自相矛盾：4级及以上医院占比不能大于3级及以上医院占比" for path in (CITY0, CITY1)]


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def watched(monkeypatch, capsys):
    """Record, as each city is read, what standard output holds since the
    last city, and which of the results evaluated so far are still alive."""
    record: dict[str, list] = {"written": [], "alive": []}
    results: list[weakref.ref] = []
    real_read, real_evaluate = batch.read_cities, batch.evaluate

    def read_cities(sources, edition):
        for city in real_read(sources, edition):
            gc.collect()
            record["written"].append(capsys.readouterr().out)
            record["alive"].append(sum(r() is not None for r in results))
            yield city

    def evaluate(edition, city):
        result = real_evaluate(edition, city)
        results.append(weakref.ref(result))
        return result

    monkeypatch.setattr(batch, "read_cities", read_cities)
    monkeypatch.setattr(batch, "evaluate", evaluate)
    return record


def test_jsonl_writes_each_city_before_the_next_is_read(capsys, watched):
    code = main(["evaluate", CITY0, CITY1, TOP, "--format", "jsonl"])
    watched["written"].append(capsys.readouterr().out)
    assert code == 0
    assert watched["written"][0] == ""
    assert [[json.loads(line)["entity"] for line in out.splitlines()] for out in watched["written"][1:]] == [
        ["示例市0"], ["示例市1"], ["示例市（满分）"]]


def test_jsonl_holds_no_city_once_its_line_is_made(capsys, watched):
    # A city's line is made where it is evaluated, and the result let go.
    main(["evaluate", CITY0, CITY1, CITY2, TOP, "--format", "jsonl"])
    assert watched["alive"] == [0, 0, 0, 0]


def test_json_keeps_each_city_as_its_object_not_its_result(capsys, watched):
    main(["evaluate", CITY0, CITY1, CITY2, TOP, "--format", "json"])
    assert watched["alive"] == [0, 0, 0, 0]


def test_html_holds_every_city_for_its_one_document(capsys, watched):
    # One document needs every result at once.
    main(["evaluate", CITY0, CITY1, CITY2, TOP, "--format", "html"])
    assert watched["alive"] == [0, 1, 2, 3]


def test_jsonl_into_a_file_appears_whole_with_every_city(capsys, tmp_path):
    target = tmp_path / "out.jsonl"
    code = main(["evaluate", CITY0, str(tmp_path / "absent.yaml"), TOP, "-o", str(target)])
    assert code == 1
    assert [json.loads(line)["total_score"] for line in target.read_text(encoding="utf-8").splitlines()] == [52.1, 100]
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left


def test_jsonl_with_no_readable_city_makes_no_file(capsys, tmp_path):
    code = main(["evaluate", str(tmp_path / "absent.yaml"), "-o", str(tmp_path / "out.jsonl")])
    assert code == 2
    assert list(tmp_path.iterdir()) == []


# -- the progress bar ------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["evaluate", "--format", "json"], ["rank"]])
def test_no_bar_when_standard_error_is_not_a_terminal(capsys, monkeypatch, command):
    monkeypatch.setattr(progress, "DELAY", 0)
    code = main([*command, CITY0, CITY1, TOP])
    assert code == 0
    assert capsys.readouterr().err.splitlines() == WARNINGS


@pytest.mark.parametrize("command", [["evaluate", "--format", "json"], ["rank"], ["evaluate", "--format", "jsonl"]])
def test_a_bar_counts_the_cities_on_a_terminal_with_the_messages_above_it(capsys, monkeypatch, command):
    monkeypatch.setattr(progress, "DELAY", 0)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    code = main([*command, CITY0, CITY1, TOP])
    assert code == 0
    shown = terminal.getvalue()
    assert re.search(r"\r已读取 \d 个城市 \[00:\d\d\]", shown)
    for warning in WARNINGS:
        assert warning + "\n" in shown


def test_a_short_batch_shows_no_bar(capsys, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    main(["rank", CITY0, CITY1, TOP])
    assert terminal.getvalue().splitlines() == WARNINGS


def test_no_bar_beside_jsonl_printed_on_the_same_terminal(capsys, monkeypatch):
    # The lines are printed as they come: a bar would break into them.
    monkeypatch.setattr(progress, "DELAY", 0)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    main(["evaluate", CITY0, CITY1, TOP, "--format", "jsonl"])
    assert terminal.getvalue().splitlines() == WARNINGS


def test_jsonl_printed_to_an_output_that_takes_text_only(monkeypatch):
    # A program that runs zhibiao with standard output caught in a string.
    caught = io.StringIO()
    monkeypatch.setattr("sys.stdout", caught)
    assert main(["evaluate", CITY0, CITY1, "--format", "jsonl"]) == 0
    lines = caught.getvalue().splitlines()
    assert [json.loads(line)["entity"] for line in lines] == ["示例市0", "示例市1"]
