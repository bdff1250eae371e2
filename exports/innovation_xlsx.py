"""The exhaustion overview of the innovation budgets as a workbook: Uitputting (one row per
regionaal netwerk and theme, totals below), Ondersteuningsvragen, Betaallijst.

Money cells are exact: integer cents written as Decimal(cents) / 100 with a euro format, never a
float from arithmetic. User text is never a formula (xlsxkit.text).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from openpyxl.styles import Alignment

from models.domain import dutch
from models.services.innovation_report import NO_AMOUNT  # a word of the one rule; the module holds no database

from .innovation_pdf import NO_NETWORKS, NO_PAYMENTS, NO_QUESTIONS, SUPRA_EXPLANATION, TITLE, per_executor
from .xlsxkit import (
    BOLD, ITALIC, TITLE as TITLE_FONT, TOTAL_BORDER, TOTAL_FILL, Column, data_sheet, date, euros, new_workbook,
    percent, print_setup, save, text, whole,
)

if TYPE_CHECKING:  # plain data from the innovation report service; no database at run time
    from models.services.innovation_report import Exhaustion, InnovationReport, ThemeBudget

SHEETS = ("Uitputting", "Ondersteuningsvragen", "Betaallijst")
EXPLANATION_SHORT = ("Het bedrag dat geldt (de grondslag) staat vet. Vastgelegd: de bedragen van de uitvoerders van "
                     "alle ondersteuningsvragen die niet zijn ingetrokken, de betaalde inbegrepen. "
                     "Over = budget − vastgelegd.")


def write_innovation_xlsx(report: InnovationReport, path: Path) -> Path:
    """Write the workbook to `path` (atomically); returns the path."""
    wb = new_workbook(title=f"{TITLE} {report.year}", author=report.swv_name,
                      subject=f"Trekkingsrechten per regionaal netwerk, schooljaar {report.year}")
    ws = wb.active
    ws.title = SHEETS[0]
    _exhaustion(ws, report)
    _questions(wb.create_sheet(SHEETS[1]), report)
    _payments(wb.create_sheet(SHEETS[2]), report)
    for sheet in wb.worksheets:
        print_setup(sheet, left=f"{TITLE} {report.year} · {sheet.title}", right=report.swv_name)
    return save(wb, Path(path))


def _figure_puts(get: Callable[[Any], Exhaustion]) -> list[Callable[[Any, Any], Any]]:
    """Budget, vastgelegd, betaald, nog te betalen, over, vastgelegd %, stand of one row."""
    return [
        lambda c, r: euros(c, get(r).budget),
        lambda c, r: euros(c, get(r).committed),
        lambda c, r: euros(c, get(r).paid),
        lambda c, r: euros(c, get(r).open_commitments),
        lambda c, r: euros(c, get(r).left),
        lambda c, r: _percent(c, get(r).committed_percent),
        lambda c, r: text(c, get(r).state),
    ]


RIGHT = Alignment(horizontal="right")


def _no_amount(cell: Any) -> Any:
    """The dash the screen and the PDF show where there is no amount, right-aligned among the numbers."""
    text(cell, NO_AMOUNT).alignment = RIGHT
    return cell


def _percent(cell: Any, share: int | None) -> Any:
    return _no_amount(cell) if share is None else percent(cell, share)


def _amount(cell: Any, cents: int | None, in_force: bool) -> Any:
    """One of a theme's two amounts: the one in force (the budget) in bold, as on screen and in the PDF."""
    if cents is None:
        return _no_amount(cell)
    euros(cell, cents)
    if in_force:
        cell.font = BOLD
    return cell


FIGURE_HEADS = ("Budget", "Vastgelegd", "Betaald", "Nog te betalen", "Over", "Vastgelegd %", "Stand")


def _exhaustion(ws, report: InnovationReport) -> None:  # type: ignore[no-untyped-def]
    text(ws["A1"], f"{TITLE}, schooljaar {report.year}").font = TITLE_FONT
    text(ws["A2"], f"{report.swv_name} · afgedrukt op {dutch.date(report.printed_on)}")
    header = 5
    rows: list[tuple[str, ThemeBudget]] = [(n.network, t) for n in report.networks for t in n.themes]
    if not rows:
        text(ws["A3"], NO_NETWORKS.format(year=report.year))
    else:
        text(ws["A3"], EXPLANATION_SHORT).font = ITALIC
        if any(n.supra_regional for n in report.networks):
            text(ws["A4"], SUPRA_EXPLANATION).font = ITALIC
    puts = _figure_puts(lambda row: row[1].exhaustion)
    columns = [
        Column("Regionaal netwerk", lambda c, r: text(c, r[0])),
        Column("Thema", lambda c, r: text(c, r[1].theme)),
        Column("Grondslag", lambda c, r: text(c, r[1].basis)),
        Column("Vast bedrag", lambda c, r: _amount(c, r[1].entered, r[1].entered_in_force), width=15),
        Column("Per leerling", lambda c, r: _amount(c, r[1].computed, not r[1].entered_in_force), width=15),
        *(Column(head, put, width=None if head == "Stand" else 15) for head, put in zip(FIGURE_HEADS, puts)),
    ]
    total = report.total
    totals = None
    if rows:
        totals = [lambda c, r: text(c, "Totaal"), *([lambda c, r: c] * 4),
                  *(lambda c, r, put=put: put(c, None) for put in _figure_puts(lambda _: total))]
    data_sheet(ws, columns, rows, header_row=header, totals=totals)
    if not rows:
        return
    at = header + len(rows) + 3
    at = _block(ws, at, "Totaal per regionaal netwerk",
                [(n.network, n.total) for n in report.networks] + [("Totaal samenwerkingsverband", total)])
    _block(ws, at + 1, "Totaal per thema",
           list(zip(report.theme_names, report.totals_by_theme)) + [("Totaal", total)])


