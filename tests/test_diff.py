"""`zhibiao diff`: every kind of change between two editions, said in the
rules' own terms; formatting is no change; what a revision does to cities.

The revision compared is a made-up test fixture
(tests/fixtures/editions/db37-revision-fixture), not an official document.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SAMPLES
from zhibiao.cli import main
from zhibiao.editions.diff import Change, Step, canon, condition_steps, diff_editions
from zhibiao.editions.impact import Standing, assess, carries
from zhibiao.language.parser import parse
from zhibiao.language.types import VType
from zhibiao.report.diff_terms import Terms
from zhibiao.report.render import render_template
from zhibiao.ruleset.loader import load_edition

ROOT = FIXTURES.parents[1]
EDITIONS = FIXTURES / "editions"
REVISION = EDITIONS / "db37-revision-fixture"
FORMATTING = EDITIONS / "db37-formatting-only"
BUNDLED = ROOT / "rules" / "db37-t-3890.1-2020"
GOLDEN = FIXTURES / "diff_golden"
DIFF_DATA = FIXTURES / "diff_data"
SAMPLE_FILES = sorted(str(p.relative_to(ROOT)) for p in SAMPLES.glob("*.yaml"))


def node(text: str):
    return parse(text)


@pytest.fixture(scope="module")
def revision():
    return load_edition(REVISION)


@pytest.fixture(scope="module")
def diff(edition, revision):
    return diff_editions(edition, revision)


@pytest.fixture(scope="module")
def text_zh(diff):
    return render_template("diff.txt.j2", "zh", d=diff, impact=None, t=Terms(diff, "zh")).splitlines()


@pytest.fixture(scope="module")
def text_en(diff):
    return render_template("diff.txt.j2", "en", d=diff, impact=None, t=Terms(diff, "en")).splitlines()


def only(diff, kind, indicator=None, **match):
    found = [c for c in diff.changes if c.kind == kind and (indicator is None or c.indicator == indicator)
             and all(getattr(c, k) == v for k, v in match.items())]
    assert len(found) == 1, found
    return found[0]


# -- the revision fixture is what it says it is -------------------------------
def test_revision_fixture_is_labelled_a_made_up_test_edition(revision):
    assert revision.fixture is True
    assert revision.code == "DB37/T 3890.1-20XX (test fixture)"
    assert "不是正式发布的标准文件" in revision.description
    assert "not an official document" in revision.description


def test_revision_fixture_keeps_the_category_sums(revision):
    for cid, cat in revision.categories.items():
        top = sum((i.max_score for i in revision.indicators.values() if i.category == cid), Decimal(0))
        assert top == cat.max, cid
    assert sum(c.max for c in revision.categories.values()) == revision.total == 100


# -- indicators ---------------------------------------------------------------
def test_an_added_indicator_is_listed_with_its_tiers_and_weights(diff, text_zh):
    assert only(diff, "indicator_added") == Change("indicator_added", "indicators", "L4P11", new="L4")
    at = text_zh.index("  - 新增 L4P11 千兆光网覆盖率（L4 基础设施，引领性指标）")
    assert text_zh[at + 1:at + 4] == [
        "      三星（0.6 分）：千兆光网家庭覆盖率 ≥ 30%",
        "      四星（0.8 分）：千兆光网家庭覆盖率 ≥ 50%",
        "      五星（1 分）：千兆光网家庭覆盖率 ≥ 80%",
    ]


def test_a_removed_indicator_is_listed_with_its_category_and_maximum(diff, text_zh):
    assert only(diff, "indicator_removed") == Change("indicator_removed", "indicators", "L2P9", old="L2")
    assert "  - 删除 L2P9 建筑节能分项计量应用水平（原属 L2 数字政府，满分 0.5）" in text_zh


def test_a_renumbering_declared_by_replaces_is_one_move_not_a_removal_and_an_addition(diff, text_zh):
    assert ("L4P11", "L4P12") in diff.pairs
    assert only(diff, "indicator_renumbered") == Change("indicator_renumbered", "indicators", "L4P12", "L4P11")
    # The old L4P11 is matched to L4P12, so the only removal is L2P9, and
    # the new indicator that took the number L4P11 is an addition.
    assert [c.indicator for c in diff.changes if c.kind == "indicator_removed"] == ["L2P9"]
    assert "  - 重新编号：L4P11 → L4P12 多尺度地理信息覆盖情况" in text_zh


def test_a_replaces_older_than_the_old_edition_is_not_followed(revision):
    # The revision has both L4P11 and L4P12; compared with itself, its
    # "L4P12 replaces L4P11" speaks of the edition before and must not cross them.
    same = diff_editions(revision, revision)
    assert ("L4P11", "L4P11") in same.pairs and ("L4P12", "L4P12") in same.pairs
    assert same.changes == ()


def test_an_indicator_moved_to_another_category(diff, text_zh, text_en):
    assert only(diff, "indicator_moved") == Change("indicator_moved", "indicators", "L1P5", old="L1", new="L2")
    assert "  - 调整类别：L1P5 智能照明设备安装率，L1 数字惠民 → L2 数字政府" in text_zh
    assert "  - moved: L1P5 Smart lighting installation rate, L1 Digital services for citizens → L2 Digital government" in text_en


def test_a_renamed_indicator(diff, text_zh, text_en):
    assert only(diff, "indicator_renamed") == Change(
        "indicator_renamed", "indicators", "L2P4",
        old=("多网络融合水平", "Multi-network integration level"), new=("多网格融合水平", "Multi-grid integration level"))
    assert "  - 更名：L2P4 多网络融合水平 → 多网格融合水平" in text_zh
    assert "  - renamed: L2P4 Multi-network integration level → Multi-grid integration level" in text_en


def test_a_changed_leading_flag(diff, text_zh):
    assert only(diff, "leading") == Change("leading", "indicators", "L4P9", old=True, new=False)
    assert "  - 引领性指标：L4P9 IPv6网站支持率，是 → 否" in text_zh


# -- inputs and measures ------------------------------------------------------
def test_an_added_input(diff, text_zh):
    assert only(diff, "input_added") == Change("input_added", "inputs", "L6P4", name="community_service_platform", new=VType("bool"))
    assert "  - L6P4 新增输入：建成全市统一的智慧社区服务平台（community_service_platform，是/否）" in text_zh


def test_a_removed_input(diff, text_zh):
    assert only(diff, "input_removed") == Change("input_removed", "inputs", "L1P11", name="gas_meter_rate", old=VType("percent"))
    assert "  - L1P11 删除输入：远传智能燃气表覆盖率（gas_meter_rate）" in text_zh


def test_a_retyped_input(diff, text_zh, text_en):
    assert only(diff, "input_retyped") == Change("input_retyped", "inputs", "L3P2", name="cloud_enterprises",
                                                 old=VType("count"), new=VType("percent"))
    assert "  - L3P2 输入 cloud_enterprises 的类型：计数 → 百分比" in text_zh
    assert "  - L3P2 type of input cloud_enterprises: a count → a percent" in text_en


def test_a_changed_computed_measure(diff, text_zh):
    assert only(diff, "measure_changed") == Change(
        "measure_changed", "inputs", "L1P11", name="energy_collection_rate",
        old=node("mean(water_meter_rate, power_meter_rate, gas_meter_rate)"),
        new=node("mean(water_meter_rate, power_meter_rate)"))
    assert ("  - L1P11 计算量 家庭能源自动化采集覆盖率：平均(远传智能水表覆盖率，远传智能电表覆盖率，远传智能燃气表覆盖率)"
            " → 平均(远传智能水表覆盖率，远传智能电表覆盖率)") in text_zh


# -- tiers ----------------------------------------------------------------------
def test_an_added_tier(diff, text_zh):
    assert only(diff, "tier_added") == Change(
        "tier_added", "tiers", "L4P5", level=2, new=node("hd_video_coverage >= 60% and camera_intact_rate >= 60%"))
    assert ("  - L4P5 二星：新增，城市重点公共区域高清视频监控覆盖率 ≥ 60% 且 城市重点公共区域视频监控摄像机完好率 ≥ 60%"
            in text_zh)


def test_a_removed_tier(diff, text_zh):
    assert only(diff, "tier_removed") == Change("tier_removed", "tiers", "L4P1", level=1, old=node("fiber_home_rate >= 60%"))
    assert "  - L4P1 一星：删除（原为 家庭光纤入户覆盖率 ≥ 60%）" in text_zh


def test_a_raised_threshold_is_told_in_the_rules_terms(diff, text_zh, text_en):
    change = only(diff, "tier_changed", "L4P10", level=3)
    assert change.steps == (Step("threshold", node("g5_public_area_coverage >= 60%"), node("g5_public_area_coverage >= 70%")),)
    assert "  - L4P10 三星：城区重点公共区域5G网络覆盖率 ≥ 60% → ≥ 70%" in text_zh
    assert "  - L4P10 3 stars: 5G coverage of key urban public areas ≥ 60% → ≥ 70%" in text_en


def test_reaches_becoming_exceeds_is_an_operator_change(diff, text_zh, text_en):
    change = only(diff, "tier_changed", "L1P7", level=5)
    assert change.steps == (Step("operator", node("smart_campus_rate >= 80%"), node("smart_campus_rate > 80%")),)
    assert "  - L1P7 五星：智慧校园覆盖率 ≥ 80% → > 80%（达到 → 超过）" in text_zh
    assert "  - L1P7 5 stars: Smart campus coverage ≥ 80% → > 80% (at least → more than)" in text_en


def test_an_added_conjunct(diff, text_zh, text_en):
    change = only(diff, "tier_changed", "L6P4", level=5)
    assert change.steps == (Step("conjunct_added", None, node("community_service_platform")),)
    assert "  - L6P4 五星：+ 且 建成全市统一的智慧社区服务平台" in text_zh
    assert "  - L6P4 5 stars: + and A city-wide smart community service platform is in operation" in text_en


def test_a_dropped_conjunct(diff, text_zh):
    change = only(diff, "tier_changed", "L4P3", level=2)
    assert change.steps == (Step("conjunct_dropped", node("video_served_departments >= 1"), None),)
    assert "  - L4P3 二星：− 且 公共安全视频图像服务的政府其他职能部门个数 ≥ 1" in text_zh


def test_a_change_with_no_simpler_description_shows_old_and_new_conditions(diff, text_zh):
    change = only(diff, "tier_changed", "L6P2", level=3)
    assert change.steps == (Step("rewritten", node("publicity_activities >= 2 or data_hall_exhibits >= 1"),
                                 node("publicity_activities >= 2 and data_hall_exhibits >= 1")),)
    assert ("  - L6P2 三星：承担、配合开展的智慧城市相关宣传、体验活动数（各级合计） ≥ 2 或 在省数据大厅展示的智慧城市建设经验数 ≥ 1"
            " → 承担、配合开展的智慧城市相关宣传、体验活动数（各级合计） ≥ 2 且 在省数据大厅展示的智慧城市建设经验数 ≥ 1") in text_zh


def test_a_threshold_on_a_retyped_input_names_the_quantity_on_both_sides(text_zh):
    assert "  - L3P2 二星：区域内企业上云数量（家） ≥ 2000 → 区域内上云企业占规模以上企业的比例 ≥ 20%" in text_zh


# -- weights, categories, deductions, policy, metadata ---------------------------
def test_changed_weights_per_star_level(diff, text_zh):
    assert diff.section("weights") == [
        Change("weight", "weights", "L4P1", level=1, old=Decimal("0.2"), new=None),
        Change("weight", "weights", "L4P5", level=2, old=None, new=Decimal("0.3")),
        Change("weight", "weights", "L6P3", level=4, old=Decimal("8.0"), new=Decimal("7.5")),
        Change("weight", "weights", "L6P3", level=5, old=Decimal("10.0"), new=Decimal("9.5")),
    ]
    assert "  - L6P3 四星：8 → 7.5" in text_zh


def test_changed_category_maxima(diff, text_zh):
    assert [(c.name, c.old, c.new) for c in diff.changes if c.kind == "category_max"] == [
        ("L1", 20, 19), ("L2", Decimal("14.5"), 15), ("L4", 15, 16), ("L6", 19, Decimal("18.5")),
    ]
    assert "  - L6 地方特色 满分：19 → 18.5" in text_zh


def test_a_changed_deduction_rule(diff, text_zh):
    assert only(diff, "deduction_changed") == Change(
        "deduction_changed", "deductions", "L5P6", old=node("2 * security_incidents"), new=node("3 * security_incidents"))
    assert ("  - L5P6 信息安全：扣分 = 2 × 智慧城市建设过程中发生的失泄密事件（案件）数 → 3 × 智慧城市建设过程中发生的失泄密事件（案件）数"
            in text_zh)


def test_a_changed_selection_policy(diff, text_en):
    assert only(diff, "selection") == Change("selection", "scoring", old="highest_passing", new="cumulative")
    assert ("  - star level: the highest tier whose condition holds (lower tiers need not hold)"
            " → cumulative (a tier counts only when every lower tier holds too)") in text_en


def test_changed_metadata(diff, text_zh):
    assert [(c.name, c.old, c.new) for c in diff.section("metadata")][:4] == [
        ("id", "db37-t-3890.1-2020", "db37-t-3890.1-20xx-fixture"),
        ("code", "DB37/T 3890.1-2020", "DB37/T 3890.1-20XX (test fixture)"),
        ("issued", "2020-03-31", "2026-01-15"),
        ("effective", "2020-05-01", "2026-03-01"),
    ]
    assert "  - 标准编号：DB37/T 3890.1-2020 → DB37/T 3890.1-20XX (test fixture)" in text_zh
    assert "  - 发布日期：2020-03-31 → 2026-01-15" in text_zh


def test_every_kind_of_change_of_the_issue_is_in_the_revision_fixture(diff):
    kinds = {c.kind for c in diff.changes}
    steps = {s.kind for c in diff.changes for s in c.steps}
    assert {"indicator_added", "indicator_removed", "indicator_renumbered", "indicator_moved", "indicator_renamed",
            "leading", "input_added", "input_removed", "input_retyped", "measure_changed", "tier_added", "tier_removed",
            "tier_changed", "weight", "category_max", "deduction_changed", "selection", "metadata"} <= kinds
    assert {"threshold", "operator", "conjunct_added", "conjunct_dropped", "rewritten"} <= steps


# -- other kinds, on small edits of the bundled edition ---------------------------
EDITS = [
    ("edition.yaml", "total: 100", "total: 101", Change("total", "scoring", old=100, new=101)),
    ("edition.yaml", "L3: {name: 数字经济,", "L3: {name: 数字经济类,",
     Change("category_renamed", "scoring", name="L3", old=("数字经济", "Digital economy"), new=("数字经济类", "Digital economy"))),
    ("indicators/L1.yaml", "  source: “爱山东”责任部门", "  source: 省大数据局",
     Change("source", "wording", "L1P3", old="“爱山东”责任部门", new="省大数据局")),
    ("indicators/L1.yaml", "  printed_id: LIP8\n", "",
     Change("printed_id", "wording", "L1P8", old="LIP8", new=None)),
    ("indicators/L1.yaml",
     "  constraints:\n    - expr: hospital_level4_share <= hospital_level3_share\n"
     "      message: 4级及以上医院占比不能大于3级及以上医院占比\n"
     "      message_en: The level-4-and-above share cannot exceed the level-3-and-above share\n", "",
     Change("constraint_removed", "inputs", "L1P8", old=node("hospital_level4_share <= hospital_level3_share"))),
    ("indicators/L4.yaml", "      expr: ipv6_sites / 10", "      expr: ipv6_sites / 12",
     Change("measure_changed", "inputs", "L4P9", name="ipv6_site_rate", old=node("ipv6_sites / 10"), new=node("ipv6_sites / 12"))),
]


def edited(tmp_path, file, old, new):
    """The bundled edition with one edit."""
    folder = tmp_path / "edited"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("standard", "READING.md"))
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_edition(folder)


@pytest.mark.parametrize("file, old, new, expected", EDITS, ids=[e[3].kind for e in EDITS])
def test_a_single_edit_gives_exactly_its_change(edition, tmp_path, file, old, new, expected):
    assert diff_editions(edition, edited(tmp_path, file, old, new)).changes == (expected,)


def test_one_change_is_counted_in_the_singular(edition, tmp_path):
    one = diff_editions(edition, edited(tmp_path, *EDITS[2][:3]))
    assert "1 change, touching 1 indicator." in render_template("diff.txt.j2", "en", d=one, impact=None, t=Terms(one, "en"))
    assert "**1** change, touching **1** indicator," in render_template("diff.md.j2", "en", d=one, impact=None, t=Terms(one, "en"))
    assert "共 1 处变化，涉及 1 项指标。" in render_template("diff.txt.j2", "zh", d=one, impact=None, t=Terms(one, "zh"))


# -- semantic comparison of conditions ----------------------------------------------
SAME = [
    ("a >= 80%", "a ≥ 80.0%"),
    ("a >= 80%", "a>=80％"),
    ("a >= 80%", "80% <= a"),
    ("a >= 1 and b", "b 且 a >= 1"),
    ("a or b", "b 或 a"),
    ("not a", "非 a"),
    ("(a and b) and c", "a and (b and c)"),
    ("2 * x", "2 × x"),
    ("m >= 5000 万元", "m >= 5000.0万元"),
]
DIFFERENT = [
    ("a >= 80%", "a > 80%"),
    ("a >= 80%", "a >= 0.8"),  # a percent is not a plain number, whatever its value
    ("m >= 5000 万元", "m >= 5000 元"),
    ("a and b", "a or b"),
    ("2 * x", "x * 3"),
]


@pytest.mark.parametrize("a, b", SAME)
def test_spellings_of_one_condition_compare_equal(a, b):
    assert canon(parse(a)) == canon(parse(b))
    assert condition_steps(parse(a), parse(b)) == ()


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_conditions_compare_different(a, b):
    assert canon(parse(a)) != canon(parse(b))
    assert condition_steps(parse(a), parse(b)) != ()


def test_a_threshold_and_operator_changed_together_is_one_comparison_step():
    assert condition_steps(parse("a >= 60% and b"), parse("b and a > 70%")) == (
        Step("comparison", node("a >= 60%"), node("a > 70%")),)


def test_a_threshold_written_literal_first_is_compared_as_if_turned_round():
    assert condition_steps(parse("60% <= a"), parse("a >= 70%")) == (
        Step("threshold", node("a >= 60%"), node("a >= 70%")),)


# -- formatting only ----------------------------------------------------------------
def test_the_formatting_only_fixture_really_is_written_differently():
    for name in ("edition.yaml", "indicators/L1.yaml", "indicators/L5.yaml", "indicators/L6.yaml"):
        assert (FORMATTING / name).read_text(encoding="utf-8") != (BUNDLED / name).read_text(encoding="utf-8")
    l1 = (FORMATTING / "indicators/L1.yaml").read_text(encoding="utf-8")
    for spelling in ("≥", "且", "80％", "60.0%", "85.00%", "3 >= app_rank", "e_license_rate>=10%"):
        assert spelling in l1


def test_an_edition_differing_only_in_formatting_is_equivalent(edition):
    assert diff_editions(edition, load_edition(FORMATTING)).changes == ()


# -- exit status --------------------------------------------------------------------
def test_exit_status_0_when_equivalent(capsys):
    assert main(["diff", "db37-t-3890.1-2020", str(FORMATTING)]) == 0
    assert "两个版本等价" in capsys.readouterr().out


def test_exit_status_1_when_different(capsys):
    assert main(["diff", "db37-t-3890.1-2020", str(REVISION), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["equivalent"] is False


def test_exit_status_2_when_an_edition_cannot_be_found(capsys):
    assert main(["diff", "db37-t-3890.1-2020", "no-such-edition", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("error: no edition 'no-such-edition': neither a bundled edition nor a folder with "
                            "edition.yaml. Bundled: db37-t-3890.1-2020\n")


def test_exit_status_2_when_an_edition_is_broken(tmp_path, capsys):
    folder = tmp_path / "broken"
    shutil.copytree(REVISION, folder)
    path = folder / "indicators" / "L4.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("g5_public_area_coverage >= 70%", "g5_public_area_coverage >="),
                    encoding="utf-8")
    assert main(["diff", "db37-t-3890.1-2020", str(folder)]) == 2
    assert "条件语法错误" in capsys.readouterr().err


def test_an_unreadable_data_file_is_reported_and_the_others_still_compared(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code = main(["diff", "db37-t-3890.1-2020", str(REVISION.relative_to(ROOT)), "--format", "markdown",
                 "--data", "tests/fixtures/diff_data/unreadable-city.yaml", SAMPLE_FILES[0]])
    out, err = capsys.readouterr()
    assert code == 1
    assert "| tests/fixtures/diff\\_data/unreadable-city.yaml | — | — | 无法读取 |" in out
    assert "两个版本都无法读取，未作比较：" in out
    assert "| 示例市0 | 52.1（不完整） | 43.4（不完整） | −8.7 |" in out
    assert err == ("tests/fixtures/diff_data/unreadable-city.yaml:5:22: 错误: L4P1.fiber_home_rate（家庭光纤入户覆盖率）："
                   "\"130%\" 超出允许范围 [0%, 100%]\n")


def test_exit_status_2_when_no_data_file_can_be_read(capsys):
    assert main(["diff", "db37-t-3890.1-2020", str(FORMATTING), "--data", str(DIFF_DATA / "unreadable-city.yaml")]) == 2


# -- impact on cities -------------------------------------------------------------------
@pytest.fixture(scope="module")
def impact(diff):
    return assess(diff, [SAMPLES / "sample-city-0.yaml", SAMPLES / "sample-city-top.yaml", DIFF_DATA / "new-edition-city.yaml"])


def test_a_city_lacking_an_input_the_new_edition_needs_is_reported_not_dropped(impact):
    city = impact.cities[0]
    assert city.entity == "示例市0"
    assert city.lacking == [("L3P2", ("cloud_enterprises",)), ("L6P4", ("community_service_platform",)),
                            ("L4P11", ("gigabit_home_coverage",))]
    assert city.not_carried == [("L3P2", "cloud_enterprises")]
    row = next(r for r in city.rows if r.new_id == "L6P4")
    assert (row.old, row.new, row.trend) == (Standing("rated", 5, Decimal("3.0")),
                                             Standing("not_assessed", missing=("community_service_platform",)), "lacking")


def test_per_city_changes_and_the_total_delta(impact):
    top = impact.cities[1]
    assert (top.old_total, top.new_total, top.delta) == (Decimal("100.0"), Decimal("86.5"), Decimal("-13.5"))
    assert [(r.old_id, r.new_id, r.trend) for r in top.rows] == [
        ("L1P3", "L1P3", "loss"), ("L1P7", "L1P7", "loss"), ("L3P2", "L3P2", "lacking"), ("L5P4", "L5P4", "loss"),
        ("L6P2", "L6P2", "loss"), ("L6P3", "L6P3", "same"), ("L6P4", "L6P4", "lacking"), ("L2P9", None, "loss"),
        (None, "L4P11", "lacking"),
    ]


def test_data_of_a_renumbered_indicator_follow_it(diff):
    (city,) = assess(diff, [SAMPLES / "sample-city-top.yaml"]).cities
    assert city.ok
    # L4P11 of the old edition is L4P12 of the new one: five stars on both sides, so no row.
    assert not [r for r in city.rows if "L4P12" in (r.old_id, r.new_id)]


def test_a_data_file_written_for_the_new_edition_is_read_for_it(impact):
    city = impact.cities[2]
    assert (city.entity, city.read_for, city.ok) == ("新版数据市", "new", True)
    assert [(r.old_id, r.new_id, r.old.status, r.old.stars, r.new.stars) for r in city.rows] == [
        ("L3P2", "L3P2", "not_assessed", None, 3),
        ("L4P10", "L4P10", "rated", 3, 0),
        (None, "L4P11", "absent", None, 4),
    ]


def test_a_value_the_new_edition_refuses_makes_the_file_fail_for_it_only(tmp_path, edition):
    folder = tmp_path / "narrow"
    shutil.copytree(REVISION, folder)
    path = folder / "indicators" / "L4.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("label_en: 5G coverage of key urban public areas, range: [0, 100]") == 1
    path.write_text(text.replace("label_en: 5G coverage of key urban public areas, range: [0, 100]",
                                 "label_en: 5G coverage of key urban public areas, range: [0, 50]"), encoding="utf-8")
    (city,) = assess(diff_editions(edition, load_edition(folder)), [SAMPLES / "sample-city-0.yaml"]).cities
    assert list(city.failed) == ["new"]
    assert [p.message("zh") for p in city.failed["new"]] == [
        "L4P10.g5_public_area_coverage（城区重点公共区域5G网络覆盖率）：\"80%\" 超出允许范围 [0%, 50%]"]


def test_the_summary_counts_cities_per_indicator(impact):
    rows = {(s.old_id, s.new_id): (s.gained, s.lost, s.lacking, s.rescored, s.same) for s in impact.summary}
    assert rows[("L6P3", "L6P3")] == (0, 0, 0, 2, 1)
    assert rows[("L4P10", "L4P10")] == (0, 1, 0, 0, 2)
    assert rows[(None, "L4P11")] == (1, 0, 2, 0, 0)


# -- retyped inputs: what is carried -------------------------------------------------------
WIDENED = EDITIONS / "db37-widened-inputs"


@pytest.fixture(scope="module")
def widening(edition):
    return diff_editions(edition, load_edition(WIDENED))


def test_the_widened_fixture_retypes_four_inputs(widening):
    assert [(c.indicator, c.name, c.old.kind, c.new.kind, c.new.unit) for c in widening.changes if c.kind == "input_retyped"] == [
        ("L1P1", "e_license_rate", "percent", "number", None),
        ("L1P2", "employment_channels", "count", "number", None),
        ("L1P3", "app_rank", "rank", "number", None),
        ("L3P2", "cloud_enterprises", "count", "number", "家"),
    ]


@pytest.mark.parametrize("sample", ["sample-city-0", "sample-city-top"])
def test_a_count_or_rank_that_becomes_a_number_carries_the_citys_value(widening, sample):
    (city,) = assess(widening, [SAMPLES / f"{sample}.yaml"]).cities
    assert city.ok
    # Only the percent that became a number is not carried.
    assert city.not_carried == [("L1P1", "e_license_rate")]
    assert [(r.old_id, r.old.status, r.new.status) for r in city.rows] == [("L1P1", "rated", "not_assessed")]


def test_a_percent_that_becomes_a_number_is_listed_as_lacking(widening):
    (city,) = assess(widening, [SAMPLES / "sample-city-0.yaml"]).cities
    assert city.lacking == [("L1P1", ("e_license_rate",))]


def test_a_number_that_becomes_a_count_or_a_rank_is_not_carried(edition):
    # Read for the widened edition (3.5 is no count), carried back to the bundled one.
    (city,) = assess(diff_editions(load_edition(WIDENED), edition), [DIFF_DATA / "widened-edition-city.yaml"]).cities
    assert (city.read_for, city.ok) == ("old", True)
    assert city.not_carried == [("L1P2", "employment_channels"), ("L1P3", "app_rank"), ("L3P2", "cloud_enterprises")]
    assert [(r.old_id, r.old.stars, r.new.status) for r in city.rows] == [
        ("L1P2", 3, "not_assessed"), ("L1P3", 4, "not_assessed"), ("L3P2", 2, "not_assessed")]


@pytest.mark.parametrize(("before", "after", "carried"), [
    (VType("count"), VType("number"), True),
    (VType("count"), VType("number", "家"), True),
    (VType("rank"), VType("number"), True),
    (VType("number", "km"), VType("number", "km"), True),
    (VType("bool"), VType("enum", values=("none", "made"), yes_no=("made", "none")), True),
    (VType("percent"), VType("number"), False),
    (VType("percent"), VType("count"), False),
    (VType("count"), VType("percent"), False),
    (VType("count"), VType("rank"), False),
    (VType("rank"), VType("count"), False),
    (VType("number"), VType("count"), False),
    (VType("number", "家"), VType("rank"), False),
    (VType("number", "km"), VType("number", "m"), False),
    (VType("number"), VType("number", "家"), False),
    (VType("bool"), VType("enum", values=("none", "made")), False),
])
def test_a_value_is_carried_only_to_a_type_that_reads_it_as_the_same_quantity(before, after, carried):
    assert carries(before, after) is carried


def test_the_impact_says_only_the_percent_cannot_be_used(capsys):
    code = main(["diff", "db37-t-3890.1-2020", str(WIDENED), "--data", str(SAMPLES / "sample-city-0.yaml")])
    out = capsys.readouterr().out
    assert code == 1
    assert [line.strip() for line in out.splitlines() if "原数据不能沿用" in line] == [
        "新版本所需输入缺失：L1P1 电子证照使用率，缺 电子证照使用率（e_license_rate，类型已改变，原数据不能沿用）"]


# -- golden outputs ---------------------------------------------------------------------
GOLDENS = [
    ("revision.zh.txt", []),
    ("revision.en.txt", ["--lang", "en"]),
    ("revision.zh.md", ["--format", "markdown"]),
    ("revision.en.md", ["--format", "markdown", "--lang", "en"]),
    ("revision.json", ["--format", "json"]),
    ("impact.zh.txt", ["--data", *SAMPLE_FILES]),
    ("impact.zh.md", ["--format", "markdown", "--data", *SAMPLE_FILES]),
    ("impact.en.md", ["--format", "markdown", "--lang", "en", "--data", *SAMPLE_FILES]),
    ("impact.json", ["--format", "json", "--data", *SAMPLE_FILES]),
]


@pytest.mark.parametrize("name, options", GOLDENS, ids=[g[0] for g in GOLDENS])
def test_output_matches_its_golden_file(monkeypatch, capsys, name, options):
    monkeypatch.chdir(ROOT)
    assert main(["diff", "db37-t-3890.1-2020", "tests/fixtures/editions/db37-revision-fixture", *options]) == 1
    assert capsys.readouterr().out == (GOLDEN / name).read_text(encoding="utf-8")


def test_formatting_only_output_matches_its_golden_file(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["diff", "db37-t-3890.1-2020", "tests/fixtures/editions/db37-formatting-only"]) == 0
    assert capsys.readouterr().out == (GOLDEN / "formatting-only.zh.txt").read_text(encoding="utf-8")


def test_the_markdown_change_log_says_the_revision_is_a_made_up_test_edition():
    md = (GOLDEN / "revision.zh.md").read_text(encoding="utf-8")
    assert "> **注意：DB37/T 3890.1-20XX (test fixture) 是测试用的虚构版本，不是正式发布的标准文件。**" in md
    assert "| L4P10 5G网络覆盖率 | 三星 | 城区重点公共区域5G网络覆盖率 ≥ 60% → ≥ 70% |" in md
    en = (GOLDEN / "revision.en.md").read_text(encoding="utf-8")
    assert "> **Note: DB37/T 3890.1-20XX (test fixture) is a made-up edition for testing, not an official document.**" in en


def test_golden_files_are_the_ones_listed():
    listed = {g[0] for g in GOLDENS} | {"formatting-only.zh.txt", "README.md"}
    assert {p.name for p in GOLDEN.iterdir()} == listed


def test_data_for_the_impact_may_be_a_table_of_many_cities_or_a_folder(capsys, tmp_path):
    """--data reads what evaluate reads: each city of a table is compared,
    named by its row; a folder's files each."""
    table = Path(__file__).parent / "fixtures" / "tables" / "samples-wide.csv"
    folder = tmp_path / "cities"
    folder.mkdir()
    for name in ("sample-city-0.yaml", "sample-city-1.yaml"):
        (folder / name).write_bytes((Path(__file__).parent / "fixtures" / "samples" / name).read_bytes())
    code = main(["diff", "db37-t-3890.1-2020", "db37-t-3890.1-2020", "--data", str(table), str(folder), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    cities = out["impact"]["cities"]
    assert [c["entity"] for c in cities] == ["示例市0", "示例市1", "示例市2", "示例市（满分）", "示例市0", "示例市1"]
    assert cities[0]["file"] == f"{table}:2:1"  # its row
    assert cities[4]["file"] == str(folder / "sample-city-0.yaml")
