"""The bundled rules declare exactly the data contract's inputs, and every
reading taken from READING.md is a note on the indicator it touches."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from tests.conftest import FIXTURES

CONTRACT = yaml.safe_load((FIXTURES / "db37-t-3890.1-2020-inputs.yaml").read_text(encoding="utf-8"))
IDS = list(CONTRACT)
FIELDS = [(iid, name) for iid in IDS for name in CONTRACT[iid]]
# Keys a rule's input may carry beyond the contract's: an English label and a
# description for the person entering data.
RULE_ONLY_KEYS = {"label_en", "description", "yes_means", "no_means"}


@pytest.fixture(scope="module")
def raw_inputs(edition):
    """Each indicator's `inputs` block exactly as written in the rule files."""
    out = {}
    for rel in edition.files:
        doc = yaml.safe_load((edition.folder / rel).read_text(encoding="utf-8"))
        out.update({iid: body["inputs"] for iid, body in doc.items() if iid in edition.indicators})
    return out


def test_contract_and_rules_have_the_same_indicators_in_the_same_order(edition):
    assert len(IDS) == 49
    assert list(edition.indicators) == IDS


@pytest.mark.parametrize("iid", IDS)
def test_input_names_and_their_order_are_the_contracts(edition, iid):
    assert list(edition.indicators[iid].inputs) == list(CONTRACT[iid])


@pytest.mark.parametrize(("iid", "name"), FIELDS)
def test_input_is_written_in_the_rules_as_in_the_contract(raw_inputs, iid, name):
    written = dict(raw_inputs[iid][name])
    contract = CONTRACT[iid][name]
    if "values" in written:
        # The rules may add a label to an enum value; its name is the contract's.
        written["values"] = [v["name"] if isinstance(v, dict) else v for v in written["values"]]
    assert {k: v for k, v in written.items() if k not in RULE_ONLY_KEYS} == contract


@pytest.mark.parametrize(("iid", "name"), FIELDS)
def test_loaded_input_has_the_contracts_type_unit_label_range_and_values(edition, iid, name):
    spec = edition.indicators[iid].inputs[name]
    contract = CONTRACT[iid][name]
    lo, hi = contract.get("range", [None, None])
    assert spec.kind == contract["type"]
    assert spec.vtype.unit == contract.get("unit")
    assert spec.label == contract["label"]
    assert spec.minimum == (None if lo is None else Decimal(str(lo)))
    assert spec.maximum == (None if hi is None else Decimal(str(hi)))
    assert spec.exclusive_min is contract.get("exclusive_min", False)
    assert spec.vtype.values == tuple(contract.get("values", ()))


def test_the_one_enum_lists_its_values_from_lowest_to_highest(edition):
    spec = edition.indicators["L5P2"].inputs["top_plan_status"]
    assert spec.vtype.values == ("none", "drafting", "completed", "published")


def test_the_enum_values_carry_the_labels_the_contract_prints(edition):
    # The contract's label: 智慧城市建设顶层规划状态（无/正在制定/制定完成/已发布）
    vtype = edition.indicators["L5P2"].inputs["top_plan_status"].vtype
    assert [vtype.label(v).text("zh") for v in vtype.values] == ["无", "正在制定", "制定完成", "已发布"]
    assert [vtype.label(v).text("en") for v in vtype.values] == ["none", "drafting", "completed", "published"]


def test_weather_spacing_is_the_only_input_whose_minimum_is_excluded(edition):
    excluded = [(i, n) for i, ind in edition.indicators.items() for n, s in ind.inputs.items() if s.exclusive_min]
    assert excluded == [("L4P4", "weather_station_spacing_km")]


# -- READING.md, as notes -------------------------------------------------
# (indicator, text in the zh note, text in the same note's en) for every
# interpretation READING.md takes.
ERRATA_CODES = [
    ("L1P1", "L1F1"), ("L1P2", "L1F2"), ("L1P3", "L1F3"),
    ("L1P8", "LIP8"), ("L1P9", "LIP9"), ("L1P10", "LIP10"), ("L1P11", "LIP11"),
    ("L3P7", "L3F7"), ("L3P8", "L3F8"), ("L4P2", "L4F2"), ("L4P4", "L4F4"),
    ("L6P3", "LGP3"), ("L6P4", "LGP4"),
]

