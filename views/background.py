"""Long work off the UI thread, with a progress dialog that can be cancelled ("Bezig met …").

`run_in_background(parent, "Bezig met …", fn, *args)` runs `fn(*args)` in a worker thread and returns its
result, or None when the user cancelled. The window keeps painting meanwhile; input to it waits (the dialog
is modal once shown). Work that is done within `DELAY_MS` shows no dialog at all. An exception of `fn`
is raised again in the caller, so the caller's `except Refusal` shows it as before; with `refusal_title`
a Refusal is shown as a message (in Dutch, as the services word it) and None is returned.

Database work gets its own session in the worker (SQLite connections belong to one thread; the runner opens
a session per call). `write_in_background` runs one service call as one write transaction whose commit is
the point of no return: cancelled before it, the transaction rolls back and the database is unchanged;
once committing, the cancel button is switched off and the result is delivered.

Work that wants to report progress or stop early takes a `Task` (`run_task`): `task.report(done, total,
text)` moves the bar, `task.check()` raises Cancelled when the user cancelled, and `task.commit()` marks
the point after which cancelling is no longer possible (it raises Cancelled when the user was quicker).

A screen that reads again before the last answer came (a search as the user types) uses `LatestRead`
(views/latest_read.py) instead: it does not wait, so the window takes keys and clicks meanwhile; only the answer to the latest
request is shown, and its progress (with a cancel button) belongs on the screen itself, after `DELAY_MS`.
"""
from __future__ import annotations

import gc
import threading
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from models.domain.errors import Refusal

from .messages import default_dialogs
from .ports import Dialogs, Runner

T = TypeVar("T")
DELAY_MS = 400  # quicker work shows no dialog


class Cancelled(Exception):
    """The user cancelled; raised inside the work by Task.check and Task.commit."""


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal()


class Task:
    """The worker's side of the dialog: progress, the cancel flag, and the point of no return."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._committed = False
        self.signals = _Signals()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @property
    def committed(self) -> bool:
        return self._committed

    def report(self, done: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(done, total, text)

    def check(self) -> None:
        if self._cancelled:
            raise Cancelled

    def commit(self) -> None:
        """From here on the work finishes: cancelling is no longer possible."""
        with self._lock:
            if self._cancelled:
                raise Cancelled
            self._committed = True
        self.signals.progress.emit(-1, -1, "")  # the dialog switches its cancel button off

    def cancel(self) -> bool:
        """False when the work is past its point of no return."""
        with self._lock:
            if self._committed:
                return False
            self._cancelled = True
            return True


class _NoCollection:
    """Python's cycle collector paused while a worker reads. It runs in whichever thread happens to allocate,
    and a cycle it frees may hold a Qt widget (a closed dialog or window): freed in a worker thread, that
    crashes the process. Paused for the length of a read (≤ 1 s), it runs on the UI thread in between.

    A worker that ends the last pause does not switch the collector on itself: the allocations counted during
    the pause would set off the collection held back at its next allocation, in that worker. The UI thread
    does, where it takes the worker's answer (`settle`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._workers = 0
        self._was_enabled = True
        self._to_enable = False  # the last pause ended in a worker: the UI thread switches the collector on

    def __enter__(self) -> None:
        with self._lock:
            if self._workers == 0:
                if not self._to_enable:  # else it is off, waiting for the UI thread, and was on before
                    self._was_enabled = gc.isenabled()
                gc.disable()
            self._workers += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._workers -= 1
            if self._workers == 0 and self._was_enabled:
                if threading.current_thread() is threading.main_thread():
                    gc.enable()
                else:
                    self._to_enable = True

    def settle(self) -> None:
        """On the UI thread: the collector on again when no worker pauses it any more."""
        with self._lock:
            if self._to_enable and self._workers == 0:
                self._to_enable = False
                gc.enable()


_no_collection = _NoCollection()


def no_collection_here() -> _NoCollection:
    """`with no_collection_here():` around work in a thread that is not the UI thread; the UI thread calls
    `collection_settled()` where it takes that work's answer."""
    return _no_collection


def collection_settled() -> None:
    """Called on the UI thread once a worker's answer is taken: the collector on again if no worker reads."""
    _no_collection.settle()


def settle_when_ended(thread: threading.Thread) -> None:
    """On the UI thread: `collection_settled()` once `thread` has ended (work whose answer nobody waits for any
    more: cancelled, or a window gone), looked at every SETTLE_POLL_MS."""
    if thread.is_alive():
        QTimer.singleShot(SETTLE_POLL_MS, lambda: settle_when_ended(thread))  # a plain callback: no timer to outlive
    else:
        collection_settled()


SETTLE_POLL_MS = 100


