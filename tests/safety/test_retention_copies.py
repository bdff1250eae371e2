"""The retention dialog clears the codes from the back-ups too, and says so truthfully."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.runner import Runner
from models import backup
from models.db import open_database, to_url
from tests.conftest import TODAY
from views.retention_dialog import RetentionDialog


def test_the_dialog_clears_todays_backup_too(qtbot, demo_path: Path, recorded_messages,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    with sqlite3.connect(demo_path) as conn:
        codes = [r[0] for r in conn.execute("SELECT pupil_ref FROM agreement WHERE pupil_ref <> ''")]
    taken = backup.take(demo_path, "start")  # today's start-up copy
    db = open_database(to_url(demo_path))
    runner = Runner(db)
    monkeypatch.setattr(runner, "today", lambda: TODAY)
    dialog = RetentionDialog(runner)
    qtbot.addWidget(dialog)
    dialog.open()
    recorded_messages.answer = True
    try:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finally:
        db.dispose()
    question = recorded_messages.shown[0][2]
    assert "vóór vandaag" not in question and "ook gewist uit de back-ups" in question
    assert recorded_messages.shown[-1][2] == (f"De leerlingcodes van {len(codes)} overeenkomsten zijn gewist. Ook uit "
                                              "1 kopie in de map van de database (back-ups en opzijgezette "
                                              "bestanden).")
    data = taken.read_bytes()
    assert not [code for code in codes if code.encode() in data]
