"""The innovation and expertise dialogs open with the cursor in their first field, and Tab goes through the form
from top to bottom and ends at the buttons (as every form does, views/forms.py): typing goes where it should and
Enter never sends an empty form."""
from __future__ import annotations

from typing import Callable

import pytest

from tests.services import report_files
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from tests.views.uren_helpers import find_row, wait_loaded
from views.expertise.page import ExpertisePage
from views.innovation.page import InnovationPage


def _shown(qtbot, window, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)


def _is(widget: QWidget | None, wanted: QWidget) -> bool:
    return widget is not None and (widget is wanted or wanted.isAncestorOf(widget))


def _tab_walk(qtbot, dialog: QDialog, most: int = 200) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Every widget Tab reaches from the one with the focus, until it comes back there."""
    start = dialog.focusWidget()
    seen = [start]
    for _ in range(most):
        before = dialog.focusWidget()
        for _section in range(4):  # Tab in a date field first goes from day to month to year
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
            if dialog.focusWidget() is not before:
                break
        if dialog.focusWidget() is start:
            return seen
        seen.append(dialog.focusWidget())
    raise AssertionError("Tab komt niet terug bij het eerste veld")


def _buttons(dialog: QDialog) -> list[QWidget]:
    return [b for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons() if b.isEnabled()]


def _check(qtbot, window, dialog: QDialog, first: QWidget, fields: list[QWidget]) -> None:  # type: ignore[no-untyped-def]
    """The cursor starts in `first`; Tab visits `fields` in this order, then the dialog's buttons, and nothing after."""
    _shown(qtbot, window, dialog)
    assert _is(dialog.focusWidget(), first), type(dialog.focusWidget()).__name__
    walk = _tab_walk(qtbot, dialog)
    names = [type(w).__name__ + ":" + w.accessibleName() for w in walk]
    positions = [next((i for i, w in enumerate(walk) if _is(w, field)), -1) for field in fields]
    assert -1 not in positions, (positions, names)
    assert positions == sorted(positions), names
    buttons = _buttons(dialog)
    assert buttons, "the dialog has buttons"
    where = [i for i, w in enumerate(walk) if any(w is b for b in buttons)]
    assert where == list(range(len(walk) - len(buttons), len(walk))), names
    dialog.reject()


@pytest.fixture
def innovation_page(qtbot, make_window, demo_db):  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = window.go_to(InnovationPage)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    wait_loaded(qtbot, window)  # the report is read off the UI thread
    return window, page


def _select(page: InnovationPage, status: str) -> None:
    row = next(r for r in range(page.question_proxy.rowCount())
               if page.question_proxy.index(r, 4).data() == status)
    page.question_table.selectRow(row)


def test_new_support_question(qtbot, innovation_page) -> None:  # type: ignore[no-untyped-def]
    window, page = innovation_page
    dialog = page.new_question()
    (first, amount), (second, _a) = [(p, a) for _, p, a in dialog.executors.rows[:2]]
    _check(qtbot, window, dialog, dialog.network,
           [dialog.network, dialog.title, dialog.description, dialog.theme, dialog.schools, first, amount, second,
            dialog.executors.add_button, dialog.submitted_on])


def test_new_support_question_after_adding_an_executor(qtbot, innovation_page) -> None:  # type: ignore[no-untyped-def]
    window, page = innovation_page
    dialog = page.new_question()
    _shown(qtbot, window, dialog)
    dialog.executors.add_button.click()
    assert len(dialog.executors.rows) == 3
    dialog.network.setFocus()
    qtbot.waitUntil(dialog.network.hasFocus, timeout=3000)
    third = dialog.executors.rows[2][1]
    qtbot.waitUntil(third.isVisible, timeout=3000)  # a row added to a shown dialog appears on the next event loop
    _check(qtbot, window, dialog, dialog.network,
           [dialog.network, dialog.schools, third, dialog.executors.add_button, dialog.submitted_on])


def test_changing_a_submitted_question(qtbot, innovation_page) -> None:  # type: ignore[no-untyped-def]
    window, page = innovation_page
    page.question_table.selectRow(find_row(page.question_proxy, Nummer="2016-I08"))
    dialog = page.open_selected()
    assert dialog.ok_button.isVisible()
    _check(qtbot, window, dialog, dialog.network, [dialog.network, dialog.title, dialog.schools, dialog.submitted_on])


@pytest.mark.parametrize("status, step, field", [("lopend", "verslag", "report_title"),
                                                 ("lopend", "intrekken", "reason"),
                                                 ("verslag ontvangen", "betalen", "date")])
def test_status_steps(qtbot, innovation_page, demo_db, status: str, step: str, field: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window, page = innovation_page
    if status == "verslag ontvangen":  # the demo has none: receive a running question's report first
        _select(page, "lopend")
        number = page.selected().number
        receive = page.step_selected("verslag")
        receive.report_title.setText("Eindverslag")
        report = tmp_path / "Eindverslag.docx"
        report.write_bytes(report_files.docx("Wat de scholen deden en wat werkte."))
        receive.file.setText(str(report))  # as 'Bestand kiezen…' puts it
        qtbot.mouseClick(receive.ok_button, Qt.MouseButton.LeftButton)
        assert not receive.isVisible(), receive.error_text()
        wait_loaded(qtbot, page)
        page.question_table.selectRow(find_row(page.question_proxy, Nummer=number))
    _select(page, status)
    dialog = page.step_selected(step)
    wanted = getattr(dialog, field)
    _check(qtbot, window, dialog, wanted, [wanted, dialog.date])


def test_budgets(qtbot, innovation_page) -> None:  # type: ignore[no-untyped-def]
    window, page = innovation_page
    dialog = page.edit_budgets()
    first_standard = next(iter(dialog.theme_fields.values()))[0]
    last_basis = list(dialog.network_fields.values())[-1][1]
    _check(qtbot, window, dialog, first_standard, [first_standard, dialog.new_theme,
                                                   next(iter(dialog.amount_kinds.values())), last_basis])


def test_networks(qtbot, innovation_page) -> None:  # type: ignore[no-untyped-def]
    window, page = innovation_page
    dialog = page.edit_networks()
    counts = [dialog.schools.cellWidget(r, 1) for r in range(dialog.schools.rowCount())]
    _check(qtbot, window, dialog, dialog.list,
           [dialog.list, dialog.name, dialog.add_button, *counts, dialog.save_schools_button])


@pytest.fixture
def expertise_page(qtbot, make_window, demo_db):  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = window.go_to(ExpertisePage)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    wait_loaded(qtbot, window)  # the report is read off the UI thread
    return window, page


@pytest.mark.parametrize("how", ["new_expert", "edit_selected"])
def test_expert_dialog(qtbot, expertise_page, how: str) -> None:  # type: ignore[no-untyped-def]
    window, page = expertise_page
    page.table.selectRow(0)
    dialog: Callable[[], QDialog] = getattr(page, how)
    opened = dialog()
    _check(qtbot, window, opened, opened.name, [opened.name, opened.kind, opened.evidence, opened.email])
