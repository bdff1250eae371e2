"""The report library (Verslagen) as a workbook: one row per received report, with its question, network,
theme, schools, executors, date and file. Plain data from services.report_library; no database, no Qt."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from models.domain import dutch

from .xlsxkit import ITALIC, Column, data_sheet, date, new_workbook, print_setup, save, text, whole

if TYPE_CHECKING:
    from models.services.report_library import LibraryEntry

TITLE = "Verslagen"
EMPTY = "Er zijn nog geen verslagen in de bibliotheek."


def write_library_xlsx(entries: Sequence[LibraryEntry], path: Path, *, swv_name: str, shown: str,
                       printed_on: dt.date) -> Path:
    """`shown` says what the list is filtered on (e.g. 'thema Gedrag · zoekterm plusklas')."""
    wb = new_workbook(title=TITLE, author=swv_name, subject=f"Verslagen van ondersteuningsvragen: {shown}")
    ws = wb.active
    ws.title = TITLE
    columns = [
        Column("Schooljaar", lambda c, e: text(c, e.year)),
        Column("Nummer", lambda c, e: text(c, e.number)),
        Column("Ondersteuningsvraag", lambda c, e: text(c, e.question_title), width=34, wrap=True),
        Column("Verslag", lambda c, e: text(c, e.report_title), width=30, wrap=True),
        Column("Regionaal netwerk", lambda c, e: text(c, e.network)),
        Column("Thema", lambda c, e: text(c, e.theme)),
        Column("Scholen (bestuur, soort)", lambda c, e: text(c, "\n".join(e.schools)), width=34, wrap=True),
        Column("Uitvoerders", lambda c, e: text(c, "\n".join(e.executors)), width=34, wrap=True),
        Column("Ontvangen", lambda c, e: date(c, e.received_on), width=11),
        Column("Bestand", lambda c, e: text(c, e.file_name), width=26, wrap=True),
        Column("Soort", lambda c, e: text(c, e.kind)),
        Column("Versie", lambda c, e: whole(c, e.version)),
        Column("Passage", lambda c, e: text(c, e.passage), width=50, wrap=True),
    ]
    data_sheet(ws, columns, list(entries), header_row=3)
    text(ws["A1"], f"{TITLE} · {shown} · afgedrukt op {dutch.date(printed_on)}").font = ITALIC
    if not entries:
        text(ws["A2"], EMPTY).font = ITALIC
    print_setup(ws, left=TITLE, right=swv_name)
    return save(wb, Path(path))
