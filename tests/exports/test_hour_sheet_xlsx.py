"""The hour sheet a provider fills in, read back: the hours cells and the words it shares with the screen."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from exports.hour_sheet_xlsx import write_hour_sheet
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
    column = layout.COLUMNS.index(layout.HOURS) + 1
    cells = [ws.cell(r, column) for r in range(2, ws.max_row + 1)]
    assert cells and all(c.value is None and c.number_format == "General" for c in cells)
    assert all(c.fill.fgColor.rgb.endswith("FFF2CC") for c in cells)  # still shaded: to fill in


def test_the_kind_reads_as_on_screen_and_in_every_export(tmp_path: Path) -> None:
    path = write_hour_sheet(_template(), tmp_path / "lijst.xlsx")
    ws = openpyxl.load_workbook(path)[layout.HOURS_SHEET]
    column = layout.COLUMNS.index(layout.KIND) + 1
    assert [ws.cell(r, column).value for r in range(2, ws.max_row + 1)] == [
        "Arrangement (leerling)", "Preventieve ondersteuning", "Coaching leerkracht", "Teamscholing"]
