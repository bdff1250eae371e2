"""Searching every entry on the Uren page: read off the UI thread, only the latest search shown, cancellable.

A read is made to wait the way it waits in use: another connection holds the database's write lock (SQLite
readers wait for it, up to the busy timeout). No database is replaced by a stand-in."""
from __future__ import annotations

import contextlib
import sqlite3
import threading
from typing import Iterator

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit

from models.db import Database
from tests.services.test_hour_list import add_entries, stored
from tests.views.test_hours_lazy import loaded
from tests.views.uren_helpers import go_loaded
from views.hours.entries import count_text
from views.hours.page import HoursPage


@contextlib.contextmanager
def locked(db: Database) -> Iterator[None]:
    """Another user writing: an exclusive lock on the file until the block ends (readers wait meanwhile)."""
    assert db.path is not None
    other = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def entries_page(qtbot, make_window, db: Database) -> HoursPage:  # type: ignore[no-untyped-def]
    add_entries(db, 50, note="abd")
    add_entries(db, 30, note="abc")
    window = make_window(db)
    page = go_loaded(window, HoursPage)
    page.show_entries()
    loaded(qtbot, page)
    return page


def notes(page: HoursPage) -> set[str]:
    return {page.entries_model.rows[i].note.split()[0] for i in range(page.entries_model.rowCount())}


def test_typing_a_search_shows_its_rows(qtbot, make_window, demo_db: Database) -> None:
    page = entries_page(qtbot, make_window, demo_db)
    total = stored(demo_db)
    qtbot.keyClicks(page.entries_search, "abc")
    qtbot.waitUntil(lambda: page.entries_count.text().startswith("zoekterm ‘abc’"), timeout=3000)
    assert page.entries_count.text() == f"zoekterm ‘abc’: 30 van {count_text(total)}"
    assert page.entries_model.rowCount() == 30 and notes(page) == {"abc"}
    page.entries_search.clear()
    qtbot.waitUntil(lambda: page.entries_count.text() == count_text(total), timeout=3000)
    assert page.entries_model.rowCount() == 200


def test_a_stale_search_is_never_shown(qtbot, make_window, demo_db: Database) -> None:
    """'ab' is read first; 'abc' is typed while that read runs: the list ends on 'abc' and never shows 'ab'."""
    page = entries_page(qtbot, make_window, demo_db)
    shown: list[str] = []
    page.entries_model.modelReset.connect(lambda: shown.append(page.entries_count.text()))
    resets: list[set[str]] = []
    page.entries_model.modelReset.connect(lambda: resets.append(notes(page)))
    with locked(demo_db):
        qtbot.keyClicks(page.entries_search, "ab")
        qtbot.waitUntil(lambda: page.entries_loader.running, timeout=3000)  # the read for 'ab', waiting
        qtbot.keyClicks(page.entries_search, "c")
        qtbot.keyClick(page.entries_search, Qt.Key.Key_Return)
        assert page.entries_loader.running and page.entries_loader.waiting
        assert resets == []  # nothing answered yet; the rows of before stay
    loaded(qtbot, page)
    assert resets == [{"abc"}]
    assert page.entries_count.text().startswith("zoekterm ‘abc’: 30 van")
    qtbot.wait(300)  # the debounce of the last key has nothing left to ask
    assert resets == [{"abc"}] and notes(page) == {"abc"}


def test_the_window_stays_responsive_and_the_search_can_be_cancelled(qtbot, make_window, demo_db: Database) -> None:
    page = entries_page(qtbot, make_window, demo_db)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    with locked(demo_db):
        qtbot.keyClicks(page.entries_search, "abc")
        qtbot.waitUntil(lambda: page.entries_loader.running, timeout=3000)
        timer.start(10)
        # After a while without an answer: "Bezig met zoeken…" with Annuleren, while the window takes keys.
        qtbot.waitUntil(page.entries_progress.isVisible, timeout=3000)
        assert not page.entries_count.isVisible() and not page.entries.isEnabled()  # the rows of before, greyed
        qtbot.keyClicks(page.entries_search, "x")
        qtbot.keyClick(page.entries_search, Qt.Key.Key_Backspace)
        assert page.entries_search.text() == "abc" and len(ticks) > 3
        qtbot.mouseClick(page.entries_cancel, Qt.MouseButton.LeftButton)
        assert not page.entries_progress.isVisible() and page.entries.isEnabled()
        assert page.entries_model.rowCount() == 0
        assert page.entries_count.text() == "Zoeken geannuleerd; Enter zoekt opnieuw."
    timer.stop()
    qtbot.waitUntil(lambda: not page.entries_loader.running, timeout=5000)
    qtbot.wait(300)  # the answer that came is dropped, and the typing's debounce was stopped by the cancel
    assert page.entries_model.rowCount() == 0 and not page.entries_loader.waiting
    qtbot.keyClick(page.entries_search, Qt.Key.Key_Return)
    loaded(qtbot, page)
    assert notes(page) == {"abc"} and page.entries_count.text().startswith("zoekterm ‘abc’: 30")


