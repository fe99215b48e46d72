"""Blank data sheets with a row per city: an Excel workbook evaluators fill
in, and the same layout as CSV.

The workbook's data sheet has a column per input, headed by its code
(``L1P4.bus_realtime_rate``, what ``tables`` reads) and below it its label
and unit; every input cell below checks what is typed (a number in the
input's range, a whole number, or a choice from a dropdown), the headings
stay in view when scrolling, and an instructions sheet tells what each
column is. Percents are written as the label says, 85 for 85 %; a cell the
spreadsheet turns into a percent (85% typed) is read as the percent it
shows. Filled in, the workbook, or the CSV a spreadsheet saves from it,
evaluates directly.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal
from typing import Any

from zhibiao.data.sheet import column_label, range_text, unit_text
from zhibiao.language.types import format_decimal
from zhibiao.ruleset.model import Edition, Indicator, InputSpec
from zhibiao.words import N_, P_, Joined, say
from zhibiao.words.messages import message
from zhibiao.words.terms import YES_NO

FIRST_ROW = 3  # below the codes and the labels
LAST_ROW = 1_048_576  # the last row of a sheet: checks reach every row a city may take
TOP = ("entity", "period")
LIST_LIMIT = 255  # characters of a dropdown's choices, commas included, Excel takes


def columns(edition: Edition) -> list[tuple[Indicator, str, InputSpec]]:
    """Every input of the edition, in the order of the rules."""
    return [(ind, name, spec) for ind in edition.indicators.values() for name, spec in ind.inputs.items()]


def heading_rows(edition: Edition, lang: str) -> tuple[list[str], list[str]]:
    """The two heading rows of a wide sheet: the codes, and the labels."""
    inputs = columns(edition)
    codes = [*TOP, *(f"{ind.id}.{name}" for ind, name, _ in inputs)]
    labels = [message("sheet_entity", lang), message("sheet_period", lang), *(column_label(spec, lang) for _, _, spec in inputs)]
    return codes, labels


def wide_csv_sheet(edition: Edition, lang: str = "zh") -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(heading_rows(edition, lang))
    return out.getvalue()


def choices(spec: InputSpec, lang: str) -> list[str]:
    """What a dropdown offers: yes and no, or an enum's values by their
    labels in ``lang`` (both read back by ``types.coerce``)."""
    if spec.kind == "bool":
        return [say(lang, YES_NO[True]), say(lang, YES_NO[False])]
    return [spec.vtype.label(v).text(lang) for v in spec.vtype.values]


def xlsx_sheet(edition: Edition, lang: str = "zh") -> bytes:
    from openpyxl import Workbook  # only when a workbook is written: it takes a while to import

    book = Workbook()
    data = book.active
    data.title = say(lang, P_("sheet", "Data"))
    _data_sheet(data, edition, lang)
    _instructions(book.create_sheet(say(lang, P_("sheet", "Instructions"))), edition, lang)
    book.properties.title = f"{edition.code} {edition.titles(lang)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _data_sheet(sheet: Any, edition: Edition, lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    codes, labels = heading_rows(edition, lang)
    sheet.append(codes)
    sheet.append(labels)
    bold = Font(bold=True)
    shade = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = shade
    for cell in sheet[2]:
        cell.alignment = wrap
        cell.fill = shade
    sheet.row_dimensions[2].height = 75
    sheet.freeze_panes = sheet.cell(FIRST_ROW, len(TOP) + 1).coordinate
    for index, (code, label) in enumerate(zip(codes, labels), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(code, label)
    for index, (_, _, spec) in enumerate(columns(edition), start=len(TOP) + 1):
        letter = get_column_letter(index)
        check = _validation(spec, lang)
        if check is not None:
            check.add(f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}")
            sheet.add_data_validation(check)


def _width(code: str, label: str) -> float:
    """Wide enough for the code, and for the label over about three lines."""
    return float(max(10, min(32, max(len(code) + 2, _display_width(label) // 3 + 2))))


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _validation(spec: InputSpec, lang: str) -> Any | None:
    """The check of an input's cells: a dropdown, or a number within the
    input's range as its label writes it (85 for 85 %)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    allowed = range_text(spec, "%" if spec.kind == "percent" else "", lang)
    title = _cut(spec.labels().text(lang), 32)
    if spec.kind in ("bool", "enum"):
        offered = choices(spec, lang)
        listed = ",".join(offered)
        if len(listed) > LIST_LIMIT or any("," in o or '"' in o for o in offered):
            return None  # Excel cannot offer these in a dropdown; the instructions sheet lists them
        check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
        check.error = _cut(message("sheet_choices", lang, values=Joined(tuple(offered))), 255)
    else:
        lo, hi = spec.minimum, spec.maximum
        if lo is None and spec.kind == "count":
            lo = Decimal(0)
        if lo is None and spec.kind == "rank":
            lo = Decimal(1)
        kind = "whole" if spec.kind in ("count", "rank") else "decimal"
        if lo is not None and hi is not None:
            check = DataValidation(type=kind, operator="between", formula1=_number(lo), formula2=_number(hi), allow_blank=True)
        elif lo is not None:
            operator = "greaterThan" if spec.exclusive_min else "greaterThanOrEqual"
            check = DataValidation(type=kind, operator=operator, formula1=_number(lo), allow_blank=True)
        elif hi is not None:
            check = DataValidation(type=kind, operator="lessThanOrEqual", formula1=_number(hi), allow_blank=True)
        else:
            check = DataValidation(type=kind, operator="between", formula1="-1E+307", formula2="1E+307", allow_blank=True)
        check.error = _cut(message("sheet_range", lang, range=allowed) if allowed else spec.vtype.describe().text(lang), 255)
    check.errorTitle = title
    check.promptTitle = title
    check.prompt = _cut(_prompt(spec, allowed, lang), 255)
    check.showErrorMessage = True
    check.showInputMessage = True
    return check


