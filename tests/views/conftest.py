"""View tests: the real main window on a real SQLite file, settings in tmp_path, message boxes recorded."""
from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.runner import Runner
from models.db import Database
from views import messages as messages_module
from tests.views.uren_helpers import wait_loaded
from views.main_window import MainWindow


class RecordedMessages:
    """Stands in for message boxes: records what the user would have read, answers questions."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = True
        self.unexpected_is_the_point = False  # only the test of that dialog itself
        self.defaults: list[str] = []  # the answer each question gives on Enter

    def info(self, parent, title: str, text: str) -> None:  # type: ignore[no-untyped-def]
        self.shown.append(("info", title, text))

    def error(self, parent, title: str, text: str) -> None:  # type: ignore[no-untyped-def]
        self.shown.append(("error", title, text))

    def ask(self, parent, title: str, text: str, yes: str = "Ja", no: str = "Annuleren", *,  # type: ignore[no-untyped-def]
            default_yes: bool = False) -> bool:
        self.shown.append(("ask", title, text))
        self.defaults.append(yes if default_yes else no)
        return self.answer

    def saved(self, parent, path: Path, what: str = "Opgeslagen als") -> None:  # type: ignore[no-untyped-def]
        self.shown.append(("info", "Opgeslagen", f"{what} {path}"))


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


UNEXPECTED = "Onverwachte fout"  # the title of desktop.app's "Er ging iets mis" dialog


@pytest.fixture
def recorded_messages(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Message boxes recorded instead of shown. The unexpected-error dialog fails the test it appears in,
    whatever that test checks."""
    recorder = RecordedMessages()
    for name in ("info", "error", "ask"):
        monkeypatch.setattr(messages_module.messages, name, getattr(recorder, name))
    yield recorder
    unexpected = [text for _kind, title, text in recorder.shown
                  if title == UNEXPECTED and not recorder.unexpected_is_the_point]
    assert not unexpected, f"the user was shown 'Er ging iets mis': {unexpected}"


class Answers:
    """Answers the app's file and input dialogs as a person would: a save dialog saves under the suggested name
    in `folder` (or at `save_as`), a folder dialog picks `folder`, an open dialog picks `open_file` (none: the
    user cancels), a list picks `item` (else the first choice), a text field keeps its text (or takes `text`).
    Every question asked is kept in `asked`, every file a save dialog answered in `saved`, the path a save dialog
    started at (folder and suggested name) in `suggested`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.save_as: Path | None = None
        self.open_file: Path | None = None
        self.item: str | None = None
        self.text: str | None = None
        self.cancel = False
        self.asked: list[tuple[str, str]] = []
        self.saved: list[Path] = []
        self.suggested: list[str] = []  # what each save dialog started on: folder and file name

    def get_save_file_name(self, parent=None, caption: str = "", directory: str = "", filter: str = "",  # noqa: A002
                           *args, **kwargs):  # type: ignore[no-untyped-def]
        self.asked.append(("save", caption))
        self.suggested.append(directory)
        if self.cancel:
            return "", ""
        path = self.save_as or self.folder / Path(directory or "bestand").name
        self.saved.append(path)
        return str(path), filter.split(";;")[0]

    def get_open_file_name(self, parent=None, caption: str = "", *args, **kwargs):  # type: ignore[no-untyped-def]
        self.asked.append(("open", caption))
        if self.cancel or self.open_file is None:
            return "", ""
        return str(self.open_file), ""

    def get_existing_directory(self, parent=None, caption: str = "", *args, **kwargs):  # type: ignore[no-untyped-def]
        self.asked.append(("folder", caption))
        return "" if self.cancel else str(self.folder)

    def get_item(self, parent, title: str, label: str, items, current: int = 0, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.asked.append(("item", title))
        items = list(items)
        if self.cancel or not items:
            return "", False
        return (self.item if self.item in items else items[current]), True

    def get_text(self, parent, title: str, label: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.asked.append(("text", title))
        if self.cancel:
            return "", False
        return (self.text if self.text is not None else str(kwargs.get("text", ""))), True


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Answers:
    """The file and input dialogs answered (see Answers); files go to tmp_path/uit."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    folder = tmp_path / "uit"
    folder.mkdir(exist_ok=True)
    answering = Answers(folder)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answering.get_save_file_name))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answering.get_open_file_name))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(answering.get_existing_directory))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(answering.get_item))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answering.get_text))
    return answering


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
        window = MainWindow(runner, settings, dialogs=recorded_messages)  # handed to every page
        qtbot.addWidget(window)
        built.append(window)
        window.show()
        qtbot.waitExposed(window)
        wait_loaded(qtbot, window)  # the first page's figures are read off the UI thread
        return window

    yield build
    # Delete each window now. Left to the garbage collector (the window and its actions refer to each other),
    # its wrapper could go at a random moment of a later test and take a new C++ object at the same address.
    import shiboken6

    while built:
        window = built.pop()
        window.runner.wait_for_reads()  # a page's read in a worker ends before its database is closed
        if shiboken6.isValid(window):
            window.close()
            shiboken6.delete(window)
    gc.collect()
