"""`zhibiao rank`: cities ranked by total, in every format, and what a
ranking keeps of each city."""

from __future__ import annotations

import csv
import gc
import io
import json
import re
import weakref
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import FIXTURES, SAMPLES
from zhibiao.cli import main
from zhibiao.data.reading import load_city
from zhibiao.evaluation.evaluate import evaluate
from zhibiao.evaluation.ranking import Ranking

RANK = FIXTURES / "rank"
SAMPLE_FILES = sorted(str(p) for p in SAMPLES.glob("*.yaml"))
TIE = str(RANK / "tie.yaml")
BROKEN = str(RANK / "broken.yaml")
# The cities of the golden files: the four samples, and sample-city-0's data again under another name.
GOLDEN_DATA = [*SAMPLE_FILES, TIE]

CITY_KEYS = ["rank", "entity", "period", "total_score", "deduction", "complete", "not_assessed", "categories", "stars"]
INDICATOR_KEYS = ["id", "name", "stars", "not_assessed", "points_lost"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def rank_json(capsys, *data: str, lang: str = "zh") -> dict:
    code, out, _ = run(capsys, "rank", *data, "--format", "json", "--lang", lang)
    assert code == 0
    return json.loads(out)


def expected_total(path: str) -> float:
    name = Path(path).stem
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))["total_score"]


# -- golden output -------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt, ext", [("text", "txt"), ("markdown", "md"), ("csv", "csv"), ("json", "json")])
def test_output_is_the_golden_file(capsys, lang, fmt, ext):
    code, out, _ = run(capsys, "rank", *GOLDEN_DATA, "--format", fmt, "--lang", lang)
    assert code == 0
    assert out == (RANK / f"golden.{lang}.{ext}").read_text(encoding="utf-8")


# -- the order ---------------------------------------------------------------------------
def test_the_sample_cities_are_ranked_by_their_expected_totals(capsys):
    cities = rank_json(capsys, *SAMPLE_FILES)["cities"]
    totals = sorted((expected_total(p) for p in SAMPLE_FILES), reverse=True)
    assert [c["total_score"] for c in cities] == totals == [100, 52.1, 50.9, 50.4]
    assert [(c["rank"], c["entity"]) for c in cities] == [(1, "示例市（满分）"), (2, "示例市0"), (3, "示例市2"), (4, "示例市1")]


def test_equal_totals_share_a_rank_and_the_next_rank_skips(capsys):
    cities = rank_json(capsys, *GOLDEN_DATA)["cities"]
    assert [(c["rank"], c["entity"], c["total_score"]) for c in cities] == [
        (1, "示例市（满分）", 100), (2, "示例市0", 52.1), (2, "示例市0乙", 52.1), (4, "示例市2", 50.9), (5, "示例市1", 50.4)]


def test_among_equal_totals_the_cities_keep_the_order_they_were_read_in(capsys):
    cities = rank_json(capsys, TIE, SAMPLE_FILES[0])["cities"]
    assert [(c["rank"], c["entity"]) for c in cities] == [(1, "示例市0乙"), (1, "示例市0")]


# -- what is said of each city and each indicator ---------------------------------------------
def test_a_city_has_exactly_the_documented_fields(capsys):
    city = rank_json(capsys, str(SAMPLES / "sample-city-0.yaml"))["cities"][0]
    assert list(city) == CITY_KEYS
    assert city == {
        "rank": 1, "entity": "示例市0", "period": "2020", "total_score": 52.1, "deduction": 2, "complete": False,
        "not_assessed": 3,
        "categories": [{"id": "L1", "score": 10.6, "max_score": 20}, {"id": "L2", "score": 6.4, "max_score": 14.5},
                       {"id": "L3", "score": 9.5, "max_score": 14.5}, {"id": "L4", "score": 5.1, "max_score": 15},
                       {"id": "L5", "score": 6.5, "max_score": 17}, {"id": "L6", "score": 16, "max_score": 19}],
        "stars": {"0": 16, "1": 1, "2": 2, "3": 6, "4": 7, "5": 13},
    }


