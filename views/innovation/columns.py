"""The Innovatie page's two tables: the exhaustion per network and theme (as the report gives it) and the support
questions; a question's details and what a search looks in."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from models.domain import dutch
from models.services.innovation_report import (
    BASIS_PER_PUPIL, BETAALD, INGEDIEND, INGETROKKEN, LOPEND, NEARLY_USED_UP, NO_AMOUNT, OVER_BUDGET,
    USED_UP, VERSLAG_ONTVANGEN, InnovationReport, QuestionLine,
)

from .. import richtext
from ..tables import BAD, WARN, Column

STATUS_COLOURS = {INGEDIEND: QColor("#fde3c4"), LOPEND: QColor("#e1f0dc"), VERSLAG_ONTVANGEN: QColor("#fff4cc"),
                  BETAALD: QColor("#e8eaed"), INGETROKKEN: QColor("#e8eaed")}
#: The step each status allows (besides opening); intrekken is possible until the report is in.
NEXT_STEPS = {INGEDIEND: ("starten", "intrekken"), LOPEND: ("verslag", "intrekken"),
              VERSLAG_ONTVANGEN: ("betalen",), BETAALD: (), INGETROKKEN: ()}


def euros(cents: int | None) -> str:
    return "" if cents is None else dutch.euros(cents)


@dataclass(frozen=True)
class BudgetLine:
    """One row of the exhaustion table: a network's theme budget, or the totals; the texts as the report gives them
    (the same the PDF and the workbook print)."""

    network: str
    theme: str
    pupils: int | None
    basis: str
    entered: int | None
    computed: int | None
    budget: int
    committed: int
    paid: int
    left: int
    amount_kind: str = ""  # 'standaard' or 'eigen bedrag'; "" on the totals row
    share: int | None = None  # percent of the budget committed, None without a budget
    state: str = ""  # 'binnen budget', 'bijna op', 'op', 'over budget', 'geen budget'
    in_force: str = ""  # which amount is the budget: "entered" or "computed"; "" on the totals row


def _state_colour(line: BudgetLine) -> QColor | None:
    return {OVER_BUDGET: BAD, USED_UP: BAD, NEARLY_USED_UP: WARN}.get(line.state)


def _basis_tooltip(line: BudgetLine) -> str:
    if not line.basis:
        return ""
    other = "per leerling" if line.basis != BASIS_PER_PUPIL else "het vaste bedrag"
    pupils = f" ({dutch.whole(line.pupils)} leerlingen)" if line.pupils is not None else ""
    return f"Het budget is {line.basis}{pupils} (vet); {other} staat ernaast ter vergelijking."


def share_text(line: BudgetLine) -> str:
    """The share committed as the PDF prints it in 'Vastgelegd %': '32 %', or the dash without a budget."""
    return NO_AMOUNT if line.share is None else f"{line.share} %"


def _stand_tooltip(line: BudgetLine) -> str:
    return f"{share_text(line)} van het budget is vastgelegd"


BUDGET_COLUMNS: list[Column[BudgetLine]] = [
    Column("Netwerk", lambda r: r.network, width=83),
    Column("Thema", lambda r: r.theme, width=126),
    Column("Grond-\nslag", lambda r: r.basis, width=86, cell_tooltip=_basis_tooltip,
           tooltip="Welk bedrag geldt: het vaste bedrag of het bedrag per leerling (dat bedrag staat vet)"),
    Column("Vast\nbedrag", lambda r: r.entered, "int", width=96, text=lambda r: euros(r.entered),
           bold=lambda r: r.in_force == "entered",
           cell_tooltip=lambda r: f"Soort: {r.amount_kind}" if r.amount_kind else "",
           tooltip="Het vaste bedrag van het netwerk: het standaardbedrag van het thema of een eigen bedrag; "
                   "vet als het geldt"),
    Column("Soort", lambda r: r.amount_kind, width=86, hidden=True,
           tooltip="standaard: volgt het standaardbedrag van het thema in dit schooljaar; eigen bedrag: voor dit "
                   "netwerk vastgezet, blijft staan als het standaardbedrag verandert (Budgetten…)"),
    Column("Per\nleerling", lambda r: r.computed, "int", width=96,
           text=lambda r: euros(r.computed) if r.computed is not None else (NO_AMOUNT if r.basis else ""),
           bold=lambda r: r.in_force == "computed",
           tooltip=f"Bedrag per leerling × leerlingen van het netwerk, vet als het geldt ({NO_AMOUNT} : geen bedrag "
                   "per leerling)"),
    Column("Budget", lambda r: r.budget, "int", width=104, text=lambda r: euros(r.budget),
           tooltip="Het bedrag dat geldt (volgens de grondslag)"),
    Column("Vast-\ngelegd", lambda r: r.committed, "int", width=96, text=lambda r: euros(r.committed),
           tooltip="Bedragen van de uitvoerders van alle vragen die niet zijn ingetrokken",
           cell_tooltip=_stand_tooltip),
    Column("Betaald", lambda r: r.paid, "int", width=94, text=lambda r: euros(r.paid)),
    Column("Over", lambda r: r.left, "int", width=104, text=lambda r: euros(r.left), background=_state_colour,
           tooltip="Budget min vastgelegd"),
    Column("Stand", lambda r: r.state, width=108, background=_state_colour, cell_tooltip=_stand_tooltip,
           tooltip="binnen budget; 'bijna op' vanaf 90 % vastgelegd; 'op' bij 100 %; 'over budget' daarboven"),
]


def _schools_text(q: QuestionLine) -> str:
    return "; ".join(q.schools)


QUESTION_COLUMNS: list[Column[QuestionLine]] = [
    Column("Nummer", lambda q: q.number, width=80),
    Column("Titel", lambda q: q.title, width=190, cell_tooltip=lambda q: q.title, size="stretch"),
    Column("Netwerk", lambda q: q.network, width=84),
    Column("Thema", lambda q: q.theme, width=124),
    Column("Status", lambda q: q.status, width=134, background=lambda q: STATUS_COLOURS.get(q.status)),
    Column("Scholen (bestuur)", _schools_text, width=230, cell_tooltip=lambda q: "\n".join(q.schools)),
    Column("Bedrag", lambda q: q.amount, "int", width=100, text=lambda q: euros(q.amount),
           cell_tooltip=lambda q: "\n".join(f"{e.expert}: {euros(e.amount)}" for e in q.executors)),
    Column("Ingediend", lambda q: q.submitted_on, "date", width=84),
]


def budget_lines(report: InnovationReport) -> tuple[list[BudgetLine], BudgetLine | None]:
    lines = [BudgetLine(n.network, t.theme, None if n.supra_regional else n.pupils, t.basis, t.entered, t.computed, t.exhaustion.budget,
                        t.exhaustion.committed, t.exhaustion.paid, t.exhaustion.left, t.amount_kind,
                        t.exhaustion.committed_percent, t.exhaustion.state,
                        "entered" if t.entered_in_force else "computed")
             for n in report.networks for t in n.themes]
    if not lines:
        return [], None
    total = report.total
    return lines, BudgetLine("Totaal", f"{len(report.regional_networks)} netwerken", None, "", None, None, total.budget,
                             total.committed, total.paid, total.left, share=total.committed_percent,
                             state=total.state)


def question_details(q: QuestionLine) -> str:
    t = richtext.plain
    lines = [f"<b>{t(q.number)}</b> · {t(q.title)} · {t(q.network)} · thema {t(q.theme)} · "
             f"status <b>{t(q.status)}</b>"]
    lines.append("Scholen: " + t("; ".join(q.schools)))
    lines.append("Uitvoerders: " + t("; ".join(f"{e.expert} ({e.kind}) {euros(e.amount)}" for e in q.executors))
                 + f" · totaal {euros(q.amount)}")
    dates = [f"ingediend {dutch.date(q.submitted_on)}"]
    if q.started_on:
        dates.append(f"gestart {dutch.date(q.started_on)}")
    if q.report_received_on:
        dates.append(f"verslag ‘{t(q.report_title)}’ ontvangen {dutch.date(q.report_received_on)}")
    if q.paid_on:
        dates.append(f"betaald {dutch.date(q.paid_on)}")
    if q.withdrawn_on:
        dates.append(f"ingetrokken {dutch.date(q.withdrawn_on)}: {t(q.withdraw_reason)}")
    lines.append(", ".join(dates))
    return "<br>".join(lines)


def haystack(q: QuestionLine) -> str:
    return " ".join([q.number, q.title, q.network, q.theme, q.status, *q.schools, *q.boards,
                     *(e.expert for e in q.executors), q.report_title]).lower()
