"""What the start does besides the check (issue 16): the ORM is set up in a thread beside the check, not on the UI
thread, and the settings file is written only when a setting changed."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from desktop import app, smoke, start_check
from desktop.app import Controller
from desktop.settings import Settings
from models.db import to_url
from models.services import integrity


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWV_UREN_SETTINGS", str(tmp_path / "settings.ini"))


def _written(path: Path) -> tuple[int, int]:
    """The file as the disk has it: a write swaps in a new copy (another inode) or at least touches it."""
    status = os.stat(path)
    return status.st_ino, status.st_mtime_ns


def test_an_unchanged_setting_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    # As an earlier session left it: ints and bools come back from an .ini file as text.
    path.write_text("[General]\ngeometry=@ByteArray(\\x1\\0\\xff)\npage=3\nyear=2016-2017\n\n"
                    "[columnsChosen]\nt=true\n", encoding="utf-8")
    before = _written(path)
    settings = Settings(str(path), Settings.Format.IniFormat)
    assert settings.value("page") == "3" and settings.value("geometry") == QByteArray(b"\x01\x00\xff")
    for key, value in {"page": 3, "year": "2016-2017", "columnsChosen/t": True,
                       "geometry": QByteArray(b"\x01\x00\xff")}.items():
        settings.setValue(key, value)
    settings.sync()
    assert _written(path) == before
    settings.setValue("page", 4)
    settings.setValue("columnsChosen/t", False)
    settings.sync()
    assert _written(path) != before
    text = path.read_text(encoding="utf-8")
    assert "page=4" in text and "t=false" in text and "year=2016-2017" in text


def test_a_start_with_nothing_changed_writes_no_settings(qtbot, demo_path: Path, recorded_messages) -> None:  # type: ignore[no-untyped-def]
    """The window stores its year and page when it opens; the second time they are what the file holds."""
    Controller(to_url(demo_path)).close_current()
    path = Path(os.environ["SWV_UREN_SETTINGS"])
    before = _written(path)
    controller = Controller(to_url(demo_path))
    try:
        qtbot.wait(100)  # QSettings writes pending changes from the event loop
        assert controller.window is not None and controller.window.year_picker.currentText() == "2016-2017"
        assert _written(path) == before
    finally:
        controller.close_current()


def test_the_orm_and_the_first_screen_are_set_up_beside_the_check(qtbot, demo_path: Path, recorded_messages,
                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The mappers are configured and the window's and first page's modules imported off the UI thread, while
    the check runs, before the file is opened; the page is the one the window opens on."""
    import importlib

    import sqlalchemy.orm

    import models.db

    seen: list[tuple[str, bool]] = []
    real_check, real_open = integrity._sqlite_check, models.db.Database.__init__
    real_import, real_configure = importlib.import_module, sqlalchemy.orm.configure_mappers

    def check(path: Path, *, quick: bool):  # type: ignore[no-untyped-def]
        seen.append(("check", _on_ui_thread()))
        return real_check(path, quick=quick)

    def opened(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        seen.append(("open", _on_ui_thread()))
        real_open(self, *args, **kwargs)

    def imported(name: str, package: str | None = None):  # type: ignore[no-untyped-def]
        seen.append((name, _on_ui_thread()))
        return real_import(name, package)

    monkeypatch.setattr(integrity, "_sqlite_check", check)
    monkeypatch.setattr(models.db.Database, "__init__", opened)
    monkeypatch.setattr(importlib, "import_module", imported)
    monkeypatch.setattr(sqlalchemy.orm, "configure_mappers", lambda: (seen.append(("configure", _on_ui_thread())),
                                                                      real_configure())[1])
    app._settings().setValue("page", 1)  # Verloop
    for checked in (True, False):  # the second time the file is as it was found sound: no check
        seen.clear()
        monkeypatch.setattr(start_check, "_prepared", None)  # as in a new process
        controller = Controller(to_url(demo_path))
        try:
            assert controller.window is not None
            assert type(controller.window.stack.currentWidget()).__name__ == "HistoryPage"
            before = seen[:seen.index(("open", True))]
            assert ("check", False) in before if checked else ("check", False) not in seen
            assert {("configure", False), ("views.main_window", False), ("views.history_page", False)} <= set(before)
        finally:
            controller.close_current()
        assert integrity.known_sound(demo_path)


def _on_ui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def test_the_smoke_run_sleeps_while_the_first_page_reads(qtbot, qapp, demo_path: Path, recorded_messages,
                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`--smoke` waits for the first page's read with the event loop asleep between events: it spun, looking
    thousands of times and taking the processor from the worker that reads."""
    import views.loading
    from models.services import overview

    release = threading.Event()
    real_read, real_loaders_in = overview.overview, views.loading.loaders_in
    looks: list[object] = []

    def held(*args, **named):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real_read(*args, **named)

    monkeypatch.setattr(overview, "overview", held)
    monkeypatch.setattr(views.loading, "loaders_in", lambda widget: (looks.append(widget), real_loaders_in(widget))[1])
    controller = Controller(to_url(demo_path), smoke=True)
    try:
        window = controller.window
        assert window is not None
        timer = threading.Timer(0.3, release.set)
        timer.start()
        page = window.stack.currentWidget()
        smoke.show_loaded(qapp, page)  # what smoke.first_page does (without the app's own QApplication set-up)
        assert not any(loader.waiting for loader in real_loaders_in(page)) and page.model.rowCount() > 0
        assert 1 < len(looks) < 100  # 0.3 s: a look per event (the loaders' 10 ms poll, the 50 ms wake-up)
    finally:
        release.set()
        controller.close_current()
