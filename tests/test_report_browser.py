"""The HTML report in a real browser (Debian's chromium, headless): the
charts take room on the page, the page logs no error, it prints to PDF, and
a screenshot is kept.

Skipped only where chromium is missing and this is not CI; under CI
(``CI=true``) a missing browser is a failure, since ``.ci/run`` installs it.
Screenshots go to the test's temporary folder, and with
``ZHIBIAO_SCREENSHOTS=FOLDER`` also there (``docs/`` for the README's).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser import Page, chromium
from tests.conftest import FIXTURES, SAMPLES
from zhibiao.cli import main

if chromium() is None:
    if os.environ.get("CI", "").lower() == "true":
        raise RuntimeError("chromium is missing under CI: .ci/run installs it (apt-get install chromium fonts-noto-cjk)")
    pytest.skip("chromium is not installed (apt-get install chromium fonts-noto-cjk); CI runs this test", allow_module_level=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    html = folder / "report.html"
    code = main(["report", str(SAMPLES / "sample-city-0.yaml"), str(FIXTURES / "report" / "harbour-2019.yaml"),
                 str(FIXTURES / "report" / "harbour-2020.yaml"), "--target", "70", "-o", str(html)])
    assert code == 0
    with Page(html, width=1000, height=1400) as opened:
        opened.folder = folder  # type: ignore[attr-defined]
        yield opened


def keep(page, name: str, data: bytes, screenshot: bool = False) -> Path:
    path = page.folder / name
    path.write_bytes(data)
    extra = os.environ.get("ZHIBIAO_SCREENSHOTS")
    if extra and screenshot:
        Path(extra).mkdir(parents=True, exist_ok=True)
        (Path(extra) / name).write_bytes(data)
    return path


def test_every_chart_has_a_size_on_the_page(page):
    sizes = page.evaluate("[...document.querySelectorAll('svg.chart')].map(s => { const r = s.getBoundingClientRect(); "
                          "return [s.getAttribute('class'), r.width, r.height]; })")
    assert [c for c, _, _ in sizes] == ["chart bars"] + ["chart radar", "chart bars"] * 3
    assert all(w > 100 and h > 40 for _, w, h in sizes), sizes


def test_the_radar_is_drawn_inside_its_chart(page):
    inside = page.evaluate("[...document.querySelectorAll('svg.radar')].every(s => { const box = s.getBoundingClientRect(); "
                           "return [...s.querySelectorAll('text, polygon')].every(e => { const r = e.getBoundingClientRect(); "
                           "return r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1; }); })")
    assert inside is True


def test_the_page_logs_no_error(page):
    assert page.console_errors() == []


def test_chinese_is_drawn_with_a_cjk_font(page):
    # A missing CJK font draws boxes of one width; a CJK font draws 指标 twice as wide as "ab".
    ratio = page.evaluate("(() => { const c = document.createElement('canvas').getContext('2d'); "
                          "c.font = '20px ' + getComputedStyle(document.body).fontFamily; "
                          "return c.measureText('指标').width / c.measureText('ab').width; })()")
    assert 1.5 < ratio < 3.5


def test_each_city_starts_a_printed_page(page):
    breaks = page.evaluate("[...document.querySelectorAll('section.city')].map(s => getComputedStyle(s).breakBefore)")
    assert breaks == ["page", "page", "page"]


def test_it_prints_to_pdf(page):
    pdf = page.pdf()
    keep(page, "report.pdf", pdf)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 4  # the ranking, then at least a page per city


def test_a_screenshot_is_kept(page):
    shot = page.screenshot(full_page=False)
    path = keep(page, "report-screenshot.png", shot, screenshot=True)
    assert shot.startswith(b"\x89PNG") and path.stat().st_size > 10_000
