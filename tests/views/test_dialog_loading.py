"""Dialogs that show figures read off the UI thread: the dialog shows at once, "Bezig met laden…" stands where
the figures come, the dialog answers meanwhile, and its button does not depend on the read. The mechanism, not
the timing."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.services import hour_sheets
from models.services import months as months_service
from tests.views.test_loading import hold
from tests.views.uren_helpers import EventsSeen, counted_when_read, wait_loaded
from views.hours.months import CloseMonthDialog
from views.hours.page import HoursPage
from views.hours.sheet_make import MakeSheetDialog
from views.loading import LOADING_TEXT, loaders_in


def _hours_page(make_window, db) -> HoursPage:  # type: ignore[no-untyped-def]
    window = make_window(db)
    page = window.go_to(HoursPage)
    wait_loaded(None, window)
    return page


def _opened_while_reading(qtbot, page: HoursPage, button, kind: type):  # type: ignore[no-untyped-def]
    """Click `button`: the dialog of `kind` shows while its read is held, "Bezig met laden…" covering what comes."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=5_000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind) and dialog.isVisible() and dialog.parent() is page
    loader = next(iter(loaders_in(dialog)), None)
    assert loader is not None and loader.waiting
    qtbot.waitUntil(loader.sheet.isVisible, timeout=5_000)  # the cover once the read takes a while
    assert loader.sheet.text() == LOADING_TEXT
    return dialog, loader


def test_closing_a_month_shows_the_dialog_before_its_figures_are_read(qtbot, make_window, demo_db,
                                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]
    release = hold(monkeypatch, months_service, "closing_figures")
    page = _hours_page(make_window, demo_db)
    dialog, loader = _opened_while_reading(qtbot, page, page.close_button, CloseMonthDialog)
    assert not dialog.figures.text().strip()
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
    dialog, loader = _opened_while_reading(qtbot, page, page.template_button, MakeSheetDialog)
    assert not dialog.note.text().strip()
    release.set()
    wait_loaded(qtbot, dialog)
    assert "bevestigde overeenkomst" in dialog.note.text() and not loader.sheet.isVisible()
    dialog.reject()


def _written_in_a_worker(monkeypatch, module, name: str) -> list[bool]:  # type: ignore[no-untyped-def]
    """`module.name` (a writer) records whether it ran on the UI thread, then writes as before."""
    import threading

    on_ui_thread: list[bool] = []
    real = getattr(module, name)

    def recording(*args, **named):  # type: ignore[no-untyped-def]
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(*args, **named)

    monkeypatch.setattr(module, name, recording)
    return on_ui_thread


def _agreement_chosen(qtbot, window):  # type: ignore[no-untyped-def]
    """Overeenkomsten with 2016-001 (confirmed in the demo year) found and clicked, as a person does."""
    from views.agreements.page import AgreementsPage

    page = window.go_to(AgreementsPage)
    page.search.setText("2016-001")
    wait_loaded(qtbot, window)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(page.table.model().index(0, 0)).center())
    return page


