"""The Qt binding keeps Python's own objects alive. PySide6 6.12.0 dropped a reference to None on every call
that returns nothing (setVisible, QTimer.start, postEvent, processEvents) and to True on every signal emit:
after some thousands of them Python aborts ("deallocating None/True"), so a long working day ends in a crash.
pyproject.toml keeps that release out; this test fails on it."""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

CALLS = 2_000
SLACK = 50  # the interpreter's own short-lived references, not a leak per call


class _Source(QObject):
    fired = Signal(bool)


def _references_lost(call) -> dict[str, int]:  # type: ignore[no-untyped-def]
    before = {"None": sys.getrefcount(None), "True": sys.getrefcount(True)}
    for _ in range(CALLS):
        call()
    return {name: before[name] - sys.getrefcount(obj) for name, obj in (("None", None), ("True", True))}


def test_calls_that_return_nothing_keep_none_alive(qapp) -> None:
    widget, timer, target = QWidget(), QTimer(), QObject()
    for call in (lambda: widget.setVisible(False), lambda: timer.start(10_000),
                 lambda: QCoreApplication.postEvent(target, QEvent(QEvent.Type.User)),
                 lambda: QCoreApplication.sendPostedEvents()):
        lost = _references_lost(call)
        assert lost["None"] < SLACK, lost
    timer.stop()


def test_signal_emits_keep_true_alive(qapp) -> None:
    source = _Source()
    seen: list[bool] = []
    source.fired.connect(seen.append)
    lost = _references_lost(lambda: source.fired.emit(True))
    assert len(seen) == CALLS
    seen.clear()
    assert lost["True"] < SLACK, lost
