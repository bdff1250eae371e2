"""Verslagen on the Innovatie page: the library over every year, a search over the full text showing the
passage, Openen, Opslaan als…, Vervangen… and the list to Excel, all by clicking; a refused file changes
nothing."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

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
