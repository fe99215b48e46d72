"""`zhibiao evaluate` and `zhibiao standards`, in-process and as a program."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from zhibiao.cli import main
from zhibiao.resources import resource_dir

CITY0 = str(SAMPLES / "sample-city-0.yaml")
CITY1 = str(SAMPLES / "sample-city-1.yaml")
TOP = str(SAMPLES / "sample-city-top.yaml")
SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.yaml"))

TOP_KEYS = {"standard", "entity", "period", "total_score", "max_score", "deduction", "complete", "categories", "indicators"}
INDICATOR_KEYS = {"id", "name", "category", "leading", "stars", "score", "max_score", "status", "missing", "values",
                  "rationale", "next_tier"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_program(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "zhibiao.cli", *argv], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env, timeout=120)


def expected(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


# -- JSON -----------------------------------------------------------------
def test_json_for_one_file_is_one_object_with_the_documented_fields(capsys):
    code, out, err = run(capsys, "evaluate", TOP, "--format", "json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert isinstance(result, dict)
    assert TOP_KEYS <= set(result)
    assert result["standard"]["id"] == "db37-t-3890.1-2020"
    assert result["standard"]["title"] == "新型智慧城市建设指标 第1部分：市级指标"
    assert (result["entity"], result["period"]) == ("示例市（满分）", "2020")
    assert (result["total_score"], result["max_score"], result["deduction"], result["complete"]) == (100, 100, 0, True)
    assert [(c["id"], c["name"], c["score"], c["max_score"]) for c in result["categories"]] == [
        ("L1", "数字惠民", 20, 20), ("L2", "数字政府", 14.5, 14.5), ("L3", "数字经济", 14.5, 14.5),
        ("L4", "基础设施", 15, 15), ("L5", "保障措施", 17, 17), ("L6", "地方特色", 19, 19),
    ]
    assert len(result["indicators"]) == 49
    for ind in result["indicators"]:
        assert INDICATOR_KEYS <= set(ind), ind["id"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_json_scores_stars_and_total_are_those_of_the_sample(capsys, name):
    code, out, _ = run(capsys, "evaluate", str(SAMPLES / f"{name}.yaml"), "--format", "json")
    assert code == 0
    result = json.loads(out)
    want = expected(name)
    scored = [i for i in result["indicators"] if i["id"] != "L5P6"]
    assert {i["id"]: i["stars"] for i in scored} == want["stars"]
    assert {i["id"]: i["score"] for i in scored} == want["scores"]
    assert (result["total_score"], result["deduction"]) == (want["total_score"], want["deduction"])
    assert result["complete"] is all(s is not None for s in want["stars"].values())


def test_json_indicator_entry(capsys):
    _, out, _ = run(capsys, "evaluate", CITY0, "--format", "json")
    result = json.loads(out)
    entries = {i["id"]: i for i in result["indicators"]}
    l1p5 = entries["L1P5"]
    assert {k: l1p5[k] for k in ("id", "name", "category", "leading", "stars", "score", "max_score", "status", "missing")} == {
        "id": "L1P5", "name": "智能照明设备安装率", "category": "L1", "leading": True, "stars": 3, "score": 0.6,
        "max_score": 1, "status": "rated", "missing": [],
    }
    assert l1p5["values"]["smart_lighting_rate"] == {
        "value": 85, "unit": "%", "text": "85%", "label": "智能照明设备安装率", "computed": False,
    }
    assert l1p5["rationale"] == "三星：智能照明设备安装率 85% ≥ 70%"
    assert l1p5["next_tier"] == {"stars": 4, "score": 0.8, "rationale": "四星（0.8 分）未达到：智能照明设备安装率 85% < 90%，差 5 个百分点"}


def test_json_not_assessed_entry_has_null_stars_and_the_missing_names(capsys):
    _, out, _ = run(capsys, "evaluate", CITY0, "--format", "json")
    result = json.loads(out)
    l1p6 = next(i for i in result["indicators"] if i["id"] == "L1P6")
    assert (l1p6["status"], l1p6["stars"], l1p6["score"], l1p6["missing"]) == (
        "not_assessed", None, 0, ["social_security_remote_services"])
    assert l1p6["next_tier"] is None
    assert result["complete"] is False


def test_json_computed_measure_is_among_the_values(capsys):
    _, out, _ = run(capsys, "evaluate", CITY0, "--format", "json")
    l2p1 = next(i for i in json.loads(out)["indicators"] if i["id"] == "L2P1")
    assert l2p1["values"]["env_monitor_rate"] == {
        "value": 51.44, "unit": "%", "text": "51.44%", "label": "空气、水体、噪音等环境质量自动化监测率加权平均值", "computed": True,
    }


def test_json_deduction_item(capsys):
    _, out, _ = run(capsys, "evaluate", CITY0, "--format", "json")
    l5p6 = next(i for i in json.loads(out)["indicators"] if i["id"] == "L5P6")
    assert (l5p6["stars"], l5p6["score"], l5p6["deduction"], l5p6["status"]) == (None, 0, 2, "rated")


def test_json_for_several_files_is_an_array_in_the_order_given(capsys):
    code, out, _ = run(capsys, "evaluate", CITY1, CITY0, TOP, "--format", "json")
    assert code == 0
    results = json.loads(out)
    assert isinstance(results, list)
    assert [r["entity"] for r in results] == ["示例市1", "示例市0", "示例市（满分）"]
    assert [r["total_score"] for r in results] == [50.4, 52.1, 100]


def test_jsonl_is_one_object_per_line(capsys):
    code, out, _ = run(capsys, "evaluate", CITY0, CITY1, "--format", "jsonl")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and out.endswith("\n")
    assert [json.loads(line)["total_score"] for line in lines] == [52.1, 50.4]


def test_jsonl_for_one_file_is_one_line(capsys):
    _, out, _ = run(capsys, "evaluate", TOP, "--format", "jsonl")
    assert len(out.splitlines()) == 1
    assert json.loads(out)["total_score"] == 100


def test_json_in_english(capsys):
    _, out, _ = run(capsys, "evaluate", CITY0, "--format", "json", "--lang", "en")
    result = json.loads(out)
    assert result["standard"]["title"] == "New-type smart city construction indicators — Part 1. City-level"
    assert result["categories"][0]["name"] == "Digital services for citizens"
    l1p1 = result["indicators"][0]
    assert (l1p1["name"], l1p1["rationale"]) == ("E-licence usage rate", "5 stars: E-licence usage rate 89.9% > 85%")


# -- text -----------------------------------------------------------------
def test_text_report_in_chinese(capsys):
    code, out, err = run(capsys, "evaluate", CITY0)
    assert code == 0
    lines = out.splitlines()
    assert lines[:4] == [
        "DB37/T 3890.1-2020 新型智慧城市建设指标 第1部分：市级指标",
        "评价对象：示例市0　期间：2020",
        "总分：52.1 / 100（各项得分 54.1，扣分 2）",
        "注意：3 项指标未评估，总分不完整。",
    ]
    for line in [
        "  L1 数字惠民：10.6 / 20",
        "  L6 地方特色：16 / 19",
        "L1P1 电子证照使用率 — ★★★★★ 3 / 3",
        "    五星：电子证照使用率 89.9% > 85%",
        "L1P5 智能照明设备安装率（引领性） — ★★★☆☆ 0.6 / 1",
        "    四星（0.8 分）未达到：智能照明设备安装率 85% < 90%，差 5 个百分点",
        "L1P6 社保异地业务联网办理 — 未评估，0 / 1",
        "    未评估：缺少 实现联网办理的社保异地业务事项数（social_security_remote_services）",
        "L5P6 信息安全 — 扣分项，扣 2 分",
    ]:
        assert line in lines
    # The data contradiction in sample 0 is a warning on stderr, not an error.
    assert "L1P8" in err and "Traceback" not in err


def test_text_report_in_english(capsys):
    code, out, _ = run(capsys, "evaluate", CITY0, "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[:4] == [
        "DB37/T 3890.1-2020 New-type smart city construction indicators — Part 1. City-level",
        "Entity: 示例市0   Period: 2020",
        "Total: 52.1 / 100 (indicator scores 54.1, deducted 2)",
        "Note: 3 indicators not assessed; the total is incomplete.",
    ]
    assert "  L1 Digital services for citizens: 10.6 / 20" in lines


def test_text_for_several_files_has_one_report_each(capsys):
    _, out, _ = run(capsys, "evaluate", CITY0, CITY1)
    assert [line for line in out.splitlines() if line.startswith("总分：")] == [
        "总分：52.1 / 100（各项得分 54.1，扣分 2）",
        "总分：50.4 / 100（各项得分 54.4，扣分 4）",
    ]


# -- --standard -----------------------------------------------------------
@pytest.mark.parametrize("standard", ["db37-t-3890.1-2020", "DB37/T 3890.1-2020", str(resource_dir("rules") / "db37-t-3890.1-2020")])
def test_standard_by_id_code_or_folder_gives_the_default_result(capsys, standard):
    _, default, _ = run(capsys, "evaluate", CITY0, "--format", "json")
    code, out, _ = run(capsys, "evaluate", CITY0, "--format", "json", "--standard", standard)
    assert code == 0
    assert json.loads(out) == json.loads(default)


def test_standard_from_a_copied_folder(capsys, tmp_path):
    folder = tmp_path / "my-edition"
    shutil.copytree(resource_dir("rules") / "db37-t-3890.1-2020", folder)
    code, out, _ = run(capsys, "evaluate", TOP, "--format", "json", "--standard", str(folder))
    assert code == 0
    assert json.loads(out)["total_score"] == 100


def test_unknown_standard_is_exit_2_with_a_message(capsys):
    code, out, err = run(capsys, "evaluate", CITY0, "--standard", "no-such-standard")
    assert (code, out) == (2, "")
    assert err == "错误: 找不到标准版本“no-such-standard”：既不是内置版本，也不是含 edition.yaml 的文件夹。内置版本：db37-t-3890.1-2020\n"


# -- standards ------------------------------------------------------------
def test_standards_lists_the_bundled_edition_in_chinese_with_its_folder(capsys):
    code, out, _ = run(capsys, "standards")
    assert code == 0
    assert out == ("db37-t-3890.1-2020  DB37/T 3890.1-2020  新型智慧城市建设指标 第1部分：市级指标  （49 项指标，2020-03-31 发布，2020-05-01 实施）\n"
                   f"    文件夹：{resource_dir('rules') / 'db37-t-3890.1-2020'}\n")


def test_standards_in_english(capsys):
    code, out, _ = run(capsys, "standards", "--lang", "en")
    assert code == 0
    assert out == ("db37-t-3890.1-2020  DB37/T 3890.1-2020  New-type smart city construction indicators — Part 1. City-level  "
                   "(49 indicators, 2020-03-31 / 2020-05-01)\n"
                   f"    folder: {resource_dir('rules') / 'db37-t-3890.1-2020'}\n")


def test_standards_as_json(capsys):
    code, out, _ = run(capsys, "standards", "--format", "json", "--lang", "en")
    assert code == 0
    assert json.loads(out) == [{
        "id": "db37-t-3890.1-2020", "code": "DB37/T 3890.1-2020",
        "title": "New-type smart city construction indicators — Part 1. City-level",
        "issued": "2020-03-31", "effective": "2020-05-01", "indicators": 49, "total": 100,
        "folder": str(resource_dir("rules") / "db37-t-3890.1-2020"),
    }]


# -- exit status and errors ----------------------------------------------
@pytest.fixture
def bad_file(tmp_path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text("values:\n  L1P1: {e_license_rate: 120}\n", encoding="utf-8")
    return path


def test_one_bad_file_among_several_is_exit_1_and_the_others_are_printed(capsys, bad_file):
    code, out, err = run(capsys, "evaluate", CITY0, str(bad_file), TOP, "--format", "json")
    assert code == 1
    assert [r["entity"] for r in json.loads(out)] == ["示例市0", "示例市（满分）"]
    assert f"{bad_file}:2:26: 错误: L1P1.e_license_rate（电子证照使用率）：120 超出允许范围 [0%, 100%]" in err.splitlines()
    assert "Traceback" not in err


def test_no_readable_file_is_exit_2_and_prints_nothing(capsys, bad_file, tmp_path):
    code, out, err = run(capsys, "evaluate", str(bad_file), str(tmp_path / "absent.yaml"))
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == f"{tmp_path / 'absent.yaml'}: 错误: 文件不存在：{tmp_path / 'absent.yaml'}"
    assert "Traceback" not in err


def test_errors_follow_the_language(capsys, bad_file):
    code, _, err = run(capsys, "evaluate", str(bad_file), "--lang", "en")
    assert code == 2
    assert err == f"{bad_file}:2:26: error: L1P1.e_license_rate (E-licence usage rate): 120 is outside the allowed range [0%, 100%]\n"


# -- as a program ---------------------------------------------------------
def test_python_m_zhibiao_cli_runs_from_another_folder(tmp_path):
    shutil.copy(TOP, tmp_path / "city.yaml")
    proc = run_program("evaluate", "city.yaml", "--format", "json", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert json.loads(proc.stdout)["total_score"] == 100


def test_installed_zhibiao_script_runs_from_another_folder(tmp_path):
    script = Path(sys.executable).with_name("zhibiao.exe" if os.name == "nt" else "zhibiao")
    assert script.exists(), f"the project is not installed next to {sys.executable}"
    shutil.copy(CITY0, tmp_path / "city.yaml")
    proc = subprocess.run([str(script), "evaluate", "city.yaml", "--lang", "en"], capture_output=True, text=True,
                          encoding="utf-8", cwd=tmp_path, timeout=120)
    assert proc.returncode == 0
    assert "Total: 52.1 / 100 (indicator scores 54.1, deducted 2)" in proc.stdout.splitlines()
    assert "Traceback" not in proc.stderr


def test_program_exit_statuses_and_no_traceback(tmp_path, bad_file):
    mixed = run_program("evaluate", TOP, str(bad_file), "--format", "jsonl")
    assert mixed.returncode == 1
    assert len(mixed.stdout.splitlines()) == 1
    none = run_program("evaluate", str(bad_file), str(tmp_path))
    assert (none.returncode, none.stdout) == (2, "")
    usage = run_program("evaluate")
    assert usage.returncode == 2
    for proc in (mixed, none, usage):
        assert "Traceback" not in proc.stderr
