"""Expertise (Gouden Gids): search and filters, adding and editing through the dialog, deleting after a question
and refused for an executor, the printed directory and the workbook."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pypdf import PdfReader

from models.services import directory
from tests.conftest import table_dump
from tests.views.uren_helpers import find_row, read, rows
from views.expertise.dialog import ExpertDialog
from views.expertise.page import ExpertisePage


def open_page(qtbot, make_window, db):  # type: ignore[no-untyped-def]
    window = make_window(db)
    window.activateWindow()  # keyboard shortcuts (Delete, Ctrl+F) need the window active
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    page = window.go_to(ExpertisePage)
    assert window.stack.currentWidget() is page
    return window, page


def names(page: ExpertisePage) -> list[str]:
    return [r["Naam"] for r in rows(page.proxy)]


def choose(page: ExpertisePage, name: str) -> None:
    page.table.setFocus()
    page.table.selectRow(find_row(page.proxy, Naam=name))
    assert page.selected() is not None


def test_the_directory_of_the_demo(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    active = read(demo_db, lambda s: directory.list_experts(s))
    assert names(page) == [e.name for e in active]
    assert "alleen actieve" in page.subtitle.text()
    kameleon = rows(page.proxy)[find_row(page.proxy, Naam="Ambulante dienst Kameleon")]
    assert (kameleon["Soort"], kameleon["Expertise"]) == ("SO", "autisme, gedrag")
    page.inactive.setChecked(True)
    assert "Gert Hoekstra (inactief)" in names(page)


def test_ctrl_f_and_search_and_filters(qtbot, make_window, demo_db) -> None:
    window, page = open_page(qtbot, make_window, demo_db)
    page.table.setFocus()
    qtbot.keySequence(window, QKeySequence("Ctrl+F"))
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "wending")
    assert set(names(page)) == {"Bas Kok", "Ingrid Smit", "SBO De Wending"}
    assert "zoekterm ‘wending’" in page.subtitle.text()
    page.search.clear()
    page.kind_filter.setCurrentIndex(page.kind_filter.findText("VO"))
    assert set(names(page)) == {"Dirk van Leeuwen", "Westland College zorgteam"}
    page.kind_filter.setCurrentIndex(0)
    page.area_filter.setCurrentIndex(page.area_filter.findText("hoogbegaafdheid"))
    assert set(names(page)) == {"Anna Vermeulen", "Ingrid Smit", "Westland College zorgteam"}
    assert "expertise hoogbegaafdheid" in page.subtitle.text()


def test_add_an_expert_with_a_new_area(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ExpertDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Sanne de Vries")
    qtbot.keyClicks(dialog.organisation, "SO De Piramide")
    qtbot.keyClicks(dialog.kind, "SO")
    dialog.areas.check("autisme")
    qtbot.keyClicks(dialog.areas.new_area, "mutisme")
    qtbot.mouseClick(dialog.areas.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.evidence, "diploma")
    qtbot.keyClicks(dialog.evidence_note, "Master SEN 2019")
    qtbot.keyClicks(dialog.email, "s.devries@piramide.example")
    qtbot.keyClicks(dialog.phone, "0485 123 456")
    qtbot.keyClicks(dialog.place, "Cuijk")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    shown = rows(page.proxy)[find_row(page.proxy, Naam="Sanne de Vries")]
    assert shown == {**shown, "Organisatie": "SO De Piramide", "Soort": "SO", "Expertise": "autisme, mutisme",
                     "Aangetoond": "diploma", "Plaats": "Cuijk"}
    assert page.selected().name == "Sanne de Vries"
    assert page.notice.text() == "Sanne de Vries staat in de gids."
    assert "mutisme" in read(demo_db, directory.list_areas)


def test_a_wrong_phone_is_refused_beside_the_field(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.name, "Sanne de Vries")
    qtbot.keyClicks(dialog.phone, "bel maar")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors["phone"].isVisible()
    assert dialog.name.text() == "Sanne de Vries"


def test_enter_edits_an_expert(qtbot, make_window, demo_db) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    choose(page, "Bas Kok")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, ExpertDialog) and dialog.name.text() == "Bas Kok"
    dialog.place.clear()
    qtbot.keyClicks(dialog.place, "Gennep")
    dialog.areas.check("gedrag")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    shown = rows(page.proxy)[find_row(page.proxy, Naam="Bas Kok")]
    assert (shown["Plaats"], shown["Expertise"]) == ("Gennep", "gedrag, rekenen en dyscalculie")
    assert page.notice.text() == "Bas Kok is gewijzigd."


def test_delete_asks_and_is_refused_for_an_executor(qtbot, make_window, demo_db, recorded_messages) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    choose(page, "Ingrid Smit")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    kind, title, text = recorded_messages.shown[-2]
    assert kind == "ask" and "gaan verloren" in text
    assert recorded_messages.shown[-1][0] == "error" and "2016-I0" in recorded_messages.shown[-1][2]
    assert "Ingrid Smit" in names(page)


def test_delete_an_expert_without_questions(qtbot, make_window, demo_db, recorded_messages) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    choose(page, "Visio ambulante dienst")
    recorded_messages.answer = False
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Visio ambulante dienst" in names(page)  # 'Annuleren' keeps it
    recorded_messages.answer = True
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Visio ambulante dienst" not in names(page)
    assert "is verwijderd" in page.notice.text()


def test_the_printed_directory_and_the_workbook(qtbot, make_window, demo_db, tmp_path: Path,
                                                 recorded_messages) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    pdf = page.export("pdf", tmp_path / "gids.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Ingrid Smit" in text and "Gert Hoekstra" not in text
    xlsx = page.export("xlsx", tmp_path / "gids.xlsx")
    cells = {str(c.value) for ws in openpyxl.load_workbook(xlsx).worksheets for row in ws.iter_rows() for c in row
             if c.value}
    assert "Westland College zorgteam" in cells
    assert recorded_messages.shown[-1][2].endswith(str(tmp_path / "gids.xlsx"))


def test_enter_in_the_new_area_field_adds_the_area_and_saves_nothing(qtbot, make_window, demo_db, demo_path) -> None:
    _, page = open_page(qtbot, make_window, demo_db)
    dialog = page.new_expert()
    before = table_dump(demo_path)
    qtbot.keyClicks(dialog.name, "Sanne de Vries")
    qtbot.keyClicks(dialog.areas.new_area, "mutisme")
    qtbot.keyClick(dialog.areas.new_area, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.areas.new_area.text() == ""
    texts = [dialog.areas.list.item(i).text() for i in range(dialog.areas.list.count())]
    assert "mutisme" in texts
    assert table_dump(demo_path) == before


def test_one_word_per_concept_in_the_list_the_details_and_the_dialog(qtbot, make_window, demo_db) -> None:
    """UI.md, Words: the list, the dialog and the printed directory say 'Organisatie' and 'Contactpersoon'."""
    from PySide6.QtWidgets import QLabel

    _, page = open_page(qtbot, make_window, demo_db)
    heads = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())]
    assert "Contactpersoon" in heads and "Contact" not in heads and "Organisatie" in heads
    person = next(e for e in read(demo_db, lambda s: directory.list_experts(s))
                  if not e.is_organisation and e.organisation)
    choose(page, person.name)
    details = page.details.text()
    assert f"organisatie: {person.organisation}" in details and "werkt bij" not in details
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    captions = [label.text().replace("&", "") for label in dialog.findChildren(QLabel)
                if label.buddy() is dialog.organisation]
    assert captions == ["Organisatie"]
    assert dialog.organisation.text() == person.organisation
    dialog.reject()
