"""Stamgegevens: boards with contact and schools, providers with cluster; edits through dialogs with refusals
beside the field; delete asks first and refuses, with the reason, what agreements or a year depend on."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt

from models.services import masterdata
from tests.conftest import table_dump
from tests.views.uren_helpers import wait_all_loaded
from views.allocation.page import AllocationPage
from views.masterdata_dialogs import BoardDialog, ProviderDialog, SchoolDialog
from views.masterdata.page import MasterDataPage


def titles(model: QAbstractItemModel) -> list[str]:
    """The column titles as one line each ('Overeen-\nkomsten' is 'Overeenkomsten')."""
    return [model.headerData(c, Qt.Orientation.Horizontal).replace("-\n", "").replace("\n", " ")
            for c in range(model.columnCount())]


def rows(model: QAbstractItemModel) -> list[dict[str, str]]:
    wait_all_loaded()  # as a person reads: once the page has read its data (off the UI thread)
    heads = titles(model)
    return [{heads[c]: model.index(r, c).data() for c in range(model.columnCount())}
            for r in range(model.rowCount())]


def open_page(qtbot, make_window, db):  # type: ignore[no-untyped-def]
    window = make_window(db)
    window.activateWindow()  # keyboard shortcuts (Delete, Ctrl+F) need the window active
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    page = window.go_to(MasterDataPage)
    assert window.stack.currentWidget() is page
    wait_all_loaded()
    return window, page


def choose(qtbot, table, proxy, name: str) -> None:  # type: ignore[no-untyped-def]
    r = [i for i, row in enumerate(rows(proxy)) if list(row.values())[0] == name][0]
    table.window().activateWindow()  # as a person clicks into it: the window gets the focus back from a dialog
    qtbot.waitUntil(table.window().isActiveWindow, timeout=3000)
    table.setFocus()
    table.setCurrentIndex(proxy.index(r, 0))


def save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_boards_schools_and_providers_of_the_demo(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    assert "6 schoolbesturen · 12 scholen · 3 dienstverleners" in page.subtitle.text()
    boards = rows(page.board_proxy)
    assert [b["Bestuur"] for b in boards] == [
        "Borgesius", "De Waarden", "KPO", "Kroevendonk / SPCO", "OBO", "Zilverlinde / Pallas"]
    kpo = next(b for b in boards if b["Bestuur"] == "KPO")
    assert (kpo["Contactpersoon"], kpo["E-mail"], kpo["Schooljaren"]) == (
        "M. de Bruijn", "m.debruijn@kpo.example", "2016-2017")
    assert [(p["Dienstverlener"], p["Cluster"]) for p in rows(page.provider_proxy)] == [
        ("Driespan", "4"), ("Kameleon", "3"), ("Mytyschool", "3")]
    choose(qtbot, page.board_table, page.board_proxy, "KPO")
    assert page.schools_title.text() == "Scholen van KPO (3)"
    schools = rows(page.school_proxy)
    assert {s["School"] for s in schools} == {"Basisschool De Regenboog", "Basisschool Sint-Jozef",
                                              "Basisschool Het Kompas"}
    assert sum(int(s["Overeenkomsten"]) for s in schools) == int(kpo["Overeenkomsten"])


def test_edit_a_board_contact_through_the_dialog(qtbot, make_window, reference_db) -> None:
    window, page = open_page(qtbot, make_window, reference_db)
    choose(qtbot, page.board_table, page.board_proxy, "OBO")
    qtbot.keyClick(page.board_table, Qt.Key.Key_Return)  # Enter opens the row
    dialog = page.dialog
    assert isinstance(dialog, BoardDialog) and dialog.isVisible()
    assert (dialog.name.text(), dialog.contact.text()) == ("OBO", "A. Jansen")
    dialog.contact.clear()
    qtbot.keyClicks(dialog.contact, "  P. de  Wit ")
    dialog.email.clear()
    qtbot.keyClicks(dialog.email, "p.dewit@obo.nl")
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error_text()
    wait_all_loaded()  # what the page reads again after the change
    obo = next(b for b in rows(page.board_proxy) if b["Bestuur"] == "OBO")
    assert (obo["Contactpersoon"], obo["E-mail"]) == ("P. de Wit", "p.dewit@obo.nl")
    assert page.board_table.currentIndex().siblingAtColumn(0).data() == "OBO"  # still chosen


def test_a_malformed_email_is_refused_beside_the_field_and_the_input_stays(qtbot, make_window, reference_db,
                                                                          empty_path) -> None:
    _, page = open_page(qtbot, make_window, reference_db)
    before = table_dump(empty_path)
    choose(qtbot, page.board_table, page.board_proxy, "KPO")
    dialog = page.edit_board()
    dialog.email.clear()
    qtbot.keyClicks(dialog.email, "kpo.nl")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors["email"].isVisible()
    assert dialog.errors["email"].text() == "'kpo.nl' is geen geldig e-mailadres; schrijf bijvoorbeeld naam@bestuur.nl."
    assert dialog.email.text() == "kpo.nl"
    dialog.name.setText(" obo ")
    dialog.email.clear()
    save(qtbot, dialog)
    assert dialog.errors["name"].text() == "Er is al een schoolbestuur met de naam 'OBO'."
    assert not dialog.errors["email"].isVisible()
    assert table_dump(empty_path) == before


def test_renaming_a_board_shows_on_the_verdeling_page(qtbot, make_window, reference_db) -> None:
    window, page = open_page(qtbot, make_window, reference_db)
    choose(qtbot, page.board_table, page.board_proxy, "KPO")
    dialog = page.edit_board()
    dialog.name.setText("KPO Roosendaal")
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error_text()
    wait_all_loaded()  # what the page reads again after the change
    assert page.board_table.currentIndex().siblingAtColumn(0).data() == "KPO Roosendaal"
    allocation = window.go_to(AllocationPage)
    wait_all_loaded()
    assert allocation.board_proxy.index(0, 0).data() == "KPO Roosendaal"


def test_add_a_school_to_a_board_and_a_duplicate_is_refused(qtbot, make_window, reference_db) -> None:
    _, page = open_page(qtbot, make_window, reference_db)
    choose(qtbot, page.board_table, page.board_proxy, "De Waarden")
    assert page.schools_title.text() == "Scholen van De Waarden (0)"
    qtbot.mouseClick(page.add_school_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, SchoolDialog) and dialog.board.currentText() == "De Waarden"
    qtbot.keyClicks(dialog.name, "  Basisschool   De Schakel ")
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error_text()
    wait_all_loaded()  # what the page reads again after the change
    assert page.schools_title.text() == "Scholen van De Waarden (1)"
    assert rows(page.school_proxy) == [{"School": "Basisschool De Schakel", "Soort": "regulier", "Overeenkomsten": "0"}]

    dialog = page.add_school()
    qtbot.keyClicks(dialog.name, "basisschool de  SCHAKEL")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors["name"].text() == "Bestuur De Waarden heeft al een school 'Basisschool De Schakel'."
    dialog.name.setText("   ")
    save(qtbot, dialog)
    assert dialog.errors["name"].text() == "Geef de school een naam."


def test_add_a_school_to_another_board_with_the_picker(qtbot, make_window, reference_db) -> None:
    _, page = open_page(qtbot, make_window, reference_db)
    dialog = page.add_school()
    dialog.board.setCurrentIndex(dialog.board.findText("OBO"))
    qtbot.keyClicks(dialog.name, "OBS De Vlinder")
    save(qtbot, dialog)
    wait_all_loaded()  # what the page reads again after the change
    assert page.schools_title.text() == "Scholen van OBO (1)"


def test_rename_a_school(qtbot, make_window, reference_db) -> None:
    with reference_db.write() as session:
        masterdata.add_school(session, "KPO", "De Regenboog")
    _, page = open_page(qtbot, make_window, reference_db)
    choose(qtbot, page.board_table, page.board_proxy, "KPO")
    choose(qtbot, page.school_table, page.school_proxy, "De Regenboog")
    qtbot.keyClick(page.school_table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, SchoolDialog) and not dialog.board.isEnabled()
    dialog.name.setText("Basisschool De Regenboog")
    save(qtbot, dialog)
    assert rows(page.school_proxy)[0]["School"] == "Basisschool De Regenboog"


def test_delete_asks_first_and_refuses_with_the_reason_when_agreements_depend_on_it(
        qtbot, make_window, demo_db, demo_path, recorded_messages) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    before = table_dump(demo_path)
    choose(qtbot, page.board_table, page.board_proxy, "KPO")
    choose(qtbot, page.school_table, page.school_proxy, "Basisschool De Regenboog")
    qtbot.keyClick(page.school_table, Qt.Key.Key_Delete)
    (ask, ask_title, question), (error, _title, reason) = recorded_messages.shown
    assert (ask, ask_title) == ("ask", "School verwijderen")
    assert question == "School Basisschool De Regenboog van bestuur KPO verwijderen?"
    assert error == "error"
    assert reason.startswith("School Basisschool De Regenboog kan niet worden verwijderd: ")
    assert "overeenkomst" in reason and reason.endswith("ernaar.")
    assert table_dump(demo_path) == before

    recorded_messages.shown.clear()
    choose(qtbot, page.board_table, page.board_proxy, "OBO")
    qtbot.mouseClick(page.delete_board_button, Qt.MouseButton.LeftButton)
    assert recorded_messages.shown[0] == ("ask", "Bestuur verwijderen",
                                          "Bestuur OBO en zijn 3 scholen verwijderen? De contactgegevens gaan "
                                          "verloren.")
    assert recorded_messages.shown[1][2].startswith(
        "Bestuur OBO kan niet worden verwijderd, want het doet mee in schooljaar 2016-2017 en er zijn ")
    assert table_dump(demo_path) == before


def test_delete_of_an_unused_school_after_yes_and_nothing_after_no(qtbot, make_window, reference_db,
                                                                   recorded_messages) -> None:
    with reference_db.write() as session:
        masterdata.add_school(session, "OBO", "OBS Oud")
    _, page = open_page(qtbot, make_window, reference_db)
    choose(qtbot, page.board_table, page.board_proxy, "OBO")
    choose(qtbot, page.school_table, page.school_proxy, "OBS Oud")
    recorded_messages.answer = False
    qtbot.mouseClick(page.delete_school_button, Qt.MouseButton.LeftButton)
    assert rows(page.school_proxy) == [{"School": "OBS Oud", "Soort": "regulier", "Overeenkomsten": "0"}]
    recorded_messages.answer = True
    qtbot.mouseClick(page.delete_school_button, Qt.MouseButton.LeftButton)
    assert rows(page.school_proxy) == []
    assert [kind for kind, *_ in recorded_messages.shown] == ["ask", "ask"]


def test_edit_a_provider_cluster_and_contact(qtbot, make_window, reference_db) -> None:
    _, page = open_page(qtbot, make_window, reference_db)
    choose(qtbot, page.provider_table, page.provider_proxy, "Kameleon")
    qtbot.mouseClick(page.edit_provider_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ProviderDialog) and dialog.cluster.text() == "3"
    dialog.cluster.setText("3 (ZML)")
    qtbot.keyClicks(dialog.contact, "B. Mulder")
    qtbot.keyClicks(dialog.email, "b.mulder@kameleon")
    save(qtbot, dialog)
    assert dialog.errors["email"].isVisible()
    qtbot.keyClicks(dialog.email, ".nl")
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error_text()
    wait_all_loaded()  # what the page reads again after the change
    kameleon = next(p for p in rows(page.provider_proxy) if p["Dienstverlener"] == "Kameleon")
    assert (kameleon["Cluster"], kameleon["Contactpersoon"], kameleon["E-mail"]) == (
        "3 (ZML)", "B. Mulder", "b.mulder@kameleon.nl")


def test_search_filters_boards_schools_and_providers(qtbot, make_window, demo_db) -> None:
    window, page = open_page(qtbot, make_window, demo_db)
    window.search_action.trigger()  # Ctrl+F
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "kpo")
    assert [b["Bestuur"] for b in rows(page.board_proxy)] == ["KPO"]
    assert rows(page.provider_proxy) == []


def test_buttons_follow_the_chosen_row_and_tab_reaches_them(qtbot, make_window, empty_db) -> None:
    from models.services import demo, years

    with empty_db.write() as session:
        years.create_or_replace(session, demo.reference_setup())
    window, page = open_page(qtbot, make_window, empty_db)
    assert page.edit_board_button.isEnabled() and page.add_school_button.isEnabled()
    assert not page.rename_school_button.isEnabled()  # no school chosen: there is none yet
    page.search.setFocus()
    reached = []
    for _ in range(6):
        reached.append(window.focusWidget())
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert reached[:4] == [page.search, page.board_table, page.edit_board_button, page.delete_board_button]


def test_a_schools_kind_is_chosen_when_added_and_changed_by_editing(qtbot, make_window, demo_db) -> None:
    """Soort school: picked in the dialog (keyboard), shown in the table, kept by the service; the demo's SBO."""
    _, page = open_page(qtbot, make_window, demo_db)
    choose(qtbot, page.board_table, page.board_proxy, "Borgesius")
    assert {(s["School"], s["Soort"]) for s in rows(page.school_proxy)} == {
        ("Basisschool De Wegwijzer", "regulier"), ("SBO Pius X", "SBO")}

    qtbot.mouseClick(page.add_school_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, SchoolDialog) and dialog.kind.currentData() == "regulier"
    qtbot.keyClicks(dialog.name, "Peuterspeelzaal Het Ukkie")
    dialog.kind.setFocus()
    for _ in range(3):  # regulier → SBO → SO → voorschool
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.kind.currentText().startswith("voorschool")
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error_text()
    wait_all_loaded()  # what the page reads again after the change
    shown = {s["School"]: s["Soort"] for s in rows(page.school_proxy)}
    assert shown["Peuterspeelzaal Het Ukkie"] == "voorschool"

    choose(qtbot, page.school_table, page.school_proxy, "SBO Pius X")
    assert page.edit_button.text() == "School bewerken…"
    qtbot.mouseClick(page.rename_school_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.windowTitle() == "School bewerken" and dialog.kind.currentData() == "SBO"
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # SBO → SO
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error_text()
    wait_all_loaded()  # what the page reads again after the change
    assert {s["School"]: s["Soort"] for s in rows(page.school_proxy)}["SBO Pius X"] == "SO"
    data = demo_db_schools(demo_db)
    assert data[("Borgesius", "SBO Pius X")] == "SO" and data[("Borgesius", "Peuterspeelzaal Het Ukkie")] == "voorschool"


def demo_db_schools(db) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return {(s.board, s.name): s.kind for s in masterdata.master_data(session).schools}