READINGS = [
    # table 4's continuation headed 一类..五类
    *[(iid, "一类", "class 1 to 5") for iid in ("L4P6", "L4P7", "L4P8", "L4P9", "L4P10")],
    # normative reference
    ("L4P11", "GB/T 50280", "GB/T 50280"),
    ("L4P11", "GB/T 50290-98", "GB/T 50290-98"),
    # table 8's misplaced labels
    ("L4P11", "保障措施 17%", "基础设施"),
    ("L5P6", "地方特色 19%", "保障措施"),
    # L4P1's duplicated tier
    ("L4P1", "一星、二星均印作“达到60%”", "one star is unreachable"),
    # comparison words: 超过 / 多于 / 小于 strict, 以上 inclusive, ranks
    *[(iid, "按严格大于读", "strictly greater") for iid in (
        "L1P1", "L1P9", "L1P10", "L2P1", "L2P2", "L2P3", "L2P4", "L3P1", "L3P2", "L3P5", "L3P6", "L3P8", "L5P5", "L6P4")],
    ("L1P1", "恰好85%为四星", "exactly 85 % gives four stars"),
    ("L2P4", "恰好5个部门为四星", "exactly 5 departments gives four stars"),
    ("L4P3", "多于3个/6个/10个", "strictly greater"),
    ("L4P4", "按严格小于读", "strictly less"),
    ("L1P3", "13≤排名≤16", "13 <= rank <= 16"),
    ("L1P8", "3级及以上", "level 3 and above"),
    ("L4P5", "均达到80%以上", "both rates"),
    # score, deduction and its floor, missing data
    ("L5P6", "即2分", "2 points"),
    ("L5P6", "最低为0分", "never goes below 0"),
    ("L5P6", "未评估", "not assessed"),
    # computed values
    ("L1P11", "算术平均", "mean"),
    ("L2P5", "供水、电力、燃气三类管网", "water, power and gas networks"),
    ("L2P5", "而非释义所列的运行状态监测、安全预警、水质监测三种功能", "not as the three monitoring functions"),
    ("L2P1", "0.4×空气+0.4×水体+0.2×噪音", "0.4 × air + 0.4 × water + 0.2 × noise"),
    ("L2P7", "已开放类别数/22", "opened categories / 22"),
    ("L4P9", "/10", "/ 10"),
    ("L3P6", "前一年为0时增幅无法计算", "not assessed"),
    # tiers that need a reading
    ("L1P4", "达到100%", "100 %"),
    ("L4P3", "至少服务1个", "at least 1 other government department"),
    ("L5P1", "逐级累加", "cumulative"),
    ("L5P2", "不逐级嵌套", "not nested"),
    ("L5P3", "逐级累加", "cumulative"),
    ("L5P4", "不逐级嵌套", "not nested"),
    ("L5P4", "万元", "万元"),
    ("L6P1", "不作为上限", "not caps"),
    ("L6P2", "或省数据大厅展示经验不少于1项", "at least 1 experience shown in the provincial data hall"),
    ("L6P3", "省级不少于3项且国家层面不少于1项", "at least 3 at provincial level and at least 1 at national level"),
    # quality words: graded answers in L5P2, yes/no facts elsewhere
    ("L5P2", "质量词分级作答", "Quality words as graded answers"),
    ("L5P2", "“是”为最高等级，“否”为无", "yes is the highest grade and no is none"),
    ("L5P2", "客观的", "objective"),
    ("L5P3", "质量词", "quality words"),
]


def _noted(indicator, zh: str, en: str) -> bool:
    return any(zh in note.zh and en in note.en for note in indicator.notes)


@pytest.mark.parametrize(("iid", "printed"), ERRATA_CODES)
def test_mistyped_code_is_noted(edition, iid, printed):
    ind = edition.indicators[iid]
    assert ind.printed_id == printed
    assert any(printed in n.zh and f"按 {iid} 读" in n.zh and printed in n.en and f"read as {iid}" in n.en for n in ind.notes)


def test_every_mistyped_code_of_the_errata_is_recorded(edition):
    assert {i: ind.printed_id for i, ind in edition.indicators.items() if ind.printed_id} == dict(ERRATA_CODES)


@pytest.mark.parametrize(("iid", "zh", "en"), READINGS)
def test_reading_is_a_note_on_the_indicator_it_touches(edition, iid, zh, en):
    assert _noted(edition.indicators[iid], zh, en)


@pytest.mark.parametrize(("name", "word", "grade", "yes"), [
    ("annual_plan", "明确的", "已制定且明确", "made and clear"),
    ("task_division_plan", "详细的", "已制定且详细", "made and detailed"),
    ("evaluation_mechanism", "完善的", "已建立且完善", "established and complete"),
])
def test_a_graded_answer_says_which_tiers_ask_for_the_quality_and_what_a_yes_reads_as(edition, name, word, grade, yes):
    spec = edition.indicators["L5P2"].inputs[name]
    assert word in spec.description and f"答“是”读作{grade}，答“否”读作无" in spec.description
    assert f"A yes answer (earlier data) reads as {yes}, a no as none." in spec.description
    assert spec.vtype.yes_no == (spec.vtype.values[-1], "none")


@pytest.mark.parametrize(("iid", "name", "word"), [
    ("L5P2", "annual_summary", "客观的"),
    ("L5P3", "org_structure", "明确的"),
    ("L5P3", "role_responsibilities", "清晰的"),
])
def test_quality_word_is_explained_in_the_inputs_description(edition, iid, name, word):
    description = edition.indicators[iid].inputs[name].description
    assert word in description and "不单独分级" in description and "answer yes only when" in description


@pytest.mark.parametrize(("iid", "expr"), [
    ("L1P8", "hospital_level4_share <= hospital_level3_share"),
    ("L6P2", "publicity_activities_national_provincial <= publicity_activities"),
    ("L4P4", "weather_station_spacing_km > 0 km"),
    ("L3P6", "patents_per_10k >= 0 件/万人"),
    ("L3P6", "patents_per_10k_prev >= 0 件/万人"),
])
def test_consistency_rule_of_the_reading_is_declared(edition, iid, expr):
    assert expr in [c.expr.text for c in edition.indicators[iid].constraints]


def test_edition_notes_state_score_reading_and_no_rounding(edition):
    assert edition.selection == "highest_passing"
    assert any("3.0% 即 3.0 分" in n.zh and "points out of 100" in n.en for n in edition.notes)
    assert any("79.95% 未达到 80%" in n.zh and "79.95 % does not reach 80 %" in n.en for n in edition.notes)
    assert any("未评估" in n.zh and "incomplete" in n.en for n in edition.notes)
