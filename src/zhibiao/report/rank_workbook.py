"""A ranking of cities as an Excel workbook: a sheet of the cities, scores
as numbers with a colour scale, and a sheet of the indicators.

openpyxl is imported only here, when a workbook is asked for, so that the
other commands start without it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from zhibiao.report.rank_terms import RankTerms
from zhibiao.words import N_

SCORE_FORMAT = "General"  # 100, 52.1, 14.5, 0.75 as written (a fixed "0.0#" shows 100.0)
COUNT_FORMAT = "0"
# Red for the lowest of a column, yellow at its middle, green for the highest.
LOW, MIDDLE, HIGH = "F8696B", "FFEB84", "63BE7B"


def _text(cell: Any, value: str) -> None:
    """Text stays text: openpyxl would take a name beginning with "=" from a
    data file for a formula and have the spreadsheet run it."""
    cell.value = value
    cell.data_type = "s"


def _heads(sheet: Any, heads: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for column, head in enumerate(heads, start=1):
        cell = sheet.cell(row=1, column=column)
        _text(cell, head)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", start_color="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _widths(sheet: Any, widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

    for column, size in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size


def _colour_scale(sheet: Any, column: int, rows: int) -> None:
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter

    if rows < 1:
        return
    letter = get_column_letter(column)
    sheet.conditional_formatting.add(f"{letter}2:{letter}{rows + 1}", ColorScaleRule(
        start_type="min", start_color=LOW, mid_type="percentile", mid_value=50, mid_color=MIDDLE,
        end_type="max", end_color=HIGH))


def _cities(sheet: Any, t: RankTerms) -> None:
    categories = list(t.edition.categories.values())
    heads = t.city_head()
    # The category columns say the category's name and maximum, not only its id.
    first_category = 5
    heads[first_category:first_category + len(categories)] = t.categories()
    _heads(sheet, heads)
    for row, ranked in enumerate(t.cities, start=2):
        c = ranked.city
        numbers: list[tuple[int | Decimal, str]] = [(c.total, SCORE_FORMAT), (c.deduction, SCORE_FORMAT)]
        numbers += [(s.score, SCORE_FORMAT) for s in c.categories]
        numbers += [(c.stars[level], COUNT_FORMAT) for level in t.levels]
        numbers += [(c.not_assessed, COUNT_FORMAT)]
        sheet.cell(row=row, column=1, value=ranked.rank).number_format = COUNT_FORMAT
        _text(sheet.cell(row=row, column=2), c.entity)
        _text(sheet.cell(row=row, column=3), c.period or "")
        for column, (value, fmt) in enumerate(numbers, start=4):
            sheet.cell(row=row, column=column, value=value).number_format = fmt
    # Total and each category: green the best of the column, red the worst.
    for column in [4] + [first_category + 1 + i for i in range(len(categories))]:
        _colour_scale(sheet, column, len(t.cities))
    sheet.freeze_panes = "C2"  # the heads, the rank and the entity stay in view
    _widths(sheet, [6, 24, 10, 9, 9] + [12] * len(categories) + [5] * len(t.levels) + [8])


def _indicators(sheet: Any, t: RankTerms) -> None:
    heads = t.indicator_head()
    # The name beside the id, where a spreadsheet reader looks for it.
    heads = heads[:1] + heads[-1:] + heads[1:-1]
    _heads(sheet, heads)
    for row, tally in enumerate(t.tallies, start=2):
        ind = tally.indicator
        _text(sheet.cell(row=row, column=1), ind.id)
        _text(sheet.cell(row=row, column=2), t.name(tally))
        column = 3
        if not ind.is_deduction:
            for i, level in enumerate(t.levels):
                sheet.cell(row=row, column=column + i, value=tally.stars[level]).number_format = COUNT_FORMAT
        column += len(t.levels)
        sheet.cell(row=row, column=column, value=tally.not_assessed).number_format = COUNT_FORMAT
        sheet.cell(row=row, column=column + 1, value=tally.points_lost).number_format = SCORE_FORMAT
    sheet.freeze_panes = "C2"
    _widths(sheet, [8, 40] + [5] * len(t.levels) + [8, 10])


def rank_workbook(t: RankTerms) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    cities = book.active
    cities.title = t.say(N_("Cities"))
    _cities(cities, t)
    _indicators(book.create_sheet(t.say(N_("Indicators"))), t)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
