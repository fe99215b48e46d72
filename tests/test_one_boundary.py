"""One evaluation boundary, and enum values by their labels.

Whatever a rule cannot compute for a city ends that indicator "not
assessed" with the reason in words; enum values are read and shown by
their labels in the reader's language.
"""

from __future__ import annotations

import json

from tests.conftest import FIXTURES
from zhibiao.cli import main

BOUNDARY = FIXTURES / "boundary"
DIVIDING = FIXTURES / "broken_rules" / "divisor_may_be_zero"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_tier_dividing_by_zero_leaves_the_indicator_not_assessed_with_the_reason(capsys):
    code, out, err = run(capsys, "evaluate", str(BOUNDARY / "zero-total.yaml"), "--standard", str(DIVIDING), "--format", "json")
    assert (code, err) == (0, "")
    x1 = json.loads(out)["indicators"][0]
    assert (x1["status"], x1["stars"], x1["score"]) == ("not_assessed", None, 0)
    assert x1["rationale"] == "未评估：项目总数为 0，无法计算（除数为 0）"
    assert json.loads(out)["complete"] is False


def test_the_reason_is_said_in_english_too(capsys):
    code, out, err = run(capsys, "evaluate", str(BOUNDARY / "zero-total.yaml"), "--standard", str(DIVIDING), "--lang", "en")
    assert (code, err) == (0, "")
    assert "    not assessed: 项目总数 is 0, so this cannot be computed (division by zero)" in out.splitlines()
    assert "Traceback" not in out


def test_check_warns_where_a_tier_divides_by_what_may_be_zero(capsys, monkeypatch):
    monkeypatch.chdir(DIVIDING)
    code, out, _ = run(capsys, "check", ".", "--lang", "en")
    assert code == 0
    assert out.splitlines()[:3] == [
        "indicators/a.yaml:9:15: warning: X1: the condition of tier 1 divides by 项目总数, which may be 0; a city for which it is 0 is then not assessed",
        "    done / total >= 50%",
        "           ^",
    ]
    # staff has the range [1, +∞): dividing by it is safe and not reported.
    assert "人员数" not in out


def test_an_enum_value_may_be_given_by_its_chinese_label(capsys):
    code, out, err = run(capsys, "evaluate", str(BOUNDARY / "published-label.yaml"), "--format", "json")
    assert (code, err) == (0, "")
    l5p2 = next(i for i in json.loads(out)["indicators"] if i["id"] == "L5P2")
    assert l5p2["stars"] == 3
    assert l5p2["values"]["top_plan_status"]["value"] == "published"
    assert l5p2["values"]["top_plan_status"]["text"] == "已发布"
    # The label's closing list of values is left out where the value held is printed.
    assert l5p2["rationale"].splitlines()[0] == "三星：智慧城市建设顶层规划状态 已发布 ≥ 制定完成 且 智慧城市年度工作计划 已制定且明确 ≥ 已制定且明确"


def test_an_enum_value_may_be_given_by_its_english_label_in_any_case(capsys):
    code, out, err = run(capsys, "evaluate", str(BOUNDARY / "drafting-label-en.yaml"), "--format", "json", "--lang", "en")
    assert (code, err) == (0, "")
    l5p2 = next(i for i in json.loads(out)["indicators"] if i["id"] == "L5P2")
    assert (l5p2["stars"], l5p2["values"]["top_plan_status"]["value"]) == (2, "drafting")
    assert l5p2["next_tier"]["rationale"] == (
        "3 stars (1.6 points) not reached: Status of the smart city top-level plan drafting < completed"
    )


def test_an_unknown_enum_value_lists_names_and_labels(capsys, tmp_path):
    city = tmp_path / "city.yaml"
    city.write_text("values:\n  L5P2: {top_plan_status: 已批准}\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(city))
    assert code == 2
    assert err.strip().endswith(
        "L5P2.top_plan_status（智慧城市建设顶层规划状态（无/正在制定/制定完成/已发布））："
        "\"已批准\" 不合法，应为以下之一：none（无）、drafting（正在制定）、completed（制定完成）、published（已发布）"
    )
