"""Verdeling: the published figures on screen, the key beside its suggestion, the rounding warning, month
budgets set by hand with a note, a year entered by hand, and a set-up workbook read in (or refused)."""
from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from models.domain.allocation import Rounding
from models.services import demo, lookup, years
from tests.conftest import FIXTURES, table_dump
from tests.views.uren_helpers import wait_all_loaded
from views.allocation.edit_table import EditTable
from views.allocation.month_budget_dialog import MonthBudgetDialog
from views.allocation.page import AllocationPage
from views.allocation.year_dialog import B_KEY, B_PUPILS, B_SUGGESTION, P_CONTRACT, P_RESERVE, NewYearDialog

YEAR = "2016-2017"


# ---------------------------------------------------------------- reading what the user sees

def titles(model: QAbstractItemModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal).replace("-\n", "").replace("\n", " ") for c in range(model.columnCount())]


def rows(model: QAbstractItemModel) -> list[dict[str, str]]:
    wait_all_loaded()  # as a person reads: once the page has read its figures (off the UI thread)
    heads = titles(model)
    return [{heads[c]: model.index(r, c).data() for c in range(model.columnCount())}
            for r in range(model.rowCount())]


def row_of(model: QAbstractItemModel, first_column: str, second: str | None = None) -> dict[str, str]:
    found = [r for r in rows(model) if list(r.values())[0] == first_column
             and (second is None or list(r.values())[1] == second)]
    assert len(found) == 1, (first_column, second, found)
    return found[0]


def open_page(make_window, db) -> tuple:  # type: ignore[no-untyped-def]
    window = make_window(db)
    page = window.go_to(AllocationPage)
    wait_all_loaded()
    assert window.stack.currentWidget() is page
    return window, page


def published() -> list[dict[str, str]]:
    with open(FIXTURES / "po3002-2016-2017.csv", encoding="utf-8") as file:
        return list(csv.DictReader(file, delimiter=";"))


# ---------------------------------------------------------------- the distribution

