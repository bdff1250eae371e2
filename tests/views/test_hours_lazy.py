"""Every entry of the year on the Uren page: rows page in as they scroll into view, search and sort in SQL."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from models.db import Database
from models.services import hour_list
from models.services.hour_list import HourListQuery
from tests.services.test_hour_list import add_entries, second_year_with_an_entry, stored
from tests.views.uren_helpers import go_loaded
from views.hours.entries import ENTRY_COLUMNS, count_text
from views.hours.page import HoursPage
from views.tables import Column, LazyRowsModel

YEAR = "2016-2017"


# ---------------------------------------------------------------- the model without a view

class Source:
    """Numbers 0..n-1 as rows; records what the model asks for."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.calls: list[tuple[str | None, bool, Any, int]] = []

    def fetch(self, sort: str | None, descending: bool, after: int | None, limit: int) -> list[int]:
        self.calls.append((sort, descending, after, limit))
        ordered = sorted(range(self.n), reverse=descending)
        start = 0 if after is None else ordered.index(after) + 1
        return ordered[start:start + limit]


def lazy(n: int = 450) -> tuple[LazyRowsModel[int], Source]:
    source = Source(n)
    model: LazyRowsModel[int] = LazyRowsModel([Column("Getal", lambda r: r, "int"), Column("Tekst", str)],
                                              ["number", None], page_size=200)
    model.load(source.fetch, n)
    return model, source


def test_the_first_page_only_then_more_on_fetch_more() -> None:
    model, source = lazy()
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    assert source.calls == [(None, False, None, 200)]
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400 and source.calls[-1] == (None, False, 199, 200)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450 and not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert len(source.calls) == 3
    assert model.index(449, 0).data() == "449" and model.index(449, 1).data() == "449"


def test_sorting_asks_the_source_and_starts_again() -> None:
    model, source = lazy()
    model.fetchMore(QModelIndex())
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert source.calls[-1] == ("number", True, None, 200)
    assert model.rowCount() == 200 and model.index(0, 0).data() == "449"
    calls = len(source.calls)
    model.sort(1, Qt.SortOrder.AscendingOrder)  # a column without a sort key: nothing happens
    assert len(source.calls) == calls and model.index(0, 0).data() == "449"
    model.sort(-1)  # no sort indicator: the source's own order
    assert source.calls[-1] == (None, False, None, 200)


def test_a_source_that_runs_out_early_stops_fetching() -> None:
    source = Source(250)
    model: LazyRowsModel[int] = LazyRowsModel([Column("Getal", lambda r: r, "int")], ["number"], page_size=200)
    model.load(source.fetch, 1000)  # counted before 750 rows went away
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 250 and not model.canFetchMore(QModelIndex())


def test_further_pages_in_the_background_and_a_late_page_dropped() -> None:
    """With `in_background`, a further page is asked for and comes later; one that comes after a new load is
    dropped, and no second page is asked for while one is on its way."""
    model, source = lazy()
    later: list[tuple[Any, Any]] = []
    model.in_background = lambda work, deliver: later.append((work, deliver))
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200 and len(later) == 1 and model.fetching and not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert len(later) == 1
    work, deliver = later.pop()
    deliver(work())  # the worker's answer, on the UI thread
    assert model.rowCount() == 400 and model.index(399, 0).data() == "399" and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    stale_work, stale_deliver = later.pop()
    model.load(source.fetch, 450, first=list(range(100, 300)))  # a new source before the page came
    stale_deliver(stale_work())
    assert model.rowCount() == 200 and model.index(0, 0).data() == "100" and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    work, deliver = later.pop()
    model.cancel_fetch()
    deliver(work())
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())


def test_a_first_page_read_elsewhere_and_an_uncounted_total() -> None:
    source = Source(450)
    model: LazyRowsModel[int] = LazyRowsModel([Column("Getal", lambda r: r, "int")], ["number"], page_size=200)
    model.load(source.fetch, None, first=source.fetch(None, False, None, 200))
    assert model.rowCount() == 200 and len(source.calls) == 1 and model.canFetchMore(QModelIndex())
    model.fetch_all_until(10_000)
    assert model.rowCount() == 450 and model.total == 450 and not model.canFetchMore(QModelIndex())
    model.pause()
    assert not model.canFetchMore(QModelIndex()) and model.rowCount() == 450


def test_the_page_model_over_the_service(demo_db: Database) -> None:
    """The columns' sort keys are the service's, and every page comes from SQL."""
    add_entries(demo_db, 1000)
    assert {key for _, key in ENTRY_COLUMNS} <= set(hour_list.SORT_COLUMNS)
    model: LazyRowsModel[hour_list.HourLine] = LazyRowsModel([c for c, _ in ENTRY_COLUMNS],
                                                             [k for _, k in ENTRY_COLUMNS])
    asked: list[HourListQuery] = []

    def fetch(sort: str | None, descending: bool, after: Any, limit: int) -> list[hour_list.HourLine]:
        query = HourListQuery(YEAR, "extra", sort or "id", descending)
        asked.append(query)
        with demo_db.read() as session:
            return hour_list.page(session, query, after.key if after else None, limit)

    model.load(fetch, 1000)
    minutes = next(i for i, (_, key) in enumerate(ENTRY_COLUMNS) if key == "minutes")
    model.sort(minutes, Qt.SortOrder.DescendingOrder)
    assert asked[-1] == HourListQuery(YEAR, "extra", "minutes", True)
    model.fetch_all_until(1000)
    assert model.rowCount() == 1000 and model.fetches == 5
    shown = [model.rows[i].minutes for i in range(1000)]
    assert shown == sorted(shown, reverse=True)


