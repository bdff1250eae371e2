"""Innovatie: the exhaustion per network and theme as the report gives it, a support question drawn up through
the dialog (and refused beside the field), its status steps, budgets, networks, the empty state and the exports."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pypdf import PdfReader

from models.domain.money import format_euros
from models.services import masterdata, supra_budget
from models.services.innovation import network_budgets, regional_networks, support_questions
from models.services.innovation_report import innovation_report
from tests.conftest import TODAY, table_dump
from tests.services import report_files
from tests.views.uren_helpers import YEAR, act, column, find_row, read, rows, wait_loaded
from views.innovation.budgets_dialog import BudgetsDialog
from views.innovation.networks_dialog import NetworksDialog
from views.innovation.page import InnovationPage
from views.innovation.question_dialog import QuestionDialog
from views.innovation.step_dialog import QuestionStepDialog


def open_page(qtbot, make_window, db):  # type: ignore[no-untyped-def]
    window = make_window(db)
    page = window.go_to(InnovationPage)
    assert window.stack.currentWidget() is page
    wait_loaded(qtbot, window)  # the report is read off the UI thread
    return window, page


def budget_row(page: InnovationPage, network: str, theme: str) -> dict[str, str]:
    return rows(page.budget_proxy)[find_row(page.budget_proxy, Netwerk=network, Thema=theme)]


def select(page: InnovationPage, number: str) -> None:
    page.question_table.setFocus()
    page.question_table.selectRow(find_row(page.question_proxy, Nummer=number))
    assert page.selected() is not None and page.selected().number == number


def tick(qtbot, dialog: QuestionDialog, school: str) -> None:  # type: ignore[no-untyped-def]
    """Tick a school in the list with the keyboard: go to it, press Space."""
    row = next(i for i in range(dialog.schools.count()) if dialog.schools.item(i).text().startswith(school + " ("))
    dialog.schools.setFocus()
    dialog.schools.setCurrentRow(row)
    qtbot.keyClick(dialog.schools, Qt.Key.Key_Space)
    assert dialog.schools.item(row).checkState() == Qt.CheckState.Checked


def fill_question(qtbot, dialog: QuestionDialog, schools: list[str]) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.network, "Noord")
    assert dialog.network.currentText() == "Noord"
    qtbot.keyClicks(dialog.title, "Prikkelarme hoek in elke groep")
    qtbot.keyClicks(dialog.description, "Samen een aanpak voor onrustige leerlingen ontwikkelen")
    qtbot.keyClicks(dialog.theme, "Gedrag")
    assert dialog.theme.currentData() == "Gedrag"
    for school in schools:
        tick(qtbot, dialog, school)
    (first, first_amount), (second, second_amount) = [(p, a) for _, p, a in dialog.executors.rows[:2]]
    qtbot.keyClicks(first, "Dirk")
    qtbot.keyClicks(first_amount, "1.250")
    qtbot.keyClicks(second, "SBO De")
    qtbot.keyClicks(second_amount, "750,50")
    assert (first.currentData(), second.currentData()) == ("Dirk van Leeuwen", "SBO De Wending")


def test_the_exhaustion_shown_is_the_report(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    report = read(demo_db, lambda s: innovation_report(s, YEAR, TODAY, swv_name=""))
    assert report.networks, "the demo has a network year"
    for network in report.networks:
        for theme in network.themes:
            shown = budget_row(page, network.network, theme.theme)
            e = theme.exhaustion
            assert (shown["Budget"], shown["Vastgelegd"], shown["Betaald"], shown["Over"]) == (
                format_euros(e.budget), format_euros(e.committed), format_euros(e.paid), format_euros(e.left))
            assert shown["Grondslag"] == theme.basis
            assert shown["Vast"] == format_euros(theme.entered)
            assert shown["Soort"] == theme.amount_kind == "standaard"
            assert shown["Per"] == (format_euros(theme.computed) if theme.computed is not None else "—")
            assert shown["Stand"] == theme.exhaustion.state
    total = rows(page.budget_proxy)[-1]
    assert (total["Netwerk"], total["Budget"], total["Vastgelegd"], total["Over"]) == (
        "Totaal", format_euros(report.total.budget), format_euros(report.total.committed),
        format_euros(report.total.left))
    assert [r["Nummer"] for r in rows(page.question_proxy)] == [q.number for q in report.questions]
    assert "Schooljaar 2016-2017 · 3 regionale netwerken" in page.subtitle.text()


def test_nearly_used_and_used_up_in_words_as_well_as_colour(qtbot, make_window, demo_db) -> None:
    # Midden's Gedrag budget: lower it to just above what is committed, then to exactly that.
    committed = read(demo_db, lambda s: next(t.exhaustion.committed for n in network_budgets.network_year(s, YEAR)
                                             if n.network == "Midden" for t in n.budgets if t.theme == "Gedrag"))
    act(demo_db, lambda s: network_budgets.set_network_budget(s, YEAR, "Midden", "Gedrag",
                                                              entered=committed * 100 // 95, basis="vast bedrag"))
    _, page = open_page(qtbot, make_window, demo_db)
    assert budget_row(page, "Midden", "Gedrag")["Stand"] == "bijna op"
    act(demo_db, lambda s: network_budgets.set_network_budget(s, YEAR, "Midden", "Gedrag", entered=committed,
                                                              basis="vast bedrag"))
    page.refresh()
    shown = budget_row(page, "Midden", "Gedrag")
    assert (shown["Stand"], shown["Over"]) == ("op", format_euros(0))
    r = find_row(page.budget_proxy, Netwerk="Midden", Thema="Gedrag")
    assert page.budget_proxy.index(r, column(page.budget_proxy, "Stand")).data(
        Qt.ItemDataRole.BackgroundRole) is not None
    assert shown["Soort"] == "eigen bedrag"


def test_a_support_question_through_the_dialog(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    before = budget_row(page, "Noord", "Gedrag")["Vastgelegd"]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, QuestionDialog) and dialog.isVisible()
    fill_question(qtbot, dialog, ["Basisschool De Regenboog", "OBS De Vlinder"])
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    wait_loaded(qtbot, page)  # the report is read again

    number = page.selected().number
    shown = rows(page.question_proxy)[find_row(page.question_proxy, Nummer=number)]
    assert shown == {**shown, "Titel": "Prikkelarme hoek in elke groep", "Netwerk": "Noord", "Thema": "Gedrag",
                     "Status": "ingediend", "Bedrag": "€ 2.000,50"}
    assert "Basisschool De Regenboog (KPO)" in shown["Scholen (bestuur)"]
    assert "OBS De Vlinder (OBO)" in shown["Scholen (bestuur)"]
    after = budget_row(page, "Noord", "Gedrag")["Vastgelegd"]
    cents = lambda text: int(text.replace("€", "").replace(".", "").replace(",", "").strip())  # noqa: E731
    assert cents(after) - cents(before) == 200_050
    assert f"{number} is ingediend" in page.notice.text()
    stored = read(demo_db, lambda s: support_questions.question(s, number))
    assert stored.description == "Samen een aanpak voor onrustige leerlingen ontwikkelen"
    assert {(e.expert, e.amount) for e in stored.executors} == {("Dirk van Leeuwen", 125_000),
                                                               ("SBO De Wending", 75_050)}


def test_schools_of_one_board_are_refused_beside_the_field(qtbot, make_window, demo_db, demo_path) -> None:
    act(demo_db, lambda s: masterdata.add_school(s, "KPO", "Basisschool De Linde"))
    act(demo_db, lambda s: regional_networks.assign_school(s, YEAR, "Noord", "KPO", "Basisschool De Linde"))
    _, page = open_page(qtbot, make_window, demo_db)
    before = table_dump(demo_path)
    dialog = page.new_question()
    assert isinstance(dialog, QuestionDialog)
    fill_question(qtbot, dialog, ["Basisschool De Regenboog", "Basisschool De Linde"])
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    error = dialog.errors["schools"]
    assert error.isVisible() and "KPO" in error.text() and "bestu" in error.text()
    assert dialog.title.text() == "Prikkelarme hoek in elke groep"  # the input stays
    assert len(dialog.chosen_schools()) == 2
    assert table_dump(demo_path) == before


def test_a_budget_overrun_is_refused_with_the_figures(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    dialog = page.new_question()
    fill_question(qtbot, dialog, ["Basisschool De Regenboog", "OBS De Vlinder"])
    amount = dialog.executors.rows[0][2]
    amount.clear()
    qtbot.keyClicks(amount, "25.000")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["executors"].isVisible() and "€" in dialog.errors["executors"].text()


def test_walk_a_question_from_submitted_to_paid(qtbot, make_window, demo_db, answers, tmp_path: Path) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    paid_before = budget_row(page, "Zuid", "Innovatie")["Betaald"]
    select(page, "2016-I08")
    assert page.start_button.isEnabled() and not page.report_button.isEnabled() and not page.pay_button.isEnabled()
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    assert page.selected().status == "lopend"
    assert not page.start_button.isEnabled() and page.report_button.isEnabled()

    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, QuestionStepDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors["title"].isVisible()  # a report needs its title
    qtbot.keyClicks(dialog.report_title, "Eindverslag bewegend leren")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors["file"].isVisible()  # and the report itself
    answers.open_file = tmp_path / "Eindverslag.docx"
    answers.open_file.write_bytes(report_files.docx("Bewegend leren in groep 3 en 4: de kinderen rekenen op de trap."))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.file.text() == str(answers.open_file)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    wait_loaded(qtbot, page)  # the report is read again
    assert page.selected().status == "verslag ontvangen"
    assert page.notice.text() == "Ondersteuningsvraag 2016-I08: het verslag is ontvangen."
    assert "Eindverslag bewegend leren" in page.details.text()
    assert page.pay_button.isEnabled() and not page.withdraw_button.isEnabled()

    qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    wait_loaded(qtbot, page)  # the report is read again
    assert page.selected().status == "betaald"
    assert page.notice.text() == "Ondersteuningsvraag 2016-I08: de uitvoerders zijn betaald."
    assert not any(b.isEnabled() for b in page.step_buttons.values())
    assert budget_row(page, "Zuid", "Innovatie")["Betaald"] != paid_before


def test_withdraw_frees_the_commitment(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    committed = budget_row(page, "Midden", "Innovatie")["Vastgelegd"]
    select(page, "2016-I06")
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.reason, "De scholen zien af van de aanpak")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    wait_loaded(qtbot, page)  # the report is read again
    assert page.selected().status == "ingetrokken"
    assert page.notice.text() == "Ondersteuningsvraag 2016-I06: de vraag is ingetrokken."
    assert budget_row(page, "Midden", "Innovatie")["Vastgelegd"] != committed


def test_enter_opens_the_question_and_a_paid_one_is_read_only(qtbot, make_window, demo_db) -> None:
    window, page = open_page(qtbot, make_window, demo_db)
    window.activateWindow()
    select(page, "2016-I01")
    qtbot.keyClick(page.question_table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, QuestionDialog) and dialog.isVisible()
    assert not dialog.ok_button.isVisible() and "betaald" in dialog.general_error.text()
    assert set(dialog.chosen_schools()) == set(dialog.question.school_refs)
    dialog.reject()


def test_filter_and_search_say_what_is_shown(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    page.status_filter.setCurrentIndex(page.status_filter.findText("lopend"))
    assert {r["Status"] for r in rows(page.question_proxy)} == {"lopend"}
    assert "status lopend" in page.subtitle.text()
    page.status_filter.setCurrentIndex(0)
    page.network_filter.setCurrentIndex(page.network_filter.findText("Zuid"))
    assert {r["Netwerk"] for r in rows(page.question_proxy)} == {"Zuid"}
    page.network_filter.setCurrentIndex(0)
    page.focus_search()
    qtbot.keyClicks(page.search, "kameleon")  # an executor's name
    assert {r["Nummer"] for r in rows(page.question_proxy)} == {"2016-I03", "2016-I07"}
    assert "zoekterm ‘kameleon’" in page.subtitle.text()


def test_budgets_dialog_switches_a_network_to_per_pupil(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    qtbot.mouseClick(page.budgets_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, BudgetsDialog)
    standard, rate, basis = dialog.theme_fields["Gedrag"]
    rate.clear()
    qtbot.keyClicks(rate, "20")
    _, network_basis = dialog.network_fields[("Zuid", "Gedrag")]
    network_basis.setCurrentIndex(network_basis.findData("per leerling"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    shown = budget_row(page, "Zuid", "Gedrag")
    pupils = read(demo_db, lambda s: next(n.pupils for n in network_budgets.network_year(s, YEAR)
                                          if n.network == "Zuid"))
    assert shown["Grondslag"] == "per leerling"
    assert shown["Budget"] == shown["Per"] == format_euros(pupils * 2000)
    assert page.notice.text() == f"De budgetten van {YEAR} zijn opgeslagen."


def test_budgets_dialog_refusal_beside_its_row(qtbot, make_window, demo_db, demo_path) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    before = table_dump(demo_path)
    dialog = page.edit_budgets()
    entered, _ = dialog.network_fields[("Noord", "Gedrag")]
    entered.clear()
    qtbot.keyClicks(entered, "100")  # far below what Noord committed to Gedrag
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["budget:Noord:Gedrag"].isVisible(), dialog.error_text()
    assert table_dump(demo_path) == before


def test_budgets_dialog_an_own_amount_stays_when_the_standard_changes(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    dialog = page.edit_budgets()
    assert isinstance(dialog, BudgetsDialog)
    noord, _ = dialog.network_fields[("Noord", "Innovatie")]
    midden, _ = dialog.network_fields[("Midden", "Innovatie")]
    assert dialog.amount_kinds[("Noord", "Innovatie")].currentText() == "standaard"
    noord.clear()
    qtbot.keyClicks(noord, "28.000")  # the standard's amount, typed as Noord's own
    assert dialog.amount_kinds[("Noord", "Innovatie")].currentText() == "eigen bedrag"
    standard, _, _ = dialog.theme_fields["Innovatie"]
    standard.clear()
    qtbot.keyClicks(standard, "30.000")
    assert (midden.text(), noord.text()) == ("30.000", "28.000")  # the following network shows the new standard
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    shown = {n: budget_row(page, n, "Innovatie") for n in ("Midden", "Noord", "Zuid")}
    assert [(shown[n]["Vast"], shown[n]["Soort"]) for n in shown] == [
        ("€ 30.000,00", "standaard"), ("€ 28.000,00", "eigen bedrag"), ("€ 30.000,00", "standaard")]
    # back to the standard, chosen with the keyboard
    dialog = page.edit_budgets()
    kind = dialog.amount_kinds[("Noord", "Innovatie")]
    kind.setFocus()
    qtbot.keyClicks(kind, "standaard")
    assert dialog.network_fields[("Noord", "Innovatie")][0].text() == "30.000,00"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    noord = budget_row(page, "Noord", "Innovatie")
    assert (noord["Vast"], noord["Soort"]) == ("€ 30.000,00", "standaard")


def test_networks_dialog_moves_a_school_in_the_chosen_year_only(qtbot, make_window, demo_db) -> None:
    import dataclasses

    from models.domain.months import Month
    from models.services import demo, years

    act(demo_db, lambda s: years.create_or_replace(s, dataclasses.replace(
        demo.reference_setup(), label="2017-2018", first_month=Month(2017, 9), last_month=Month(2018, 7))))
    window, page = open_page(qtbot, make_window, demo_db)
    window.year_picker.setCurrentIndex(window.year_picker.findText(YEAR))
    before = {r["Netwerk"] + r["Thema"]: r for r in rows(page.budget_proxy)}
    window.year_picker.setCurrentIndex(window.year_picker.findText("2017-2018"))
    assert page.year == "2017-2018"
    dialog = page.edit_networks()
    assert isinstance(dialog, NetworksDialog) and "2017-2018" in dialog.windowTitle()
    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count()) if dialog.list.item(i).text() == "Midden"))
    assert dialog.schools_title.text() == "Scholen van Midden in 2017-2018"
    assert dialog.source_note.text() == ("2017-2018 heeft nog geen eigen indeling: hier staat die van 2016-2017. Wat "
                                         "u opslaat, geldt alleen voor 2017-2018.")
    jozef = dialog.school_row("Basisschool Sint-Jozef")
    assert dialog.schools.item(jozef, 0).checkState() == Qt.CheckState.Checked  # 2016-2017's membership
    dialog.set_school("Basisschool Sint-Jozef", False)
    qtbot.mouseClick(dialog.save_schools_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert dialog.source_note.isHidden()  # saved: 2017-2018 has its own membership now
    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count()) if dialog.list.item(i).text() == "Noord"))
    dialog.set_school("Basisschool Sint-Jozef", True, 250)
    qtbot.mouseClick(dialog.save_schools_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert dialog.schools.item(dialog.school_row("Basisschool Sint-Jozef"), 2).text() == ""
    dialog.reject()
    members = read(demo_db, lambda s: {n.network: [m.school for m in n.schools]
                                       for n in network_budgets.network_year(s, "2017-2018")})
    assert "Basisschool Sint-Jozef" in members["Noord"] and "Basisschool Sint-Jozef" not in members["Midden"]
    # 2016-2017 on screen: the same as before the move
    window.year_picker.setCurrentIndex(window.year_picker.findText(YEAR))
    assert page.year == YEAR
    assert {r["Netwerk"] + r["Thema"]: r for r in rows(page.budget_proxy)} == before
    dialog = page.edit_networks()
    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count()) if dialog.list.item(i).text() == "Midden"))
    assert dialog.schools.item(dialog.school_row("Basisschool Sint-Jozef"), 0).checkState() == Qt.CheckState.Checked
    dialog.reject()


def test_networks_dialog_adds_a_network_with_schools_and_pupils(qtbot, make_window, demo_db,
                                                                recorded_messages) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    qtbot.mouseClick(page.networks_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, NetworksDialog)
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Oost")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.current() == "Oost", dialog.error.text()
    # Move two schools of Zuid that no question names: unassign there first is the rule, so take a new one.
    act(demo_db, lambda s: masterdata.add_school(s, "OBO", "OBS De Boomgaard"))
    act(demo_db, lambda s: masterdata.add_school(s, "KPO", "Basisschool De Linde"))
    dialog.reload()
    dialog.set_school("OBS De Boomgaard", True, 210)
    dialog.set_school("Basisschool De Linde", True, 190)
    qtbot.mouseClick(dialog.save_schools_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert "400 leerlingen" in dialog.notice.text()
    dialog.reject()
    assert "Oost" in [r["Netwerk"] for r in rows(page.budget_proxy)]
    oost = read(demo_db, lambda s: next(n for n in network_budgets.network_year(s, YEAR) if n.network == "Oost"))
    assert oost.pupils == 400 and len(oost.schools) == 2


def test_a_network_name_in_use_is_refused_beside_the_list(qtbot, make_window, demo_db, demo_path,
                                                         recorded_messages) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    qtbot.mouseClick(page.networks_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, NetworksDialog)
    before = table_dump(demo_path)
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "noord")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.error.text() == "Er is al een netwerk met de naam 'Noord'."
    assert not [shown for shown in recorded_messages.shown if shown[0] == "error"]  # beside the list, not a box
    assert dialog.notice.text() == "" and table_dump(demo_path) == before
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Oost")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible() and dialog.notice.text() == "Netwerk Oost is toegevoegd."
    dialog.reject()


def test_starting_a_question_started_elsewhere_is_refused_and_changes_nothing(qtbot, make_window, demo_db, demo_path,
                                                                               recorded_messages) -> None:
    """The list still shows 2016-I08 as ingediend while another user has started it: Starten says why."""
    _, page = open_page(qtbot, make_window, demo_db)
    select(page, "2016-I08")
    act(demo_db, lambda s: support_questions.start_question(s, "2016-I08", TODAY, TODAY))
    before = table_dump(demo_path)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    kind, title, text = recorded_messages.shown[-1]
    assert (kind, title) == ("error", "Starten kan niet") and "2016-I08" in text and "lopend" in text
    assert table_dump(demo_path) == before and page.notice.text() == ""


def test_no_networks_shows_what_to_do(qtbot, make_window, reference_db) -> None:
    _, page = open_page(qtbot, make_window, reference_db)
    assert page.body.currentWidget() is page.empty
    assert page.empty.isVisible()
    assert "Nog geen regionale netwerken. Maak ze aan via Netwerken…" in page.empty.text()
    assert not page.new_button.isEnabled() and page.networks_button.isEnabled()
    assert page.subtitle.text() == "Schooljaar 2016-2017 · nog geen regionale netwerken"


def test_a_network_with_questions_is_not_removed(qtbot, make_window, demo_db, recorded_messages) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    dialog = page.edit_networks()
    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count()) if dialog.list.item(i).text() == "Noord"))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert recorded_messages.shown[-1][0] == "ask" and "gaan verloren" in recorded_messages.shown[-1][2]
    assert dialog.error.isVisible() and "2016-I0" in dialog.error.text()
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["Midden", "Noord", "Zuid"]


def test_tab_goes_through_the_question_dialog_in_reading_order(qtbot, make_window, demo_db) -> None:
    window, page = open_page(qtbot, make_window, demo_db)
    window.activateWindow()
    dialog = page.new_question()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    dialog.network.setFocus()
    seen = []
    for _ in range(14):
        seen.append(dialog.focusWidget())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    (first, first_amount), (second, _a) = [(p, a) for _, p, a in dialog.executors.rows[:2]]
    wanted = [dialog.network, dialog.title, dialog.description, dialog.theme, dialog.schools, first, first_amount,
              second, dialog.executors.add_button, dialog.submitted_on]
    positions = [next(i for i, w in enumerate(seen) if w is x or (x.isAncestorOf(w) if w else False))
                 for x in wanted]
    assert positions == sorted(positions), [type(w).__name__ for w in seen]


def test_tab_reaches_every_control_in_order(qtbot, make_window, demo_db) -> None:
    window, page = open_page(qtbot, make_window, demo_db)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    page.new_button.setFocus()
    seen = []
    for _ in range(12):
        seen.append(window.focusWidget())
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    for widget in (page.networks_button, page.budgets_button, page.pdf_button, page.budget_table,
                   page.network_filter, page.status_filter, page.search, page.question_table, page.open_button):
        assert widget in seen, widget


def test_exports_write_the_exhaustion(qtbot, make_window, demo_db, tmp_path: Path, recorded_messages) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    pdf = page.export("pdf", tmp_path / "uitputting.pdf")
    assert pdf is not None and pdf.is_file()
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "2016-2017" in text and "Noord" in text
    xlsx = page.export("xlsx", tmp_path / "uitputting.xlsx")
    workbook = openpyxl.load_workbook(xlsx)
    cells = {str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert "Midden" in cells
    assert recorded_messages.shown[-1][2].endswith(str(tmp_path / "uitputting.xlsx"))


def test_screen_and_pdf_agree_on_what_is_left(qtbot, make_window, demo_db, tmp_path: Path,
                                              recorded_messages) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    total = rows(page.budget_proxy)[-1]["Over"]
    pdf = page.export("pdf", tmp_path / "u.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert total.replace("€ ", "") in text


def test_a_submitted_question_can_be_changed(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    select(page, "2016-I08")
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, QuestionDialog) and dialog.ok_button.isVisible()
    assert len(dialog.chosen_schools()) == 3 and dialog.description.toPlainText()
    dialog.title.clear()
    qtbot.keyClicks(dialog.title, "Bewegend leren in drie scholen")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    assert rows(page.question_proxy)[find_row(page.question_proxy, Nummer="2016-I08")]["Titel"] == \
        "Bewegend leren in drie scholen"
    assert "2016-I08 is gewijzigd" in page.notice.text()


def test_markup_in_a_title_shows_as_typed(qtbot, make_window, demo_db) -> None:
    """User text is text: '<i>' or '&' in a title is not applied as rich text anywhere it is shown."""
    question = next(q for q in read(demo_db, lambda s: support_questions.list_questions(s, YEAR))
                    if q.status == "lopend")
    hostile = "<i>Kosten</i> < 5 & <b>x"
    cmd = support_questions.QuestionInput(year=YEAR, network=question.network, title=hostile, description="",
                                          theme=None if question.theme == "Innovatie" else question.theme,
                                          schools=question.school_refs,
                                          executors=tuple((e.expert, e.amount) for e in question.executors),
                                          submitted_on=question.submitted_on)
    act(demo_db, lambda s: support_questions.update_question(s, question.number, cmd, TODAY))
    _, page = open_page(qtbot, make_window, demo_db)
    select(page, question.number)
    assert "&lt;i&gt;Kosten&lt;/i&gt; &lt; 5 &amp; &lt;b&gt;x" in page.details.text()
    dialog = page.step_selected("intrekken")
    assert any("&lt;b&gt;x" in label.text() for label in dialog.findChildren(type(page.details)))
    dialog.reject()


def test_a_question_keeps_an_executor_set_inactive(qtbot, make_window, demo_db) -> None:
    """The directory says: set an executor inactive rather than remove; their questions stay editable."""
    import dataclasses

    from models.services import directory

    question = next(q for q in read(demo_db, lambda s: support_questions.list_questions(s, YEAR))
                    if q.status == "lopend")
    name = question.executors[0].expert
    entry = read(demo_db, lambda s: directory.expert(s, name))
    cmd = directory.ExpertInput(**{f.name: getattr(entry, f.name) for f in dataclasses.fields(directory.ExpertInput)
                                   if f.name != "active"}, active=False)
    act(demo_db, lambda s: directory.update_expert(s, name, cmd))
    _, page = open_page(qtbot, make_window, demo_db)
    select(page, question.number)
    dialog = page.open_selected()
    picker = dialog.executors.rows[0][1]
    assert picker.currentText() == name
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()


def test_tab_reaches_every_pupil_count_in_the_networks_dialog(qtbot, make_window, demo_db) -> None:
    from PySide6.QtWidgets import QSpinBox

    window, page = open_page(qtbot, make_window, demo_db)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    dialog = page.edit_networks()
    assert isinstance(dialog, NetworksDialog)
    qtbot.waitExposed(dialog)
    counts = [dialog.schools.cellWidget(r, 1) for r in range(dialog.schools.rowCount())]
    assert len(counts) > 1 and all(isinstance(c, QSpinBox) for c in counts)
    dialog.schools.setFocus()
    qtbot.waitUntil(dialog.schools.hasFocus, timeout=3000)
    for count in counts:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert count.hasFocus()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.save_schools_button.hasFocus()
    dialog.reject()


# ---------------------------------------------------------------- one rule on screen, in the PDF and in the workbook

AMOUNT_HEADS = ("Grondslag", "Vast", "Per", "Budget", "Vastgelegd", "Betaald", "Over", "Stand")


def _pdf_budget_rows(path: Path, networks: list[str], themes: int) -> dict[tuple[str, str], tuple[list[str], int]]:
    """Per (network, theme) the cells of the network's table in the PDF, and which amount (Vast 1, Per 2) is bold."""
    cells: list[tuple[str, bool]] = []

    def visit(text, _cm, _tm, font, _size) -> None:  # type: ignore[no-untyped-def]
        if text.strip():
            cells.append((text.strip(), bool(font) and "Bold" in str(font.get("/BaseFont"))))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    texts = [t for t, _ in cells]
    found = {}
    for network in networks:
        start = texts.index(network_heading(network))
        first = texts.index("Stand", start) + 1  # the head ends with Stand
        for row in range(themes):
            line = cells[first + 10 * row:first + 10 * row + 10]
            theme = line[0][0]
            # Grondslag, Vast bedrag, Per leerling, Budget, Vastgelegd, Betaald, Over, Stand; then Vastgelegd %
            shown = [t for t, _ in line[1:8]] + [line[9][0], line[8][0]]
            bold = [i for i in (2, 3) if line[i][1]]
            assert len(bold) == 1, line
            found[(network, theme)] = (shown, bold[0] - 1)
    return found


