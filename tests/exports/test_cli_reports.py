"""The report and export commands as a script runs them: exit status, one Dutch line, the files."""
from __future__ import annotations

import email
import sqlite3
import subprocess
import sys
from email import policy
from pathlib import Path

import openpyxl

from tests.conftest import ROOT, run_cli, table_dump

from .readback import YEAR, pdf_pages, pdf_text


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.stderr


def test_report_alv(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "alv.pdf"
    result = run_cli("report", "alv", "--year", YEAR, "-o", str(out), "--swv", "SWV PO 30-02", db=demo_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert f"Opgeslagen als {out}" in result.stderr
    text = pdf_text(out)
    assert text.startswith("ALV-overzicht expertise-uren SWV PO 30-02 Schooljaar 2016-2017 · afgedrukt op 15-1-2025")
    assert f"pagina 1 van {pdf_pages(out)}" in text


def test_report_alv_takes_the_swv_name_from_the_environment(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "alv.pdf"
    result = run_cli("report", "alv", "--year", YEAR, "-o", str(out), db=demo_path,
                     env={"SWV_UREN_SWV": "SWV Westland"})
    assert result.returncode == 0, result.stderr
    assert pdf_text(out).startswith("ALV-overzicht expertise-uren SWV Westland")


def test_report_alv_refusals(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "alv.pdf"
    refused(run_cli("report", "alv", "--year", "2015-2016", "-o", str(out), db=demo_path),
            "Schooljaar 2015-2016 bestaat niet")
    refused(run_cli("report", "alv", "--year", YEAR, "-o", str(tmp_path / "alv.docx"), db=demo_path), ".pdf")
    refused(run_cli("report", "alv", "--year", YEAR, "-o", str(tmp_path / "nee" / "alv.pdf"), db=demo_path),
            "bestaat niet")
    refused(run_cli("report", "alv", "--year", YEAR, "-o", str(out), db=tmp_path / "geen.sqlite"), "bestaat niet")
    assert not out.exists() and not (tmp_path / "geen.sqlite").exists()
    assert run_cli("report", "alv", "--year", YEAR, db=demo_path).returncode == 2
    assert run_cli("report", "alv", "-o", str(out), db=demo_path).returncode == 2
    assert run_cli("report", "onzin", db=demo_path).returncode == 2


def test_export_board(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "kpo.xlsx"
    result = run_cli("export", "board", "--year", YEAR, "--board", "  kpo ", "-o", str(out), db=demo_path)
    assert result.returncode == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Samenvatting", "Per maand", "Overeenkomsten"]
    assert wb["Samenvatting"]["A1"].value == "Expertise-uren KPO, schooljaar 2016-2017"
    assert wb.properties.creator == "Samenwerkingsverband"
    refused(run_cli("export", "board", "--year", YEAR, "--board", "Onbekend", "-o", str(out), db=demo_path),
            "Schoolbestuur 'Onbekend' bestaat niet")
    refused(run_cli("export", "board", "--year", "2017-2018", "--board", "KPO", "-o", str(out), db=demo_path),
            "Schooljaar 2017-2018 bestaat niet")
    refused(run_cli("export", "board", "--year", YEAR, "--board", "KPO", "-o", str(tmp_path / "kpo.pdf"),
                    db=demo_path), ".xlsx")
    assert run_cli("export", "board", "--year", YEAR, "-o", str(out), db=demo_path).returncode == 2


def test_export_boards(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "nieuw" / "besturen"
    result = run_cli("export", "boards", "--year", YEAR, "-o", str(folder), db=demo_path)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["Borgesius 2016-2017.xlsx", "De Waarden 2016-2017.xlsx", "KPO 2016-2017.xlsx",
                     "Kroevendonk - SPCO 2016-2017.xlsx", "OBO 2016-2017.xlsx", "Zilverlinde - Pallas 2016-2017.xlsx"]
    before = (folder / "KPO 2016-2017.xlsx").stat().st_mtime_ns
    (folder / "OBO 2016-2017.xlsx").write_text("kapot")
    again = run_cli("export", "boards", "--year", YEAR, "-o", str(folder), db=demo_path)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in folder.iterdir()) == names  # replaced, nothing added
    assert (folder / "KPO 2016-2017.xlsx").stat().st_mtime_ns >= before
    assert openpyxl.load_workbook(folder / "OBO 2016-2017.xlsx")["Samenvatting"]["A1"].value.startswith(
        "Expertise-uren OBO")
    refused(run_cli("export", "boards", "--year", "1999-2000", "-o", str(folder), db=demo_path), "1999-2000")
    a_file = tmp_path / "bestand"
    a_file.write_text("")
    refused(run_cli("export", "boards", "--year", YEAR, "-o", str(a_file), db=demo_path), "geen map")


def test_export_boards_refuses_two_boards_with_one_file_name(demo_path: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(demo_path)
    with conn:
        conn.execute("UPDATE board SET name = 'Samen/Sterk', name_key = 'samen/sterk' WHERE name = 'KPO'")
        conn.execute("UPDATE board SET name = 'Samen:Sterk', name_key = 'samen:sterk' WHERE name = 'OBO'")
    conn.close()
    folder = tmp_path / "besturen"
    refused(run_cli("export", "boards", "--year", YEAR, "-o", str(folder), db=demo_path),
            "Samen/Sterk", "Samen:Sterk", "Samen-Sterk 2016-2017.xlsx")
    assert not folder.exists() or list(folder.iterdir()) == []


def test_report_provider_pdf_and_xlsx(demo_path: Path, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "myty.pdf", tmp_path / "myty.xlsx"
    assert run_cli("report", "provider", "--year", YEAR, "--provider", "mytyschool", "-o", str(pdf),
                   db=demo_path).returncode == 0
    assert pdf_text(pdf).startswith("Overzicht voor de dienstverlener Mytyschool")
    assert run_cli("report", "provider", "--year", YEAR, "--provider", "Mytyschool", "-o", str(xlsx),
                   db=demo_path).returncode == 0
    assert openpyxl.load_workbook(xlsx).sheetnames == ["Samenvatting", "Per maand", "Planning", "Overeenkomsten"]
    refused(run_cli("report", "provider", "--year", YEAR, "--provider", "Mytyschool", "-o",
                    str(tmp_path / "myty.csv"), db=demo_path), ".pdf of .xlsx")
    refused(run_cli("report", "provider", "--year", YEAR, "--provider", "Onbekend", "-o", str(pdf), db=demo_path),
            "Dienstverlener 'Onbekend' bestaat niet")
    assert not (tmp_path / "myty.csv").exists()
    assert run_cli("report", "provider", "--year", YEAR, "-o", str(pdf), db=demo_path).returncode == 2


def _registered(db: Path) -> str:
    result = run_cli("agreement", "add", "--year", YEAR, "--board", "De Waarden", "--provider", "Kameleon",
                     "--hours", "12,5", "--from", "2016-11", "--to", "2017-03", "--school", "Basisschool Het Anker",
                     "--reported", "2016-10-20", "--registered", "2016-10-21", db=db)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_agreement_confirm_with_letter(demo_path: Path, tmp_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(demo_path) as conn:  # a provider whose address the secretariat does not know
        conn.execute("UPDATE provider SET email = '' WHERE name = 'Kameleon'")
    number = _registered(demo_path)
    folder = tmp_path / "brieven"
    result = run_cli("agreement", "confirm", number, "--date", "2016-10-24", "--letter", str(folder), db=demo_path)
    assert result.returncode == 0, result.stderr
    assert "Let op: Van de dienstverlener Kameleon is geen e-mailadres bekend" in result.stderr
    pdf, eml = folder / f"Bevestiging {number}.pdf", folder / f"Bevestiging {number}.eml"
    text = pdf_text(pdf)
    assert "mag worden uitgevoerd vanaf de datum van deze bevestiging, 24-10-2016" in text
    assert "Afgesproken uren 12,5 uur" in text
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in message["To"].addresses] == ["s.visser@dewaarden.example"]
    assert next(message.iter_attachments()).get_content() == pdf.read_bytes()
    conn = sqlite3.connect(demo_path)
    status = conn.execute("SELECT status, confirmed_on FROM agreement WHERE number = ?", (number,)).fetchone()
    conn.close()
    assert status == ("bevestigd", "2016-10-24")
    refused(run_cli("agreement", "confirm", number, "--letter", str(folder), db=demo_path), "bevestigd")


def test_confirm_with_an_unusable_letter_folder_changes_nothing(demo_path: Path, tmp_path: Path) -> None:
    number = _registered(demo_path)
    a_file = tmp_path / "geen-map"
    a_file.write_text("")
    before = table_dump(demo_path)
    refused(run_cli("agreement", "confirm", number, "--letter", str(a_file), db=demo_path), "geen map")
    assert table_dump(demo_path) == before
    # and plain confirming still works as before
    assert run_cli("agreement", "confirm", number, db=demo_path).returncode == 0


def test_start_up_does_not_load_the_report_libraries() -> None:
    code = ("import sys, desktop.cli as c; c.build_parser(); "
            "print(sorted(m for m in ('reportlab', 'openpyxl', 'exports.alv_pdf') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
