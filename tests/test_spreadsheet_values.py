"""Values as spreadsheets write them: thousands separators, a unit after the
number, cells shown as percents, and text in the encodings Excel saves."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhibiao.data.cells import Cell
from zhibiao.data.csv_table import csv_rows
from zhibiao.data.encoding import table_text
from zhibiao.data.tables import cell_value
from zhibiao.errors import DataError, Location
from zhibiao.language.types import COUNT, PERCENT, BadValue, VType, coerce

MBITS = VType("number", unit="Mbit/s")
WAN_YUAN = VType("number", unit="万元")
PER_10K = VType("number", unit="件/万人")
HERE = Location("cities.xlsx", 7, 3, "数据")

amounts = st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False)
whole = st.integers(min_value=0, max_value=10**15)


@given(whole)
def test_a_count_with_thousands_separators_is_the_count(n):
    assert coerce(COUNT, f"{n:,}") == n


@given(amounts)
def test_a_number_with_thousands_separators_is_the_number(x):
    assert coerce(WAN_YUAN, f"{x:,}") == x


@given(st.decimals(min_value=0, max_value=100000, places=1, allow_nan=False, allow_infinity=False))
def test_a_percent_with_thousands_separators_is_the_percent(x):
    assert coerce(PERCENT, f"{x:,}%") == x / 100


@given(st.decimals(min_value=Decimal("1e11"), max_value=Decimal("1e15"), places=0, allow_nan=False, allow_infinity=False))
def test_a_large_number_as_excel_shows_it_is_the_number(x):
    shown = f"{x:.1E}"  # 1.2E+11: what "General" shows past 11 digits
    assert coerce(WAN_YUAN, shown) == Decimal(shown)


@given(amounts, st.sampled_from([MBITS, WAN_YUAN, PER_10K]), st.sampled_from(["", " ", "\u3000"]))
def test_a_number_followed_by_its_own_unit_is_the_number(x, vtype, space):
    assert coerce(vtype, f"{x}{space}{vtype.unit}") == x


@given(amounts)
def test_a_unit_is_read_whatever_its_case(x):
    assert coerce(MBITS, f"{x}MBIT/S") == x


@pytest.mark.parametrize(("vtype", "text"), [
    (MBITS, "30km"),  # another unit
    (MBITS, "30 万元"),
    (WAN_YUAN, "5000元"),  # not the input's unit: 元 is not 万元
    (COUNT, "30Mbit/s"),  # a count has no unit
    (MBITS, "Mbit/s"),  # a unit alone
    (WAN_YUAN, "1,5"),  # a decimal comma is not a thousands separator
    (WAN_YUAN, "10,01"),
    (WAN_YUAN, "1,0000"),
    (COUNT, ",100"),
])
def test_anything_else_is_refused_as_before(vtype, text):
    with pytest.raises(BadValue):
        coerce(vtype, text)


@given(st.text(max_size=20), st.sampled_from([MBITS, WAN_YUAN, PER_10K, COUNT, PERCENT]))
def test_any_text_is_a_value_or_refused_never_a_crash(text, vtype):
    try:
        value = coerce(vtype, text)
    except BadValue:
        return
    assert isinstance(value, Decimal)


@given(st.floats(min_value=0, max_value=10, allow_nan=False).map(lambda f: round(f, 6)))
def test_a_cell_shown_as_a_percent_is_the_percent_it_shows(fraction):
    raw = cell_value(Cell(fraction, HERE, percent=True))
    assert coerce(PERCENT, raw) == Decimal(repr(fraction))


@given(st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda f: round(f, 4)))
def test_a_number_cell_not_shown_as_a_percent_is_read_as_typed(number):
    assert coerce(PERCENT, cell_value(Cell(number, HERE))) == Decimal(repr(number)) / 100


def test_a_typed_yes_no_and_a_dropdown_choice_are_answers():
    assert coerce(VType("bool"), cell_value(Cell(True, HERE))) is True
    assert coerce(VType("bool"), cell_value(Cell(" 否 ", HERE))) is False


# -- encodings -------------------------------------------------------------------
chinese = st.text(alphabet=st.sampled_from("城市名称统计年度电子证照使用率，。（）“”、％示例甲乙丙丁abc 0123456789,.%\n"), max_size=60)


@given(chinese)
def test_gbk_text_reads_as_the_text(text):
    assert table_text(text.encode("gbk"), HERE) == text


@given(chinese)
def test_utf8_text_with_or_without_a_byte_order_mark_reads_as_the_text(text):
    assert table_text(text.encode("utf-8"), HERE) == text
    assert table_text(text.encode("utf-8-sig"), HERE) == text


@pytest.mark.parametrize(("raw", "text"), [
    ("示例市".encode("gbk"), "示例市"),  # valid UTF-8 too ("示" is "ʾ"), but not Chinese
    ("示".encode("gbk"), "示"),
    ("济南 Jǐnán".encode(), "济南 Jǐnán"),  # a tone mark beside Chinese characters: UTF-8
    ("30 km²,1.5°".encode(), "30 km²,1.5°"),  # symbols a table writes
    ("Café".encode(), "Café"),
    ("PM2.5 浓度（μg），电阻（Ω）".encode("gbk"), "PM2.5 浓度（μg），电阻（Ω）"),  # Greek letters GBK holds
    ("μg".encode("gbk"), "μg"),
])
def test_bytes_that_read_as_both_are_read_as_what_a_table_of_chinese_data_holds(raw, text):
    assert table_text(raw, HERE) == text


@pytest.mark.parametrize("raw", [
    "Café,Größe\n".encode("cp1252"),  # é, then a comma: no GB18030 character
    "城市".encode("utf-16"),
    b"\x80abc",
    b"entity\x00",
])
def test_other_bytes_are_refused_with_how_to_save_the_file(raw):
    with pytest.raises(DataError) as caught:
        table_text(raw, Location("cities.csv"))
    assert caught.value.problems[0].code == "table_encoding"


# -- CSV cells and their places ------------------------------------------------------
cell_text = st.text(alphabet=st.sampled_from('ab甲乙 ,"\n.%0'), max_size=6)


@given(st.lists(st.lists(cell_text, min_size=1, max_size=4), min_size=1, max_size=5))
def test_each_csv_cell_comes_back_with_its_line_and_column(grid):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    starts = []
    for row in grid:
        starts.append(out.getvalue().count("\n") + 1)
        writer.writerow(row)
    read = list(csv_rows(out.getvalue(), "t.csv"))
    assert [[c.value for c in row] for row in read] == grid
    assert [[c.where for c in row] for row in read] == [
        [Location("t.csv", line, column) for column in range(1, len(row) + 1)] for line, row in zip(starts, grid)]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_csv_file_may_separate_its_cells_with_semicolons_or_tabs(separator):
    text = separator.join(["entity", "L1P1.e_license_rate", "L1P2.employment_channels"]) + "\n" + separator.join(["甲市", "85,5", "3"])
    assert [[c.value for c in row] for row in csv_rows(text, "t.csv")] == [
        ["entity", "L1P1.e_license_rate", "L1P2.employment_channels"], ["甲市", "85,5", "3"]]
