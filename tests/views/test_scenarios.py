"""The secretary's month, by clicking and typing only: what a person does with the window, through Qt's mouse
and key events (no page methods, no service calls between the steps). Each scenario ends with screenshots of
the window at 1280 x 800 and 1024 x 768 under the test's tmp folder (SWV_UREN_SHOTS=folder keeps a copy)."""
from __future__ import annotations

import email
import os
import shutil
from email import policy
from pathlib import Path

import openpyxl
import pytest

from tests.services import report_files
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.views.test_innovation_pages import fill_question
from tests.views.uren_helpers import column, find_row, rows, wait_loaded
from views.main_window import PAGES

import datetime as dt

#: The secretary's "today" in these scenarios: in the middle of the school year 2016-2017.
MID_YEAR = dt.date(2017, 1, 20)


def go(qtbot, window, title: str):  # type: ignore[no-untyped-def]
    """Click a page in the navigation; the page shown."""
    row = next(i for i, entry in enumerate(PAGES) if entry.title == title)
    nav = window.nav
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    wait_loaded(qtbot, window)  # as a person looks: until the page's figures, read off the UI thread, show
    return window.stack.currentWidget()


def click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def click_row(qtbot, view, row: int, column_index: int = 0) -> None:  # type: ignore[no-untyped-def]
    index = view.model().index(row, column_index)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def pick(qtbot, combo, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose an item of a list by typing its first letters, as in any list."""
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text), (combo.currentText(), text)


def pick_exact(qtbot, combo, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose the item with exactly this text with the arrow keys, as the user does in a long list."""
    target = combo.findText(text)
    assert target >= 0, text
    combo.setFocus()
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def type_into(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


@pytest.fixture
def screenshots(tmp_path: Path):  # type: ignore[no-untyped-def]
    """shoot(window, name): the window as the user sees it at 1280 x 800 and 1024 x 768."""
    keep = os.environ.get("SWV_UREN_SHOTS")

    def shoot(window, name: str) -> list[Path]:  # type: ignore[no-untyped-def]
        if window.isWindow() and not hasattr(window, "nav"):  # a dialog: as large as it opened
            path = tmp_path / f"{name}.png"
            assert window.grab().save(str(path))
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                shutil.copy(path, Path(keep) / path.name)
            return [path]
        taken = []
        for width, height in ((1280, 800), (1024, 768)):
            window.resize(width, height)
            QApplication.processEvents()
            path = tmp_path / f"{name} {width}x{height}.png"
            assert window.grab().save(str(path))
            taken.append(path)
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                shutil.copy(path, Path(keep) / path.name)
        window.resize(1280, 800)
        return taken

    return shoot


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app asked the system to open (the mail program, a file, a folder)."""
    seen: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: seen.append(url.toLocalFile()) or True))
    return seen


def active(qtbot, window):  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    return window


PROVIDERS_2016 = [("Kameleon", "3", "806", "70"), ("Mytyschool", "3", "1277", "100"), ("Driespan", "4", "2393", "200")]
BOARDS_2016 = [("KPO", "29,4", "26"), ("OBO", "22,4", "21"), ("Borgesius", "24,8", "22"), ("De Waarden", "20,7", "19"),
               ("Kroevendonk / SPCO", "2,3", "7"), ("Zilverlinde / Pallas", "0,4", "5")]


def test_1_first_start_sets_up_2016_2017_by_hand_with_contacts_and_the_swv_name(
        qtbot, make_window, empty_db, answers, recorded_messages, screenshots, app_style) -> None:  # type: ignore[no-untyped-def]
    """An empty database: the welcome page; the year typed in the new-year dialog (three providers, six boards,
    keys); then a board's contact person and the SWV's name, as on the first day."""
    from tests.views.test_allocation_page import row_of, type_cell
    from views.allocation.year_dialog import B_KEY, B_PUPILS, P_CONTRACT, P_RESERVE

    window = active(qtbot, make_window(empty_db, today=dt.date(2016, 8, 20)))
    assert window.stack.currentWidget() is window.welcome
    screenshots(window, "1a welkom")
    click(qtbot, window.welcome.manual_button)
    dialog = window.stack.currentWidget().dialog if hasattr(window.stack.currentWidget(), "dialog") else None
    dialog = dialog or next(w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "providers"))
    type_into(qtbot, dialog.label_field, "2016-2017")
    assert dialog.first_month.currentText() == "september 2016"
    while dialog.boards.table.rowCount() < len(BOARDS_2016):
        click(qtbot, dialog.boards.add_button)
    for row, (name, cluster, contract, reserve) in enumerate(PROVIDERS_2016):
        type_cell(qtbot, dialog.providers, row, 0, name)
        type_cell(qtbot, dialog.providers, row, 1, cluster)
        type_cell(qtbot, dialog.providers, row, P_CONTRACT, contract)
        type_cell(qtbot, dialog.providers, row, P_RESERVE, reserve)
    for row, (name, pupils, key) in enumerate(BOARDS_2016):
        type_cell(qtbot, dialog.boards, row, 0, name)
        type_cell(qtbot, dialog.boards, row, B_PUPILS, pupils)
        type_cell(qtbot, dialog.boards, row, B_KEY, key)
    screenshots(dialog, "1b nieuw schooljaar ingevuld")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible(), dialog.error_text()
    assert window.year_picker.currentText() == "2016-2017"
    allocation = window.stack.currentWidget()
    assert type(allocation).__name__ == "AllocationPage"  # a year set up from the welcome page opens on Verdeling
    kpo = row_of(allocation.year_proxy, "KPO")
    assert (kpo["Kameleon jaaruren"], kpo["Driespan jaaruren"]) == ("191", "570")  # the published table

    masterdata = go(qtbot, window, "Stamgegevens")
    click_row(qtbot, masterdata.board_table, find_row(masterdata.board_table.model(), Bestuur="OBO"))
    click(qtbot, masterdata.edit_button)
    board = masterdata.dialog
    type_into(qtbot, board.contact, "A. Jansen")
    type_into(qtbot, board.email, "a.jansen@obo.example")
    click(qtbot, board.ok_button)
    assert not board.isVisible(), board.error_text()
    shown = rows(masterdata.board_table.model())[find_row(masterdata.board_table.model(), Bestuur="OBO")]
    assert (shown["Contactpersoon"], shown["E-mail"]) == ("A. Jansen", "a.jansen@obo.example")

    answers.text = "Samenwerkingsverband PO 30-02"
    next(a for a in window.reports_menu.actions() if a.text().startswith("Naam van het")).trigger()
    assert window.exports.swv_name() == "Samenwerkingsverband PO 30-02"
    screenshots(window, "1c stamgegevens")


def test_2_a_boards_report_becomes_a_confirmed_agreement_with_letter_and_hours(
        qtbot, make_window, reference_db, settings, recorded_messages, opened, screenshots, tmp_path, app_style) -> None:  # type: ignore[no-untyped-def]
    """A board reports an agreement by mail: register it, confirm it, make the letter and the e-mail draft to
    both parties, and book 2,5 hours on it."""
    out = tmp_path / "export"
    out.mkdir()
    settings.setValue("export_folder", str(out))
    window = active(qtbot, make_window(reference_db, today=MID_YEAR))
    page = go(qtbot, window, "Overeenkomsten")
    click(qtbot, page.new_button)
    dialog = page.dialog
    pick(qtbot, dialog.board, "OBO")
    pick(qtbot, dialog.provider, "Mytyschool")
    pick_exact(qtbot, dialog.kind, "Coaching leerkracht")
    type_into(qtbot, dialog.description, "Coaching leerkracht groep 3 bij het aanvankelijk lezen")
    type_into(qtbot, dialog.hours, "20")
    pick_exact(qtbot, dialog.first_month, "januari 2017")
    pick_exact(qtbot, dialog.last_month, "april 2017")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible(), dialog.error_text()
    number = rows(page.proxy)[0]["Nummer"]
    assert rows(page.proxy)[0]["Status"] == "geregistreerd"

    click_row(qtbot, page.table, find_row(page.proxy, Nummer=number))
    recorded_messages.answer = True  # "Brief en e-mail maken", then "E-mail openen"
    click(qtbot, page.step_buttons["bevestigen"])
    step = page.dialog
    click(qtbot, step.ok_button)
    assert not step.isVisible(), step.error_text()
    assert rows(page.proxy)[find_row(page.proxy, Nummer=number)]["Status"] == "bevestigd"
    eml = next(out.glob("*.eml"))
    assert opened == [str(eml)]
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert number in message["Subject"] and next(message.iter_attachments()).get_content_type() == "application/pdf"
    assert number in "".join(p.extract_text() for p in PdfReader(next(out.glob("*.pdf"))).pages)

    click(qtbot, page.hours_button)
    booking = page.dialog
    wait_loaded(qtbot, booking)  # its list and figures: read off the UI thread
    assert booking.chosen().number == number
    pick_exact(qtbot, booking.month, "januari 2017")
    type_into(qtbot, booking.hours, "2,5")
    click(qtbot, booking.ok_button)
    assert not booking.isVisible(), booking.error_text()
    shown = rows(page.proxy)[find_row(page.proxy, Nummer=number)]
    assert (shown["Gebruikt"], shown["Over"]) == ("2,5", "17,5")
    assert "1 overeenkomst" in page.subtitle.text()
    screenshots(window, "2 overeenkomst bevestigd en uren geboekt")


def test_3_over_budget_refused_reserve_granted_from_the_refusal_then_booked(
        qtbot, make_window, reference_db, screenshots, app_style) -> None:  # type: ignore[no-untyped-def]
    from tests.views.uren_helpers import add_agreement, add_hours
    from models.domain.months import Month

    number = add_agreement(reference_db)  # set-up before the scene: KPO at Kameleon, confirmed
    add_hours(reference_db, number, Month(2016, 10), 16 * 60)
    window = active(qtbot, make_window(reference_db))
    page = go(qtbot, window, "Uren")
    grid = page.table
    october = column(grid.model(), "okt")
    click_row(qtbot, grid, find_row(page.proxy, Bestuur="KPO", Dienstverlener="Kameleon"), october)
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # Enter on the cell: hours for that pair and month
    dialog = page.dialog
    wait_loaded(qtbot, dialog)  # its list and figures: read off the UI thread
    assert dialog.chosen().number == number and dialog.month.currentData() == Month(2016, 10)
    type_into(qtbot, dialog.hours, "5")
    click(qtbot, dialog.ok_button)
    assert "Nog 2 uur over in oktober 2016" in dialog.errors["hours"].text()
    screenshots(dialog, "3a weigering met reserve toekennen")
    click(qtbot, dialog.reserve_button)
    grant = dialog.grant
    assert grant.hours.text() == "3"
    type_into(qtbot, grant.reason, "late opgave na de herfstvakantie")
    click(qtbot, grant.ok_button)
    assert not grant.isVisible(), grant.error_text()
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible(), dialog.error_text()
    r = find_row(page.proxy, Bestuur="KPO", Dienstverlener="Kameleon")
    assert page.proxy.index(r, october).data() == "21\n/ 21 vol"
    screenshots(window, "3b geboekt na reserve")


def test_4_close_last_month_a_booking_is_refused_reopen_with_a_reason(
        qtbot, make_window, reference_db, recorded_messages, screenshots, app_style) -> None:  # type: ignore[no-untyped-def]
    from models.domain.months import Month
    from tests.views.uren_helpers import add_agreement

    number = add_agreement(reference_db)
    window = active(qtbot, make_window(reference_db, today=MID_YEAR))
    page = go(qtbot, window, "Uren")
    click(qtbot, page.close_button)
    closing = page.dialog
    assert closing.month.currentData() == Month(2016, 12)  # the last month that has ended
    click(qtbot, closing.ok_button)
    assert not closing.isVisible(), closing.error_text()
    wait_loaded(qtbot, window)
    assert "afgesloten" in page.subtitle.text()

    click(qtbot, page.register_button)
    booking = page.dialog
    wait_loaded(qtbot, booking)  # its list and figures: read off the UI thread
    booking.agreement.setFocus()
    qtbot.keyClicks(booking.agreement.lineEdit(), number)
    pick_exact(qtbot, booking.month, "december 2016 (afgesloten)")
    type_into(qtbot, booking.hours, "1")
    click(qtbot, booking.ok_button)
    assert booking.isVisible() and "afgesloten" in booking.error_text()
    qtbot.keyClick(booking, Qt.Key.Key_Escape)

    click(qtbot, page.reopen_button)
    reopening = page.dialog
    type_into(qtbot, reopening.reason, "late opgave Kameleon")
    click(qtbot, reopening.ok_button)
    assert not reopening.isVisible(), reopening.error_text()
    qtbot.mouseClick(page.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=page.tabs.tabBar().tabRect(2).center())  # Afsluiten en heropenen
    history = rows(page.history_model)
    assert history[0]["Maand"] == "december 2016" and history[0]["Reden"] == "late opgave Kameleon"
    screenshots(window, "4 maand heropend")


def test_5_every_report_from_the_menu(qtbot, make_window, demo_db, answers, recorded_messages,  # type: ignore[no-untyped-def]
                                      screenshots, app_style) -> None:
    window = active(qtbot, make_window(demo_db))
    menu = window.reports_menu
    entries = {a.text(): a for a in menu.actions()}
    answers.item = "KPO"
    entries["Werkmap voor één bestuur…"].trigger()
    entries["Werkmappen voor alle besturen…"].trigger()
    answers.item = "Kameleon"
    entries["Overzicht voor een dienstverlener…"].trigger()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)  # the progress of the workbooks has gone
    active(qtbot, window)
    # The key goes where the user's typing goes: the widget with the focus, once the window has it back.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # the ALV
    qtbot.waitUntil(lambda: (answers.folder / "ALV-overzicht 2016-2017.pdf").exists())
    names = sorted(p.name for p in answers.folder.iterdir())
    assert "ALV-overzicht 2016-2017.pdf" in names and "Kameleon 2016-2017.pdf" in names
    assert sum(name.endswith(" 2016-2017.xlsx") for name in names) == 6
    kpo = openpyxl.load_workbook(answers.folder / "KPO 2016-2017.xlsx")
    assert kpo.sheetnames == ["Samenvatting", "Per maand", "Overeenkomsten"]
    alv = "".join(p.extract_text() for p in PdfReader(answers.folder / "ALV-overzicht 2016-2017.pdf").pages)
    assert "KPO" in alv and "Kroevendonk" in alv
    assert [title for kind, title, _ in recorded_messages.shown if kind == "error"] == []
    screenshots(window, "5 rapporten")


def test_7_a_support_question_of_two_boards_followed_to_paid(qtbot, make_window, demo_db, screenshots, app_style, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = active(qtbot, make_window(demo_db))
    page = go(qtbot, window, "Innovatie")
    click(qtbot, page.new_button)
    dialog = page.dialog
    fill_question(qtbot, dialog, ["Basisschool De Regenboog", "OBS De Vlinder"])  # KPO and OBO
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible(), dialog.error_text()
    wait_loaded(qtbot, window)
    number = page.selected().number
    for button, status in ((page.start_button, "lopend"), (page.report_button, "verslag ontvangen"),
                           (page.pay_button, "betaald")):
        click(qtbot, button)
        step = page.dialog if button is not page.start_button else None
        if step is not None:
            if button is page.report_button:
                type_into(qtbot, step.report_title, "Eindverslag prikkelarme hoek")
                answers.open_file = tmp_path / "Eindverslag prikkelarme hoek.docx"
                answers.open_file.write_bytes(report_files.docx("Elke groep heeft nu een prikkelarme hoek."))
                click(qtbot, step.choose_button)
            click(qtbot, step.ok_button)
            assert not step.isVisible(), step.error_text()
        wait_loaded(qtbot, window)
        shown = rows(page.question_proxy)[find_row(page.question_proxy, Nummer=number)]
        assert shown["Status"] == status
    assert not any(b.isEnabled() for b in page.step_buttons.values())
    screenshots(window, "7 ondersteuningsvraag betaald")
