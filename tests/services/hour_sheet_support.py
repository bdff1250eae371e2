"""Shared by the hour sheet tests (services and command line): a database with agreements to book on,
filling in a template as a provider does in Excel, and the hostile corpus.

Import the fixtures into a test module: `from tests.services.hour_sheet_support import sheet_base, ...`.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from models.db import Database, open_database, to_url
from models.domain import hour_sheet as layout
from models.domain.months import Month
from models.services import agreements, demo, months, years
from tests.conftest import TODAY
from tests.fixtures.hostile import corpus

YEAR = "2016-2017"
PROVIDER = "Kameleon"
D = dt.date
PUPIL = "LL-4711"  # the pupil reference on the KPO agreement: it must never reach a provider's sheet


@dataclass(frozen=True)
class Base:
    """The reference year with agreements at Kameleon (and one elsewhere), and nothing booked yet."""

    path: Path
    kpo: str  # KPO at Kameleon, 40 h agreed, september 2016 - juli 2017, confirmed 2-9-2016
    obo: str  # OBO at Kameleon, 30 h, oktober 2016 - maart 2017, confirmed 10-10-2016
    other_provider: str  # KPO at Mytyschool
    unconfirmed: str  # Borgesius at Kameleon, registered only
    withdrawn: str  # De Waarden at Kameleon


def _register(session: Any, board: str, provider: str, hours_agreed: int, first: str, last: str,
              confirmed: D | None, **extra: Any) -> str:
    number = agreements.register(session, agreements.AgreementInput(
        YEAR, board, provider, hours_agreed * 60, Month.parse(first), Month.parse(last),
        registered_on=D(2016, 9, 1), **extra), TODAY)
    if confirmed is not None:
        agreements.confirm(session, number, confirmed, TODAY)
    return number


@pytest.fixture(scope="session")
def sheet_base(tmp_path_factory: pytest.TempPathFactory, _templates: dict[str, Path]) -> Base:
    path = tmp_path_factory.mktemp("sheets") / "base.sqlite"
    shutil.copy(_templates["empty"], path)
    db = Database(to_url(path))
    with db.write() as s:
        years.create_or_replace(s, demo.reference_setup())
        kpo = _register(s, "KPO", PROVIDER, 40, "2016-09", "2017-07", D(2016, 9, 2), pupil_ref=PUPIL,
                        school="Basisschool De Regenboog", description="Begeleiding leerling groep 5")
        obo = _register(s, "OBO", PROVIDER, 30, "2016-09", "2017-03", D(2016, 10, 10),
                        description="Coaching leerkracht groep 3", kind=agreements.Kind.COACHING)
        other = _register(s, "KPO", "Mytyschool", 20, "2016-09", "2017-07", D(2016, 9, 2))
        unconfirmed = _register(s, "Borgesius", PROVIDER, 20, "2016-09", "2017-07", None)
        withdrawn = _register(s, "De Waarden", PROVIDER, 20, "2016-09", "2017-07", D(2016, 9, 2))
        agreements.withdraw(s, withdrawn, D(2016, 12, 1), TODAY)
    db.dispose()
    return Base(path, kpo, obo, other, unconfirmed, withdrawn)


@pytest.fixture
def sheet_path(sheet_base: Base, tmp_path: Path) -> Path:
    """A copy of the base database file, for one test."""
    path = tmp_path / "uren.sqlite"
    shutil.copy(sheet_base.path, path)
    return path


@pytest.fixture
def sheet_db(sheet_path: Path) -> Iterator[Database]:
    db = open_database(to_url(sheet_path))
    yield db
    db.dispose()


def close_month(db: Database, month: str) -> None:
    with db.write() as s:
        months.close(s, YEAR, month, TODAY)


# ---------------------------------------------------------------- a provider filling in

def column(name: str) -> int:
    return layout.TEMPLATE_COLUMNS.index(name) + 1  # a sheet the app wrote


def fill(path: Path, hours: dict[tuple[str, str], Any], *, notes: dict[tuple[str, str], str] | None = None,
         change: Callable[[Any], None] | None = None) -> Path:
    """Open a template as Excel would, type hours (and notes) in the rows of (agreement, month), save."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[layout.HOURS_SHEET]
    found = set()
    for r in range(2, ws.max_row + 1):
        key = (ws.cell(r, column(layout.AGREEMENT)).value, ws.cell(r, column(layout.MONTH)).value)
        if key in hours:
            ws.cell(r, column(layout.HOURS)).value = hours[key]
            found.add(key)
        if notes and key in notes:
            ws.cell(r, column(layout.NOTE)).value = notes[key]
    assert found == set(hours), set(hours) - found
    if change is not None:
        change(wb)
    wb.save(path)
    return path


def sheet_rows(path: Path) -> list[list[Any]]:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return [list(row) for row in wb[layout.HOURS_SHEET].iter_rows(values_only=True)]


def write_rows(path: Path, rows: list[list[Any]], *, provider: str = PROVIDER, year: str = YEAR,
               change: Callable[[Any], None] | None = None) -> Path:
    """A sheet written from scratch (the columns of the template, in its order)."""
    return corpus.write_sheet(path, provider, year, rows, change=change)


def row(agreement: str, month: str, hours: Any, *, board: str | None = None, note: str | None = None) -> list[Any]:
    return [agreement, board, None, None, None, month, hours, note]


# ---------------------------------------------------------------- the hostile corpus

@pytest.fixture(scope="session")
def hostile(sheet_base: Base, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every file of tests/fixtures/hostile, built on a sheet that is valid for the base database (each file
    written when a test first asks for it)."""
    rows = [row(sheet_base.kpo, "2016-10", 1.5, board="KPO"), row(sheet_base.obo, "2016-10", 2, board="OBO")]
    return corpus.Corpus(tmp_path_factory.mktemp("hostile"), PROVIDER, YEAR, rows)


def preview_and_one_by_one(sheet_db: Database, sheet_base: Any, rows: list[tuple[str, str, int]], today: dt.date,
                           *, close_october: bool) -> tuple[list[str | None], list[str | None]]:
    """The first problem of each row as the preview judges the sheet, and the refusal of registering the same
    rows one by one (None where a row passes), on a small agreement of 4 hours added ("klein"); rolled back."""
    from models.domain.errors import Refusal
    from models.services import agreements, hour_sheets, hours, months

    with sheet_db.read() as session:  # everything here is rolled back at the end
        small = agreements.register(session, agreements.AgreementInput(
            YEAR, "Zilverlinde / Pallas", PROVIDER, 4 * 60, Month(2016, 9), Month(2017, 7),
            registered_on=dt.date(2016, 9, 1)), TODAY)
        agreements.confirm(session, small, dt.date(2016, 9, 1), TODAY)
        if close_october:
            months.close(session, YEAR, "2016-10", TODAY)
        numbers = [small if a == "klein" else getattr(sheet_base, a, a) for a, _, _ in rows]
        sheet = hour_sheets.HourSheet("lijst.xlsx", PROVIDER, YEAR, tuple(
            hour_sheets.SheetRow(i + 2, n, "", Month.parse(m), minutes, "") for i, (n, (_, m, minutes))
            in enumerate(zip(numbers, rows))))
        got = [r.problems[0].message if r.problems else None
               for r in hour_sheets.preview(session, sheet, today).rows]
        expected: list[str | None] = []
        for n, (_, m, minutes) in zip(numbers, rows):
            try:
                hours.register(session, hours.HoursInput(n, Month.parse(m), minutes), today)
                expected.append(None)
            except Refusal as error:
                expected.append(error.message.rstrip("."))
    return got, expected
