"""`zhibiao test --coverage`: which tiers, parts of conditions and
thresholds the authors' cases exercise, and what they miss, each with the
file and line of the condition.

A threshold is pinned by a case exactly on it and one just past it (0.1
percentage point, 1 for a count): that is where 达到 and 超过 part. The
numbers below are worked out by hand from the fixtures' rule files."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES
from zhibiao.cli import main
from zhibiao.evaluation.cases import find_cases, load_case
from zhibiao.evaluation.coverage import Tally, coverage
from zhibiao.report.coverage_terms import CoverageTerms
from zhibiao.ruleset.loader import bundled_editions, load_edition

COVERAGE = FIXTURES / "coverage"
SMALL = COVERAGE / "small"
ONE_BOUNDARY = COVERAGE / "one-boundary"
OPERATORS = COVERAGE / "operators"


def run_test(capsys, monkeypatch, folder, *options: str) -> tuple[int, list[str]]:
    monkeypatch.chdir(folder)
    code = main(["test", ".", *options])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines()


def coverage_of(folder, *case_files) -> CoverageTerms:
    edition = load_edition(folder)
    paths = list(case_files) or find_cases(edition.folder)
    return CoverageTerms(coverage(edition, [load_case(p, edition) for p in paths]), "en")


def tallies(terms: CoverageTerms) -> dict[str, tuple[int, int, int]]:
    return {kind: (t.covered, t.total, t.not_counted) for kind, t in terms.tallies()}


# -- a small edition with known coverage -------------------------------------
def test_the_small_edition_is_covered_as_worked_out_by_hand():
    """Two cases: at.yaml sits exactly on every threshold, short.yaml just
    short of it (K7 left out, so not assessed there).

    tiers (13): K6 5★ (spacing < 2 km and > 3 km) no city can meet, so 12
      are counted; K1 5★ and K2 5★ are never met, K8 1★ never fails: 9.
    conjuncts (10): K2 3★ share seen failing alone (49.9 %, 2 sites), K4 4★
      status (none, published), K6 5★ "< 2 km" (5 and 4.9 km, both above
      3 km), K8 2★ led: 4. Never alone: K2's sites and both parts of its
      "or", K4's published, K6's "> 3 km", K8's tier(1).
    thresholds (15): K3 "rank <= 10" has no other side, K6's two five-star
      ones never decide their tier: 12 counted. Pinned: K1 60 % (60, 59.9),
      K2 share 50 % (50, 49.9), K3 "4 <=" (4, 3) and "<= 3" (3, 4), K5 90 %
      (80 % and 100 %, the values 4/5 and 5/5 on either side of it), K6 5 km
      (5, 4.9): 6.
    measures 1/1 (K5's computed twice); deductions 0/1 (no incident in any
    case); not-assessed paths 1/8 (K7 in short.yaml)."""
    terms = coverage_of(SMALL)
    assert tallies(terms) == {
        "tier": (9, 12, 1),
        "conjunct": (4, 10, 0),
        "threshold": (6, 12, 3),
        "measure": (1, 1, 0),
        "deduction": (0, 1, 0),
        "not_assessed": (1, 8, 0),
    }
    assert (terms.coverage.covered, terms.coverage.total) == (21, 44)
    assert terms.percent() == "47.7%"


def test_the_report_opens_with_the_summary_line(capsys, monkeypatch):
    code, lines = run_test(capsys, monkeypatch, SMALL, "--coverage", "--lang", "en")
    assert code == 0
    assert lines[:4] == [
        "pass    tests/at.yaml — 每个门槛恰好达到 / every threshold exactly reached",
        "pass    tests/short.yaml — 每个门槛差一点 / every threshold just missed",
        "2 passed, 0 failed",
        "",
    ]
    assert lines[4] == ("Coverage: tiers 9/12, conjuncts 4/10, thresholds 6/12, measures 1/1, deductions 0/1, "
                        "not-assessed paths 1/8; 47.7% of what can be covered, by 2 cases")
    assert lines[5] == "23 items not covered (a part or threshold counts only in a case where it decides its tier):"


def test_what_is_missing_is_said_at_the_line_of_the_condition(capsys, monkeypatch):
    _, lines = run_test(capsys, monkeypatch, SMALL, "--coverage", "--lang", "en")
    start = lines.index("    indicators/a.yaml:10:8: K1 5 stars: rate > 90%")
    # 超过90%: exactly 90 % and 90.1 % would tell it from 达到90%; no case
    # reaches five stars at all.
    assert lines[start:start + 4] == [
        "    indicators/a.yaml:10:8: K1 5 stars: rate > 90%",
        "        no case meets it",
        "        no case at exactly 90% where it decides its tier",
        "        no case just above 90% (up to 90.1%) where it decides its tier",
    ]
    start = lines.index("    indicators/a.yaml:22:25: K2 3 stars: sites >= 2")
    # 2 sites with a share of 49.9 % does not tell whether 2 sites suffice.
    assert lines[start:start + 3] == [
        "    indicators/a.yaml:22:25: K2 3 stars: sites >= 2",
        "        no case in which it alone fails the tier (the rest of the condition holding)",
        "        no case at 1 (the next value below 2) where it decides its tier",
    ]
    assert "    indicators/a.yaml:83:14: K7 deduction: 1 * incidents" in lines
    assert lines[lines.index("    indicators/a.yaml:83:14: K7 deduction: 1 * incidents") + 1] == "        no case with points deducted"


def test_what_no_city_can_show_is_reported_with_why_and_not_counted(capsys, monkeypatch):
    _, lines = run_test(capsys, monkeypatch, SMALL, "--coverage", "--lang", "en")
    assert lines[lines.index("4 items no city can cover, not counted:"):] == [
        "4 items no city can cover, not counted:",
        "    indicators/a.yaml:34:13: K3 3 stars: rank <= 10",
        "        it holds for every value the data allow, [1, 10]: there is no boundary to sit on",
        "    indicators/a.yaml:73:8: K6 5 stars: spacing < 2 km and spacing > 3 km",
        "        no values the data allow meet it",
        "    indicators/a.yaml:73:8: K6 5 stars: spacing < 2 km",
        "        no values the data allow put it just below 2 km (from 1.9 km) while it decides its tier",
        "        no values the data allow put it at exactly 2 km while it decides its tier",
        "    indicators/a.yaml:73:27: K6 5 stars: spacing > 3 km",
        "        no values the data allow put it at exactly 3 km while it decides its tier",
        "        no values the data allow put it just above 3 km (up to 3.1 km) while it decides its tier",
    ]


def test_the_coverage_is_told_in_chinese_by_default(capsys, monkeypatch):
    _, lines = run_test(capsys, monkeypatch, SMALL, "--coverage")
    assert lines[4] == ("覆盖：星级条件 9/12、条件分项 4/10、门槛 6/12、计算量 1/1、扣分项 0/1、"
                        "未评估路径 1/8；可覆盖部分的 47.7%，共 2 个用例")
    start = lines.index("    indicators/a.yaml:10:8: K1 五星：rate > 90%")
    assert lines[start + 1:start + 4] == [
        "        没有用例满足它",
        "        缺少这样的用例：它决定该星级时恰好为 90%",
        "        缺少这样的用例：它决定该星级时略高于 90%（不超过 90.1%）",
    ]


def test_a_case_counts_only_for_the_verdicts_it_checks():
    """Data for K1 without an expectation of K1 (or of the total) would
    pass whatever the rules said of K1."""
    checked = coverage_of(SMALL, COVERAGE / "small-checks" / "checks-k1.yaml")
    unchecked = coverage_of(SMALL, COVERAGE / "small-checks" / "checks-k2-only.yaml")

    def k1_five(terms: CoverageTerms) -> list[str]:
        item = next(i for i in terms.coverage.items if i.kind == "tier" and i.indicator.id == "K1" and i.level == 5)
        return sorted(n.code for n in item.seen)

    assert k1_five(checked) == ["true"]
    assert k1_five(unchecked) == []
    assert unchecked.coverage.tally("not_assessed") == Tally(1, 8, 0)  # K2, expected not assessed


# -- what pins each kind of threshold ------------------------------------------
PINS = [
    # A percent: exactly on it, and 0.1 percentage point on the side where it flips.
    ("P1", 1, "rate >= 60%", ["just below 60% (from 59.9%)", "at exactly 60%"]),
    ("P1", 2, "rate > 60%", ["at exactly 60%", "just above 60% (up to 60.1%)"]),
    ("P1", 3, "rate <= 40%", ["at exactly 40%", "just above 40% (up to 40.1%)"]),
    ("P1", 4, "rate < 40%", ["just below 40% (from 39.9%)", "at exactly 40%"]),
    ("P1", 5, "rate > 85.25%", ["at exactly 85.25%", "just above 85.25% (up to 85.26%)"]),
    # A count: the neighbouring whole numbers; equality flips on both sides.
    ("P2", 1, "n == 5", ["at 4 (the next value below 5)", "at exactly 5", "at 6 (the next value above 5)"]),
    ("P2", 2, "n != 5", ["at 4 (the next value below 5)", "at exactly 5", "at 6 (the next value above 5)"]),
    ("P2", 3, "2 <= n", ["at 1 (the next value below 2)", "at exactly 2"]),
    ("P2", 3, "n < 4", ["at 3 (the next value below 4)", "at exactly 4"]),
    ("P2", 4, "n > 2.5", ["at 2 (the next value below 2.5)", "at 3 (the next value above 2.5)"]),
    # A number with a unit: 0.1 of the unit, finer when written finer.
    ("P3", 1, "spacing < 3 km", ["just below 3 km (from 2.9 km)", "at exactly 3 km"]),
    ("P3", 2, "spacing < 2.55 km", ["just below 2.55 km (from 2.54 km)", "at exactly 2.55 km"]),
    # An enum by its declared order, a yes/no.
    ("P4", 1, "status >= draft", ["at none (the next value below draft)", "at exactly draft"]),
    ("P4", 2, "status != none", ["at exactly none", "at draft (the next value above none)"]),
    ("P4", 3, "status <= draft", ["at exactly draft", "at done (the next value above draft)"]),
    ("P4", 4, "flag == true", ["at no (the next value below yes)", "at exactly yes"]),
    ("P4", 5, "status == done", ["at draft (the next value below done)", "at exactly done"]),
    # A measure in steps of 1/5: 90 % itself is never reached, 4/5 and 5/5 lie either side.
    ("P5", 1, "open_rate >= 90%", ["at 80% (the next value below 90%)", "at 100% (the next value above 90%)"]),
    ("P5", 2, "open_rate >= 100%", ["at 80% (the next value below 100%)", "at exactly 100%"]),
]


@pytest.fixture(scope="module")
def operators() -> CoverageTerms:
    return CoverageTerms(coverage(load_edition(OPERATORS), []), "en")


@pytest.mark.parametrize(("indicator", "tier", "condition", "points"), PINS, ids=[f"{p[0]}-{p[2]}" for p in PINS])
def test_a_threshold_is_pinned_on_each_side_of_where_it_flips(operators, indicator, tier, condition, points):
    item = next(i for i in operators.coverage.items if i.kind == "threshold" and i.indicator.id == indicator
                and i.level == tier and operators.condition(i) == condition)
    assert [operators.point(item, n) for n in item.needs] == points


def test_a_threshold_with_one_outcome_for_every_allowed_value_has_nothing_to_pin(operators):
    unpinned = {operators.condition(i): operators.why(i) for i in operators.coverage.items if not i.counted}
    assert unpinned == {
        "spacing > 0 km": ["it holds for every value the data allow, (0 km, +∞): there is no boundary to sit on"],
        "rank <= 10": ["it holds for every value the data allow, [1, 10]: there is no boundary to sit on"],
        "rank > 10": ["it fails for every value the data allow, [1, 10]: there is no boundary to sit on"],
    }


def test_a_measure_no_case_computes_is_named_with_its_formula(operators, monkeypatch):
    monkeypatch.chdir(OPERATORS)
    [measure] = [i for i in operators.coverage.items if i.kind == "measure"]
    assert (operators.where(measure), operators.subject(measure), operators.condition(measure), operators.needs(measure)) == (
        "indicators/a.yaml:73:75", "P5 measure", "open_rate = opened / 5", ["no case computes it"],
    )


# -- an edition whose cases miss one boundary ------------------------------------
def test_a_missed_boundary_is_reported_with_its_line(capsys, monkeypatch):
    code, lines = run_test(capsys, monkeypatch, ONE_BOUNDARY, "--coverage", "--lang", "en")
    assert code == 0  # coverage alone never changes the exit status
    assert lines[lines.index("5 passed, 0 failed") + 1:] == [
        "",
        "Coverage: tiers 2/2, conjuncts 0/0, thresholds 1/2, measures 0/0, deductions 0/0, "
        "not-assessed paths 1/1; 80% of what can be covered, by 5 cases",
        "1 item not covered (a part or threshold counts only in a case where it decides its tier):",
        "    indicators/a.yaml:9:8: X1 5 stars: rate > 90%",
        "        no case just above 90% (up to 90.1%) where it decides its tier",
    ]


@pytest.mark.parametrize(("required", "code", "said"), [
    ("80", 0, "Coverage 80% meets the 80% required by --fail-under."),
    ("80.1", 1, "Coverage 80% is below the 80.1% required by --fail-under."),
    ("100", 1, "Coverage 80% is below the 100% required by --fail-under."),
])
def test_fail_under_exits_1_below_the_percentage(capsys, monkeypatch, required, code, said):
    got, lines = run_test(capsys, monkeypatch, ONE_BOUNDARY, "--fail-under", required, "--lang", "en")
    assert (got, lines[-1]) == (code, said)


def test_fail_under_takes_a_percentage(capsys, monkeypatch):
    monkeypatch.chdir(ONE_BOUNDARY)
    with pytest.raises(SystemExit) as stop:  # argparse ends a usage error with exit
        main(["test", ".", "--fail-under", "101", "--lang", "en"])
    _, err = capsys.readouterr()
    assert stop.value.code == 2
    assert "zhibiao test: error: argument --fail-under: a percentage from 0 to 100 is expected, not 101" in err.splitlines()


def test_json_gives_the_counts_and_every_item(capsys, monkeypatch):
    code, lines = run_test(capsys, monkeypatch, ONE_BOUNDARY, "--coverage", "--format", "json", "--lang", "en")
    report = json.loads("\n".join(lines))
    assert code == 0
    assert (report["passed"], report["failed"]) == (5, 0)
    cov = report["coverage"]
    assert {k: v for k, v in cov.items() if k not in ("summary", "items")} == {
        "cases": 5, "covered": 4, "total": 5, "percent": 80.0, "fail_under": None, "below": False,
    }
    assert cov["summary"] == {
        "tier": {"covered": 2, "total": 2, "not_counted": 0},
        "conjunct": {"covered": 0, "total": 0, "not_counted": 0},
        "threshold": {"covered": 1, "total": 2, "not_counted": 0},
        "measure": {"covered": 0, "total": 0, "not_counted": 0},
        "deduction": {"covered": 0, "total": 0, "not_counted": 0},
        "not_assessed": {"covered": 1, "total": 1, "not_counted": 0},
    }
    assert [(i["kind"], i["tier"], i["line"], i["covered"]) for i in cov["items"]] == [
        ("not_assessed", None, 1, True),
        ("tier", 3, 8, True),
        ("threshold", 3, 8, True),
        ("tier", 5, 9, True),
        ("threshold", 5, 9, False),
    ]
    assert cov["items"][-1] == {
        "kind": "threshold", "indicator": "X1", "tier": 5, "file": "indicators/a.yaml", "line": 9, "column": 8,
        "condition": "rate > 90%", "logic": None, "counted": True, "covered": False,
        "missing": [{"need": "above", "low": "90%", "high": "90.1%",
                     "text": "no case just above 90% (up to 90.1%) where it decides its tier"}],
        "why": [],
    }


def test_json_without_coverage_is_the_case_results_alone(capsys, monkeypatch):
    _, lines = run_test(capsys, monkeypatch, ONE_BOUNDARY, "--format", "json")
    assert sorted(json.loads("\n".join(lines))) == ["cases", "failed", "folder", "passed"]


def test_markdown_tabulates_the_counts_and_what_is_missing(capsys, monkeypatch):
    code, lines = run_test(capsys, monkeypatch, ONE_BOUNDARY, "--coverage", "--format", "markdown", "--lang", "en")
    assert code == 0
    assert lines[lines.index("## Coverage of the rules"):] == [
        "## Coverage of the rules",
        "",
        "80% of what can be covered, by 5 cases.",
        "",
        "| Kind | Covered | Counted | No city can cover |",
        "|---|---:|---:|---:|",
        "| tiers | 2 | 2 | 0 |",
        "| conjuncts | 0 | 0 | 0 |",
        "| thresholds | 1 | 2 | 0 |",
        "| measures | 0 | 0 | 0 |",
        "| deductions | 0 | 0 | 0 |",
        "| not-assessed paths | 1 | 1 | 0 |",
        "",
        "### Not covered",
        "",
        "A part or a threshold counts only in a case where it decides its tier.",
        "",
        "| Where | Rule | Condition | Missing |",
        "|---|---|---|---|",
        "| indicators/a.yaml:9:8 | X1 5 stars | `rate > 90%` | no case just above 90% (up to 90.1%) where it decides its tier |",
    ]


# -- the bundled edition ---------------------------------------------------------
def test_the_bundled_cases_cover_every_tier_part_and_threshold_that_can_be_covered():
    """DB37/T 3890.1-2020 has 171 tiers, 73 parts of and/or (L1P4 6, L4P3 8,
    L4P5 6, L5P1 8, L5P2 16, L5P3 10, L5P4 7, L6P1 4, L6P2 6, L6P3 2), 189
    comparisons with a literal, 6 measures, 1 deduction, 49 indicators."""
    terms = coverage_of(bundled_editions()["db37-t-3890.1-2020"])
    assert tallies(terms) == {
        "tier": (171, 171, 0),
        "conjunct": (73, 73, 0),
        "threshold": (188, 188, 1),
        "measure": (6, 6, 0),
        "deduction": (1, 1, 0),
        "not_assessed": (49, 49, 0),
    }


def test_the_one_bundled_threshold_that_cannot_be_pinned_says_why():
    """L1P3 一星 "13至16名": rank 16 is the last there is, so nothing lies
    beyond that end of the range."""
    terms = coverage_of(bundled_editions()["db37-t-3890.1-2020"])
    [item] = terms.not_counted()
    assert (item.indicator.id, item.level, terms.condition(item)) == ("L1P3", 1, "app_rank <= 16")
    assert terms.where(item).endswith("indicators/L1.yaml:65:14")
    assert terms.why(item) == ["it holds for every value the data allow, [1, 16]: there is no boundary to sit on"]
