"""--jobs N spreads a batch over worker processes: the output is the same,
in the same order, and bad files are reported as with one process."""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.test_cli_evaluate import run
from zhibiao.evaluation.batch import outcomes, units
from zhibiao.report.result_json import result_json
from zhibiao.ruleset.loader import load_edition

CITIES = sorted(str(p) for p in SAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder of twelve cities (the samples three times) and one that cannot be read."""
    root = tmp_path_factory.mktemp("batch")
    for n in range(3):
        for path in CITIES:
            shutil.copy(path, root / f"{n}-{Path(path).name}")
    (root / "1-broken.yaml").write_text("entity: 坏\nvalues: {L1P1: {e_license_rate: 百分之八十}}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("command", [
    ["evaluate", "--format", "jsonl"],
    ["evaluate", "--format", "json"],
    ["evaluate", "--format", "text"],
    ["rank", "--format", "csv"],
    ["rank", "--format", "json"],
])
def test_two_processes_give_what_one_gives_in_the_same_order(capsys, folder, command):
    alone = run(capsys, *command, str(folder), CITIES[0], "--jobs", "1")
    spread = run(capsys, *command, str(folder), CITIES[0], "--jobs", "2")
    assert spread == alone
    assert alone[0] == 1  # the broken file: the others are still evaluated
    assert "1-broken.yaml:2:" in alone[2]


def test_jobs_zero_means_one_per_processor(capsys):
    assert run(capsys, "rank", *CITIES, "--jobs", "0", "--format", "csv") == run(capsys, "rank", *CITIES, "--format", "csv")


def test_a_number_of_jobs_that_is_not_one_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as e:
        run(capsys, "rank", *CITIES, "--jobs", "two")
    assert e.value.code == 2
    assert "应为进程数（0 或更大），而不是 two" in capsys.readouterr().err


def test_a_folder_is_handed_out_file_by_file(folder):
    assert [Path(u).name for u in units([str(folder), "-"])][:3] == ["0-sample-city-0.yaml", "0-sample-city-1.yaml",
                                                                     "0-sample-city-2.yaml"]
    assert list(units(["-"])) == ["-"]


def test_the_evaluation_is_a_picklable_function_of_standard_and_data():
    """What README shows: a process pool given the compiled standard and a
    module-level function of it and the data."""
    edition = load_edition()
    work = partial(result_json, lang="en")
    here = [o.value["total_score"] for o in outcomes(edition, CITIES, work)]
    there = [o.value["total_score"] for o in outcomes(edition, CITIES, work, jobs=2)]
    assert here == there == [52.1, 50.4, 50.9, 100]
