"""The hour sheet a provider fills in, read back: the hours cells and the words it shares with the screen."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

import re

from exports.hour_sheet_xlsx import hour_sheet_file_name, write_hour_sheet
from models.domain import hour_sheet as layout
from models.domain.agreements import Kind
from models.domain.months import Month
from models.services.hour_sheets import HourSheetTemplate, TemplateRow


def _template() -> HourSheetTemplate:
    rows = tuple(TemplateRow(f"2016-00{i}", "KPO", "Basisschool De Regenboog", kind.label, "Begeleiding", Month(2016, 9))
                 for i, kind in enumerate(Kind, start=1))
    return HourSheetTemplate("2016-2017", "Kameleon", dt.date(2016, 10, 3), rows)


def test_hours_typed_in_show_as_typed(tmp_path: Path) -> None:
    """2 shows as 2 and 1,5 as 1,5 (a 0.00 format made it 2,00), as on screen."""
    path = write_hour_sheet(_template(), tmp_path / "lijst.xlsx")
    ws = openpyxl.load_workbook(path)[layout.HOURS_SHEET]
    column = layout.TEMPLATE_COLUMNS.index(layout.HOURS) + 1
    cells = [ws.cell(r, column) for r in range(2, ws.max_row + 1)]
    assert cells and all(c.value is None and c.number_format == "General" for c in cells)
    assert all(c.fill.fgColor.rgb.endswith("FFF2CC") for c in cells)  # still shaded: to fill in


def test_the_kind_reads_as_on_screen_and_in_every_export(tmp_path: Path) -> None:
    path = write_hour_sheet(_template(), tmp_path / "lijst.xlsx")
    ws = openpyxl.load_workbook(path)[layout.HOURS_SHEET]
    column = layout.TEMPLATE_COLUMNS.index(layout.KIND) + 1
    assert [ws.cell(r, column).value for r in range(2, ws.max_row + 1)] == [
        "Arrangement (leerling)", "Preventieve ondersteuning", "Coaching leerkracht", "Teamscholing"]


def _one_month() -> HourSheetTemplate:
    rows = (TemplateRow("2016-001", "KPO", "De Regenboog", "Coaching leerkracht", "Begeleiding", Month(2017, 3),
                        17 * 60 + 15, 120 * 60),
            TemplateRow("2016-002", "OBO", "De Klimop", "Coaching leerkracht", "Begeleiding", Month(2017, 3), 0, None))
    return HourSheetTemplate("2016-2017", "Kameleon", dt.date(2017, 4, 3), rows, Month(2017, 3))


def test_each_row_shows_what_is_left_as_the_workbooks_show_hours(tmp_path: Path) -> None:
    """Left on the agreement and in the month's budget + reserve: 17,25 and 120 as in every workbook, beside Uren."""
    ws = openpyxl.load_workbook(write_hour_sheet(_one_month(), tmp_path / "lijst.xlsx"))[layout.HOURS_SHEET]
    heads = [c.value for c in ws[1]]
    assert heads[6:9] == ["Nog over op overeenkomst", "Nog over in maand", "Uren"]
    agreement, month = ws.cell(2, 7), ws.cell(2, 8)
    assert (agreement.value, agreement.number_format) == (17.25, "#,##0.00")
    assert (month.value, month.number_format) == (120, "#,##0")
    assert (ws.cell(3, 7).value, ws.cell(3, 8).value) == (0, None)  # nothing left; not known: empty


def test_a_month_sheet_is_named_after_its_month_without_doubled_words(tmp_path: Path) -> None:
    template = _one_month()
    name = hour_sheet_file_name(template)
    assert name == "Urenlijst Kameleon maart 2017.xlsx"
    wb = openpyxl.load_workbook(write_hour_sheet(template, tmp_path / name))
    info = wb[layout.INFO_SHEET]
    assert [info.cell(4, c).value for c in (1, 2)] == ["Maand", "maart 2017"]
    shown = [wb.properties.title, wb.properties.subject, name, *wb.sheetnames,
             *(ws.oddHeader.left.text for ws in wb.worksheets)]
    assert wb.properties.title == "Urenlijst Kameleon maart 2017"
    assert [t for t in shown if re.search(r"\b(\w+) \1\b", t or "", re.IGNORECASE)] == []
    assert hour_sheet_file_name(HourSheetTemplate("2016-2017", "A/B", dt.date(2017, 4, 3), ())) == \
        "Urenlijst A-B 2016-2017.xlsx"
