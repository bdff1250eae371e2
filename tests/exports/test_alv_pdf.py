"""The ALV overview: read the PDF back and compare it with the published table and the `budgets` CSV."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.alv_pdf import write_alv_pdf
from models.services import reports
from tests.conftest import TODAY

from .readback import YEAR, dutch_hours, dutch_whole, find_in_order, pdf_pages, pdf_text, published, share, tokens


@pytest.fixture
def alv(demo_db, tmp_path: Path) -> tuple[reports.AlvReport, Path]:
    with demo_db.read() as session:
        report = reports.alv_report(session, YEAR, TODAY, swv_name="SWV PO 30-02")
    return report, write_alv_pdf(report, tmp_path / "alv.pdf")


def test_heading_pages_and_properties(alv) -> None:
    _, path = alv
    text = pdf_text(path)
    pages = pdf_pages(path)
    assert 2 <= pages <= 4
    assert text.startswith("ALV-overzicht expertise-uren SWV PO 30-02 Schooljaar 2016-2017 · afgedrukt op 15-1-2025")
    for number in range(1, pages + 1):
        assert f"pagina {number} van {pages}" in text
    meta = PdfReader(str(path)).metadata
    assert meta.title == "ALV-overzicht expertise-uren 2016-2017"
    assert meta.author == "SWV PO 30-02"
    assert PdfReader(str(path)).pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4 portrait


def test_every_board_and_provider_line_equals_the_published_table_and_the_budgets_csv(alv, demo_figures) -> None:
    _, path = alv
    sums, counts = demo_figures
    text = pdf_text(path)
    rows: list[str] = []
    board_rows: dict[str, list[dict[str, str]]] = {}
    for row in published():
        board_rows.setdefault(row["bestuur"], []).append(row)
    grand = [0, 0, 0, 0, 0, 0, 0]
    for board, lines in board_rows.items():
        name = "Zilverlinde / Pallas" if board.startswith("Zilverlinde") else board
        total = [0, 0, 0, 0, 0, 0]
        for i, row in enumerate(lines):
            pair = sums[(name, row["dienstverlener"])]
            yearly, per_month = int(row["jaaruren"]), int(row["per_maand"])
            count = counts.get((name, row["dienstverlener"]), 0)
            rows.append(tokens(name if i == 0 else "", row["dienstverlener"], dutch_whole(yearly), per_month,
                               dutch_hours(pair.used), dutch_hours(pair.reserve), dutch_hours(pair.lapsed),
                               share(pair.used, yearly * 60 + pair.reserve), count).strip())
            for k, v in enumerate((yearly, per_month, pair.used, pair.reserve, pair.lapsed, count)):
                total[k] += v
        rows.append(tokens(f"Totaal {name}", dutch_whole(total[0]), total[1], dutch_hours(total[2]),
                           dutch_hours(total[3]), dutch_hours(total[4]),
                           share(total[2], total[0] * 60 + total[3]), total[5]))
        grand = [g + t for g, t in zip(grand, total + [0])]
    rows.append(tokens("Totaal samenwerkingsverband", dutch_whole(grand[0]), grand[1], dutch_hours(grand[2]),
                       dutch_hours(grand[3]), dutch_hours(grand[4]), share(grand[2], grand[0] * 60 + grand[3]),
                       grand[5]))
    find_in_order(text, rows)
    assert "Totaal samenwerkingsverband 4.108 373" in text  # 737 + 1177 + 2194 handed out


def test_provider_totals_and_rounding_gap(alv, demo_figures) -> None:
    _, path = alv
    sums, _ = demo_figures
    text = pdf_text(path)
    for provider, contract, reserve, available, yearly in (
            ("Kameleon", "806", "70", "736", "737"), ("Mytyschool", "1.277", "100", "1.177", "1.177"),
            ("Driespan", "2.393", "200", "2.193", "2.194")):
        used = sum(s.used for (b, p), s in sums.items() if p == provider)
        granted = sum(s.reserve for (b, p), s in sums.items() if p == provider)
        lapsed = sum(s.lapsed for (b, p), s in sums.items() if p == provider)
        assert tokens(provider, contract, reserve, available, yearly, dutch_hours(used), dutch_hours(granted),
                      dutch_hours(lapsed)) in text
    assert "bij Kameleon tellen de jaaruren op tot 737, 1 uur meer dan de 736 beschikbare uren" in text
    assert "bij Driespan tellen de jaaruren op tot 2.194" in text


def test_months_used_versus_lapsed(alv, demo_figures) -> None:
    report, path = alv
    sums, _ = demo_figures
    text = pdf_text(path)
    used = sum(s.used for s in sums.values())
    lapsed = sum(s.lapsed for s in sums.values())
    assert report.total.used == used and report.total.lapsed == lapsed
    assert sum(m.used for m in report.month_totals) == used
    assert sum(m.lapsed for m in report.month_totals) == lapsed
    first = report.month_totals[0]
    assert tokens("september 2016", dutch_hours(first.budget), dutch_hours(first.reserve), dutch_hours(first.used),
                  dutch_hours(first.lapsed)) in text
    assert tokens("Totaal", "4.108", dutch_hours(sum(s.reserve for s in sums.values())), dutch_hours(used),
                  dutch_hours(lapsed)) in text
    # the charts: one for the SWV and one per provider, each with its legend in words
    assert text.count("vervallen (niet gebruikt)") == 4
    for provider in ("Kameleon", "Mytyschool", "Driespan"):
        assert f"Gebruik per maand bij {provider}" in text
    assert "mrt '17" in text and "maand loopt nog" not in text  # every month has ended


def test_no_pupil_references_or_descriptions(demo_db, alv) -> None:
    from models.services.agreements import AgreementFilter, list_agreements

    _, path = alv
    text = pdf_text(path)
    with demo_db.read() as session:
        rows = list_agreements(session, AgreementFilter(YEAR))
    refs = {r.pupil_ref for r in rows if r.pupil_ref}
    assert refs, "the demo year has pupil references to look for"
    for ref in refs:
        assert ref not in text
    for description in {r.description for r in rows}:
        assert description not in text
    assert "(demo)" not in text


def test_while_the_year_runs_open_hours_are_shown_apart(demo_db, tmp_path: Path) -> None:
    today = dt.date(2016, 12, 10)
    with demo_db.read() as session:
        report = reports.alv_report(session, YEAR, today)
    text = pdf_text(write_alv_pdf(report, tmp_path / "alv.pdf"))
    assert "Samenwerkingsverband Schooljaar 2016-2017 · afgedrukt op 10-12-2016" in text
    assert "over (maand loopt nog)" in text  # left is 'over', as on screen (UI.md, Words)
    assert "Reserve toegekend Gebruikt Vervallen Over Benutting Afgesloten" in text
    assert "nog open" not in text.casefold()
    assert report.total.left > 0
    # December has not ended and is closed in the demo: closed months lapse too
    december = next(m for m in report.month_totals if m.month.month == 12)
    assert december.closed and december.left == 0


def rename(db, model, name: str, new_name: str) -> None:  # type: ignore[no-untyped-def]
    """A board or provider renamed straight in the database (also to what the app's own forms would refuse)."""
    from sqlalchemy import select

    with db.write() as session:
        row = session.scalar(select(model).where(model.name == name))
        row.name = new_name
        row.name_key = new_name.casefold()


def test_hostile_names_print_as_written(demo_db, tmp_path: Path) -> None:
    from models.orm import Board

    hostile = "<b>Vet</b> & <font size=40>Groot</font> <img src='x.png'/>"
    rename(demo_db, Board, "OBO", hostile)
    with demo_db.read() as session:
        report = reports.alv_report(session, YEAR, TODAY, swv_name="SWV & <i>Co</i>")
    text = pdf_text(write_alv_pdf(report, tmp_path / "alv.pdf"))
    assert hostile.replace("'", "'") in text
    assert f"Totaal {hostile}" in text
    assert text.startswith("ALV-overzicht expertise-uren SWV & <i>Co</i>")


def test_during_the_year_the_figures_equal_the_budgets_csv_of_that_day(demo_db, demo_path: Path,
                                                                        tmp_path: Path) -> None:
    from .readback import budgets_csv

    today = dt.date(2017, 6, 15)  # June runs, July has not begun; the demo closed up to May
    sums = budgets_csv(demo_path, today)
    with demo_db.read() as session:
        report = reports.alv_report(session, YEAR, today)
    for section in report.boards:
        for line in section.lines:
            pair = sums[(section.board, line.provider)]
            f = line.figures
            assert (f.used, f.reserve, f.lapsed, f.left) == (pair.used, pair.reserve, pair.lapsed, pair.open)
    open_total = sum(s.open for s in sums.values())
    assert open_total > 0 and report.total.left == open_total
    text = pdf_text(write_alv_pdf(report, tmp_path / "alv.pdf"))
    assert tokens("Totaal", "4.108", dutch_hours(report.total.reserve), dutch_hours(report.total.used),
                  dutch_hours(sum(s.lapsed for s in sums.values())), dutch_hours(open_total)) in text


def test_the_heading_says_voorlopig_until_every_month_is_closed(demo_db, tmp_path: Path) -> None:
    """DOMAIN.md point 13: an overview printed while months of its year are open is provisional."""
    from models.services import months

    def heading() -> str:
        with demo_db.read() as session:
            report = reports.alv_report(session, YEAR, TODAY)
        return pdf_text(write_alv_pdf(report, tmp_path / "alv.pdf"))[:120]

    assert "Schooljaar 2016-2017 · afgedrukt op 15-1-2025 · voorlopig" in heading()  # June and July are open
    with demo_db.write() as session:
        months.close(session, YEAR, "2017-06", TODAY)
    assert "· voorlopig" in heading()
    with demo_db.write() as session:
        months.close(session, YEAR, "2017-07", TODAY)
    assert "Schooljaar 2016-2017 · afgedrukt op 15-1-2025 · definitief" in heading()


def test_verloop_over_de_jaren_from_the_history(empty_db, tmp_path: Path) -> None:
    """With earlier years the overview ends with 'Verloop over de jaren': the use per board and year, then each
    year's figures, the same as the `history` CSV; a year with no earlier one has no such section."""
    from models.services import history
    from tests.services.helpers import NEXT_YEAR, two_years

    today = dt.date(2018, 1, 15)
    two_years(empty_db)
    with empty_db.read() as session:
        first = reports.alv_report(session, YEAR, today)
        later = reports.alv_report(session, NEXT_YEAR, today)
        rows = history.history(session, today)
    assert first.history == () and "Verloop" not in pdf_text(write_alv_pdf(first, tmp_path / "eerste.pdf"))
    assert [y.year for y in later.history] == [YEAR, NEXT_YEAR]
    # The earlier year's figures, summed without its month rows, are its own overview's, to the minute.
    assert (later.history[0].boards, later.history[0].total) == (first.boards, first.total)
    text = pdf_text(write_alv_pdf(later, tmp_path / "later.pdf"))
    section = text[text.index("Verloop over de jaren"):]
    assert tokens("Benutting", YEAR, "definitief", NEXT_YEAR, "voorlopig") in section
    # Per board and year: jaaruren, reserve, gebruikt, vervallen, benutting, as the history rows add up.
    for board in ("KPO", "OBO"):
        for year in (YEAR, NEXT_YEAR):
            own = [r.figures for r in rows if (r.board, r.year) == (board, year)]
            total = reports.total(own)
            status = "definitief" if year == YEAR else "voorlopig"
            assert tokens(year, status, dutch_whole(total.yearly_hours), dutch_hours(total.reserve),
                          dutch_hours(total.used), dutch_hours(total.lapsed), f"{total.utilisation} %") in section


def test_a_long_provider_name_stays_on_one_line(demo_db, tmp_path: Path) -> None:
    """The provider column widens to its longest name (within bounds): 'Expertisecentrum Oss' is not broken
    within a word or over two lines on each of the board table's rows."""
    from models.orm import Provider

    long_name = "Expertisecentrum Oss"
    rename(demo_db, Provider, "Kameleon", long_name)
    with demo_db.read() as session:
        report = reports.alv_report(session, YEAR, TODAY)
    reader = PdfReader(str(write_alv_pdf(report, tmp_path / "alv.pdf")))
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()]
    board_table = lines[:next(i for i, line in enumerate(lines) if line.startswith("Per dienstverlener"))]
    assert sum(long_name in line for line in board_table) == len(report.boards)


def test_a_closed_month_is_closed_in_a_year_without_boards(demo_db, tmp_path: Path) -> None:
    """The month lines say whether the month is closed or ended, also when no board takes part in the year yet
    (the ALV's month table says 'ja' for a closed month, not only where a pair has rows)."""
    from models.orm import SchoolYear
    from models.services import months

    with demo_db.write() as session:
        session.add(SchoolYear(label="2017-2018", first_month="2017-09", last_month="2018-07"))
    today = dt.date(2017, 10, 5)
    with demo_db.write() as session:
        months.close(session, "2017-2018", "2017-09", today)
    with demo_db.read() as session:
        report = reports.alv_report(session, "2017-2018", today)
    assert [(str(m.month), m.closed, m.ended) for m in report.month_totals[:3]] == [
        ("2017-09", True, True), ("2017-10", False, False), ("2017-11", False, False)]
    assert report.boards == () and report.total == reports.Figures()
