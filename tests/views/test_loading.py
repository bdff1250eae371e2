"""A page reads its figures off the UI thread (views/loading.py): the window answers while a read runs,
"Bezig met laden…" stands where the figures come, a newer request supersedes an older one, a refused read
is told in Dutch, and closing the window during a read is safe. The mechanism, not the timing."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableView, QWidget

from models.db import DatabaseFailed
from models.services import history
from tests.views.uren_helpers import EventsSeen, counted_when_read, wait_loaded
from views.history_page import HistoryPage
from views.loading import LOADING_TEXT, PageLoader, loaders_in


def _open_history(qtbot, window) -> HistoryPage:  # type: ignore[no-untyped-def]
    nav = window.nav
    row = next(i for i in range(nav.count()) if nav.item(i).text() == "Verloop")
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    page = window.stack.currentWidget()
    assert isinstance(page, HistoryPage)
    return page


def hold(monkeypatch, module, name: str) -> threading.Event:  # type: ignore[no-untyped-def]
    """`module.name` (a service a page reads) waits in its worker thread until the event is set (at most 10 s)."""
    release = threading.Event()
    real = getattr(module, name)

    def slow(*args, **named):  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread(), "read on the UI thread"
        release.wait(10)
        return real(*args, **named)

    monkeypatch.setattr(module, name, slow)
    return release


@pytest.fixture
def held_history(monkeypatch) -> threading.Event:  # type: ignore[no-untyped-def]
    """Verloop's read waits in its worker thread until the event is set (at most 10 s)."""
    return hold(monkeypatch, history, "history")


def test_the_window_answers_while_a_slow_read_runs_and_then_shows_it(qtbot, make_window, demo_db,
                                                                      held_history) -> None:  # type: ignore[no-untyped-def]
    release = held_history
    window = make_window(demo_db)
    page = _open_history(qtbot, window)
    cover = page.findChild(PageLoader).sheet
    qtbot.waitUntil(cover.isVisible, timeout=5_000)
    assert cover.text() == LOADING_TEXT and page.model.rowCount() == 0
    # The window answers meanwhile: the user goes to another page and back.
    nav = window.nav
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(0)).center())
    assert window.stack.currentWidget() is not page
    release.set()
    wait_loaded(qtbot, window)
    assert page.model.rowCount() > 0 and not cover.isVisible()


