"""The expertise directory ("Gouden Gids") as a workbook: one sheet, Deskundigen, with a column
per field, the header in view and an autofilter, so the secretariat can sort and filter in Excel.
User text is never a formula (xlsxkit.text); a phone number stays text as typed.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .xlsxkit import Column, data_sheet, new_workbook, print_setup, save, text

if TYPE_CHECKING:  # plain data from the innovation report service; no database at run time
    from models.services.innovation_report import DirectoryReport

SHEET = "Deskundigen"
TITLE = "Gouden Gids"

COLUMNS = [
    Column("Naam", lambda c, e: text(c, e.name)),
    Column("Persoon of organisatie", lambda c, e: text(c, "organisatie" if e.is_organisation else "persoon")),
    Column("Organisatie", lambda c, e: text(c, e.organisation)),
    Column("Soort", lambda c, e: text(c, e.kind)),
    Column("Expertisegebieden", lambda c, e: text(c, ", ".join(e.areas)), width=36, wrap=True),
    Column("Aangetoond met", lambda c, e: text(c, e.evidence)),
    Column("Toelichting", lambda c, e: text(c, e.evidence_note), width=36, wrap=True),
    Column("Contactpersoon", lambda c, e: text(c, e.contact_person)),
    Column("E-mail", lambda c, e: text(c, e.email)),
    Column("Telefoon", lambda c, e: text(c, e.phone)),
    Column("Plaats", lambda c, e: text(c, e.place)),
    Column("Actief", lambda c, e: text(c, "ja" if e.active else "nee")),
]


def write_directory_xlsx(report: DirectoryReport, path: Path) -> Path:
    """Write the directory workbook to `path` (atomically); returns the path."""
    wb = new_workbook(title=f"{TITLE}: expertise in {report.swv_name}", author=report.swv_name,
                      subject="Deskundigen en organisaties met hun expertise")
    ws = wb.active
    ws.title = SHEET
    data_sheet(ws, COLUMNS, list(report.entries))
    print_setup(ws, left=f"{TITLE} · {SHEET}", right=report.swv_name)
    return save(wb, Path(path))
