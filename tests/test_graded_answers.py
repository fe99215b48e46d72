"""L5P2's quality words as graded answers (READING.md, "Quality words"):
annual_plan none/made/clear, task_division_plan none/made/detailed,
evaluation_mechanism none/established/complete; each tier asks for the grade
it prints, and a yes/no answer still reads as the rule file declares (yes is
the highest grade, no is none), so earlier data keep their verdicts."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal

import pytest
import yaml

from tests.conftest import FIXTURES, SAMPLES
from zhibiao.cli import main
from zhibiao.data.reading import city_from_document
from zhibiao.data.sheet import csv_sheet, data_schema, yaml_sheet
from zhibiao.editions.diff import diff_editions
from zhibiao.editions.impact import assess
from zhibiao.evaluation.evaluate import evaluate
from zhibiao.language.types import BadValue, VType, coerce
from zhibiao.ruleset.loader import load_edition
from zhibiao.words import Bilingual
from zhibiao.yamlpos import load

BEFORE = FIXTURES / "editions" / "db37-before-graded-answers"
MIXED = FIXTURES / "boundary" / "graded-mixed.yaml"
FACTS = ("annual_plan", "task_division_plan", "special_plans", "evaluation_mechanism", "annual_summary")


@pytest.fixture(scope="module")
def before():
    """The bundled rules as they were when the three inputs were yes/no."""
    return load_edition(str(BEFORE))


def l5p2(edition, **fields):
    document = {"entity": "测试市", "period": 2020, "values": {"L5P2": fields}}
    city = city_from_document(load(yaml.safe_dump(document, allow_unicode=True), "city.yaml"), edition)
    return next(v for v in evaluate(edition, city).verdicts if v.indicator.id == "L5P2")


def stars(edition, top="none", annual="none", task="none", special=False, mechanism="none", summary=False) -> int:
    v = l5p2(edition, top_plan_status=top, annual_plan=annual, task_division_plan=task, special_plans=special,
             evaluation_mechanism=mechanism, annual_summary=summary)
    assert v.status == "rated", v.missing
    return v.stars


# -- each tier at its grades, and just below them ---------------------------
def test_one_star_asks_for_an_annual_plan_and_a_task_division_plan_made(edition):
    assert stars(edition, annual="made", task="made") == 1
    assert stars(edition, annual="made", task="none") == 0
    assert stars(edition, annual="none", task="made") == 0


def test_two_stars_ask_for_a_top_plan_in_drafting_and_a_clear_annual_plan(edition):
    assert stars(edition, top="drafting", annual="clear") == 2
    assert stars(edition, top="drafting", annual="made") == 0
    assert stars(edition, top="none", annual="clear") == 0


def test_three_stars_ask_for_a_completed_top_plan_and_a_clear_annual_plan(edition):
    assert stars(edition, top="completed", annual="clear") == 3
    assert stars(edition, top="completed", annual="made", task="made") == 1
    assert stars(edition, top="drafting", annual="clear") == 2


def test_four_stars_ask_for_the_plans_made_and_the_mechanism_established(edition):
    assert stars(edition, top="published", annual="made", task="made", mechanism="established") == 4
    assert stars(edition, top="published", annual="made", task="made", mechanism="none") == 1
    assert stars(edition, top="published", annual="made", task="none", mechanism="established") == 0
    assert stars(edition, top="published", annual="none", task="made", mechanism="established") == 0
    assert stars(edition, top="completed", annual="made", task="made", mechanism="established") == 1


def test_the_city_of_the_issue_gets_the_four_stars_it_prints(edition):
    # Top plan published, a task division plan (not detailed), an annual plan
    # and an evaluation mechanism (not complete): four stars print exactly this.
    assert stars(edition, top="published", annual="made", task="made", mechanism="established", special=True, summary=True) == 4


def test_five_stars_ask_for_every_quality_word(edition):
    top = {"top": "published", "special": True, "summary": True}
    assert stars(edition, annual="clear", task="detailed", mechanism="complete", **top) == 5
    assert stars(edition, annual="made", task="detailed", mechanism="complete", **top) == 4
    assert stars(edition, annual="clear", task="made", mechanism="complete", **top) == 4
    assert stars(edition, annual="clear", task="detailed", mechanism="established", **top) == 4
    assert stars(edition, annual="clear", task="detailed", mechanism="complete", top="published", special=False, summary=True) == 4
    assert stars(edition, annual="clear", task="detailed", mechanism="complete", top="published", special=True, summary=False) == 4
    assert stars(edition, annual="clear", task="detailed", mechanism="complete", top="completed", special=True, summary=True) == 3


# -- yes/no answers keep their meaning ------------------------------------
@pytest.mark.parametrize("top", ["none", "drafting", "completed", "published"])
def test_every_yes_no_answer_gives_the_verdict_it_gave_before(edition, before, top):
    for answers in itertools.product([True, False], repeat=len(FACTS)):
        fields = {"top_plan_status": top, **dict(zip(FACTS, answers))}
        old, new = l5p2(before, **fields), l5p2(edition, **fields)
        assert (new.stars, new.score) == (old.stars, old.score), fields


def test_a_yes_is_the_highest_grade_and_a_no_is_none(edition):
    inputs = edition.indicators["L5P2"].inputs
    assert {n: inputs[n].vtype.yes_no for n in ("annual_plan", "task_division_plan", "evaluation_mechanism")} == {
        "annual_plan": ("clear", "none"), "task_division_plan": ("detailed", "none"), "evaluation_mechanism": ("complete", "none"),
    }


def test_yes_no_and_grades_mix_in_one_file(edition, capsys):
    code = main(["evaluate", str(MIXED), "--format", "json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    verdict = next(i for i in json.loads(out)["indicators"] if i["id"] == "L5P2")
    assert verdict["stars"] == 4
    assert {n: (v["value"], v["text"]) for n, v in verdict["values"].items()} == {
        "top_plan_status": ("published", "已发布"),
        "annual_plan": ("clear", "已制定且明确"),
        "task_division_plan": ("made", "已制定"),
        "special_plans": (True, "是"),
        "evaluation_mechanism": ("complete", "已建立且完善"),
        "annual_summary": (False, "否"),
    }


def test_the_rationale_names_the_grade_held_and_the_grade_the_next_tier_needs(capsys):
    main(["evaluate", str(MIXED)])
    lines = capsys.readouterr().out.splitlines()
    at = lines.index("L5P2 规划计划 — ★★★★☆ 2.4 / 3")
    assert lines[at + 1] == (
        "    四星：智慧城市建设顶层规划状态 已发布 = 已发布 且 重点任务分工方案 已制定 ≥ 已制定 且 "
        "智慧城市年度工作计划 已制定且明确 ≥ 已制定 且 考核评估监督机制 已建立且完善 ≥ 已建立"
    )
    assert lines[at + 2] == "    五星（3 分）未达到：重点任务分工方案 已制定 < 已制定且详细；形成客观的年度工作总结（否）"


def test_the_rationale_in_english_names_the_grades_in_english(capsys):
    main(["evaluate", str(MIXED), "--lang", "en"])
    out = capsys.readouterr().out
    assert ("    5 stars (3 points) not reached: Key-task division plan made < made and detailed; "
            "An objective annual work summary has been produced (no)") in out.splitlines()


# -- reading a value --------------------------------------------------------
GRADED = VType("enum", values=("none", "made", "clear"), labels=(Bilingual("无", "none"), Bilingual("已制定", "made"), Bilingual("已制定且明确", "made and clear")), yes_no=("clear", "none"))


@pytest.mark.parametrize(("raw", "value"), [
    (True, "clear"), (False, "none"), ("是", "clear"), ("否", "none"), ("yes", "clear"), ("No", "none"), ("true", "clear"),
    ("made", "made"), ("已制定", "made"), ("Made and Clear", "clear"), (" none ", "none"),
])
def test_a_graded_answer_reads_a_grade_by_name_or_label_and_a_yes_or_no(raw, value):
    assert coerce(GRADED, raw) == value


def test_a_bad_graded_answer_lists_the_grades_and_says_what_yes_and_no_stand_for():
    with pytest.raises(BadValue) as bad:
        coerce(GRADED, "maybe")
    assert bad.value.expected.text("zh") == (
        "none（无）、made（已制定）、clear（已制定且明确） 之一，或 是/否（“是”即 clear（已制定且明确），“否”即 none（无））")
    assert bad.value.expected.text("en") == (
        "one of none, made, clear (made and clear), or yes/no (yes is clear (made and clear), no is none)")


def test_an_enum_that_declares_no_yes_no_refuses_one():
    plain = VType("enum", values=("none", "made"))
    with pytest.raises(BadValue):
        coerce(plain, True)
    with pytest.raises(BadValue):
        coerce(plain, "是")


def test_a_bad_graded_answer_in_a_data_file_is_an_error_with_its_line(tmp_path, capsys):
    city = tmp_path / "city.yaml"
    city.write_text("values:\n  L5P2:\n    annual_plan: 有\n", encoding="utf-8")
    assert main(["evaluate", str(city), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{city}:3:18: error: ")
    assert '"有"' in err and "or yes/no (yes is clear (made and clear), no is none)" in err


# -- sheets and schema ---------------------------------------------------------
def test_the_yaml_sheet_offers_the_grades_with_their_labels_and_the_yes_no_reading(edition):
    sheet = yaml_sheet(edition, "zh").splitlines()
    at = sheet.index("    task_division_plan:")
    assert sheet[at - 2] == (
        "    # 重点任务分工方案（无/已制定/已制定且详细） | 可选：none（无）、made（已制定）、detailed（已制定且详细） | "
        "或填是/否：true 即 detailed（已制定且详细），false 即 none（无）"
    )


def test_the_csv_sheet_offers_the_grades_with_their_labels(edition):
    rows = csv_sheet(edition, "zh").splitlines()
    assert "L5P2,evaluation_mechanism,,规划计划: 考核评估监督机制（无/已建立/已建立且完善）,enum,,none（无）|established（已建立）|complete（已建立且完善）" in rows


def test_the_data_schema_accepts_a_grade_a_label_and_a_yes_no(edition):
    field = data_schema(edition)["properties"]["values"]["properties"]["L5P2"]["properties"]["annual_plan"]
    grades, boolean, words, cited = field["anyOf"]
    assert cited["properties"]["value"] == {"anyOf": [grades, boolean, words]}  # or written with its source
    assert "clear" in grades["enum"] and "已制定且明确" in grades["enum"] and boolean == {"type": "boolean"}
    assert "是" in words["enum"]


# -- the diff from the yes/no rules -----------------------------------------
def test_the_diff_shows_the_retyping_and_the_yes_no_reading(before, edition):
    diff = diff_editions(before, edition)
    l5p2 = [(c.kind, c.name or c.level) for c in diff.changes if c.indicator == "L5P2" and c.section != "wording"]
    assert l5p2 == [
        ("nested", None),
        ("tier_changed", 1), ("tier_changed", 2), ("tier_changed", 3), ("tier_changed", 4), ("tier_changed", 5),
        ("input_retyped", "annual_plan"), ("input_yes_no", "annual_plan"),
        ("input_retyped", "task_division_plan"), ("input_yes_no", "task_division_plan"),
        ("input_retyped", "evaluation_mechanism"), ("input_yes_no", "evaluation_mechanism"),
    ]


def test_the_diff_says_each_change_in_the_rules_terms(capsys):
    main(["diff", str(BEFORE), "db37-t-3890.1-2020"])
    lines = capsys.readouterr().out.splitlines()
    for line in [
        "  - L5P2 一星：拥有明确的智慧城市年度工作计划 且 制定重点任务分工方案 → 智慧城市年度工作计划 ≥ 已制定 且 重点任务分工方案 ≥ 已制定",
        "  - L5P2 二星：+ 且 智慧城市年度工作计划 ≥ 已制定且明确",
        "  - L5P2 五星：+ 且 重点任务分工方案 ≥ 已制定且详细",
        "  - L5P2 输入 annual_plan 的类型：是/否 → 枚举（none（无） / made（已制定） / clear（已制定且明确））",
        "  - L5P2 输入 annual_plan 的是/否作答：本身即为是/否 → “是”读作 clear（已制定且明确），“否”读作 none（无）",
        "  - 星级逐级嵌套：L5P2 规划计划，是 → 否",
    ]:
        assert line in lines


def test_the_sample_cities_keep_their_verdicts_across_the_revision(before, edition):
    impact = assess(diff_editions(before, edition), sorted(SAMPLES.glob("*.yaml")))
    assert [c.file for c in impact.failed] == []
    assert [(c.delta, c.rows, c.not_carried) for c in impact.cities] == [(Decimal(0), [], [])] * 4
    assert impact.summary == []


# -- what a condition calls an enum input -------------------------------------
def test_a_label_ending_in_its_list_of_values_is_shortened_where_the_value_is_printed(edition):
    spec = edition.indicators["L5P2"].inputs["annual_plan"]
    assert spec.label == "智慧城市年度工作计划（无/已制定/已制定且明确）"
    assert spec.name_words() == Bilingual("智慧城市年度工作计划", "Annual smart city work plan")


def test_a_label_whose_brackets_say_something_else_is_kept_whole(edition):
    from dataclasses import replace

    spec = edition.indicators["L5P2"].inputs["annual_plan"]
    other = replace(spec, label="智慧城市年度工作计划（含专项计划）", label_en="Annual plan (none / made)")
    assert other.name_words() == Bilingual("智慧城市年度工作计划（含专项计划）", "Annual plan (none / made)")
