"""Tables of many cities, as spreadsheets hold them: a row per city (wide)
or a row per value (long), CSV in the encodings Excel saves or a workbook,
from files, folders or standard input. A bad row is reported with its cell
and every other row is still evaluated."""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile

import openpyxl
import pytest

from tests.conftest import FIXTURES, SAMPLES
from tests.test_template import verdicts
from zhibiao.cli import main
from zhibiao.data.cells import Cell
from zhibiao.data.reading import load_city
from zhibiao.data.sources import table_cities
from zhibiao.errors import DataError, Location, column_letters

TABLES = FIXTURES / "tables"
BAD = TABLES / "bad"
SAMPLE_NAMES = ("sample-city-0", "sample-city-1", "sample-city-2", "sample-city-top")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def evaluated(capsys, *sources: str) -> list[dict]:
    code, out, err = run(capsys, "evaluate", *sources, "--format", "json", "--lang", "en")
    assert code == 0, err
    return json.loads(out)


def expected(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


def yaml_verdicts(capsys) -> list[dict]:
    return [verdicts(r) for r in evaluated(capsys, *(str(SAMPLES / f"{n}.yaml") for n in SAMPLE_NAMES))]


# -- the four sample cities as tables ---------------------------------------------
# samples-wide.csv: UTF-8, the codes alone, values as the YAML files write them.
# samples-excel-gbk.csv: GBK, the labels row under the codes, values as Excel shows
#   them (85.0%, 10,000, 是/否, grades by their labels): Excel's "CSV (逗号分隔)".
# samples-typed-bom.csv: UTF-8 with a byte-order mark, the columns in reverse order,
#   numbers typed with their units (30Mbit/s, 12000万元).
WIDE_SAMPLES = ("samples-wide.csv", "samples-excel-gbk.csv", "samples-typed-bom.csv")


@pytest.mark.parametrize("name", WIDE_SAMPLES)
def test_a_wide_table_of_the_sample_cities_gives_their_expected_totals_and_stars(capsys, name):
    reports = evaluated(capsys, str(TABLES / name))
    assert [r["entity"] for r in reports] == ["示例市0", "示例市1", "示例市2", "示例市（满分）"]
    for report, sample in zip(reports, SAMPLE_NAMES):
        want = expected(sample)
        assert report["total_score"] == want["total_score"]
        assert report["deduction"] == want["deduction"]
        assert {i["id"]: i["stars"] for i in report["indicators"] if i["id"] != "L5P6"} == want["stars"]


@pytest.mark.parametrize("name", WIDE_SAMPLES)
def test_a_wide_table_gives_the_verdicts_of_the_same_cities_in_yaml(capsys, name):
    assert [verdicts(r) for r in evaluated(capsys, str(TABLES / name))] == yaml_verdicts(capsys)


def test_the_gbk_and_bom_fixtures_are_what_they_claim_to_be():
    gbk = (TABLES / "samples-excel-gbk.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert "城市名称" in gbk.decode("gbk")
    assert (TABLES / "samples-typed-bom.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_long_table_holds_many_cities_their_rows_in_any_order(capsys):
    reports = evaluated(capsys, str(TABLES / "long-cities.csv"))
    assert [(r["entity"], r["period"]) for r in reports] == [("甲市", "2020"), ("乙市", "2020"), ("乙市", "2021")]
    given = [{i["id"]: {k: v["value"] for k, v in i["values"].items() if v["value"] is not None}
              for i in r["indicators"] if i["id"] in ("L1P1", "L1P2")} for r in reports]
    assert given == [
        {"L1P1": {"e_license_rate": 85}, "L1P2": {"employment_channels": 3}},
        {"L1P1": {"e_license_rate": 40}, "L1P2": {}},
        {"L1P1": {}, "L1P2": {"employment_channels": 1001}},
    ]


def test_a_table_gives_a_list_even_of_one_city(capsys, tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("entity,period,L1P1.e_license_rate\n甲市,2020,85\n", encoding="utf-8")
    reports = evaluated(capsys, str(path))
    assert isinstance(reports, list) and [r["entity"] for r in reports] == ["甲市"]


def test_the_one_city_long_sheet_still_gives_one_object(capsys, tmp_path):
    path = tmp_path / "city.csv"
    path.write_text("indicator,field,value\nentity,,甲市\nL1P1,e_license_rate,85\n", encoding="utf-8")
    report = evaluated(capsys, str(path))
    assert isinstance(report, dict) and report["entity"] == "甲市"


def test_a_labels_row_in_english_is_skipped_too(capsys, tmp_path):
    path = tmp_path / "en.csv"
    path.write_text("entity,period,L1P1.e_license_rate,L4P2.mobile_download_mbps\n"
                    "name of the city,year of the data,E-licence usage rate (%),Mobile network average download speed (Mbit/s)\n"
                    "A,2020,85,30 Mbit/s\n", encoding="utf-8")
    reports = evaluated(capsys, str(path))
    assert [r["entity"] for r in reports] == ["A"]


def test_a_title_above_the_header_is_passed_over(capsys, tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text("2020 年各市数据,,\n单位：%,,\n\nentity,period,L1P1.e_license_rate\n甲市,2020,85\n", encoding="utf-8")
    assert [r["entity"] for r in evaluated(capsys, str(path))] == ["甲市"]


def test_a_table_without_a_header_in_its_first_rows_is_told_what_one_looks_like(capsys, tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text("2020 年各市数据\n城市,电子证照使用率\n甲市,85\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(path), "--lang", "en")
    assert code == 2
    assert err == (f"{path}:1:1: error: the header row should name the columns entity, period and INDICATOR.field "
                   "(a row per city), or indicator, field, value (a row per value; label and other note columns allowed), "
                   "got 2020 年各市数据\n")


def test_a_blank_cell_is_not_supplied(capsys, tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("entity,period,L1P1.e_license_rate,L1P2.employment_channels\n甲市,2020,,3\n", encoding="utf-8")
    (report,) = evaluated(capsys, str(path))
    assert "L1P1" in report["not_assessed"] and "L1P2" not in report["not_assessed"]


# -- bad tables ------------------------------------------------------------------
# file -> (exit status, the lines on standard error in Chinese, in English), each after the path.
CASES = {
    "bad-rows.csv": (1, [
        ':3:3: 错误: L1P1.e_license_rate（电子证照使用率）："八十五" 不合法，应为百分数（如 85、"85%"）',
        ":4:4: 错误: L1P2.employment_channels（畅通就业服务渠道的服务模式数量）：\"三\" 不合法，应为非负整数",
    ], [
        ':3:3: error: L1P1.e_license_rate (E-licence usage rate): "八十五" is not valid, expected a percent (85 or "85%")',
        ':4:4: error: L1P2.employment_channels (Number of service modes opening employment service channels): "三" is not valid, '
        "expected a whole number",
    ]),
    "long-bad-value.csv": (1, [
        ':3:5: 错误: L1P1.e_license_rate（电子证照使用率）："120" 超出允许范围 [0%, 100%]',
    ], [
        ':3:5: error: L1P1.e_license_rate (E-licence usage rate): "120" is outside the allowed range [0%, 100%]',
    ]),
    "row-without-entity.csv": (1, [
        ":3:1: 错误: 这一行填了数值，但 entity 列没有写城市名称",
    ], [
        ":3:1: error: this row gives values but no city name in its entity column",
    ]),
    "cell-without-column.csv": (1, [
        ":3:4: 错误: “note”所在的列在表头中没有列名",
    ], [
        ":3:4: error: 'note' stands in a column without a name in the header row",
    ]),
    "unknown-columns.csv": (2, [
        ":1:1: 错误: 未知的列“entiy”：列名应为 entity、period、standard 或“指标.字段”。是否想写“entity”？",
        ":1:3: 错误: 指标 L1P4 没有字段“bus_realtime”。是否想写“bus_realtime_rate”？",
    ], [
        ":1:1: error: unknown column 'entiy': a column is entity, period, standard or INDICATOR.field; did you mean 'entity'?",
        ":1:3: error: indicator L1P4 has no field 'bus_realtime'; did you mean 'bus_realtime_rate'?",
    ]),
    "printed-code-column.csv": (2, [
        ":1:3: 错误: LIP8 是标准印刷的编号，应写作 L1P8",
    ], [
        ":1:3: error: LIP8 is the code as printed in the standard; write L1P8",
    ]),
    "duplicate-column.csv": (2, [
        ":1:5: 错误: 列“L1P1.e_license_rate”重复（第一次出现在第 3 列）",
    ], [
        ":1:5: error: column 'L1P1.e_license_rate' given twice (first as column 3)",
    ]),
    "no-entity-column.csv": (2, [
        ":1:1: 错误: 表头没有“entity”列：每一行都需要写明城市名称",
    ], [
        ":1:1: error: the header row has no 'entity' column: each row needs the name of its city",
    ]),
    "header-only.csv": (2, [
        ":2:1: 错误: 表格中没有城市：请在表头下每个城市填一行",
    ], [
        ":2:1: error: the table holds no cities: fill in a row per city below the header",
    ]),
    "open-quote.csv": (2, [
        ":2: 错误: CSV 文件从这一行起无法读取（引号没有闭合，或单元格过长）；请在 Excel 中用“另存为 → CSV UTF-8（逗号分隔）(*.csv)”重新保存",
    ], [
        ':2: error: the CSV file cannot be read from this line on (a quote never closed, or a cell too long); '
        'in Excel, save it again with Save As -> "CSV UTF-8 (Comma delimited) (*.csv)"',
    ]),
    "cp1252.csv": (2, [
        ": 错误: 文件既不是 UTF-8 也不是 GBK/GB18030 文本；请在 Excel 中用“另存为 → CSV UTF-8（逗号分隔）(*.csv)”重新保存",
    ], [
        ': error: the file is neither UTF-8 nor GBK/GB18030 text; in Excel, save it again with Save As -> '
        '"CSV UTF-8 (Comma delimited) (*.csv)"',
    ]),
    "utf16.csv": (2, [
        ": 错误: 文件既不是 UTF-8 也不是 GBK/GB18030 文本；请在 Excel 中用“另存为 → CSV UTF-8（逗号分隔）(*.csv)”重新保存",
    ], [
        ': error: the file is neither UTF-8 nor GBK/GB18030 text; in Excel, save it again with Save As -> '
        '"CSV UTF-8 (Comma delimited) (*.csv)"',
    ]),
    "broken.xlsx": (2, [
        ": 错误: 这不是可以读取的 Excel 工作簿（.xlsx）；请用 Excel 打开并另存为“Excel 工作簿(*.xlsx)”",
    ], [
        ': error: this is not an Excel workbook (.xlsx) that can be read; open it in Excel and save it again as '
        '"Excel Workbook (*.xlsx)"',
    ]),
    "old.xls": (2, [
        ": 错误: 无法读取旧版 Excel 97-2003 工作簿（.xls）；请在 Excel 中用“另存为 → Excel 工作簿(*.xlsx)”或“CSV UTF-8（逗号分隔）(*.csv)”保存",
    ], [
        ': error: an old Excel 97-2003 workbook (.xls) cannot be read; in Excel, save it with Save As -> '
        '"Excel Workbook (*.xlsx)" or "CSV UTF-8 (Comma delimited) (*.csv)"',
    ]),
}


def test_every_bad_table_fixture_has_a_case():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_table_is_reported_at_its_cell(capsys, name, lang):
    path = BAD / name
    status, zh, en = CASES[name]
    code, _, err = run(capsys, "evaluate", str(path), "--lang", lang)
    assert code == status
    assert err.splitlines() == [f"{path}{line}" for line in (zh if lang == "zh" else en)]


def test_a_bad_row_is_reported_and_every_other_row_evaluated(capsys):
    code, out, err = run(capsys, "evaluate", str(BAD / "bad-rows.csv"), "--format", "json")
    assert code == 1
    assert [r["entity"] for r in json.loads(out)] == ["甲市", "丁市"]
    assert len(err.splitlines()) == 2


def test_a_bad_cell_of_a_workbook_is_named_by_its_sheet_and_cell(capsys, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(["entity", "period", "L1P1.e_license_rate", "L1P2.employment_channels"])
    sheet.append(["城市名称", "统计年度", "电子证照使用率（%）", "畅通就业服务渠道的服务模式数量"])
    for n, rate in enumerate((85, 90, 70, 60, 120, 50), start=1):
        sheet.append([f"城市{n}", 2020, rate, n])
    path = tmp_path / "cities.xlsx"
    book.save(path)
    code, out, err = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 1
    assert err == f"{path}:数据!C7: 错误: L1P1.e_license_rate（电子证照使用率）：120 超出允许范围 [0%, 100%]\n"
    assert [r["entity"] for r in json.loads(out)] == ["城市1", "城市2", "城市3", "城市4", "城市6"]


def test_a_workbook_cell_error_in_json_names_its_sheet(tmp_path, edition):
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["entity", "L1P2.employment_channels"])
    book.active.append(["A", 2.5])
    path = tmp_path / "cities.xlsx"
    book.save(path)
    with pytest.raises(DataError) as caught:
        load_city(path, edition)
    assert caught.value.problems[0].to_json("en") == {
        "severity": "error", "code": "data_bad_value",
        "message": "L1P2.employment_channels (Number of service modes opening employment service channels): 2.5 is not valid, "
                   "expected a whole number",
        "file": str(path), "line": 2, "column": 2, "sheet": "Data"}


def test_a_workbook_broken_halfway_gives_the_rows_before_the_break_and_says_so(capsys, tmp_path):
    book = openpyxl.Workbook()
    for row in (["entity", "L1P1.e_license_rate"], ["甲市", 85], ["乙市", 70], ["丙市", 60]):
        book.active.append(row)
    whole = io.BytesIO()
    book.save(whole)
    path = tmp_path / "cities.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as broken:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: content.index(b'<row r="4"')]  # cut off in the middle of the sheet
            broken.writestr(item, content)
    code, out, err = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 1
    assert [r["entity"] for r in json.loads(out)] == ["甲市", "乙市"]
    assert err == f"{path}: 错误: 这不是可以读取的 Excel 工作簿（.xlsx）；请用 Excel 打开并另存为“Excel 工作簿(*.xlsx)”\n"


def test_the_sheet_read_is_the_one_holding_the_table(capsys, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "填写说明"
    book.active.append(["这里是说明"])
    data = book.create_sheet("2020年")
    data.append(["2020 年各市数据"])
    data.append(["entity", "L1P1.e_license_rate"])
    data.append(["甲市", 85])
    path = tmp_path / "cities.xlsx"
    book.save(path)
    assert [r["entity"] for r in evaluated(capsys, str(path))] == ["甲市"]


def test_a_table_is_read_a_row_at_a_time(edition):
    """The first city comes out before the rows after it are read: a table of
    thousands of entities is never held whole."""
    def rows():
        yield [Cell("entity", Location("t.csv", 1, 1)), Cell("L1P1.e_license_rate", Location("t.csv", 1, 2))]
        yield [Cell("甲市", Location("t.csv", 2, 1)), Cell("85", Location("t.csv", 2, 2))]
        raise AssertionError("read past the first city")

    first = next(iter(table_cities(rows(), "t.csv", edition)))
    assert first.entity == "甲市" and first.row == Location("t.csv", 2, 1)


def test_a_warning_about_a_city_of_a_table_names_its_row(capsys, tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text("entity,L1P8.hospital_level3_share,L1P8.hospital_level4_share\n甲市,50,40\n乙市,50,60\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0
    assert err == f"{path}:3:1: 警告: L1P8：数据自相矛盾：4级及以上医院占比不能大于3级及以上医院占比\n"


def test_a_row_naming_another_standard_is_warned_at_its_cell(capsys, tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text("entity,standard,L1P1.e_license_rate\n甲市,GB/T 0000,85\n乙市,db37-t-3890.1-2020,90\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0
    assert err == f"{path}:2:2: 警告: 数据文件写明的标准是“GB/T 0000”，但本次按 DB37/T 3890.1-2020 评价\n"


@pytest.mark.parametrize(("column", "letters"), [(1, "A"), (3, "C"), (26, "Z"), (27, "AA"), (52, "AZ"), (702, "ZZ"), (703, "AAA")])
def test_a_cell_is_named_as_a_spreadsheet_names_it(column, letters):
    assert column_letters(column) == letters
    assert str(Location("cities.xlsx", 7, column, "数据")) == f"cities.xlsx:数据!{letters}7"


# -- folders and standard input ----------------------------------------------------
def test_a_folder_is_read_file_by_file_in_name_order(capsys, tmp_path):
    shutil.copy(SAMPLES / "sample-city-1.yaml", tmp_path / "b-city.yaml")
    shutil.copy(TABLES / "long-cities.csv", tmp_path / "a-cities.csv")
    shutil.copy(SAMPLES / "sample-city-2.yaml", tmp_path / ".hidden.yaml")
    (tmp_path / "~$a-cities.xlsx").write_bytes(b"lock")  # what Excel leaves beside an open workbook
    (tmp_path / "notes.txt").write_text("not data", encoding="utf-8")
    (tmp_path / "older").mkdir()
    shutil.copy(SAMPLES / "sample-city-0.yaml", tmp_path / "older" / "city.yaml")
    reports = evaluated(capsys, str(tmp_path))
    assert [r["entity"] for r in reports] == ["甲市", "乙市", "乙市", "示例市1"]


def test_folders_and_files_mix_on_one_command_line(capsys, tmp_path):
    shutil.copy(SAMPLES / "sample-city-1.yaml", tmp_path / "city.yaml")
    reports = evaluated(capsys, str(SAMPLES / "sample-city-0.yaml"), str(tmp_path), str(TABLES / "long-cities.csv"))
    assert [r["entity"] for r in reports] == ["示例市0", "示例市1", "甲市", "乙市", "乙市"]


def test_a_folder_where_one_data_file_is_needed_is_said_to_be_a_folder(tmp_path, edition):
    with pytest.raises(DataError) as caught:
        load_city(tmp_path, edition)
    assert caught.value.render("zh") == f"{tmp_path}: 错误: {tmp_path} 是文件夹，这里需要一个数据文件"


def stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_standard_input_holding_yaml_gives_one_city(capsys, monkeypatch):
    stdin(monkeypatch, (SAMPLES / "sample-city-0.yaml").read_bytes())
    report = evaluated(capsys, "-")
    assert (report["entity"], report["total_score"]) == ("示例市0", expected("sample-city-0")["total_score"])


@pytest.mark.parametrize("name", WIDE_SAMPLES)
def test_standard_input_holding_a_table_gives_its_cities(capsys, monkeypatch, name):
    stdin(monkeypatch, (TABLES / name).read_bytes())
    assert [r["total_score"] for r in evaluated(capsys, "-")] == [expected(n)["total_score"] for n in SAMPLE_NAMES]


def test_standard_input_holding_a_workbook_gives_its_cities(capsys, monkeypatch):
    book = openpyxl.Workbook()
    book.active.append(["entity", "period", "L1P1.e_license_rate"])
    book.active.append(["甲市", 2020, 85])
    out = io.BytesIO()
    book.save(out)
    stdin(monkeypatch, out.getvalue())
    assert [(r["entity"], r["period"]) for r in evaluated(capsys, "-")] == [("甲市", "2020")]


def test_a_problem_on_standard_input_is_placed_there(capsys, monkeypatch):
    stdin(monkeypatch, "entity,L1P1.e_license_rate\n甲市,八十五\n".encode())
    code, _, err = run(capsys, "evaluate", "-", "--lang", "en")
    assert code == 2
    assert err == '<stdin>:2:2: error: L1P1.e_license_rate (E-licence usage rate): "八十五" is not valid, expected a percent (85 or "85%")\n'