def run_task(parent: QWidget | None, label: str, work: Callable[[Task], T], *, title: str = "",
             refusal_title: str | None = None, wait_on_cancel: bool = False, delay_ms: int = DELAY_MS,
             dialogs: Dialogs | None = None) -> T | None:
    """Run `work(task)` in a worker thread; its result, or None when cancelled (see the module). A refusal is
    shown under `refusal_title` by `dialogs` (the app's message boxes when none are given).

    Cancelling returns at once and drops the worker's result, unless `wait_on_cancel`: then the dialog stays
    ("Bezig met annuleren…") until the work has stopped (a transaction rolled back, for instance)."""
    task = Task()
    outcome: dict[str, Any] = {}
    finished = threading.Event()
    loop = QEventLoop()

    def worker() -> None:
        with no_collection_here():
            try:
                outcome["result"] = work(task)
            except BaseException as error:  # noqa: BLE001 - handed to the UI thread
                outcome["error"] = error
            finally:
                finished.set()
                task.signals.done.emit()

    task.signals.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    # The dialog is made only when it shows (most work ends before delay_ms): until then its state is kept here.
    shown_state: dict[str, Any] = {"label": label, "maximum": 0, "value": 0, "cancellable": True}
    made: list[QProgressDialog] = []

    def dialog() -> QProgressDialog:
        if not made:
            made.append(QProgressDialog(shown_state["label"], "Annuleren", 0, shown_state["maximum"], parent))
            made[0].setObjectName("backgroundProgress")
            made[0].setWindowTitle(title or label.rstrip(".… "))
            made[0].setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                                      else Qt.WindowModality.ApplicationModal)
            made[0].setAutoClose(False)
            made[0].setAutoReset(False)
            made[0].setMinimumDuration(24 * 3600 * 1000)  # never on its own timer: shown below, after delay_ms
            made[0].setValue(shown_state["value"])
            if not shown_state["cancellable"]:
                made[0].setCancelButton(None)  # type: ignore[arg-type]
            made[0].canceled.connect(on_cancel)  # the Annuleren button, the close button
            made[0].rejected.connect(on_cancel)  # Escape, which only hides a dialog
        return made[0]

    def on_progress(done: int, total: int, text: str) -> None:
        if done < 0:  # past the point of no return
            shown_state["cancellable"] = False
            if made:
                made[0].setCancelButton(None)  # type: ignore[arg-type]
            return
        if task.cancelled:
            return  # "Bezig met annuleren…" stays
        shown_state["maximum"] = max(total, 0)
        shown_state["value"] = min(done, total) if total > 0 else 0
        if text:
            shown_state["label"] = text
        if made:
            made[0].setMaximum(shown_state["maximum"])
            made[0].setValue(shown_state["value"])
            made[0].setLabelText(shown_state["label"])

    def on_cancel() -> None:
        # Called by the dialog's own signals, so it is made. (Not through dialog(): two functions naming each
        # other are a cycle that Python's collector frees at any moment, in any thread, dialog and all.)
        shown = made[0]
        if not task.cancel():
            shown.show()  # past the point of no return: canceled() (Escape, the close button) hid it
            return
        if wait_on_cancel:
            shown.setLabelText("Bezig met annuleren…")
            shown.show()  # canceled() hid it
        else:
            loop.quit()  # the caller returns now; the worker's result is dropped

    task.signals.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    show = QTimer()
    show.setSingleShot(True)
    show.start(delay_ms)  # its timeout wakes the loop below
    thread = threading.Thread(target=worker, name="swv-background", daemon=True)
    override = QApplication.overrideCursor() is None
    if override:
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        thread.start()
        # Until the dialog shows: timers, painting and the worker's signals, but no clicks or keys.
        while not finished.is_set() and show.isActive():
            loop.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
                               | QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if not finished.is_set():
            dialog().show()
            loop.exec()
        # Signals of the worker still queued (e.g. what changed) are delivered before the caller goes on.
        QApplication.sendPostedEvents()
    finally:
        show.stop()
        if override:
            QApplication.restoreOverrideCursor()
        for shown in made:
            shown.hide()
            shown.deleteLater()
    if not finished.is_set():
        settle_when_ended(thread)
        return None  # cancelled while working: the result is dropped
    # Its last step, the `done` signal, may still be under way: a program that ends right after this (a start
    # refused) must not end with a thread inside Qt, which aborts the process ("terminate called…").
    thread.join()
    collection_settled()
    error = outcome.get("error")
    if isinstance(error, Cancelled):
        return None
    if error is not None:
        if refusal_title is not None and isinstance(error, Refusal):
            (dialogs if dialogs is not None else default_dialogs()).error(parent, refusal_title, error.message)
            return None
        raise error
    return outcome.get("result")


def run_in_background(parent: QWidget | None, label: str, fn: Callable[..., T], *args: Any,
                      refusal_title: str | None = None, **kwargs: Any) -> T | None:
    """`fn(*args, **kwargs)` in a worker thread: its result, or None when cancelled."""
    return run_task(parent, label, lambda _task: fn(*args, **kwargs), refusal_title=refusal_title)


def read_in_background(runner: Runner, parent: QWidget | None, label: str, fn: Callable[..., T], *args: Any,
                       refusal_title: str | None = None, **kwargs: Any) -> T | None:
    """A service call in a read transaction of its own, in a worker thread."""
    return run_in_background(parent, label, runner.read, fn, *args, refusal_title=refusal_title, **kwargs)


def write_in_background(runner: Runner, parent: QWidget | None, label: str, fn: Callable[..., T], *args: Any,
                        refusal_title: str | None = None, **kwargs: Any) -> T | None:
    """A service call as one write transaction in a worker thread. Cancelled before its commit: rolled back,
    None, the database unchanged."""

    def work(task: Task) -> T:
        def guarded(session: Any, *inner: Any, **named: Any) -> T:
            result = fn(session, *inner, **named)
            task.commit()  # raises Cancelled (the runner rolls back) when the user was quicker
            return result

        return runner.write(guarded, *args, **kwargs)

    return run_task(parent, label, work, refusal_title=refusal_title, wait_on_cancel=True)
