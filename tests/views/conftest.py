"""View tests: the real main window on a real SQLite file, settings in tmp_path, message boxes recorded."""
from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.runner import Runner
from models.db import Database
from views import messages as messages_module
from views.main_window import MainWindow


class RecordedMessages:
    """Stands in for message boxes: records what the user would have read, answers questions."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = True

    def info(self, parent, title: str, text: str) -> None:  # type: ignore[no-untyped-def]
        self.shown.append(("info", title, text))

    def error(self, parent, title: str, text: str) -> None:  # type: ignore[no-untyped-def]
        self.shown.append(("error", title, text))

    def ask(self, parent, title: str, text: str, yes: str = "Ja", no: str = "Annuleren") -> bool:  # type: ignore[no-untyped-def]
        self.shown.append(("ask", title, text))
        return self.answer


@pytest.fixture
def app_style(qapp):  # type: ignore[no-untyped-def]
    """The style the app starts with (Fusion and style.qss: its headings, paddings and header sizes), undone
    afterwards: widths and fits are measured as the user sees them."""
    from importlib import resources

    style, sheet = qapp.style().name(), qapp.styleSheet()
    qapp.setStyle("Fusion")
    qapp.setStyleSheet(resources.files("resources").joinpath("style.qss").read_text(encoding="utf-8"))
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)


@pytest.fixture
def recorded_messages(monkeypatch: pytest.MonkeyPatch) -> RecordedMessages:
    recorder = RecordedMessages()
    for name in ("info", "error", "ask"):
        monkeypatch.setattr(messages_module.messages, name, getattr(recorder, name))
    return recorder


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings: QSettings, recorded_messages: RecordedMessages, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Build the main window on a database; `today` fixes the runner's date."""
    from tests.conftest import TODAY

    built: list[MainWindow] = []

    def build(db: Database, today=TODAY) -> MainWindow:  # type: ignore[no-untyped-def]
        runner = Runner(db)
        monkeypatch.setattr(runner, "today", lambda: today)
        window = MainWindow(runner, settings)
        qtbot.addWidget(window)
        built.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield build
    # Delete each window now. Left to the garbage collector (the window and its actions refer to each other),
    # its wrapper could go at a random moment of a later test and take a new C++ object at the same address.
    import shiboken6

    while built:
        window = built.pop()
        if shiboken6.isValid(window):
            window.close()
            shiboken6.delete(window)
    gc.collect()
