"""Report data for the innovation budgets and the expertise directory: plain frozen dataclasses.

One reporting source for the Innovatie and Expertise screens, the exhaustion overview
(PDF and XLSX), the payment list and the printed directory, so they can never disagree.
Money is in integer cents; nothing here is formatted. Writers in `exports/` turn these
into files. No pupil data exists in this scheme.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Status words, as shown everywhere (UI.md: the same word on screen, in the PDF and in the workbook),
# and how a network's theme budget comes about ("vast bedrag": entered per network; "per leerling":
# rate per pupil x the network's pupil count). Defined with the rules in models.domain.innovation.
from ..domain.usage import Usage, usage
from ..domain.innovation import (  # noqa: F401  (re-exported for the writers and screens)
    AMOUNT_OWN, AMOUNT_STANDARD, BASIS_ENTERED, BASIS_PER_PUPIL, BETAALD, INGEDIEND, INGETROKKEN, LOPEND,
    QUESTION_STATUSES, SUPRA_REGIONAL, VERSLAG_ONTVANGEN,
)

# How the exhaustion table reads, the same on screen, in the PDF and in the workbook (one rule, here):
# both amounts of a theme budget stand side by side, the one in force (the basis) marked in bold;
# where a theme has no amount per pupil the cell shows NO_AMOUNT. The state of a budget ("Stand")
# is always a word, so the column never reads as if something were missing.
NO_AMOUNT = "—"
OVER_BUDGET = "over budget"
USED_UP = "op"
NEARLY_USED_UP = "bijna op"
WITHIN_BUDGET = "binnen budget"
NO_BUDGET = "geen budget"
STATES = (OVER_BUDGET, USED_UP, NEARLY_USED_UP, WITHIN_BUDGET, NO_BUDGET)


@dataclass(frozen=True)
class Exhaustion:
    """Uitputting of one budget: cents. `left` = budget - committed (may be negative only if budgets were lowered)."""

    budget: int = 0
    committed: int = 0  # executor amounts of every question that is not ingetrokken (paid included)
    paid: int = 0  # executor amounts of questions with status betaald
    left: int = 0

    @property
    def open_commitments(self) -> int:
        """Committed but not yet paid."""
        return self.committed - self.paid

    @property
    def committed_percent(self) -> int | None:
        """Committed as a whole percentage of the budget, half up; None without a budget."""
        if self.budget <= 0:
            return None
        return (200 * self.committed + self.budget) // (2 * self.budget)

    @property
    def state(self) -> str:
        """'over budget', 'op', 'bijna op' (from 90 %), 'binnen budget', or 'geen budget' (nothing to spend)."""
        return {Usage.OVER: OVER_BUDGET, Usage.NOTHING: NO_BUDGET, Usage.USED_UP: USED_UP,
                Usage.NEARLY: NEARLY_USED_UP, Usage.WITHIN: WITHIN_BUDGET}[usage(self.committed, self.budget)]

    def __add__(self, other: "Exhaustion") -> "Exhaustion":
        return Exhaustion(self.budget + other.budget, self.committed + other.committed,
                          self.paid + other.paid, self.left + other.left)


@dataclass(frozen=True)
class ThemeBudget:
    """One theme's budget for one network in one year, with both ways of reckoning it."""

    theme: str  # e.g. "Innovatie" (the base budget), "Gedrag", "Hoogbegaafdheid"
    entered: int  # cents, the fixed amount: the network's own, or the theme's standard when it follows that
    computed: int | None  # cents, rate per pupil x pupils; None when the theme has no rate
    basis: str  # BASIS_ENTERED or BASIS_PER_PUPIL: which of the two is in force
    exhaustion: Exhaustion  # exhaustion.budget is the amount in force
    follows_standard: bool = True  # True: `entered` is the theme's standard of the year and moves with it

    @property
    def entered_in_force(self) -> bool:
        """True when the fixed amount is the budget, False when the amount per pupil is (mark that one)."""
        return self.basis != BASIS_PER_PUPIL

    @property
    def amount_kind(self) -> str:
        """'standaard' or 'eigen bedrag', as shown on screen."""
        return AMOUNT_STANDARD if self.follows_standard else AMOUNT_OWN


@dataclass(frozen=True)
class NetworkExhaustion:
    """A network's budgets; or (supra_regional) the supra-regional budget, named SUPRA_REGIONAL, which has no
    schools or pupils of its own and is shown as a line of its own beside the networks, with the same columns."""

    network: str
    pupils: int  # sum of the pupil counts of its schools this year
    schools: int
    themes: tuple[ThemeBudget, ...]  # in theme order
    questions: int  # support questions that are not ingetrokken
    supra_regional: bool = False

    @property
    def total(self) -> Exhaustion:
        result = Exhaustion()
        for theme in self.themes:
            result = result + theme.exhaustion
        return result


@dataclass(frozen=True)
class ExecutorLine:
    expert: str  # name of the expert or organisation
    kind: str  # regulier / SBO / SO / voorschool / VO
    amount: int  # cents committed