def _block(ws, row: int, title: str, lines: Sequence[tuple[str, Exhaustion]]) -> int:  # type: ignore[no-untyped-def]
    """A small totals table under the data: its title, a head, one row per line, the last in bold."""
    text(ws.cell(row, 1), title).font = BOLD
    row += 1
    for c, head in enumerate(FIGURE_HEADS, start=6):
        text(ws.cell(row, c), head).font = BOLD
    for i, (name, e) in enumerate(lines):
        row += 1
        last = i == len(lines) - 1
        cells = [text(ws.cell(row, 1), name)]
        cells += [put(ws.cell(row, c), e) for c, put in enumerate(_figure_puts(lambda x: x), start=6)]
        if last:
            for c in range(1, 13):
                cell = ws.cell(row, c)
                cell.font = BOLD
                cell.fill = TOTAL_FILL
                cell.border = TOTAL_BORDER
    return row + 1


def _questions(ws, report: InnovationReport) -> None:  # type: ignore[no-untyped-def]
    columns = [
        Column("Nummer", lambda c, q: text(c, q.number)),
        Column("Titel", lambda c, q: text(c, q.title), width=36, wrap=True),
        Column("Regionaal netwerk", lambda c, q: text(c, q.network)),
        Column("Thema", lambda c, q: text(c, q.theme)),
        Column("Status", lambda c, q: text(c, q.status)),
        Column("Ingediend", lambda c, q: date(c, q.submitted_on), width=11),
        Column("Scholen", lambda c, q: text(c, "\n".join(q.schools)), width=36, wrap=True),
        Column("Besturen", lambda c, q: text(c, ", ".join(q.boards)), width=28, wrap=True),
        Column("Uitvoerders", lambda c, q: text(c, "\n".join(
            f"{e.expert} ({e.kind}): {dutch.euros(e.amount)}" for e in q.executors)), width=44, wrap=True),
        Column("Bedrag", lambda c, q: euros(c, q.amount), width=15),
        Column("Verslag", lambda c, q: text(c, q.report_title), width=30, wrap=True),
        Column("Verslag ontvangen", lambda c, q: date(c, q.report_received_on), width=11),
        Column("In bibliotheek", lambda c, q: text(c, ("ja" if q.report_in_library else "nee") if q.report_title
                                                      else "")),
        Column("Betaald op", lambda c, q: date(c, q.paid_on), width=11),
    ]
    data_sheet(ws, columns, list(report.questions))
    if not report.questions:
        text(ws["A3"], NO_QUESTIONS.format(year=report.year)).font = ITALIC


def _per_executor(ws, row: int, report: InnovationReport) -> None:  # type: ignore[no-untyped-def]
    """Under the list: what each executor is to be paid in all (the payment order)."""
    text(ws.cell(row, 1), "Te betalen per uitvoerder").font = BOLD
    row += 1
    for c, head in ((1, "Uitvoerder"), (2, "Betalingen"), (7, "Bedrag")):
        text(ws.cell(row, c), head).font = BOLD
    for name, n, amount in per_executor(report.payments):
        row += 1
        text(ws.cell(row, 1), name)
        whole(ws.cell(row, 2), n)
        euros(ws.cell(row, 7), amount)


def _payments(ws, report: InnovationReport) -> None:  # type: ignore[no-untyped-def]
    columns = [
        Column("Uitvoerder", lambda c, p: text(c, p.expert)),
        Column("Nummer", lambda c, p: text(c, p.question_number)),
        Column("Ondersteuningsvraag", lambda c, p: text(c, p.question_title), width=36, wrap=True),
        Column("Regionaal netwerk", lambda c, p: text(c, p.network)),
        Column("Verslag", lambda c, p: text(c, p.report_title), width=30, wrap=True),
        Column("Verslag ontvangen", lambda c, p: date(c, p.report_received_on), width=11),
        Column("Bedrag", lambda c, p: euros(c, p.amount), width=15),
    ]
    if report.payments:
        totals = [lambda c, r: text(c, "Totaal te betalen"), *([lambda c, r: c] * 5),
                  lambda c, r: euros(c, report.payments_total)]
        data_sheet(ws, columns, list(report.payments), totals=totals)
        _per_executor(ws, len(report.payments) + 4, report)
    else:
        data_sheet(ws, columns, [])
        text(ws["A3"], NO_PAYMENTS).font = ITALIC
