"""How long the UI thread is blocked by each user action: `python bench/ui_probe.py DB` (offscreen).

Opens the database in the real window, as a user starts the app (daily back-up included), at 1280 x 800,
and tours it: every page (first show and again), the school year switched on every page that has one, a
row selected, a column sorted and a search typed in every page's tables, every page shown again (and once more
after the year was switched on another page), and every button and menu item that opens a dialog (ending in
"…"), the dialog closed again after a moment. A probe on the event loop
(a 10 ms QTimer measuring its own lateness) records the longest block of the UI thread per action: the
time the window could not answer a key or a click. Each action is started from the event loop, and the
loop runs on for a while after it, so work it sets off (a read in a worker, a deferred paint) counts too.

Prints one JSON object per line: {"action": ..., "block_ms": ...}, with "ready_ms" when the action had a page read:
the time from the action until the figures it set off were read and applied (to the probe's 10 ms; the next action
waits for them). The first line is the start:
{"action": "start", "usable_ms": ..., "block_ms": ...} with the time from this script's first line to the
first turn of the event loop with the window shown. Questions are answered "no" and messages go to stderr
(as under `--smoke`), so the tour writes nothing.

Further arguments name the pages to tour (by title, e.g. `Uren Verdeling`), to iterate on a few; the menu items
are then left out. `--actions WORD ...` tours only the actions whose name holds one of the words (case not
counting); every page is still shown, as the tour needs its buttons on screen. With SWV_UREN_PROBE_PROFILE=FILE
the UI thread is profiled (cProfile) during the actions (not the start; with SWV_UREN_PROBE_MATCH=TEXT only those
whose name holds TEXT) and the statistics written to FILE."""
from __future__ import annotations

import time

T0 = time.perf_counter()

import cProfile  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import collector  # noqa: E402

collector.starting()  # as desktop.start does: the cycle collector waits while the app starts

INTERVAL_MS = 10
SETTLE_MS = 700  # how long the loop runs on after an action: what it sets off, within the 1 s it may take
DIALOG_OPEN_MS = 250  # how long a dialog stays open before the tour closes it


