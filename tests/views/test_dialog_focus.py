"""Every dialog opens with the cursor in its first field, and Tab follows the form from top to bottom with the
buttons last (Qt would start on Opslaan, so typing went nowhere and Enter sent an empty form)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QPushButton, QWidget

from tests.views.uren_helpers import go_loaded
from views.agreements.page import AgreementsPage
from views.allocation.page import AllocationPage
from views.hours.page import HoursPage
from views.masterdata.page import MasterDataPage
from views.reserve.page import ReservePage


def tab_chain(dialog: QDialog) -> list[QWidget]:
    """The widgets Tab visits from the focused one, round to it again (the focused one first)."""
    start = dialog.focusWidget()
    assert start is not None
    chain = [start]
    widget = start.nextInFocusChain()
    while widget is not start and len(chain) < 200:
        if (widget.isVisibleTo(dialog) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.window() is dialog and widget.focusProxy() is None
                and not isinstance(widget.parentWidget(), QComboBox)):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def assert_form_order(qtbot, dialog: QDialog, fields: list[QWidget]) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.focusWidget() is fields[0], type(dialog.focusWidget()).__name__
    chain = tab_chain(dialog)
    buttons = [w for w in chain if isinstance(w, QPushButton) and dialog.buttons.isAncestorOf(w)]  # type: ignore[attr-defined]
    assert [b.text() for b in buttons][-1] == "Annuleren"
    assert chain[-len(buttons):] == buttons, "the buttons come last"
    assert [w for w in chain if w in fields] == fields, "the fields in the order of the form"
    assert chain[:len(fields)] == fields
    # Tab really moves there: from the first field to the second.
    qtbot.keyClick(fields[0], Qt.Key.Key_Tab)
    assert dialog.focusWidget() is fields[1]


def test_new_agreement_starts_on_the_board(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    window.new_agreement_action.trigger()  # Ctrl+N
    dialog = window.page(AgreementsPage).dialog
    assert dialog is not None
    assert_form_order(qtbot, dialog, [dialog.board, dialog.school, dialog.provider, dialog.kind, dialog.description,
                                      dialog.pupil_ref, dialog.hours, dialog.first_month, dialog.last_month,
                                      dialog.reported_on, dialog.registered, dialog.registered_on,
                                      dialog.board_contact, dialog.provider_contact])


def test_reserve_grant_starts_on_the_board(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    page = go_loaded(window, ReservePage)
    dialog = page.grant()
    assert_form_order(qtbot, dialog, [dialog.board, dialog.provider, dialog.first_month, dialog.last_month,
                                      dialog.hours, dialog.reason])


def test_board_and_provider_edit_start_on_the_name(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    page = go_loaded(window, MasterDataPage)
    dialog = page.edit_board()
    assert_form_order(qtbot, dialog, [dialog.name, dialog.contact, dialog.email])
    dialog.reject()
    dialog = page.edit_provider()
    assert_form_order(qtbot, dialog, [dialog.name, dialog.cluster, dialog.contact, dialog.email])


def test_new_year_starts_on_the_label(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    dialog = go_loaded(window, AllocationPage).new_year()
    assert_form_order(qtbot, dialog, [dialog.label_field, dialog.first_month, dialog.last_month, dialog.rounding,
                                      dialog.providers.table, dialog.providers.add_button,
                                      dialog.providers.remove_button, dialog.boards.table,
                                      dialog.boards.add_button, dialog.boards.remove_button])


def test_reopen_month_starts_on_the_month(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    dialog = go_loaded(window, HoursPage).reopen_month()
    assert dialog is not None
    fields = [w for w in tab_chain(dialog) if not dialog.buttons.isAncestorOf(w)]
    assert isinstance(fields[0], QComboBox) and "2017" in fields[0].currentText()  # the month, not Heropenen
    assert len(fields) == 2  # the month, then the reason
    assert_form_order(qtbot, dialog, fields)