def _paints_of(kind: type) -> EventsSeen:
    """Counts the paints of the tables of a page of `kind`."""
    def counted(watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        table, page = watched.parent(), watched.parent()
        while page is not None and not isinstance(page, kind):
            page = page.parent()
        return page is not None and isinstance(table, QTableView)

    return EventsSeen(counted)


def test_a_page_reads_once_the_window_has_painted_what_the_click_showed(qtbot, make_window, demo_db,
                                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Qt's paint of a table calls into its model thousands of times; a worker reading meanwhile would make each
    of those calls wait its turn for Python's lock. So the read's worker starts after that paint."""
    window = make_window(demo_db)
    wait_loaded(qtbot, window)
    paints = _paints_of(HistoryPage)
    painted_when_read = counted_when_read(monkeypatch, history, "history", paints)
    with paints:
        page = _open_history(qtbot, window)
        assert page.loader.waiting  # asked at once: the page says it is reading
        wait_loaded(qtbot, window)
    assert len(painted_when_read) == 1 and painted_when_read[0] >= 1
    assert page.model.rowCount() > 0


def test_while_a_read_runs_the_table_under_the_cover_is_not_painted(qtbot, make_window, demo_db,
                                                                    held_history) -> None:  # type: ignore[no-untyped-def]
    """"Bezig met laden…" is an opaque sheet: Qt paints nothing beneath it, so no paint calls into the table's
    model while the worker reads (each call would wait its turn for Python's lock)."""
    window = make_window(demo_db)
    page = _open_history(qtbot, window)
    cover = loaders_in(page)[0].sheet
    qtbot.waitUntil(cover.isVisible, timeout=5_000)
    with _paints_of(HistoryPage) as paints:
        window.repaint()  # all of the window, now
    assert paints.count == 0
    shown = cover.grab().toImage()
    assert shown.pixelColor(4, 4).name() == "#ffffff" and cover.text() == LOADING_TEXT
    held_history.set()
    wait_loaded(qtbot, window)
    assert not cover.isVisible() and page.model.rowCount() > 0


def test_a_newer_request_supersedes_an_older_one(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = _open_history(qtbot, window)
    loader = page.findChild(PageLoader)
    shown: list[str] = []
    first_started = threading.Event()

    def slow_first(_session) -> str:  # type: ignore[no-untyped-def]
        first_started.set()
        time.sleep(0.3)
        return "eerste"

    loader.load(slow_first, then=shown.append)
    qtbot.waitUntil(first_started.is_set, timeout=5_000)  # its worker starts once the window has painted
    loader.load(lambda _session: "tweede", then=shown.append)
    loader.load(lambda _session: "derde", then=shown.append)  # replaces "tweede" while it waits
    wait_loaded(qtbot, window)
    assert shown == ["derde"]


def test_a_refused_read_is_told_in_dutch_where_the_figures_come(qtbot, make_window, demo_db,
                                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(_session, _today, **_named):  # type: ignore[no-untyped-def]
        raise DatabaseFailed("De database kan niet worden gelezen (proef).")

    monkeypatch.setattr(history, "history", broken)
    window = make_window(demo_db)
    page = _open_history(qtbot, window)
    wait_loaded(qtbot, window)
    cover = page.findChild(PageLoader).sheet
    assert cover.isVisible() and cover.text() == "Laden lukt niet: De database kan niet worden gelezen (proef)."


def test_closing_the_window_during_a_read_is_safe(qtbot, make_window, demo_db, held_history) -> None:  # type: ignore[no-untyped-def]
    release = held_history
    window = make_window(demo_db)
    _open_history(qtbot, window)
    window.close()
    release.set()
    qtbot.wait(200)  # the answer arrives for a page that is closed: dropped, no error dialog, no crash


def test_closing_for_good_during_a_read_deletes_the_window_on_the_ui_thread(qtbot, demo_path, recorded_messages,
                                                                           monkeypatch, held_history) -> None:  # type: ignore[no-untyped-def]
    """Closing at the end while a page reads, with no event loop to run deleteLater (`--smoke`, a bench): the
    read ends before the database closes, and the window is deleted at once, here, not left to Python's
    collector at interpreter exit, after the QApplication is gone (which crashed the process)."""
    import shiboken6
    from PySide6.QtWidgets import QApplication

    from desktop.app import Controller
    from models.db import to_url

    monkeypatch.setenv("SWV_UREN_SETTINGS", str(demo_path.with_name("settings.ini")))
    controller = Controller(to_url(demo_path))
    window = controller.window
    page = _open_history(qtbot, window)
    loader = page.findChild(PageLoader)
    qtbot.waitUntil(lambda: loader.reads.running, timeout=5_000)
    threading.Timer(0.3, held_history.set).start()  # the read is still running when the window closes
    controller.close_for_good()
    assert not loader.reads.running or not shiboken6.isValid(loader)
    assert not shiboken6.isValid(window) and not shiboken6.isValid(page)
    assert window not in QApplication.topLevelWidgets()
    assert controller.db is None and controller.window is None
    qtbot.wait(100)  # the worker's answer, left in its list, is collected by no one: no error, no crash


# ---------------------------------------------------------------- every page that reads off the UI thread

def _services():  # type: ignore[no-untyped-def]
    from models.services import agreements, audit_log, masterdata, reporting, reserve
    from models.services.innovation import support_questions

    return {"Overeenkomsten": (agreements, "list_agreements"), "Uren": (reporting, "budget_rows"),
            "Verdeling": (reporting, "allocation"), "Stamgegevens": (masterdata, "master_data"),
            "Logboek": (audit_log, "entries"), "Reserve": (reserve, "grants"),
            "Innovatie": (support_questions, "list_questions")}  # the questions of the page's report


def _go(qtbot, window, title: str):  # type: ignore[no-untyped-def]
    nav = window.nav
    row = next(i for i in range(nav.count()) if nav.item(i).text() == title)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    return window.stack.currentWidget()


@pytest.mark.parametrize("title", ["Overeenkomsten", "Uren", "Verdeling", "Stamgegevens", "Logboek", "Reserve",
                                   "Innovatie"])
def test_a_page_reads_in_a_worker_and_the_window_answers_meanwhile(qtbot, make_window, demo_db, monkeypatch,
                                                                   title: str) -> None:  # type: ignore[no-untyped-def]
    """Its read held in the worker: "Bezig met laden…" where its figures come, another page can be shown
    meanwhile, and once the read is done the figures are there and the cover is gone."""
    window = make_window(demo_db)
    module, name = _services()[title]
    release = hold(monkeypatch, module, name)
    page = _go(qtbot, window, title)
    loader = page.findChild(PageLoader)
    assert loader is not None
    qtbot.waitUntil(loader.sheet.isVisible, timeout=5_000)
    assert loader.sheet.text() == LOADING_TEXT and loader.waiting
    other = _go(qtbot, window, "Overzicht")  # the window answers: another page, while the read waits
    assert other is not page and window.stack.currentWidget() is other
    release.set()
    wait_loaded(qtbot, window)
    _go(qtbot, window, title)
    wait_loaded(qtbot, window)
    assert not loader.sheet.isVisible()
    tables = [t for t in page.findChildren(QTableView) if t.isVisible()]
    assert tables and tables[0].model().rowCount() > 0


def test_a_search_typed_while_a_page_reads_supersedes_the_earlier_read(qtbot, make_window, demo_db,
                                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Overeenkomsten is read for a search typed while the first read is held: only the answer to what is typed
    last is shown."""
    from models.services import agreements

    window = make_window(demo_db)
    release = hold(monkeypatch, agreements, "list_agreements")
    page = _go(qtbot, window, "Overeenkomsten")
    qtbot.waitUntil(lambda: page.loader.reads.running, timeout=5_000)
    qtbot.keyClicks(page.search, "2016-009")  # each key a newer request; the first read is still held
    release.set()
    wait_loaded(qtbot, window)
    numbers = [page.model.rows[i].number for i in range(len(page.model.rows))]
    assert numbers == ["2016-009"]
    assert "zoekterm ‘2016-009’" in page.subtitle.text()


def test_closing_the_window_while_a_page_reads_is_safe(qtbot, make_window, demo_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from models.services import agreements

    window = make_window(demo_db)
    release = hold(monkeypatch, agreements, "list_agreements")
    _go(qtbot, window, "Overeenkomsten")
    window.close()
    release.set()
    qtbot.wait(200)  # the answer arrives for a page that is closed: dropped, no error dialog, no crash
