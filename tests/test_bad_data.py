"""Bad data files get one clear error each — file, line, indicator, field and
what was expected — with exit status 2, and never a traceback."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, SAMPLES
from zhibiao.cli import main

BAD = FIXTURES / "bad_data"

# file -> the exact first line printed on stderr (after the file path).
CASES = {
    "percent_not_number.yaml": ':4:21: 错误: L1P1.e_license_rate（电子证照使用率）："八十五" 不合法，应为百分数（如 85、"85%"）',
    "percent_above_range.yaml": ':3:27: 错误: L1P9.adaptive_signal_rate（交通路口实时信号配时系统比例）："120%" 超出允许范围 [0%, 100%]',
    "percent_negative.yaml": ":3:24: 错误: L1P7.smart_campus_rate（智慧校园覆盖率）：-5 超出允许范围 [0%, 100%]",
    # The shares of L3P1 and L3P5 have no upper bound (range [0, null]), but a negative share is refused.
    "software_share_negative.yaml": ':2:38: 错误: L3P1.software_revenue_gdp_share（软件及相关信息服务业营业收入占地区生产总值比重）："-5%" 超出允许范围 [0%, +∞)',
    "ecommerce_share_negative.yaml": ':2:28: 错误: L3P5.ecommerce_share（电商交易额占社会消费品零售总额比重）："-5%" 超出允许范围 [0%, +∞)',
    "count_negative.yaml": ":3:26: 错误: L1P2.employment_channels（畅通就业服务渠道的服务模式数量）：-1 不合法，应为非负整数",
    "count_fractional.yaml": ":3:38: 错误: L1P6.social_security_remote_services（实现联网办理的社保异地业务事项数）：2.5 不合法，应为非负整数",
    "rank_zero.yaml": ":3:15: 错误: L1P3.app_rank（“爱山东”本地分行接入应用数量在全省设区市中的排名）：0 超出允许范围 [1, 16]",
    "rank_too_high.yaml": ":3:15: 错误: L1P3.app_rank（“爱山东”本地分行接入应用数量在全省设区市中的排名）：17 超出允许范围 [1, 16]",
    "enum_undeclared.yaml": ':3:22: 错误: L5P2.top_plan_status（智慧城市建设顶层规划状态（无/正在制定/制定完成/已发布））："finished" 不合法，应为以下之一：none（无）、drafting（正在制定）、completed（制定完成）、published（已发布）',
    "bool_invalid.yaml": ':3:20: 错误: L5P1.leading_group（成立智慧城市建设工作领导小组）："也许" 不合法，应为是/否（true/false）',
    "number_not_number.yaml": ':3:27: 错误: L4P2.mobile_download_mbps（移动通信网络平均下载速率）："fast" 不合法，应为数值（Mbit/s）',
    "spacing_zero.yaml": ":3:33: 错误: L4P4.weather_station_spacing_km（城区气象自动监测点间距）：0 超出允许范围 (0, +∞)",
    "yaml_syntax.yaml": ":2:9: 错误: 第 2 行：“L1P1: {e_license_rate: 85%”中的“{”没有闭合；请在最后一项之后补上“}”",
    "empty.yaml": ": 错误: 文件为空",
    "whitespace_only.yaml": ": 错误: 文件为空",
    "top_level_list.yaml": ":1:1: 错误: 数据文件顶层应为映射（键: 值），实际是 list",
    "top_level_scalar.yaml": ":1:1: 错误: 数据文件顶层应为映射（键: 值），实际是 str",
    "unknown_indicator.yaml": ":2:3: 错误: 未知指标“L1P12”。是否想写“L1P2”？",
    "lowercase_indicator.yaml": ":2:3: 错误: 未知指标“l1p7”。是否想写“L1P7”？",
    "unknown_field.yaml": ":4:5: 错误: 指标 L1P4 没有字段“e_stop_coverge”。是否想写“e_stop_coverage”？",
    "duplicate_indicator_key.yaml": ":4:3: 错误: 键“L1P1”重复（第一次出现在第 2 行）",
    "duplicate_field_key.yaml": ":4:5: 错误: 键“e_license_rate”重复（第一次出现在第 3 行）",
    "unknown_top_key.yaml": ":2:1: 错误: 未知的键“valuse”（顶层）。是否想写“values”？",
    "values_not_mapping.yaml": ":2:3: 错误: “values”的值应为映射（指标编号: 字段），实际是 ['L1P1']",
    "indicator_not_mapping.yaml": ":2:9: 错误: “values.L1P1”的值应为映射（字段: 值），实际是 '85%'",
    "python_tag.yaml": ":3:21: 错误: “values.L1P1.e_license_rate”的值 !!python/object/apply:os.system 不合法：不支持的 YAML 标签",
    "alias_bomb.yaml": ":1:20: 错误: YAML 结构过于复杂（展开后超过 100000 个值（锚点/别名过多？）），已拒绝",
    "deep_nesting.yaml": ":1:59: 错误: YAML 结构过于复杂（嵌套超过 50 层），已拒绝",
    "merge_key.yaml": ":4:5: 错误: “values.L1P1”的值 << 不合法：不支持 YAML 合并键",
    "csv_bad_header.csv": ":1:1: 错误: 表头应为 entity、period 和各“指标.字段”列（每个城市一行），或 indicator、field、value（每个数值一行，可带 label 等说明列），实际是 id,name,amount",
    "csv_bad_value.csv": ':3:3: 错误: L1P2.employment_channels（畅通就业服务渠道的服务模式数量）："three" 不合法，应为非负整数',
    "json_syntax.json": ':1:1: 错误: 第 1 行：“{"values": {"L1P1": {"e_license_rate": 8…”中的“{”没有闭合；请在最后一项之后补上“}”',
    "binary.yaml": ": 错误: 不是 UTF-8 文本文件",
    "not_utf8.yaml": ": 错误: 不是 UTF-8 文本文件",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_bad_data_fixture_has_a_case():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_data_file_is_reported_with_place_and_expectation(capsys, name):
    path = BAD / name
    code, out, err = run(capsys, "evaluate", str(path))
    assert code == 2
    assert out == ""
    assert err.splitlines()[0] == f"{path}{CASES[name]}"
    assert "Traceback" not in err


def test_english_messages_name_the_same_place(capsys):
    path = BAD / "unknown_field.yaml"
    code, _, err = run(capsys, "evaluate", str(path), "--lang", "en")
    assert code == 2
    assert err.splitlines()[0] == f"{path}:4:5: error: indicator L1P4 has no field 'e_stop_coverge'; did you mean 'e_stop_coverage'?"


@pytest.mark.parametrize(("iid", "field"), [("L3P1", "software_revenue_gdp_share"), ("L3P5", "ecommerce_share")])
def test_a_share_open_above_takes_more_than_100_percent(capsys, tmp_path, iid, field):
    path = tmp_path / "share.yaml"
    path.write_text(f"values:\n  {iid}: {{{field}: 120%}}\n", encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0
    assert next(i for i in json.loads(out)["indicators"] if i["id"] == iid)["values"][field]["value"] == 120


def test_a_negative_share_is_refused_in_english_too(capsys):
    path = BAD / "software_share_negative.yaml"
    code, _, err = run(capsys, "evaluate", str(path), "--lang", "en")
    assert code == 2
    assert err == (f"{path}:2:38: error: L3P1.software_revenue_gdp_share (Software and IT services revenue as a share of GDP): "
                   "\"-5%\" is outside the allowed range [0%, +∞)\n")


def test_a_missing_path_is_named(capsys, tmp_path):
    path = tmp_path / "nope.yaml"
    code, out, err = run(capsys, "evaluate", str(path))
    assert (code, out) == (2, "")
    assert err == f"{path}: 错误: 文件不存在：{path}\n"


def test_a_folder_without_data_files_is_said_to_hold_none(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("not data\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(tmp_path))
    assert code == 2
    assert err == f"{tmp_path}: 错误: 文件夹 {tmp_path} 中没有数据文件（.yaml、.yml、.json、.csv、.xlsx）\n"


def test_a_huge_file_is_refused_before_parsing(capsys, tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("values:\n" + "# padding\n" * 600_000, encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(path))
    assert code == 2
    assert err == f"{path}: 错误: 文件过大（{path.stat().st_size} 字节，上限 5000000）\n"


def test_all_problems_of_a_file_are_listed_not_only_the_first(capsys, tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("values:\n  L1P1: {e_license_rate: abc}\n  L1P3: {app_rank: 0}\n  L9P9: {x: 1}\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(path))
    assert code == 2
    assert [line.split(": 错误: ")[0] for line in err.splitlines()] == [f"{path}:2:26", f"{path}:3:20", f"{path}:4:3"]


def test_a_python_tag_never_runs(capsys, tmp_path, monkeypatch):
    marker = tmp_path / "ran"
    path = tmp_path / "evil.yaml"
    path.write_text(f'values: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    code, _, _ = run(capsys, "evaluate", str(path))
    assert code == 2
    assert not marker.exists()


def test_one_bad_file_among_several_is_reported_and_the_others_evaluated(capsys):
    good = SAMPLES / "sample-city-2.yaml"
    bad = BAD / "rank_zero.yaml"
    code, out, err = run(capsys, "evaluate", str(good), str(bad), str(SAMPLES / "sample-city-top.yaml"), "--format", "json")
    assert code == 1
    results = json.loads(out)
    assert [r["entity"] for r in results] == ["示例市2", "示例市（满分）"]
    assert f"{bad}:3:15: 错误: L1P3.app_rank" in err


def test_fraction_like_percents_warn_and_json_stays_valid(capsys, tmp_path):
    path = tmp_path / "fractions.yaml"
    path.write_text("values:\n  L1P1: {e_license_rate: 0.85}\n  L1P5: {smart_lighting_rate: 0.9}\n  L1P7: {smart_campus_rate: 0}\n", encoding="utf-8")
    code, out, err = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0
    assert json.loads(out)["indicators"][0]["values"]["e_license_rate"]["value"] == 0.85
    assert err == (
        f"{path}: 警告: 2 个百分比字段的值小于 1（如 L1P1.e_license_rate=0.85, L1P5.smart_lighting_rate=0.9），"
        "看起来像小数写法；85% 应写作 85 或 \"85%\"，而不是 0.85\n"
    )


def test_percent_written_as_text_below_one_does_not_warn(capsys, tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text('values:\n  L1P1: {e_license_rate: "0.5%"}\n', encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(path))
    assert (code, err) == (0, "")


def test_json_with_tab_indentation_is_read(capsys, tmp_path):
    path = tmp_path / "tabs.json"
    path.write_text('{\n\t"entity": "J",\n\t"values": {\n\t\t"L1P1": {"e_license_rate": 86.5}\n\t}\n}\n', encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0
    assert json.loads(out)["indicators"][0]["stars"] == 5


def test_output_file_is_written_whole(capsys, tmp_path):
    target = tmp_path / "report.json"
    code, out, _ = run(capsys, "evaluate", str(SAMPLES / "sample-city-0.yaml"), "--format", "json", "-o", str(target))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["total_score"] == 52.1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_interrupted_write_leaves_no_partial_report(capsys, tmp_path, monkeypatch):
    import os

    target = tmp_path / "report.txt"
    target.write_text("old report\n", encoding="utf-8")

    def boom(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    code, _, err = run(capsys, "evaluate", str(SAMPLES / "sample-city-0.yaml"), "-o", str(target))
    assert code == 130
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]
    assert "Traceback" not in err


def test_unknown_standard_is_a_usage_error(capsys):
    code, out, err = run(capsys, "evaluate", str(SAMPLES / "sample-city-0.yaml"), "--standard", "GB/T 99999")
    assert (code, out) == (2, "")
    assert err == "错误: 找不到标准版本“GB/T 99999”：既不是内置版本，也不是含 edition.yaml 的文件夹。内置版本：db37-t-3890.1-2020\n"


def test_a_data_file_naming_another_standard_gets_a_warning(capsys, tmp_path):
    path = tmp_path / "other.yaml"
    path.write_text("standard: DB37/T 3890.2-2020\nvalues:\n  L1P1: {e_license_rate: 86}\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(path))
    assert code == 0
    assert err == f"{path}:1:11: 警告: 数据文件写明的标准是“DB37/T 3890.2-2020”，但本次按 DB37/T 3890.1-2020 评价\n"


def test_a_data_file_naming_its_standard_by_code_or_id_is_quiet(capsys, tmp_path):
    for name in ("DB37/T 3890.1-2020", "db37-t-3890.1-2020"):
        path = tmp_path / "same.yaml"
        path.write_text(f"standard: {name}\nvalues:\n  L1P1: {{e_license_rate: 86}}\n", encoding="utf-8")
        assert run(capsys, "evaluate", str(path))[::2] == (0, "")


def test_output_file_gets_the_usual_permissions(capsys, tmp_path):
    import os

    target = tmp_path / "report.txt"
    umask = os.umask(0o022)
    try:
        assert run(capsys, "evaluate", str(SAMPLES / "sample-city-0.yaml"), "-o", str(target))[0] == 0
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_blank_entity_cell_in_a_csv_sheet_falls_back_to_the_file_name(capsys, tmp_path):
    path = tmp_path / "city-x.csv"
    path.write_text("indicator,field,value\nentity,,\nperiod,,\nL1P1,e_license_rate,86%\n", encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert (result["entity"], result["period"]) == ("city-x", None)


def test_every_key_given_twice_is_reported_in_one_run(capsys, tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("values:\n  L1P1: {e_license_rate: 85%, e_license_rate: 90%}\n  L1P2: {employment_channels: 1}\n"
                    "  L1P2: {employment_channels: 2}\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(path))
    assert code == 2
    assert err.splitlines() == [
        f"{path}:2:31: 错误: 键“e_license_rate”重复（第一次出现在第 2 行）",
        f"{path}:4:3: 错误: 键“L1P2”重复（第一次出现在第 3 行）",
    ]
