"""The workbook per board: read the cells back with openpyxl and compare them with the `budgets` CSV."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exports.board_xlsx import SHEETS, board_file_name, write_board_workbooks, write_board_xlsx
from models.domain.errors import Conflict
from models.services import reports
from tests.conftest import TODAY

from .readback import YEAR, published, xlsx_parts


def hours(minutes: int) -> float:
    return minutes / 60


@pytest.fixture
def kpo(demo_db, tmp_path: Path):
    with demo_db.read() as session:
        report = reports.board_report(session, YEAR, "  kpo ", TODAY, swv_name="SWV PO 30-02")
    path = write_board_xlsx(report, tmp_path / "KPO.xlsx")
    return report, openpyxl.load_workbook(path), path


def test_sheets_header_rows_filters_and_print_setup(kpo) -> None:
    _, wb, _ = kpo
    assert wb.sheetnames == list(SHEETS)
    expected_header = {"Samenvatting": 5, "Per maand": 1, "Overeenkomsten": 1}
    for ws in wb.worksheets:
        header = expected_header[ws.title]
        assert ws.freeze_panes == f"A{header + 1}"
        assert ws.auto_filter.ref.startswith(f"A{header}:")
        assert ws.print_title_rows == f"${header}:${header}"
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert "pagina &P van &N" in ws.oddFooter.right.text
        assert ws.cell(header, 1).font.b
        for column in "ABC":
            assert ws.column_dimensions[column].width >= 9
    assert wb.properties.title == "Expertise-uren KPO 2016-2017"
    assert wb.properties.creator == "SWV PO 30-02"


def test_summary_equals_the_published_table_and_the_budgets_csv(kpo, demo_figures) -> None:
    _, wb, _ = kpo
    sums, counts = demo_figures
    ws = wb["Samenvatting"]
    assert ws["A1"].value == "Expertise-uren KPO, schooljaar 2016-2017"
    assert ws["A3"].value == "Contactpersoon: M. de Bruijn, m.debruijn@kpo.example"
    head = [c.value for c in ws[5]]
    assert head == ["Dienstverlener", "Verdeling (%)", "Jaaruren", "Gemiddeld per maand", "Gebruikt",
                    "Reserve toegekend", "Vervallen", "Over", "Benutting", "Overeenkomsten", "Afgesproken uren"]
    rows = [r for r in published() if r["bestuur"] == "KPO"]
    totals = [0, 0, 0, 0, 0]
    for r, row in enumerate(rows, start=6):
        pair = sums[("KPO", row["dienstverlener"])]
        values = [c.value for c in ws[r]]
        assert values[0] == row["dienstverlener"]
        assert values[1] == pytest.approx(0.26)
        assert values[2:4] == [int(row["jaaruren"]), int(row["per_maand"])]
        assert values[4] == pytest.approx(hours(pair.used))
        assert values[5] == pytest.approx(hours(pair.reserve))
        assert values[6] == pytest.approx(hours(pair.lapsed))
        assert values[8] == pytest.approx(
            ((200 * pair.used + int(row["jaaruren"]) * 60 + pair.reserve) // (2 * (int(row["jaaruren"]) * 60 +
                                                                                  pair.reserve))) / 100)
        assert values[9] == counts.get(("KPO", row["dienstverlener"]), 0)
        for k, v in enumerate((int(row["jaaruren"]), pair.used, pair.reserve, pair.lapsed)):
            totals[k] += v
    total = [c.value for c in ws[9]]
    assert total[0] == "Totaal" and ws["A9"].font.b
    assert total[2] == totals[0] == 1067
    assert total[4] == pytest.approx(hours(totals[1]))
    assert total[6] == pytest.approx(hours(totals[3]))
    assert ws["E6"].number_format == ("#,##0" if ws["E6"].value == int(ws["E6"].value) else "#,##0.00")
    assert ws["C6"].number_format == "#,##0"
    assert ws["I6"].number_format == "0%" and ws["B6"].number_format == "0%"
    assert ws.auto_filter.ref == "A5:K8"  # the total row stays out of the filter


def test_months_sheet_equals_the_budgets_csv(kpo, demo_figures) -> None:
    report, wb, _ = kpo
    sums, _ = demo_figures
    ws = wb["Per maand"]
    assert [c.value for c in ws[1]] == ["Dienstverlener", "Maand", "Maandbudget", "Reserve toegekend", "Gebruikt",
                                        "Vervallen", "Over", "Afgesloten", "Toelichting"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3 * 11
    for provider in ("Kameleon", "Mytyschool", "Driespan"):
        mine = [r for r in rows if r[0] == provider]
        assert len(mine) == 11
        assert sum(Decimal(str(r[4])) for r in mine) * 60 == sums[("KPO", provider)].used
        assert sum(Decimal(str(r[5])) for r in mine) * 60 == sums[("KPO", provider)].lapsed
        assert sum(Decimal(str(r[2])) for r in mine) * 60 == sums[("KPO", provider)].budget
    first = ws["B2"]
    assert first.value == dt.datetime(2016, 9, 1) and first.number_format == "[$-413]mmmm yyyy"
    march = next(r for r in rows if r[0] == "Driespan" and r[1] == dt.datetime(2017, 3, 1))
    assert march[3] == 12  # the demo's reserve grant
    assert march[8] == "Reserve: Extra begeleiding na instroom van twee leerlingen (demo)"
    assert {r[7] for r in rows} == {"ja", "nee"}


def test_agreements_sheet(kpo, demo_db) -> None:
    from models.services.agreements import AgreementFilter, list_agreements

    _, wb, _ = kpo
    ws = wb["Overeenkomsten"]
    with demo_db.read() as session:
        expected = list_agreements(session, AgreementFilter(YEAR, board="KPO"))
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    *rows, total = rows
    assert [r[0] for r in rows] == [a.number for a in expected]
    assert [c.value for c in ws[1]][5:8] == ["Afgesproken uren", "Gebruikt", "Over"]  # one word: UI.md
    assert total[:2] == ("Totaal", f"{len(expected)} overeenkomsten") and ws.cell(ws.max_row, 1).font.b
    assert total[5] * 60 == sum(a.minutes for a in expected)
    assert Decimal(str(total[6])) * 60 == sum(a.booked for a in expected)
    assert ws.auto_filter.ref == f"A1:O{ws.max_row - 1}"  # the total row stays out of the filter
    first, row = expected[0], rows[0]
    assert row[1:5] == (first.school, first.provider, first.kind.label, first.description)
    assert row[5] == first.minutes // 60 and row[6] == pytest.approx(first.booked / 60)
    assert row[8] == dt.datetime(first.first_month.year, first.first_month.month, 1)
    assert row[10] == first.status.value
    assert row[11].date() == first.reported_on
    assert ws["L2"].number_format == "d-m-yyyy"
    assert ws["E2"].alignment.wrap_text
    assert all(r[0].startswith("2016-") for r in rows)


def test_hours_show_as_on_screen_whole_without_decimals(kpo) -> None:
    """120 hours show as 120, not 120,00; 17,25 keeps its decimals (the screen shows 120 and 17,25)."""
    _, wb, _ = kpo
    found = {"#,##0": 0, "#,##0.00": 0}
    for ws in wb.worksheets:
        heads = [c.value for c in ws[5 if ws.title == "Samenvatting" else 1]]
        hour_columns = [i for i, h in enumerate(heads, start=1) if h in (
            "Maandbudget", "Reserve toegekend", "Gebruikt", "Vervallen", "Over", "Afgesproken uren")]
        for row in ws.iter_rows(min_row=2):
            for i in hour_columns:
                cell = row[i - 1]
                if isinstance(cell.value, (int, float)):
                    expected = "#,##0" if cell.value == int(cell.value) else "#,##0.00"
                    assert cell.number_format == expected, (ws.title, cell.coordinate, cell.value)
                    found[expected] += 1
    assert found["#,##0"] and found["#,##0.00"]
    agreements = wb["Overeenkomsten"]
    whole = next(c for c in agreements["F"][1:] if c.value == 120)
    assert whole.number_format == "#,##0"


def test_the_hours_format_of_a_cell_follows_its_value(tmp_path: Path) -> None:
    from exports.xlsxkit import hours as put_hours

    wb = openpyxl.Workbook()
    for row, minutes in enumerate((120 * 60, 17 * 60 + 15, 0, 20), start=1):
        put_hours(wb.active.cell(row, 1), minutes)
    wb.save(tmp_path / "hours.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "hours.xlsx").active
    assert [(c.value, c.number_format) for c in (ws["A1"], ws["A2"], ws["A3"])] == [
        (120, "#,##0"), (17.25, "#,##0.00"), (0, "#,##0")]
    assert ws["A4"].value == 0.33 and ws["A4"].number_format == "#,##0.00"  # 20 minutes: 0,33 as on screen


def test_no_pupil_references_in_the_board_workbook(kpo, demo_db) -> None:
    from models.services.agreements import AgreementFilter, list_agreements

    _, _, path = kpo
    with demo_db.read() as session:
        refs = {a.pupil_ref for a in list_agreements(session, AgreementFilter(YEAR, board="KPO")) if a.pupil_ref}
    assert refs
    parts = xlsx_parts(path)
    for ref in refs:
        assert f">{ref}<" not in parts


def test_hostile_text_never_becomes_a_formula(demo_db, tmp_path: Path) -> None:
    from sqlalchemy import select

    from models.orm import Agreement, Board, School

    hostile = {
        "board": "=HYPERLINK(\"http://x.example\",\"klik\")",
        "description": "+SUM(A1:A9)",
        "school": "-2+3",
        "contact": "@cmd|' /C calc'!A0",
    }
    with demo_db.write() as session:
        board = session.scalar(select(Board).where(Board.name == "OBO"))
        board.name, board.name_key = hostile["board"], hostile["board"].casefold()
        board.contact_person = hostile["contact"]
        agreements = session.scalars(select(Agreement).where(Agreement.board_id == board.id)).all()
        agreements[0].description = hostile["description"]
        agreements[1].description = "\rCR eerst"
        agreements[2].description = "bel\x07l en \x00nul"  # control characters no file format takes
        agreements[3].description = "\tTAB eerst"
        school = session.get(School, agreements[0].school_id)
        school.name = hostile["school"]
    with demo_db.read() as session:
        report = reports.board_report(session, YEAR, hostile["board"], TODAY)
    path = write_board_xlsx(report, tmp_path / "obo.xlsx")
    parts = xlsx_parts(path)
    assert "<f>" not in parts and "<f " not in parts
    wb = openpyxl.load_workbook(path)
    strings = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    strings[cell.value] = cell
    for value in (hostile["description"], hostile["school"]):
        cell = strings[value]
        assert cell.data_type == "s" and cell.quotePrefix
    title = strings[f"Expertise-uren {hostile['board']}, schooljaar 2016-2017"]
    assert title.data_type == "s"
    contact = next(c for v, c in strings.items() if v.startswith(f"Contactpersoon: {hostile['contact']}"))
    assert contact.data_type == "s"
    cr = next(c for v, c in strings.items() if v.endswith("CR eerst"))
    assert cr.quotePrefix and cr.value[0] in "\r\n"
    assert "bell en nul" in strings
    assert strings["\tTAB eerst"].quotePrefix
    assert wb.properties.title == f"Expertise-uren {hostile['board']} 2016-2017"


def test_file_names_and_the_whole_set(demo_db, tmp_path: Path) -> None:
    assert board_file_name("Kroevendonk / SPCO", YEAR) == "Kroevendonk - SPCO 2016-2017.xlsx"
    assert board_file_name('A:B*C?"D<E>F|G\\H', YEAR) == "A-B-C--D-E-F-G-H 2016-2017.xlsx"
    folder = tmp_path / "nieuw" / "map"
    (tmp_path / "nieuw").mkdir()
    with demo_db.read() as session:
        all_reports = reports.board_reports(session, YEAR, TODAY)
    folder.mkdir()
    (folder / "KPO 2016-2017.xlsx").write_text("oud en kapot")
    written = write_board_workbooks(all_reports, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        "KPO 2016-2017.xlsx", "OBO 2016-2017.xlsx", "Borgesius 2016-2017.xlsx", "De Waarden 2016-2017.xlsx",
        "Kroevendonk - SPCO 2016-2017.xlsx", "Zilverlinde - Pallas 2016-2017.xlsx"])
    assert len(written) == 6
    assert openpyxl.load_workbook(folder / "KPO 2016-2017.xlsx")["Samenvatting"]["A1"].value.startswith(
        "Expertise-uren KPO")


def test_same_file_name_is_refused_before_anything_is_written(demo_db, tmp_path: Path) -> None:
    with demo_db.read() as session:
        all_reports = reports.board_reports(session, YEAR, TODAY)
    from dataclasses import replace

    clash = [replace(all_reports[0], board="A/B"), replace(all_reports[1], board="a:b")]
    folder = tmp_path / "uit"
    with pytest.raises(Conflict, match="'A/B' en 'a:b' krijgen allebei de bestandsnaam"):
        write_board_workbooks(clash, folder)
    assert not folder.exists()


def test_cancelling_leaves_only_whole_files(demo_db, tmp_path: Path) -> None:
    with demo_db.read() as session:
        all_reports = reports.board_reports(session, YEAR, TODAY)
    seen = []

    def progress(done: int, total: int, board: str) -> bool:
        seen.append((done, total, board))
        return done < 2

    folder = tmp_path / "uit"
    written = write_board_workbooks(all_reports, folder, progress)
    assert [p.name for p in written] == ["KPO 2016-2017.xlsx", "OBO 2016-2017.xlsx"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)
    assert seen[-1] == (2, 6, "Borgesius")
    for path in written:
        openpyxl.load_workbook(path)


def test_during_the_year_lapsed_and_open_equal_the_budgets_csv(demo_db, demo_path: Path, tmp_path: Path) -> None:
    from .readback import budgets_csv

    today = dt.date(2017, 6, 15)
    sums = budgets_csv(demo_path, today)
    with demo_db.read() as session:
        report = reports.board_report(session, YEAR, "De Waarden", today)
    ws = openpyxl.load_workbook(write_board_xlsx(report, tmp_path / "dw.xlsx"))["Samenvatting"]
    for row in ws.iter_rows(min_row=6, max_row=8, values_only=True):
        pair = sums[("De Waarden", row[0])]
        assert Decimal(str(row[6])) * 60 == pair.lapsed
        assert Decimal(str(row[7])) * 60 == pair.open > 0


def test_wrapped_descriptions_get_rows_tall_enough(demo_db, tmp_path: Path) -> None:
    """A row with a description over several lines is as tall as its lines; a one-line row keeps Excel's height."""
    from sqlalchemy import select

    from models.orm import Agreement, Board

    long_text = " ".join(["abcde"] * 40)  # 7 words a line in the 44-wide column (43 characters of room): 6 lines
    with demo_db.write() as session:
        kpo = session.scalar(select(Board).where(Board.name == "KPO"))
        first, second = session.scalars(select(Agreement).where(Agreement.board_id == kpo.id)
                                         .order_by(Agreement.sequence)).all()[:2]
        first.description = long_text
        second.description = "Kort"
        numbers = first.number, second.number
    with demo_db.read() as session:
        report = reports.board_report(session, YEAR, "KPO", TODAY)
    ws = openpyxl.load_workbook(write_board_xlsx(report, tmp_path / "KPO.xlsx"))["Overeenkomsten"]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    assert ws.column_dimensions["E"].width == 44
    assert ws.row_dimensions[rows[numbers[0]]].height == 6 * 15
    assert ws.row_dimensions[rows[numbers[1]]].height is None


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("", 44, 1), ("kort", 44, 1), ("abcde " * 7, 44, 1), ("abcde " * 8, 44, 2),
    ("regel een\nregel twee", 44, 2), ("x" * 100, 44, 3), ("Reserve toegekend", 13.5, 2)])
def test_the_line_count_of_wrapped_text(text: str, width: float, lines: int) -> None:
    from exports.xlsxkit import _lines

    assert _lines(text.strip(), width) == lines


def test_the_summary_says_voorlopig_until_every_month_is_closed(demo_db, tmp_path: Path) -> None:
    from models.services import months

    def a2() -> str:
        with demo_db.read() as session:
            report = reports.board_report(session, YEAR, "KPO", TODAY)
        return openpyxl.load_workbook(write_board_xlsx(report, tmp_path / "KPO.xlsx"))["Samenvatting"]["A2"].value

    assert a2().split(" · ")[2] == "voorlopig"  # the demo closes September to May
    with demo_db.write() as session:
        for month in ("2017-06", "2017-07"):
            months.close(session, YEAR, month, TODAY)
    assert a2().split(" · ")[2] == "definitief"
