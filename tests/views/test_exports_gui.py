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
