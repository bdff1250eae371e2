"""Start-up: a damaged file is never opened and the newest sound back-up is offered; one writer at a time."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import Controller
from desktop.lock import DatabaseLock
from models import backup
from models.db import to_url
from tests.conftest import table_dump
from tests.views.conftest import RecordedMessages  # noqa: F401  (fixture type)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWV_UREN_SETTINGS", str(tmp_path / "settings.ini"))


def test_damaged_database_offers_newest_sound_backup(qtbot, demo_path: Path, recorded_messages) -> None:
    good = table_dump(demo_path)
    backup.take(demo_path, "start")
    demo_path.write_bytes(demo_path.read_bytes()[:5000])
    recorded_messages.answer = True
    controller = Controller(to_url(demo_path))
    try:
        kinds = [kind for kind, _, _ in recorded_messages.shown]
        assert kinds[:2] == ["ask", "info"]
        assert "niet in orde" in recorded_messages.shown[0][2]
        assert controller.window is not None and controller.window.year_picker.currentText() == "2016-2017"
    finally:
        controller.close_current()
    assert table_dump(demo_path) == good
    assert list(demo_path.parent.glob("demo-voor-herstel-*.sqlite"))  # the damaged file is kept


def test_damaged_database_without_answer_stays_untouched(qtbot, demo_path: Path, recorded_messages) -> None:
    backup.take(demo_path, "start")
    demo_path.write_bytes(b"kapot")
    recorded_messages.answer = False
    with pytest.raises(Exception):
        Controller(to_url(demo_path))
    assert demo_path.read_bytes() == b"kapot"


def test_second_instance_opens_read_only(qtbot, demo_path: Path, recorded_messages) -> None:
    held = DatabaseLock(demo_path)
    assert held.acquire()
    try:
        recorded_messages.answer = True  # "Alleen-lezen openen"
        controller = Controller(to_url(demo_path))
        try:
            assert "al gebruikt door" in recorded_messages.shown[0][2]
            assert controller.runner.read_only
            assert controller.window.state_label.text() == "alleen-lezen"
            assert not controller.window.new_agreement_action.isEnabled()
        finally:
            controller.close_current()
    finally:
        held.release()


def test_stale_lock_after_a_crash_is_taken_over_only_when_agreed(qtbot, demo_path: Path, recorded_messages) -> None:
    # A process that takes the lock and is killed, leaving the lock file behind.
    code = (
        "import os, sys; from PySide6.QtCore import QLockFile; "
        f"l = QLockFile({str(demo_path) + '.lock'!r}); l.setStaleLockTime(0); assert l.tryLock(0); "
        "sys.stdout.write('ok'); sys.stdout.flush(); os._exit(0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout == "ok"
    assert Path(str(demo_path) + ".lock").exists()
    recorded_messages.answer = True
    controller = Controller(to_url(demo_path))
    try:
        assert "niet netjes afgesloten" in recorded_messages.shown[0][1]
        assert not controller.runner.read_only
    finally:
        controller.close_current()
    assert not Path(str(demo_path) + ".lock").exists()
    assert os.path.exists(demo_path)


def test_restore_from_the_app_puts_the_backup_back(qtbot, demo_path: Path, recorded_messages, monkeypatch) -> None:
    from models.services import agreements

    controller = Controller(to_url(demo_path))
    try:
        controller.make_backup()
        assert recorded_messages.shown[-1][1] == "Back-up gemaakt"
        assert controller.window.backup_label.text().startswith("Laatste back-up:")
        chosen = backup.listing(demo_path)[0].path
        before = table_dump(chosen)
        with controller.db.write() as session:
            agreements.withdraw(session, "2016-001", __import__("datetime").date(2017, 2, 1),
                                __import__("datetime").date(2025, 1, 15))
        recorded_messages.answer = True
        controller.restore_backup(chosen)
        assert recorded_messages.shown[-1][1] == "Back-up teruggezet"
        assert table_dump(demo_path) == before
        assert controller.window.year_picker.currentText() == "2016-2017"
    finally:
        controller.close_current()


def test_the_daily_backup_is_taken_after_the_window_is_up(qtbot, demo_path: Path, recorded_messages) -> None:
    assert not backup.listing(demo_path)
    controller = Controller(to_url(demo_path))
    try:
        window = controller.window
        assert window is not None and window.isVisible()
        qtbot.waitUntil(lambda: controller.backup_thread is None, timeout=20_000)
        qtbot.waitUntil(lambda: window.backup_label.text().startswith("Laatste back-up:"), timeout=5_000)
        copies = backup.listing(demo_path)
        assert [c.reason for c in copies] == ["start"] and backup.integrity(copies[0].path) == "ok"
    finally:
        controller.close_current()


def test_closing_at_once_waits_for_the_daily_backup(qtbot, demo_path: Path, recorded_messages) -> None:
    controller = Controller(to_url(demo_path))
    controller.close_current()  # before the copy can be done
    copies = backup.listing(demo_path)
    assert [c.reason for c in copies] == ["start"] and backup.integrity(copies[0].path) == "ok"
    assert table_dump(copies[0].path) == table_dump(demo_path)
