"""Verslagen on the Innovatie page: the library over every year, a search over the full text showing the
passage, Openen, Opslaan als…, Vervangen… and the list to Excel, all by clicking; a refused file changes
nothing."""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox

from models.services import report_library
from tests.conftest import table_dump
from tests.services import report_files
from tests.views.test_innovation_pages import open_page
from tests.views.uren_helpers import act, rows

SHOTS = Path("/tmp/wt-reports-shots")


def open_library(qtbot, make_window, db):  # type: ignore[no-untyped-def]
    window, page = open_page(qtbot, make_window, db)
    page.tabs.tabBar().setFocus()
    qtbot.mouseClick(page.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=page.tabs.tabBar().tabRect(1).center())
    assert page.tabs.currentWidget() is page.library
    return window, page.library


def test_search_shows_the_passage_and_the_buttons_work(qtbot, make_window, demo_db, answers, monkeypatch,
                                                       recorded_messages, tmp_path: Path) -> None:
    act(demo_db, lambda s: report_library.add_report(s, "2016-I03", report_library.Upload(
        "Rust in de klas.pdf", report_files.pdf("De leerkrachten oefenden met de zandloperaanpak in groep 4."))))
    window, library = open_library(qtbot, make_window, demo_db)
    shown = rows(library.proxy)
    assert len(shown) == 4 and {r["Netwerk"] for r in shown} == {"Noord", "Midden"}
    assert "4 verslagen" in library.summary.text()

    qtbot.keyClicks(library.search, "zandloper")
    qtbot.keyClick(library.search, Qt.Key.Key_Return)
    [hit] = rows(library.proxy)
    assert hit["Nummer"] == "2016-I03" and hit["Bestand"] == "Rust in de klas.pdf"
    assert "<b>zandloperaanpak</b>" in library.passage.text()
    assert "zoekterm ‘zandloper’" in library.summary.text()
    window.resize(1280, 720)
    library.grab().save(str(SHOTS / "verslagen.png")) if SHOTS.is_dir() else None

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    qtbot.mouseClick(library.open_button, Qt.MouseButton.LeftButton)
    assert opened and Path(opened[0]).name == "Rust in de klas.pdf" and Path(opened[0]).read_bytes()[:4] == b"%PDF"

    answers.save_as = tmp_path / "bewaard.pdf"
    qtbot.mouseClick(library.save_button, Qt.MouseButton.LeftButton)
    assert answers.save_as.read_bytes()[:4] == b"%PDF"

    answers.save_as = tmp_path / "verslagen.xlsx"
    qtbot.mouseClick(library.export_button, Qt.MouseButton.LeftButton)
    ws = openpyxl.load_workbook(answers.save_as).active
    assert ws.cell(4, 2).value == "2016-I03" and "zandloperaanpak" in ws.cell(4, 13).value


def test_a_copy_or_list_that_cannot_be_written_is_refused_in_dutch(qtbot, make_window, demo_db, answers, monkeypatch,
                                                                  recorded_messages, tmp_path: Path) -> None:
    blocker = tmp_path / "een bestand"
    blocker.write_text("geen map")
    monkeypatch.setenv("SWV_UREN_TEMP", str(blocker / "Geopend"))  # under a file: no folder can be made there
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    _, library = open_library(qtbot, make_window, demo_db)
    assert library.selected() is not None
    qtbot.mouseClick(library.open_button, Qt.MouseButton.LeftButton)
    kind, title, text = recorded_messages.shown[-1]
    assert (kind, title) == ("error", "Niet geopend") and not opened
    assert text.startswith("Het verslag kon niet worden klaargezet om te openen: ")

    answers.save_as = tmp_path / "geen map" / "verslag.pdf"
    qtbot.mouseClick(library.save_button, Qt.MouseButton.LeftButton)
    kind, title, text = recorded_messages.shown[-1]
    assert (kind, title) == ("error", "Verslag niet opgeslagen") and "bestaat niet" in text
    answers.save_as = tmp_path / "geen map" / "verslagen.xlsx"
    qtbot.mouseClick(library.export_button, Qt.MouseButton.LeftButton)
    kind, title, text = recorded_messages.shown[-1]
    assert (kind, title) == ("error", "Niet opgeslagen") and "bestaat niet" in text
    assert not (tmp_path / "geen map").exists()
    assert not [shown for shown in recorded_messages.shown if shown[0] == "info"]  # no 'Opgeslagen als …'


def test_replacing_keeps_the_old_version_and_a_refused_file_changes_nothing(qtbot, make_window, demo_db, demo_path,
                                                                           answers, recorded_messages,
                                                                           tmp_path: Path) -> None:
    _, library = open_library(qtbot, make_window, demo_db)
    before = table_dump(demo_path)
    answers.open_file = tmp_path / "met bsn.docx"
    answers.open_file.write_bytes(report_files.docx("Leerling met BSN 111222333 in groep 5."))
    qtbot.mouseClick(library.replace_button, Qt.MouseButton.LeftButton)
    assert "BSN" in recorded_messages.shown[-1][2] and "111222333" not in recorded_messages.shown[-1][2]
    assert table_dump(demo_path) == before

    answers.open_file = tmp_path / "nieuw.odt"
    answers.open_file.write_bytes(report_files.odt("Een betere versie over de plusklas."))
    number = library.selected().number
    qtbot.mouseClick(library.replace_button, Qt.MouseButton.LeftButton)
    library.refresh()
    entry = next(e for e in library.entries if e.number == number)
    assert (entry.file_name, entry.version) == ("nieuw.odt", 2)


