"""The runner turns a failing database into a Dutch refusal, after rolling the whole action back."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.runner import Runner
from models.db import Database, DatabaseFailed
from tests.conftest import table_dump


def _change_then_fail(session, board: str) -> None:  # type: ignore[no-untyped-def]
    session.execute(text("UPDATE board SET contact_person = 'tussenstand' WHERE name = :name"), {"name": board})
    session.execute(text("SELECT * FROM tabel_die_niet_bestaat"))


def test_a_failing_write_is_a_refusal_and_changes_nothing(qtbot, demo_db: Database, demo_path) -> None:
    runner = Runner(demo_db)
    seen: list[object] = []
    runner.changed.connect(seen.append)
    before = table_dump(demo_path)
    with pytest.raises(DatabaseFailed) as caught:
        runner.write(_change_then_fail, "KPO")
    assert caught.value.message.startswith("De database kan niet worden gelezen (de tabellen passen niet bij SWV Uren)")
    assert "no such table" not in caught.value.message  # SQLite's own words are English
    assert "\n" not in caught.value.message
    assert table_dump(demo_path) == before and seen == [] and not runner.changed_anything


def test_a_failing_read_is_a_refusal(qtbot, demo_db: Database) -> None:
    runner = Runner(demo_db)
    with pytest.raises(DatabaseFailed, match="^De database kan niet worden gelezen"):
        runner.read(lambda session: session.execute(text("SELECT nergens FROM niets")).all())


def test_an_unexpected_error_is_told_in_dutch(recorded_messages, capsys) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import _show_unexpected

    recorded_messages.unexpected_is_the_point = True
    try:
        {}["sleutel"]
    except KeyError as error:
        _show_unexpected(KeyError, error, error.__traceback__)
    kind, title, text = recorded_messages.shown[-1]
    assert (kind, title) == ("error", "Onverwachte fout")
    assert text.startswith("Er ging iets mis (KeyError: 'sleutel'). De laatste handeling is niet opgeslagen")
    assert "Traceback" in capsys.readouterr().err
