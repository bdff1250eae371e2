"""Reads in a worker thread of which only the latest request's answer is shown (`LatestRead`): a screen that
reads again before the last answer came (a search as the user types, a page shown again) does not wait, and the
window takes keys and clicks meanwhile."""
from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from .background import DELAY_MS, collection_settled, no_collection_here
from .ports import Runner

T = TypeVar("T")

POLL_MS = 10  # how often the UI thread looks for a worker's answer while one runs
#: The event that starts a request's worker once what is on screen is painted (see LatestRead.call).
_START = QEvent.Type(QEvent.registerEventType())
SHOW_WAIT_MS = 200  # at most this long a read waits for its window (a dialog being opened) to show first


class LatestRead(QObject):
    """Reads in a worker thread, each in a read transaction of its own (`runner.read`), of which only the
    latest request's answer is delivered; the caller does not wait.

    One read runs at a time: a request made meanwhile waits, and a newer request replaces the waiting one,
    so typing fast costs at most one read whose answer is dropped. `busy(True)` is emitted once a request
    has waited `delay_ms` without an answer, `busy(False)` when it is answered or cancelled. `cancel()`
    drops the answers of every request made so far (a read under way runs to its end, unseen).

    A request's worker starts once the window has painted what the click or key changed (a page just shown, a
    dialog just opened: its window exposed, at most SHOW_WAIT_MS later): Qt's paint of a table calls into its
    model thousands of times, and each call would wait its turn for Python's lock while a worker reads."""

    busy = Signal(bool)

    def __init__(self, runner: Runner, parent: QObject | None = None, *, delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self.runner = runner
        self._generation = 0
        self._running = False
        self._start_posted = False
        self._waited_ms = 0  # how long the latest start waited for its window to show
        self._waiting: tuple[int, Callable[..., Any], tuple[Any, ...], Callable[[Any], None],
                             Callable[[BaseException], None] | None] | None = None
        self._delivery: tuple[Callable[[Any], None], Callable[[BaseException], None] | None] | None = None
        self._shown_busy = False
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(delay_ms)
        self._delay.timeout.connect(self._show_busy)
        # The worker never touches a Qt object: it leaves its answer in a plain list that this timer, on the UI
        # thread, collects (a signal emitted from a Python thread on a QObject the UI may be deleting can crash
        # PySide; PYSIDE-3124).
        self._answers: list[tuple[int, Any, BaseException | None]] = []
        self._collect = QTimer(self)
        self._collect.setInterval(POLL_MS)
        self._collect.timeout.connect(self._collect_answer)

    @property
    def waiting(self) -> bool:
        """A request is not answered yet (and not cancelled)."""
        return self._delivery is not None or self._waiting is not None

    @property
    def running(self) -> bool:
        """A worker is reading (perhaps for a request whose answer will be dropped)."""
        return self._running

    def request(self, fn: Callable[..., T], *args: Any, on_result: Callable[[T], None],
                on_error: Callable[[BaseException], None] | None = None) -> None:
        """Read `fn(session, *args)`; `on_result` gets its answer on the UI thread unless a newer request or
        a cancel came first. Without `on_error` an error is raised again on the UI thread."""
        self.call(self.runner.read, fn, *args, on_result=on_result, on_error=on_error)

    def call(self, fn: Callable[..., T], *args: Any, on_result: Callable[[T], None],
             on_error: Callable[[BaseException], None] | None = None) -> None:
        """As `request`, for work that reads through the runner itself (`fn(*args)`, no session given)."""
        self._generation += 1
        self._waiting = (self._generation, fn, args, on_result, on_error)
        if not self._delay.isActive() and not self._shown_busy:
            self._delay.start()
        if not self._running and not self._start_posted:
            # Posted at low priority, behind the paint that Qt has posted for what changed on screen.
            self._start_posted = True
            self._post_start()

    def event(self, event: QEvent) -> bool:
        if event.type() != _START:
            return super().event(event)
        self._start_posted = False
        if self._waiting is None or self._running:  # cancelled meanwhile, or a read runs already
            return True
        if not self._on_screen() and self._waited_ms < SHOW_WAIT_MS:
            # A dialog just made: its window is shown and painted once the platform exposes it, after this.
            self._waited_ms += POLL_MS
            self._start_posted = True
            QTimer.singleShot(POLL_MS, self, self._post_start)
            return True
        self._waited_ms = 0
        self._start_waiting()
        return True

    def _post_start(self) -> None:
        QCoreApplication.postEvent(self, QEvent(_START), Qt.EventPriority.LowEventPriority.value)

    def _on_screen(self) -> bool:
        """The window of the widget this reads for is exposed (and so painted), or there is no such widget."""
        node = self.parent()
        while node is not None and not isinstance(node, QWidget):
            node = node.parent()
        if node is None:
            return True
        handle = node.window().windowHandle()
        return handle is not None and handle.isExposed()

    def cancel(self) -> None:
        self._generation += 1
        self._waiting = None
        self._delivery = None
        self._idle()

    def _start_waiting(self) -> None:
        assert self._waiting is not None
        generation, fn, args, on_result, on_error = self._waiting
        self._waiting = None
        self._delivery = (on_result, on_error)
        self._running = True
        answers = self._answers

        def worker() -> None:
            result: Any = None
            error: BaseException | None = None
            with no_collection_here():
                try:
                    result = fn(*args)
                except BaseException as caught:  # noqa: BLE001 - handed to the UI thread
                    error = caught
            # After the pause ends: the UI thread that takes the answer finds it ended and switches the collector on.
            answers.append((generation, result, error))  # list.append is atomic: no lock, no Qt

        threading.Thread(target=worker, name="swv-latest-read", daemon=True).start()
        self._collect.start()

    def _collect_answer(self) -> None:
        if self._answers:
            self._collect.stop()
            collection_settled()
            self._on_answer(*self._answers.pop())

    def _on_answer(self, generation: int, result: Any, error: BaseException | None) -> None:
        self._running = False
        if self._waiting is not None:
            self._start_waiting()  # this answer is stale: a newer request waited for the worker
            return
        delivery, self._delivery = self._delivery, None
        if generation != self._generation or delivery is None:
            return  # cancelled
        self._idle()
        on_result, on_error = delivery
        if error is None:
            on_result(result)
        elif on_error is not None:
            on_error(error)
        else:
            raise error

    def _show_busy(self) -> None:
        if self.waiting:
            self._shown_busy = True
            self.busy.emit(True)

    def _idle(self) -> None:
        self._delay.stop()
        if self._shown_busy:
            self._shown_busy = False
            self.busy.emit(False)
