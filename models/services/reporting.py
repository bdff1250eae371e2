"""The one reporting service: the distribution and the month budgets with their use.

The Overzicht screen, the CSV of the command line and the printed reports all read
these functions, so they can never disagree.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Iterable, Iterator

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from ..domain.allocation import (
    KeyInput, Rounding, available_hours, average_per_month, split_over_months, suggest_keys, yearly_hours,
)
from ..domain.budget import MonthUse, month_left
from ..domain.errors import InvalidInput
from ..domain.months import Month
from ..domain.units import MINUTES_PER_HOUR, format_hours
from ..domain.usage import Usage
from ..orm import Agreement, BudgetAdjustment, HourEntry, MonthEvent, ReserveGrant, SchoolYear
from . import lookup


@dataclass(frozen=True)
class ProviderLine:
    provider_id: int
    name: str
    cluster: str
    contract_hours: int
    reserve_hours: int
    available_hours: int
    handed_out_hours: int

    @property
    def gap(self) -> int:
        """Hours handed out minus available: +1 is one hour too many."""
        return self.handed_out_hours - self.available_hours


@dataclass(frozen=True)
class BoardLine:
    board_id: int
    name: str
    pupil_share: int
    key: int
    minimum: int | None
    suggested: int | None


@dataclass(frozen=True)
class AllocationCell:
    board_id: int
    board: str
    provider_id: int
    provider: str
    key: int
    yearly_hours: int
    per_month: int


@dataclass(frozen=True)
class Allocation:
    year: str
    rounding: Rounding
    months: tuple[Month, ...]
    providers: tuple[ProviderLine, ...]
    boards: tuple[BoardLine, ...]
    cells: tuple[AllocationCell, ...]
    suggestion_problem: str | None = None

    def cell(self, board_id: int, provider_id: int) -> AllocationCell:
        return self._index[(board_id, provider_id)]

    @cached_property
    def _index(self) -> dict[tuple[int, int], AllocationCell]:
        """Built once (the cells never change): reports ask for 1,500 cells one by one."""
        return {(c.board_id, c.provider_id): c for c in self.cells}

    @property
    def warnings(self) -> list[str]:
        """The rounding gap per provider, in words."""
        lines = []
        for p in self.providers:
            if p.gap:
                more_less = "meer" if p.gap > 0 else "minder"
                lines.append(
                    f"{p.name}: de jaaruren tellen op tot {p.handed_out_hours}, beschikbaar is "
                    f"{p.available_hours} ({abs(p.gap)} uur {more_less} door afronden per cel).")
        return lines


def allocation(session: Session, label: str) -> Allocation:
    return allocation_of(session, lookup.year(session, label))


def allocation_of(session: Session, year: SchoolYear) -> Allocation:
    months = tuple(lookup.year_months(year))
    rounding = Rounding(year.rounding)
    boards = list(year.boards)
    keys = [b.key_share for b in boards]
    suggestion: list[int | None] = [None] * len(boards)
    problem = None
    try:
        suggestion = list(suggest_keys([KeyInput(b.pupil_share, b.minimum_share) for b in boards]))
    except InvalidInput as error:
        problem = error.message
    providers, yearly = [], {}
    for yp in year.providers:
        available = available_hours(yp.contract_minutes // MINUTES_PER_HOUR, yp.reserve_minutes // MINUTES_PER_HOUR)
        yearly[yp.provider_id] = yearly_hours(available, keys, rounding)
        providers.append(ProviderLine(
            yp.provider_id, yp.provider.name, yp.provider.cluster, yp.contract_minutes // MINUTES_PER_HOUR,
            yp.reserve_minutes // MINUTES_PER_HOUR, available, sum(yearly[yp.provider_id])))
    board_lines = tuple(
        BoardLine(b.board_id, b.board.name, b.pupil_share, b.key_share, b.minimum_share, s)
        for b, s in zip(boards, suggestion))
    per_month = {hours: average_per_month(hours, len(months)) for hours in
                 {hours for figures in yearly.values() for hours in figures}}
    cells = [  # board by board, each with its providers in order (plain lines: a large SWV has 1,500 cells)
        AllocationCell(b.board_id, b.name, p.provider_id, p.name, b.key, yearly[p.provider_id][i],
                       per_month[yearly[p.provider_id][i]])
        for i, b in enumerate(board_lines) for p in providers]
    return Allocation(year.label, rounding, months, tuple(providers), board_lines, tuple(cells), problem)


# ---------------------------------------------------------------- month budgets

@dataclass(frozen=True, slots=True)
class BudgetRow:
    """One board at one provider in one month (minutes). A year of a large SWV has 16,500 of them:
    slots keep each row one small object (no attribute dict for the garbage collector to track)."""

    board_id: int
    board: str
    provider_id: int
    provider: str
    month: Month
    budget: int
    reserve: int
    used: int
    closed: bool
    ended: bool
    note: str = ""

    @property
    def use(self) -> MonthUse:
        return MonthUse(self.month, self.budget, self.reserve, self.used)

    @property
    def left(self) -> int:
        return self.use.left

    @property
    def lapsed(self) -> int:
        return self.use.lapsed(ended_or_closed=self.ended or self.closed)

    def lapsed_and_open(self) -> tuple[int, int]:
        """`lapsed` and `left - lapsed` (still open), the rule on plain minutes, for reports summing 16,500 rows."""
        left = month_left(self.budget, self.reserve, self.used)
        return (left, 0) if self.ended or self.closed else (0, left)

    @property
    def over(self) -> bool:
        return self.use.usage is Usage.OVER


@dataclass(frozen=True)
class PairBudget:
    """The month budgets of one board at one provider, and whether they still add up."""

    board_id: int
    provider_id: int
    yearly_minutes: int
    months: dict[Month, int] = field(default_factory=dict)
    notes: dict[Month, str] = field(default_factory=dict)

    @property
    def gap(self) -> int:
        return sum(self.months.values()) - self.yearly_minutes


def _month_spreads(alloc: Allocation) -> dict[tuple[int, int], tuple[int, list[int]]]:
    """Per (board, provider): the yearly minutes and the even spread over alloc.months, in minutes.

    The one place the default month budgets are computed for a whole year (default_month_budgets'
    rule, worked out once per distinct yearly figure instead of once per pair)."""
    count = len(alloc.months)
    spreads: dict[int, list[int]] = {}
    result = {}
    for cell in alloc.cells:
        hours = cell.yearly_hours
        spread = spreads.get(hours)
        if spread is None:
            spread = spreads[hours] = [part * MINUTES_PER_HOUR for part in split_over_months(hours, count)]
        result[(cell.board_id, cell.provider_id)] = (hours * MINUTES_PER_HOUR, spread)
    return result


def _adjustments(session: Session, year_id: int, board_id: int | None = None,
                 provider_id: int | None = None) -> dict[tuple[int, int], list[tuple[str, int, str]]]:
    """The month budgets set by hand per (board, provider): (month 'YYYY-MM', minutes, note)."""
    query = (select(BudgetAdjustment.board_id, BudgetAdjustment.provider_id, BudgetAdjustment.month,
                    BudgetAdjustment.minutes, BudgetAdjustment.note)
             .where(BudgetAdjustment.year_id == year_id))
    if board_id is not None:
        query = query.where(BudgetAdjustment.board_id == board_id)
    if provider_id is not None:
        query = query.where(BudgetAdjustment.provider_id == provider_id)
    adjusted: dict[tuple[int, int], list[tuple[str, int, str]]] = defaultdict(list)
    for b, p, month, minutes, note in session.execute(query):
        adjusted[(b, p)].append((month, minutes, note))
    return adjusted


def pair_budgets(session: Session, year: SchoolYear, alloc: Allocation | None = None,
                 board_id: int | None = None, provider_id: int | None = None) -> dict[tuple[int, int], PairBudget]:
    """Month budgets per (board, provider): the even spread, with the months set by hand laid over it."""
    alloc = alloc or allocation_of(session, year)
    spreads = _month_spreads(alloc)
    adjusted = _adjustments(session, year.id, board_id, provider_id)
    result = {}
    for cell in alloc.cells:
        if (board_id is not None and cell.board_id != board_id) or \
                (provider_id is not None and cell.provider_id != provider_id):
            continue
        key = (cell.board_id, cell.provider_id)
        yearly, spread = spreads[key]
        months = dict(zip(alloc.months, spread))
        notes = {}
        for text, minutes, note in adjusted.get(key, ()):
            month = Month.parse(text)
            months[month] = minutes
            notes[month] = note
        result[key] = PairBudget(cell.board_id, cell.provider_id, yearly, months, notes)
    return result


def _closed_labels(session: Session, year_id: int) -> set[str]:
    """Months ('YYYY-MM') whose latest event is a closing."""
    latest = (select(MonthEvent.month, func.max(MonthEvent.id).label("last_id"))
              .where(MonthEvent.year_id == year_id).group_by(MonthEvent.month).subquery())
    rows = session.execute(
        select(MonthEvent.month).join(latest, MonthEvent.id == latest.c.last_id)
        .where(MonthEvent.action == "afgesloten"))
    return {m for (m,) in rows}


def closed_months(session: Session, year_id: int) -> set[Month]:
    """Months whose latest event is a closing."""
    return {Month.parse(m) for m in _closed_labels(session, year_id)}


def _used_query(year_id: int, board_id: int | None, provider_id: int | None,
                month: Month | None) -> Select[int, int, str, int]:
    """Realised minutes per (board, provider, month 'YYYY-MM'), summed in SQL.

    First per agreement and month, straight off the covering index (agreement_id, month, minutes) in
    index order, then per board and provider over those few thousand sums: grouping the year's
    hundred thousand entries by board and provider directly needs a temporary B-tree over all of them."""
    agreements = select(Agreement.id).where(Agreement.year_id == year_id)
    if board_id is not None:
        agreements = agreements.where(Agreement.board_id == board_id)
    if provider_id is not None:
        agreements = agreements.where(Agreement.provider_id == provider_id)
    sums = (select(HourEntry.agreement_id, HourEntry.month, func.sum(HourEntry.minutes).label("minutes"))
            .where(HourEntry.agreement_id.in_(agreements)))
    if month is not None:
        sums = sums.where(HourEntry.month == str(month))
    per_agreement = sums.group_by(HourEntry.agreement_id, HourEntry.month).subquery()
    return (select(Agreement.board_id, Agreement.provider_id, per_agreement.c.month,
                   func.sum(per_agreement.c.minutes))
            .join(per_agreement, per_agreement.c.agreement_id == Agreement.id)
            .group_by(Agreement.board_id, Agreement.provider_id, per_agreement.c.month))


def used_minutes(session: Session, year_id: int, board_id: int | None = None, provider_id: int | None = None,
                 month: Month | None = None) -> dict[tuple[int, int, Month], int]:
    """Realised minutes per (board, provider, month), summed in SQL."""
    return {(b, p, Month.parse(m)): int(total)
            for b, p, m, total in session.execute(_used_query(year_id, board_id, provider_id, month))}


def _reserve_query(year_id: int, board_id: int | None, provider_id: int | None,
                   month: Month | None) -> Select[int, int, str, int]:
    """Granted reserve minutes per (board, provider, month 'YYYY-MM')."""
    query = (select(ReserveGrant.board_id, ReserveGrant.provider_id, ReserveGrant.month,
                    func.sum(ReserveGrant.minutes))
             .where(ReserveGrant.year_id == year_id)
             .group_by(ReserveGrant.board_id, ReserveGrant.provider_id, ReserveGrant.month))
    conditions = []
    if board_id is not None:
        conditions.append(ReserveGrant.board_id == board_id)
    if provider_id is not None:
        conditions.append(ReserveGrant.provider_id == provider_id)
    if month is not None:
        conditions.append(ReserveGrant.month == str(month))
    if conditions:
        query = query.where(and_(*conditions))
    return query


def reserve_minutes(session: Session, year_id: int, board_id: int | None = None, provider_id: int | None = None,
                    month: Month | None = None) -> dict[tuple[int, int, Month], int]:
    """Granted reserve minutes per (board, provider, month)."""
    return {(b, p, Month.parse(m)): int(total)
            for b, p, m, total in session.execute(_reserve_query(year_id, board_id, provider_id, month))}


def _by_pair(session: Session, query: Select[int, int, str, int]) -> dict[tuple[int, int], dict[str, int]]:
    """Rows (board, provider, 'YYYY-MM', minutes) as {(board, provider): {'YYYY-MM': minutes}}, read through the
    session's connection: a year's 7,000 plain rows (a decade's 70,000) need none of the ORM's row handling."""
    result: dict[tuple[int, int], dict[str, int]] = {}
    for b, p, m, total in session.connection().execute(query).all():
        per_month = result.get((b, p))
        if per_month is None:
            per_month = result[(b, p)] = {}
        per_month[m] = int(total)
    return result


def month_use(session: Session, year: SchoolYear, board_id: int, provider_id: int, month: Month) -> MonthUse:
    """What one board may still use at one provider in one month: the no-carry-over cap."""
    return month_uses(session, year, board_id=board_id, provider_id=provider_id)[(board_id, provider_id, month)]


def month_uses(session: Session, year: SchoolYear, *, board_id: int | None = None,
               provider_id: int | None = None) -> dict[tuple[int, int, Month], MonthUse]:
    """Budget, reserve granted and used per (board, provider, month) of the year, for one board, one provider
    or both: what an entry is checked against (services.hours)."""
    alloc = allocation_of(session, year)
    reserve = reserve_minutes(session, year.id, board_id, provider_id)
    used = used_minutes(session, year.id, board_id, provider_id)
    result = {}
    for (b, p), pair in pair_budgets(session, year, alloc, board_id, provider_id).items():
        for month, budget in pair.months.items():
            key = (b, p, month)
            result[key] = MonthUse(month, budget, reserve.get(key, 0), used.get(key, 0))
    return result


_ROW_FIELDS = ("board_id", "board", "provider_id", "provider", "month", "budget", "reserve", "used", "closed",
               "ended", "note")
assert tuple(f.name for f in fields(BudgetRow)) == _ROW_FIELDS, "budget_rows fills BudgetRow field by field"
# The slots' own setters: what the frozen __init__ reaches through object.__setattr__, called directly.
_SET_ROW = tuple(getattr(BudgetRow, name).__set__ for name in _ROW_FIELDS)


def budget_rows(session: Session, label: str, today: dt.date, *, board: str | None = None,
                provider: str | None = None) -> list[BudgetRow]:
    """Every board x provider x month of a year with budget, reserve, used and what lapsed.

    A decade's year has 60 x 25 x 11 rows, so the loop works on plain ints and 'YYYY-MM' strings
    (one Month per month of the year, not per row) and fills each frozen BudgetRow's slots directly
    (what its generated __init__ does through object.__setattr__; it has no __post_init__)."""
    year = lookup.year(session, label)
    board_id = lookup.board(session, board).id if board else None
    provider_id = lookup.provider(session, provider).id if provider else None
    return budget_rows_of(session, year, today, allocation_of(session, year), board_id, provider_id)


def budget_rows_of(session: Session, year: SchoolYear, today: dt.date, alloc: Allocation,
                   board_id: int | None = None, provider_id: int | None = None) -> list[BudgetRow]:
    """budget_rows for a year whose allocation the caller already has (the reports)."""
    spreads = _month_spreads(alloc)
    adjusted = _adjustments(session, year.id, board_id, provider_id)
    used = _by_pair(session, _used_query(year.id, board_id, provider_id, None))
    reserve = _by_pair(session, _reserve_query(year.id, board_id, provider_id, None))
    closed = _closed_labels(session, year.id)
    current = Month.of(today)
    months = alloc.months
    labels = [str(m) for m in months]
    position = {text: i for i, text in enumerate(labels)}
    per_month = [(m, text, text in closed, m < current) for m, text in zip(months, labels)]
    nothing: dict[str, int] = {}
    new = object.__new__
    set_board_id, set_board, set_provider_id, set_provider, set_month, set_budget, set_reserve, set_used, \
        set_closed, set_ended, set_note = _SET_ROW
    rows: list[BudgetRow] = []
    append = rows.append
    for cell in alloc.cells:
        b, p = cell.board_id, cell.provider_id
        if (board_id is not None and b != board_id) or (provider_id is not None and p != provider_id):
            continue
        key = (b, p)
        budgets = spreads[key][1]
        notes: dict[str, str] = {}
        if key in adjusted:
            budgets = list(budgets)
            for text, minutes, note in adjusted[key]:
                i = position.get(text)
                if i is None:
                    Month.parse(text)  # as pair_budgets: a malformed month is an error, another is no row
                    continue
                budgets[i] = minutes
                notes[text] = note
        pair_used = used.get(key, nothing)
        pair_reserve = reserve.get(key, nothing)
        board_name, provider_name = cell.board, cell.provider
        for i, (month, text, is_closed, ended) in enumerate(per_month):
            row = new(BudgetRow)
            set_board_id(row, b)
            set_board(row, board_name)
            set_provider_id(row, p)
            set_provider(row, provider_name)
            set_month(row, month)
            set_budget(row, budgets[i])
            set_reserve(row, pair_reserve.get(text, 0))
            set_used(row, pair_used.get(text, 0))
            set_closed(row, is_closed)
            set_ended(row, ended)
            set_note(row, notes.get(text, "") if notes else "")
            append(row)
    return rows


# ---------------------------------------------------------------- a year's months summed per pair

MonthSums = tuple[int, int, int, int, int]  # budget, reserve granted, used, lapsed, still open (minutes)


def pair_sums(session: Session, year: SchoolYear, today: dt.date, alloc: Allocation,
              closed: set[Month]) -> dict[tuple[int, int], MonthSums]:
    """Per (board, provider): its budget rows (budget_rows_of) summed, on plain minutes without making the rows
    (the figures over the years read a decade's 165,000 pair-months); `closed`: the year's closed months."""
    months, pairs = _pair_inputs(session, year, today, alloc, closed)
    return {key: months.summed(*inputs) for key, inputs in pairs}


def pair_months(session: Session, year: SchoolYear, today: dt.date, alloc: Allocation,
                closed: set[Month]) -> dict[tuple[int, int], list[MonthSums]]:
    """Per (board, provider): its budget rows (budget_rows_of) as plain minutes, month by month in the order of
    alloc.months; `closed`: the year's closed months (closed_months)."""
    months, pairs = _pair_inputs(session, year, today, alloc, closed)
    return {key: months.each(*inputs) for key, inputs in pairs}


def summed(months: Iterable[MonthSums]) -> MonthSums:
    """Months summed figure by figure."""
    return tuple(map(sum, zip(*months))) or (0, 0, 0, 0, 0)  # type: ignore[return-value]


_PairInputs = tuple[list[int], Iterable[tuple[str, int, str]], dict[str, int], dict[str, int]]


def _pair_inputs(session: Session, year: SchoolYear, today: dt.date, alloc: Allocation,
                 closed: set[Month]) -> tuple[_YearMonths, Iterator[tuple[tuple[int, int], _PairInputs]]]:
    """The year's months, and per pair in the cells' order: the even spread, the budgets set by hand, the reserve
    and the use per month ('YYYY-MM')."""
    months = _YearMonths(alloc.months, closed, Month.of(today))
    spreads = _month_spreads(alloc)
    adjusted = _adjustments(session, year.id)
    used = _by_pair(session, _used_query(year.id, None, None, None))
    reserve = _by_pair(session, _reserve_query(year.id, None, None, None))
    nothing: dict[str, int] = {}
    keys = ((cell.board_id, cell.provider_id) for cell in alloc.cells)
    return months, ((key, (spreads[key][1], adjusted.get(key, ()), reserve.get(key, nothing), used.get(key, nothing)))
                    for key in keys)


class _YearMonths:
    """A year's budget months, reading one pair's months (see pair_sums, pair_months)."""

    def __init__(self, months: tuple[Month, ...], closed: set[Month], current: Month) -> None:
        self.labels = [str(m) for m in months]
        self.lapses = [m in closed or m < current for m in months]  # as BudgetRow's: closed or ended
        self.position = {text: i for i, text in enumerate(self.labels)}

    def summed(self, spread: list[int], adjusted: Iterable[tuple[str, int, str]], reserve: dict[str, int],
               used: dict[str, int]) -> MonthSums:
        """A pair's months summed: `summed(each(...))` without a tuple per month (Verloop reads ten years)."""
        budget_sum = reserve_sum = used_sum = lapsed = still_open = 0
        for budget, label, lapses in zip(self._budgets(spread, adjusted), self.labels, self.lapses):
            granted, spent = reserve.get(label, 0), used.get(label, 0)
            budget_sum += budget
            reserve_sum += granted
            used_sum += spent
            if lapses:
                lapsed += month_left(budget, granted, spent)
            else:
                still_open += month_left(budget, granted, spent)
        return budget_sum, reserve_sum, used_sum, lapsed, still_open

    def each(self, spread: list[int], adjusted: Iterable[tuple[str, int, str]], reserve: dict[str, int],
             used: dict[str, int]) -> list[MonthSums]:
        """A pair's months one by one."""
        result = []
        for budget, label, lapses in zip(self._budgets(spread, adjusted), self.labels, self.lapses):
            granted, spent = reserve.get(label, 0), used.get(label, 0)
            left = month_left(budget, granted, spent)
            result.append((budget, granted, spent, left, 0) if lapses else (budget, granted, spent, 0, left))
        return result

    def _budgets(self, spread: list[int], adjusted: Iterable[tuple[str, int, str]]) -> list[int]:
        """The pair's month budgets: the even `spread`, with those set by hand laid over it."""
        budgets = spread
        for text, minutes, _note in adjusted:
            i = self.position.get(text)
            if i is None:
                Month.parse(text)  # as budget_rows_of: a malformed month is an error, another is no month
                continue
            if budgets is spread:
                budgets = list(spread)
            budgets[i] = minutes
        return budgets


def budget_warnings(session: Session, label: str) -> list[str]:
    """Pairs whose month budgets no longer add up to the yearly hours."""
    year = lookup.year(session, label)
    alloc = allocation_of(session, year)
    names = {(c.board_id, c.provider_id): (c.board, c.provider) for c in alloc.cells}
    lines = []
    for key, pair in pair_budgets(session, year, alloc).items():
        if pair.gap:
            board, provider = names[key]
            lines.append(
                f"{board} bij {provider}: de maandbudgetten tellen op tot {format_hours(sum(pair.months.values()))} "
                f"uur, de jaaruren zijn {format_hours(pair.yearly_minutes)}.")
    return lines


# ---------------------------------------------------------------- agreements per pair

@dataclass(frozen=True)
class AgreementTotals:
    """The agreements of one board at one provider that still count (all but ingetrokken)."""

    count: int
    minutes: int  # hours agreed on them: what the board has committed


def agreement_totals(session: Session, year_id: int, board_id: int | None = None,
                     provider_id: int | None = None) -> dict[tuple[int, int], AgreementTotals]:
    """Number of agreements and hours agreed per (board, provider); withdrawn agreements do not count."""
    query = (select(Agreement.board_id, Agreement.provider_id, func.count(Agreement.id), func.sum(Agreement.minutes))
             .where(Agreement.year_id == year_id, Agreement.status != "ingetrokken")
             .group_by(Agreement.board_id, Agreement.provider_id))
    if board_id is not None:
        query = query.where(Agreement.board_id == board_id)
    if provider_id is not None:
        query = query.where(Agreement.provider_id == provider_id)
    return {(b, p): AgreementTotals(int(n), int(m or 0)) for b, p, n, m in session.execute(query)}
