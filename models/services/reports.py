"""Report data for the printed and exported overviews: plain frozen dataclasses, no formatting.

Everything is built from the one reporting service (`reporting.budget_rows`, `allocation`,
`agreement_totals`) plus the agreement and reserve lists, so the ALV overview, the board
workbook, the provider overview and the `budgets` CSV show the same figures. Writers in
`exports/` turn these into files; the GUI calls the builders through its runner, e.g.
`runner.read(reports.alv_report, "2016-2017", today, swv_name=...)`.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Iterable

from sqlalchemy.orm import Session

from ..domain.agreements import Kind, Status, first_bookable_month
from ..domain.errors import Conflict
from ..domain.months import Month, is_final
from ..domain.names import clean_name, name_key
from ..domain.rounding import percent_of
from ..domain.units import MINUTES_PER_HOUR
from ..orm import SchoolYear
from . import agreements as agreement_service
from . import lookup, reporting
from . import reserve as reserve_service
from .settings import DEFAULT_SWV_NAME



# ---------------------------------------------------------------- figures

@dataclass(frozen=True)
class Figures:
    """Summed figures of one or more board x provider pairs. Minutes, except where it says hours."""

    yearly_hours: int = 0  # whole hours, as distributed (jaaruren)
    per_month: int = 0  # whole hours: the published "per maand" figure; for totals the sum of the rows
    budget: int = 0  # the month budgets, after any afwijkende afspraak
    reserve: int = 0  # reserve granted
    used: int = 0
    lapsed: int = 0  # unused in months that ended or are closed
    left: int = 0  # still open in months that have not ended and are not closed
    agreements: int = 0  # agreements that count (all but ingetrokken)
    agreed: int = 0  # hours agreed on those agreements

    @property
    def yearly(self) -> int:
        return self.yearly_hours * MINUTES_PER_HOUR

    @property
    def utilisation(self) -> int | None:
        """Benutting: used / (yearly hours + reserve granted), whole percent rounded half up; None for 0 hours."""
        return percent_of(self.used, self.yearly + self.reserve)

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(*(getattr(self, f) + getattr(other, f) for f in _FIGURE_FIELDS))


_FIGURE_FIELDS = ("yearly_hours", "per_month", "budget", "reserve", "used", "lapsed", "left", "agreements",
                  "agreed")


def total(figures: Iterable[Figures]) -> Figures:
    """The figures summed field by field (a year of a large SWV sums 1,500 pair lines a few ways)."""
    return Figures(*map(sum, zip(*map(_figure_values, figures))))


_figure_values = attrgetter(*_FIGURE_FIELDS)


@dataclass(frozen=True)
class MonthLine:
    """One month summed over some pairs (minutes)."""

    month: Month
    budget: int
    reserve: int
    used: int
    lapsed: int
    left: int
    closed: bool
    ended: bool


@dataclass(frozen=True)
class PairLine:
    """One board at one provider."""

    board: str
    provider: str
    key: int  # verdeling, hundredths of a percent
    figures: Figures


# ---------------------------------------------------------------- the year, loaded once

@dataclass
class _Year:
    label: str
    is_demo: bool
    months: tuple[Month, ...]
    allocation: reporting.Allocation
    rows: list[reporting.BudgetRow]
    totals: dict[tuple[int, int], reporting.AgreementTotals]
    closed: tuple[Month, ...]
    pairs: dict[tuple[int, int], list[_Flow]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for flow in _flows(self.rows):
            row = flow[0]
            self.pairs.setdefault((row.board_id, row.provider_id), []).append(flow)

    def pair_line(self, cell: reporting.AllocationCell) -> PairLine:
        budget = reserve = used = lapsed = left = 0
        for row, row_lapsed, row_left in self.pairs.get((cell.board_id, cell.provider_id), ()):
            budget += row.budget
            reserve += row.reserve
            used += row.used
            lapsed += row_lapsed
            left += row_left
        return _pair_line(cell, (budget, reserve, used, lapsed, left), self.totals)


def _pair_line(cell: reporting.AllocationCell, months: reporting.MonthSums,
               totals: dict[tuple[int, int], reporting.AgreementTotals]) -> PairLine:
    """One pair's line: its months summed, with its yearly hours and its agreements."""
    counted = totals.get((cell.board_id, cell.provider_id), _NO_AGREEMENTS)
    figures = Figures(cell.yearly_hours, cell.per_month, *months, counted.count, counted.minutes)
    return PairLine(cell.board, cell.provider, cell.key, figures)


