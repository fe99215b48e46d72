"""`zhibiao report`: one document for every city, in HTML and Markdown.

Markdown is compared with goldens under tests/fixtures/report/ (rebuild
them with ``ZHIBIAO_REGENERATE=1 python -m pytest tests/test_report.py``);
digests and the tool's version are masked there, so that a release or a
new file hash does not rewrite every golden. HTML is parsed: every indicator
of every city present, one document, nothing from data or rules taken as
markup.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from zhibiao.cli import main
from zhibiao.evaluation.provenance import rules_digest, tool_version

TOP = Path(__file__).resolve().parents[1]
REPORT = FIXTURES / "report"
H2019 = "tests/fixtures/report/harbour-2019.yaml"
H2020 = "tests/fixtures/report/harbour-2020.yaml"
HOSTILE = "tests/fixtures/report/hostile.yaml"
CITY0 = "tests/fixtures/samples/sample-city-0.yaml"
# 2026-03-01, for the evaluation date of every report here.
EPOCH = "1772323200"


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(TOP)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def masked(text: str) -> str:
    text = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", text)
    return text.replace(f"zhibiao {tool_version()}", "zhibiao <version>")


# -- Markdown ----------------------------------------------------------------
GOLDENS = {
    "two-periods.zh.md": (H2019, H2020),
    "sample-city-0.target-80.en.md": (CITY0, "--target", "80", "--lang", "en"),
}


@pytest.mark.parametrize("golden", sorted(GOLDENS))
def test_markdown_matches_its_golden(capsys, golden):
    code, out, _ = run(capsys, "report", *GOLDENS[golden], "--format", "markdown")
    assert code == 0
    path = REPORT / golden
    if os.environ.get("ZHIBIAO_REGENERATE"):
        path.write_text(masked(out), encoding="utf-8")
    assert masked(out) == path.read_text(encoding="utf-8")


def test_markdown_needs_no_html_but_the_anchors(capsys):
    _, out, _ = run(capsys, "report", H2019, H2020, HOSTILE, "--format", "markdown")
    tags = re.findall(r"(?<!\\)<[A-Za-z/][^>]*>", out)
    assert set(tags) == {'<a id="city-1">', '<a id="city-2">', '<a id="city-3">', "</a>"}


def test_markdown_escapes_data_that_would_be_markup(capsys):
    _, out, _ = run(capsys, "report", HOSTILE, "--format", "markdown", "--lang", "en")
    assert "## \\<script>alert('entity')\\</script>市 · 2020\\<b>" in out
    assert "Number of service modes opening employment service channels: 3 (a \\| b \\*\\* \\[x\\](y) \\<img src=x>, " in out


def test_markdown_shows_the_source_beside_the_value(capsys):
    _, out, _ = run(capsys, "report", H2020, "--format", "markdown")
    assert "电子证照使用率：86% (市政务服务管理办公室2020年报、https://example.org/zwb/2020.pdf); 标准所列数据来源：地方政府政务办或相关部门" in out


def test_two_periods_of_a_city_are_compared(capsys):
    _, out, _ = run(capsys, "report", H2019, H2020, "--format", "markdown", "--lang", "en")
    assert "### Since 2019\n\nTotal 6.4 → 12.8.\n" in out
    assert "| L1P1 E-licence usage rate | ★★★☆☆ | ★★★★★ | +2 |" in out
    assert "| L1P3 Government service app usage | ★★★☆☆ | ★★☆☆☆ | -1 |" in out


def test_markdown_says_the_gap_to_the_next_tier_in_full(capsys):
    _, out, _ = run(capsys, "report", CITY0, "--format", "markdown")
    assert "三星（1.2 分）未达到：公交电子站牌覆盖率 4.9% < 5%，差 0.1 个百分点" in out


# -- HTML ----------------------------------------------------------------------
class Page(HTMLParser):
    """What a browser would take from the page: declarations, tags with
    their attributes, and the text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.declarations: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def ids(self) -> set[str]:
        return {str(a["id"]) for _, a in self.tags if a.get("id")}

    def all_text(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> Page:
    path = tmp_path_factory.mktemp("report") / "report.html"
    code = main(["report", str(REPORT / "harbour-2019.yaml"), str(REPORT / "harbour-2020.yaml"), str(REPORT / "hostile.yaml"),
                 "--format", "html", "-o", str(path)])
    assert code == 0
    return Page(path.read_text(encoding="utf-8"))


def test_several_cities_make_one_document(hostile_page):
    assert hostile_page.declarations == ["DOCTYPE html"]
    assert [t for t, _ in hostile_page.tags].count("html") == 1
    assert [t for t, _ in hostile_page.tags].count("body") == 1


def test_every_indicator_of_every_city_is_there(hostile_page, edition):
    ids = hostile_page.ids()
    for n in (1, 2, 3):
        assert f"city-{n}" in ids
        assert {f"city-{n}-{iid}" for iid in edition.indicators} <= ids


def test_the_ranking_links_to_each_city(hostile_page):
    links = [a["href"] for t, a in hostile_page.tags if t == "a" and str(a.get("href", "")).startswith("#")]
    assert links[:3] == ["#city-2", "#city-1", "#city-3"]


def test_nothing_from_data_becomes_markup(hostile_page):
    tags = [t for t, _ in hostile_page.tags]
    assert "script" not in tags and "img" not in tags and "b" not in tags
    text = hostile_page.all_text()
    assert "<script>alert('entity')</script>市" in text
    assert "<script>alert('source')</script>" in text
    assert "a | b ** [x](y) <img src=x>" in text


def test_only_web_addresses_become_links(hostile_page):
    hrefs = [str(a["href"]) for t, a in hostile_page.tags if t == "a" and not str(a.get("href", "")).startswith("#")]
    assert hrefs == ["https://example.org/zwb/2019.pdf", "https://example.org/zwb/2020.pdf", 'https://example.org/?a=1&b=<2>"q']
    assert "javascript:alert('evidence')" in hostile_page.all_text()


def test_the_charts_are_inline_svg(hostile_page):
    charts = [a for t, a in hostile_page.tags if t == "svg"]
    # The ranking, then a radar and the category bars per city.
    assert [a["class"] for a in charts] == ["chart bars"] + ["chart radar", "chart bars"] * 3
    assert all(float(str(a["width"])) > 0 and float(str(a["height"])) > 0 for a in charts)


def test_leading_indicators_are_marked(hostile_page, edition):
    leading = sum(1 for i in edition.indicators.values() if i.leading)
    marks = [a for t, a in hostile_page.tags if t == "span" and a.get("class") == "leading"]
    assert len(marks) == 3 * leading


def test_print_stylesheet(capsys):
    _, out, _ = run(capsys, "report", CITY0, "--format", "html")
    for rule in ("@page { size: A4;", "thead { display: table-header-group; }", ".score, .num, .stars, .rank { white-space: nowrap; }",
                 "section.city { break-before: page;"):
        assert rule in out


def test_the_footer_gives_the_provenance(capsys, edition):
    _, out, _ = run(capsys, "report", H2020, "--format", "html")
    data = hashlib.sha256((TOP / H2020).read_bytes()).hexdigest()
    assert f"<code>{data}</code>" in out
    assert f"<code>{rules_digest(edition.folder, ('edition.yaml', *edition.files))}</code>" in out
    assert f"于 2026-03-01 用 zhibiao {tool_version()} 评价" in out


def test_the_improvement_plan_is_in_the_report(capsys):
    _, out, _ = run(capsys, "report", CITY0, "--format", "html", "--target", "80", "--lang", "en")
    assert "<h3>Improvement plan</h3>" in out
    assert "16 steps reach the target 80 (total 80)." in out


# -- provenance and cited values in the JSON -------------------------------------
def test_json_carries_the_provenance(capsys, edition):
    _, out, _ = run(capsys, "evaluate", H2020, "--format", "json")
    assert json.loads(out)["provenance"] == {
        "rules_sha256": rules_digest(edition.folder, ("edition.yaml", *edition.files)),
        "data_sha256": hashlib.sha256((TOP / H2020).read_bytes()).hexdigest(),
        "tool_version": tool_version(),
        "evaluated_on": "2026-03-01",
    }


def test_the_rule_digest_follows_every_rule_file(tmp_path, edition):
    import shutil

    copy = tmp_path / "edition"
    shutil.copytree(edition.folder, copy)
    files = ("edition.yaml", *edition.files)
    before = rules_digest(copy, files)
    target = copy / edition.files[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    rules_digest.cache_clear()
    assert rules_digest(copy, files) != before


def test_json_shows_a_cited_value_with_its_source(capsys):
    _, out, _ = run(capsys, "evaluate", H2020, "--format", "json")
    l1p4 = next(i for i in json.loads(out)["indicators"] if i["id"] == "L1P4")
    assert l1p4["values"]["e_stop_coverage"] == {"value": 12, "unit": "%", "text": "12%", "label": "公交电子站牌覆盖率",
                                                 "computed": False, "source": "市交通运输局", "evidence": None}
    assert "source" not in l1p4["values"]["bus_realtime_rate"]


@pytest.mark.parametrize(("fields", "message"), [
    ("{value: 86%, sorce: 年报}", ":2:39: 错误: 未知的键“sorce”（values.L1P1.e_license_rate）。是否想写“source”？"),
    ("{value: 86%, evidence: [1]}", ":2:49: 错误: “values.L1P1.e_license_rate.evidence”的值应为一段文字，实际是 [1]"),
    ("{value: 186%, source: 年报}", ":2:34: 错误: L1P1.e_license_rate（电子证照使用率）：\"186%\" 超出允许范围 [0%, 100%]"),
])
def test_a_cited_value_is_checked_like_any_value(capsys, tmp_path, fields, message):
    path = tmp_path / "bad.yaml"
    path.write_text(f"values:\n  L1P1: {{e_license_rate: {fields}}}\n", encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(path))
    assert code == 2
    assert err.strip() == f"{path}{message}"


def test_evaluate_html_for_several_cities_is_one_document(capsys):
    _, out, _ = run(capsys, "evaluate", H2019, H2020, CITY0, "--format", "html")
    page = Page(out)
    assert page.declarations == ["DOCTYPE html"]
    assert [t for t, _ in page.tags].count("html") == 1
    assert [a["id"] for t, a in page.tags if t == "section"] == ["city-1", "city-2", "city-3"]
    assert "<title>海港市、海港市、示例市0 — DB37/T 3890.1-2020</title>" in out
    assert "section.city + section.city { break-before: page;" in out
    assert "thead { display: table-header-group; }" in out


def test_chart_labels_have_room_in_english_and_long_ones_are_cut_with_their_whole_text_in_a_tooltip():
    from zhibiao.report.document import LABEL_MOST, fitted, radar, text_width

    long = "济南市历城区港沟街道办事处智慧城市示范区济南市历城区港沟街道办事处 2020"
    assert fitted(long).endswith("…") and text_width(fitted(long)) <= LABEL_MOST
    assert fitted("示例市0 2020") == "示例市0 2020"
    chart = radar([("Digital services for citizens", Decimal("10.6"), Decimal(20)),
                   ("Digital government", Decimal("6.4"), Decimal("14.5")),
                   ("Digital economy", Decimal("9.5"), Decimal("14.5"))])
    for spoke in chart.spokes:
        width = text_width(spoke.text)
        x = spoke.text_at[0]
        left = x - width if spoke.anchor == "end" else (x - width / 2 if spoke.anchor == "middle" else x)
        assert 0 <= left and left + width <= chart.width, spoke.text
