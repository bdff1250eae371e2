"""Bovenregionaal on the Innovatie page: its amount set in the budgets dialog, a question of schools of two
networks chosen in the question dialog, its own line in the exhaustion, and a refusal with the figures."""
from __future__ import annotations

from PySide6.QtCore import Qt

from models.domain.money import format_euros
from tests.conftest import table_dump
from tests.views.test_innovation_pages import budget_row, fill_question, open_page, tick
from tests.views.uren_helpers import find_row, rows
from views.innovation.budgets_dialog import BudgetsDialog
from views.innovation.question_dialog import QuestionDialog


def set_supra_in_dialog(qtbot, page, amount: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.budgets_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, BudgetsDialog)
    field = dialog.supra_fields["Gedrag"]
    field.clear()
    qtbot.keyClicks(field, amount)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()


def choose_supra(qtbot, dialog: QuestionDialog) -> None:  # type: ignore[no-untyped-def]
    index = dialog.network.findData("Bovenregionaal")
    assert dialog.network.itemText(index) == "Bovenregionaal (scholen uit meer netwerken)"
    dialog.network.setCurrentIndex(index)  # picked from the list


def test_a_supra_regional_question_through_the_dialogs(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    assert "Bovenregionaal" not in {r["Netwerk"] for r in rows(page.budget_proxy)}  # not in use yet
    set_supra_in_dialog(qtbot, page, "10.000")
    assert budget_row(page, "Bovenregionaal", "Gedrag")["Budget"] == format_euros(1_000_000)
    noord = budget_row(page, "Noord", "Gedrag")["Vastgelegd"]

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, QuestionDialog)
    fill_question(qtbot, dialog, [])
    choose_supra(qtbot, dialog)
    labels = [dialog.schools.item(i).text() for i in range(dialog.schools.count())]
    assert "Basisschool De Regenboog (KPO) · Noord" in labels and "OBS De Springplank (OBO) · Zuid" in labels
    assert "Bovenregionaal budget Gedrag: nog € 10.000,00 over" in dialog.budget_note.text()
    tick(qtbot, dialog, "Basisschool De Regenboog")
    tick(qtbot, dialog, "OBS De Springplank")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()

    shown = rows(page.question_proxy)[find_row(page.question_proxy, Nummer=page.selected().number)]
    assert shown["Netwerk"] == "Bovenregionaal"
    assert budget_row(page, "Bovenregionaal", "Gedrag")["Vastgelegd"] == "€ 2.000,50"
    assert budget_row(page, "Noord", "Gedrag")["Vastgelegd"] == noord  # no network's budget moved
    assert rows(page.budget_proxy)[-1]["Thema"] == "3 netwerken"


def test_above_the_supra_regional_budget_is_refused_beside_the_field(qtbot, make_window, demo_db,
                                                                      demo_path) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    set_supra_in_dialog(qtbot, page, "1.000")
    before = table_dump(demo_path)
    dialog = page.new_question()
    fill_question(qtbot, dialog, [])
    choose_supra(qtbot, dialog)
    tick(qtbot, dialog, "Basisschool De Regenboog")
    tick(qtbot, dialog, "OBS De Springplank")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["executors"].text() == (
        "Nog € 1.000,00 over van het bovenregionale budget Gedrag (budget € 1.000,00, vastgelegd € 0,00); "
        "gevraagd € 2.000,50.")
    assert table_dump(demo_path) == before


def test_schools_of_one_network_are_refused_for_bovenregionaal(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    set_supra_in_dialog(qtbot, page, "10.000")
    dialog = page.new_question()
    fill_question(qtbot, dialog, [])
    choose_supra(qtbot, dialog)
    tick(qtbot, dialog, "Basisschool De Regenboog")
    tick(qtbot, dialog, "OBS De Vlinder")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "minstens twee netwerken" in dialog.errors["schools"].text()