_NO_AGREEMENTS = reporting.AgreementTotals(0, 0)


_Flow = tuple[reporting.BudgetRow, int, int]  # a row, what lapsed in it, what is still open in it


def _flows(rows: Iterable[reporting.BudgetRow]) -> list[_Flow]:
    """Each row with `lapsed` and `left - lapsed` (still open), read once from the row: the rule is the
    row's own (MonthUse); a year of a large SWV has 16,500 rows, summed in several ways."""
    return [(row, *row.lapsed_and_open()) for row in rows]


def _load(session: Session, label: str, today: dt.date) -> _Year:
    year = lookup.year(session, label)
    alloc = reporting.allocation_of(session, year)
    rows = reporting.budget_rows_of(session, year, today, alloc)
    totals = reporting.agreement_totals(session, year.id)
    closed = tuple(sorted(reporting.closed_months(session, year.id)))
    return _Year(year.label, bool(year.is_demo), alloc.months, alloc, rows, totals, closed)


def month_lines(rows: Iterable[reporting.BudgetRow], months: Iterable[Month]) -> tuple[MonthLine, ...]:
    """Budget rows summed per month, in the order of `months`."""
    return _month_lines(_flows(rows), months)


def _month_lines(flows: Iterable[_Flow], months: Iterable[Month]) -> tuple[MonthLine, ...]:
    """month_lines over rows whose lapsed and open hours are already read (see `_flows`)."""
    months = tuple(months)
    sums: dict[Month, list[int]] = {}  # budget, reserve, used, lapsed, left, closed, ended (0 or 1)
    for month in months:
        sums.setdefault(month, [0, 0, 0, 0, 0, False, False])
    for row, lapsed, left in flows:
        acc = sums.get(row.month)
        if acc is None:
            continue  # a month that is not asked for
        acc[0] += row.budget
        acc[1] += row.reserve
        acc[2] += row.used
        acc[3] += lapsed
        acc[4] += left
        if row.closed:
            acc[5] = True
        if row.ended:
            acc[6] = True
    lines = []
    for month in months:
        budget, reserve, used, lapsed, left, closed, ended = sums[month]
        lines.append(MonthLine(month, budget, reserve, used, lapsed, left, bool(closed), bool(ended)))
    return tuple(lines)


# ---------------------------------------------------------------- ALV overview

@dataclass(frozen=True)
class BoardSection:
    board: str
    lines: tuple[PairLine, ...]  # one per provider, in the providers' order
    total: Figures


@dataclass(frozen=True)
class ProviderSection:
    provider: str
    cluster: str
    contract_hours: int
    reserve_hours: int
    available_hours: int
    figures: Figures  # summed over the boards
    months: tuple[MonthLine, ...]  # summed over the boards


@dataclass(frozen=True)
class AlvReport:
    """The ALV overview: what every board sees. Holds no pupil references and no descriptions."""

    swv_name: str
    year: str
    printed_on: dt.date
    is_demo: bool
    months: tuple[Month, ...]
    closed_months: tuple[Month, ...]
    boards: tuple[BoardSection, ...]
    providers: tuple[ProviderSection, ...]
    total: Figures
    month_totals: tuple[MonthLine, ...]
    warnings: tuple[str, ...]
    #: "Verloop over de jaren": this year and up to four before it, oldest first; empty without earlier years.
    history: tuple[YearFigures, ...] = ()

    @property
    def final(self) -> bool:
        return is_final(self.months, self.closed_months)


@dataclass(frozen=True)
class YearFigures:
    """One school year's figures as its ALV overview has them (DOMAIN.md point 13)."""

    year: str
    final: bool  # every budget month closed: definitief, else voorlopig
    boards: tuple[BoardSection, ...]
    total: Figures


HISTORY_YEARS = 5  # the years the ALV overview's "Verloop over de jaren" shows at most


def year_figures(session: Session, label: str, today: dt.date) -> YearFigures:
    """A school year's figures per board and provider, as in its ALV overview."""
    return year_figures_of(session, lookup.year(session, label), today)


