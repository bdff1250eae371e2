"""Reports from the app: the files are written and read back; the user is told where they are."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from pypdf import PdfReader


def test_alv_from_the_menu_writes_a_pdf_with_the_swv_name(make_window, demo_db, tmp_path: Path, settings,
                                                          recorded_messages) -> None:
    settings.setValue("swv_name", "SWV PO 30-02")
    window = make_window(demo_db)
    written = window.exports.export_alv(tmp_path / "alv.pdf")
    text = "".join(page.extract_text() for page in PdfReader(written).pages)
    assert "SWV PO 30-02" in text and "2016-2017" in text
    assert recorded_messages.shown[-1][2].endswith(str(tmp_path / "alv.pdf"))


def test_all_board_workbooks_with_progress(make_window, demo_db, tmp_path: Path, recorded_messages) -> None:
    window = make_window(demo_db)
    written = window.exports.export_boards(tmp_path / "besturen")
    assert len(written) == 6
    names = sorted(p.name for p in written)
    assert "Kroevendonk - SPCO 2016-2017.xlsx" in names
    wb = openpyxl.load_workbook(tmp_path / "besturen" / "KPO 2016-2017.xlsx")
    assert wb.sheetnames == ["Samenvatting", "Per maand", "Overeenkomsten"]
    assert "6 werkmappen opgeslagen" in recorded_messages.shown[-1][2]


def test_a_refused_export_says_why_and_writes_nothing(make_window, demo_db, tmp_path: Path, recorded_messages) -> None:
    window = make_window(demo_db)
    out = tmp_path / "uit"
    out.mkdir()
    result = window.exports.export_provider("Kameleon", out / "kameleon.docx")
    assert result is None
    assert recorded_messages.shown[-1][0] == "error" and ".pdf" in recorded_messages.shown[-1][2]
    assert not list(out.iterdir())


def test_confirming_offers_the_letter_to_both_parties(qtbot, make_window, demo_db, tmp_path: Path,
                                                      recorded_messages, monkeypatch) -> None:
    import email
    from email import policy

    from views.agreements_page import AgreementsPage

    window = make_window(demo_db)
    page = window.go_to(AgreementsPage)
    out = tmp_path / "brieven"  # beside the database (demo_db lives in tmp_path)
    # 2016-009 is registered, not yet confirmed, in the demo year
    page.search.setText("2016-009")
    page.table.selectRow(0)
    dialog = page.step_selected("bevestigen")
    recorded_messages.answer = True
    dialog.ok_button.click()
    assert any(kind == "ask" and "bevestigingsbrief" in text for kind, _, text in recorded_messages.shown)
    pdf = out / next(p.name for p in out.iterdir() if p.suffix == ".pdf")
    eml = next(p for p in out.iterdir() if p.suffix == ".eml")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "2016-009" in text
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert any(part.get_content_type() == "application/pdf" for part in message.iter_attachments())
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
