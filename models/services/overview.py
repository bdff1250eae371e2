"""The Overzicht screen: one month per board x provider, with what lapsed so far this year."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..domain.months import Month
from ..domain.usage import Usage, usage
from . import forecast, lookup
from .reporting import BudgetRow, budget_rows

#: A month of a board at a provider in words as well as colour (UI.md).
STATUS_WORDS = {Usage.OVER: "over budget", Usage.USED_UP: "op", Usage.NEARLY: "bijna op", Usage.WITHIN: "",
                Usage.NOTHING: ""}


@dataclass(frozen=True)
class OverviewRow:
    board: str
    provider: str
    month: Month
    budget: int
    reserve: int
    used: int
    left: int
    lapsed_so_far: int  # months before and including `month` that ended or are closed
    used_so_far: int
    yearly: int
    closed: bool
    # The forecast for this month as the running month (DOMAIN.md point 12), as `forecast` prints it.
    lapses_this_month: int = 0
    left_in_year: int = 0  # R: what the open months from this month on can still take
    committed: int = 0  # A: what agreements still promise
    not_committed: int = 0  # max(0, R - A)
    over_committed: int = 0  # max(0, A - R)

    @property
    def status(self) -> str:
        """In words as well as colour: 'over budget', 'op', 'bijna op' or ''."""
        return STATUS_WORDS[usage(self.used, self.budget + self.reserve)]

    @property
    def commitment(self) -> str:
        """The forecast in words as well as colour: 'overbelegd', 'niet belegd' or ''."""
        if self.over_committed:
            return "overbelegd"
        if self.not_committed:
            return "niet belegd"
        return ""


@dataclass(frozen=True)
class Overview:
    year: str
    month: Month
    months: tuple[Month, ...]
    rows: tuple[OverviewRow, ...]
    closed: bool


def default_month(months: list[Month], today: dt.date) -> Month:
    """The current month when it lies in the year, else the nearest end of the year."""
    current = Month.of(today)
    if current < months[0]:
        return months[0]
    return min(current, months[-1])


def overview(session: Session, label: str, month: Month | None, today: dt.date) -> Overview:
    year = lookup.year(session, label)
    months = lookup.year_months(year)
    month = month if month in months else default_month(months, today)
    pairs: dict[tuple[str, str], list[BudgetRow]] = {}
    for row in budget_rows(session, label, today):
        pairs.setdefault((row.board, row.provider), []).append(row)
    ahead = {(r.board, r.provider): r.figures for r in forecast.forecast_rows(session, label, month, today)}
    result = []
    closed = False
    for (board, provider), rows in pairs.items():
        this = next(r for r in rows if r.month == month)
        closed = this.closed
        upto = [r for r in rows if r.month <= month]
        f = ahead[(board, provider)]
        result.append(OverviewRow(
            board, provider, month, this.budget, this.reserve, this.used, this.left,
            sum(r.lapsed for r in upto), sum(r.used for r in upto), sum(r.budget for r in rows), this.closed,
            f.lapses_this_month, f.left, f.committed, f.not_committed, f.over_committed))
    return Overview(label, month, tuple(months), tuple(result), closed)
