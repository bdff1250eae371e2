"""The provider overview: monthly commitments per board, as PDF and as XLSX."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from exports.provider_report import write_provider_report
from models.domain.errors import InvalidInput
from models.services import reports
from tests.conftest import TODAY

from .readback import YEAR, dutch_hours, dutch_whole, pdf_pages, pdf_text, published, tokens, xlsx_parts


@pytest.fixture
def driespan(demo_db) -> reports.ProviderReport:
    with demo_db.read() as session:
        return reports.provider_report(session, YEAR, "DRIESPAN", TODAY, swv_name="SWV PO 30-02")


def test_pdf_per_board_and_month(driespan, demo_figures, tmp_path: Path) -> None:
    sums, counts = demo_figures
    path = write_provider_report(driespan, tmp_path / "driespan.pdf")
    text = pdf_text(path)
    pages = pdf_pages(path)
    assert PdfReader(str(path)).pages[0].mediabox.width == pytest.approx(841.89, abs=0.1)  # A4 landscape
    assert text.startswith("Overzicht voor de dienstverlener Driespan SWV PO 30-02 Schooljaar 2016-2017")
    assert f"pagina {pages} van {pages}" in text
    assert "Contracturen 2.393, waarvan reserve 200 (toegekend 12, nog niet toegekend 188)" in text
    for row in (r for r in published() if r["dienstverlener"] == "Driespan"):
        pair = sums[(row["bestuur"], "Driespan")]
        assert tokens(row["bestuur"], f"{row['verdeling']} %", dutch_whole(int(row["jaaruren"])), row["per_maand"],
                      dutch_hours(pair.reserve), dutch_hours(pair.used), dutch_hours(pair.lapsed)) in text
    # the month matrix of budgets: KPO has 570 hours, 52 in September ... 51 in July
    assert tokens("KPO", *(["52"] * 9), "51", "51", "570") in text
    used_total = sum(s.used for (b, p), s in sums.items() if p == "Driespan")
    assert tokens("Totaal", *[dutch_hours(m.used) for m in driespan.month_totals], dutch_hours(used_total)) in text
    assert "Reserve toegekend per schoolbestuur" in text  # the demo grant of 12 hours at Driespan
    assert sum(counts.get((b, "Driespan"), 0) for b in {r["bestuur"] for r in published()}) == len(
        driespan.agreements)
    for agreement in driespan.agreements:
        assert agreement.number in text


def test_xlsx_sheets_and_cells(driespan, demo_figures, tmp_path: Path) -> None:
    sums, _ = demo_figures
    path = write_provider_report(driespan, tmp_path / "Driespan.XLSX")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Samenvatting", "Per maand", "Planning", "Overeenkomsten"]
    assert wb.properties.title == "Overzicht voor de dienstverlener Driespan 2016-2017"
    summary = wb["Samenvatting"]
    rows = list(summary.iter_rows(min_row=6, max_row=11, values_only=True))
    assert [r[0] for r in rows] == ["KPO", "OBO", "Borgesius", "De Waarden", "Kroevendonk / SPCO",
                                    "Zilverlinde / Pallas"]
    for r in rows:  # the ALV order: jaaruren, gemiddeld per maand, gebruikt, reserve toegekend, ...
        assert Decimal(str(r[4])) * 60 == sums[(r[0], "Driespan")].used
    assert summary["A12"].value == "Totaal" and summary["C12"].value == 2194
    per_month = list(wb["Per maand"].iter_rows(min_row=2, values_only=True))
    assert len(per_month) == 6 * 11
    for board in ("KPO", "OBO"):
        assert sum(Decimal(str(r[4])) for r in per_month if r[0] == board) * 60 == sums[(board, "Driespan")].used
    planning = wb["Planning"]
    assert planning["A1"].value == "Schoolbestuur" and planning["B1"].value == "september 2016"
    kpo = [c.value for c in planning[2]]
    assert kpo[0] == "KPO" and kpo[1] == 52 and kpo[7] == 52 + 12  # March: budget + the reserve granted
    assert planning.freeze_panes == "A2"


def test_pdf_agreements_have_a_totals_row_and_the_words_of_the_screen(driespan, tmp_path: Path) -> None:
    text = pdf_text(write_provider_report(driespan, tmp_path / "driespan.pdf"))
    agreements = driespan.agreements
    assert "Bevestigd Afgesproken uren Gebruikt" in text  # used hours are 'gebruikt' everywhere (UI.md)
    assert "Geboekt" not in text and "Nog over" not in text
    assert tokens("Totaal", f"{len(agreements)} overeenkomsten", dutch_hours(sum(a.minutes for a in agreements)),
                  dutch_hours(sum(a.booked for a in agreements))) in text
    assert text.index(agreements[-1].number) < text.rindex(f"{len(agreements)} overeenkomsten")


def test_pdf_while_the_year_runs_says_over(demo_db, tmp_path: Path) -> None:
    import datetime as dt

    with demo_db.read() as session:
        report = reports.provider_report(session, YEAR, "Driespan", dt.date(2016, 12, 10))
    text = pdf_text(write_provider_report(report, tmp_path / "driespan.pdf"))
    assert report.total.left > 0
    assert "Vervallen Over Benutting" in text and "Over per schoolbestuur" in text
    assert "over (maand loopt nog)" in text and "nog over" not in text.casefold() and "nog open" not in text


def test_xlsx_agreements_total_words_and_hour_formats(driespan, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_provider_report(driespan, tmp_path / "d.xlsx"))
    assert [c.value for c in wb["Samenvatting"][5]][7] == "Over"
    assert [c.value for c in wb["Per maand"][1]][4:7] == ["Gebruikt", "Vervallen", "Over"]
    ws = wb["Overeenkomsten"]
    assert [c.value for c in ws[1]][4:6] == ["Afgesproken uren", "Gebruikt"]
    agreements = driespan.agreements
    total = [c.value for c in ws[len(agreements) + 2]]
    assert total[:2] == ["Totaal", f"{len(agreements)} overeenkomsten"]
    assert Decimal(str(total[4])) * 60 == sum(a.minutes for a in agreements)
    assert Decimal(str(total[5])) * 60 == sum(a.booked for a in agreements)
    assert ws.cell(len(agreements) + 2, 1).font.b and ws.max_row == len(agreements) + 1 + 1
    assert ws.auto_filter.ref == f"A1:J{len(agreements) + 1}"
    for row in ws.iter_rows(min_row=2, min_col=5, max_col=6):
        for cell in row:
            assert cell.number_format == ("#,##0" if cell.value == int(cell.value) else "#,##0.00")


def test_other_extensions_are_refused(driespan, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"\.pdf of \.xlsx"):
        write_provider_report(driespan, tmp_path / "driespan.csv")
    assert not (tmp_path / "driespan.csv").exists()


def test_no_pupil_references_or_descriptions(driespan, demo_db, tmp_path: Path) -> None:
    from models.services.agreements import AgreementFilter, list_agreements

    with demo_db.read() as session:
        rows = list_agreements(session, AgreementFilter(YEAR, provider="Driespan"))
    pdf = pdf_text(write_provider_report(driespan, tmp_path / "d.pdf"))
    xlsx = xlsx_parts(write_provider_report(driespan, tmp_path / "d.xlsx"))
    for row in rows:
        for text in (pdf, xlsx):
            assert row.description not in text
            if row.pupil_ref:
                assert f">{row.pupil_ref}<" not in xlsx and f" {row.pupil_ref} " not in pdf


def test_a_year_without_agreements(reference_db, tmp_path: Path) -> None:
    """Right after setting up the year: every figure is there, nothing is used yet."""
    from exports.alv_pdf import write_alv_pdf
    from exports.board_xlsx import write_board_xlsx

    today = TODAY
    with reference_db.read() as session:
        alv = reports.alv_report(session, "2016-2017", today)
        board = reports.board_report(session, "2016-2017", "Zilverlinde / Pallas", today)
        provider = reports.provider_report(session, "2016-2017", "Kameleon", today)
    alv_text = pdf_text(write_alv_pdf(alv, tmp_path / "alv.pdf"))
    assert tokens("Totaal samenwerkingsverband", "4.108", "373", "0", "0", "4.108", "0 %", "0") in alv_text
    assert "Demogegevens" not in alv_text
    ws = openpyxl.load_workbook(write_board_xlsx(board, tmp_path / "z.xlsx"))["Overeenkomsten"]
    assert ws.max_row == 1 and ws["A1"].value == "Nummer"
    provider_text = pdf_text(write_provider_report(provider, tmp_path / "k.pdf"))
    assert "Nog geen overeenkomsten." in provider_text
    assert "Reserve toegekend per schoolbestuur" not in provider_text