@dataclass(frozen=True)
class QuestionLine:
    number: str  # e.g. "2016-I03"
    title: str
    network: str
    theme: str
    status: str  # one of QUESTION_STATUSES
    submitted_on: dt.date
    schools: tuple[str, ...]  # "School (Bestuur)"
    boards: tuple[str, ...]
    executors: tuple[ExecutorLine, ...]
    report_title: str  # "" until the report is received
    report_received_on: dt.date | None
    paid_on: dt.date | None
    # Added for the screens (defaults, so writers and tests that build lines need not give them):
    description: str = ""  # free text; never pupil data
    year: str = ""  # "2016-2017"
    started_on: dt.date | None = None
    withdrawn_on: dt.date | None = None
    withdraw_reason: str = ""
    school_refs: tuple[tuple[str, str], ...] = ()  # (board, school), in the order of `schools`
    report_in_library: bool = False  # the report file is kept in the library (Verslagen)
    school_kinds: tuple[str, ...] = ()  # regulier / SBO / SO / voorschool / VO, in the order of `schools`

    @property
    def amount(self) -> int:
        return sum(line.amount for line in self.executors)


@dataclass(frozen=True)
class PaymentLine:
    """One executor to be paid: the question's report is received, the payment not yet made."""

    expert: str
    question_number: str
    question_title: str
    network: str
    report_title: str
    report_received_on: dt.date
    amount: int  # cents


@dataclass(frozen=True)
class InnovationReport:
    """Everything of the exhaustion overview and the payment list for one school year."""

    swv_name: str
    year: str  # "2016-2017"
    printed_on: dt.date
    theme_names: tuple[str, ...]  # column order
    networks: tuple[NetworkExhaustion, ...]  # the regional networks, then the supra-regional budget when in use
    questions: tuple[QuestionLine, ...]  # all questions of the year, ingetrokken included
    payments: tuple[PaymentLine, ...]  # reports received, not yet paid

    @property
    def regional_networks(self) -> tuple[NetworkExhaustion, ...]:
        """The regional networks, without the supra-regional line."""
        return tuple(n for n in self.networks if not n.supra_regional)

    @property
    def totals_by_theme(self) -> tuple[Exhaustion, ...]:
        totals = []
        for index in range(len(self.theme_names)):
            total = Exhaustion()
            for network in self.networks:
                total = total + network.themes[index].exhaustion
            totals.append(total)
        return tuple(totals)

    @property
    def total(self) -> Exhaustion:
        result = Exhaustion()
        for total in self.totals_by_theme:
            result = result + total
        return result

    @property
    def payments_total(self) -> int:
        return sum(line.amount for line in self.payments)


@dataclass(frozen=True)
class ExpertEntry:
    """One entry of the expertise directory (Gouden Gids)."""

    name: str
    is_organisation: bool
    organisation: str  # the organisation a person works for; "" for an organisation itself
    kind: str  # regulier / SBO / SO / voorschool / VO
    areas: tuple[str, ...]  # expertise areas, e.g. ("gedrag", "hoogbegaafdheid")
    evidence: str  # how the expertise is shown: "certificaat", "diploma", "ervaring", ...
    evidence_note: str  # e.g. the certificate's name and year
    contact_person: str
    email: str
    phone: str
    place: str
    active: bool


@dataclass(frozen=True)
class DirectoryReport:
    swv_name: str
    printed_on: dt.date
    entries: tuple[ExpertEntry, ...]  # sorted by name, active ones only unless asked otherwise
    areas: tuple[str, ...]  # every area in use, sorted, for an index by area


# ---------------------------------------------------------------- builders

def innovation_report(session: "Session", year: str, today: dt.date, *, swv_name: str) -> InnovationReport:
    """The exhaustion overview per network and theme, every question, and the payment list of one year."""
    from . import report_library, supra_budget
    from .innovation import network_budgets, support_questions, theme_settings

    themes = theme_settings.list_themes(session, year)
    kept = report_library.questions_with_report(session)
    questions = tuple(dataclasses.replace(line, report_in_library=line.number in kept)
                      for line in support_questions.list_questions(session, year))
    counted: dict[str, int] = {}
    for line in questions:
        if line.status != INGETROKKEN:
            counted[line.network] = counted.get(line.network, 0) + 1
    networks = tuple(
        NetworkExhaustion(row.network, row.pupils, len(row.schools), row.budgets, counted.get(row.network, 0))
        for row in network_budgets.network_year(session, year))
    supra = supra_budget.supra_year(session, year)
    if networks and supra.in_use:
        networks += (NetworkExhaustion(SUPRA_REGIONAL, 0, 0, supra.budgets, counted.get(SUPRA_REGIONAL, 0),
                                       supra_regional=True),)
    payments = sorted(
        (PaymentLine(executor.expert, line.number, line.title, line.network, line.report_title,
                     line.report_received_on, executor.amount)
         for line in questions if line.status == VERSLAG_ONTVANGEN and line.report_received_on is not None
         for executor in line.executors),
        key=lambda p: (p.report_received_on, p.question_number, p.expert.casefold()))
    label = questions[0].year if questions else _year_label(session, year)
    return InnovationReport(swv_name, label, today, tuple(t.name for t in themes), networks, questions,
                            tuple(payments))


def directory_report(session: "Session", today: dt.date, *, swv_name: str,
                     include_inactive: bool = False) -> DirectoryReport:
    """The printed expertise directory: every (active) expert, and the areas in use for an index."""
    from . import directory

    entries = tuple(directory.list_experts(session, include_inactive=include_inactive))
    areas = tuple(sorted({area for entry in entries for area in entry.areas}, key=str.casefold))
    return DirectoryReport(swv_name, today, entries, areas)


def _year_label(session: "Session", year: str) -> str:
    from . import lookup

    return lookup.year(session, year).label
