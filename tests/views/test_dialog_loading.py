"""Dialogs that show figures read off the UI thread: the dialog shows at once, "Bezig met laden…" stands where
the figures come, the dialog answers meanwhile, and its button does not depend on the read. The mechanism, not
the timing."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.services import hour_sheets
from models.services import months as months_service
from tests.views.test_loading import hold
from tests.views.uren_helpers import wait_loaded
from views.hours.months import CloseMonthDialog
from views.hours.page import HoursPage
from views.hours.sheet_make import MakeSheetDialog
from views.loading import LOADING_TEXT, PageLoader


def _hours_page(make_window, db) -> HoursPage:  # type: ignore[no-untyped-def]
    window = make_window(db)
    page = window.go_to(HoursPage)
    wait_loaded(None, window)
    return page


def _shown(page: HoursPage, kind: type) -> object:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind) and dialog.isVisible() and dialog.parent() is page
    return dialog


def test_closing_a_month_shows_the_dialog_before_its_figures_are_read(qtbot, make_window, demo_db,
                                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]
    release = hold(monkeypatch, months_service, "closing_figures")
    page = _hours_page(make_window, demo_db)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CloseMonthDialog), timeout=5_000)
    dialog = _shown(page, CloseMonthDialog)
    assert isinstance(dialog, CloseMonthDialog)
    loader = dialog.findChild(PageLoader)
    assert loader is not None and loader.waiting and dialog.figures.text() == LOADING_TEXT
    qtbot.waitUntil(loader.sheet.isVisible, timeout=5_000)  # the cover once the read takes a while
    # The dialog answers meanwhile: another month is chosen, which is the one read once the worker is free.
    first = dialog.month.currentText()
    dialog.month.setFocus()
    qtbot.keyClick(dialog.month, Qt.Key.Key_Up)
    chosen = dialog.month.currentText()
    assert chosen and chosen != first and dialog.ok_button.isEnabled()
    release.set()
    wait_loaded(qtbot, dialog)
    assert dialog.figures.text().startswith(f"In {chosen} is ") and not loader.sheet.isVisible()
    dialog.reject()


def test_making_a_sheet_shows_the_dialog_before_the_sheet_is_counted(qtbot, make_window, demo_db,
                                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    release = hold(monkeypatch, hour_sheets, "template_rows")
    page = _hours_page(make_window, demo_db)
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MakeSheetDialog), timeout=5_000)
    dialog = _shown(page, MakeSheetDialog)
    assert isinstance(dialog, MakeSheetDialog)
    loader = dialog.findChild(PageLoader)
    assert loader is not None and loader.waiting and dialog.note.text() == LOADING_TEXT
    qtbot.waitUntil(loader.sheet.isVisible, timeout=5_000)
    release.set()
    wait_loaded(qtbot, dialog)
    assert "bevestigde overeenkomst" in dialog.note.text() and not loader.sheet.isVisible()
    dialog.reject()