def test_sorting_is_read_off_the_ui_thread_too(qtbot, make_window, demo_db: Database) -> None:
    from views.hours.entries import ENTRY_COLUMNS

    page = entries_page(qtbot, make_window, demo_db)
    hours = next(i for i, (c, _) in enumerate(ENTRY_COLUMNS) if c.title == "Uren")
    with locked(demo_db):
        page.entries.sortByColumn(hours, Qt.SortOrder.DescendingOrder)
        assert page.entries_loader.waiting and page.entries_model.rowCount() == 200  # the rows of before stay
        assert not page.entries_model.canFetchMore()  # but page no further in the old order
        # Its worker starts once the window has painted the click (views/latest_read.py, LatestRead.call).
        qtbot.waitUntil(lambda: page.entries_loader.running, timeout=3000)
        assert threading.active_count() >= 2 and page.entries_loader.waiting
    loaded(qtbot, page)
    shown = [page.entries_model.rows[i].minutes for i in range(page.entries_model.rowCount())]
    assert shown == sorted(shown, reverse=True) and len(shown) == 200


def test_a_page_read_while_scrolling_keeps_the_window_responsive_and_can_be_cancelled(qtbot, make_window, demo_db: Database) -> None:
    page = entries_page(qtbot, make_window, demo_db)
    model = page.entries_model
    assert model.rowCount() == 200
    with locked(demo_db):
        page.entries.scrollToBottom()
        qtbot.waitUntil(lambda: model.fetching and page.pages_loader.running, timeout=3000)
        qtbot.waitUntil(page.entries_progress.isVisible, timeout=3000)
        assert page.entries_progress_text.text() == "Bezig met laden…" and page.entries.isEnabled()
        assert not page.entries_total.isVisible()  # room for the progress: the window does not widen
        qtbot.keyClicks(page.entries_search, "ab")  # the window takes keys meanwhile
        assert page.entries_search.text() == "ab" and model.rowCount() == 200
        page.entries_search.clear()
        page._entries_timer.stop()
        qtbot.mouseClick(page.entries_cancel, Qt.MouseButton.LeftButton)  # that page is dropped, the rows stay
        assert not page.entries_progress.isVisible() and not model.fetching and model.rowCount() == 200
        assert page.entries_total.isVisible()
    qtbot.waitUntil(lambda: not page.pages_loader.running, timeout=5000)
    qtbot.wait(50)
    assert model.rowCount() == 200
    page.entries.scrollToTop()
    page.entries.scrollToBottom()  # scrolling on asks again
    total = stored(demo_db)
    assert 200 < total <= 400
    qtbot.waitUntil(lambda: model.rowCount() == total, timeout=5000)
    qtbot.waitUntil(lambda: not page.entries_progress.isVisible(), timeout=3000)
    rows = [model.rows[i].id for i in range(model.rowCount())]
    assert rows == sorted(rows) and len(set(rows)) == total


def visible_searches(page: HoursPage) -> list[QLineEdit]:
    return [f for f in page.findChildren(QLineEdit) if f.isVisible() and f.placeholderText().startswith("Zoek")]


def test_each_tab_shows_one_search_and_ctrl_f_goes_to_it(qtbot, make_window, demo_db: Database) -> None:
    window = make_window(demo_db)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = go_loaded(window, HoursPage)
    assert visible_searches(page) == [page.search]
    window.search_action.trigger()  # Ctrl+F
    qtbot.waitUntil(page.search.hasFocus)

    page.show_entries()
    loaded(qtbot, page)
    assert visible_searches(page) == [page.entries_search]
    window.search_action.trigger()
    qtbot.waitUntil(page.entries_search.hasFocus)

    page.tabs.setCurrentIndex(0)
    assert visible_searches(page) == [page.search]


def test_the_total_is_the_hours_of_every_matching_row(qtbot, make_window, demo_db: Database) -> None:
    """Not only of the 200 rows paged in: the sum comes from SQL, with the count."""
    from models.services.hour_list import HourListQuery
    from tests.services.test_hour_list import everything
    from models.domain import dutch as fmt

    page = entries_page(qtbot, make_window, demo_db)
    all_minutes = sum(line.minutes for line in everything(demo_db, HourListQuery("2016-2017")))
    assert page.entries_model.rowCount() == 200 < stored(demo_db)
    assert page.entries_total.isVisible()
    assert page.entries_total.text() == f"· samen <b>{fmt.hours(all_minutes)} uur</b>"
    abc = sum(line.minutes for line in everything(demo_db, HourListQuery("2016-2017", "abc")))
    qtbot.keyClicks(page.entries_search, "abc")
    qtbot.waitUntil(lambda: page.entries_count.text().startswith("zoekterm ‘abc’"), timeout=3000)
    assert page.entries_total.text() == f"· samen <b>{fmt.hours(abc)} uur</b>"