def year_figures_of(session: Session, year: SchoolYear, today: dt.date) -> YearFigures:
    """year_figures of a year the caller has: its overview's board sections from each pair's months summed
    (reporting.pair_sums), without the overview's month lines and budget rows; the figures over the years read
    ten of them."""
    alloc = reporting.allocation_of(session, year)
    counted = reporting.agreement_totals(session, year.id)
    closed = reporting.closed_months(session, year.id)
    lines = {key: _pair_line(alloc.cell(*key), sums, counted)
             for key, sums in reporting.pair_sums(session, year, today, alloc, closed).items()}
    boards = _board_sections(alloc, lines)
    return YearFigures(year.label, is_final(alloc.months, closed), boards, total(s.total for s in boards))


def _year_figures(report: AlvReport) -> YearFigures:
    return YearFigures(report.year, report.final, report.boards, report.total)


def alv_report(session: Session, label: str, today: dt.date, *, swv_name: str = DEFAULT_SWV_NAME) -> AlvReport:
    """The ALV overview of a year, with the figures of up to four years before it when there are any."""
    report = _alv_report(session, label, today, swv_name)
    labels = lookup.year_labels(session)
    earlier = labels[:labels.index(report.year)][-(HISTORY_YEARS - 1):] if report.year in labels else []
    if not earlier:
        return report
    past = tuple(year_figures(session, label, today) for label in earlier)
    return replace(report, history=(*past, _year_figures(report)))


def _alv_report(session: Session, label: str, today: dt.date, swv_name: str) -> AlvReport:
    """The overview from each pair's months as plain minutes (reporting.pair_months; a year of a large SWV has
    16,500), summed per pair, per provider and month, and per month."""
    year = lookup.year(session, label)
    alloc = reporting.allocation_of(session, year)
    counted = reporting.agreement_totals(session, year.id)
    closed = reporting.closed_months(session, year.id)
    per_pair = reporting.pair_months(session, year, today, alloc, closed)
    lines = {key: _pair_line(alloc.cell(*key), reporting.summed(months), counted) for key, months in per_pair.items()}
    boards = _board_sections(alloc, lines)
    current = Month.of(today)
    providers = []
    for p in alloc.providers:
        keys = [(b.board_id, p.provider_id) for b in alloc.boards]
        providers.append(ProviderSection(
            p.name, p.cluster, p.contract_hours, p.reserve_hours, p.available_hours,
            total(lines[key].figures for key in keys),
            _month_totals(alloc.months, [per_pair[key] for key in keys], closed, current)))
    return AlvReport(
        clean_name(swv_name) or DEFAULT_SWV_NAME, year.label, today, bool(year.is_demo), alloc.months,
        tuple(sorted(closed)), boards, tuple(providers), total(s.total for s in boards),
        _month_totals(alloc.months, list(per_pair.values()), closed, current), tuple(alloc.warnings))


def _month_totals(months: tuple[Month, ...], pairs: list[list[reporting.MonthSums]], closed: set[Month],
                  current: Month) -> tuple[MonthLine, ...]:
    """Some pairs' months (each in the order of `months`) summed month by month."""
    columns = zip(*pairs) if pairs else ([] for _ in months)
    return tuple(MonthLine(month, *reporting.summed(column), month in closed, month < current)
                 for month, column in zip(months, columns))


def _board_sections(alloc: reporting.Allocation,
                    lines: dict[tuple[int, int], PairLine]) -> tuple[BoardSection, ...]:
    """Board by board, each with a line per provider in the providers' order and its total."""
    boards = []
    for b in alloc.boards:
        own = tuple(lines[(b.board_id, p.provider_id)] for p in alloc.providers)
        boards.append(BoardSection(b.name, own, total(line.figures for line in own)))
    return tuple(boards)


# ---------------------------------------------------------------- board workbook

@dataclass(frozen=True)
class BoardMonth:
    """One provider in one month for one board (minutes); `note` explains an edited budget or a grant."""

    provider: str
    month: Month
    budget: int
    reserve: int
    used: int
    lapsed: int
    left: int
    closed: bool
    ended: bool
    note: str


@dataclass(frozen=True)
class BoardAgreement:
    """An agreement as the board sees it; no pupil reference (data minimisation: the file is e-mailed)."""

    number: str
    school: str
    provider: str
    kind: str  # Dutch label
    description: str
    minutes: int
    booked: int
    first_month: Month
    last_month: Month
    status: str
    reported_on: dt.date
    registered_on: dt.date | None
    confirmed_on: dt.date | None
    closed_on: dt.date | None

    @property
    def left(self) -> int:
        return max(self.minutes - self.booked, 0)


