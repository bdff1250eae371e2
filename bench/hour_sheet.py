"""A 10,000-row hour sheet that imports without a problem into the decade database, and the benchmark that
imports it (the service, in a transaction rolled back after each run) against only reading it with openpyxl
in read-only mode.

The sheet is one provider's sheet for the open months of the decade's last year: its confirmed agreements
and their open bookable months, round robin, 0,25 hours a row, as long as the agreement and the month's
budget + reserve of the board at that provider have room (the import refuses the whole sheet otherwise).
The decade has not that much room left in its open months, so the import runs on a copy in which that
provider's contract and agreements are larger (`prepare`).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import generate

ROWS = 10_000
MINUTES = 15  # 0,25 hours a row
YEAR = "2025-2026"  # the decade's last year: January to March are open on generate.TODAY


def sheet_path(rows: int = ROWS) -> Path:
    return generate.CACHE / f"hour-sheet-v{generate.VERSION}-s{generate.SEED}-r{rows}.xlsx"


def prepare(decade: Path, work: Path, rows: int = ROWS) -> tuple[Path, Path]:
    """A copy of the decade database in `work` with room for the sheet, and the sheet (made once, cached).

    The decade's providers have room for about 1,500 such rows in the open months; in the copy, the chosen
    provider's contract is ten times as large and its agreements have 200 hours more (the same every time, so
    the cached sheet always fits its copy)."""
    import shutil
    import sqlite3

    copy = work / "decade-sheet.sqlite"
    shutil.copy(decade, copy)
    with sqlite3.connect(copy) as raw:
        year_id = raw.execute("SELECT id FROM school_year WHERE label = ?", (YEAR,)).fetchone()[0]
        provider_id, _ = raw.execute(
            "SELECT provider_id, count(*) FROM agreement WHERE year_id = ? AND status = 'bevestigd' "
            "GROUP BY provider_id ORDER BY count(*) DESC, provider_id LIMIT 1", (year_id,)).fetchone()
        raw.execute("UPDATE year_provider SET contract_minutes = contract_minutes * 10 "
                    "WHERE year_id = ? AND provider_id = ?", (year_id, provider_id))
        raw.execute("UPDATE agreement SET minutes = minutes + 200 * 60 "
                    "WHERE year_id = ? AND provider_id = ? AND status = 'bevestigd'", (year_id, provider_id))
        provider = raw.execute("SELECT name FROM provider WHERE id = ?", (provider_id,)).fetchone()[0]
    path = sheet_path(rows)
    if not path.exists():
        _make_sheet(copy, provider, path, rows)
    return copy, path


def _make_sheet(database: Path, provider: str, path: Path, rows: int) -> None:
    import openpyxl

    from exports.hour_sheet_xlsx import write_hour_sheet
    from models.db import open_database, to_url
    from models.domain import hour_sheet as layout
    from models.services import hour_sheets, hours, reporting

    today = generate.TODAY
    db = open_database(to_url(database))
    try:
        with db.read() as session:
            agreements = hours.bookable_agreements(session, YEAR, today)
            budget = reporting.budget_rows(session, YEAR, today, provider=provider)
            template = hour_sheets.template_rows(session, YEAR, provider, today)
    finally:
        db.dispose()
    room = {(r.board, r.month): r.left for r in budget if not r.closed}
    left = {a.number: a.left for a in agreements if a.provider == provider}
    chosen = []
    while len(chosen) < rows:
        added = 0
        for row in template.rows:
            key = (row.board, row.month)
            if left.get(row.agreement, 0) >= MINUTES and room.get(key, 0) >= MINUTES:
                left[row.agreement] -= MINUTES
                room[key] -= MINUTES
                chosen.append(row)
                added += 1
                if len(chosen) == rows:
                    break
        if not added:
            raise RuntimeError(f"{provider} has room for only {len(chosen)} rows of {MINUTES} minutes in {YEAR}")
    generate.CACHE.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part.xlsx")
    write_hour_sheet(type(template)(template.year, template.provider, template.made_on, tuple(chosen)), part)
    wb = openpyxl.load_workbook(part)
    ws = wb[layout.HOURS_SHEET]
    column = [c.value for c in ws[1]].index(layout.HOURS) + 1
    for number in range(2, rows + 2):
        ws.cell(row=number, column=column, value=MINUTES / 60)
    wb.save(part)
    part.replace(path)


def read_only_rows(path: Path) -> int:
    """Only reading the sheet: openpyxl read-only, every row's values."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        count = sum(1 for _ in wb["Uren"].iter_rows(values_only=True))
    finally:
        wb.close()
    return count


class _Rollback(Exception):
    pass


def importer(decade_copy: Path, path: Path):  # type: ignore[no-untyped-def]
    """The import as the app does it (services.hour_sheets.import_sheet in one write transaction), rolled back
    so that every run imports into the same database. Checks once that every row is imported."""
    from models.db import open_database, to_url
    from models.services import hour_sheets

    db = open_database(to_url(decade_copy))
    today: dt.date = generate.TODAY

    def run() -> int:
        entries = 0
        try:
            with db.write() as session:
                entries = hour_sheets.import_sheet(session, path, today).entries
                raise _Rollback
        except _Rollback:
            pass
        return entries

    imported = run()
    if imported != ROWS:
        raise RuntimeError(f"the bench sheet imported {imported} rows, not {ROWS}")
    return run, db