# ---------------------------------------------------------------- on the page

def loaded(qtbot, page: HoursPage) -> None:  # type: ignore[no-untyped-def]
    """Wait for the answer to the page's latest read (a search, sort or year is read off the UI thread)."""
    qtbot.waitUntil(lambda: not page.entries_loader.waiting, timeout=5000)


def test_scrolling_fetches_more_and_searching_asks_sql(qtbot, make_window, demo_db: Database) -> None:
    add_entries(demo_db, 3000, note="Opgave")
    total = stored(demo_db)
    window = make_window(demo_db)
    page = go_loaded(window, HoursPage)
    page.show_entries()
    loaded(qtbot, page)
    model, view = page.entries_model, page.entries
    assert view.model() is model  # no proxy that would read every row
    assert model.rowCount() == 200 and model.total == total
    assert page.entries_count.text() == count_text(total) == f"{total // 1000}.{total % 1000:03d} regels"
    assert count_text(1_000_000) == "1.000.000 regels" and count_text(1) == "1 regel"
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 200)
    for _ in range(3):
        view.scrollToBottom()
        qtbot.wait(10)
    assert 200 < model.rowCount() <= total

    qtbot.keyClicks(page.entries_search, "kpo")
    qtbot.waitUntil(lambda: page.entries_count.text().startswith("zoekterm ‘kpo’"), timeout=3000)
    with demo_db.read() as session:
        kpo = hour_list.count(session, HourListQuery(YEAR, "kpo"))
    assert 0 < kpo < total
    assert page.entries_count.text() == f"zoekterm ‘kpo’: {kpo} van {count_text(total)}"
    assert model.total == kpo and 200 <= model.rowCount() < kpo
    assert {model.rows[i].board for i in range(model.rowCount())} == {"KPO"}

    # Sorting by a column goes to the service too: the longest entries first.
    hours = next(i for i, (c, _) in enumerate(ENTRY_COLUMNS) if c.title == "Uren")
    view.sortByColumn(hours, Qt.SortOrder.DescendingOrder)
    loaded(qtbot, page)
    shown = [model.rows[i].minutes for i in range(model.rowCount())]
    assert shown == sorted(shown, reverse=True) and model.total == kpo

    page.entries_search.clear()
    page.load_entries()
    loaded(qtbot, page)
    assert model.total == total and page.entries_count.text() == count_text(total)


def test_ctrl_f_on_the_entries_tab_goes_to_its_search(qtbot, make_window, demo_db: Database) -> None:
    window = make_window(demo_db)
    page = go_loaded(window, HoursPage)
    window.search_action.trigger()
    assert window.focusWidget() is page.search
    page.show_entries()
    window.search_action.trigger()
    assert window.focusWidget() is page.entries_search


def test_registered_hours_appear_in_the_list(qtbot, make_window, reference_db: Database) -> None:
    from models.domain.months import Month
    from tests.views.uren_helpers import add_agreement, add_hours

    number = add_agreement(reference_db)
    window = make_window(reference_db)
    page = go_loaded(window, HoursPage)
    page.show_entries()
    loaded(qtbot, page)
    assert page.entries_model.rowCount() == 0 and page.entries_count.text() == "0 regels"
    add_hours(reference_db, number, Month(2016, 10), 90)
    page.mark_stale()
    loaded(qtbot, page)
    assert page.entries_model.rowCount() == 1 and page.entries_count.text() == "1 regel"
    assert page.entries_model.index(0, 0).data() == number


def test_every_year_at_once_and_delete_after_asking(qtbot, make_window, demo_db: Database,
                                                    recorded_messages) -> None:
    number = second_year_with_an_entry(demo_db)
    in_demo_year = stored(demo_db)
    window = make_window(demo_db)
    window.year_picker.setCurrentText(YEAR)
    page = go_loaded(window, HoursPage)
    page.show_entries()
    loaded(qtbot, page)
    assert page.entries_model.total == in_demo_year
    page.all_years.setChecked(True)
    loaded(qtbot, page)
    assert page.entries_model.total == in_demo_year + 1
    assert page.entries_count.text() == f"{count_text(in_demo_year + 1)} in alle schooljaren"
    qtbot.keyClicks(page.entries_search, "tweede")
    page.load_entries()
    loaded(qtbot, page)
    assert page.entries_model.total == 1 and page.entries_model.rows[0].agreement == number

    window.activateWindow()  # the Delete key needs the window active
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    page.entries.setFocus()
    page.entries.setCurrentIndex(page.entries_model.index(0, 0))
    recorded_messages.answer = True
    qtbot.keyClick(page.entries, Qt.Key.Key_Delete)
    loaded(qtbot, page)
    kind, title, text = recorded_messages.shown[-1]
    assert (kind, title) == ("ask", "Boeking verwijderen")
    assert text.startswith(f"De boeking van 2 uur in oktober 2017 op {number} (KPO bij Kameleon) verwijderen?")
    assert page.entries_model.total == 0
    assert page.entries_count.text() == f"zoekterm ‘tweede’: 0 van {count_text(in_demo_year)} in alle schooljaren"
