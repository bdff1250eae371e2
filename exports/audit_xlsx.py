"""The logboek as a workbook: one row per change, with a header that stays in view and a filter.

Everything a user typed (descriptions, reasons, names) is written as text, never as a formula.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from models.domain import dutch

from .files import check_suffix
from .xlsxkit import ITALIC, TITLE, Column, data_sheet, new_workbook, print_setup, save, text, whole

if TYPE_CHECKING:  # plain rows from the logboek service; no database at run time
    from models.services.audit_log import AuditRow

SHEET = "Logboek"
MOMENT = "d-m-yyyy hh:mm:ss"
HEADER_ROW = 4


def moment(cell: Any, value: dt.datetime) -> Any:
    cell.value = value
    cell.number_format = MOMENT
    return cell


def changes_text(row: AuditRow) -> str:
    """'status: geregistreerd → bevestigd', one field a line."""
    lines = []
    for change in row.changes:
        if change.before and change.after:
            lines.append(f"{change.label}: {change.before} → {change.after}")
        elif change.after:
            lines.append(f"{change.label}: {change.after}")
        else:
            lines.append(f"{change.label}: {change.before} (gewist)" if row.action == "gewijzigd"
                         else f"{change.label}: {change.before}")
    return "\n".join(lines)


COLUMNS = [
    Column("Wanneer", lambda c, r: moment(c, r.at), width=19),
    Column("Wie", lambda c, r: text(c, r.user or "(onbekend)")),
    Column("Actie", lambda c, r: text(c, r.action)),
    Column("Soort", lambda c, r: text(c, r.entity)),
    Column("Samenvatting", lambda c, r: text(c, r.summary), width=70, wrap=True),
    Column("Wijzigingen (was → wordt)", lambda c, r: text(c, changes_text(r)), width=60, wrap=True),
    Column("Nr.", lambda c, r: whole(c, r.id), width=8),
]


def write_audit_xlsx(rows: Sequence[AuditRow], path: Path, *, shown: str = "", printed_on: dt.date | None = None,
                     author: str = "SWV Uren") -> Path:
    """Write the entries to `path` (.xlsx, atomically); `shown` says what they were filtered on."""
    path = Path(path)
    check_suffix(path, (".xlsx",))
    printed_on = printed_on or dt.date.today()
    wb = new_workbook(title="Logboek SWV Uren", author=author,
                      subject="Wijzigingen in de gegevens: wie, wanneer, wat")
    ws = wb.active
    ws.title = SHEET
    text(ws["A1"], "Logboek: wijzigingen in de gegevens").font = TITLE
    line = f"Afgedrukt op {dutch.date(printed_on)} · {len(rows)} wijziging{'en' if len(rows) != 1 else ''}"
    text(ws["A2"], f"{line} · {shown}" if shown else line).font = ITALIC
    data_sheet(ws, COLUMNS, rows, header_row=HEADER_ROW)
    print_setup(ws, left="Logboek", right=author)
    return save(wb, path)