def test_year_table_shows_all_36_published_figures(make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    shown = 0
    for line in published():
        row = row_of(page.year_proxy, line["bestuur"])
        assert row[f"{line['dienstverlener']} jaaruren"] == line["jaaruren"], line
        assert row[f"{line['dienstverlener']} per maand"] == line["per_maand"], line
        assert row["Verdeling (%)"] == line["verdeling"]
        shown += 2
    assert shown == 36
    total = rows(page.year_proxy)[-1]
    assert total["Bestuur"] == "Totaal"
    # The column totals say what was handed out against what was available.
    assert total["Kameleon jaaruren"] == "737 van 736"
    assert total["Mytyschool jaaruren"] == "1.177"
    assert total["Driespan jaaruren"] == "2.194 van 2.193"
    assert total["Totaal jaaruren"] == "4.108"


def test_rounding_warning_and_method_are_shown(make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    assert page.rounding_warning.isVisible()
    warning = page.rounding_warning.text()
    assert "Kameleon: de jaaruren tellen op tot 737, beschikbaar is 736 (1 uur meer door afronden per cel)" in warning
    assert "Driespan" in warning and "2194" in warning and "Mytyschool" not in warning
    assert "Afronding: half naar boven per cel" in page.rounding_hint.text()
    assert "sep 2016 t/m jul 2017" in page.subtitle.text()


def test_providers_table_with_contract_reserve_available_and_cluster(make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    assert row_of(page.provider_proxy, "Kameleon") == {
        "Dienstverlener": "Kameleon", "Cluster": "3", "Contracturen": "806", "Reserve": "70", "Beschikbaar": "736"}
    assert row_of(page.provider_proxy, "Mytyschool")["Beschikbaar"] == "1.177"
    assert rows(page.provider_proxy)[-1] == {
        "Dienstverlener": "Totaal", "Cluster": "", "Contracturen": "4.476", "Reserve": "370", "Beschikbaar": "4.106"}


def test_suggested_key_beside_the_key_in_force_with_the_difference_in_words(make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    kpo = row_of(page.board_proxy, "KPO")
    assert (kpo["Verdeling (%)"], kpo["Voorstel (%)"], kpo["Verschil"]) == ("26", "27", "1 lager")
    obo = row_of(page.board_proxy, "OBO")
    assert (obo["Verdeling (%)"], obo["Voorstel (%)"], obo["Verschil"]) == ("21", "20", "1 hoger")
    spco = row_of(page.board_proxy, "Kroevendonk / SPCO")
    assert (spco["Percentage leerlingen"], spco["Minimum (%)"], spco["Verdeling (%)"], spco["Verschil"]) == \
        ("2,3", "7", "7", "gelijk")
    assert row_of(page.board_proxy, "Borgesius")["Percentage leerlingen"] == "24,8"
    assert "2 van de 6 wijken af van het voorstel" in page.boards_title.text()
    # The differing cells are marked in colour as well as in words.
    r = [i for i, row in enumerate(rows(page.board_proxy)) if row["Bestuur"] == "KPO"][0]
    assert page.board_proxy.index(r, 5).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_largest_remainder_makes_every_column_add_up_and_hides_the_warning(make_window, empty_db) -> None:
    with empty_db.write() as session:
        years.create_or_replace(session, replace(demo.reference_setup(), rounding=Rounding.LARGEST_REMAINDER))
    _, page = open_page(make_window, empty_db)
    assert not page.rounding_warning.isVisible()
    total = rows(page.year_proxy)[-1]
    assert (total["Kameleon jaaruren"], total["Driespan jaaruren"]) == ("736", "2.193")
    assert "Afronding: grootste rest" in page.rounding_hint.text()


def test_year_table_sorts_on_numbers_and_keeps_the_total_last(make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    column = titles(page.year_proxy).index("Driespan jaaruren")
    page.year_table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    shown = rows(page.year_proxy)
    assert [r["Bestuur"] for r in shown[:2]] == ["KPO", "Borgesius"]  # 570, 482: numbers, not text
    assert shown[-1]["Bestuur"] == "Totaal"


# ---------------------------------------------------------------- month budgets

def open_month_dialog(qtbot, page: AllocationPage, board: str, provider: str, month: str) -> MonthBudgetDialog:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentIndex(1)
    heads = titles(page.month_proxy)
    r = [i for i, row in enumerate(rows(page.month_proxy))
         if (row["Bestuur"], row["Dienstverlener"]) == (board, provider)][0]
    page.month_table.setFocus()
    page.month_table.setCurrentIndex(page.month_proxy.index(r, heads.index(month)))
    qtbot.keyClick(page.month_table, Qt.Key.Key_Return)  # Enter opens the chosen month
    dialog = page.dialog
    assert isinstance(dialog, MonthBudgetDialog) and dialog.isVisible()
    return dialog


def test_month_budgets_spread_evenly_with_the_remainder_first(make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    kpo = row_of(page.month_proxy, "KPO", "Kameleon")
    months = ["sep", "okt", "nov", "dec", "jan", "feb", "mrt", "apr", "mei", "jun", "jul"]
    assert [kpo[m] for m in months] == ["18"] * 4 + ["17"] * 7  # 191 = 4 x 18 + 7 x 17
    assert (kpo["Totaal"], kpo["Jaaruren"], kpo["Status"]) == ("191", "191", "gelijk verdeeld")
    assert len(rows(page.month_proxy)) == 18 + 1
    wait_all_loaded()
    assert not page.budget_warning.isVisible()
    assert not page.adjustments_box.isVisible()


def test_editing_a_month_budget_with_a_note_shows_that_the_months_no_longer_add_up(
        qtbot, make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    dialog = open_month_dialog(qtbot, page, "KPO", "Kameleon", "okt")
    assert dialog.month.currentText() == "oktober 2016"
    assert "gelijk verdeeld 18 uur" in dialog.current.text()
    dialog.hours.clear()
    qtbot.keyClicks(dialog.hours, "20")
    qtbot.keyClicks(dialog.note, "Extra inzet na de herfstvakantie, afgesproken met M. de Bruijn")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()

    wait_all_loaded()
    assert page.budget_warning.isVisible()
    warning = page.budget_warning.text()
    assert "tellen niet meer op" in warning
    assert "KPO bij Kameleon: de maandbudgetten tellen op tot 193 uur, de jaaruren zijn 191." in warning
    kpo = row_of(page.month_proxy, "KPO", "Kameleon")
    assert (kpo["okt"], kpo["Totaal"], kpo["Status"]) == ("20", "193", "2 uur te veel")
    assert page.adjustments_box.isVisible()
    assert rows(page.adjustment_proxy) == [{
        "Bestuur": "KPO", "Dienstverlener": "Kameleon", "Maand": "oktober 2016", "Maandbudget": "20",
        "Gelijk verdeeld": "18", "Notitie": "Extra inzet na de herfstvakantie, afgesproken met M. de Bruijn"}]


def test_a_month_budget_without_a_note_is_refused_beside_the_note(qtbot, make_window, reference_db,
                                                                   empty_path) -> None:
    _, page = open_page(make_window, reference_db)
    before = table_dump(empty_path)
    dialog = open_month_dialog(qtbot, page, "OBO", "Driespan", "mrt")
    dialog.hours.clear()
    qtbot.keyClicks(dialog.hours, "30,5")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["note"].isVisible()
    assert dialog.errors["note"].text() == "Leg in een notitie vast wat er is afgesproken."
    assert dialog.hours.text() == "30,5"  # the input stays
    assert table_dump(empty_path) == before
    wait_all_loaded()
    assert not page.budget_warning.isVisible()


def test_a_closed_month_is_refused_beside_the_month(qtbot, make_window, demo_db, demo_path) -> None:
    _, page = open_page(make_window, demo_db)
    assert "Afgesloten, dus niet te wijzigen: september 2016 t/m mei 2017" in page.closed_hint.text()
    before = table_dump(demo_path)
    dialog = open_month_dialog(qtbot, page, "KPO", "Driespan", "sep")
    assert "September 2016 is afgesloten" in dialog.current.text()
    qtbot.keyClicks(dialog.note, "Te laat")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "September 2016 is afgesloten; heropen de maand eerst" in dialog.errors["month"].text()
    assert table_dump(demo_path) == before


def test_a_month_set_by_hand_goes_back_to_the_even_spread(qtbot, make_window, reference_db,
                                                          recorded_messages) -> None:
    _, page = open_page(make_window, reference_db)
    dialog = open_month_dialog(qtbot, page, "KPO", "Kameleon", "okt")
    assert not dialog.reset_button.isEnabled()
    dialog.hours.setText("20")
    dialog.note.setText("Extra inzet")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_all_loaded()
    assert page.budget_warning.isVisible()
    page.adjustment_table.setFocus()
    page.adjustment_table.setCurrentIndex(page.adjustment_proxy.index(0, 0))
    qtbot.keyClick(page.adjustment_table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, MonthBudgetDialog)
    assert dialog.note.text() == "Extra inzet" and dialog.reset_button.isEnabled()
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert recorded_messages.shown[-1][0] == "ask"
    assert not dialog.isVisible()
    wait_all_loaded()
    assert not page.budget_warning.isVisible()
    assert row_of(page.month_proxy, "KPO", "Kameleon")["okt"] == "18"


# ---------------------------------------------------------------- a year by hand

PROVIDERS = [("806", "70"), ("1277", "100"), ("2393", "200")]
BOARDS = [("29,4", "26"), ("22,4", "21"), ("24,8", "22"), ("20,7", "19"), ("2,3", "7"), ("0,4", "5")]


def type_cell(qtbot, grid: EditTable, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Click the cell, type over what it holds, press Enter: as the secretariat does."""
    view = grid.table
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    if view.indexWidget(index) is None:  # the cell was current already: F2 edits it
        qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index)
    assert editor is not None, (row, column)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits after the key (a queued call)
    assert grid.text(row, column) == text.strip()


def fill_year(qtbot, dialog: NewYearDialog, providers=PROVIDERS, boards=BOARDS) -> None:  # type: ignore[no-untyped-def]
    """The names come from the year shown; type this year's figures."""
    for row, (contract, reserve) in enumerate(providers):
        type_cell(qtbot, dialog.providers, row, P_CONTRACT, contract)
        type_cell(qtbot, dialog.providers, row, P_RESERVE, reserve)
    for row, (pupils, key) in enumerate(boards):
        type_cell(qtbot, dialog.boards, row, B_PUPILS, pupils)
        type_cell(qtbot, dialog.boards, row, B_KEY, key)


def test_new_year_dialog_creates_a_year_that_appears_in_the_year_picker(qtbot, make_window, demo_db) -> None:
    window, page = open_page(make_window, demo_db)
    dialog = page.new_year()
    assert isinstance(dialog, NewYearDialog) and dialog.isVisible()
    assert dialog.label_field.text() == "2017-2018"
    assert (dialog.first_month.currentText(), dialog.last_month.currentText()) == ("september 2017", "juli 2018")
    assert dialog.providers.text(0, 0) == "Kameleon" and dialog.boards.text(5, 0) == "Zilverlinde / Pallas"
    fill_year(qtbot, dialog)
    assert dialog.providers.text(0, 4) == "736"  # beschikbaar, worked out while typing
    assert dialog.boards.text(0, 4) == "27"  # the suggestion beside the key typed
    assert "Totaal: percentage leerlingen 100 % · verdeling 100 %" in dialog.boards_total.text()
    headers = [dialog.boards.table.horizontalHeaderItem(c).text() for c in range(dialog.boards.table.columnCount())]
    assert headers[1] == "Percentage leerlingen"  # the word of UI.md, as in the PDF and the workbook
    dialog.rounding.setCurrentIndex(dialog.rounding.findData(Rounding.LARGEST_REMAINDER))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()

    picker = window.year_picker
    assert [picker.itemText(i) for i in range(picker.count())] == ["2016-2017", "2017-2018"]
    assert picker.currentText() == "2017-2018"
    wait_all_loaded()
    assert "Schooljaar 2017-2018" in page.subtitle.text()
    assert "Afronding: grootste rest" in page.rounding_hint.text()
    assert rows(page.year_proxy)[-1]["Kameleon jaaruren"] == "736"


def open_new_year(qtbot, page: AllocationPage) -> NewYearDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.new_year_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, NewYearDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_typed_numbers_show_in_dutch_format_once_typed(qtbot, make_window, demo_db) -> None:
    _, page = open_page(make_window, demo_db)
    dialog = open_new_year(qtbot, page)
    providers, boards = dialog.providers, dialog.boards
    type_cell(qtbot, providers, 2, P_CONTRACT, "2393")
    assert providers.shown(2, P_CONTRACT) == "2.393"  # as the computed figures beside it
    type_cell(qtbot, providers, 2, P_RESERVE, "200")
    assert (providers.shown(2, P_RESERVE), providers.shown(2, 4)) == ("200", "2.193")
    assert "contracturen 2.393 · reserve 200 · beschikbaar 2.193" in providers.total.text()
    type_cell(qtbot, boards, 0, B_PUPILS, "31,5")
    type_cell(qtbot, boards, 1, B_PUPILS, "22.40")
    assert (boards.shown(0, B_PUPILS), boards.shown(1, B_PUPILS)) == ("31,5", "22,4")
    type_cell(qtbot, providers, 1, P_CONTRACT, "veel")
    assert providers.shown(1, P_CONTRACT) == "veel"  # what cannot be read shows as typed; sending refuses it

    # Leaving the cell by clicking another one finishes the edit too.
    view = providers.table
    index = view.model().index(0, P_CONTRACT)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    editor = view.indexWidget(index)
    qtbot.keyClicks(editor, "1806")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(view.model().index(0, P_RESERVE)).center())
    QApplication.processEvents()
    assert providers.shown(0, P_CONTRACT) == "1.806"
    # Editing starts from the digits as typed, which the field reads back (no thousands separator).
    assert view.indexWidget(index) is None and providers.text(0, P_CONTRACT) == "1806"


def test_new_year_dialog_shows_the_suggestion_whole_and_fits_1280_by_800(qtbot, make_window, demo_db,
                                                                        app_style) -> None:
    window, page = open_page(make_window, demo_db)
    window.resize(1280, 800)
    dialog = open_new_year(qtbot, page)
    fill_year(qtbot, dialog)
    view = dialog.boards.table
    QApplication.processEvents()
    assert view.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    right = view.columnViewportPosition(B_SUGGESTION) + view.columnWidth(B_SUGGESTION)
    assert right <= view.viewport().width()
    header = view.horizontalHeader()
    for column in range(view.columnCount()):  # no title cut off
        assert view.columnWidth(column) >= header.sectionSizeHint(column), header.model().headerData(
            column, Qt.Orientation.Horizontal)
    assert [dialog.boards.shown(row, B_SUGGESTION) for row in range(6)] == ["27", "20", "22", "19", "7", "5"]
    # The dialog with its frame (title bar and borders, estimated) fits a 1280 x 800 screen.
    frame_width, frame_height = 16, 40
    assert dialog.width() + frame_width <= 1280 and dialog.height() + frame_height <= 800, dialog.size()


def test_new_year_refusals_show_beside_the_field_and_the_dialog_keeps_the_input(
        qtbot, make_window, reference_db, empty_path) -> None:
    _, page = open_page(make_window, reference_db)
    before = table_dump(empty_path)
    dialog = page.new_year()
    fill_year(qtbot, dialog, boards=BOARDS[:-1] + [("0,3", "5")])  # pupils add up to 99,9
    dialog.providers.table.item(1, 2).setText("veel")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["providers"].text().startswith("Rij 2 (Mytyschool): contracturen: 'veel' is geen getal")

    dialog.providers.table.item(1, 2).setText("1277")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert not dialog.errors["providers"].isVisible()
    assert dialog.errors["boards"].text() == "De percentages leerlingen tellen op tot 99,9, niet tot 100."
    assert dialog.boards.text(5, 1) == "0,3"  # the input stays

    dialog.label_field.setText("2017")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Schooljaar '2017' is ongeldig" in dialog.errors["label"].text()
    assert table_dump(empty_path) == before


def test_new_year_asks_before_replacing_a_year_and_activity_refuses(qtbot, make_window, demo_db, demo_path,
                                                                   recorded_messages) -> None:
    _, page = open_page(make_window, demo_db)
    before = table_dump(demo_path)
    dialog = page.new_year()
    dialog.label_field.setText(YEAR)
    fill_year(qtbot, dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert recorded_messages.shown[-1][:2] == ("ask", "Nieuw schooljaar")
    assert dialog.isVisible()
    assert "bevat al overeenkomsten" in dialog.error_text()
    assert table_dump(demo_path) == before


# ---------------------------------------------------------------- a set-up workbook

def setup_workbook(path: Path, *, contract_kameleon: object = 806, label: str = YEAR) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Schooljaar"
    for row in (("Schooljaar", label), ("Eerste maand", f"{label[:4]}-09"), ("Laatste maand", f"{label[5:]}-07")):
        sheet.append(row)
    providers = book.create_sheet("Dienstverleners")
    providers.append(["Naam", "Cluster", "Contracturen", "Reserve"])
    for name, cluster, contract, reserve in (("Kameleon", "3", contract_kameleon, 70), ("Mytyschool", "3", 1277, 100),
                                             ("Driespan", "4", 2393, 200)):
        providers.append([name, cluster, contract, reserve])
    boards = book.create_sheet("Besturen")
    boards.append(["Naam", "Percentage leerlingen", "Verdeling", "Minimum", "Contactpersoon", "E-mail"])
    for line in published()[::3]:
        boards.append([line["bestuur"], float(line["percentage_leerlingen"].replace(",", ".")),
                       int(line["verdeling"]), int(line["minimum"]) if line["minimum"] else None, "", ""])
    book.save(path)
    return path


@pytest.fixture
def choose_file(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    chosen: dict[str, str] = {}

    def fake(parent, caption, folder, filters):  # type: ignore[no-untyped-def]
        chosen["caption"], chosen["filters"] = caption, filters
        return chosen.get("path", ""), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    return chosen


def test_importing_a_workbook_from_the_welcome_page_creates_the_year(
        qtbot, make_window, empty_db, tmp_path, choose_file, recorded_messages) -> None:
    window = make_window(empty_db)
    choose_file["path"] = str(setup_workbook(tmp_path / "opzet 2016-2017.xlsx"))
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    assert choose_file["caption"] == "Opzet-werkmap inlezen" and "*.xlsx" in choose_file["filters"]
    assert recorded_messages.shown == [(
        "info", "Opzet-werkmap inlezen",
        "Schooljaar 2016-2017 is ingelezen uit opzet 2016-2017.xlsx: 3 dienstverleners en 6 besturen.")]
    assert window.year_picker.currentText() == YEAR
    assert window.stack.currentWidget() is not window.welcome
    page = window.go_to(AllocationPage)
    wait_all_loaded()
    assert rows(page.year_proxy)[-1]["Kameleon jaaruren"] == "737 van 736"
    assert row_of(page.year_proxy, "KPO")["Kameleon per maand"] == "17"


def test_a_broken_workbook_is_refused_in_dutch_and_changes_nothing(
        make_window, reference_db, empty_path, tmp_path, choose_file, recorded_messages) -> None:
    _, page = open_page(make_window, reference_db)
    before = table_dump(empty_path)
    choose_file["path"] = str(setup_workbook(tmp_path / "kapot.xlsx", contract_kameleon="veel",
                                             label="2017-2018"))
    page.import_button.click()
    assert recorded_messages.shown == [(
        "error", "Opzet-werkmap inlezen",
        "De werkmap is geweigerd, er is niets ingelezen: werkblad Dienstverleners, rij 2, kolom Contracturen: "
        "contracturen: 'veel' is geen getal; schrijf bijvoorbeeld 12,5 (zonder duizendtalscheiding).")]
    assert table_dump(empty_path) == before
    with reference_db.read() as session:
        assert lookup.year_labels(session) == [YEAR]


def test_reimporting_a_year_with_activity_is_refused(make_window, demo_db, demo_path, tmp_path, choose_file,
                                                     recorded_messages) -> None:
    _, page = open_page(make_window, demo_db)
    before = table_dump(demo_path)
    choose_file["path"] = str(setup_workbook(tmp_path / "opnieuw.xlsx"))
    page.import_setup()
    kind, _title, text = recorded_messages.shown[-1]
    assert kind == "error"
    assert text.startswith("Schooljaar 2016-2017 bevat al overeenkomsten")
    assert table_dump(demo_path) == before


def test_reimporting_a_year_without_activity_replaces_its_setup(make_window, reference_db, tmp_path, choose_file,
                                                                recorded_messages) -> None:
    _, page = open_page(make_window, reference_db)
    choose_file["path"] = str(setup_workbook(tmp_path / "opnieuw.xlsx", contract_kameleon=906))
    page.import_setup()
    assert recorded_messages.shown[-1][2].endswith("De opzet van het bestaande schooljaar is vervangen.")
    assert row_of(page.provider_proxy, "Kameleon")["Beschikbaar"] == "836"


def test_cancelling_the_file_dialog_does_nothing(make_window, reference_db, empty_path, choose_file,
                                                 recorded_messages) -> None:
    _, page = open_page(make_window, reference_db)
    before = table_dump(empty_path)
    page.import_setup()
    assert recorded_messages.shown == []
    assert table_dump(empty_path) == before


def read_template(path: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    book = openpyxl.load_workbook(path)
    return {ws.title: [row for row in ws.iter_rows(values_only=True)] for ws in book}


def test_an_empty_setup_workbook_from_the_welcome_page_starts_in_the_last_export_folder(
        qtbot, make_window, empty_db, settings, answers, recorded_messages, tmp_path) -> None:
    settings.setValue("export_folder", str(tmp_path / "rapporten"))
    window = make_window(empty_db)
    assert window.welcome.template_button.isVisible()
    qtbot.mouseClick(window.welcome.template_button, Qt.MouseButton.LeftButton)
    assert answers.asked == [("save", "Leeg opzetbestand opslaan")]
    # The folder the user chose last, and the school year that starts next (today is 15 January 2025).
    assert answers.suggested == [str(tmp_path / "rapporten" / "Opzet schooljaar 2024-2025.xlsx")]
    written = answers.folder / "Opzet schooljaar 2024-2025.xlsx"
    assert recorded_messages.shown == [("info", "Opgeslagen", f"Opgeslagen als {written}")]
    assert settings.value("export_folder") == str(answers.folder)  # next time it starts here
    sheets = read_template(written)
    assert list(sheets) == ["Schooljaar", "Dienstverleners", "Besturen"]
    assert [row[:2] for row in sheets["Schooljaar"][:4]] == [
        ("Schooljaar", "2024-2025"), ("Eerste maand", "2024-09"), ("Laatste maand", "2025-07"), ("Afronding", "per cel")]
    assert sheets["Dienstverleners"] == [("Naam", "Cluster", "Contracturen", "Reserve")]
    assert sheets["Besturen"] == [("Naam", "Percentage leerlingen", "Verdeling", "Minimum", "Contactpersoon", "E-mail")]
    assert window.stack.currentWidget() is window.welcome  # still on the welcome page, to read it in later


def test_an_empty_setup_workbook_from_verdeling_is_for_the_next_year(qtbot, make_window, demo_db, answers,
                                                                     recorded_messages) -> None:
    _, page = open_page(make_window, demo_db)
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    written = answers.folder / "Opzet schooljaar 2017-2018.xlsx"
    assert answers.saved == [written] and recorded_messages.shown[-1][2] == f"Opgeslagen als {written}"
    assert read_template(written)["Schooljaar"][0][:2] == ("Schooljaar", "2017-2018")

    answers.cancel = True  # the save dialog cancelled: nothing written, nothing said
    shown = len(recorded_messages.shown)
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    assert len(recorded_messages.shown) == shown and sorted(answers.folder.iterdir()) == [written]


def test_page_controls_are_reachable_by_tab_in_reading_order(qtbot, make_window, reference_db) -> None:
    window, page = open_page(make_window, reference_db)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    page.import_button.setFocus()
    reached = []
    for _ in range(6):
        reached.append(window.focusWidget())
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert reached[:4] == [page.import_button, page.template_button, page.new_year_button, page.tabs.tabBar()]
    assert page.provider_table in reached and page.board_table in reached


def test_the_window_can_still_be_made_narrow(make_window, demo_db) -> None:
    """The side-by-side tables fit at 1280 pixels but never force the window wider than 1000."""
    window, page = open_page(make_window, demo_db)
    assert window.minimumSizeHint().width() <= 1000
    window.resize(1000, 700)
    assert window.width() == 1000


def test_first_start_enter_a_year_by_hand_from_the_welcome_page(qtbot, make_window, empty_db) -> None:
    window = make_window(empty_db)
    qtbot.mouseClick(window.welcome.manual_button, Qt.MouseButton.LeftButton)
    dialog = window.page(AllocationPage).dialog
    assert isinstance(dialog, NewYearDialog) and dialog.isVisible()
    assert dialog.providers.table.rowCount() == 3 and dialog.providers.text(0, 0) == ""
    dialog.label_field.setText("2024-2025")
    assert dialog.first_month.currentText() == "september 2024"
    dialog.providers.table.item(0, 0).setText("De Kameleon")
    dialog.providers.table.item(0, 2).setText("800")
    dialog.providers.table.item(0, 3).setText("0")
    for row, (name, pupils) in enumerate((("Bestuur A", "60"), ("Bestuur B", "40"))):
        dialog.boards.table.item(row, 0).setText(name)
        dialog.boards.table.item(row, 1).setText(pupils)
    assert (dialog.boards.text(0, 4), dialog.boards.text(1, 4)) == ("60", "40")  # the suggestion
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # keys left empty: the suggestion is used
    assert not dialog.isVisible(), dialog.error_text()
    assert window.year_picker.currentText() == "2024-2025"
    assert window.stack.currentWidget() is not window.welcome
    page = window.go_to(AllocationPage)
    wait_all_loaded()
    assert row_of(page.year_proxy, "Bestuur A")["De Kameleon jaaruren"] == "480"
    assert row_of(page.board_proxy, "Bestuur B")["Verdeling (%)"] == "40"
