"""`report innovation`, `export innovation`, `report directory` and `export directory` as a script runs them."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.exports.readback import pdf_text

from .conftest import ok, refused_all, wrong_use

YEAR = "2016-2017"


def test_report_innovation(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "innovatie.pdf"
    result = ok("report", "innovation", "--year", YEAR, "-o", str(out), "--swv", "SWV Westland", db=demo_path)
    assert result.stdout == "" and f"Opgeslagen als {out}" in result.stderr
    text = pdf_text(out)
    assert text.startswith("Uitputting innovatiebudgetten 2016-2017 SWV Westland Schooljaar 2016-2017 · afgedrukt op "
                           "15-1-2025")
    # the figures of the reporting service (tests/services/test_innovation.py): budget, committed, paid, left
    assert "Totaal samenwerkingsverband 12 3.323 7 € 165.645,00 € 53.500,00 € 15.000,00" in text
    assert "€ 112.145,00" in text
    for number in ("2016-I01", "2016-I05", "2016-I08"):
        assert number in text
    assert "Rust in de klas: verslag van het eerste jaar" in text  # on the payment list


def test_export_innovation(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "innovatie.xlsx"
    ok("export", "innovation", "--year", YEAR, "-o", str(out), db=demo_path)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Uitputting", "Ondersteuningsvragen", "Betaallijst"]
    questions = workbook["Ondersteuningsvragen"]
    header = [c.value for c in questions[1]]
    numbers = [row[header.index("Nummer")] for row in questions.iter_rows(min_row=2, values_only=True)
               if row[header.index("Nummer")]]
    assert numbers == [f"2016-I0{i}" for i in range(1, 9)]
    payments = workbook["Betaallijst"]
    header = [c.value for c in payments[1]]
    rows = []
    for row in payments.iter_rows(min_row=2, values_only=True):  # the payment lines, up to their total
        if not row[header.index("Nummer")]:
            break
        rows.append(row)
    assert [(r[header.index("Uitvoerder")], r[header.index("Nummer")]) for r in rows] == [
        ("Ambulante dienst Kameleon", "2016-I03"), ("Ingrid Smit", "2016-I03"), ("Anna Vermeulen", "2016-I04"),
        ("Westland College zorgteam", "2016-I04")]
    assert [r[header.index("Bedrag")] for r in rows] == [6000, 2500, 3000, 2000]


def test_report_and_export_directory(demo_path: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "gids.pdf"
    ok("report", "directory", "-o", str(pdf), db=demo_path)
    text = pdf_text(pdf)
    assert text.startswith("Gouden Gids")
    assert "14 vermeldingen" in text and "Visio ambulante dienst" in text and "Gert Hoekstra" not in text
    xlsx = tmp_path / "gids.xlsx"
    ok("export", "directory", "-o", str(xlsx), "--inactive", db=demo_path)
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert len(names) == 15 and "Gert Hoekstra" in names


def test_refusals_and_wrong_use(demo_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "geen.sqlite"
    messages = refused_all([
        ["report", "innovation", "--year", "2019-2020", "-o", str(tmp_path / "i.pdf")],
        ["export", "innovation", "--year", YEAR, "-o", str(tmp_path / "i.pdf")],
        ["report", "directory", "-o", str(tmp_path / "gids.xlsx")],
        ["report", "innovation", "--year", YEAR, "-o", str(tmp_path / "nee" / "i.pdf")],
    ], db=demo_path)
    assert messages == [
        "Schooljaar 2019-2020 bestaat niet.",
        "i.pdf: kies een bestandsnaam die eindigt op .xlsx.",
        "gids.xlsx: kies een bestandsnaam die eindigt op .pdf.",
        f"De map {tmp_path / 'nee'} bestaat niet; maak hem eerst aan of kies een andere map.",
    ]
    [message] = refused_all([["report", "directory", "-o", str(tmp_path / "gids.pdf")]], db=missing)
    assert "bestaat niet" in message and not missing.exists()
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.xlsx"))
    assert "--year" in wrong_use("report", "innovation", "-o", str(tmp_path / "i.pdf"), db=demo_path)
    assert "-o/--output" in wrong_use("export", "directory", db=demo_path)