@dataclass(frozen=True)
class BoardReport:
    """One board's workbook: only that board's data."""

    swv_name: str
    year: str
    printed_on: dt.date
    is_demo: bool
    board: str
    contact_person: str
    email: str
    key: int
    lines: tuple[PairLine, ...]
    total: Figures
    months: tuple[BoardMonth, ...]
    month_totals: tuple[MonthLine, ...]
    agreements: tuple[BoardAgreement, ...]
    final: bool = False  # every budget month of the year is closed: definitief, else voorlopig


def board_report(session: Session, label: str, board: str, today: dt.date, *,
                 swv_name: str = DEFAULT_SWV_NAME) -> BoardReport:
    year = lookup.year(session, label)
    board_id = lookup.year_board(session, year, board).board_id
    return _board_reports(session, year.label, today, swv_name, only=board_id)[0]


def board_reports(session: Session, label: str, today: dt.date, *,
                  swv_name: str = DEFAULT_SWV_NAME) -> list[BoardReport]:
    """Every board's report of a year, read in one transaction (for `export boards`)."""
    return _board_reports(session, label, today, swv_name)


def _board_reports(session: Session, label: str, today: dt.date, swv_name: str,
                   only: int | None = None) -> list[BoardReport]:
    data = _load(session, label, today)
    alloc = data.allocation
    grant_notes = _grant_notes(session, data.label)
    agreement_rows: dict[str, list[agreement_service.AgreementRow]] = defaultdict(list)
    for a in agreement_service.list_agreements(session, agreement_service.AgreementFilter(data.label)):
        agreement_rows[name_key(a.board)].append(a)
    reports = []
    for b in alloc.boards:
        if only is not None and b.board_id != only:
            continue
        row = lookup.board(session, b.name)
        lines = tuple(data.pair_line(alloc.cell(b.board_id, p.provider_id)) for p in alloc.providers)
        own_rows = [r for r in data.rows if r.board_id == b.board_id]
        months = tuple(
            BoardMonth(r.provider, r.month, r.budget, r.reserve, r.used, r.lapsed, r.left - r.lapsed, r.closed,
                       r.ended, _join_notes(r.note, grant_notes.get((name_key(b.name), name_key(r.provider),
                                                                     r.month), [])))
            for r in own_rows)
        own_agreements = tuple(
            BoardAgreement(a.number, a.school, a.provider, a.kind.label, a.description, a.minutes, a.booked,
                           a.first_month, a.last_month, a.status.value, a.reported_on, a.registered_on,
                           a.confirmed_on, a.closed_on)
            for a in agreement_rows.get(name_key(b.name), []))
        reports.append(BoardReport(
            clean_name(swv_name) or DEFAULT_SWV_NAME, data.label, today, data.is_demo, b.name,
            row.contact_person, row.email, b.key, lines, total(line.figures for line in lines), months,
            month_lines(own_rows, data.months), own_agreements, is_final(data.months, data.closed)))
    return reports


def _grant_notes(session: Session, label: str) -> dict[tuple[str, str, Month], list[str]]:
    notes: dict[tuple[str, str, Month], list[str]] = defaultdict(list)
    for g in reserve_service.grants(session, label):
        notes[(name_key(g.board), name_key(g.provider), g.month)].append(g.reason)
    return notes


def _join_notes(budget_note: str, grant_reasons: list[str]) -> str:
    parts = []
    if budget_note.strip():
        parts.append(f"Afwijkende afspraak: {budget_note.strip()}")
    parts += [f"Reserve: {reason.strip()}" for reason in grant_reasons if reason.strip()]
    return "; ".join(parts)


# ---------------------------------------------------------------- provider overview

@dataclass(frozen=True)
class ProviderMonth:
    """One board in one month at this provider (minutes)."""

    board: str
    month: Month
    budget: int
    reserve: int
    used: int
    lapsed: int
    left: int


@dataclass(frozen=True)
class ProviderAgreement:
    """An agreement as the provider plans it; no pupil reference, no description."""

    number: str
    board: str
    school: str
    kind: str
    minutes: int
    booked: int
    first_month: Month
    last_month: Month
    status: str
    confirmed_on: dt.date | None


