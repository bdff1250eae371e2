"""Typing in a table's search field filters on each row's text made once (in Overzicht: in the worker that read
the rows), not by asking the model for every cell at every key; what is shown is what Qt's own filter shows."""
from __future__ import annotations

import threading

from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt

from tests.views.uren_helpers import wait_loaded
from views.tables import Column, RowsModel, search_texts


def _go(qtbot, window, title: str):  # type: ignore[no-untyped-def]
    nav = window.nav
    row = next(i for i in range(nav.count()) if nav.item(i).text() == title)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    return window.stack.currentWidget()


def _shown(proxy) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[proxy.index(r, c).data() for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]


def _qts_own(model: RowsModel, text: str) -> list[list[str]]:  # type: ignore[type-arg]
    """What Qt's own filter shows for `text` (every column asked for its text), the totals row kept."""
    reference = QSortFilterProxyModel()
    reference.setSourceModel(model)
    reference.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    reference.setFilterKeyColumn(-1)
    reference.setFilterFixedString(text)
    shown = _shown(reference)
    total = [model.index(model.rowCount() - 1, c).data() for c in range(model.columnCount())]
    return shown if model.total_row is None or shown[-1:] == [total] else [*shown, total]


def test_overviews_search_filters_on_texts_made_in_the_worker(qtbot, make_window, demo_db,
                                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import views.overview_page as overview_page

    made = []

    def in_worker(columns, rows):  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread(), "the search texts made on the UI thread"
        made.append(len(rows))
        return search_texts(columns, rows)

    monkeypatch.setattr(overview_page, "search_texts", in_worker)
    window = make_window(demo_db)
    page = _go(qtbot, window, "Overzicht")
    wait_loaded(qtbot, window)
    assert made == [len(page.model.rows)] and made[0] > 2

    formatted = []
    display = Column.display
    monkeypatch.setattr(Column, "display", lambda self, row: formatted.append(1) or display(self, row))
    page.search.setFocus()
    qtbot.keyClicks(page.search, "KP")
    assert not formatted, "cells formatted again while typing"
    shown = _shown(page.proxy)
    assert 2 < len(shown) < page.model.rowCount()
    assert all("kp" in "|".join(row).lower() for row in shown[:-1]) and shown[-1][0] == "Totaal"
    monkeypatch.setattr(Column, "display", display)
    assert shown == _qts_own(page.model, "KP")


def test_the_filter_shows_what_qts_own_filter_shows(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = _go(qtbot, window, "Overzicht")
    wait_loaded(qtbot, window)
    header = page.table.horizontalHeader()
    for step, text in enumerate(["kpo", "DRIESPAN", "op", "12", "bijna op", "niet belegd", "zz-niets", ""]):
        if step == 3:  # sorted on a column: the rows change places, their texts go with them
            x = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        page.search.setFocus()
        page.search.selectAll()
        if text:
            qtbot.keyClicks(page.search, text)
        else:
            qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
        assert _shown(page.proxy) == _qts_own(page.model, text), text
    assert page.proxy.rowCount() == page.model.rowCount()
    page.proxy.setFilterRegularExpression("^Dries")  # another kind of filter: Qt's own, over every cell
    reference = QSortFilterProxyModel()
    reference.setSourceModel(page.model)
    reference.setFilterKeyColumn(-1)
    reference.setFilterRegularExpression("^Dries")
    assert 0 < page.proxy.rowCount() - 1 == reference.rowCount()


def test_new_rows_are_searched_by_their_own_texts(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Another month read: the search looks through the new rows' texts, not those of the rows shown before."""
    window = make_window(demo_db)
    page = _go(qtbot, window, "Overzicht")
    wait_loaded(qtbot, window)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "over")
    before = list(page.model.rows)
    picker = page.month_picker
    assert picker.currentIndex() != 0
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Home)
    wait_loaded(qtbot, window)
    assert picker.currentIndex() == 0 and page.model.rows[0] is not before[0]
    assert _shown(page.proxy) == _qts_own(page.model, "over")


def _python_filter_calls(action) -> int:  # type: ignore[no-untyped-def]
    """How many times Python answered Qt's `filterAcceptsRow` during `action()`."""
    import sys

    calls = []

    def profile(frame, event, _arg):  # type: ignore[no-untyped-def]
        if event == "call" and frame.f_code.co_name == "filterAcceptsRow":
            calls.append(1)

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return len(calls)


def test_a_table_nobody_searches_is_filled_without_python_per_row(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Qt asks the proxy whether to show each row at every reset: answered in Python, Verloop's 15,000 rows cost
    11 ms of the UI thread's 13 ms, for rows that are all shown (Verloop has no search field). A table with a
    search field still has Python decide, on the row texts made once."""
    window = make_window(demo_db)
    page = _go(qtbot, window, "Verloop")
    wait_loaded(qtbot, window)
    rows = list(page.model.rows)
    assert len(rows) > 2 and page.proxy.rowCount() == len(rows)
    assert _python_filter_calls(lambda: (page.model.set_rows(rows), page.proxy.rowCount())) == 0
    overview = _go(qtbot, window, "Overzicht")
    wait_loaded(qtbot, window)
    shown = list(overview.model.rows)
    refill = lambda: (overview.model.set_rows(shown, overview.model.total_row), overview.proxy.rowCount())  # noqa: E731
    assert _python_filter_calls(refill) >= len(shown)
    overview.search.setFocus()
    qtbot.keyClicks(overview.search, "kpo")
    assert _shown(overview.proxy) == _qts_own(overview.model, "kpo")
