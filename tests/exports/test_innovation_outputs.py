"""The exhaustion overview of the innovation budgets (PDF and XLSX), written from plain report data
and read back: pypdf for the PDF text, openpyxl for the cells, formats and sheet set-up."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from exports.innovation_pdf import write_innovation_pdf
from exports.innovation_xlsx import SHEETS, write_innovation_xlsx
from models.services.innovation_report import (
    BASIS_ENTERED, BASIS_PER_PUPIL, Exhaustion, ExecutorLine, InnovationReport, NetworkExhaustion, PaymentLine,
    QuestionLine, ThemeBudget,
)

from .readback import find_in_order, pdf_pages, pdf_text, xlsx_parts

YEAR = "2019-2020"
PRINTED = dt.date(2020, 3, 16)
THEMES = ("Innovatie", "Gedrag", "Hoogbegaafdheid")
HOSTILE_TITLE = '=HYPERLINK("http://evil.example","klik")'
HOSTILE_TEXT = "<b>vet</b> & <font size=40>groot</font>"


def dutch_euros(cents: int) -> str:
    """Independent of the code under test: 2800000 -> '€ 28.000,00'."""
    whole, frac = divmod(abs(cents), 100)
    return f"€ {'-' if cents < 0 else ''}{whole:,}".replace(",", ".") + f",{frac:02d}"


def _q(number: str, title: str, network: str, theme: str, status: str, executors: list[tuple[str, str, int]],
       *, report: str = "", received: dt.date | None = None, paid: dt.date | None = None,
       schools: tuple[str, ...] = ("De Regenboog (Stichting Primo)", "Het Kompas (Stichting Veldvest)"),
       ) -> QuestionLine:
    boards = tuple(sorted({s[s.index("(") + 1:-1] for s in schools}))
    return QuestionLine(number, title, network, theme, status, dt.date(2019, 10, 1), schools, boards,
                        tuple(ExecutorLine(e, k, a) for e, k, a in executors), report, received, paid)


QUESTIONS = (
    _q("2019-I01", "Samen lezen in de onderbouw", "Noord", "Innovatie", "betaald",
       [("SBO De Linde", "SBO", 400000), ("Expertisecentrum Kompas", "SO", 350000)],
       report="Eindverslag samen lezen", received=dt.date(2020, 1, 20), paid=dt.date(2020, 2, 3)),
    _q("2019-I02", "Rustige klas: gedragsaanpak groep 5-8", "Noord", "Gedrag", "verslag ontvangen",
       [("Expertisecentrum Kompas", "SO", 600000), ("J. Visser", "regulier", 225000)],
       report="Verslag rustige klas", received=dt.date(2020, 2, 28)),
    _q("2019-I03", "Plusklas over schoolgrenzen", "Noord", "Hoogbegaafdheid", "lopend",
       [("Talentlab", "regulier", 400000), ("SBO De Linde", "SBO", 325000)]),
    _q("2019-I04", "Overstap naar het VO", "Midden", "Innovatie", "lopend",
       [("Stedelijk College", "VO", 500000), ("SBO De Linde", "SBO", 500000)]),
    _q("2019-I05", "Jonge kind en taal", "Midden", "Innovatie", "ingediend",
       [("Peuterspeelzaal Hummel", "voorschool", 250000), ("J. Visser", "regulier", 250000)]),
    _q("2019-I06", "Gedrag in beeld", "Midden", "Gedrag", "ingetrokken",
       [("Expertisecentrum Kompas", "SO", 800000), ("Talentlab", "regulier", 400000)]),
    _q("2019-I07", HOSTILE_TITLE, "Zuid & Oost", "Gedrag", "verslag ontvangen",
       [(HOSTILE_TEXT, "SO", 750000), ("Expertisecentrum Kompas", "SO", 900000)],
       report=HOSTILE_TEXT, received=dt.date(2020, 3, 2),
       schools=("De Esch (Stichting Primo)", "'t Startblok (Stichting Veldvest)", "Op Dreef (SKO)")),
    _q("2019-I08", "Hoogbegaafdheid: uitdagen in de klas", "Zuid & Oost", "Hoogbegaafdheid", "betaald",
       [("Talentlab", "regulier", 300000), ("J. Visser", "regulier", 199999)],
       report="Uitdagen: eindverslag", received=dt.date(2020, 1, 6), paid=dt.date(2020, 1, 31)),
)

NETWORKS = (  # name, schools, pupils, {theme: (entered, computed, basis)}
    ("Noord", 9, 1530, {"Innovatie": (2800000, 2799900, BASIS_ENTERED)}),
    ("Midden", 12, 2104, {"Innovatie": (2800000, 3850320, BASIS_PER_PUPIL)}),
    ("Zuid & Oost", 6, 987, {"Innovatie": (2800000, 1806210, BASIS_ENTERED)}),
)
DEFAULTS = {"Innovatie": (2800000, None, BASIS_ENTERED), "Gedrag": (1800000, None, BASIS_ENTERED),
            "Hoogbegaafdheid": (600000, None, BASIS_ENTERED)}


def exhaustion(network: str, theme: str, budget: int) -> Exhaustion:
    lines = [q for q in QUESTIONS if q.network == network and q.theme == theme and q.status != "ingetrokken"]
    committed = sum(q.amount for q in lines)
    paid = sum(q.amount for q in lines if q.status == "betaald")
    return Exhaustion(budget, committed, paid, budget - committed)


def build_report() -> InnovationReport:
    networks = []
    for name, schools, pupils, special in NETWORKS:
        themes = []
        for theme in THEMES:
            entered, computed, basis = special.get(theme, DEFAULTS[theme])
            budget = computed if basis == BASIS_PER_PUPIL else entered
            themes.append(ThemeBudget(theme, entered, computed, basis, exhaustion(name, theme, budget)))
        questions = sum(1 for q in QUESTIONS if q.network == name and q.status != "ingetrokken")
        networks.append(NetworkExhaustion(name, pupils, schools, tuple(themes), questions))
    payments = tuple(PaymentLine(e.expert, q.number, q.title, q.network, q.report_title, q.report_received_on, e.amount)
                     for q in QUESTIONS if q.status == "verslag ontvangen" for e in q.executors)
    return InnovationReport("SWV SENtrum", YEAR, PRINTED, THEMES, tuple(networks), QUESTIONS, payments)


EMPTY = InnovationReport("SWV SENtrum", YEAR, PRINTED, THEMES, (), (), ())


@pytest.fixture(scope="module")
def report() -> InnovationReport:
    return build_report()


@pytest.fixture(scope="module")
def pdf(report: InnovationReport, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = write_innovation_pdf(report, tmp_path_factory.mktemp("pdf") / "uitputting.pdf")
    return path, pdf_text(path)


@pytest.fixture(scope="module")
def workbook(report: InnovationReport, tmp_path_factory: pytest.TempPathFactory):
    path = write_innovation_xlsx(report, tmp_path_factory.mktemp("xlsx") / "uitputting.xlsx")
    return path, openpyxl.load_workbook(path)


def test_the_fixture_is_what_the_tests_say() -> None:
    report = build_report()
    assert {q.status for q in report.questions} == {"ingediend", "lopend", "verslag ontvangen", "betaald",
                                                   "ingetrokken"}
    assert report.payments_total == 2475000
    noord = report.networks[0]
    assert noord.themes[2].exhaustion.left == -125000  # plusklas: 7.250 on a budget of 6.000


# ---------------------------------------------------------------- PDF

def test_pdf_heading_pages_and_properties(pdf) -> None:
    path, text = pdf
    pages = pdf_pages(path)
    assert 2 <= pages <= 5
    assert text.startswith("Uitputting innovatiebudgetten 2019-2020 SWV SENtrum Schooljaar 2019-2020 · "
                           "afgedrukt op 16-3-2020")
    for number in range(1, pages + 1):
        assert f"pagina {number} van {pages}" in text
    reader = PdfReader(str(path))
    assert reader.metadata.title == "Uitputting innovatiebudgetten 2019-2020"
    assert reader.metadata.author == "SWV SENtrum"
    first = reader.pages[0].mediabox
    assert first.width > first.height  # A4 landscape
    assert float(first.width) == pytest.approx(841.89, abs=0.1)


def test_pdf_sections_in_order(pdf) -> None:
    _, text = pdf
    find_in_order(text, ["Totaal per regionaal netwerk", "Totaal per thema", "Regionaal netwerk Noord",
                         "Regionaal netwerk Midden", "Regionaal netwerk Zuid & Oost", "Ondersteuningsvragen",
                         "Betaallijst"])


def test_pdf_network_tables_show_both_amounts_the_basis_and_the_figures(pdf, report) -> None:
    _, text = pdf
    # Midden: entered 28.000, per pupil 38.503,20 in force; 10.000 + 5.000 committed, nothing paid
    find_in_order(text, ["Regionaal netwerk Midden", "12 scholen · 2.104 leerlingen · 2 ondersteuningsvragen",
                         "Innovatie per leerling € 28.000,00 € 38.503,20 € 38.503,20 € 15.000,00 € 0,00 "
                         "€ 23.503,20 39 % binnen budget",
                         "Gedrag vast bedrag € 18.000,00 — € 18.000,00 € 0,00 € 0,00 € 18.000,00 0 % binnen budget"])
    # Noord: the innovation budget entered (28.000) is in force, beside 27.999 per pupil; 7.500 paid
    find_in_order(text, ["Regionaal netwerk Noord",
                         "Innovatie vast bedrag € 28.000,00 € 27.999,00 € 28.000,00 € 7.500,00 € 7.500,00 "
                         "€ 20.500,00 27 % binnen budget"])
    noord = report.networks[0].total
    find_in_order(text, ["Regionaal netwerk Noord", "Totaal Noord " + " ".join(dutch_euros(v) for v in (
        noord.budget, noord.committed, noord.paid, noord.left))])


def test_pdf_over_budget_and_nearly_used_up_in_words(pdf) -> None:
    _, text = pdf
    assert ("Let op: bij Noord, thema Hoogbegaafdheid, is € 1.250,00 meer vastgelegd dan het budget van "
            "€ 6.000,00 (over budget).") in text
    find_in_order(text, ["Regionaal netwerk Noord", "Hoogbegaafdheid vast bedrag € 6.000,00 — € 6.000,00 "
                         "€ 7.250,00 € 0,00 € -1.250,00 121 % over budget"])
    find_in_order(text, ["Regionaal netwerk Zuid & Oost", "Gedrag vast bedrag € 18.000,00 — € 18.000,00 "
                         "€ 16.500,00 € 0,00 € 1.500,00 92 % bijna op"])


def test_pdf_totals_over_networks(pdf, report) -> None:
    _, text = pdf
    total = report.total
    assert total.budget == 3 * 2800000 + 3850320 - 2800000 + 3 * 1800000 + 3 * 600000
    find_in_order(text, ["Totaal per regionaal netwerk", "Totaal samenwerkingsverband 27 4.621 7 " + " ".join(
        dutch_euros(v) for v in (total.budget, total.committed, total.paid, total.committed - total.paid,
                                 total.left))])
    find_in_order(text, ["Totaal per thema", "Hoogbegaafdheid € 18.000,00 € 12.249,99 € 4.999,99 € 7.250,00 "
                         "€ 5.750,01"])


def test_pdf_questions_list_every_status_with_schools_and_executors(pdf) -> None:
    _, text = pdf
    find_in_order(text, ["Ondersteuningsvragen", "8 ondersteuningsvragen, waarvan 1 ingediend, 2 lopend, "
                         "2 verslag ontvangen, 2 betaald, 1 ingetrokken",
                         "2019-I01", "Samen lezen in de onderbouw", "betaald op 3-2-2020",
                         "De Regenboog (Stichting Primo)", "SBO De Linde (SBO) € 4.000,00",
                         "Expertisecentrum Kompas (SO) € 3.500,00", "€ 7.500,00",
                         "2019-I02", "verslag ontvangen op 28-2-2020",
                         "2019-I05", "ingediend", "Peuterspeelzaal Hummel (voorschool) € 2.500,00",
                         "2019-I06", "ingetrokken", "(€ 12.000,00)",
                         "2019-I07", "Op Dreef (SKO)", "3 besturen",
                         "Totaal vastgelegd (zonder ingetrokken vragen) € 59.499,99"])


def test_pdf_payment_list_and_its_total(pdf) -> None:
    _, text = pdf
    at = text.index("Betaallijst")
    payments = text[at:]
    find_in_order(payments, ["Expertisecentrum Kompas", "2019-I02 Rustige klas", "Verslag rustige klas",
                             "28-2-2020", "€ 6.000,00", "J. Visser", "€ 2.250,00", "Expertisecentrum Kompas",
                             "2-3-2020", "€ 9.000,00", "Totaal te betalen (4 betalingen) € 24.750,00"])


def test_pdf_payment_list_holds_nothing_already_paid_or_not_yet_reported(pdf) -> None:
    _, text = pdf
    payments = text[text.index("Betaallijst"):]
    for absent in ("Samen lezen", "Uitdagen: eindverslag", "Plusklas", "Jonge kind", "Gedrag in beeld",
                   "Talentlab", "SBO De Linde", "€ 4.000,00"):
        assert absent not in payments


def test_pdf_hostile_text_prints_as_written(pdf) -> None:
    _, text = pdf
    assert HOSTILE_TITLE in text
    assert "<b>vet</b> & <font size=40>groot</font>" in text


def test_pdf_empty_report_says_so(tmp_path: Path) -> None:
    path = write_innovation_pdf(EMPTY, tmp_path / "leeg.pdf")
    text = pdf_text(path)
    assert pdf_pages(path) == 1
    assert ("Voor schooljaar 2019-2020 zijn nog geen regionale netwerken met een innovatiebudget vastgelegd"
            in text)
    assert "In schooljaar 2019-2020 zijn nog geen ondersteuningsvragen ingediend." in text
    assert "Er zijn geen verslagen ontvangen die nog betaald moeten worden." in text
    assert "Totaal samenwerkingsverband" not in text and "€" not in text
    assert "pagina 1 van 1" in text


# ---------------------------------------------------------------- XLSX

def cents(value: object) -> int:
    """A money cell read back: exactly whole cents (a float's shortest repr is its decimal text)."""
    amount = Decimal(str(value)) * 100
    assert amount == amount.to_integral_value(), value
    return int(amount)


def test_xlsx_sheets_setup_and_properties(workbook) -> None:
    _, wb = workbook
    assert wb.sheetnames == list(SHEETS) == ["Uitputting", "Ondersteuningsvragen", "Betaallijst"]
    header = {"Uitputting": 5, "Ondersteuningsvragen": 1, "Betaallijst": 1}
    for ws in wb.worksheets:
        h = header[ws.title]
        assert ws.freeze_panes == f"A{h + 1}"
        assert ws.auto_filter.ref.startswith(f"A{h}:")
        assert ws.print_title_rows == f"${h}:${h}"
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert "pagina &P van &N" in ws.oddFooter.right.text
        assert ws.cell(h, 1).font.b
    assert wb.properties.title == "Uitputting innovatiebudgetten 2019-2020"
    assert wb.properties.creator == "SWV SENtrum"
    assert "2019-2020" in wb.properties.subject


def test_xlsx_exhaustion_rows_are_exact_numbers_in_euro_format(workbook, report) -> None:
    _, wb = workbook
    ws = wb["Uitputting"]
    assert ws["A1"].value == "Uitputting innovatiebudgetten, schooljaar 2019-2020"
    head = [c.value for c in ws[5]]
    assert head == ["Regionaal netwerk", "Thema", "Grondslag", "Vast bedrag", "Per leerling", "Budget",
                    "Vastgelegd", "Betaald", "Nog te betalen", "Over", "Vastgelegd %", "Stand"]
    r = 6
    for network in report.networks:
        for theme in network.themes:
            row = [c for c in ws[r]]
            assert [row[0].value, row[1].value, row[2].value] == [network.network, theme.theme, theme.basis]
            assert cents(row[3].value) == theme.entered
            if theme.computed is None:  # the dash the screen and the PDF show
                assert row[4].value == "—" and row[4].alignment.horizontal == "right"
            else:
                assert cents(row[4].value) == theme.computed
            in_force = row[4] if theme.basis == BASIS_PER_PUPIL else row[3]  # bold, as on screen and in the PDF
            assert [c.font.b for c in row[3:5]] == [c is in_force for c in row[3:5]]
            assert row[11].value == theme.exhaustion.state
            e = theme.exhaustion
            assert [cents(c.value) for c in row[5:10]] == [e.budget, e.committed, e.paid, e.committed - e.paid,
                                                           e.left]
            for cell in (c for c in row[3:10] if c.value != "—"):
                assert "€" in cell.number_format and "#,##0.00" in cell.number_format
            r += 1
    assert ws["L8"].value == "over budget"  # Noord, Hoogbegaafdheid
    assert Decimal(str(ws["K8"].value)) == Decimal("1.21")  # 7.250 of 6.000
    assert ws["J8"].value == -1250
    total = [c.value for c in ws[r]]
    assert total[0] == "Totaal" and ws.cell(r, 1).font.b
    t = report.total
    assert [cents(v) for v in total[5:10]] == [t.budget, t.committed, t.paid, t.committed - t.paid, t.left]
    assert ws.auto_filter.ref == f"A5:L{r - 1}"  # the total stays out of the filter


def test_xlsx_totals_per_network_and_per_theme_below(workbook, report) -> None:
    _, wb = workbook
    ws = wb["Uitputting"]
    labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    assert "Totaal per regionaal netwerk" in labels and "Totaal per thema" in labels
    for network in report.networks:
        r = next(r for r in range(labels["Totaal per regionaal netwerk"], ws.max_row + 1)
                 if ws.cell(r, 1).value == network.network)
        e = network.total
        assert [cents(ws.cell(r, c).value) for c in range(6, 11)] == [e.budget, e.committed, e.paid,
                                                                      e.committed - e.paid, e.left]
    for name, e in zip(report.theme_names, report.totals_by_theme):
        r = next(r for r in range(labels["Totaal per thema"], ws.max_row + 1) if ws.cell(r, 1).value == name)
        assert [cents(ws.cell(r, c).value) for c in range(6, 11)] == [e.budget, e.committed, e.paid,
                                                                      e.committed - e.paid, e.left]


def test_xlsx_questions_sheet(workbook, report) -> None:
    _, wb = workbook
    ws = wb["Ondersteuningsvragen"]
    head = [c.value for c in ws[1]]
    assert head[:6] == ["Nummer", "Titel", "Regionaal netwerk", "Thema", "Status", "Ingediend"]
    assert ws.max_row == 1 + len(report.questions)
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    r = rows["2019-I08"]
    col = {name: i for i, name in enumerate(head, start=1)}
    assert ws.cell(r, col["Status"]).value == "betaald"
    assert ws.cell(r, col["Betaald op"]).value == dt.datetime(2020, 1, 31)
    assert ws.cell(r, col["Betaald op"]).number_format == "d-m-yyyy"
    assert cents(ws.cell(r, col["Bedrag"]).value) == 499999
    assert "J. Visser (regulier): € 1.999,99" in ws.cell(r, col["Uitvoerders"]).value
    assert ws.cell(rows["2019-I07"], col["Besturen"]).value == "SKO, Stichting Primo, Stichting Veldvest"


def test_xlsx_payment_list_and_total(workbook, report) -> None:
    _, wb = workbook
    ws = wb["Betaallijst"]
    assert [c.value for c in ws[1]] == ["Uitvoerder", "Nummer", "Ondersteuningsvraag", "Regionaal netwerk",
                                        "Verslag", "Verslag ontvangen", "Bedrag"]
    for r, line in enumerate(report.payments, start=2):
        assert ws.cell(r, 1).value == line.expert
        assert ws.cell(r, 6).value == dt.datetime.combine(line.report_received_on, dt.time())
        assert cents(ws.cell(r, 7).value) == line.amount
    r = 2 + len(report.payments)
    assert ws.cell(r, 1).value == "Totaal te betalen"
    assert cents(ws.cell(r, 7).value) == 2475000
    assert "€" in ws.cell(r, 7).number_format


def test_xlsx_hostile_text_stays_text(workbook) -> None:
    path, wb = workbook
    ws = wb["Ondersteuningsvragen"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == HOSTILE_TITLE]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    ws = wb["Betaallijst"]
    assert any(c.value == HOSTILE_TEXT for row in ws.iter_rows() for c in row)
    assert "<f>" not in xlsx_parts(path)  # no formula anywhere


def test_xlsx_empty_report(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_innovation_xlsx(EMPTY, tmp_path / "leeg.xlsx"))
    assert wb.sheetnames == list(SHEETS)
    values = [c.value for row in wb["Uitputting"].iter_rows() for c in row if c.value is not None]
    assert any("nog geen regionale netwerken" in str(v) for v in values)
    assert wb["Betaallijst"].max_row <= 3


def test_pdf_a_question_taller_than_a_page_breaks_over_pages(tmp_path: Path) -> None:
    """Many schools and executors with long names: the row breaks over pages instead of failing."""
    import dataclasses

    big = _q("2019-I99", "Lange titel " * 16, "Noord", "Gedrag", "lopend",
             [(f"Uitvoerder {i} met een lange naam B.V.", "regulier", 100000 + i) for i in range(25)],
             schools=tuple(f"Basisschool {i} met een lange naam (Stichting {i % 4})" for i in range(30)))
    report = dataclasses.replace(build_report(), questions=QUESTIONS + (big,))
    path = write_innovation_pdf(report, tmp_path / "lang.pdf")
    text = pdf_text(path)
    pages = pdf_pages(path)
    assert f"pagina {pages} van {pages}" in text
    find_in_order(text, ["2019-I99", "Basisschool 29 met een lange naam (Stichting 1)",
                         "Uitvoerder 24 met een lange naam B.V. (regulier) € 1.000,24"])


def test_payments_summed_per_executor(pdf, workbook) -> None:
    _, text = pdf
    find_in_order(text[text.index("Te betalen per uitvoerder"):], [
        "Uitvoerder Betalingen Bedrag", "Expertisecentrum Kompas 2 € 15.000,00", "J. Visser 1 € 2.250,00",
        f"{HOSTILE_TEXT} 1 € 7.500,00", "Totaal te betalen 4 € 24.750,00"])
    _, wb = workbook
    ws = wb["Betaallijst"]
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Te betalen per uitvoerder")
    lines = [(ws.cell(r, 1).value, ws.cell(r, 2).value, cents(ws.cell(r, 7).value))
             for r in range(start + 2, ws.max_row + 1)]
    assert lines == [("Expertisecentrum Kompas", 2, 1500000), ("J. Visser", 1, 225000), (HOSTILE_TEXT, 1, 750000)]