def main(path: str, only: list[str] | None = None, actions: list[str] | None = None) -> int:
    from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton, QApplication, QHeaderView, QTableView, QWidget

    from desktop.app import Controller, _application
    from models.db import to_url
    from views.loading import loaders_in
    from views.messages import messages
    from views.page import SearchField

    app = _application()
    messages.non_interactive = True  # every question "no": the tour changes nothing
    loop = QEventLoop()

    class Probe:
        """The longest gap between two ticks of a 10 ms timer, less the 10 ms: the longest block."""

        def __init__(self) -> None:
            self.timer = QTimer()
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(INTERVAL_MS)
            self.timer.timeout.connect(self.tick)
            self.first_tick: float | None = None
            self.reset()

        def reset(self) -> None:
            self.last = time.perf_counter()
            self.worst = 0.0
            self.began = self.last  # the action's start (see `begin`)
            self.read_seen = False  # a page of the window has waited for its read since the action began
            self.ready: float | None = None  # the first tick after that at which no page waits any more

        def begin(self) -> None:
            self.began = time.perf_counter()

        def tick(self) -> None:
            now = time.perf_counter()
            if self.first_tick is None:
                self.first_tick = now
            self.worst = max(self.worst, now - self.last)
            self.last = now
            window = controller.window if controller is not None else None
            if window is not None and self.ready is None:
                if any(loader.waiting for loader in loaders_in(window)):
                    self.read_seen = True
                elif self.read_seen:
                    self.ready = now

        def ready_ms(self) -> float | None:
            """From the action to the figures it set off read and shown (to 10 ms), or None: nothing was read."""
            return None if self.ready is None else round((self.ready - self.began) * 1000)

        def block_ms(self) -> float:
            worst = max(self.worst, time.perf_counter() - self.last)
            return max(0.0, (worst * 1000) - INTERVAL_MS)

    controller: Controller | None = None
    probe = Probe()

    def spin(ms: int) -> None:
        """The event loop runs for `ms` as the app's does: waiting for events, not looking for them over and over
        (a loop calling processEvents kept the UI thread running Python, so that a page's worker had Python's
        lock half the time: Verloop's first read on the decade took 1.4-1.6 s instead of about 1 s)."""
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def closer() -> None:
        """Close a dialog that has been open a moment (a nested event loop keeps this timer running)."""
        modal = QApplication.activeModalWidget()
        if modal is None:
            closer.seen = None  # type: ignore[attr-defined]
            return
        if getattr(closer, "seen", None) is not modal:
            closer.seen = modal  # type: ignore[attr-defined]
            closer.since = time.perf_counter()  # type: ignore[attr-defined]
        elif (time.perf_counter() - closer.since) * 1000 >= DIALOG_OPEN_MS:  # type: ignore[attr-defined]
            modal.reject() if hasattr(modal, "reject") else modal.close()

    closing = QTimer()
    closing.setInterval(50)
    closing.timeout.connect(closer)
    closing.start()

    results: list[dict[str, object]] = []

    profile_to = os.environ.get("SWV_UREN_PROBE_PROFILE")
    profiler = cProfile.Profile() if profile_to else None

    def wanted(name: str) -> bool:
        return not actions or any(word.lower() in name.lower() for word in actions)

    def act(name: str, action: Callable[[], None], settle: int = SETTLE_MS, needed: bool = False) -> None:
        if not (needed or wanted(name)):
            return
        spin(30)
        profiling = profiler is not None and os.environ.get("SWV_UREN_PROBE_MATCH", "") in name
        if profiling:
            profiler.enable()
        probe.reset()
        QTimer.singleShot(0, lambda: (probe.begin(), action()))
        spin(settle)
        while QApplication.activeModalWidget() is not None:
            spin(50)
        settle_reads()  # a read longer than `settle` (Verloop's first on the decade) ends within its own action
        if profiling:
            profiler.disable()
        if wanted(name):
            ready = probe.ready_ms()
            results.append({"action": name, "block_ms": round(probe.block_ms(), 1),
                            **({"ready_ms": ready} if ready is not None else {})})

    # ---- the start: the window usable
    probe.timer.start()
    controller = Controller(to_url(path))
    window = controller.window
    assert window is not None
    window.resize(1280, 800)
    spin(5)
    usable = ((probe.first_tick or time.perf_counter()) - T0) * 1000
    spin(1500)  # what the start sets off (the first page's reads, the daily back-up)
    # On a busy machine the first page's read may take longer: its answer belongs to the start, not to the
    # first action of the tour.
    def settle_reads() -> None:
        started = time.perf_counter()
        while any(loader.waiting for loader in loaders_in(window)) and time.perf_counter() - started < 10:
            spin(50)

    settle_reads()
    print(json.dumps({"action": "start", "usable_ms": round(usable, 1), "block_ms": round(probe.block_ms(), 1)}),
          flush=True)

    from views.main_window import PAGES

    def visible_tables(page: QWidget) -> list[QTableView]:
        return [t for t in page.findChildren(QTableView) if t.isVisible() and t.model() is not None
                and t.model().rowCount() > 0]

    def click_row(table: QTableView) -> None:
        rect = table.visualRect(table.model().index(0, 0))
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         rect.center())

    def sort(table: QTableView) -> None:
        header: QHeaderView = table.horizontalHeader()
        section = 1 if header.count() > 1 else 0
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(x, header.height() // 2))

    def dialog_buttons(page: QWidget) -> list[QAbstractButton]:
        return [b for b in page.findChildren(QAbstractButton)
                if b.isVisible() and b.isEnabled() and b.text().endswith("…")]

    touring = [(row, entry) for row, entry in enumerate(PAGES) if not only or entry.title in only]
    built: dict[int, QWidget] = {}
    for row, entry in touring:
        act(f"{entry.title}: eerste keer tonen", lambda row=row: window.nav.setCurrentRow(row), needed=True)
        page = built[row] = window.stack.currentWidget()
        if window.year_picker.isVisible() and window.year_picker.count() > 1:
            current = window.year_picker.currentIndex()
            other = 0 if current != 0 else 1
            act(f"{entry.title}: ander schooljaar", lambda other=other: window.year_picker.setCurrentIndex(other))
            act(f"{entry.title}: schooljaar terug", lambda current=current: window.year_picker.setCurrentIndex(current))
        for number, table in enumerate(visible_tables(page)[:2]):
            act(f"{entry.title}: rij kiezen (tabel {number + 1})", lambda table=table: click_row(table))
            act(f"{entry.title}: kolom sorteren (tabel {number + 1})", lambda table=table: sort(table))
        search = next((f for f in page.findChildren(SearchField) if f.isVisible()), None)
        if search is not None:
            for key in "ka":
                act(f"{entry.title}: typen in zoekveld", lambda key=key, search=search: QTest.keyClick(search, key))
            act(f"{entry.title}: zoekveld leeg", lambda search=search: (
                search.selectAll(), QTest.keyClick(search, Qt.Key.Key_Backspace)))
        for button in dialog_buttons(page):
            act(f"{entry.title}: {button.text()}", lambda button=button: QTest.mouseClick(
                button, Qt.MouseButton.LeftButton))
    for row, entry in touring:
        act(f"{entry.title}: opnieuw tonen", lambda row=row: window.nav.setCurrentRow(row))
    for row, entry in touring if window.year_picker.count() > 1 else []:
        # The user chose another year on another page: this page's figures are read again as it shows.
        if wanted(f"{entry.title}: tonen na ander schooljaar"):
            others = [other for other, _ in touring if other != row]
            window.nav.setCurrentRow(others[0] if others else 0 if row else 1)
            spin(30)
            for _ in range(2):  # until the year chosen is not the one the page shows (Page.stale)
                window.year_picker.setCurrentIndex(1 - min(window.year_picker.currentIndex(), 1))
                if getattr(built[row], "stale", True):
                    break
            settle_reads()
        act(f"{entry.title}: tonen na ander schooljaar", lambda row=row: window.nav.setCurrentRow(row))
    window.nav.setCurrentRow(0)
    for action in window.menuBar().actions() if not only else []:
        menu = action.menu()
        for item in (menu.actions() if menu is not None else []):
            if item.isEnabled() and item.text().endswith("…") and item.menu() is None:
                act(f"menu {action.text().replace('&', '')} > {item.text().replace('&', '')}", item.trigger)

    if profiler is not None and profile_to:
        profiler.dump_stats(profile_to)
    for result in results:
        print(json.dumps(result, ensure_ascii=False), flush=True)
    closing.stop()
    probe.timer.stop()
    controller.close_for_good()
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="bench/ui_probe.py")
    parser.add_argument("db")
    parser.add_argument("pages", nargs="*", help="tour only these pages (titles, e.g. Uren), no menu items")
    parser.add_argument("--actions", nargs="*", default=None, help="tour only the actions whose name holds a word")
    arguments = parser.parse_args()
    sys.exit(main(arguments.db, arguments.pages or None, arguments.actions))
