"""The workbook for one school board: Samenvatting, Per maand, Overeenkomsten.

Only that board's data goes in: `BoardReport` carries nothing of other boards, sheet names are
fixed words, and the document properties name only this board and the SWV.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from openpyxl import Workbook

from models.domain import dutch
from models.domain.months import status_word

from .files import board_file_name, make_folder, unique_file_names
from .xlsxkit import (
    ITALIC, TITLE, Column, data_sheet, date, figure_columns, figure_totals, hours, month, month_columns, new_workbook,
    print_setup, save, text, to_bytes, total_row,
)

if TYPE_CHECKING:  # plain data from the reports service; no database at run time
    from models.services.reports import BoardReport

SHEETS = ("Samenvatting", "Per maand", "Overeenkomsten")
EXPLANATION = ("Benutting = gebruikt ÷ (jaaruren + reserve toegekend). Uren die in een maand niet worden "
               "gebruikt, vervallen aan het eind van die maand; ze gaan niet mee naar een latere maand.")


def write_board_xlsx(report: BoardReport, path: Path) -> Path:
    """Write one board's workbook to `path` (atomically); returns the path."""
    return save(board_workbook(report), Path(path))


def board_xlsx_bytes(report: BoardReport) -> bytes:
    """The same workbook as `write_board_xlsx` writes, as bytes (the attachment of the board's update)."""
    return to_bytes(board_workbook(report))


def board_workbook(report: BoardReport) -> Workbook:
    subject = f"{report.board} {report.year}"
    wb = new_workbook(title=f"Expertise-uren {subject}", author=report.swv_name,
                      subject=f"Gebruik van de expertise-uren door {report.board}, schooljaar {report.year}")
    summary = wb.active
    summary.title = SHEETS[0]
    _summary(summary, report)
    _months(wb.create_sheet(SHEETS[1]), report)
    _agreements(wb.create_sheet(SHEETS[2]), report)
    for ws in wb.worksheets:
        print_setup(ws, left=f"{subject} · {ws.title}", right=report.swv_name)
    return wb


def write_board_workbooks(reports: Sequence[BoardReport], folder: Path,
                          progress: Callable[[int, int, str], bool] | None = None) -> list[Path]:
    """One workbook per board in `folder` (created when needed); existing files are replaced.

    Two boards that would get the same file name are refused before anything is written.
    `progress(done, total, board)` is called before each file; when it returns False the export
    stops there: the files written so far are complete, none is left half-written.
    """
    folder = Path(folder)
    names = [board_file_name(r.board, r.year) for r in reports]
    unique_file_names([r.board for r in reports], names)
    make_folder(folder)
    written = []
    for i, (report, name) in enumerate(zip(reports, names)):
        if progress is not None and progress(i, len(reports), report.board) is False:
            break
        written.append(write_board_xlsx(report, folder / name))
    return written


def _summary(ws, report: BoardReport) -> None:  # type: ignore[no-untyped-def]
    text(ws["A1"], f"Expertise-uren {report.board}, schooljaar {report.year}").font = TITLE
    line = f"{report.swv_name} · afgedrukt op {dutch.date(report.printed_on)} · {status_word(report.final)}"
    if report.is_demo:
        line += " · demogegevens (verzonnen)"
    text(ws["A2"], line)
    contact = ", ".join(p for p in (report.contact_person, report.email) if p.strip())
    text(ws["A3"], f"Contactpersoon: {contact}" if contact else "Contactpersoon: (niet bekend)")
    header = 5
    columns = figure_columns(Column("Dienstverlener", lambda c, p: text(c, p.provider)))
    totals = figure_totals(report.key, report.total)
    data_sheet(ws, columns, list(report.lines), header_row=header, totals=totals)
    note = ws.cell(header + len(report.lines) + 3, 1)
    text(note, EXPLANATION)
    note.font = ITALIC


def _months(ws, report: BoardReport) -> None:  # type: ignore[no-untyped-def]
    columns = [
        *month_columns(Column("Dienstverlener", lambda c, m: text(c, m.provider))),
        Column("Afgesloten", lambda c, m: text(c, "ja" if m.closed else "nee")),
        Column("Toelichting", lambda c, m: text(c, m.note), width=60, wrap=True),
    ]
    data_sheet(ws, columns, list(report.months))


def _agreements(ws, report: BoardReport) -> None:  # type: ignore[no-untyped-def]
    columns = [
        Column("Nummer", lambda c, a: text(c, a.number)),
        Column("School", lambda c, a: text(c, a.school)),
        Column("Dienstverlener", lambda c, a: text(c, a.provider)),
        Column("Soort", lambda c, a: text(c, a.kind)),
        Column("Omschrijving", lambda c, a: text(c, a.description), width=44, wrap=True),
        Column("Afgesproken uren", lambda c, a: hours(c, a.minutes)),
        Column("Gebruikt", lambda c, a: hours(c, a.booked)),
        Column("Over", lambda c, a: hours(c, a.left)),
        Column("Eerste maand", lambda c, a: month(c, a.first_month), width=16),
        Column("Laatste maand", lambda c, a: month(c, a.last_month), width=16),
        Column("Status", lambda c, a: text(c, a.status)),
        Column("Gemeld", lambda c, a: date(c, a.reported_on), width=11),
        Column("Geregistreerd", lambda c, a: date(c, a.registered_on), width=13),
        Column("Bevestigd", lambda c, a: date(c, a.confirmed_on), width=11),
        Column("Afgerond of ingetrokken", lambda c, a: date(c, a.closed_on), width=13),
    ]
    agreements = list(report.agreements)
    totals = total_row(columns, {
        "Nummer": lambda c, r: text(c, "Totaal"),
        "School": lambda c, r: text(c, f"{len(agreements)} overeenkomst{'' if len(agreements) == 1 else 'en'}"),
        "Afgesproken uren": lambda c, r: hours(c, sum(a.minutes for a in agreements)),
        "Gebruikt": lambda c, r: hours(c, sum(a.booked for a in agreements)),
    }) if agreements else None
    data_sheet(ws, columns, agreements, totals=totals)
