"""Python's cycle collector during the start of the program (issue 16).

The start creates some 150,000 objects that live as long as the program (SQLAlchemy, Qt's bindings, the app's
modules and mapped classes, the window and its first page) and almost no garbage; the collector went through
them again and again all the same (about 140 young and 12 middle collections and a full one, 60-90 ms of a
`--smoke` run). From `starting()` (desktop.start, before the first import) until `started()` (a command is about
to run, or the window's first page has read what it shows) it runs only every `START_THRESHOLD` allocations.
`started()` then moves what the start made into the collector's permanent generation (`gc.freeze`): it lives on
anyway, and no later collection goes through it again. The collector stays enabled throughout, so the workers'
pause of it (views.background.no_collection_here) works as always.
"""
from __future__ import annotations

import gc

START_THRESHOLD = 1_000_000  # allocations between two collections of the youngest generation (Python's own: 700)

_usual: tuple[int, ...] | None = None  # the thresholds before starting(), while the start lasts


def starting() -> None:
    """The start begins: the collector waits for START_THRESHOLD allocations (the older generations as usual)."""
    global _usual
    if _usual is None:
        _usual = gc.get_threshold()
        gc.set_threshold(max(START_THRESHOLD, _usual[0]), *_usual[1:])


def started() -> None:
    """The start is over: what it made is frozen, the thresholds are as before `starting()`. Without a start
    under way, nothing."""
    global _usual
    if _usual is not None:
        gc.freeze()
        gc.set_threshold(*_usual)
        _usual = None
