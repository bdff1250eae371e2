"""A page's modules imported ahead, in a worker thread once the window is idle after the start, so that its first
show only builds it (issue 16: Innovatie's first show was mostly importing its modules and mapping the second
scheme). Importing makes no widget: the modules named here make only value objects (QColor) when imported, and
the mapped classes they import are configured under SQLAlchemy's lock (models/orm_innovation.py: each class
names only classes above it, so another thread's query may configure them halfway)."""
from __future__ import annotations

import importlib
import threading
from typing import Callable

import shiboken6

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from .loading import loaders_in

#: Imported ahead, in the order of the navigation: the pages whose first show was mostly their imports (on a
#: decade under load: Verloop's, the reports' dataclasses, 50-60 ms; Uren's 35-50 ms).
AHEAD = ("views.history_page", "views.hours.page", "views.innovation.page")
POLL_MS = 200  # how often the start is looked at, until the first page has read what it shows


class WarmUp:
    """Waits until no page of the window is reading (on two looks in a row), then calls `then` and imports
    `modules` in a thread of its own."""

    def __init__(self, window: QWidget, modules: tuple[str, ...] = AHEAD, *,
                 then: Callable[[], None] | None = None) -> None:
        self.window = window
        self.modules = modules
        self._then = then  # called once, on the UI thread, when the start is over (idle, or the window gone)
        self.thread: threading.Thread | None = None
        self.imported: list[str] = []  # what the worker has imported, in order
        self._quiet = False  # no page was reading at the last look
        QTimer.singleShot(POLL_MS, self._when_idle)

    def _when_idle(self) -> None:
        if not shiboken6.isValid(self.window) or not self.window.isVisible():
            self._over()
            return  # the window went (another database, the end): the page imports what it needs when shown
        reading = any(loader.waiting for loader in loaders_in(self.window))
        if reading or not self._quiet:
            # Idle on two looks in a row: the first page's answer, applied just before, has been painted too
            # (a thread importing meanwhile would have that paint's calls into the model wait for Python's lock).
            self._quiet = not reading
            QTimer.singleShot(POLL_MS, self._when_idle)  # a plain callback: no timer object to outlive
            return
        self._over()
        # Not a daemon: the end of the app waits for it rather than stopping it halfway through an import.
        self.thread = threading.Thread(target=self._import, name="swv-warm-up")
        self.thread.start()

    def _over(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()

    def _import(self) -> None:
        for name in self.modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - shown where it matters: the page imports it again when first shown
                return
            self.imported.append(name)
