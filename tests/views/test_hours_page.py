"""Uren: register realised hours, refusals beside the field, the month grid, closing and reopening months."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from models.domain.months import Month
from models.services import hours, months, reporting
from models.services.reporting import BudgetRow
from tests.conftest import TODAY, table_dump
from tests.views.uren_helpers import (
    YEAR, act, add_agreement, add_hours, column, find_row, read, register_by_click, rows, wait_loaded,
)
from models.domain import dutch as fmt
from views.booking.dialog import HoursDialog
from views.forms import select_data
from views.hours.grid import CLOSED, cell_colour, cell_text, grid_rows
from views.hours.months import CloseMonthDialog, ReopenMonthDialog
from views.hours.page import HoursPage
from views.tables import BAD, WARN


def open_page(make_window, db):  # type: ignore[no-untyped-def]
    window = make_window(db)
    page = window.go_to(HoursPage)
    assert window.stack.currentWidget() is page
    wait_loaded(None, window)  # the grid is read off the UI thread
    return window, page


def open_page_on(make_window, db, today):  # type: ignore[no-untyped-def]
    window = make_window(db, today)
    page = window.go_to(HoursPage)
    wait_loaded(None, window)
    return window, page


def fill(qtbot, dialog: HoursDialog, number: str, month: str, text: str,  # type: ignore[no-untyped-def]
         note: str = "") -> None:
    """Type the agreement's number, pick the month, type the hours, as the secretariat does."""
    dialog.agreement.lineEdit().clear()
    qtbot.keyClicks(dialog.agreement.lineEdit(), number)
    assert dialog.chosen() is not None and dialog.chosen().number == number
    assert select_data(dialog.month, Month.parse(month))
    assert dialog.month.currentData() == Month.parse(month)
    dialog.hours.clear()
    qtbot.keyClicks(dialog.hours, text)
    if note:
        qtbot.keyClicks(dialog.note, note)
    wait_loaded(qtbot, dialog)  # the month's figures, read off the UI thread


def grid_cell(page: HoursPage, board: str, provider: str, month: str) -> str:
    r = find_row(page.proxy, Bestuur=board, Dienstverlener=provider)
    return page.proxy.index(r, column(page.proxy, month)).data()


