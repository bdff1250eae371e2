"""Reserve: what is left per provider, the grants, and granting a month or a range of months."""
from __future__ import annotations

from PySide6.QtCore import Qt

from models.domain.months import Month
from models.services import months, reserve
from tests.conftest import TODAY, table_dump
from tests.views.uren_helpers import YEAR, act, column, find_row, go_loaded, read, rows, wait_loaded
from views.hours.page import HoursPage
from views.grant_dialog import GrantDialog
from views.reserve.page import ReservePage


def open_page(make_window, db):  # type: ignore[no-untyped-def]
    window = make_window(db)
    page = go_loaded(window, ReservePage)  # as a person waits for "Bezig met laden…" to go
    assert window.stack.currentWidget() is page
    return window, page


def choose(qtbot, dialog: GrantDialog, board: str, provider: str,  # type: ignore[no-untyped-def]
           first: str, last: str, hours: str, reason: str) -> None:
    qtbot.keyClicks(dialog.board, board)
    qtbot.keyClicks(dialog.provider, provider)
    dialog.first_month.setCurrentIndex(dialog.first_month.findText(first))
    dialog.last_month.setCurrentIndex(dialog.last_month.findText(last))
    qtbot.keyClicks(dialog.hours, hours)
    qtbot.keyClicks(dialog.reason, reason)
    assert (dialog.board.currentText(), dialog.provider.currentText()) == (board, provider)


def test_demo_shows_each_providers_reserve_and_the_grant(make_window, demo_db) -> None:
    _, page = open_page(make_window, demo_db)
    lines = rows(page.lines_model)
    assert [(r["Dienstverlener"], r["Reserve"], r["Toegekend"], r["Over"]) for r in lines] == [
        ("Kameleon", "70", "0", "70"), ("Mytyschool", "100", "0", "100"), ("Driespan", "200", "12", "188"),
        ("Totaal", "370", "12", "358")]
    grants = rows(page.grants_proxy)
    assert grants[0] == {**grants[0], "Maand": "maart 2017", "Bestuur": "KPO", "Dienstverlener": "Driespan",
                         "Uren": "12", "Toegekend op": "2-3-2017"}
    assert grants[-1]["Bestuur"] == "Totaal" and grants[-1]["Reden"] == "1 toekenning"
    assert "reserve 370 uur, toegekend 12, nog 358 over · 1 toekenning" in page.subtitle.text()


def test_search_the_grants_and_say_so(qtbot, make_window, demo_db) -> None:
    window, page = open_page(make_window, demo_db)
    window.search_action.trigger()
    assert window.focusWidget() is page.search
    qtbot.keyClicks(page.search, "Kameleon")
    assert rows(page.grants_proxy)[:-1] == []
    assert "zoekterm ‘Kameleon’: 0 van 1 toekenningen" in page.subtitle.text()
    page.search.clear()
    qtbot.keyClicks(page.search, "instroom")
    assert len(rows(page.grants_proxy)) == 2


def test_grant_a_range_of_months_in_one_go(qtbot, make_window, reference_db) -> None:
    window, page = open_page(make_window, reference_db)
    qtbot.mouseClick(page.grant_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, GrantDialog) and dialog.isVisible()
    choose(qtbot, dialog, "OBO", "Mytyschool", "november 2016", "januari 2017", "5", "Instroom leerling groep 2")
    assert dialog.total_note.text() == "3 maanden: één toekenning per maand = 15 uur."
    assert "Reserve Mytyschool: 100 uur, al toegekend 0, nog 100 over." == dialog.provider_note.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()

    shown = rows(page.grants_proxy)
    assert [(r["Maand"], r["Bestuur"], r["Dienstverlener"], r["Uren"], r["Reden"]) for r in shown[:-1]] == [
        (m, "OBO", "Mytyschool", "5", "Instroom leerling groep 2")
        for m in ("november 2016", "december 2016", "januari 2017")]
    assert (shown[-1]["Uren"], shown[-1]["Reden"]) == ("15", "3 toekenningen")
    line = rows(page.lines_model)[find_row(page.lines_model, Dienstverlener="Mytyschool")]
    assert (line["Toegekend"], line["Over"]) == ("15", "85")
    assert "5 uur per maand aan OBO bij Mytyschool, 3 maanden vanaf november 2016" in page.notice.text()
    stored = read(reference_db, lambda s: reserve.grants(s, YEAR))
    assert [(g.month, g.minutes, g.granted_on) for g in stored] == [
        (Month(2016, 11), 300, TODAY), (Month(2016, 12), 300, TODAY), (Month(2017, 1), 300, TODAY)]

    # The month grid counts the reserve in the limit: budget 23 + reserve 5.
    hours = go_loaded(window, HoursPage)
    r = find_row(hours.proxy, Bestuur="OBO", Dienstverlener="Mytyschool")
    assert hours.proxy.index(r, column(hours.proxy, "dec")).data() == "0\n/ 28"
    assert "reserve 5" in hours.proxy.index(r, column(hours.proxy, "dec")).data(Qt.ItemDataRole.ToolTipRole)