def test_a_citys_star_counts_and_not_assessed_are_those_of_its_verdicts(capsys):
    for path in SAMPLE_FILES:
        want = json.loads((SAMPLES / f"{Path(path).stem}.expected.json").read_text(encoding="utf-8"))["stars"]
        city = rank_json(capsys, path)["cities"][0]
        counts = {str(level): sum(s == level for s in want.values()) for level in range(6)}
        assert city["stars"] == counts, path
        assert city["not_assessed"] == sum(s is None for s in want.values()), path


def test_an_indicator_counts_the_cities_at_each_star_level_and_the_points_they_lose(capsys):
    report = rank_json(capsys, *SAMPLE_FILES)
    verdicts = []
    for path in SAMPLE_FILES:
        code, out, _ = run(capsys, "evaluate", path, "--format", "json")
        verdicts.append({i["id"]: i for i in json.loads(out)["indicators"]})
    assert [i["id"] for i in report["indicators"]] == list(verdicts[0])
    for ind in report["indicators"]:
        assert list(ind) == INDICATOR_KEYS
        mine = [v[ind["id"]] for v in verdicts]
        assert ind["not_assessed"] == sum(m["status"] != "rated" for m in mine)
        if ind["id"] == "L5P6":  # the deduction item: no stars, the points it takes off
            assert ind["stars"] is None
            assert ind["points_lost"] == sum(m["deduction"] for m in mine) == 8
            continue
        assert ind["stars"] == {str(level): sum(m["stars"] == level for m in mine) for level in range(6)}
        lost = sum(Decimal(str(m["max_score"])) - Decimal(str(m["score"])) for m in mine)
        assert Decimal(str(ind["points_lost"])) == lost, ind["id"]


def test_the_standard_is_named_with_its_categories(capsys):
    standard = rank_json(capsys, SAMPLE_FILES[0], lang="en")["standard"]
    assert standard == {
        "id": "db37-t-3890.1-2020", "code": "DB37/T 3890.1-2020",
        "title": "New-type smart city construction indicators — Part 1. City-level", "fixture": False, "max_score": 100,
        "categories": [{"id": "L1", "name": "Digital services for citizens", "max_score": 20},
                       {"id": "L2", "name": "Digital government", "max_score": 14.5},
                       {"id": "L3", "name": "Digital economy", "max_score": 14.5},
                       {"id": "L4", "name": "Infrastructure", "max_score": 15},
                       {"id": "L5", "name": "Safeguards", "max_score": 17},
                       {"id": "L6", "name": "Local features", "max_score": 19}],
    }


def test_the_text_names_the_indicators_that_cost_the_most_points(capsys):
    _, out, _ = run(capsys, "rank", *SAMPLE_FILES, "--lang", "en")
    section = out.split("Where the cities lose the most points\n\n")[1].splitlines()
    assert section[:3] == [
        " 1. L3P8 Employment share of next-generation IT industries: 10.4 of 16 points lost",
        " 2. L5P4 Funding: 10 of 20 points lost",
        " 3. L5P6 Information security: 8 points deducted",
    ]
    assert len(section) == 10


