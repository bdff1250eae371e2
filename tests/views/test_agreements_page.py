"""Overeenkomsten: register through the dialog, the status steps, filters, editing, the hours booked."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from models.domain.agreements import Kind, Status
from models.domain.months import Month
from models.services import agreements, hours, months
from tests.conftest import TODAY, table_dump
from tests.views.uren_helpers import YEAR, act, add_agreement, add_hours, column, find_row, read, rows, wait_loaded
from views.agreements.dialog import AgreementDialog
from views.agreements.page import AgreementsPage
from views.agreements.steps import StepDialog


def open_page(make_window, db):  # type: ignore[no-untyped-def]
    window = make_window(db)
    page = window.go_to(AgreementsPage)
    assert window.stack.currentWidget() is page
    wait_loaded(None, window)  # its agreements are read off the UI thread
    return window, page


def select(qtbot, page: AgreementsPage, number: str) -> None:  # type: ignore[no-untyped-def]
    r = find_row(page.proxy, Nummer=number)
    page.table.setFocus()
    page.table.selectRow(r)
    assert page.selected() is not None and page.selected().number == number


def test_register_an_agreement_through_the_dialog(qtbot, make_window, reference_db) -> None:
    window, page = open_page(make_window, reference_db)
    assert "alle 0 overeenkomsten" in page.subtitle.text()
    assert "Nog geen overeenkomsten in schooljaar 2016-2017" in page.details.text()
    window.new_agreement_action.trigger()  # Ctrl+N
    dialog = page.dialog
    assert isinstance(dialog, AgreementDialog) and dialog.isVisible()

    qtbot.keyClicks(dialog.board, "OBO")  # pick by typing, as in any list
    assert dialog.board.currentText() == "OBO"
    assert dialog.board_contact.text() == "A. Jansen"  # the board's contact person, filled in
    qtbot.keyClicks(dialog.school.lineEdit(), "OBS Het Palet")
    qtbot.keyClicks(dialog.provider, "Mytyschool")
    dialog.kind.setCurrentIndex(dialog.kind.findText("Coaching leerkracht"))
    qtbot.keyClicks(dialog.description, "Coaching leerkracht groep 3")
    qtbot.keyClicks(dialog.pupil_ref, "PAL-17")
    qtbot.keyClicks(dialog.hours, "12,5")
    dialog.first_month.setCurrentIndex(dialog.first_month.findText("oktober 2016"))
    dialog.last_month.setCurrentIndex(dialog.last_month.findText("maart 2017"))
    qtbot.keyClicks(dialog.provider_contact, "J. Pieters")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible(), dialog.error_text()
    shown = rows(page.proxy)
    assert shown[0] == {**shown[0], "Nummer": "2016-001", "Bestuur": "OBO", "School": "OBS Het Palet",
                        "Dienstverlener": "Mytyschool", "Soort": "Coaching leerkracht", "Uren": "12,5",
                        "Gebruikt": "0", "Over": "12,5", "Looptijd": "okt – mrt (6)", "Status": "geregistreerd"}
    assert shown[-1]["Nummer"] == "Totaal"
    assert page.selected().number == "2016-001"
    assert "2016-001 is opgeslagen" in page.notice.text()
    stored = read(reference_db, lambda s: agreements.get(s, "2016-001"))
    assert (stored.minutes, stored.kind, stored.school, stored.pupil_ref) == (750, Kind.COACHING, "OBS Het Palet",
                                                                              "PAL-17")
    assert (stored.first_month, stored.last_month) == (Month(2016, 10), Month(2017, 3))
    assert (stored.board_contact, stored.provider_contact) == ("A. Jansen", "J. Pieters")
    assert stored.status is Status.REGISTERED


def test_only_reported_when_not_yet_registered(qtbot, make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    dialog = page.new_agreement()
    qtbot.keyClicks(dialog.hours, "20")
    dialog.registered.setChecked(False)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    assert rows(page.proxy)[0]["Status"] == "gemeld"
    assert page.step_buttons["registreren"].isEnabled()
    assert not page.step_buttons["bevestigen"].isEnabled()


def test_refusals_appear_beside_their_field_and_nothing_is_written(qtbot, make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    before = table_dump(reference_db.path)
    dialog = page.new_agreement()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no hours
    assert dialog.isVisible()
    assert dialog.errors["hours"].isVisible()
    assert "vul een aantal uren in" in dialog.errors["hours"].text()

    qtbot.keyClicks(dialog.hours, "10")
    qtbot.keyClicks(dialog.pupil_ref, "111222333")  # passes the elfproef: looks like a BSN
    dialog.first_month.setCurrentIndex(dialog.first_month.findText("mei 2017"))
    dialog.last_month.setCurrentIndex(dialog.last_month.findText("juli 2017"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert not dialog.errors["hours"].isVisible()
    assert dialog.errors["pupil_ref"].isVisible() and "BSN" in dialog.errors["pupil_ref"].text()
    assert dialog.pupil_ref.text() == "111222333" and dialog.hours.text() == "10"  # the input stays

    dialog.pupil_ref.clear()
    dialog.first_month.setCurrentIndex(dialog.first_month.findText("juni 2017"))
    dialog.last_month.setCurrentIndex(dialog.last_month.findText("maart 2017"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["months"].isVisible()
    assert "eerste maand (juni 2017) ligt na de laatste (maart 2017)" in dialog.errors["months"].text()
    assert table_dump(reference_db.path) == before
    assert page.proxy.rowCount() == 0


def test_confirm_with_a_date_then_book_hours_on_it(qtbot, make_window, reference_db) -> None:
    number = add_agreement(reference_db, confirmed=None)
    _, page = open_page(make_window, reference_db)
    select(qtbot, page, number)
    assert page.step_buttons["bevestigen"].isEnabled()
    assert not page.hours_button.isEnabled()  # not before the confirmation

    qtbot.mouseClick(page.step_buttons["bevestigen"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, StepDialog) and dialog.isVisible()
    dialog.date.setDate(dialog.date.date().fromString("2-9-2025", "d-M-yyyy"))  # after "today" (15-1-2025)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "ligt na vandaag" in dialog.errors["date"].text()
    dialog.date.setDate(dialog.date.date().fromString("12-10-2016", "d-M-yyyy"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert rows(page.proxy)[0]["Status"] == "bevestigd"
    assert page.notice.text() == f"Overeenkomst {number}: bevestigen is vastgelegd."
    assert read(reference_db, lambda s: agreements.get(s, number)).confirmed_on == dt.date(2016, 10, 12)
    assert "Uren boeken kan van oktober 2016 t/m juli 2017" in page.details.text()

    # Book hours on it straight from the list: the agreement is already chosen.
    assert page.hours_button.isEnabled()
    qtbot.mouseClick(page.hours_button, Qt.MouseButton.LeftButton)
    booking = page.dialog
    wait_loaded(qtbot, booking)  # its list and the month's figures, read off the UI thread
    assert booking.chosen().number == number
    assert booking.month.itemText(0) == "oktober 2016"  # from the month of confirmation
    booking.month.setCurrentIndex(booking.month.findText("november 2016"))
    qtbot.keyClicks(booking.hours, "7.5")
    qtbot.keyClicks(booking.note, "opgave november")
    qtbot.mouseClick(booking.ok_button, Qt.MouseButton.LeftButton)
    assert not booking.isVisible(), booking.error_text()
    assert page.notice.text() == f"Opgeslagen: 7,5 uur op {number} in november 2016."
    assert rows(page.proxy)[0]["Gebruikt"] == "7,5" and rows(page.proxy)[0]["Over"] == "32,5"
    entries = rows(page.entries_model)
    assert entries == [{"Maand": "november 2016", "Uren": "7,5", "Bron": "scherm",
                        "Ingevoerd": entries[0]["Ingevoerd"], "Notitie": "opgave november"}]
    assert "7,5 van 40 uur in 1 boeking" in page.entries_title.text()


def test_withdraw_asks_first_and_says_what_happens_to_unused_hours(qtbot, make_window, reference_db,
                                                                   recorded_messages) -> None:
    number = add_agreement(reference_db)
    add_hours(reference_db, number, Month(2016, 10), 10 * 60)
    _, page = open_page(make_window, reference_db)
    select(qtbot, page, number)
    recorded_messages.answer = False
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    kind, title, text = recorded_messages.shown[-1]
    assert kind == "ask" and title == "Overeenkomst intrekken"
    assert "30 uur die nog niet zijn gebruikt komen vrij" in text
    assert "gebruikte 10 uur blijven staan" in text
    assert read(reference_db, lambda s: agreements.get(s, number)).status is Status.CONFIRMED

    recorded_messages.answer = True
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    assert read(reference_db, lambda s: agreements.get(s, number)).status is Status.WITHDRAWN
    shown = rows(page.proxy)[0]
    assert shown["Status"] == "ingetrokken" and shown["Over"] == "" and shown["Afgerond / ingetrokken"] == "15-1-2025"
    assert not page.withdraw_button.isEnabled() and not page.hours_button.isEnabled()


def test_complete_an_agreement(qtbot, make_window, reference_db) -> None:
    number = add_agreement(reference_db)
    _, page = open_page(make_window, reference_db)
    select(qtbot, page, number)
    qtbot.mouseClick(page.step_buttons["afronden"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, StepDialog) and dialog.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert rows(page.proxy)[0]["Status"] == "afgerond"
    assert page.notice.text() == f"Overeenkomst {number}: afronden is vastgelegd."
    assert read(reference_db, lambda s: agreements.get(s, number)).closed_on == dt.date(2025, 1, 15)


def test_enter_opens_the_row_for_editing(qtbot, make_window, reference_db) -> None:
    number = add_agreement(reference_db, description="Begeleiding groep 4")
    _, page = open_page(make_window, reference_db)
    select(qtbot, page, number)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, AgreementDialog) and dialog.isVisible()
    assert dialog.windowTitle() == f"Overeenkomst {number} wijzigen"
    assert (dialog.board.currentText(), dialog.school.currentText(), dialog.hours.text()) == (
        "KPO", "De Regenboog", "40")
    assert dialog.kind.currentText() == "Arrangement (leerling)"
    dialog.description.clear()
    qtbot.keyClicks(dialog.description, "Begeleiding groep 5")
    dialog.hours.clear()
    qtbot.keyClicks(dialog.hours, "45,25")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    shown = rows(page.proxy)[0]
    assert (shown["Omschrijving"], shown["Uren"]) == ("Begeleiding groep 5", "45,25")
    assert read(reference_db, lambda s: agreements.get(s, number)).minutes == 45 * 60 + 15


def test_a_finished_agreement_opens_read_only(qtbot, make_window, reference_db, recorded_messages) -> None:
    number = add_agreement(reference_db)
    _, page = open_page(make_window, reference_db)
    select(qtbot, page, number)
    assert page.withdraw_selected()
    select(qtbot, page, number)
    dialog = page.edit_selected()
    assert not dialog.ok_button.isVisible() and not dialog.description.isEnabled()
    assert "ingetrokken en kan niet meer worden gewijzigd" in dialog.general_error.text()


def test_filters_and_search_say_what_is_shown(qtbot, make_window, demo_db) -> None:
    window, page = open_page(make_window, demo_db)
    total = page.model.rowCount() - 1
    assert f"alle {total} overeenkomsten" in page.subtitle.text()
    qtbot.keyClicks(page.board_filter, "OBO")
    shown = rows(page.proxy)[:-1]
    assert shown and {r["Bestuur"] for r in shown} == {"OBO"}
    assert f"{len(shown)} van {total} overeenkomsten · bestuur OBO" in page.subtitle.text()
    page.status_filter.setCurrentIndex(page.status_filter.findText("geregistreerd"))
    assert {r["Status"] for r in rows(page.proxy)[:-1]} <= {"geregistreerd"}
    assert "status geregistreerd" in page.subtitle.text()
    page.status_filter.setCurrentIndex(0)
    page.board_filter.setCurrentIndex(0)

    window.search_action.trigger()  # Ctrl+F
    assert window.focusWidget() is page.search
    qtbot.keyClicks(page.search, "motorische")
    shown = rows(page.proxy)[:-1]
    assert shown and all("motorische" in r["Omschrijving"].casefold() for r in shown)
    assert "zoekterm ‘motorische’" in page.subtitle.text()
    assert rows(page.proxy)[-1]["Omschrijving"] == f"{len(shown)} overeenkomst{'en' if len(shown) > 1 else ''}"


def test_sorts_on_hours_not_text_and_keeps_totals_last(make_window, demo_db) -> None:
    _, page = open_page(make_window, demo_db)
    page.table.sortByColumn(column(page.proxy, "Uren"), Qt.SortOrder.DescendingOrder)
    shown = rows(page.proxy)
    assert shown[0]["Uren"] == "120"
    assert shown[-1]["Nummer"] == "Totaal"


def test_the_hours_booked_on_the_selected_agreement(qtbot, make_window, demo_db) -> None:
    _, page = open_page(make_window, demo_db)
    booked = next(r for r in rows(page.proxy) if r["Gebruikt"] not in ("0", "") and r["Nummer"] != "Totaal")
    select(qtbot, page, booked["Nummer"])
    expected = read(demo_db, lambda s: hours.entries(s, booked["Nummer"]))
    shown = rows(page.entries_model)
    assert [r["Maand"] for r in shown] == [e.month.label for e in expected]
    assert {r["Bron"] for r in shown} == {"demo"}
    assert f"Gebruikte uren op {booked['Nummer']}: {booked['Gebruikt']} van {booked['Uren']} uur" \
        in page.entries_title.text()


def test_tab_reaches_every_field_in_email_order(qtbot, make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    dialog = page.new_agreement()
    order, widget = [], dialog.board
    while widget is not None and dialog.isAncestorOf(widget) and widget not in order:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(dialog):
            order.append(widget)  # what Tab visits, in the order it visits them
        widget = widget.nextInFocusChain()
    wanted = [dialog.board, dialog.school, dialog.provider, dialog.kind, dialog.description, dialog.pupil_ref,
              dialog.hours, dialog.first_month, dialog.last_month, dialog.reported_on, dialog.registered,
              dialog.registered_on, dialog.board_contact, dialog.provider_contact]
    positions = [next(i for i, w in enumerate(order) if w is field or field.isAncestorOf(w)) for field in wanted]
    assert positions == sorted(positions)
    assert YEAR == page.year


def test_delete_removes_a_booking_after_asking(qtbot, make_window, reference_db, recorded_messages) -> None:
    number = add_agreement(reference_db)
    add_hours(reference_db, number, Month(2016, 10), 10 * 60)
    add_hours(reference_db, number, Month(2016, 11), 90)
    window, page = open_page(make_window, reference_db)
    window.activateWindow()  # keyboard shortcuts need the window active
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    select(qtbot, page, number)
    assert not page.remove_entry_button.isEnabled()
    page.entries.setFocus()
    page.entries.setCurrentIndex(page.entries.model().index(1, 0))
    assert page.remove_entry_button.isEnabled()
    recorded_messages.answer = False
    qtbot.keyClick(page.entries, Qt.Key.Key_Delete)
    kind, title, text = recorded_messages.shown[-1]
    assert (kind, title) == ("ask", "Boeking verwijderen")
    assert text.startswith(f"De boeking van 1,5 uur in november 2016 op {number} verwijderen?")
    assert len(read(reference_db, lambda s: hours.entries(s, number))) == 2

    recorded_messages.answer = True
    qtbot.mouseClick(page.remove_entry_button, Qt.MouseButton.LeftButton)
    assert [e.minutes for e in read(reference_db, lambda s: hours.entries(s, number))] == [600]
    assert [r["Uren"] for r in rows(page.entries_model)] == ["10"]
    assert "10 van 40 uur in 1 boeking" in page.entries_title.text()
    assert page.notice.text() == f"Boeking van 1,5 uur in november 2016 verwijderd van {number}."


def test_a_booking_in_a_closed_month_stays(qtbot, make_window, reference_db, recorded_messages) -> None:
    number = add_agreement(reference_db)
    add_hours(reference_db, number, Month(2016, 10), 10 * 60)
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    _, page = open_page(make_window, reference_db)
    select(qtbot, page, number)
    page.entries.selectRow(0)
    recorded_messages.answer = True
    assert page.remove_entry_button.isEnabled()
    assert not page.remove_selected_entry()
    kind, title, text = recorded_messages.shown[-1]
    assert (kind, title) == ("error", "Verwijderen kan niet")
    assert "Oktober 2016 is afgesloten" in text
    assert len(read(reference_db, lambda s: hours.entries(s, number))) == 1


def test_words_are_gebruikt_as_everywhere(qtbot, make_window, demo_db) -> None:
    """UI.md's word table: used hours are 'gebruikt' (on screen, in the PDF and in the workbook), not 'geboekt'."""
    from tests.views.uren_helpers import titles

    window, page = open_page(make_window, demo_db)
    assert "Gebruikt" in [t.replace("\n", " ") for t in titles(page.proxy)]
    assert not any("Geboekt" in t for t in titles(page.proxy))
    page.select_number("2016-001")
    assert page.entries_title.text().startswith("Gebruikte uren op 2016-001:")
    shown = " ".join((page.details.text(), page.entries_title.text(),
                      *(page.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or ""
                        for c in range(page.model.columnCount()))))
    assert "geboekt" not in shown.lower()