def test_a_range_beyond_the_reserve_is_refused_beside_the_hours(qtbot, make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    before = table_dump(reference_db.path)
    dialog = page.grant()
    choose(qtbot, dialog, "KPO", "Kameleon", "september 2016", "april 2017", "10", "Groot verzoek")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["hours"].text() == ("De reserve van Kameleon is niet toereikend: reserve 70, al toegekend "
                                             "0, nog 70 over, gevraagd 80.")
    assert dialog.hours.text() == "10" and dialog.reason.text() == "Groot verzoek"
    assert table_dump(reference_db.path) == before
    assert rows(page.grants_proxy) == []


def test_no_grant_in_a_closed_month_nor_without_reason(qtbot, make_window, reference_db) -> None:
    act(reference_db, lambda s: months.close(s, YEAR, "2016-12", TODAY))
    _, page = open_page(make_window, reference_db)
    dialog = page.grant()
    assert dialog.first_month.currentText() == "september 2016"  # the first open month
    choose(qtbot, dialog, "KPO", "Kameleon", "november 2016", "januari 2017", "2", "")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["reason"].isVisible() and "Geef een reden" in dialog.errors["reason"].text()
    qtbot.keyClicks(dialog.reason, "Extra vraag")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert not dialog.errors["reason"].isVisible()
    assert dialog.errors["month"].text() == ("December 2016 is afgesloten; heropen de maand eerst om iets te "
                                             "wijzigen.")
    assert read(reference_db, lambda s: reserve.grants(s, YEAR)) == []


def test_the_last_month_follows_a_later_first_month(qtbot, make_window, reference_db) -> None:
    _, page = open_page(make_window, reference_db)
    dialog = page.grant()
    dialog.first_month.setCurrentIndex(dialog.first_month.findText("maart 2017"))
    assert dialog.last_month.currentText() == "maart 2017"
    assert "Kies bij ‘t/m’ een latere maand" in dialog.total_note.text()


def test_delete_revokes_a_grant_after_asking(qtbot, make_window, reference_db, recorded_messages) -> None:
    grant = reserve.GrantInput(YEAR, "KPO", "Kameleon", Month(2016, 10), 150, "Extra vraag groep 8")
    act(reference_db, lambda s: reserve.grant(s, grant, TODAY))
    window, page = open_page(make_window, reference_db)
    window.activateWindow()  # keyboard shortcuts need the window active
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert not page.revoke_button.isEnabled()
    page.grants_table.setFocus()
    page.grants_table.setCurrentIndex(page.grants_table.model().index(0, 0))
    assert page.revoke_button.isEnabled()
    recorded_messages.answer = False
    qtbot.keyClick(page.grants_table, Qt.Key.Key_Delete)
    kind, title, text = recorded_messages.shown[-1]
    assert (kind, title) == ("ask", "Toekenning intrekken")
    assert text.startswith("De toekenning van 2,5 uur reserve aan KPO bij Kameleon in oktober 2016 "
                           "(‘Extra vraag groep 8’) intrekken?")
    assert len(read(reference_db, lambda s: reserve.grants(s, YEAR))) == 1

    recorded_messages.answer = True
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert read(reference_db, lambda s: reserve.grants(s, YEAR)) == []
    assert page.notice.text() == "Ingetrokken: 2,5 uur aan KPO bij Kameleon, oktober 2016."
    assert not page.revoke_button.isEnabled()  # the grant revoked is no longer one to revoke, read or not
    wait_loaded(qtbot, window)
    assert rows(page.grants_proxy) == [] and not page.revoke_button.isEnabled()


def test_the_totals_row_is_no_grant(qtbot, make_window, demo_db, recorded_messages) -> None:
    _, page = open_page(make_window, demo_db)
    model = page.grants_table.model()
    page.grants_table.setCurrentIndex(model.index(model.rowCount() - 1, 0))
    assert not page.revoke_button.isEnabled()
    assert not page.revoke_selected() and recorded_messages.shown == []


def test_tab_leaves_a_table_for_the_next_control(qtbot, make_window, demo_db) -> None:
    """Every table of make_table lets Tab go on; the arrows move between its rows."""
    window, page = open_page(make_window, demo_db)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    page.lines_table.setFocus()
    qtbot.waitUntil(page.lines_table.hasFocus, timeout=3000)
    qtbot.keyClick(page.lines_table, Qt.Key.Key_Tab)
    assert not page.lines_table.hasFocus()


def test_many_providers_scroll_in_a_table_of_twelve_lines(qtbot, make_window, demo_db) -> None:
    """A large SWV's 25 providers: the providers' table shows twelve lines and scrolls, so the page (and the
    window) stays within a 1280 x 800 screen; the demo's three and their total take only their own lines."""
    from models.orm import Provider, SchoolYear, YearProvider

    window, page = open_page(make_window, demo_db)
    few = page.lines_table.height()

    def add(session) -> None:  # type: ignore[no-untyped-def]
        year = session.query(SchoolYear).filter_by(label=YEAR).one()
        for i in range(1, 23):
            provider = Provider(name=f"Expertisecentrum {i:02}", name_key=f"expertisecentrum {i:02}")
            session.add(provider)
            session.flush()
            session.add(YearProvider(year_id=year.id, provider_id=provider.id, position=10 + i,
                                     contract_minutes=60 * 60, reserve_minutes=6 * 60))

    act(demo_db, add)
    window.refresh_all()  # F5
    wait_loaded(qtbot, window)
    assert page.lines_model.rowCount() == 26  # 25 providers and the total
    row_height = page.lines_table.rowHeight(0)
    assert page.lines_table.height() == few + (12 - 4) * row_height
    assert page.lines_table.verticalScrollBar().maximum() > 0
    assert window.minimumSizeHint().height() <= 800
