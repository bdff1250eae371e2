"""How an hour sheet is stored: one Core insert with the audit trail the ORM would write, the locks of
hours.check, and a last check in SQL of what is stored (the whole sheet rolls back when it fails)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.db import Database
from models.domain.errors import Refusal
from models.domain.months import Month
from models.services import hour_sheets, hours
from tests.conftest import TODAY, table_dump
from tests.services.hour_sheet_support import (  # noqa: F401 - fixtures
    PROVIDER, YEAR, Base, fill, row, sheet_base, sheet_db, sheet_path, write_rows,
)
from tests.services.helpers import act, read


def _template(db: Database, path: Path) -> Path:
    from exports.hour_sheet_xlsx import write_hour_sheet

    return write_hour_sheet(read(db, lambda s: hour_sheets.template_rows(s, YEAR, PROVIDER, TODAY)), path)


def _trail(db: Database) -> list[tuple[str, str, int, dict]]:
    import sqlite3

    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return [(action, entity, entity_id, json.loads(after)) for action, entity, entity_id, after in conn.execute(
            "SELECT action, entity, entity_id, after FROM audit_entry WHERE entity = 'uren' ORDER BY id")]


def test_imported_entries_have_the_audit_trail_of_entries_registered_one_by_one(
        sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    act(sheet_db, lambda s: hours.register(s, hours.HoursInput(sheet_base.kpo, Month(2016, 9), 30, "los"), TODAY))
    path = fill(_template(sheet_db, tmp_path / "Kameleon.xlsx"),
                {(sheet_base.kpo, "2016-10"): 1.5, (sheet_base.obo, "2016-10"): 3},
                notes={(sheet_base.kpo, "2016-10"): "Observatie"})
    result = act(sheet_db, lambda s: hour_sheets.import_sheet(s, path, TODAY))
    assert result.entries == 2
    trail = _trail(sheet_db)
    assert len(trail) == 3 and {(a, e) for a, e, _, _ in trail} == {("toegevoegd", "uren")}
    by_hand, *imported = trail
    assert all(set(after) == set(by_hand[3]) for _, _, _, after in imported)  # the same columns as the ORM's
    entries = {e.id: e for e in read(sheet_db, lambda s: hours.entries(s, sheet_base.kpo))}
    _, _, entry_id, after = imported[0]
    assert after["id"] == entry_id and entries[entry_id].minutes == after["minutes"] == 90
    assert (after["note"], after["source"], after["month"]) == ("Observatie", "import", "2016-10")
    assert after["created_at"] == entries[entry_id].created_at.isoformat()


def test_what_is_stored_is_checked_again_in_sql(sheet_db: Database, sheet_base: Base, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the row checks ever wrong, the sums of what is stored refuse the sheet and nothing remains."""
    path = fill(_template(sheet_db, tmp_path / "Kameleon.xlsx"), {(sheet_base.kpo, "2016-10"): 30})  # budget 18
    monkeypatch.setattr(hour_sheets._Checker, "check", lambda self, row: ())
    assert sheet_db.path is not None
    before = table_dump(sheet_db.path)
    with pytest.raises(Refusal) as caught:
        act(sheet_db, lambda s: hour_sheets.import_sheet(s, path, TODAY))
    assert table_dump(sheet_db.path) == before
    assert "rij" in caught.value.message and "meer dan" in caught.value.message
    assert "niets ingelezen" in caught.value.message


@pytest.mark.postgresql
def test_import_and_the_list_on_postgresql(pg_reference_url: str, tmp_path: Path) -> None:
    """On a server: the locks of hours.check first, then the Core insert with RETURNING, the SQL check and the
    paged list of entries (ILIKE search, keyset pages) as on SQLite."""
    import datetime as dt

    import openpyxl

    from models.services import agreements, hour_list

    db = Database(pg_reference_url)
    try:
        with db.write() as session:
            number = agreements.register(session, agreements.AgreementInput(
                YEAR, "KPO", PROVIDER, 40 * 60, Month(2016, 9), Month(2017, 6), registered_on=dt.date(2016, 9, 1)),
                TODAY)
            agreements.confirm(session, number, dt.date(2016, 9, 2), TODAY)
        path = _template(db, tmp_path / "Kameleon.xlsx")
        wb = openpyxl.load_workbook(path)
        ws = wb["Uren"]
        hours_column = [c.value for c in ws[1]].index("Uren") + 1
        ws.cell(row=2, column=hours_column, value=2.5)
        ws.cell(row=3, column=hours_column, value=4)
        wb.save(path)
        result = act(db, lambda s: hour_sheets.import_sheet(s, path, TODAY))
        assert (result.entries, result.minutes) == (2, 390)
        with db.read() as session:
            query = hour_list.HourListQuery(YEAR, "kpo KAMELEON", sort="minutes", descending=True)
            assert hour_list.count(session, query) == 2
            first = hour_list.page(session, query, None, 1)
            second = hour_list.page(session, query, first[0].key, 1)
            assert [line.minutes for line in first + second] == [240, 150]
            assert hour_list.page(session, query, second[0].key, 1) == []
        path2 = _template(db, tmp_path / "Te veel.xlsx")
        wb = openpyxl.load_workbook(path2)
        wb["Uren"].cell(row=3, column=hours_column, value=30)  # october: over budget
        wb.save(path2)
        with pytest.raises(Refusal):
            act(db, lambda s: hour_sheets.import_sheet(s, path2, TODAY))
        with db.read() as session:
            assert hour_list.count(session, hour_list.HourListQuery(YEAR)) == 2
    finally:
        db.dispose()