def _prompt(spec: InputSpec, allowed: str, lang: str) -> str:
    parts = [spec.vtype.describe().text(lang)]
    if allowed and spec.kind not in ("bool", "enum"):
        parts.append(message("sheet_range", lang, range=allowed))
    if spec.kind == "percent":
        parts.append(message("sheet_percent", lang))
    return say(lang, P_("separator", "; ")).join(parts)


def _number(value: Decimal) -> str:
    return format_decimal(value, 10)


def _cut(text: str, limit: int) -> str:
    # Excel refuses a workbook whose check titles or messages are longer.
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _instructions(sheet: Any, edition: Edition, lang: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append([message("sheet_title", lang, standard=edition.code, title=edition.titles(lang))])
    sheet["A1"].font = Font(bold=True, size=13)
    for msgid in (N_("Fill in the sheet %(sheet)s: one row per city, from row 3 on; rows 1 and 2 name the columns "
                     "and must stay as they are."),
                  N_("Leave a cell blank when its value is not known: that indicator is then not assessed."),
                  N_("Percents are written as the label says: 85 for 85 %%, or 85%%."),
                  N_("Then run: zhibiao evaluate THIS_FILE.xlsx (or save the sheet as CSV UTF-8 and evaluate that).")):
        sheet.append([say(lang, msgid, sheet=say(lang, P_("sheet", "Data")))])
    sheet.append([])
    heading = [say(lang, word) for word in (
        N_("Column"), N_("Code"), N_("Indicator"), N_("Category"), N_("What to write"), P_("column", "Type"),
        N_("Unit"), N_("Allowed values"), N_("Notes"))]
    sheet.append(heading)
    head_row = sheet.max_row
    for cell in sheet[head_row]:
        cell.font = Font(bold=True)
    sheet.append([get_column_letter(1), "entity", "", "", message("sheet_entity", lang), "", "", "", ""])
    sheet.append([get_column_letter(2), "period", "", "", message("sheet_period", lang), "", "", "", ""])
    for index, (ind, name, spec) in enumerate(columns(edition), start=len(TOP) + 1):
        category = edition.categories.get(ind.category)
        notes = [message("sheet_deduction", lang)] if ind.is_deduction else []
        if spec.description:
            notes.append(spec.description)
        sheet.append([
            get_column_letter(index),
            f"{ind.id}.{name}",
            f"{ind.id} {ind.names(lang)}",
            f"{category.id} {category.names(lang)}" if category is not None else ind.category,
            spec.labels().text(lang),
            spec.vtype.describe().text(lang),
            unit_text(spec),
            _allowed(spec, lang),
            " ".join(notes),
        ])
    for letter, width in zip("ABCDEFGHI", (8, 36, 30, 22, 44, 16, 10, 24, 60)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=head_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(head_row + 1, 1).coordinate


def _allowed(spec: InputSpec, lang: str) -> str:
    if spec.kind in ("bool", "enum"):
        return " / ".join(choices(spec, lang))
    return range_text(spec, "%" if spec.kind == "percent" else "", lang)

