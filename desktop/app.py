"""Start-up of the desktop app: Qt, the database, the runner and the main window."""
from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

from models.db import Database, open_database, to_url
from models.domain.errors import Refusal

SETTINGS_ENV = "SWV_UREN_SETTINGS"  # an .ini path, for tests and portable installs


def _settings():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    path = os.environ.get(SETTINGS_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("SWV", "SWV Uren")


def _application():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("SWV Uren")
        app.setOrganizationName("SWV")
        app.setStyle("Fusion")
    app.setStyleSheet(resources.files("resources").joinpath("style.qss").read_text(encoding="utf-8"))
    return app


def last_backup_text(db: Database) -> str:
    if db.path is None:
        return ""
    folder = db.path.parent / "backups"
    copies = sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime) if folder.exists() else []
    if not copies:
        return "Nog geen back-up"
    import datetime as dt

    when = dt.datetime.fromtimestamp(copies[-1].stat().st_mtime)
    return f"Laatste back-up: {when.day}-{when.month}-{when.year} {when:%H:%M}"


class Controller:
    """Owns the window; can switch to another database (the demo) without restarting."""

    def __init__(self, url: str) -> None:
        self.db: Database | None = None
        self.window = None
        self.open(url)

    def open(self, url: str) -> None:
        from desktop.runner import Runner
        from views.main_window import MainWindow

        db = open_database(url, create=True)
        if self.window is not None:
            self.window.save_state()
            self.window.close()
        if self.db is not None:
            self.db.dispose()
        self.db = db
        runner = Runner(db)
        self.window = MainWindow(runner, _settings(), backup_info=lambda: last_backup_text(db))
        self.window.demo_requested.connect(self.open_demo)
        self.window.show()

    def open_demo(self) -> None:
        from models import clock
        from models.services import demo, years

        assert self.db is not None
        folder = self.db.path.parent if self.db.path else Path.cwd()
        url = to_url(folder / "demo.sqlite")
        demo_db = open_database(url, create=True)
        try:
            with demo_db.write() as session:
                if years.is_empty(session):
                    demo.fill(session, clock.today())
        finally:
            demo_db.dispose()
        self.open(url)


def run_app(url: str, *, smoke: bool = False) -> int:
    app = _application()
    try:
        controller = Controller(url)
    except Refusal as error:
        from views.messages import messages

        messages.error(None, "SWV Uren", error.message)
        return 1
    if smoke:
        window = controller.window
        assert window is not None
        app.processEvents()
        window.stack.currentWidget().repaint()
        app.processEvents()
        window.close()
        return 0
    return app.exec()
