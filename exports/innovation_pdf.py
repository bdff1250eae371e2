"""The exhaustion overview of the innovation budgets (PDF, A4 landscape): per regionaal netwerk
the trekkingsrechten per theme (budget, vastgelegd, betaald, over), the totals over the networks,
the ondersteuningsvragen of the year, and the Betaallijst: reports received, not yet paid.

Over-spent budgets show in words ('over budget') as well as bold in a box, so the paper reads in
black and white. Every user text goes through `para`/`safe_text.markup` (escaped).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from models.domain import dutch
from models.services.innovation_report import NO_AMOUNT  # a word of the one rule; the module holds no database

from . import safe_text
from .pdfkit import (
    BOLD, frame_width, heads, mark_cells, para, rich, split_tall_rows, table, title_block, widths, write_pdf,
)

if TYPE_CHECKING:  # plain data from the innovation report service; no database at run time
    from models.services.innovation_report import (
        Exhaustion, InnovationReport, NetworkExhaustion, PaymentLine, QuestionLine,
    )

TITLE = "Uitputting innovatiebudgetten"
WITHDRAWN = "ingetrokken"  # models.services.innovation_report.INGETROKKEN

EXPLANATION = (
    "Per regionaal netwerk de trekkingsrechten per thema: het budget (een vast bedrag voor het netwerk of een "
    "bedrag per leerling; waar beide bestaan staan beide er, de grondslag zegt welke geldt en dat bedrag staat "
    "vet), wat daarvan is vastgelegd in ondersteuningsvragen, wat al is betaald en wat er over is. Vastgelegd telt "
    "de bedragen van de uitvoerders van alle vragen die niet zijn ingetrokken, de betaalde inbegrepen. "
    "Over = budget − vastgelegd. Stand: 'binnen budget', 'bijna op' vanaf 90 % vastgelegd, 'op' of 'over budget'.")

SUPRA_EXPLANATION = ("Bovenregionaal: het aparte budget voor ondersteuningsvragen van scholen uit meer dan één "
                     "regionaal netwerk; het hoort bij geen netwerk en staat als eigen regel naast de netwerken.")

NO_NETWORKS = ("Voor schooljaar {year} zijn nog geen regionale netwerken met een innovatiebudget vastgelegd; "
               "er is dus nog niets uit te putten.")
NO_QUESTIONS = "In schooljaar {year} zijn nog geen ondersteuningsvragen ingediend."
NO_PAYMENTS = "Er zijn geen verslagen ontvangen die nog betaald moeten worden."


def write_innovation_pdf(report: InnovationReport, path: Path) -> Path:
    """Write the exhaustion overview and payment list to `path` (atomically); returns the path."""
    running = f"{TITLE} {report.year} · {report.swv_name}"
    return write_pdf(Path(path), story(report), title=f"{TITLE} {report.year}", author=report.swv_name,
                     subject=f"Trekkingsrechten per regionaal netwerk, schooljaar {report.year}", running=running,
                     printed_on=report.printed_on, wide=True)


def story(report: InnovationReport) -> list[Flowable]:
    width = frame_width(wide=True)
    parts: list[Flowable] = [
        *title_block(f"{TITLE} {report.year}", report.swv_name, report.year, report.printed_on),
        Spacer(1, 3 * mm),
    ]
    if not report.networks:
        parts.append(para(NO_NETWORKS.format(year=report.year), "body"))
    else:
        parts += [para(EXPLANATION, "note"), Spacer(1, 1.5 * mm)]
        if any(n.supra_regional for n in report.networks):
            parts += [para(SUPRA_EXPLANATION, "note"), Spacer(1, 1.5 * mm)]
        parts += [para(line, "banner") for line in warnings(report)]
        parts += [para("Totaal per regionaal netwerk", "h2"), network_totals_table(report, width)]
        if len(report.theme_names) > 1:
            parts += [KeepTogether([para("Totaal per thema", "h2"), theme_totals_table(report, width)])]
        for network in report.networks:
            parts.append(KeepTogether([
                para(network_heading(network), "h2"),
                para(network_line(network), "note"), Spacer(1, 1 * mm),
                network_table(network, width)]))
    parts += [CondPageBreak(45 * mm), para("Ondersteuningsvragen", "h2")]
    if report.questions:
        parts += [para(f"{_count(len(report.questions), 'ondersteuningsvraag', 'ondersteuningsvragen')}, "
                       f"waarvan {_status_counts(report.questions)}. Het bedrag van een ingetrokken vraag is "
                       "vrijgegeven en telt niet mee.", "note"), Spacer(1, 1 * mm),
                  question_table(report.questions, width)]
    else:
        parts.append(para(NO_QUESTIONS.format(year=report.year), "body"))
    parts += [CondPageBreak(45 * mm), para("Betaallijst", "h2"),
              para("Uitvoerders van wie het verslag is ontvangen en die nog niet zijn betaald.", "note"),
              Spacer(1, 1 * mm)]
    if report.payments:
        parts.append(payment_table(report.payments, report.payments_total, width))
        parts.append(KeepTogether([para("Te betalen per uitvoerder", "h2"),
                                   per_executor_table(report.payments, report.payments_total, width)]))
    else:
        parts.append(para(NO_PAYMENTS, "body"))
    return parts


# ---------------------------------------------------------------- exhaustion

def warnings(report: InnovationReport) -> list[str]:
    """One line per over-spent budget: in words, with the figures."""
    lines = []
    for network in report.networks:
        for theme in network.themes:
            e = theme.exhaustion
            if e.committed > e.budget:
                where = "het bovenregionale budget" if network.supra_regional else network.network
                lines.append(f"Let op: bij {where}, thema {theme.theme}, is "
                             f"{dutch.euros(e.committed - e.budget)} meer vastgelegd dan het budget van "
                             f"{dutch.euros(e.budget)} (over budget).")
    return lines


def network_heading(network: NetworkExhaustion) -> str:
    return f"{network.network} budget" if network.supra_regional else f"Regionaal netwerk {network.network}"


def network_line(network: NetworkExhaustion) -> str:
    if network.supra_regional:
        return ("Voor ondersteuningsvragen van scholen uit meer dan één netwerk · "
                f"{_count(network.questions, 'ondersteuningsvraag', 'ondersteuningsvragen')}")
    return (f"{_count(network.schools, 'school', 'scholen')} · {dutch.whole(network.pupils)} leerlingen · "
            f"{_count(network.questions, 'ondersteuningsvraag', 'ondersteuningsvragen')}")


def _state(e: Exhaustion) -> str:
    """The word of the Stand column, as on screen and in the workbook."""
    return e.state


def _percent(e: Exhaustion) -> str:
    share = e.committed_percent
    return NO_AMOUNT if share is None else dutch.percent(share)


def _figures(e: Exhaustion) -> list[str]:
    return [dutch.euros(e.budget), dutch.euros(e.committed), dutch.euros(e.paid), dutch.euros(e.left),
            _percent(e), _state(e)]


NETWORK_HEADS = ["Thema", "Grondslag", "Vast bedrag", "Per leerling", "Budget", "Vastgelegd", "Betaald", "Over",
                 "Vast-\ngelegd %", "Stand"]
#: The Stand column: room for 'binnen budget' in bold, and some air after the right-aligned percentage.
STAND_MM = 27
STAND_GAP = 9  # points of left padding in the Stand column


def _stand_style() -> list[tuple]:
    return [("ALIGN", (-1, 0), (-1, -1), "LEFT"), ("LEFTPADDING", (-1, 0), (-1, -1), STAND_GAP)]


def network_table(network: NetworkExhaustion, width: float) -> Flowable:
    rows: list[list] = [heads(NETWORK_HEADS[:-1], numeric_from=2) + heads(NETWORK_HEADS[-1:], numeric_from=1)]
    over: list[tuple[int, int]] = []
    in_force: list[tuple[int, int]] = []  # the amount that is the budget: bold, as on screen and in the workbook
    for theme in network.themes:
        if theme.exhaustion.left < 0:
            over.append((7, len(rows)))
        in_force.append((2 if theme.entered_in_force else 3, len(rows)))
        rows.append([para(theme.theme, "cell"), para(theme.basis, "cell"), dutch.euros(theme.entered),
                     NO_AMOUNT if theme.computed is None else dutch.euros(theme.computed),
                     *_figures(theme.exhaustion)])
    total = network.total
    if total.left < 0:
        over.append((7, len(rows)))
    rows.append([para(f"Totaal {network.network}", "cell_bold"), "", "", "", *_figures(total)])
    t = table(rows, widths(width, [0, 24, 25, 25, 26, 26, 25, 26, 17, STAND_MM]), numeric_from=2,
              total_rows=[len(rows) - 1])
    t.setStyle(TableStyle([("SPAN", (0, len(rows) - 1), (3, len(rows) - 1)), *_stand_style(),
                           *[("FONT", cell, cell, BOLD, 8.5) for cell in in_force]]))
    mark_cells(t, over)
    return t


def network_totals_table(report: InnovationReport, width: float) -> Flowable:
    labels = ["Regionaal netwerk", "Scholen", "Leerlingen", "Vragen", "Budget", "Vastgelegd", "Betaald",
              "Nog te betalen", "Over", "Vast-\ngelegd %", "Stand"]
    rows: list[list] = [heads(labels[:-1], numeric_from=1) + heads(labels[-1:], numeric_from=1)]
    over: list[tuple[int, int]] = []

    def figures(e: Exhaustion) -> list[str]:
        return [dutch.euros(e.budget), dutch.euros(e.committed), dutch.euros(e.paid),
                dutch.euros(e.open_commitments), dutch.euros(e.left), _percent(e), _state(e)]

    for network in report.networks:
        e = network.total
        if e.left < 0:
            over.append((8, len(rows)))
        schools, pupils = ((NO_AMOUNT, NO_AMOUNT) if network.supra_regional  # no schools of its own
                           else (dutch.whole(network.schools), dutch.whole(network.pupils)))
        rows.append([para(network.network, "cell"), schools, pupils, dutch.whole(network.questions), *figures(e)])
    total = report.total
    if total.left < 0:
        over.append((8, len(rows)))
    rows.append([para("Totaal samenwerkingsverband", "cell_bold"),
                 dutch.whole(sum(n.schools for n in report.networks)),
                 dutch.whole(sum(n.pupils for n in report.networks)),
                 dutch.whole(sum(n.questions for n in report.networks)), *figures(total)])
    t = table(rows, widths(width, [0, 15, 19, 14, 25, 25, 25, 25, 25, 17, STAND_MM]), numeric_from=1,
              total_rows=[len(rows) - 1])
    t.setStyle(TableStyle(_stand_style()))
    mark_cells(t, over)
    return t


def theme_totals_table(report: InnovationReport, width: float) -> Flowable:
    labels = ["Thema", "Budget", "Vastgelegd", "Betaald", "Nog te betalen", "Over", "Vast-\ngelegd %", "Stand"]
    rows: list[list] = [heads(labels[:-1], numeric_from=1) + heads(labels[-1:], numeric_from=1)]
    over: list[tuple[int, int]] = []
    lines = list(zip(report.theme_names, report.totals_by_theme)) + [("Totaal", report.total)]
    for name, e in lines:
        if e.left < 0:
            over.append((5, len(rows)))
        rows.append([para(name, "cell_bold" if len(rows) == len(lines) else "cell"), dutch.euros(e.budget),
                     dutch.euros(e.committed), dutch.euros(e.paid), dutch.euros(e.open_commitments),
                     dutch.euros(e.left), _percent(e), _state(e)])
    t = table(rows, widths(width, [0, 28, 28, 28, 28, 28, 17, STAND_MM]), numeric_from=1, total_rows=[len(rows) - 1])
    t.setStyle(TableStyle(_stand_style()))
    mark_cells(t, over)
    return t


# ---------------------------------------------------------------- questions and payments

def status_words(q: QuestionLine) -> str:
    """'verslag ontvangen op 5-3-2017', 'betaald op 1-4-2017', 'ingediend op 3-10-2016'."""
    if q.status == "betaald" and q.paid_on:
        return f"betaald op {dutch.date(q.paid_on)}"
    if q.status == "verslag ontvangen" and q.report_received_on:
        return f"verslag ontvangen op {dutch.date(q.report_received_on)}"
    return q.status


def _executors(q: QuestionLine, width: float) -> Flowable:
    """A small table inside the cell: executor (kind) left, amount right."""
    if not q.executors:
        return para("(nog geen uitvoerders)", "cell")
    rows = [[para(f"{line.expert} ({line.kind})" if line.kind else line.expert, "cell"),
             dutch.euros(line.amount)] for line in q.executors]
    inner = split_tall_rows(Table(rows, colWidths=[width - 20 * mm, 20 * mm], hAlign="LEFT"), 150)
    inner.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    return inner


def question_table(questions: Sequence[QuestionLine], width: float) -> Flowable:
    labels = ["Nummer", "Titel", "Netwerk en thema", "Status", "Scholen (bestuur)", "Uitvoerders", "Bedrag"]
    col = widths(width, [18, 0, 28, 31, 48, 70, 22])
    rows: list[list] = [heads(labels, numeric_from=6)]
    withdrawn: list[int] = []
    for q in questions:
        if q.status == WITHDRAWN:
            withdrawn.append(len(rows))
        title = safe_text.markup(q.title)
        if q.report_title:
            kept = "in de bibliotheek" if q.report_in_library else "niet in de bibliotheek"
            title += f"<br/><font size=7.5>Verslag: {safe_text.markup(q.report_title)} ({kept})</font>"
        schools = "<br/>".join(safe_text.markup(s) for s in q.schools) or "–"
        if q.boards:
            schools += f"<br/><font size=7.5>{_count(len(q.boards), 'bestuur', 'besturen')}</font>"
        amount = dutch.euros(q.amount)
        if q.status == WITHDRAWN:
            amount = f"({amount})"
        rows.append([para(q.number, "cell"), rich(title, "cell"),
                     rich(f"{safe_text.markup(q.network)}<br/>{safe_text.markup(q.theme or '–')}", "cell"),
                     rich(f"{safe_text.markup(status_words(q))}<br/><font size=7.5>ingediend op "
                          f"{dutch.date(q.submitted_on)}</font>", "cell"),
                     rich(schools, "cell"), _executors(q, col[5] - 6), amount])
    committed = sum(q.amount for q in questions if q.status != WITHDRAWN)
    rows.append([para("Totaal vastgelegd (zonder ingetrokken vragen)", "cell_bold"), "", "", "", "", "",
                 dutch.euros(committed)])
    last = len(rows) - 1
    t = table(rows, col, numeric_from=6, total_rows=[last], split_in_row=True)
    t.setStyle(TableStyle([("VALIGN", (0, 1), (-1, -1), "TOP"), ("SPAN", (0, last), (5, last)),
                           *[("TEXTCOLOR", (0, r), (-1, r), "#555555") for r in withdrawn]]))
    return t


def payment_table(payments: Sequence[PaymentLine], total: int, width: float) -> Flowable:
    labels = ["Uitvoerder", "Ondersteuningsvraag", "Netwerk", "Verslag", "Ontvangen op", "Bedrag"]
    rows: list[list] = [heads(labels, numeric_from=5)]
    for p in payments:
        rows.append([para(p.expert, "cell"),
                     rich(f"{safe_text.markup(p.question_number)} {safe_text.markup(p.question_title)}", "cell"),
                     para(p.network, "cell"), para(p.report_title, "cell"), dutch.date(p.report_received_on),
                     dutch.euros(p.amount)])
    rows.append([para(f"Totaal te betalen ({_count(len(payments), 'betaling', 'betalingen')})", "cell_bold"),
                 "", "", "", "", dutch.euros(total)])
    last = len(rows) - 1
    t = table(rows, widths(width, [52, 0, 34, 62, 24, 26]), numeric_from=5, total_rows=[last],
              split_in_row=True)
    t.setStyle(TableStyle([("VALIGN", (0, 1), (-1, -1), "TOP"), ("SPAN", (0, last), (4, last))]))
    return t


def per_executor(payments: Sequence[PaymentLine]) -> list[tuple[str, int, int]]:
    """(executor, number of payments, amount) in the order of first appearance."""
    sums: dict[str, list[int]] = {}
    for p in payments:
        line = sums.setdefault(p.expert, [0, 0])
        line[0] += 1
        line[1] += p.amount
    return [(name, n, amount) for name, (n, amount) in sums.items()]


def per_executor_table(payments: Sequence[PaymentLine], total: int, width: float) -> Flowable:
    rows: list[list] = [heads(["Uitvoerder", "Betalingen", "Bedrag"], numeric_from=1)]
    for name, n, amount in per_executor(payments):
        rows.append([para(name, "cell"), dutch.whole(n), dutch.euros(amount)])
    rows.append([para("Totaal te betalen", "cell_bold"), dutch.whole(len(payments)), dutch.euros(total)])
    return table(rows, widths(min(width, 150 * mm), [0, 24, 30]), numeric_from=1, total_rows=[len(rows) - 1])


def _count(n: int, one: str, many: str) -> str:
    return f"{dutch.whole(n)} {one if n == 1 else many}"


def _status_counts(questions: Sequence[QuestionLine]) -> str:
    order = ("ingediend", "lopend", "verslag ontvangen", "betaald", "ingetrokken")
    counts = {s: sum(1 for q in questions if q.status == s) for s in order}
    others = sorted({q.status for q in questions} - set(order))
    for s in others:
        counts[s] = sum(1 for q in questions if q.status == s)
    return ", ".join(f"{n} {s}" for s, n in counts.items() if n)