# -- CSV and workbook -----------------------------------------------------------------------------
def test_csv_has_one_row_per_city_with_the_fields_of_the_json(capsys):
    cities = rank_json(capsys, *GOLDEN_DATA)["cities"]
    _, out, _ = run(capsys, "rank", *GOLDEN_DATA, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(cities)
    for row, city in zip(rows, cities):
        assert row["entity"] == city["entity"]
        assert (row["rank"], row["total_score"], row["deduction"], row["not_assessed"]) == tuple(
            str(city[k]) for k in ("rank", "total_score", "deduction", "not_assessed"))
        assert row["complete"] == ("true" if city["complete"] else "false")
        assert [row[c["id"]] for c in city["categories"]] == [str(c["score"]) for c in city["categories"]]
        assert [row[f"stars_{level}"] for level in range(6)] == [str(city["stars"][str(level)]) for level in range(6)]


@pytest.fixture
def workbook(capsys, tmp_path) -> openpyxl.Workbook:
    target = tmp_path / "rank.xlsx"
    code, out, _ = run(capsys, "rank", *GOLDEN_DATA, "-o", str(target))  # the format from the extension
    assert (code, out) == (0, "")
    return openpyxl.load_workbook(target)


def test_workbook_has_a_sheet_of_cities_and_one_of_indicators(workbook):
    assert workbook.sheetnames == ["城市", "指标"]


def test_workbook_cities_sheet_holds_numbers_under_a_frozen_header(workbook, capsys):
    sheet = workbook["城市"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("排名", "评价对象", "期间", "总分", "扣分", "L1 数字惠民（满分 20）", "L2 数字政府（满分 14.5）",
                       "L3 数字经济（满分 14.5）", "L4 基础设施（满分 15）", "L5 保障措施（满分 17）", "L6 地方特色（满分 19）",
                       "★5", "★4", "★3", "★2", "★1", "★0", "未评估")
    assert rows[1:] == [
        (1, "示例市（满分）", "2020", 100, 0, 20, 14.5, 14.5, 15, 17, 19, 48, 0, 0, 0, 0, 0, 0),
        (2, "示例市0", "2020", 52.1, 2, 10.6, 6.4, 9.5, 5.1, 6.5, 16, 13, 7, 6, 2, 1, 16, 3),
        (2, "示例市0乙", "2020", 52.1, 2, 10.6, 6.4, 9.5, 5.1, 6.5, 16, 13, 7, 6, 2, 1, 16, 3),
        (4, "示例市2", "2020", 50.9, 2, 10.8, 3.9, 8.6, 5.3, 7.2, 17.1, 10, 6, 10, 1, 4, 13, 4),
        (5, "示例市1", "2020", 50.4, 4, 12, 6.2, 5.9, 5.2, 12.1, 13, 9, 7, 8, 4, 2, 14, 4),
    ]
    assert sheet.freeze_panes == "C2"
    assert sheet["D2"].number_format == "General"
    assert sheet["A2"].number_format == sheet["L2"].number_format == "0"


def test_workbook_colours_the_total_and_each_category_on_a_scale(workbook):
    scales = {str(rng.sqref): [rule.type for rule in rules] for rng, rules in workbook["城市"].conditional_formatting._cf_rules.items()}
    assert scales == {f"{col}2:{col}6": ["colorScale"] for col in "DFGHIJK"}


def test_workbook_indicators_sheet_has_the_counts_of_the_json(workbook, capsys):
    indicators = rank_json(capsys, *GOLDEN_DATA)["indicators"]
    rows = list(workbook["指标"].iter_rows(values_only=True))
    assert rows[0] == ("指标", "名称", "★5", "★4", "★3", "★2", "★1", "★0", "未评估", "失分")
    assert len(rows) == 1 + len(indicators) == 1 + 49
    for row, ind in zip(rows[1:], indicators):
        stars = (None,) * 6 if ind["stars"] is None else tuple(ind["stars"][str(level)] for level in range(5, -1, -1))
        name = ind["name"] if ind["stars"] is not None else f"{ind['name']}（扣分项）"
        assert row == (ind["id"], name, *stars, ind["not_assessed"], ind["points_lost"])
    assert rows[1][:3] == ("L1P1", "电子证照使用率", 3)  # 示例市0 twice, and 示例市（满分）


def test_a_name_that_looks_like_a_formula_stays_text_in_the_workbook(capsys, tmp_path):
    city = tmp_path / "city.yaml"
    city.write_text((SAMPLES / "sample-city-top.yaml").read_text(encoding="utf-8").replace(
        "entity: 示例市（满分）", 'entity: "=HYPERLINK(\\"http://x\\")"'), encoding="utf-8")
    run(capsys, "rank", str(city), "-o", str(tmp_path / "r.xlsx"))
    cell = openpyxl.load_workbook(tmp_path / "r.xlsx")["城市"]["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


def test_a_workbook_is_not_printed_on_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, err = run(capsys, "rank", SAMPLE_FILES[3], "--format", "xlsx")
    assert (code, out) == (2, "")
    assert err == "-: 错误: 工作簿无法显示在终端上，请用 -o 文件名.xlsx 写入文件\n"


@pytest.mark.parametrize("name, first", [("rank.csv", "rank,entity,"), ("rank.md", "# DB37/T"), ("rank.json", "{"),
                                         ("rank.txt", "DB37/T"), ("rank", "DB37/T")])
def test_the_output_files_extension_picks_the_format(capsys, tmp_path, name, first):
    code, _, _ = run(capsys, "rank", SAMPLE_FILES[0], "-o", str(tmp_path / name))
    assert code == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(first)


# -- failures ---------------------------------------------------------------------------------
def test_a_bad_file_among_others_is_exit_1_and_the_others_are_ranked(capsys):
    code, out, err = run(capsys, "rank", SAMPLE_FILES[0], BROKEN, SAMPLE_FILES[3], "--format", "json")
    assert code == 1
    assert [(c["rank"], c["entity"]) for c in json.loads(out)["cities"]] == [(1, "示例市（满分）"), (2, "示例市0")]
    assert f'{BROKEN}:7:21: 错误: L1P1.e_license_rate（电子证照使用率）："很多" 不合法，应为百分数（如 85、"85%"）' in err.splitlines()


def test_no_readable_city_is_exit_2_and_writes_nothing(capsys, tmp_path):
    code, out, _ = run(capsys, "rank", BROKEN, "-o", str(tmp_path / "rank.csv"))
    assert (code, out) == (2, "")
    assert list(tmp_path.iterdir()) == []


def test_strict_refuses_the_cities_with_warnings_and_ranks_the_others(capsys):
    # sample-city-0 and -1 have data that contradict each other (a warning).
    code, out, _ = run(capsys, "rank", *SAMPLE_FILES, "--strict", "--format", "json")
    assert code == 1
    assert [c["entity"] for c in json.loads(out)["cities"]] == ["示例市（满分）", "示例市2"]


# -- memory ---------------------------------------------------------------------------------
def test_a_ranking_keeps_nothing_of_a_citys_result_but_its_summary(edition):
    ranking = Ranking(edition)
    result = evaluate(edition, load_city(SAMPLES / "sample-city-0.yaml", edition))
    alive = weakref.ref(result)
    verdict = weakref.ref(result.verdicts[0])
    ranking.add(result)
    del result
    gc.collect()
    assert alive() is None and verdict() is None
    assert [r.city.total for r in ranking.cities()] == [Decimal("52.1")]


def test_the_readme_excerpt_is_what_rank_prints(capsys):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Ranking\n", 1)[1]
    excerpt = re.search(r"```\n(DB37/T.*?)```", section, re.S).group(1)
    main(["rank", *sorted(str(p) for p in SAMPLES.glob("*.yaml"))])
    printed = capsys.readouterr().out.splitlines()
    shown = [line for line in excerpt.splitlines() if line != "..."]
    assert [line for line in shown if line not in printed] == []


@pytest.mark.parametrize("table", ["samples-wide.csv", "samples-excel-gbk.csv", "samples-typed-bom.csv"])
def test_a_wide_table_of_the_sample_cities_ranks_them_by_their_expected_totals(capsys, table):
    import yaml

    expected = {yaml.safe_load(p.read_text(encoding="utf-8"))["entity"]:
                json.loads(p.with_suffix(".expected.json").read_text(encoding="utf-8"))["total_score"]
                for p in SAMPLES.glob("*.yaml")}
    assert main(["rank", str(FIXTURES / "tables" / table), "--format", "json"]) == 0
    cities = json.loads(capsys.readouterr().out)["cities"]
    assert [(c["entity"], c["total_score"]) for c in cities] == sorted(expected.items(), key=lambda kv: -kv[1])
    assert [c["rank"] for c in cities] == [1, 2, 3, 4]


def test_a_bad_row_of_a_table_is_reported_at_its_cell_and_the_others_are_ranked(capsys, tmp_path):
    rows = (FIXTURES / "tables" / "samples-wide.csv").read_text(encoding="utf-8").splitlines()
    head = rows[0].split(",")
    column = head.index("L1P1.e_license_rate")
    cells = rows[2].split(",")
    cells[column] = "很高"
    rows[2] = ",".join(cells)
    table = tmp_path / "cities.csv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code = main(["rank", str(table), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{table}:3:{column + 1}: 错误: L1P1.e_license_rate" in err
    assert len(json.loads(out)["cities"]) == 3
