"""A page's modules imported ahead, in a worker thread once the window is idle after the start, so that its first
show only builds it (issue 16: Innovatie's first show was mostly importing its modules and mapping the second
scheme). Importing makes no widget: the modules named here make only value objects (QColor) when imported, and
the mapped classes they import are configured under SQLAlchemy's lock (models/orm_innovation.py: each class
names only classes above it, so another thread's query may configure them halfway).

A page's read comes first: while one runs (a click on Verloop as the imports begin), the next module waits for it.
Importing is Python work that holds Python's lock as much as a read does, so the two would share it and the
read's figures come later by what the imports took."""
from __future__ import annotations

import importlib
import threading
from typing import Callable

import shiboken6

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from .background import collection_settled, no_collection_here, settle_when_ended
from .loading import loaders_in

#: Imported ahead, in the order of the navigation: the pages whose first show was mostly their imports (on a
#: decade under load: Verloop's, the reports' dataclasses, 50-60 ms; Uren's 35-50 ms).
AHEAD = ("views.history_page", "views.hours.page", "views.innovation.page")
POLL_MS = 200  # how often the start is looked at, until the first page has read what it shows
STEP_MS = 50  # while importing: how often the UI thread looks whether a page reads (the next module waits)
GIVE_UP_S = 10.0  # a module that waited this long for reads to end is not imported (its page imports it when shown)


class WarmUp:
    """Waits until no page of the window is reading (on two looks in a row), then calls `then` and imports
    `modules` in a thread of its own, one after the other, each once no page reads (again two quiet looks)."""

    def __init__(self, window: QWidget, modules: tuple[str, ...] = AHEAD, *,
                 then: Callable[[], None] | None = None) -> None:
        self.window = window
        self.modules = modules
        self._then = then  # called once, on the UI thread, when the start is over (idle, or the window gone)
        self.thread: threading.Thread | None = None
        self.imported: list[str] = []  # what the worker has imported, in order
        self._quiet = False  # no page was reading at the last look
        # Set by the UI thread at a look that finds no page reading (the second quiet look in a row): the worker
        # imports its next module. The worker touches no Qt object; this event and `_gone` are all it reads.
        self._go = threading.Event()
        self._gone = False
        QTimer.singleShot(POLL_MS, self._when_idle)

    def _when_idle(self) -> None:
        if not shiboken6.isValid(self.window) or not self.window.isVisible():
            self.stop()
            return  # the window went (another database, the end): the page imports what it needs when shown
        collection_settled()
        reading = any(loader.waiting or loader.reads.running for loader in loaders_in(self.window))
        # Idle on two looks in a row: the page's answer, applied just before, has been painted too (a thread
        # importing meanwhile would have that paint's calls into the model wait for Python's lock).
        quiet, self._quiet = self._quiet and not reading, not reading
        if self.thread is None:
            if not quiet:
                QTimer.singleShot(POLL_MS, self._when_idle)  # a plain callback: no timer object to outlive
                return
            self._over()
            self._go.set()
            # Not a daemon: the end of the app waits for it rather than stopping it halfway through an import.
            self.thread = threading.Thread(target=self._import, name="swv-warm-up")
            self.thread.start()
        elif quiet:
            self._go.set()
        else:
            self._go.clear()  # a page reads: the module under way finishes, the next one waits
        if self.thread.is_alive():
            QTimer.singleShot(STEP_MS, self._when_idle)
        else:
            collection_settled()  # the last import's pause ended in the thread

    def stop(self) -> None:
        """The window goes: no further module is imported (the one under way finishes)."""
        self._gone = True
        self._go.set()
        self._over()
        if self.thread is not None:
            settle_when_ended(self.thread)

    def _over(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()

    def _import(self) -> None:
        for name in self.modules:
            # Each module waits for a look of the UI thread after the last one: a click that came during that
            # import (its page waiting for the import's lock) has asked for its read by then.
            if not self._go.wait(GIVE_UP_S) or self._gone:
                return
            self._go.clear()
            try:
                with no_collection_here():  # the UI thread's next look switches the collector on again
                    importlib.import_module(name)
            except Exception:  # noqa: BLE001 - shown where it matters: the page imports it again when first shown
                return
            self.imported.append(name)