def _click_row(qtbot, table, row: int) -> None:  # type: ignore[no-untyped-def]
    column = next(c for c in range(table.model().columnCount()) if not table.isColumnHidden(c))
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_school_kind_filter_and_the_schools_with_board_and_kind(qtbot, make_window, demo_db, answers,
                                                                 recorded_messages, tmp_path: Path) -> None:
    """Soort school: the demo's SBO Pius X takes part in two questions with a report; SO Zilverlinde in none.
    The list to Excel carries the filter, the kinds and the SWV's name from the settings."""
    from models.services import settings as swv_settings

    act(demo_db, lambda s: swv_settings.set_swv_name(s, "SWV Westland PO"))
    _, library = open_library(qtbot, make_window, demo_db)
    everything = rows(library.proxy)
    assert any("SBO Pius X (Borgesius, SBO)" in r["Scholen (bestuur, soort)"] for r in everything)
    assert all(", regulier)" in r["Scholen (bestuur, soort)"] for r in everything)
    library.kind.setFocus()
    for _ in range(2):  # Alle soorten scholen → regulier → SBO
        qtbot.keyClick(library.kind, Qt.Key.Key_Down)
    assert library.kind.currentText() == "SBO"
    shown = rows(library.proxy)
    assert len(shown) == 2 and all("SBO Pius X (Borgesius, SBO)" in r["Scholen (bestuur, soort)"] for r in shown)
    assert library.summary.text() == "2 verslagen · soort school SBO"

    answers.save_as = tmp_path / "sbo.xlsx"
    qtbot.mouseClick(library.export_button, Qt.MouseButton.LeftButton)
    ws = openpyxl.load_workbook(answers.save_as).active
    assert ws.oddHeader.right.text == "SWV Westland PO"
    assert ws.parent.properties.creator == "SWV Westland PO"
    assert "soort school SBO" in ws["A1"].value
    assert ws.cell(3, 7).value == "Scholen (bestuur, soort)" and "SBO Pius X (Borgesius, SBO)" in ws.cell(4, 7).value
    assert ws.cell(6, 1).value is None  # two reports: rows 4 and 5

    qtbot.keyClick(library.kind, Qt.Key.Key_Down)  # SO: no report of an SO school yet
    assert library.kind.currentText() == "SO" and rows(library.proxy) == []
    assert library.summary.text() == "0 verslagen · soort school SO"


def test_earlier_versions_are_listed_opened_and_saved(qtbot, make_window, demo_db, answers, monkeypatch,
                                                      recorded_messages, tmp_path: Path) -> None:
    """The demo's 'Groepsplan gedrag' report was first handed in as a concept: Eerdere versies lists both with
    date and file; the concept opens from the app's own folder for opened copies and saves as a file."""
    from views import open_copies

    window, library = open_library(qtbot, make_window, demo_db)
    row = next(i for i, e in enumerate(library.entries) if e.report_title == "Groepsplan gedrag: het draaiboek")
    number = library.entries[row].number
    _click_row(qtbot, library.table, library.proxy.mapFromSource(library.model.index(row, 0)).row())
    assert library.selected().number == number and library.selected().version == 2
    qtbot.mouseClick(library.versions_button, Qt.MouseButton.LeftButton)
    dialog = library.versions_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == f"Versies van het verslag van {number}"
    listed = rows(dialog.proxy)
    assert [(r["Versie"], r["Bestand"], r["Status"]) for r in listed] == [
        ("2", f"Verslag {number}.docx", "huidige versie"), ("1", f"Verslag {number} concept.docx", "eerdere versie")]
    assert all(re.fullmatch(r"\d{1,2}-\d{1,2}-\d{4} \d\d:\d\d", r["Toegevoegd"]) for r in listed)
    assert dialog.selected().version == 1  # the earlier version is chosen first
    window.resize(1280, 720)
    dialog.grab().save(str(SHOTS / "versies.png")) if SHOTS.is_dir() else None

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    [path] = [Path(p) for p in opened]
    assert path.name == f"Verslag {number} concept.docx" and path.read_bytes()[:2] == b"PK"
    assert open_copies.folder() in path.parents  # the app's folder, cleaned at start and end

    answers.save_as = tmp_path / "concept.docx"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert answers.save_as.read_bytes() == path.read_bytes()
    assert recorded_messages.shown[-1] == ("info", "Opgeslagen", f"Opgeslagen als {answers.save_as}")

    _click_row(qtbot, dialog.table, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter opens the chosen version: the current one
    assert Path(opened[-1]).name == f"Verslag {number}.docx"
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "Sluiten"
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