def test_the_confirmation_letter_is_written_in_a_worker(qtbot, make_window, demo_db, settings, tmp_path,
                                                        recorded_messages, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """'Bevestigingsbrief…': the PDF (reportlab loaded the first time) is made off the UI thread, and then the
    e-mail is offered as before."""
    from exports import letter

    out = tmp_path / "brieven"
    out.mkdir()
    settings.setValue("export_folder", str(out))
    on_ui_thread = _written_in_a_worker(monkeypatch, letter, "write_confirmation")
    page = _agreement_chosen(qtbot, make_window(demo_db))
    recorded_messages.answer = False  # "Niet nu": the e-mail is not opened
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    assert on_ui_thread == [False]
    assert sorted(p.suffix for p in out.iterdir()) == [".eml", ".pdf"]
    assert [m[1] for m in recorded_messages.shown if m[0] == "ask"] == ["E-mail openen"]


def test_the_empty_setup_workbook_is_written_in_a_worker(qtbot, make_window, demo_db, answers,
                                                         recorded_messages, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """'Leeg opzetbestand opslaan…': openpyxl is loaded and the workbook written off the UI thread, after the
    save dialog (not before it, as the click used to)."""
    from exports import setup_template_xlsx
    from views.allocation.page import AllocationPage

    on_ui_thread = _written_in_a_worker(monkeypatch, setup_template_xlsx, "write_setup_template")
    window = make_window(demo_db)
    page = window.go_to(AllocationPage)
    wait_loaded(qtbot, window)
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    written = answers.folder / "Opzet schooljaar 2017-2018.xlsx"
    assert on_ui_thread == [False] and written.exists()
    assert recorded_messages.shown[-1] == ("info", "Opgeslagen", f"Opgeslagen als {written}")


def test_a_board_workbook_is_written_in_a_worker(make_window, demo_db, answers, recorded_messages,
                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Rapporten → Werkmap voor één bestuur…: the board list and the save dialog come without openpyxl (the file
    name is proposed by exports.files); the workbook is written off the UI thread."""
    from exports import board_xlsx

    on_ui_thread = _written_in_a_worker(monkeypatch, board_xlsx, "write_board_xlsx")
    window = make_window(demo_db)
    answers.item = "OBO"
    window.exports.board.trigger()
    written = answers.folder / "OBO 2016-2017.xlsx"
    assert on_ui_thread == [False] and written.exists()
    assert recorded_messages.shown[-1] == ("info", "Opgeslagen", f"Opgeslagen als {written}")


# ---------------------------------------------------------------- 'Uren registreren…'

def _booking(qtbot, page):  # type: ignore[no-untyped-def]
    """The hours dialog the page opened, shown while its list is still being read."""
    from views.booking.dialog import HoursDialog

    dialog = page.dialog
    assert isinstance(dialog, HoursDialog) and dialog.isVisible() and QApplication.activeModalWidget() is dialog
    list_loader = next(loader for loader in loaders_in(dialog) if loader.sheet.parentWidget() is dialog.agreement_note)
    assert list_loader.waiting and dialog.agreement.count() == 0 and dialog.chosen() is None
    assert not dialog.ok_button.isEnabled()  # nothing is booked before the list is there
    qtbot.waitUntil(list_loader.sheet.isVisible, timeout=5_000)  # the cover once the read takes a while
    assert list_loader.sheet.text() == LOADING_TEXT
    return dialog


def test_booking_hours_on_an_agreement_shows_the_dialog_before_its_list_is_read(qtbot, make_window, demo_db,
                                                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """From Overeenkomsten with an agreement selected: the dialog answers while the list is read (hours typed
    stay), and the agreement is chosen once the list is there."""
    from models.services import hours
    from tests.views.uren_helpers import read

    release = hold(monkeypatch, hours, "bookable_agreements")
    page = _agreement_chosen(qtbot, make_window(demo_db))
    qtbot.mouseClick(page.hours_button, Qt.MouseButton.LeftButton)
    dialog = _booking(qtbot, page)
    qtbot.keyClicks(dialog.hours, "2,5")  # the dialog answers meanwhile
    entries = read(demo_db, lambda s: len(hours.entries(s, "2016-001")))
    qtbot.keyClick(dialog.hours, Qt.Key.Key_Return)  # Enter before the list is there books nothing
    assert dialog.isVisible() and read(demo_db, lambda s: len(hours.entries(s, "2016-001"))) == entries
    release.set()
    wait_loaded(qtbot, dialog)
    assert dialog.chosen() is not None and dialog.chosen().number == "2016-001"
    assert dialog.agreement.count() == len(dialog.by_number) > 1 and dialog.ok_button.isEnabled()
    assert dialog.agreement_note.text().startswith(f"{dialog.chosen().board} bij ")
    assert dialog.month_note.text().startswith(dialog.month.currentData().label.capitalize() + ": budget ")
    assert dialog.hours.text() == "2,5"
    dialog.reject()


def _enter_on_cell(qtbot, page, board: str, provider: str, month: str) -> None:  # type: ignore[no-untyped-def]
    from tests.views.uren_helpers import column, find_row

    index = page.proxy.index(find_row(page.proxy, Bestuur=board, Dienstverlener=provider), column(page.proxy, month))
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)


def test_booking_hours_from_a_grid_cell_chooses_its_pair_and_month_once_the_list_is_read(
        qtbot, make_window, reference_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from models.domain.months import Month
    from models.services import hours
    from tests.views.uren_helpers import add_agreement

    only = add_agreement(reference_db, board="OBO", provider="Driespan")
    page = _hours_page(make_window, reference_db)
    release = hold(monkeypatch, hours, "bookable_agreements")
    _enter_on_cell(qtbot, page, "OBO", "Driespan", "nov")
    dialog = _booking(qtbot, page)
    assert dialog.agreement.currentText() == "OBO · Driespan"  # what it is about, while the list comes
    release.set()
    wait_loaded(qtbot, dialog)
    assert dialog.chosen().number == only and dialog.month.currentData() == Month(2016, 11)
    assert dialog.ok_button.isEnabled() and dialog.month_note.text().startswith("November 2016: budget ")
    dialog.reject()


def test_what_is_typed_while_the_list_is_read_wins_over_the_cell(qtbot, make_window, reference_db,
                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from models.services import hours
    from tests.views.uren_helpers import add_agreement

    add_agreement(reference_db, board="OBO", provider="Driespan")
    other = add_agreement(reference_db, board="KPO", provider="Kameleon")
    page = _hours_page(make_window, reference_db)
    release = hold(monkeypatch, hours, "bookable_agreements")
    _enter_on_cell(qtbot, page, "OBO", "Driespan", "nov")
    dialog = _booking(qtbot, page)
    dialog.agreement.lineEdit().selectAll()
    qtbot.keyClicks(dialog.agreement.lineEdit(), other)
    release.set()
    wait_loaded(qtbot, dialog)
    assert dialog.chosen().number == other and dialog.agreement.currentText() == other
    dialog.reject()


def test_the_months_figures_come_off_the_ui_thread_and_opslaan_does_not_wait_for_them(
        qtbot, make_window, reference_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from models.services import reporting
    from tests.views.uren_helpers import add_agreement, register_by_click

    number = add_agreement(reference_db)
    page = _hours_page(make_window, reference_db)
    dialog = register_by_click(qtbot, page)
    release = hold(monkeypatch, reporting, "budget_rows")
    qtbot.keyClicks(dialog.agreement.lineEdit(), number)
    figures = next(loader for loader in loaders_in(dialog) if loader.sheet.parentWidget() is dialog.month_note)
    assert dialog.chosen().number == number and figures.waiting and dialog.ok_button.isEnabled()
    qtbot.waitUntil(figures.sheet.isVisible, timeout=5_000)
    assert figures.sheet.text() == LOADING_TEXT
    release.set()
    wait_loaded(qtbot, dialog)
    assert dialog.month.currentText() == "juli 2017"  # the latest open month
    assert dialog.month_note.text() == "Juli 2017: budget 17, gebruikt 0, nog 17 over."
    assert not figures.sheet.isVisible()
    dialog.reject()


@pytest.mark.parametrize(("action", "writer", "kind"), [("board_updates", "board_body", "BoardUpdatesDialog"),
                                                        ("provider_requests", "provider_body",
                                                         "ProviderRequestsDialog")])
def test_the_monthly_drafts_are_made_in_a_worker(qtbot, make_window, demo_db, monkeypatch, action: str, writer: str,
                                                 kind: str) -> None:  # type: ignore[no-untyped-def]
    """Rapporten → Maandupdate besturen… and Urenlijsten opvragen…: each e-mail of the month (60 boards on the
    decade) is written off the UI thread, and the dialog shows them."""
    from exports import update_mail
    from PySide6.QtWidgets import QDialog

    on_ui_thread = _written_in_a_worker(monkeypatch, update_mail, writer)
    shown: list[QDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(self) or self.show() or 0)
    window = make_window(demo_db)
    getattr(window.exports, action).trigger()
    dialog = shown[-1]
    wait_loaded(qtbot, dialog)  # the dialog shows at once; its drafts come when made
    assert type(dialog).__name__ == kind and dialog.list.count() > 0
    assert on_ui_thread and not any(on_ui_thread)
    dialog.reject()


def test_a_dialog_reads_once_its_window_is_on_screen(qtbot, make_window, demo_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Rapporten → Maandupdate besturen… asks for its drafts as it is made, before it shows: the worker starts
    once the dialog's window is exposed (and painted), so that paint does not wait for Python's lock."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QDialog

    from models.services import updates

    window = make_window(demo_db)
    wait_loaded(qtbot, window)
    exposures = EventsSeen(lambda watched, event: event.type() == QEvent.Type.Expose
                           and isinstance(watched, QWindow) and watched.isExposed())
    seen_at_read = counted_when_read(monkeypatch, updates, "board_updates", exposures)
    shown: list[QDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(self) or self.show() or 0)
    with exposures:
        window.exports.board_updates.trigger()
        dialog = shown[-1]
        wait_loaded(qtbot, dialog)
    assert len(seen_at_read) == 1 and seen_at_read[0] >= 1 and dialog.list.count() > 0
    dialog.reject()