def test_ctrl_u_opens_the_hours_dialog_with_the_confirmed_agreements(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    window.register_hours_action.trigger()  # Ctrl+U
    page = window.stack.currentWidget()
    assert isinstance(page, HoursPage)
    dialog = page.dialog
    assert isinstance(dialog, HoursDialog) and dialog.isVisible()
    wait_loaded(qtbot, dialog)  # its list, read off the UI thread
    bookable = read(demo_db, lambda s: hours.bookable_agreements(s, YEAR, TODAY))
    assert dialog.agreement.count() == len(bookable) > 0
    first = bookable[0]
    assert dialog.agreement.itemText(0) == f"{first.number} · {first.board} · {first.provider} · {first.description}"
    assert dialog.chosen() is None  # nothing booked on the wrong agreement by accident
    dialog.reject()


def test_book_hours_and_see_them_in_the_grid(qtbot, make_window, reference_db) -> None:
    number = add_agreement(reference_db)
    _, page = open_page(make_window, reference_db)
    assert grid_cell(page, "KPO", "Kameleon", "okt") == "0\n/ 18"
    dialog = register_by_click(qtbot, page)
    fill(qtbot, dialog, number, "2016-10", "12,5", "opgave oktober")
    assert "budget 18, gebruikt 0, nog 18 over" in dialog.month_note.text()
    assert "afgesproken 40 uur, gebruikt 0, nog 40 over" in dialog.agreement_note.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    assert grid_cell(page, "KPO", "Kameleon", "okt") == "12,5\n/ 18"
    assert "Opgeslagen: 12,5 uur op 2016-001 in oktober 2016" in page.notice.text()
    stored = read(reference_db, lambda s: hours.entries(s, number))
    assert [(e.month, e.minutes, e.note, e.source) for e in stored] == [(Month(2016, 10), 750, "opgave oktober", "app")]

    dialog = register_by_click(qtbot, page)
    fill(qtbot, dialog, number, "2016-10", "5.5")  # a dot works as well as a comma
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    cell = grid_cell(page, "KPO", "Kameleon", "okt")
    assert cell == "18\n/ 18 vol"
    r = find_row(page.proxy, Bestuur="KPO", Dienstverlener="Kameleon")
    assert page.proxy.index(r, column(page.proxy, "okt")).data(Qt.ItemDataRole.BackgroundRole).color() == WARN


def test_over_budget_refusal_beside_the_hours_field(qtbot, make_window, reference_db) -> None:
    number = add_agreement(reference_db)
    add_hours(reference_db, number, Month(2016, 10), 13 * 60 + 30)
    _, page = open_page(make_window, reference_db)
    before = table_dump(reference_db.path)
    dialog = register_by_click(qtbot, page)
    fill(qtbot, dialog, number, "2016-10", "6", "late opgave")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    refusal = dialog.errors["hours"]
    assert refusal.isVisible()
    assert refusal.text() == ("Nog 4,5 uur over in oktober 2016: budget 18, gebruikt 13,5, gevraagd 6. "
                              "Vraag zo nodig reserve aan.")
    # beside the hours field: the refusal sits right under it, in the same form row
    assert refusal.parentWidget() is dialog.hours.parentWidget()
    assert (dialog.chosen().number, dialog.month.currentData(), dialog.hours.text(), dialog.note.text()) == (
        number, Month(2016, 10), "6", "late opgave")
    assert table_dump(reference_db.path) == before
    assert grid_cell(page, "KPO", "Kameleon", "okt") == "13,5\n/ 18"

    qtbot.keyClick(dialog.hours, Qt.Key.Key_Backspace)
    assert not refusal.isVisible()  # the refusal goes as soon as the hours are changed
    dialog.hours.clear()
    qtbot.keyClicks(dialog.hours, "4,5")  # what is left fits
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert grid_cell(page, "KPO", "Kameleon", "okt") == "18\n/ 18 vol"


def test_a_budget_refusal_offers_the_shortfall_from_the_reserve_and_then_saves(qtbot, make_window,
                                                                              reference_db) -> None:
    """Over budget: 'Reserve toekennen…' in the refusal opens the grant with board, provider, month and the
    shortfall filled in; after the grant the hours typed are still there and save in the same dialog."""
    from models.services import reserve
    from views.grant_dialog import GrantDialog

    number = add_agreement(reference_db)
    add_hours(reference_db, number, Month(2016, 10), 13 * 60 + 30)
    _, page = open_page(make_window, reference_db)
    dialog = register_by_click(qtbot, page)
    assert not dialog.reserve_button.isVisible()
    fill(qtbot, dialog, number, "2016-10", "6", "late opgave")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["hours"].isVisible() and dialog.reserve_button.isVisible()

    qtbot.mouseClick(dialog.reserve_button, Qt.MouseButton.LeftButton)
    grant = dialog.grant
    assert isinstance(grant, GrantDialog) and grant.isVisible()
    assert (grant.board.currentData(), grant.provider.currentData(), grant.first_month.currentData(),
            grant.last_month.currentData(), grant.hours.text()) == ("KPO", "Kameleon", Month(2016, 10),
                                                                    Month(2016, 10), "1,5")
    qtbot.keyClicks(grant.reason, "extra begeleiding na de herfstvakantie")
    qtbot.mouseClick(grant.ok_button, Qt.MouseButton.LeftButton)
    assert not grant.isVisible(), grant.error_text()
    assert dialog.isVisible() and not dialog.errors["hours"].isVisible() and not dialog.reserve_button.isVisible()
    wait_loaded(qtbot, dialog)  # the month's figures again, read off the UI thread
    assert "reserve 1,5" in dialog.month_note.text() and "Reserve toegekend: 1,5 uur" in dialog.month_note.text()
    assert (dialog.hours.text(), dialog.note.text()) == ("6", "late opgave")  # what was typed stays

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    assert grid_cell(page, "KPO", "Kameleon", "okt") == "19,5\n/ 19,5 vol"  # budget 18 + reserve 1,5
    grants = read(reference_db, lambda s: reserve.grants(s, YEAR))
    assert [(g.board, g.month, g.minutes) for g in grants] == [("KPO", Month(2016, 10), 90)]


def test_refusals_of_the_agreement_beside_their_field(qtbot, make_window, reference_db) -> None:
    number = add_agreement(reference_db, hours_agreed=10)
    _, page = open_page(make_window, reference_db)
    dialog = register_by_click(qtbot, page)
    fill(qtbot, dialog, number, "2016-11", "12")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "heeft 10 uur afgesproken, al gebruikt 0, nog 10 over; 12 past niet" in dialog.errors["hours"].text()
    dialog.agreement.lineEdit().clear()
    qtbot.keyClicks(dialog.agreement.lineEdit(), "bestaat niet")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["agreement"].isVisible()
    assert "kies er een uit de lijst" in dialog.agreement_note.text()
    assert dialog.isVisible()


def test_only_confirmed_agreements_and_their_bookable_months(qtbot, make_window, reference_db) -> None:
    import datetime as dt

    late = add_agreement(reference_db, confirmed=dt.date(2016, 11, 20), last=Month(2017, 2))
    add_agreement(reference_db, confirmed=None, description="Nog niet bevestigd")
    _, page = open_page(make_window, reference_db)
    dialog = register_by_click(qtbot, page)
    assert [dialog.agreement.itemData(i) for i in range(dialog.agreement.count())] == [late]
    qtbot.keyClicks(dialog.agreement.lineEdit(), late)
    assert [dialog.month.itemText(i) for i in range(dialog.month.count())] == [
        "november 2016", "december 2016", "januari 2017", "februari 2017"]


def test_closing_names_the_providers_without_hours_in_that_month(qtbot, make_window, reference_db) -> None:
    number = add_agreement(reference_db)  # KPO at Kameleon
    add_hours(reference_db, number, Month(2016, 11), 150)
    _, page = open_page(make_window, reference_db)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    closing = page.dialog
    closing.month.setCurrentIndex(closing.month.findText("november 2016"))
    wait_loaded(qtbot, closing)  # the month's figures are read off the UI thread
    assert "Nog geen uren geboekt van Mytyschool en Driespan: is hun opgave binnen?" in closing.figures.text()
    assert closing.figures.text().endswith("Nog geen urenlijst ingelezen.")
    closing.reject()
    act(reference_db, lambda s: hours.register(s, hours.HoursInput(number, Month(2016, 11), 60, source="import"),
                                               TODAY))  # as an hour sheet stores its rows
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    closing = page.dialog
    closing.month.setCurrentIndex(closing.month.findText("november 2016"))
    wait_loaded(qtbot, closing)
    assert closing.figures.text().endswith("Urenlijst ingelezen van Kameleon.")
    closing.reject()


def test_close_a_month_refuse_hours_in_it_and_reopen_it(qtbot, make_window, reference_db) -> None:
    number = add_agreement(reference_db)
    _, page = open_page(make_window, reference_db)
    assert "geen maand afgesloten" in page.subtitle.text()
    assert not page.reopen_button.isEnabled()

    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    closing = page.dialog
    assert isinstance(closing, CloseMonthDialog)
    assert closing.month.currentText() == "juli 2017"  # the latest month that is over and still open
    assert not closing.running.isVisible()
    closing.month.setCurrentIndex(closing.month.findText("oktober 2016"))
    october = sum(r.budget for r in read(reference_db, lambda s: reporting.budget_rows(s, YEAR, TODAY))
                  if r.month == Month(2016, 10)) // 60
    assert october == 379  # 18 month budgets, each rounded from its yearly hours
    wait_loaded(qtbot, closing)
    assert closing.figures.text() == ("In oktober 2016 is 0 van 379 uur gebruikt; bij afsluiten vervalt 379 uur. "
                                      "Nog geen uren geboekt van Kameleon, Mytyschool en Driespan: is hun opgave "
                                      "binnen? Nog geen urenlijst ingelezen.")
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
    assert not closing.isVisible(), closing.error_text()
    wait_loaded(qtbot, page)  # the grid is read again off the UI thread
    assert "afgesloten: oktober 2016" in page.subtitle.text()
    assert [t for t in (page.model.headerData(c, Qt.Orientation.Horizontal)
                        for c in range(page.model.columnCount())) if "afgesl." in t] == ["okt\n2016\nafgesl."]
    assert rows(page.history_model)[0]["Maand"] == "oktober 2016"
    assert rows(page.history_model)[0]["Actie"] == "afgesloten"
    assert "Oktober 2016 is afgesloten" in page.notice.text()

    dialog = register_by_click(qtbot, page)
    fill(qtbot, dialog, number, "2016-10", "2")
    assert dialog.month.currentText() == "oktober 2016 (afgesloten)"
    assert "Deze maand is afgesloten" in dialog.month_note.text()
    before = table_dump(reference_db.path)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["month"].isVisible()
    assert dialog.errors["month"].text() == ("Oktober 2016 is afgesloten; heropen de maand eerst om iets te "
                                             "wijzigen.")
    assert table_dump(reference_db.path) == before
    dialog.reject()

    assert page.reopen_button.isEnabled()
    reopening = page.reopen_month()
    assert isinstance(reopening, ReopenMonthDialog)
    assert reopening.month.currentText() == "oktober 2016"
    qtbot.mouseClick(reopening.ok_button, Qt.MouseButton.LeftButton)  # no reason
    assert reopening.isVisible() and "Geef een reden" in reopening.errors["reason"].text()
    qtbot.keyClicks(reopening.reason, "Late opgave Kameleon")
    qtbot.mouseClick(reopening.ok_button, Qt.MouseButton.LeftButton)
    assert not reopening.isVisible()
    assert rows(page.history_model)[0]["Actie"] == "heropend"
    assert rows(page.history_model)[0]["Reden"] == "Late opgave Kameleon"
    assert read(reference_db, lambda s: [e.action for e in months.history(s, YEAR)]) == ["afgesloten", "heropend"]
    assert "geen maand afgesloten" in page.subtitle.text()

    dialog = register_by_click(qtbot, page)
    fill(qtbot, dialog, number, "2016-10", "2")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    assert grid_cell(page, "KPO", "Kameleon", "okt") == "2\n/ 18"


def test_grid_shows_every_pair_and_month_of_the_one_reporting_service(make_window, demo_db) -> None:
    _, page = open_page(make_window, demo_db)
    budget = read(demo_db, lambda s: reporting.budget_rows(s, YEAR, TODAY))
    assert page.proxy.rowCount() == 18 + 1
    assert rows(page.proxy)[-1]["Bestuur"] == "Totaal"
    assert len(budget) == 18 * 11
    for r in budget:
        used, limit = fmt.hours(r.used), fmt.hours(r.budget + r.reserve)
        assert grid_cell(page, r.board, r.provider, fmt.month_abbr(r.month)[:3]).startswith(
            f"{used}\n/ {limit}")
    # The demo's reserve grant raises the limit of its month.
    assert grid_cell(page, "KPO", "Driespan", "mrt").endswith("/ 64")
    closed = [s.month for s in read(demo_db, lambda s: months.states(s, YEAR, TODAY)) if s.closed]
    assert closed[-1] == Month(2017, 5) and "afgesloten t/m mei 2017" in page.subtitle.text()
    full = sum(1 for r in budget if r.used == r.budget + r.reserve > 0)
    assert f"{full} cellen vol, 0 over" in page.subtitle.text()
    assert sum(v.endswith(" vol") for r in rows(page.proxy) for v in r.values() if v) == full


def test_cells_say_vol_and_over_in_words_and_colour() -> None:
    """The grid model without a view: words for the limits, the totals row without them."""
    m = Month(2016, 10)

    def row(board: str, used: int, budget: int = 600, reserve: int = 0, closed: bool = False) -> BudgetRow:
        return BudgetRow(1, board, 1, "Kameleon", m, budget, reserve, used, closed, True)

    grid, total, months_ = grid_rows([row("A", 600), row("B", 660), row("C", 630, reserve=60),
                                      row("D", 30, closed=True)])
    assert months_ == [m]
    assert [cell_text(g, m) for g in grid] == ["10\n/ 10 vol", "11\n/ 10 over",
                                                "10,5\n/ 11", "0,5\n/ 10"]
    assert total is not None and cell_text(total, m) == "32\n/ 41"
    assert [cell_colour(g, m) for g in grid] == [WARN, BAD, None, CLOSED]


def test_search_narrows_the_grid(qtbot, make_window, demo_db) -> None:
    window, page = open_page(make_window, demo_db)
    window.search_action.trigger()
    assert window.focusWidget() is page.search
    qtbot.keyClicks(page.search, "Driespan")
    assert {r["Dienstverlener"] for r in rows(page.proxy)[:-1]} == {"Driespan"}
    assert page.proxy.rowCount() == 6 + 1
    assert "zoekterm ‘Driespan’: 6 van 18 combinaties" in page.subtitle.text()


def test_enter_on_a_cell_registers_hours_for_that_pair_and_month(qtbot, make_window, reference_db) -> None:
    only = add_agreement(reference_db, board="OBO", provider="Driespan")
    add_agreement(reference_db, board="KPO", description="Eerste")
    add_agreement(reference_db, board="KPO", description="Tweede")
    _, page = open_page(make_window, reference_db)

    def enter_on(board: str, provider: str, month: str) -> HoursDialog:
        index = page.proxy.index(find_row(page.proxy, Bestuur=board, Dienstverlener=provider),
                                 column(page.proxy, month))
        page.table.setCurrentIndex(index)
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        assert isinstance(page.dialog, HoursDialog) and page.dialog.isVisible()
        wait_loaded(qtbot, page.dialog)  # the list and the month's figures, read off the UI thread
        return page.dialog

    dialog = enter_on("OBO", "Driespan", "nov")
    assert dialog.chosen().number == only and dialog.month.currentData() == Month(2016, 11)
    qtbot.keyClicks(dialog.hours, "3")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert grid_cell(page, "OBO", "Driespan", "nov") == "3\n/ 42"

    dialog = enter_on("KPO", "Kameleon", "feb")  # two agreements: the list narrows to them
    assert dialog.chosen() is None and dialog.agreement.currentText() == "KPO · Kameleon"
    assert "2 bevestigde overeenkomsten passen bij ‘KPO · Kameleon’" in dialog.agreement_note.text()
    dialog.agreement.setCurrentIndex(2)  # 2016-003
    assert dialog.chosen().description == "Tweede" and dialog.month.currentData() == Month(2017, 2)
    dialog.reject()


def test_close_proposes_the_latest_ended_month_and_asks_before_closing_a_running_one(
        qtbot, make_window, reference_db, recorded_messages) -> None:  # type: ignore[no-untyped-def]
    """On 15-3-2017 maart is still running: februari is proposed; maart only after a warning and a yes."""
    _, page = open_page_on(make_window, reference_db, dt.date(2017, 3, 15))
    closing = page.close_month()
    assert isinstance(closing, CloseMonthDialog)
    assert closing.month.currentText() == "februari 2017"
    assert not closing.running.isVisible()
    assert closing.month.findText("april 2017") == -1  # a month that has not begun is not offered

    closing.month.setCurrentIndex(closing.month.findText("maart 2017"))
    assert closing.running.isVisible()
    assert closing.running.text() == ("Maart 2017 is nog niet voorbij: uren van deze maand kunnen daarna niet "
                                      "meer worden geboekt.")
    recorded_messages.answer = False  # "Annuleren"
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
    assert recorded_messages.shown[-1][0] == "ask" and "nog niet voorbij" in recorded_messages.shown[-1][2]
    assert closing.isVisible()
    assert read(reference_db, lambda s: months.history(s, YEAR)) == []

    recorded_messages.answer = True  # "Toch afsluiten"
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
    assert not closing.isVisible(), closing.error_text()
    assert [(str(e.month), e.action) for e in read(reference_db, lambda s: months.history(s, YEAR))] == [
        ("2017-03", "afgesloten")]


def test_closing_an_ended_month_asks_nothing(qtbot, make_window, reference_db, recorded_messages) -> None:  # type: ignore[no-untyped-def]
    _, page = open_page_on(make_window, reference_db, dt.date(2017, 3, 15))
    closing = page.close_month()
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
    assert not closing.isVisible(), closing.error_text()
    assert not [m for m in recorded_messages.shown if m[0] == "ask"]
    assert [str(e.month) for e in read(reference_db, lambda s: months.history(s, YEAR))] == ["2017-02"]


def test_with_every_ended_month_closed_the_running_month_is_not_proposed(
        qtbot, make_window, demo_db, recorded_messages) -> None:  # type: ignore[no-untyped-def]
    """The demo has closed up to mei 2017: on 15-6-2017 only juni is open, and it is running: not proposed."""
    _, page = open_page_on(make_window, demo_db, dt.date(2017, 6, 15))
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    closing = page.dialog
    assert [closing.month.itemText(i) for i in range(closing.month.count())] == ["juni 2017"]
    assert closing.month.currentText() == "" and not closing.running.isVisible()
    assert closing.figures.text() == "Alle voorbije maanden zijn afgesloten; juni 2017 loopt nog."
    assert not closing.ok_button.isEnabled()  # nothing is due: 'Afsluiten' waits, and says why
    assert "geen voorbije maand meer af te sluiten" in closing.ok_button.toolTip()
    closing.month.setFocus()
    qtbot.keyClick(closing.month, Qt.Key.Key_Down)  # the user chooses the running month after all
    assert closing.ok_button.isEnabled()
    assert closing.running.isVisible() and "Juni 2017 is nog niet voorbij" in closing.running.text()
    recorded_messages.answer = False
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
    assert closing.isVisible()
    assert "2017-06" not in [str(e.month) for e in read(demo_db, lambda s: months.history(s, YEAR))]
    closing.reject()
