"""The hour sheet (urenlijst) a provider fills in: sheet Uren with one row per agreement and month,
the Uren column empty, and a small sheet Gegevens naming the provider and the school year.

The layout is models.domain.hour_sheet, the same the import reads. No pupil references: the rows
carry only what the provider already knows from the agreement.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from models.domain import dutch
from models.domain import hour_sheet as layout

from .files import safe_file_name
from .xlsxkit import (
    BOLD, HOURS_TO_FILL, ITALIC, WRAP, Column, data_sheet, hours, new_workbook, print_setup, save, text, to_bytes,
)

if TYPE_CHECKING:  # plain data from the hour sheets service; no database at run time
    from models.services.hour_sheets import HourSheetTemplate, TemplateRow

TO_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells the provider fills in stand out
TEXT_FORMAT = "@"
INSTRUCTIONS = (
    "Vul in kolom Uren per rij de gerealiseerde uren van die maand in, bijvoorbeeld 1,5 of 0,25 "
    "(hoogstens twee decimalen, hele minuten).",
    "Een rij met lege uren of 0 wordt overgeslagen. Typ getallen, geen formules.",
    "Meer dan één registratie in een maand? Kopieer de rij; de uren tellen op.",
    f"{layout.AGREEMENT_LEFT} en {layout.MONTH_LEFT} tonen hoeveel uur er over was toen de lijst werd gemaakt: "
    "op de overeenkomst, en in de maand voor dat bestuur (budget + reserve − gebruikt). Meer uren dan er in de "
    "maand over is? Vul ze toch in; het samenwerkingsverband beslist over reserve.",
    "Laat Overeenkomst en Maand staan zoals ze zijn; de urenlijst wordt in zijn geheel ingelezen of "
    "helemaal niet, met per rij wat er niet klopt.",
    "Verberg geen werkbladen en wijzig de namen van de werkbladen en de kolommen niet.",
)


def _put(attribute: str) -> Any:
    return lambda cell, row: text(cell, getattr(row, attribute))


def _month(cell: Any, row: TemplateRow) -> Any:
    """YYYY-MM as text, so Excel does not turn it into a date of its own making."""
    cell.value = str(row.month)
    cell.data_type = "s"
    cell.number_format = TEXT_FORMAT
    return cell


def _left(attribute: str) -> Any:
    """Hours left when the sheet was made (17,25 / 120), as every workbook shows hours; empty when not known."""
    def put(cell: Any, row: TemplateRow) -> Any:
        minutes = getattr(row, attribute)
        return cell if minutes is None else hours(cell, minutes)
    return put


def _empty(number_format: str, fill: PatternFill | None = None) -> Any:
    """A cell for the provider to fill in."""
    def put(cell: Any, row: TemplateRow) -> Any:
        cell.number_format = number_format
        if fill is not None:
            cell.fill = fill
        return cell
    return put


COLUMNS = (
    Column(layout.AGREEMENT, _put("agreement")),
    Column(layout.BOARD, _put("board")),
    Column(layout.SCHOOL, _put("school")),
    Column(layout.KIND, _put("kind")),
    Column(layout.DESCRIPTION, _put("description"), width=44, wrap=True),
    Column(layout.MONTH, _month, width=10),
    Column(layout.AGREEMENT_LEFT, _left("agreement_left"), width=13),
    Column(layout.MONTH_LEFT, _left("month_left"), width=11),
    Column(layout.HOURS, _empty(HOURS_TO_FILL, TO_FILL), width=9),
    Column(layout.NOTE, _empty(TEXT_FORMAT), width=32),
)
assert tuple(c.head for c in COLUMNS) == layout.TEMPLATE_COLUMNS


def write_hour_sheet(template: HourSheetTemplate, path: Path) -> Path:
    """Write the template to `path` (atomically: a temporary name, then one move); returns the path."""
    return save(hour_sheet_workbook(template), Path(path))


def hour_sheet_bytes(template: HourSheetTemplate) -> bytes:
    """The same workbook as `write_hour_sheet` writes, as bytes (the attachment of a request for hours)."""
    return to_bytes(hour_sheet_workbook(template))


def hour_sheet_workbook(template: HourSheetTemplate) -> Any:
    subject = _subject(template)
    wb = new_workbook(title=f"Urenlijst {subject}", author="SWV Uren",
                      subject=f"Gerealiseerde uren van {template.provider}, schooljaar {template.year}"
                              + (f", {template.month.label}" if template.month else ""))
    hours_ws = wb.active
    hours_ws.title = layout.HOURS_SHEET
    data_sheet(hours_ws, COLUMNS, template.rows)
    _validation(hours_ws)
    print_setup(hours_ws, left=f"Urenlijst {subject}", right=f"gemaakt op {dutch.date(template.made_on)}")
    _info(wb.create_sheet(layout.INFO_SHEET), template)
    wb.active = 0
    return wb


def hour_sheet_file_name(template: HourSheetTemplate) -> str:
    """'Urenlijst Kameleon maart 2017.xlsx', with characters unfit for a file name made '-'."""
    return safe_file_name(f"Urenlijst {_subject(template)}") + ".xlsx"


def _subject(template: HourSheetTemplate) -> str:
    """'Kameleon maart 2017' for one month's sheet, 'Kameleon 2016-2017' for the year's."""
    return f"{template.provider} {template.month.label if template.month else template.year}"


def _validation(ws: Any) -> None:
    """Excel itself refuses text and negative numbers in the Uren column, also in rows added later."""
    column = layout.TEMPLATE_COLUMNS.index(layout.HOURS) + 1
    letter = ws.cell(1, column).column_letter
    rule = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, errorStyle="stop", errorTitle="Uren",
        error="Vul een getal van 0 of meer in, met hoogstens twee decimalen, bijvoorbeeld 1,5 of 0,25.",
        showInputMessage=True, promptTitle="Uren",
        prompt="Gerealiseerde uren in deze maand, bijvoorbeeld 1,5. Leeg of 0: de rij wordt overgeslagen.")
    rule.add(f"{letter}2:{letter}{layout.MAX_ROWS + 1}")
    ws.add_data_validation(rule)


def _info(ws: Any, template: HourSheetTemplate) -> None:
    for r, (key, value) in enumerate(((layout.INFO_PROVIDER, template.provider),
                                      (layout.INFO_YEAR, template.year),
                                      (layout.INFO_MADE_ON, dutch.date(template.made_on)),
                                      *([(layout.MONTH, template.month.label)] if template.month else [])), start=1):
        ws.cell(r, 1, key).font = BOLD
        text(ws.cell(r, 2), value)
    ws.cell(5, 1, "Zo vult u de urenlijst in").font = BOLD
    for r, line in enumerate(INSTRUCTIONS, start=6):
        cell = ws.cell(r, 1, f"• {line}")
        cell.font = ITALIC
        cell.alignment = WRAP
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        ws.row_dimensions[r].height = 30
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 70
    print_setup(ws, left=f"Urenlijst {_subject(template)}", right=layout.INFO_SHEET)