def network_heading(network: str) -> str:
    return "Bovenregionaal budget" if network == "Bovenregionaal" else f"Regionaal netwerk {network}"


def _xlsx_text(cell) -> str:  # type: ignore[no-untyped-def]
    if isinstance(cell.value, str):
        return cell.value
    return format_euros(int(Decimal(str(cell.value)) * 100))


@pytest.mark.parametrize("supra", [False, True], ids=["netwerken", "met bovenregionaal"])
def test_screen_pdf_and_workbook_show_the_same_budget_rows(qtbot, make_window, demo_db, tmp_path: Path,
                                                          recorded_messages, supra: bool) -> None:
    """Both amounts of every network x theme, the one in force in bold, the dash where there is no amount per
    pupil, the state in words: the same on screen, in the PDF and in the workbook; the supra-regional budget as
    a line of its own with the same columns."""
    if supra:
        act(demo_db, lambda s: supra_budget.set_supra_budget(s, YEAR, "Gedrag", 500_000))
    _, page = open_page(qtbot, make_window, demo_db)
    report = read(demo_db, lambda s: innovation_report(s, YEAR, TODAY, swv_name=""))
    pdf = _pdf_budget_rows(page.export("pdf", tmp_path / "u.pdf"), [n.network for n in report.networks],
                           len(report.theme_names))
    ws = openpyxl.load_workbook(page.export("xlsx", tmp_path / "u.xlsx"))["Uitputting"]
    head = [c.value for c in ws[5]]
    xlsx = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(6, 6 + len(pdf))}
    font_column = {"Vast": column(page.budget_proxy, "Vast"), "Per": column(page.budget_proxy, "Per")}
    seen_both = seen_dash = 0
    for network in report.networks:
        for theme in network.themes:
            key = (network.network, theme.theme)
            r = find_row(page.budget_proxy, Netwerk=network.network, Thema=theme.theme)
            screen = rows(page.budget_proxy)[r]
            on_screen = [screen[h] for h in AMOUNT_HEADS]
            bold_on_screen = [i for i, h in enumerate(("Vast", "Per"), start=1)
                              if page.budget_proxy.index(r, font_column[h]).data(Qt.ItemDataRole.FontRole)
                              is not None and page.budget_proxy.index(r, font_column[h]).data(
                                  Qt.ItemDataRole.FontRole).bold()]
            printed, bold_printed = pdf[key]
            cells = [ws.cell(xlsx[key], head.index(h) + 1) for h in (
                "Grondslag", "Vast bedrag", "Per leerling", "Budget", "Vastgelegd", "Betaald", "Over", "Stand")]
            in_workbook = [_xlsx_text(c) for c in cells]
            bold_in_workbook = [i for i in (1, 2) if cells[i].font.b]
            assert on_screen == printed[:8] == in_workbook, key
            assert bold_on_screen == [bold_printed] == bold_in_workbook == [1 if theme.entered_in_force else 2], key
            share = ws.cell(xlsx[key], head.index("Vastgelegd %") + 1).value
            assert printed[8] == (share if share == "—" else f"{int(Decimal(str(share)) * 100)} %"), key
            assert printed[8] in page.budget_proxy.index(r, column(page.budget_proxy, "Stand")).data(
                Qt.ItemDataRole.ToolTipRole)
            assert screen["Stand"] in ("binnen budget", "bijna op", "op", "over budget", "geen budget")
            seen_both += theme.computed is not None and theme.entered_in_force
            seen_dash += theme.computed is None
    # the demo has what the review saw: a per-pupil amount beside a fixed budget in force, and themes without one
    assert seen_both >= 2 and seen_dash >= 2
    assert any(n.supra_regional for n in report.networks) == supra
    assert rows(page.budget_proxy)[find_row(page.budget_proxy, Netwerk="Noord", Thema="Hoogbegaafdheid")]["Per"] \
        != "—"


def test_the_base_theme_is_called_the_same_in_the_dialog_and_the_table(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    in_table = {row["Thema"] for row in rows(page.question_proxy) if row["Nummer"] != "Totaal"}
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    offered = [dialog.theme.itemText(i) for i in range(dialog.theme.count())]
    assert offered[0] == "Innovatie" and "Innovatie" in in_table
    assert set(offered) >= in_table - {""}
    dialog.reject()
