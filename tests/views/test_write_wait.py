"""While another user (or a script) writes, a change in the app waits its turn and says so in the status bar:
"Bezig: een andere gebruiker schrijft …"; then it is saved, or after the busy wait refused in the dialog
with nothing written (issue 12, §4). A real SQLite file and a real second connection hold the write lock."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from models import dbfile
from models.services import hours
from tests.views.test_hours_page import fill, grid_cell, open_page
from tests.views.uren_helpers import add_agreement, read, register_by_click


def _other_writer(path) -> sqlite3.Connection:  # type: ignore[no-untyped-def]
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE board SET contact_person = 'ander' WHERE id = (SELECT min(id) FROM board)")
    return other


def test_a_booking_waits_for_another_writer_shows_it_and_is_saved(qtbot, make_window, reference_db) -> None:
    number = add_agreement(reference_db)
    window, page = open_page(make_window, reference_db)
    assert window.state_label.text() == "bewerkbaar"
    dialog = register_by_click(qtbot, page)
    fill(qtbot, dialog, number, "2016-10", "2,5")
    other = _other_writer(reference_db.path)
    seen: list[tuple[str, bool]] = []

    def look_then_let_go() -> None:  # runs while the app waits: what does the user see?
        seen.append((window.state_label.text(), QApplication.overrideCursor() is not None))
        other.execute("COMMIT")

    QTimer.singleShot(500, look_then_let_go)
    try:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finally:
        other.close()
    [(status, busy_cursor)] = seen
    assert status.startswith("Bezig: een andere gebruiker schrijft …") and busy_cursor
    assert not dialog.isVisible(), dialog.error_text()
    assert window.state_label.text() == "bewerkbaar" and QApplication.overrideCursor() is None
    assert grid_cell(page, "KPO", "Kameleon", "okt") == "2,5\n/ 18"
    assert [e.minutes for e in read(reference_db, lambda s: hours.entries(s, number))] == [150]


def test_a_lock_that_stays_taken_is_refused_in_the_dialog_and_nothing_is_written(
        qtbot, make_window, reference_db, monkeypatch: pytest.MonkeyPatch) -> None:
    number = add_agreement(reference_db)
    window, page = open_page(make_window, reference_db)
    dialog = register_by_click(qtbot, page)
    fill(qtbot, dialog, number, "2016-10", "2,5")
    monkeypatch.setattr(dbfile, "BUSY_SECONDS", 0.6)
    other = _other_writer(reference_db.path)
    seen: list[str] = []
    QTimer.singleShot(300, lambda: seen.append(window.state_label.text()))
    try:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert seen and seen[0].startswith("Bezig: een andere gebruiker schrijft …")
    assert dialog.isVisible() and "bezet" in dialog.error_text() and "\n" not in dialog.error_text()
    assert window.state_label.text() == "bewerkbaar" and QApplication.overrideCursor() is None
    assert read(reference_db, lambda s: hours.entries(s, number)) == []
    dialog.reject()
