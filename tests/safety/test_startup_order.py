"""Start-up judges the file only while holding the lock, never calls a busy or crash-interrupted file
damaged, and upgrades an older schema instead of offering an old back-up (a newer one is refused)."""
from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

import pytest

from desktop.app import Controller
from models import backup, dbfile
from models.db import _head_revision, to_url
from models.domain.errors import Refusal
from models.services import integrity
from tests.conftest import downgrade, table_dump
from tests.safety.helpers import leave_hot_journal, lock_holder, sqlite_writer

posix = pytest.mark.skipif(sys.platform == "win32", reason="fcntl locks and os._exit after a partial write")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWV_UREN_SETTINGS", str(tmp_path / "settings.ini"))


def _set_aside(path: Path) -> list[Path]:
    return list(path.parent.glob(f"{path.stem}-voor-herstel-*"))


def _version(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


# ---------------------------------------------------------------- 1: the lock first; busy is not damaged

def test_a_second_instance_never_restores_over_the_file_another_holds(qtbot, demo_path: Path,
                                                                      recorded_messages) -> None:
    backup.take(demo_path, "start")
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: 4096 * 3] + b"\x00" * 4096 + data[4096 * 4:])  # looks damaged to a check
    damaged = demo_path.read_bytes()
    recorded_messages.answer = True  # "Alleen-lezen openen", and yes to anything else it might ask
    with lock_holder(demo_path):
        with pytest.raises(Refusal):
            Controller(to_url(demo_path))
    asked = [(title, text) for kind, title, text in recorded_messages.shown if kind == "ask"]
    assert [title for title, _ in asked] == ["Database in gebruik"]  # the lock question, no restore offer
    assert recorded_messages.shown[-1][1] == "Database niet in orde"
    assert "Back-up teruggezet" not in [title for _, title, _ in recorded_messages.shown]
    assert demo_path.read_bytes() == damaged and not _set_aside(demo_path)


