"""The figures of every school year side by side (DOMAIN.md point 13): per board and provider the yearly hours,
reserve granted, used, lapsed and use in %, the figures of each year's ALV overview (reports.year_figures).

A decade has 15,000 pairs and 165,000 pair-months: each pair's months are summed straight from the reporting
service's sums per month (plain ints, one query of each kind per year), without the ALV overview's month lines,
provider sections and one object per budget row that the overview itself needs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..domain.budget import MonthUse
from ..domain.months import Month, is_final, status_word
from ..domain.names import name_key
from ..orm import SchoolYear
from . import lookup, reporting
from .reports import Figures


@dataclass(frozen=True)
class HistoryRow:
    year: str
    board: str
    provider: str
    figures: Figures
    final: bool  # every budget month of the year is closed

    @property
    def status(self) -> str:
        return status_word(self.final)


def history(session: Session, today: dt.date, *, board: str | None = None) -> list[HistoryRow]:
    """Every school year in order, board by board and provider by provider; only one board's rows when named
    (refused when no board of that name exists)."""
    only = name_key(lookup.board(session, board).name) if board else None
    rows: list[HistoryRow] = []
    for year in session.scalars(select(SchoolYear).order_by(SchoolYear.label)):
        rows += _year_rows(session, year, Month.of(today), only)
    return rows


def _year_rows(session: Session, year: SchoolYear, current: Month, only: str | None) -> list[HistoryRow]:
    """One year's rows, board by board with its providers in order, as its ALV overview's board sections."""
    alloc = reporting.allocation_of(session, year)
    closed = reporting._closed_labels(session, year.id)
    months = _Months(alloc.months, closed, current)
    final = is_final(alloc.months, {Month.parse(m) for m in closed})
    spreads = reporting._month_spreads(alloc)
    adjusted = reporting._adjustments(session, year.id)
    used = _by_pair(session, reporting._used_query(year.id, None, None, None))
    reserve = _by_pair(session, reporting._reserve_query(year.id, None, None, None))
    counted = reporting.agreement_totals(session, year.id)
    nothing: dict[str, int] = {}
    no_agreements = reporting.AgreementTotals(0, 0)
    rows = []
    for cell in alloc.cells:
        if only is not None and name_key(cell.board) != only:
            continue
        key = (cell.board_id, cell.provider_id)
        budget, reserved, spent, lapsed, still_open = months.summed(
            spreads[key], adjusted.get(key, ()), reserve.get(key, nothing), used.get(key, nothing))
        agreements = counted.get(key, no_agreements)
        figures = Figures(cell.yearly_hours, cell.per_month, budget, reserved, spent, lapsed, still_open,
                          agreements.count, agreements.minutes)
        rows.append(HistoryRow(year.label, cell.board, cell.provider, figures, final))
    return rows


def _by_pair(session: Session, query: Select[int, int, str, int]) -> dict[tuple[int, int], dict[str, int]]:
    """Sums (board, provider, 'YYYY-MM', minutes) as {(board, provider): {'YYYY-MM': minutes}}, as reporting's,
    read through the session's connection: a decade's 70,000 plain rows need none of the ORM's row handling."""
    result: dict[tuple[int, int], dict[str, int]] = {}
    for b, p, m, total in session.connection().execute(query):
        per_month = result.get((b, p))
        if per_month is None:
            per_month = result[(b, p)] = {}
        per_month[m] = int(total)
    return result


_Use = tuple[int, int, int, int, int]  # budget, reserve, used, lapsed, still open (minutes)


class _Months:
    """A year's budget months, summing one pair's months: a month without reserve, use or budget set by hand
    adds what the even spread's month adds, worked out once per yearly figure (most of a decade's 165,000)."""

    def __init__(self, months: tuple[Month, ...], closed: set[str], current: Month) -> None:
        self.months = [(m, str(m), str(m) in closed or m < current) for m in months]
        self.position = {text: i for i, (_, text, _) in enumerate(self.months)}
        self.spread_uses: dict[int, tuple[list[_Use], _Use]] = {}
        self.budget_uses: dict[tuple[int, int], _Use] = {}  # a month with only its budget: few distinct ones

    def use(self, i: int, budget: int, reserve: int, used: int) -> _Use:
        month, _, ended_or_closed = self.months[i]
        use = MonthUse(month, budget, reserve, used)
        lapsed = use.lapsed(ended_or_closed=ended_or_closed)
        return budget, reserve, used, lapsed, use.left - lapsed

    def _budget_only(self, i: int, budget: int) -> _Use:
        known = self.budget_uses.get((i, budget))
        if known is None:
            known = self.budget_uses[(i, budget)] = self.use(i, budget, 0, 0)
        return known

    def summed(self, spread: tuple[int, list[int]], adjusted: Iterable[tuple[str, int, str]],
               reserve: dict[str, int], used: dict[str, int]) -> _Use:
        """A pair's months summed: its budgets the even `spread`, with those set by hand laid over it."""
        known = self.spread_uses.get(spread[0])
        if known is None:
            uses = [self._budget_only(i, budget) for i, budget in enumerate(spread[1])]
            known = self.spread_uses[spread[0]] = (uses, _add(uses))
        uses, sums = known
        budgets: dict[int, int] = {}
        for text, minutes, _note in adjusted:
            i = self.position.get(text)
            if i is None:
                Month.parse(text)  # as the month budgets: a malformed month is an error, another is no month
            else:
                budgets[i] = minutes
        changed = set(budgets)
        changed.update(self.position[text] for text in (*reserve, *used) if text in self.position)
        if not changed:
            return sums
        before = [uses[i] for i in changed]
        after = [self.use(i, budgets.get(i, spread[1][i]), reserve.get(self.months[i][1], 0),
                          used.get(self.months[i][1], 0)) for i in changed]
        return tuple(s - b + a for s, b, a in zip(sums, _add(before), _add(after)))  # type: ignore[return-value]


def _add(uses: Iterable[_Use]) -> _Use:
    budget = reserve = used = lapsed = still_open = 0
    for b, r, u, la, o in uses:
        budget += b
        reserve += r
        used += u
        lapsed += la
        still_open += o
    return budget, reserve, used, lapsed, still_open