@dataclass(frozen=True)
class ProviderReport:
    """A provider's monthly commitments per board, so it can plan its staff."""

    swv_name: str
    year: str
    printed_on: dt.date
    is_demo: bool
    provider: str
    cluster: str
    contract_hours: int
    reserve_hours: int
    available_hours: int
    months: tuple[Month, ...]
    boards: tuple[PairLine, ...]
    total: Figures
    cells: tuple[ProviderMonth, ...]  # board by board, month by month
    month_totals: tuple[MonthLine, ...]
    agreements: tuple[ProviderAgreement, ...]

    @property
    def reserve_left(self) -> int:
        """Reserve not yet granted (minutes)."""
        return self.reserve_hours * MINUTES_PER_HOUR - self.total.reserve


def provider_report(session: Session, label: str, provider: str, today: dt.date, *,
                    swv_name: str = DEFAULT_SWV_NAME) -> ProviderReport:
    year = lookup.year(session, label)
    provider_id = lookup.year_provider(session, year, provider).provider_id
    data = _load(session, year.label, today)
    alloc = data.allocation
    line = next(p for p in alloc.providers if p.provider_id == provider_id)
    boards = tuple(data.pair_line(alloc.cell(b.board_id, provider_id)) for b in alloc.boards)
    rows = [r for r in data.rows if r.provider_id == provider_id]
    cells = tuple(ProviderMonth(r.board, r.month, r.budget, r.reserve, r.used, r.lapsed, r.left - r.lapsed)
                  for r in rows)
    agreements = tuple(
        ProviderAgreement(a.number, a.board, a.school, a.kind.label, a.minutes, a.booked, a.first_month,
                          a.last_month, a.status.value, a.confirmed_on)
        for a in agreement_service.list_agreements(
            session, agreement_service.AgreementFilter(data.label, provider=line.name))
        if a.status is not Status.WITHDRAWN)
    return ProviderReport(
        clean_name(swv_name) or DEFAULT_SWV_NAME, data.label, today, data.is_demo, line.name, line.cluster,
        line.contract_hours, line.reserve_hours, line.available_hours, data.months, boards,
        total(b.figures for b in boards), cells, month_lines(rows, data.months), agreements)


# ---------------------------------------------------------------- confirmation letter

@dataclass(frozen=True)
class Party:
    organisation: str
    contact: str
    email: str


@dataclass(frozen=True)
class ConfirmationLetter:
    """The confirmation of an agreement to both parties (DOMAIN.md point 7.4)."""

    swv_name: str
    number: str
    year: str
    board: Party
    provider: Party
    school: str
    kind: str
    description: str
    pupil_ref: str
    minutes: int
    first_month: Month
    last_month: Month
    start_month: Month  # hours count from the later of the first month and the month of confirmation
    reported_on: dt.date
    registered_on: dt.date | None
    confirmed_on: dt.date
    is_demo: bool
    sender_email: str = ""

    @property
    def is_arrangement(self) -> bool:
        return self.kind == Kind.ARRANGEMENT.label


def confirmation_letter(session: Session, number: str, *, swv_name: str = DEFAULT_SWV_NAME,
                        sender_email: str = "") -> ConfirmationLetter:
    """The letter of a confirmed agreement; refused before it is confirmed or after it is withdrawn."""
    a = agreement_service.get(session, number)
    if a.confirmed_on is None or a.status in (Status.REPORTED, Status.REGISTERED):
        raise Conflict(f"Overeenkomst {a.number} is nog niet bevestigd; bevestig haar eerst en maak dan de brief.",
                       field="agreement")
    if a.status is Status.WITHDRAWN:
        raise Conflict(f"Overeenkomst {a.number} is ingetrokken; daarvoor gaat geen bevestiging meer uit.",
                       field="agreement")
    board = lookup.board(session, a.board)
    provider = lookup.provider(session, a.provider)
    return ConfirmationLetter(
        clean_name(swv_name) or DEFAULT_SWV_NAME, a.number, a.year,
        Party(board.name, clean_name(a.board_contact or board.contact_person), board.email.strip()),
        Party(provider.name, clean_name(a.provider_contact or provider.contact_person), provider.email.strip()),
        a.school, a.kind.label, a.description, a.pupil_ref, a.minutes, a.first_month, a.last_month,
        first_bookable_month(a.first_month, a.confirmed_on), a.reported_on, a.registered_on, a.confirmed_on,
        a.is_demo, sender_email.strip())
