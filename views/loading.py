"""A page's figures read off the UI thread: the window keeps answering while a large year is read, and
"Bezig met laden…" stands in the place of what is being filled once it takes longer than a moment.

    self.loader = PageLoader(self, runner, cover=self.table)
    self.loader.load(service.overview, year, month, today, then=self._show)

`then` runs on the UI thread with the answer of the latest request only: a year chosen while the previous
one is still being read supersedes it, and the earlier answer is dropped unseen (views/latest_read.py,
LatestRead). A read that fails is shown in the same place, in Dutch; the page stays usable.
"""
from __future__ import annotations

import weakref
from typing import Any, Callable, TypeVar

import shiboken6

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from models.domain.errors import Refusal

from .latest_read import LatestRead
from .ports import Runner

T = TypeVar("T")

#: How long a read may take before "Bezig met laden…" covers what it fills: quicker answers show no flicker.
LOADING_DELAY_MS = 150
LOADING_TEXT = "Bezig met laden…"


class LoadingCover(QLabel):
    """A white sheet over a widget, with a line of text in its middle; follows the widget's size."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(LOADING_TEXT, target)
        self.setObjectName("loadingCover")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAutoFillBackground(True)
        self.setStyleSheet("QLabel#loadingCover { color: #333; font-size: 11pt; }")
        # Opaque (a solid ground that Qt fills itself), so that Qt paints nothing beneath it while a worker reads:
        # a translucent sheet had the table under it painted again, thousands of calls into its model, each
        # waiting its turn for Python's lock.
        ground = self.palette()
        ground.setColor(QPalette.ColorRole.Window, QColor(255, 255, 255))
        self.setPalette(ground)
        self.hide()
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False

    def cover(self, text: str = LOADING_TEXT) -> None:
        self.setText(text)
        target = self.parentWidget()
        if target is not None:
            self.setGeometry(target.rect())
        self.raise_()
        self.show()


class PageLoader(QObject):
    """Reads for one page, the latest request winning, with the cover over `cover` while it waits."""

    #: Every loader alive, so that a window's loaders are found without Qt listing all its children: a cycle
    #: collected by Python while Qt lists them can leave an empty place in the list, and PySide aborts on it.
    live: weakref.WeakSet[PageLoader] = weakref.WeakSet()

    def __init__(self, page: QWidget, runner: Runner, *, cover: QWidget,
                 delay_ms: int = LOADING_DELAY_MS) -> None:
        super().__init__(page)
        PageLoader.live.add(self)
        self.reads = LatestRead(runner, self, delay_ms=delay_ms)
        self.sheet = LoadingCover(cover)
        self.reads.busy.connect(self._busy)

    @property
    def waiting(self) -> bool:
        """A request is not answered yet."""
        return self.reads.waiting

    def load(self, fn: Callable[..., T], *args: Any, then: Callable[[T], None],
             refused: Callable[[Refusal], None] | None = None) -> None:
        """Read `fn(session, *args)` in a worker thread; `then(answer)` on the UI thread. With `refused`, a
        refusal goes there (a filter the service refuses, said beside the filter) instead of over the table."""
        self.reads.request(fn, *args, on_result=self._shown(then), on_error=self._failure(refused))

    def load_all(self, *reads: tuple[Any, ...], then: Callable[[Any], None],
                 refused: Callable[[Refusal], None] | None = None,
                 prepare: Callable[[tuple[Any, ...]], Any] | None = None) -> None:
        """Several reads `(fn, *args)` one after the other in one worker, each in a read transaction of its own
        (as the page read them on the UI thread); `then(answers)` with their answers in the same order. With
        `prepare`, the worker also makes them into what the page shows (rows, texts: plain Python, no Qt
        object), and `then` gets `prepare(answers)`: the UI thread only fills its tables."""
        runner = self.reads.runner

        def work() -> Any:
            answers = tuple(runner.read(fn, *args) for fn, *args in reads)
            return prepare(answers) if prepare is not None else answers

        self.reads.call(work, on_result=self._shown(then), on_error=self._failure(refused))

    def cancel(self) -> None:
        self.reads.cancel()
        self.sheet.hide()

    def _shown(self, then: Callable[[T], None]) -> Callable[[T], None]:
        def show(answer: T) -> None:
            self.sheet.hide()
            then(answer)

        return show

    def _failure(self, refused: Callable[[Refusal], None] | None) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if refused is not None and isinstance(error, Refusal):
                self.sheet.hide()
                refused(error)
            else:
                self._failed(error)

        return failed

    def _busy(self, busy: bool) -> None:
        if busy:
            self.sheet.cover()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, Refusal):
            raise error  # a bug: the unexpected-error dialog, as anywhere else
        self.sheet.cover(f"Laden lukt niet: {error.message}")


def loaders_in(widget: QObject) -> list[PageLoader]:
    """The loaders of `widget` and of everything in it (found through their parents, see PageLoader.live)."""
    found = []
    for loader in list(PageLoader.live):
        if not shiboken6.isValid(loader):
            continue
        node = loader.parent()
        while node is not None:
            if node is widget:
                found.append(loader)
                break
            node = node.parent()
    return found