@posix
def test_a_busy_database_is_never_called_damaged(qtbot, demo_path: Path, recorded_messages,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    backup.take(demo_path, "start")
    monkeypatch.setattr(dbfile, "BUSY_SECONDS", 0.5)
    recorded_messages.answer = True
    with sqlite_writer(demo_path):  # e.g. a script running swv-uren, in the middle of its transaction
        with pytest.raises(Refusal):
            Controller(to_url(demo_path))
        with pytest.raises(Refusal, match="bezet"):
            integrity.problems(to_url(demo_path), quick=True)
    assert [kind for kind, _, _ in recorded_messages.shown] == ["error"]
    kind, title, text = recorded_messages.shown[0]
    assert title == "Database bezet" and "bezet" in text and "beschadigd" not in text and "\n" not in text
    assert not _set_aside(demo_path) and backup.integrity(demo_path) == "ok"
    assert {r[3] for r in table_dump(demo_path)["board"]} != {"schrijver"}  # the writer rolled back


@posix
def test_start_up_waits_for_a_short_write(qtbot, demo_path: Path, recorded_messages) -> None:
    with sqlite_writer(demo_path, hold_seconds=1):
        controller = Controller(to_url(demo_path))
        try:
            assert not recorded_messages.shown and controller.window is not None
        finally:
            controller.close_current()


# ---------------------------------------------------------------- 2: a crash during a write is recoverable

def _opens_without_a_question(path: Path, recorded_messages) -> None:  # type: ignore[no-untyped-def]
    """The app opens the file on its year, with nothing asked or refused on the way (information only)."""
    recorded_messages.answer = True
    controller = Controller(to_url(path))
    try:
        assert not [m for m in recorded_messages.shown if m[0] != "info"], recorded_messages.shown
        assert controller.window is not None and controller.window.year_picker.currentText() == "2016-2017"
    finally:
        controller.close_current()


@posix
def test_start_up_after_a_crash_rolls_back_and_opens(qtbot, demo_path: Path, recorded_messages) -> None:
    before = table_dump(demo_path)
    journal = leave_hot_journal(demo_path)
    _opens_without_a_question(demo_path, recorded_messages)
    assert not journal.exists() and not _set_aside(demo_path)
    assert table_dump(demo_path) == before  # what was committed, nothing of the killed transaction
    taken = backup.listing(demo_path)
    assert taken and table_dump(taken[0].path) == before  # the daily back-up did not fail


# ---------------------------------------------------------------- 3: the schema is migrations' business

def test_an_older_schema_is_upgraded_at_start_after_a_backup(qtbot, demo_path: Path, recorded_messages) -> None:
    downgrade(demo_path, "0002")
    assert _version(demo_path) == "0002"
    before = table_dump(demo_path)
    old = backup.take(demo_path, "start", dt.datetime(2025, 1, 1, 9, 0))  # must not be offered instead
    _opens_without_a_question(demo_path, recorded_messages)
    assert _version(demo_path) == _head_revision()
    # the copy before the migration (the day's start-up copy and the one of the upgrade itself are taken in
    # the same moment; thinning keeps one of them): the old schema, with everything that was there
    today = [b for b in backup.listing(demo_path) if b.taken.date() == dt.date.today()]
    assert today and all(_version(b.path) == "0002" and table_dump(b.path) == before for b in today)
    assert old.exists()
    assert not _set_aside(demo_path)


def test_a_newer_schema_is_refused_never_restored(qtbot, demo_path: Path, recorded_messages) -> None:
    backup.take(demo_path, "start")
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_toekomst'")
    recorded_messages.answer = True
    with pytest.raises(Refusal):
        Controller(to_url(demo_path))
    assert [kind for kind, _, _ in recorded_messages.shown] == ["error"]
    assert "installeer die versie" in recorded_messages.shown[0][2]
    assert _version(demo_path) == "9999_toekomst" and not _set_aside(demo_path)


def test_a_backup_of_a_newer_version_is_not_offered(demo_path: Path) -> None:
    older = backup.take(demo_path, "start", dt.datetime(2025, 1, 1, 9, 0))
    newer = backup.take(demo_path, "start", dt.datetime(2025, 1, 2, 9, 0))
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_toekomst'")
    found = backup.newest_sound(demo_path)
    assert found is not None and found.path == older


@posix
def test_the_app_as_a_process_after_a_crash_and_on_an_older_schema(demo_path: Path, tmp_path: Path) -> None:
    """`swv-uren --db FILE --smoke` (every question answered 'no'): it opens, offers nothing, restores nothing."""
    from tests.conftest import run_cli

    env = {"QT_QPA_PLATFORM": "offscreen", "SWV_UREN_SETTINGS": str(tmp_path / "s.ini")}
    before = table_dump(demo_path)
    leave_hot_journal(demo_path)
    result = run_cli("--smoke", db=demo_path, env=env)
    assert result.returncode == 0 and "niet in orde" not in result.stderr, result.stderr
    assert table_dump(demo_path) == before
    downgrade(demo_path, "0002")
    result = run_cli("--smoke", db=demo_path, env=env)
    assert result.returncode == 0 and "niet in orde" not in result.stderr, result.stderr
    assert _version(demo_path) == _head_revision() and not _set_aside(demo_path)


def test_a_read_only_second_instance_never_upgrades_the_schema_of_a_file_another_holds(
        qtbot, demo_path: Path, recorded_messages) -> None:
    """The holder may run the older version: upgrading under it would change the tables it writes to."""
    downgrade(demo_path, "0003")
    before = table_dump(demo_path)
    recorded_messages.answer = True  # "Alleen-lezen openen"
    with lock_holder(demo_path):
        with pytest.raises(Refusal):
            Controller(to_url(demo_path))
    assert _version(demo_path) == "0003" and table_dump(demo_path) == before
    assert not list(demo_path.parent.glob("backups/*voor-upgrade*"))
    assert "ander programma" in recorded_messages.shown[-1][2]
