"""Authors' test cases: the bundled ones pass under pytest too, they reach
every tier of every indicator, and `zhibiao test` shows each difference
(expected vs got, with the rationale) when a case fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES
from zhibiao.cli import main
from zhibiao.evaluation.cases import explain, find_cases, load_case, run_case
from zhibiao.ruleset.loader import bundled_editions, load_edition

BUNDLED = bundled_editions()["db37-t-3890.1-2020"]
CASES = find_cases(BUNDLED)
EXAMPLE = FIXTURES / "author_cases"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_bundled_case_gives_the_verdicts_its_author_expects(edition, path):
    outcome = run_case(load_case(path, edition), edition)
    shown = [f"{d.problem.where}: {d.problem.message('en')} | " + " / ".join(explain(d, "en")) for d in outcome.differences]
    assert shown == []


def test_the_bundled_cases_are_the_tier_ladder_and_the_special_cases():
    assert sorted(p.stem for p in CASES) == sorted(
        [f"tier{n}-{where}" for n in range(1, 6) for where in ("at", "below", "above")]
        + ["deduction", "deduction-floor", "no-incidents", "not-assessed"]
        + [f"l5p2-graded-tier{n}-{where}" for n in range(1, 6) for where in ("at", "below")]
        # Each part of a compound tier missed alone, the rest met: what
        # `zhibiao test --coverage` asks for (tests/test_coverage.py).
        + [f"one-part-short-{tiers}" for tiers in ("lower", "middle", "five")]
        + [f"l5p2-graded-tier4-below-{fact}" for fact in ("annual-plan", "task-plan")]
        + [f"l5p2-graded-tier5-below-{fact}" for fact in ("top-plan", "special-plans", "annual-plan", "task-plan")]
    )


def test_the_graded_l5p2_cases_give_grades_not_yes_no(edition):
    graded = [p for p in CASES if p.stem.startswith("l5p2-graded-")]
    for path in graded:
        fields = yaml.safe_load(path.read_text(encoding="utf-8"))["values"]["L5P2"]
        assert all(isinstance(fields[n], str) for n in ("annual_plan", "task_division_plan", "evaluation_mechanism")), path.name


def _expected_levels() -> dict[str, set]:
    seen: dict[str, set] = {}
    for path in CASES:
        for key, value in yaml.safe_load(path.read_text(encoding="utf-8"))["expect"].items():
            seen.setdefault(key, set()).add("deduction" if isinstance(value, dict) else value)
    return seen


def test_the_bundled_cases_reach_every_tier_of_every_indicator_and_zero(edition):
    seen = _expected_levels()
    # Rank 16 is the worst allowed (range [1, 16]) and still one star; L4P1's
    # one star equals its two stars as published, so it is never given.
    impossible = {("L1P3", 0), ("L4P1", 1)}
    missing = [
        (ind.id, level)
        for ind in edition.indicators.values() if not ind.is_deduction
        for level in sorted(set(ind.tiers) | {0})
        if level not in seen.get(ind.id, set()) and (ind.id, level) not in impossible
    ]
    assert missing == []
    assert {"deduction", "not_assessed"} <= seen["L5P6"]


def test_a_strict_threshold_is_tested_exactly_at_it_and_just_past_it():
    def expect(name: str) -> dict:
        return yaml.safe_load((BUNDLED / "tests" / f"{name}.yaml").read_text(encoding="utf-8"))["expect"]

    at, above = expect("tier5-at"), expect("tier5-above")
    # 超过85%: exactly 85 % is four stars, 85.01 % five.
    assert (at["L1P1"], above["L1P1"]) == (4, 5)
    # 小于3公里: exactly 3 km is four stars, 2.99 km five.
    assert (at["L4P4"], above["L4P4"]) == (4, 5)


# -- the runner, on a small example edition ----------------------------------
def run_test(capsys, monkeypatch, *options: str) -> tuple[int, str, str]:
    monkeypatch.chdir(EXAMPLE)
    code = main(["test", ".", *options])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_each_difference_is_shown_expected_against_got_with_the_rationale(capsys, monkeypatch):
    code, out, _ = run_test(capsys, monkeypatch, "--lang", "en")
    assert code == 1
    assert out.splitlines() == [
        "BROKEN  tests/broken.yaml",
        '    tests/broken.yaml:2:14: error: X1.rate (Coverage): "190%" is outside the allowed range [0%, 100%]',
        "    tests/broken.yaml:4:7: error: 'expect.X1' has an invalid expected value 'five': expected a star level 0-5, not_assessed, or {stars: N, score: points}",
        "    tests/broken.yaml:5:3: error: unknown indicator 'X3'",
        "FAIL    tests/failing.yaml — 作者以为90%是五星 / the author reads 90 % as five stars",
        "    tests/failing.yaml:5:7: X1: expected 5 stars, got 4 stars",
        "        4 stars: Coverage 90% ≥ 80%",
        "        5 stars (10 points) not reached: Coverage 90% ≤ 90%, must be above 90%",
        "    tests/failing.yaml:6:7: X2: expected 0 points deducted, got not assessed",
        "        not assessed: missing Incidents (incidents)",
        "    tests/failing.yaml:7:10: total: expected 10, got 8",
        "pass    tests/passing.yaml — 恰好90%为四星 / exactly 90 % is four stars",
        "1 passed, 2 failed",
    ]


def test_differences_are_told_in_chinese_by_default(capsys, monkeypatch):
    _, out, _ = run_test(capsys, monkeypatch, "--case", "tests/failing.yaml")
    assert out.splitlines() == [
        "未通过  tests/failing.yaml — 作者以为90%是五星 / the author reads 90 % as five stars",
        "    tests/failing.yaml:5:7: X1：期望 五星，实际 四星",
        "        四星：覆盖率 90% ≥ 80%",
        "        五星（10 分）未达到：覆盖率 90% ≤ 90%，须超过 90%",
        "    tests/failing.yaml:6:7: X2：期望 扣 0 分，实际 未评估",
        "        未评估：缺少 事件数（incidents）",
        "    tests/failing.yaml:7:10: 总分：期望 10，实际 8",
        "0 个用例通过，1 个未通过",
    ]


def test_a_case_that_passes_exits_0(capsys, monkeypatch):
    code, out, _ = run_test(capsys, monkeypatch, "--case", "tests/passing.yaml", "--lang", "en")
    assert code == 0
    assert out.splitlines()[-1] == "1 passed, 0 failed"


def test_json_report_lists_each_difference_with_its_rationale(capsys, monkeypatch):
    code, out, _ = run_test(capsys, monkeypatch, "--case", "tests/failing.yaml", "--format", "json", "--lang", "en")
    report = json.loads(out)
    assert code == 1
    assert (report["passed"], report["failed"]) == (0, 1)
    first = report["cases"][0]["differences"][0]
    assert first == {
        "severity": "error",
        "code": "case_stars",
        "message": "X1: expected 5 stars, got 4 stars",
        "file": "tests/failing.yaml",
        "line": 5,
        "column": 7,
        "rationale": ["4 stars: Coverage 90% ≥ 80%", "5 stars (10 points) not reached: Coverage 90% ≤ 90%, must be above 90%"],
    }


def test_markdown_tabulates_the_cases_and_lists_each_difference(capsys, monkeypatch):
    code, out, _ = run_test(capsys, monkeypatch, "--format", "markdown", "--lang", "en")
    assert code == 1
    assert out.splitlines() == [
        "# Test cases of .",
        "",
        "1 passed, 2 failed",
        "",
        "| Case | Title | Result |",
        "|---|---|---|",
        "| tests/broken.yaml |  | broken |",
        "| tests/failing.yaml | 作者以为90%是五星 / the author reads 90 % as five stars | **failed** |",
        "| tests/passing.yaml | 恰好90%为四星 / exactly 90 % is four stars | pass |",
        "",
        "## tests/broken.yaml",
        "",
        '- tests/broken.yaml:2:14 X1.rate (Coverage): "190%" is outside the allowed range \\[0%, 100%\\]',
        "- tests/broken.yaml:4:7 'expect.X1' has an invalid expected value 'five': expected a star level 0-5, "
        "not\\_assessed, or {stars: N, score: points}",
        "- tests/broken.yaml:5:3 unknown indicator 'X3'",
        "",
        "## tests/failing.yaml",
        "",
        "- tests/failing.yaml:5:7 X1: expected 5 stars, got 4 stars",
        "  - 4 stars: Coverage 90% ≥ 80%",
        "  - 5 stars (10 points) not reached: Coverage 90% ≤ 90%, must be above 90%",
        "- tests/failing.yaml:6:7 X2: expected 0 points deducted, got not assessed",
        "  - not assessed: missing Incidents (incidents)",
        "- tests/failing.yaml:7:10 total: expected 10, got 8",
    ]


def test_an_edition_without_cases_says_where_they_go(capsys, tmp_path):
    folder = tmp_path / "ed"
    (folder / "indicators").mkdir(parents=True)
    (folder / "edition.yaml").write_text((EXAMPLE / "edition.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "indicators" / "a.yaml").write_text((EXAMPLE / "indicators" / "a.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["test", str(folder), "--lang", "en"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == f"error: no test cases in {Path(folder) / 'tests'} (cases go in tests/*.yaml)"


def test_a_score_that_differs_is_a_difference_even_when_the_stars_agree(tmp_path):
    edition = load_edition(EXAMPLE)
    path = tmp_path / "score.yaml"
    path.write_text("values:\n  X1: {rate: 90%}\nexpect:\n  X1: {stars: 4, score: 7.5}\n", encoding="utf-8")
    outcome = run_case(load_case(path, edition), edition)
    assert [f"{d.problem.where}: {d.problem.message('en')}" for d in outcome.differences] == [
        f"{path}:4:7: X1 score: expected 7.5, got 8",
    ]
