"""`--smoke` and `--smoke-all`: the window opened on a database, its first page (or every page) read and painted,
then closed; exit 1 on any error, also one raised in a slot or a thread. What the start-up benchmark times."""
from __future__ import annotations

import sys
import threading
import traceback
from typing import TYPE_CHECKING, Any

from .app import _application

if TYPE_CHECKING:
    from .app import Controller


def show_loaded(app, page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page's figures, read off the UI thread, are in; then paint it. The loop sleeps between
    events (the loaders look for their answer every 10 ms; `awake` makes sure of a turn every 50 ms): with a
    time limit, processEvents returns at once when nothing is pending, and the wait spun, taking the processor
    from the worker that reads."""
    from PySide6.QtCore import QEventLoop, QTimer

    from views.loading import loaders_in

    loop = QEventLoop()
    app.processEvents()
    awake = QTimer()
    awake.start(50)
    try:
        while any(loader.waiting for loader in loaders_in(page)):
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        awake.stop()
    page.repaint()
    app.processEvents()


def first_page(window) -> None:  # type: ignore[no-untyped-def]
    """`--smoke`: the screen the window opens on, loaded and painted (what the start-up benchmark times)."""
    show_loaded(_application(), window.stack.currentWidget())


def every_page(window) -> None:  # type: ignore[no-untyped-def]
    """`--smoke-all`: build and show every page of the navigation, as a user clicking through them would (the
    remembered page is left as it was)."""
    from views.main_window import PAGES

    app = _application()
    for entry in PAGES:
        page = window.page(entry.class_name)
        window.stack.setCurrentWidget(page)
        show_loaded(app, page)


def run(app, controller: Controller, tour) -> int:  # type: ignore[no-untyped-def]
    """Open the window (and the pages of `tour`), then close. Exit 1 on any error, also one raised in a slot or
    a thread (Qt only prints those): a smoke run that printed a traceback has failed."""
    from . import collector

    failures: list[str] = []

    def record(kind: type[BaseException], error: BaseException, trace: Any) -> None:
        failures.append("".join(traceback.format_exception(kind, error, trace)))

    hooks = sys.excepthook, threading.excepthook
    sys.excepthook = record
    threading.excepthook = lambda args: record(args.exc_type, args.exc_value, args.exc_traceback)  # type: ignore
    try:
        app.processEvents()
        tour(controller.window)
        collector.started()
        app.processEvents()
    except Exception:
        record(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        sys.excepthook, threading.excepthook = hooks
        controller.close_for_good()
    for failure in failures:
        print(failure, file=sys.stderr, end="")
    if failures:
        print(f"Rooktest mislukt: {len(failures)} fout(en).", file=sys.stderr)
    return 1 if failures else 0