@pytest.mark.parametrize(("rows", "problem"), [
    ([("kpo", "2016-09", 15), ("kpo", "2016-10", 15), ("kpo", "2016-11", 15), ("obo", "2016-10", 1)],
     "rij 4, kolom Uren: Overeenkomst 2016-001: er zou 45 uur gebruikt zijn, meer dan de afgesproken 40 uur"),
    ([("obo", "2016-10", 1), ("kpo", "2016-09", 19.5), ("obo", "2016-11", 1)],
     "rij 4, kolom Uren: KPO bij Kameleon in september 2016: er zou 19,5 uur gebruikt zijn, meer dan budget + "
     "reserve (18 uur)"),
    ([("kpo", "2016-10", 19), ("kpo", "2016-09", 19)],  # two months over: the first month is named
     "rij 3, kolom Uren: KPO bij Kameleon in september 2016: er zou 19 uur gebruikt zijn, meer dan budget + "
     "reserve (18 uur)"),
])
def test_the_check_in_sql_names_the_last_row_of_what_went_over(
        sheet_db: Database, sheet_base: Base, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        rows: list[tuple[str, str, float]], problem: str) -> None:
    """Over what was agreed: the agreement's last row; over a month's budget + reserve: the sheet's last row."""
    path = write_rows(tmp_path / "lijst.xlsx", [row(getattr(sheet_base, a), m, h) for a, m, h in rows])
    monkeypatch.setattr(hour_sheets._Checker, "check", lambda self, row: ())
    assert sheet_db.path is not None
    before = table_dump(sheet_db.path)
    with pytest.raises(Refusal) as caught:
        act(sheet_db, lambda s: hour_sheets.import_sheet(s, path, TODAY))
    assert table_dump(sheet_db.path) == before
    assert caught.value.message == f"De urenlijst is geweigerd, er is niets ingelezen: werkblad Uren, {problem}."


def test_a_sheet_that_books_exactly_what_was_agreed_and_budgeted_is_stored(sheet_db: Database, sheet_base: Base,
                                                                           tmp_path: Path) -> None:
    """The check in SQL refuses only what goes over: all 30 hours agreed, and a month's whole budget, fit."""
    path = write_rows(tmp_path / "lijst.xlsx", [row(sheet_base.obo, "2016-10", 10), row(sheet_base.obo, "2016-11", 10),
                                                row(sheet_base.obo, "2016-12", 10), row(sheet_base.kpo, "2016-09", 18)])
    assert act(sheet_db, lambda s: hour_sheets.import_sheet(s, path, TODAY)).minutes == 48 * 60
    assert read(sheet_db, lambda s: sum(e.minutes for e in hours.entries(s, sheet_base.obo))) == 30 * 60


def test_entries_are_numbered_on_as_sqlite_numbers_rows(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    """store gives a sheet's rows their ids itself (one insert for all): the ids SQLite would give, one more than
    the highest, with no gap, also after the last entry was removed."""
    first = act(sheet_db, lambda s: hours.register(s, hours.HoursInput(sheet_base.kpo, Month(2016, 9), 30), TODAY))
    path = write_rows(tmp_path / "lijst.xlsx", [row(sheet_base.kpo, "2016-10", 1), row(sheet_base.obo, "2016-10", 2),
                                                row(sheet_base.kpo, "2016-11", 0.5)])
    act(sheet_db, lambda s: hour_sheets.import_sheet(s, path, TODAY))
    ids = [e.id for number in (sheet_base.kpo, sheet_base.obo) for e in read(sheet_db, lambda s: hours.entries(s, number))]
    assert (first, sorted(ids)) == (1, [1, 2, 3, 4])
    act(sheet_db, lambda s: hours.remove_entry(s, 4))
    assert act(sheet_db, lambda s: hours.register(s, hours.HoursInput(sheet_base.obo, Month(2016, 11), 60), TODAY)) == 4