def test_confirming_after_the_last_month_warns_beside_the_date(qtbot, make_window, demo_db,
                                                                 recorded_messages) -> None:
    """2016-009 runs oktober 2016 t/m februari 2017: confirming it on 15-3-2017 is allowed, with a warning."""
    from PySide6.QtCore import QDate

    window, page = open_page(make_window, demo_db)
    assert page.select_number("2016-009")
    dialog = page.step_selected("bevestigen")
    assert isinstance(dialog, StepDialog)
    dialog.date.setDate(QDate(2017, 2, 1))  # within its months, which the demo has closed (t/m mei 2017)
    assert dialog.late_warning.text().startswith("Let op: in oktober 2016 t/m februari 2017 kunnen na een "
                                                 "bevestiging op 1-2-2017 geen uren worden geboekt (voorbij of "
                                                 "afgesloten).")
    assert "looptijd eindigt" not in dialog.late_warning.text()
    dialog.date.setDate(QDate(2017, 3, 15))
    assert dialog.late_warning.isVisible()
    assert dialog.late_warning.text() == (
        "Let op: de looptijd eindigt in februari 2017. Na een bevestiging op 15-3-2017 kunnen er geen uren meer op "
        "deze overeenkomst worden geboekt; bevestigen kan wel.")
    # Beside the date: right under it in the form.
    assert 0 <= dialog.late_warning.mapTo(dialog, dialog.late_warning.rect().topLeft()).y() - \
        dialog.date.mapTo(dialog, dialog.date.rect().bottomLeft()).y() < 40
    recorded_messages.answer = False  # no letter now
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    assert read(demo_db, lambda s: agreements.get(s, "2016-009")).confirmed_on == dt.date(2017, 3, 15)


