"""Reports from the app: the files are written and read back; the user is told where they are."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from pypdf import PdfReader

from tests.views.uren_helpers import wait_loaded


def test_alv_from_the_menu_writes_a_pdf_with_the_swv_name(make_window, demo_db, answers, settings,
                                                          recorded_messages) -> None:
    settings.setValue("swv_name", "SWV PO 30-02")
    window = make_window(demo_db)
    window.exports.alv.trigger()
    written = answers.folder / "ALV-overzicht 2016-2017.pdf"
    text = "".join(page.extract_text() for page in PdfReader(written).pages)
    assert "SWV PO 30-02" in text and "2016-2017" in text
    assert recorded_messages.shown[-1][2].endswith(str(written))


def test_one_board_workbook_from_the_menu(make_window, demo_db, answers, recorded_messages) -> None:
    """Rapporten → Werkmap voor één bestuur…: the board picked from the list, the workbook under its name
    (a click used to hand the board `False`: "Schoolbestuur 'False' bestaat niet")."""
    window = make_window(demo_db)
    answers.item = "OBO"
    window.exports.board.trigger()
    assert answers.asked == [("item", "Werkmap voor één bestuur"), ("save", "Werkmap opslaan")]
    wb = openpyxl.load_workbook(answers.folder / "OBO 2016-2017.xlsx")
    assert wb.sheetnames == ["Samenvatting", "Per maand", "Overeenkomsten"]
    cells = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
    assert "OBO" in cells and "KPO" not in cells
    assert recorded_messages.shown[-1][:2] == ("info", "Opgeslagen")


def test_cancelling_the_board_list_writes_nothing(make_window, demo_db, answers, recorded_messages) -> None:
    window = make_window(demo_db)
    answers.cancel = True
    window.exports.board.trigger()
    assert answers.asked == [("item", "Werkmap voor één bestuur")]
    assert list(answers.folder.iterdir()) == [] and recorded_messages.shown == []


def test_all_board_workbooks_with_progress(make_window, demo_db, answers, recorded_messages) -> None:
    window = make_window(demo_db)
    window.exports.boards.trigger()
    written = sorted(answers.folder.iterdir())
    assert len(written) == 6
    names = [p.name for p in written]
    assert "Kroevendonk - SPCO 2016-2017.xlsx" in names
    wb = openpyxl.load_workbook(answers.folder / "KPO 2016-2017.xlsx")
    assert wb.sheetnames == ["Samenvatting", "Per maand", "Overeenkomsten"]
    assert "6 werkmappen opgeslagen" in recorded_messages.shown[-1][2]


def test_provider_overview_from_the_menu(make_window, demo_db, answers, recorded_messages) -> None:
    window = make_window(demo_db)
    answers.item = "Driespan"
    window.exports.provider.trigger()
    pdf = answers.folder / "Driespan 2016-2017.pdf"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Driespan" in text and "Kameleon" not in text
    assert recorded_messages.shown[-1][2].endswith(str(pdf))


def test_a_refused_export_says_why_and_writes_nothing(make_window, demo_db, answers, recorded_messages) -> None:
    window = make_window(demo_db)
    answers.save_as = answers.folder / "kameleon.docx"
    window.exports.provider.trigger()
    assert recorded_messages.shown[-1][0] == "error" and ".pdf" in recorded_messages.shown[-1][2]
    assert not list(answers.folder.iterdir())


def test_confirming_offers_the_letter_to_both_parties(qtbot, make_window, demo_db, tmp_path: Path, settings,
                                                      recorded_messages, monkeypatch) -> None:
    """Bevestigen… says what will happen; 'Brief en e-mail maken' is the default answer; the letter and the
    draft go to the folder of the last export; the draft opens in the mail program after asking."""
    import email
    from email import policy

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QLabel

    from views.agreements.page import AgreementsPage

    out = tmp_path / "export"
    out.mkdir()
    settings.setValue("export_folder", str(out))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    window = make_window(demo_db)
    page = window.go_to(AgreementsPage)
    # 2016-009 is registered, not yet confirmed, in the demo year
    page.search.setText("2016-009")
    wait_loaded(qtbot, window)  # the agreements are read off the UI thread
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(page.table.model().index(0, 0)).center())
    qtbot.mouseClick(page.step_buttons["bevestigen"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert "wordt naar het bestuur en de dienstverlener gestuurd" in " ".join(
        label.text() for label in dialog.findChildren(QLabel))
    recorded_messages.answer = True
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    asked = [(title, text) for kind, title, text in recorded_messages.shown if kind == "ask"]
    assert asked[0][0] == "Bevestiging versturen" and "bevestigingsbrief" in asked[0][1]
    assert recorded_messages.defaults[0] == "Brief en e-mail maken"
    assert asked[1][0] == "E-mail openen" and str(out) in asked[1][1]
    pdf = next(p for p in out.iterdir() if p.suffix == ".pdf")
    eml = next(p for p in out.iterdir() if p.suffix == ".eml")
    assert opened == [str(eml)]
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "2016-009" in text
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert any(part.get_content_type() == "application/pdf" for part in message.iter_attachments())
    wait_loaded(qtbot, window)  # the page reads the confirmed agreement again
    assert page.letter_button.isEnabled()


def test_the_swv_name_lives_in_the_database_for_every_user_and_the_command_line(
        make_window, demo_db, demo_path: Path, tmp_path: Path, settings) -> None:
    """A name this computer kept in its settings (earlier versions) moves into the database, where the next
    user and `swv-uren report alv` find it too."""
    from models.services import settings as swv_settings
    from tests.conftest import run_cli
    from tests.services.helpers import read

    settings.setValue("swv_name", "SWV Rijnland")
    window = make_window(demo_db)
    assert window.exports.swv_name() == "SWV Rijnland"
    assert settings.value("swv_name") is None
    assert read(demo_db, swv_settings.swv_name) == "SWV Rijnland"
    demo_db.dispose()
    out = tmp_path / "alv.pdf"
    assert run_cli("report", "alv", "--year", "2016-2017", "-o", str(out), db=demo_path).returncode == 0
    assert "SWV Rijnland" in PdfReader(out).pages[0].extract_text()
