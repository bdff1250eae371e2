"""The window fits a 1024 x 768 screen on every page (tables scroll instead of widening it); the frame's own
parts: the status bar fields, the reports without a school year, each page's primary action."""
from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLineEdit, QPushButton

from tests.views.uren_helpers import go_loaded, wait_loaded
from views.agreements.page import AgreementsPage
from views.audit_page import AuditPage
from views.masterdata.page import MasterDataPage
from views.overview_page import OverviewPage
from views.reserve.page import ReservePage



@pytest.mark.parametrize("page", [OverviewPage, AgreementsPage, ReservePage, MasterDataPage, AuditPage])
def test_every_page_fits_1024_by_768(qtbot, make_window, demo_db, app_style, page) -> None:
    window = make_window(demo_db)
    shown = go_loaded(window, page)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is shown)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024, shown.minimumSizeHint()
    assert window.minimumSizeHint().height() <= 700
    assert window.width() <= 1024 and window.height() <= 768


def test_logbook_filters_and_table_fit_1024_by_768(qtbot, make_window, demo_db, app_style) -> None:
    """The pickers and days on a row of their own, under the search: nothing cut, the moments and summaries
    side by side without scrolling sideways."""
    window = make_window(demo_db)
    page = go_loaded(window, AuditPage)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    QApplication.processEvents()
    for widget in (page.entity_filter, page.user_filter, page.since, page.until, page.search):
        assert widget.width() >= widget.minimumSizeHint().width(), widget.objectName()
        right = widget.mapTo(page, widget.rect().topRight()).x()
        assert right <= page.width(), widget.objectName()
    view = page.table
    used = sum(view.columnWidth(c) for c in range(view.model().columnCount()) if not view.isColumnHidden(c))
    assert used <= view.viewport().width()


def test_the_welcome_page_fits_1024_by_768(make_window, empty_db, app_style) -> None:
    window = make_window(empty_db)
    window.resize(1024, 768)
    QApplication.processEvents()
    assert window.stack.currentWidget() is window.welcome
    assert window.minimumSizeHint().width() <= 1024 and window.width() <= 1024


@pytest.mark.parametrize("page", [OverviewPage, ReservePage, MasterDataPage, AuditPage])
def test_search_shows_its_whole_placeholder(qtbot, make_window, demo_db, app_style, page) -> None:
    window = make_window(demo_db)
    page = go_loaded(window, page)
    for width in (1024, 1280):
        window.resize(width, 768)
        QApplication.processEvents()
        search: QLineEdit = page.search
        text = search.placeholderText()
        room = search.width() - 36  # minus frame, padding and the clear button beside the text
        assert search.fontMetrics().horizontalAdvance(text) <= room, (width, search.width())


def test_agreement_details_scroll_instead_of_being_cut_off(qtbot, make_window, demo_db, app_style) -> None:
    window = make_window(demo_db)
    page = go_loaded(window, AgreementsPage)
    window.resize(1024, 768)
    wait_loaded(qtbot, window)  # the agreements are read off the UI thread
    page.select_number("2016-001")
    QApplication.processEvents()
    scroll = page.details_scroll
    assert "Uren boeken kan van" in page.details.text()  # the last line
    # The whole text is laid out (nothing cut); what does not fit the pane can be scrolled to.
    needed = page.details.heightForWidth(page.details.width())
    assert page.details.height() >= needed
    assert scroll.verticalScrollBar().maximum() >= needed - scroll.viewport().height() > 0 or \
        needed <= scroll.viewport().height()
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    bottom = page.details.mapTo(scroll.viewport(), page.details.rect().bottomLeft()).y()
    assert bottom <= scroll.viewport().height() + 4  # the last line can be seen


def test_status_bar_fields_are_separated(make_window, demo_db, settings) -> None:
    window = make_window(demo_db)
    window._backup_info = lambda: "Laatste back-up: 23-11-2026 15:01"  # as the app passes it in
    window.refresh_backup_info()
    QApplication.processEvents()
    state, backup = window.state_label, window.backup_label
    assert state.text() == "bewerkbaar" and backup.isVisible()
    lines = [f for f in window.statusBar().findChildren(QFrame)
             if f.frameShape() == QFrame.Shape.VLine and f.isVisible()]
    between = [f for f in lines if state.geometry().right() <= f.geometry().left()
               and f.geometry().right() <= backup.geometry().left()]
    assert between, "a line between 'bewerkbaar' and the last backup"
    assert backup.geometry().left() - state.geometry().right() >= 8
    assert state.contentsRect().left() > 0  # padding, not text against the line


def test_reports_need_a_school_year(qtbot, make_window, empty_db) -> None:
    from models.services import demo

    window = make_window(empty_db)
    exports = window.exports
    for action in (exports.alv, exports.board, exports.boards, exports.provider):
        assert not action.isEnabled(), action.text()
    assert exports.name.isEnabled()  # the name of the SWV needs no year
    alv = next(a for a in window.toolbar.actions() if a is exports.alv)
    assert not alv.isEnabled()
    # A year appears: the reports work.
    from tests.conftest import TODAY

    window.runner.write(demo.fill, TODAY)
    assert window.year_picker.currentText()
    for action in (exports.alv, exports.board, exports.boards, exports.provider):
        assert action.isEnabled(), action.text()


def test_overview_primary_action_makes_the_alv_overview(qtbot, make_window, demo_db, tmp_path, monkeypatch,
                                                        recorded_messages) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "alv.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window = make_window(demo_db)
    page = go_loaded(window, OverviewPage)
    button: QPushButton = page.alv_button
    assert button.isDefault() and button.isEnabled() and "ALV-overzicht" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=20000)
    assert target.stat().st_size > 1000


def test_masterdata_primary_action_edits_the_row_of_the_table_used(qtbot, make_window, demo_db) -> None:
    from views.masterdata_dialogs import BoardDialog, ProviderDialog

    window = make_window(demo_db)
    page = go_loaded(window, MasterDataPage)
    assert page.edit_button.isDefault() and page.edit_button.text() == "Bestuur bewerken…"
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.dialog, BoardDialog) and page.dialog.isVisible()
    page.dialog.reject()
    page.provider_table.setFocus()
    qtbot.waitUntil(lambda: page.edit_button.text() == "Dienstverlener bewerken…")
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.dialog, ProviderDialog)
    page.dialog.reject()
    # Adding a board or provider happens with its key and contract, on Verdeling: the button goes there.
    assert "Verdeling" in page.add_button.toolTip()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert window.nav.currentItem().text() == "Verdeling"


def test_the_hours_grid_shows_at_least_14_rows_at_1280_by_800(qtbot, make_window, demo_db, app_style) -> None:
    """The close/reopen history is a tab of its own: the month grid keeps the page's height."""
    from views.hours.page import HoursPage

    window = make_window(demo_db)
    page = go_loaded(window, HoursPage)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280 and window.height() == 800)
    QApplication.processEvents()
    view = page.table
    assert view.model().rowCount() >= 14
    whole = sum(1 for row in range(view.model().rowCount())
                if 0 <= view.rowViewportPosition(row)
                and view.rowViewportPosition(row) + view.rowHeight(row) <= view.viewport().height())
    assert whole >= 14
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Per maand", "Alle regels",
                                                                        "Afsluiten en heropenen"]
