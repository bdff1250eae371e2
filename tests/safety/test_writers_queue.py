"""Writers wait their turn (issue 12, §4): a writer that finds SQLite's write lock taken by another connection
waits for it and then writes, instead of being refused as busy; the lock is taken at the transaction's first
statement, not before; a lock that stays taken is refused in one Dutch line and changes nothing. Mechanism,
not timing: the other writer lets go when the waiting one has said it waits."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import dbfile
from models.db import Database
from models.domain.months import Month
from models.orm import AuditEntry, HourEntry
from models.services import hours
from tests.conftest import ROOT, TODAY, table_dump
from tests.services.helpers import add_agreement

YEAR = "2016-2017"


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as session:
        return (session.scalar(select(func.count()).select_from(HourEntry)) or 0,
                session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "uren")) or 0)


def _other_writer(path: Path) -> sqlite3.Connection:
    """Another program in the middle of its write: SQLite's write lock (RESERVED) taken, a row written."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE board SET contact_person = 'ander' WHERE id = (SELECT min(id) FROM board)")
    return other


def _entry(number: str) -> hours.HoursInput:
    return hours.HoursInput(number, Month(2016, 10), 30, "na het wachten")


def test_a_writer_waits_for_the_other_writer_and_then_writes(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    before = _counts(reference_db)
    other = _other_writer(reference_db.path)
    waits: list[float] = []

    def waiting(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 3:  # it has waited a while: the other finishes its transaction
            other.execute("COMMIT")

    reference_db.on_wait = waiting
    with reference_db.write() as session:
        hours.register(session, _entry(number), TODAY)
    other.close()
    assert len(waits) == 3 and waits == sorted(waits)
    assert _counts(reference_db) == (before[0] + 1, before[1] + 1)  # the entry and its audit row
    assert any(row[3] == "ander" for row in table_dump(reference_db.path)["board"])  # the other's change kept


def test_the_write_lock_is_taken_at_the_first_statement_not_when_the_transaction_opens(
        reference_db: Database) -> None:
    number = add_agreement(reference_db)
    other = _other_writer(reference_db.path)
    waits: list[float] = []
    reference_db.on_wait = waits.append
    try:
        with reference_db.write():
            pass  # a transaction that never asks the database anything waits for nobody
        assert waits == []
        reference_db.on_wait = lambda seconds: (waits.append(seconds), other.execute("COMMIT")) if not waits else None
        with reference_db.write() as session:
            hours.register(session, _entry(number), TODAY)
    finally:
        other.close()
    assert len(waits) == 1


def test_a_lock_that_stays_taken_is_refused_as_busy_and_changes_nothing(
        reference_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    from models.db import database_failure

    number = add_agreement(reference_db)
    monkeypatch.setattr(dbfile, "BUSY_SECONDS", 0.5)
    before = _counts(reference_db)
    other = _other_writer(reference_db.path)
    waits: list[float] = []
    reference_db.on_wait = waits.append
    try:
        with pytest.raises(OperationalError) as caught:
            with reference_db.write() as session:
                hours.register(session, _entry(number), TODAY)
    finally:
        other.execute("ROLLBACK")
        other.close()
    message = database_failure(caught.value, server=False).message
    assert "bezet" in message and "niets gewijzigd" in message and "\n" not in message
    assert waits and max(waits) < 5
    assert _counts(reference_db) == before


@pytest.mark.skipif(sys.platform == "win32", reason="a second process holding SQLite's lock")
def test_the_command_line_waits_for_another_writer_and_then_books(reference_db: Database) -> None:
    """`hours add` while another program is in the middle of its write: it waits, then books; the other's
    change stays too."""
    number = add_agreement(reference_db)
    before = _counts(reference_db)
    other = _other_writer(reference_db.path)
    command = [sys.executable, "-m", "desktop", "--db", str(reference_db.path), "hours", "add", "--agreement", number,
               "--month", "2016-10", "--hours", "0,25"]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "SWV_UREN_TODAY": TODAY.isoformat()},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=3)  # it cannot book while the other holds the lock, and it does not give up
        other.execute("COMMIT")
        _, err = process.communicate(timeout=120)
    finally:
        other.close()
        if process.poll() is None:
            process.kill()
    assert (process.returncode, err) == (0, "")
    assert _counts(reference_db) == (before[0] + 1, before[1] + 1)
    assert any(row[3] == "ander" for row in table_dump(reference_db.path)["board"])
