"""Leerlingcodes wissen: the period, how many agreements it concerns, a question first, then one transaction."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from desktop.runner import Runner
from models.db import Database
from tests.conftest import TODAY, table_dump
from views.retention_dialog import RetentionDialog


def _codes(db: Database) -> int:
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return conn.execute("SELECT count(*) FROM agreement WHERE pupil_ref <> ''").fetchone()[0]


@pytest.fixture
def make_dialog(qtbot, recorded_messages, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def build(db: Database, *, read_only: bool = False, **kwargs) -> RetentionDialog:  # type: ignore[no-untyped-def]
        runner = Runner(db, read_only=read_only)
        monkeypatch.setattr(runner, "today", lambda: TODAY)
        dialog = RetentionDialog(runner, **kwargs)
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitExposed(dialog)
        return dialog

    return build


def test_says_what_would_be_cleared(make_dialog, demo_db: Database) -> None:
    dialog = make_dialog(demo_db)
    count = _codes(demo_db)
    assert dialog.years.value() == 2 and dialog.years.suffix() == " jaar"
    assert dialog.summary.text() == (f"{count} overeenkomsten in schooljaar 2016-2017 (afgelopen vóór 15-1-2023) "
                                     "hebben een leerlingcode die wordt gewist.")
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == "Leerlingcodes wissen…"
    dialog.years.setValue(8)
    assert dialog.summary.text() == "Geen schooljaar is afgelopen vóór 15-1-2017; er valt niets te wissen."
    assert not dialog.ok_button.isEnabled()
    assert dialog.years_value() == 8


def test_the_setting_is_the_starting_value(make_dialog, demo_db: Database) -> None:
    assert make_dialog(demo_db, years=9).years.value() == 9


def test_cancel_keeps_everything(qtbot, make_dialog, demo_db: Database, recorded_messages) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(demo_db)
    recorded_messages.answer = False
    assert demo_db.path is not None
    before = table_dump(demo_db.path)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    kind, title, question = recorded_messages.shown[0]
    assert (kind, title) == ("ask", "Leerlingcodes wissen")
    assert question.startswith(f"De leerlingcodes van {_codes(demo_db)} overeenkomsten in schooljaar 2016-2017 "
                               "wissen?")
    assert "kan niet ongedaan worden gemaakt" in question
    assert dialog.isVisible() and dialog.cleared is None
    assert table_dump(demo_db.path) == before


def test_clear_after_yes(qtbot, make_dialog, demo_db: Database, recorded_messages) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(demo_db)
    count = _codes(demo_db)
    with qtbot.waitSignal(dialog.runner.changed) as changed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].agreements
    assert dialog.cleared == count and _codes(demo_db) == 0
    assert not dialog.isVisible() and dialog.result() == RetentionDialog.DialogCode.Accepted
    assert recorded_messages.shown[-1] == ("info", "Leerlingcodes gewist",
                                           f"De leerlingcodes van {count} overeenkomsten zijn gewist.")


def test_read_only_cannot_clear(make_dialog, demo_db: Database) -> None:
    dialog = make_dialog(demo_db, read_only=True)
    assert not dialog.ok_button.isEnabled()
    assert dialog.summary.text().endswith("De database is alleen-lezen geopend; wissen kan nu niet.")
