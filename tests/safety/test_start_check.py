"""The check at every start: SQLite's quick check, skipped only for a file exactly as it was last found sound
(models/services/integrity.py, CHECKED_NOTE). Any change since, by anyone, and a crash's journal, mean a check."""
from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.app import Controller
from models import backup
from models.db import to_url
from models.domain.errors import Refusal
from models.services import integrity


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWV_UREN_SETTINGS", str(tmp_path / "settings.ini"))


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files SQLite's check ran on, in order."""
    ran: list[Path] = []
    real = integrity._sqlite_check

    def counted(path: Path, *, quick: bool):  # type: ignore[no-untyped-def]
        ran.append(path)
        return real(path, quick=quick)

    monkeypatch.setattr(integrity, "_sqlite_check", counted)
    return ran


def _open_and_close(path: Path) -> Controller:
    controller = Controller(to_url(path))
    assert controller.window is not None and controller.window.isVisible()
    controller.close_current()
    return controller


def _touch_header(path: Path) -> None:
    """Another program writes (a change that leaves the file sound)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()


def test_a_file_as_it_was_left_is_not_checked_again(qtbot, demo_path: Path, recorded_messages, checks) -> None:
    _open_and_close(demo_path)
    assert checks == [demo_path] and integrity.known_sound(demo_path)
    _open_and_close(demo_path)
    assert checks == [demo_path]  # the second start found the file as the first left it
    assert recorded_messages.shown == []


def test_damage_after_a_clean_close_is_still_found(qtbot, demo_path: Path, recorded_messages, checks) -> None:
    _open_and_close(demo_path)
    backup.take(demo_path, "start")
    demo_path.write_bytes(demo_path.read_bytes()[:5000])
    recorded_messages.answer = False  # no restore
    with pytest.raises(Exception):
        Controller(to_url(demo_path))
    assert checks == [demo_path, demo_path]
    assert "niet in orde" in recorded_messages.shown[0][2]


def test_another_program_writing_means_a_check(qtbot, demo_path: Path, recorded_messages, checks) -> None:
    _open_and_close(demo_path)
    _touch_header(demo_path)
    assert not integrity.known_sound(demo_path)
    _open_and_close(demo_path)
    assert checks == [demo_path, demo_path]


def test_a_write_by_another_program_during_the_session_is_not_taken_as_checked(qtbot, demo_path: Path,
                                                                             recorded_messages, checks) -> None:
    controller = Controller(to_url(demo_path))
    _touch_header(demo_path)  # while the app has it open, and changes nothing itself
    controller.close_current()
    assert not integrity.known_sound(demo_path)


def test_a_journal_beside_the_file_means_a_check(qtbot, demo_path: Path, recorded_messages, checks) -> None:
    _open_and_close(demo_path)
    journal = Path(f"{demo_path}-journal")
    journal.write_bytes(b"")  # an empty journal: nothing to roll back, but the file may be mid-write
    assert not integrity.known_sound(demo_path)
    journal.unlink()
    assert integrity.known_sound(demo_path)


def test_a_session_that_changed_the_file_is_remembered_after_its_verified_copy(qtbot, demo_path: Path,
                                                                               recorded_messages, checks) -> None:
    from models.services import masterdata

    controller = Controller(to_url(demo_path))
    assert controller.runner is not None
    controller.runner.write(masterdata.add_school, "KPO", "De Toren")
    controller.close_current()
    assert "afsluiten" in [copy.reason for copy in backup.listing(demo_path)]
    assert integrity.known_sound(demo_path)
    _open_and_close(demo_path)
    assert checks == [demo_path]


def test_a_same_sized_file_changed_later_is_checked(demo_path: Path) -> None:
    integrity.remember_sound(demo_path)
    stat = demo_path.stat()
    os.utime(demo_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert not integrity.known_sound(demo_path)


def _held_check(monkeypatch: pytest.MonkeyPatch, release: threading.Event,
                seen: list[tuple[bool, bool]]) -> None:
    """SQLite's check waits (at most 5 s) for `release`; `seen` gets (on the UI thread?, released in time?)."""
    real = integrity._sqlite_check

    def held(path: Path, *, quick: bool):  # type: ignore[no-untyped-def]
        on_ui_thread = threading.current_thread() is threading.main_thread()
        seen.append((on_ui_thread, release.wait(5)))
        return real(path, quick=quick)

    monkeypatch.setattr(integrity, "_sqlite_check", held)


def test_the_check_runs_in_a_worker_while_the_event_loop_turns(qtbot, demo_path: Path, recorded_messages,
                                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The quick check of a large file no longer blocks the UI thread: a timer on the event loop fires during it
    (it releases the check), and the window opens once the check has found the file sound."""
    from PySide6.QtCore import QTimer

    release = threading.Event()
    seen: list[tuple[bool, bool]] = []
    _held_check(monkeypatch, release, seen)
    QTimer.singleShot(50, release.set)  # fires only while the event loop turns
    controller = _open_and_close(demo_path)
    assert seen == [(False, True)] and integrity.known_sound(demo_path)
    assert controller.window is None and recorded_messages.shown == []


def test_stopping_a_long_check_opens_nothing(qtbot, demo_path: Path, recorded_messages, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """"Bezig met controleren…" shows when the check takes a while; Annuleren stops the start before the file is
    opened, and leaves it as it was (no back-up taken, nothing remembered as checked)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from desktop.start_check import CHECK_TEXT

    before = demo_path.read_bytes()
    release = threading.Event()
    seen: list[tuple[bool, bool]] = []
    _held_check(monkeypatch, release, seen)
    shown: list[str] = []

    def cancel_when_shown() -> None:
        """As a person does: once the dialog is on screen with its button laid out, click Annuleren (again, should
        the click have come before the button could take it)."""
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QProgressDialog) and w.isVisible()), None)
        button = next((b for b in dialog.findChildren(QPushButton) if b.text() == "Annuleren"), None) if dialog else None
        if dialog is None or button is None or not button.isVisible() or button.width() == 0:
            return
        shown.append(dialog.labelText())
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(cancel_when_shown)
    poll.start()
    try:
        with pytest.raises(Refusal):
            controller = Controller(to_url(demo_path))
            controller.close_current()  # reached only when the start went on (a failure): leave nothing open
    finally:
        poll.stop()
        release.set()
    assert shown and set(shown) == {CHECK_TEXT}
    assert demo_path.read_bytes() == before and not integrity.known_sound(demo_path)
    assert backup.listing(demo_path) == []  # no back-up was taken: the file was never opened