def test_new_agreement_shows_the_yearly_hours_and_warns_above_them(qtbot, make_window, demo_db,
                                                                     recorded_messages) -> None:
    window, page = open_page(make_window, demo_db)
    window.new_agreement_action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, AgreementDialog)
    qtbot.keyClicks(dialog.board, "KPO")
    qtbot.keyClicks(dialog.provider, "Kameleon")
    agreed = sum(r.minutes for r in read(demo_db, lambda s: agreements.list_agreements(
        s, agreements.AgreementFilter(YEAR, "KPO", "Kameleon")))) // 60
    assert dialog.room_note.text() == (f"KPO heeft bij Kameleon 191 jaaruren; dit schooljaar is al {agreed} uur "
                                       f"afgesproken in 3 overeenkomsten.")
    qtbot.keyClicks(dialog.description, "Heel veel uren")
    qtbot.keyClicks(dialog.hours, "10")
    assert not dialog.room_warning.isVisible()
    dialog.hours.clear()
    qtbot.keyClicks(dialog.hours, "5000")  # while typing
    total = f"{agreed + 5000:,}".replace(",", ".")
    assert dialog.room_warning.isVisible()
    assert dialog.room_warning.text() == (f"Let op: KPO heeft bij Kameleon 191 jaaruren; met deze overeenkomst is "
                                          f"{total} uur afgesproken.")
    before = len(read(demo_db, lambda s: agreements.list_agreements(s, agreements.AgreementFilter(YEAR))))
    recorded_messages.answer = False  # "Terug"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert recorded_messages.shown[-1][:2] == ("ask", "Meer dan de jaaruren")
    assert dialog.isVisible() and dialog.hours.text() == "5000"
    assert len(read(demo_db, lambda s: agreements.list_agreements(s, agreements.AgreementFilter(YEAR)))) == before
    recorded_messages.answer = True  # "Toch opslaan": allowed, no rule forbids it
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    assert len(read(demo_db, lambda s: agreements.list_agreements(s, agreements.AgreementFilter(YEAR)))) == before + 1


