"""The log file in the data folder: an unexpected error's trace is kept there, also without stderr (a windowed
program has none), rotated at 1 MB with 5 old files."""
from __future__ import annotations

import logging.handlers
import sys
from pathlib import Path

from desktop import log


def _raise_and_show() -> None:
    from desktop.app import _show_unexpected

    try:
        {}["sleutel"]
    except KeyError as error:
        _show_unexpected(KeyError, error, error.__traceback__)


def test_the_log_folder_is_beside_the_default_database(monkeypatch) -> None:
    from desktop.paths import default_database

    monkeypatch.delenv(log.ENV, raising=False)
    assert log.log_folder() == default_database().parent / "Logs"
    assert log.log_folder().parent.name == "SWV Uren"


def test_an_unexpected_error_is_logged_without_stderr(monkeypatch, tmp_path: Path) -> None:
    from views.messages import messages

    shown: list[str] = []
    monkeypatch.setattr(messages, "error", lambda _parent, title, _text: shown.append(title))
    monkeypatch.setenv(log.ENV, str(tmp_path / "Logs"))
    monkeypatch.setattr(sys, "stderr", None)  # as in a windowed exe
    _raise_and_show()
    text = (tmp_path / "Logs" / log.FILE_NAME).read_text(encoding="utf-8")
    assert "Onverwachte fout: KeyError" in text and "Traceback" in text and "{}[\"sleutel\"]" in text
    assert shown == ["Onverwachte fout"]


def test_an_unexpected_error_also_goes_to_stderr(monkeypatch, tmp_path: Path, capsys) -> None:
    from views.messages import messages

    monkeypatch.setattr(messages, "error", lambda *_args: None)
    monkeypatch.setenv(log.ENV, str(tmp_path / "Logs"))
    _raise_and_show()
    assert "Traceback" in capsys.readouterr().err


def test_a_log_folder_that_cannot_be_made_loses_nothing_else(monkeypatch, tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    monkeypatch.setenv(log.ENV, str(blocker / "Logs"))
    monkeypatch.setattr(sys, "stderr", None)
    log.log_error("geen plek")  # no exception


def test_the_log_rotates(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(log.ENV, str(tmp_path))
    monkeypatch.setattr(log, "MAX_BYTES", 2_000)
    for number in range(100):
        log.log_error(f"melding {number} " + "x" * 200)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [log.FILE_NAME] + [f"{log.FILE_NAME}.{n}" for n in range(1, log.BACKUPS + 1)]
    assert all(p.stat().st_size <= 2_000 for p in tmp_path.iterdir())
    handler = next(h for h in log._handlers() if isinstance(h, logging.handlers.RotatingFileHandler))
    handler.close()
    assert (handler.maxBytes, handler.backupCount) == (2_000, 5) and log.MAX_BYTES == 2_000


def test_the_defaults_are_one_megabyte_times_five() -> None:
    assert (log.MAX_BYTES, log.BACKUPS) == (1_000_000, 5)
