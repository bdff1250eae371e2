"""Privacy (AVG): pupil codes of old school years are cleared, and gone from the database file itself."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, select

from models.db import Database, make_engine, open_database, to_url
from models.domain.errors import InvalidInput
from models.orm import Agreement
from models.services import agreements, audit_log, retention
from models.services.audit_log import AuditFilter
from tests.conftest import TODAY
from tests.services.helpers import act, add_agreement, add_hours, read

D = dt.date
PLANTED = "PLANT-QX-4711"  # a code that occurs nowhere else


def _codes(db: Database) -> list[str]:
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return [r[0] for r in conn.execute("SELECT pupil_ref FROM agreement WHERE pupil_ref <> '' ORDER BY id")]


def _copies(path: Path, text: str) -> int:
    """How often `text` occurs in the raw bytes of the file: live rows and stale copies in free space."""
    return path.read_bytes().count(text.encode())


def test_clear_the_codes_of_school_years_that_ended_long_enough_ago(demo_db: Database) -> None:
    codes = _codes(demo_db)
    assert len(codes) > 10
    preview = read(demo_db, lambda s: retention.preview(s, 2, TODAY))
    assert (preview.years, preview.agreements, preview.cutoff) == (("2016-2017",), len(codes), D(2023, 1, 15))
    assert act(demo_db, lambda s: retention.clear_pupil_refs(s, 2, TODAY)) == len(codes)
    assert _codes(demo_db) == []
    assert read(demo_db, lambda s: retention.preview(s, 2, TODAY)).agreements == 0
    assert act(demo_db, lambda s: retention.clear_pupil_refs(s, 2, TODAY)) == 0  # a second time: nothing left
    cleared = read(demo_db, lambda s: audit_log.entries(s, AuditFilter(text="leerlingcode", limit=None)))
    wiped = [r for r in cleared if r.summary.endswith("leerlingcode gewist")]
    assert len(wiped) == len(codes)
    assert {(c.label, c.before, c.after) for r in wiped for c in r.changes} == {("leerlingcode", "(verborgen)", "")}


@pytest.mark.parametrize("today, years, cleared", [
    (D(2019, 7, 31), 2, False),  # 2016-2017 ended on 31-7-2017: exactly two years ago, not more
    (D(2019, 8, 1), 2, True),
    (D(2017, 7, 31), 0, False),  # the last day of the year itself
    (D(2017, 8, 1), 0, True),
    (D(2024, 7, 31), 7, False),
    (D(2025, 1, 15), 8, False),
    (D(2028, 2, 29), 10, True),  # 29 February: ten years before is 28-2-2018
])
def test_the_boundary_is_the_end_of_the_school_year(demo_db: Database, today: dt.date, years: int,
                                                    cleared: bool) -> None:
    before = _codes(demo_db)
    count = act(demo_db, lambda s: retention.clear_pupil_refs(s, years, today))
    assert (count == len(before), _codes(demo_db) == []) == (cleared, cleared)
    if not cleared:
        assert count == 0 and _codes(demo_db) == before


def test_cutoff_on_29_february() -> None:
    assert retention.cutoff(D(2028, 2, 29), 10) == D(2018, 2, 28)
    assert retention.cutoff(D(2028, 2, 29), 4) == D(2024, 2, 29)
    assert retention.year_end("2017-07") == D(2017, 7, 31)
    assert retention.year_end("2016-12") == D(2016, 12, 31)


@pytest.mark.parametrize("years", [-1, 51])
def test_a_retention_period_out_of_range_is_refused(demo_db: Database, years: int) -> None:
    with pytest.raises(InvalidInput, match="bewaartermijn van 0 tot en met 50 jaar"):
        act(demo_db, lambda s: retention.clear_pupil_refs(s, years, TODAY))
    assert len(_codes(demo_db)) > 10


def test_all_or_nothing(demo_db: Database) -> None:
    before = _codes(demo_db)
    with pytest.raises(RuntimeError):
        with demo_db.write() as session:
            assert retention.clear_pupil_refs(session, 2, TODAY) == len(before)
            raise RuntimeError("onderbroken")
    assert _codes(demo_db) == before


def test_every_connection_has_secure_delete_on(tmp_path: Path) -> None:
    engine = make_engine(to_url(tmp_path / "x.sqlite"))
    event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA secure_delete = OFF"), insert=True)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    engine.dispose()


def _connections_start(db: Database, setting: str, *, before_the_app: bool = True) -> None:
    """Every new connection of `db` gets `PRAGMA secure_delete = <setting>`: before the app's own settings
    (as on an SQLite built without SQLITE_SECURE_DELETE; this one has it on by default), or after them."""
    def apply(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA secure_delete = {setting}")

    event.listen(db.engine, "connect", apply, insert=before_the_app)
    db.engine.dispose()  # the writing engine shares this pool: every connection from now on


def _moved_row(db: Database) -> str:
    """An agreement with the planted code that grows when it is confirmed, with a younger row beside it:
    SQLite moves the grown row within its page and frees the old bytes, code and all."""
    number = add_agreement(db, pupil_ref=PLANTED, board="OBO", provider="Driespan", hours_agreed=10, confirmed=None)
    add_agreement(db, board="OBO", provider="Driespan", hours_agreed=10, confirmed=None)
    act(db, lambda s: agreements.confirm(s, number, D(2016, 9, 2), TODAY))
    add_hours(db, number, "2017-06", 60)
    return number


def _room_elsewhere(db: Database) -> None:
    """An agreement with the planted code and, further down its page, a freed slot big enough for its
    shortened row: clearing the code puts the row there and frees the old bytes, code and all."""
    add_agreement(db, pupil_ref=PLANTED, board="OBO", provider="Driespan", hours_agreed=10, confirmed=None,
                  description="Kort")
    add_agreement(db, board="OBO", provider="Driespan", hours_agreed=10, confirmed=None)
    roomy = add_agreement(db, board="OBO", provider="Driespan", hours_agreed=10, confirmed=None,
                          description="Een veel langere omschrijving, zodat deze rij meer ruimte vrijlaat")
    add_agreement(db, board="OBO", provider="Driespan", hours_agreed=10, confirmed=None)
    act(db, lambda s: agreements.confirm(s, roomy, D(2016, 9, 2), TODAY))  # grows, moves, frees its slot


def _clear(db: Database, *, secure_delete: str | None = None) -> None:
    """Clear the codes as the app does, on a connection whose secure_delete was just set to `secure_delete`;
    with "OFF" and no service: the bare update, for the controls."""
    with db.write() as session:
        session.connection().exec_driver_sql("PRAGMA secure_delete = OFF")
        if secure_delete is None:
            assert retention.clear_pupil_refs(session, 2, TODAY) > 10
        else:
            session.connection().exec_driver_sql(f"PRAGMA secure_delete = {secure_delete}")
            for agreement in session.scalars(select(Agreement).where(Agreement.pupil_ref != "")):
                agreement.pupil_ref = ""


def _check_clean(path: Path) -> None:
    assert _copies(path, PLANTED) == 0  # no VACUUM: overwritten in place
    assert not path.with_name(path.name + "-journal").exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        trail = " ".join(b + a for b, a in conn.execute("SELECT before, after FROM audit_entry"))
    assert PLANTED not in trail


def test_a_moved_row_leaves_no_copy_behind(demo_path: Path) -> None:
    db = open_database(to_url(demo_path))
    _connections_start(db, "OFF")  # only models.db can switch it on
    _moved_row(db)
    db.dispose()
    assert _copies(demo_path, PLANTED) == 1  # the live row only: the check below can see it
    db = open_database(to_url(demo_path))
    _connections_start(db, "OFF")
    _clear(db)
    db.dispose()
    _check_clean(demo_path)


def test_clearing_leaves_no_copy_behind(demo_path: Path) -> None:
    db = open_database(to_url(demo_path))
    _room_elsewhere(db)
    db.dispose()
    assert _copies(demo_path, PLANTED) == 1
    db = open_database(to_url(demo_path))
    _clear(db)  # on a connection with secure_delete off: only the service can switch it on
    db.dispose()
    _check_clean(demo_path)


def test_without_secure_delete_copies_would_linger(tmp_path: Path, _templates: dict[str, Path]) -> None:
    """The controls: without secure_delete both cases leave the code in free space, and the byte count sees it."""
    moved, roomy = tmp_path / "moved.sqlite", tmp_path / "roomy.sqlite"
    for path in (moved, roomy):
        shutil.copy(_templates["demo"], path)
    db = open_database(to_url(moved))
    _connections_start(db, "OFF", before_the_app=False)
    _moved_row(db)
    db.dispose()
    assert _copies(moved, PLANTED) == 2  # the live row and the stale copy

    db = open_database(to_url(roomy))
    _room_elsewhere(db)
    _clear(db, secure_delete="OFF")
    db.dispose()
    assert _copies(roomy, PLANTED) == 1  # no live row, yet the code is in the file


# ---------------------------------------------------------------- the copies beside the database

def test_cleared_codes_are_gone_from_every_backup_and_set_aside_file(demo_path: Path) -> None:
    from models import backup

    db = open_database(to_url(demo_path))
    codes = _codes(db)
    db.dispose()
    assert len(codes) > 10
    older = backup.take(demo_path, "start", dt.datetime(2024, 12, 1, 9, 0))
    restored_from = backup.take(demo_path, "handmatig", dt.datetime(2025, 1, 14, 9, 0))
    aside = backup.restore(demo_path, restored_from)  # a set-aside file that holds the codes too
    today_copy = backup.take(demo_path, "start")  # today's start-up copy, taken before the clearing
    copies = [older, restored_from, aside, today_copy]
    assert all(sum(_copies(path, code) for code in codes) for path in copies)
    db = open_database(to_url(demo_path))
    assert act(db, lambda s: retention.clear_pupil_refs(s, 2, TODAY)) == len(codes)
    db.dispose()
    result = retention.clear_copies(demo_path, 2, TODAY)
    assert sorted(result.cleared) == sorted(copies) and result.failed == ()
    for path in copies:
        assert backup.integrity(path) == "ok"
        assert not [code for code in codes if _copies(path, code)], path.name  # not in rows, not in free pages
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT count(*) FROM agreement WHERE pupil_ref <> ''").fetchone() == (0,)
            assert conn.execute("SELECT count(*) FROM agreement").fetchone()[0] > 10  # only the codes went
    assert backup.newest_sound(demo_path) is not None


def test_a_copy_that_cannot_be_cleared_is_named(demo_path: Path) -> None:
    from models import backup

    broken = backup.folder_of(demo_path) / f"{demo_path.stem}-20250101-090000-start.sqlite"
    broken.parent.mkdir()
    broken.write_bytes(b"kapot")
    interrupted = broken.with_name(broken.name + ".4711.part")  # a copy that was killed halfway
    interrupted.write_bytes(demo_path.read_bytes()[:8192])
    leftover = demo_path.with_name(demo_path.name + ".herstel")  # a restore killed before its last step
    leftover.write_bytes(demo_path.read_bytes())
    result = retention.clear_copies(demo_path, 2, TODAY)
    assert set(result.failed) == {broken, interrupted} and broken.read_bytes() == b"kapot"
    with sqlite3.connect(demo_path) as conn:
        codes = [r[0] for r in conn.execute("SELECT pupil_ref FROM agreement WHERE pupil_ref <> ''")]
    assert result.cleared == (leftover,) and codes
    assert not [code for code in codes if _copies(leftover, code)]