def test_months_already_over_or_closed_and_hours_the_budgets_cannot_take_are_warned_not_refused(
        qtbot, make_window, reference_db) -> None:
    """Registering in January an agreement from September: the months before January can take no hours after
    a confirmation today; more hours than its months' budgets can take is said with the figures. Both only
    warn: the agreement is saved."""
    from models.services import months as months_service

    act(reference_db, lambda s: months_service.close(s, "2016-2017", "2017-01", dt.date(2017, 2, 1)))
    window = make_window(reference_db, today=dt.date(2017, 2, 10))
    page = window.go_to(AgreementsPage)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.board, "KPO")
    qtbot.keyClicks(dialog.provider, "Kameleon")
    dialog.first_month.setCurrentIndex(dialog.first_month.findText("november 2016"))
    dialog.last_month.setCurrentIndex(dialog.last_month.findText("maart 2017"))
    assert dialog.months_warning.isVisible()
    assert dialog.months_warning.text() == (
        "Let op: in november 2016 t/m januari 2017 kunnen na een bevestiging vandaag (10-2-2017) geen uren worden "
        "geboekt (voorbij of afgesloten).")
    qtbot.keyClicks(dialog.hours, "40")  # februari and maart: 17 + 17 of KPO's 191 at Kameleon
    assert dialog.months_warning.text().endswith(
        "KPO kan bij Kameleon in februari t/m maart 2017 nog 34 uur gebruiken (budget + reserve − gebruikt); deze "
        "overeenkomst heeft 40 uur.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()  # a warning, not a refusal
    assert rows(page.proxy)[0]["Status"] == "geregistreerd"

    # Confirming says the same for the date chosen.
    qtbot.mouseClick(page.step_buttons["bevestigen"], Qt.MouseButton.LeftButton)
    step = page.dialog
    assert isinstance(step, StepDialog) and step.late_warning.isVisible()
    assert step.late_warning.text().startswith("Let op: in november 2016 t/m januari 2017 kunnen na een bevestiging "
                                               "op 10-2-2017 geen uren worden geboekt")
    step.reject()

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    fits = page.dialog
    qtbot.keyClicks(fits.board, "KPO")
    qtbot.keyClicks(fits.provider, "Kameleon")
    fits.first_month.setCurrentIndex(fits.first_month.findText("februari 2017"))
    fits.last_month.setCurrentIndex(fits.last_month.findText("juli 2017"))
    qtbot.keyClicks(fits.hours, "20")
    assert not fits.months_warning.isVisible() and fits.months_warning.text() == ""
    fits.reject()
