"""An empty set-up workbook to fill in, as `year import` and 'Opzet-werkmap inlezen…' read it (CLI.md, "Setup
workbook"): Schooljaar with its keys in column A and example values in B, and the header rows of Dienstverleners
and Besturen. Column C of Schooljaar explains each value; the importer reads only A and B."""
from __future__ import annotations

from pathlib import Path

from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from models.domain.allocation import Rounding
from models.domain.setup import usual_months

from .xlsxkit import BOLD, ITALIC, Column, data_sheet, new_workbook, save, text

YEAR_SHEET, PROVIDER_SHEET, BOARD_SHEET = "Schooljaar", "Dienstverleners", "Besturen"
PROVIDER_HEADERS = ("Naam", "Cluster", "Contracturen", "Reserve")
BOARD_HEADERS = ("Naam", "Percentage leerlingen", "Verdeling", "Minimum", "Contactpersoon", "E-mail")
WIDTHS = {"Naam": 32, "Contactpersoon": 24, "E-mail": 30}
GREY = Font(italic=True, color="666666")


def year_rows(label: str) -> list[tuple[str, str, str]]:
    """Key, example value and what it means, for the Schooljaar sheet."""
    first, last = usual_months(label)
    roundings = " of ".join(f"'{r.value}'" for r in Rounding)
    return [
        ("Schooljaar", label, "bijvoorbeeld 2016-2017"),
        ("Eerste maand", str(first), "de eerste budgetmaand als jaar-maand, bijvoorbeeld 2016-09"),
        ("Laatste maand", str(last), "de laatste budgetmaand, bijvoorbeeld 2017-07"),
        ("Afronding", Rounding.PER_CELL.value,
         f"{roundings}; leeg is 'per cel' (half naar boven per cel, de gepubliceerde tabel)"),
    ]


def write_setup_template(path: Path, label: str) -> Path:
    """Write the empty set-up workbook for school year `label` to `path` (atomically); returns the path."""
    wb = new_workbook(title=f"Opzet schooljaar {label}", author="SWV Uren",
                      subject="Dienstverleners, besturen en verdeling van een schooljaar, om in te lezen")
    ws = wb.active
    ws.title = YEAR_SHEET
    for number, (key, value, note) in enumerate(year_rows(label), start=1):
        text(ws.cell(number, 1), key).font = BOLD
        cell = text(ws.cell(number, 2), value)
        cell.number_format = "@"  # Excel keeps 2017-09 as typed, not as a date
        text(ws.cell(number, 3), note).font = GREY
    choice = DataValidation(type="list", formula1='"' + ",".join(r.value for r in Rounding) + '"', allow_blank=True)
    ws.add_data_validation(choice)
    choice.add("B4")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 80
    note = text(ws.cell(6, 3), "Vul de werkbladen Dienstverleners en Besturen in (hele uren; percentages met "
                               "hoogstens twee decimalen, elk opgeteld 100). Laat Verdeling bij alle besturen leeg "
                               "om het voorstel te gebruiken.")
    note.font = ITALIC
    for title, headers in ((PROVIDER_SHEET, PROVIDER_HEADERS), (BOARD_SHEET, BOARD_HEADERS)):
        sheet = wb.create_sheet(title)
        data_sheet(sheet, [Column(head, _blank, WIDTHS.get(head)) for head in headers], [])
    return save(wb, Path(path))


def _blank(cell: object, row: object) -> object:
    return cell
