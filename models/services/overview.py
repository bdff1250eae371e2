"""The Overzicht screen: one month per board x provider, with what lapsed so far this year."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..domain.months import Month
from ..domain.usage import Usage, usage
from . import lookup
from .reporting import budget_rows

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

    @property
    def status(self) -> str:
        """In words as well as colour: 'over budget', 'op', 'bijna op' or ''."""
        return STATUS_WORDS[usage(self.used, self.budget + self.reserve)]


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
    pairs: dict[tuple[str, str], list] = {}
    for row in budget_rows(session, label, today):
        pairs.setdefault((row.board, row.provider), []).append(row)
    result = []
    closed = False
    for (board, provider), rows in pairs.items():
        this = next(r for r in rows if r.month == month)
        closed = this.closed
        upto = [r for r in rows if r.month <= month]
        result.append(OverviewRow(
            board, provider, month, this.budget, this.reserve, this.used, this.left,
            sum(r.lapsed for r in upto), sum(r.used for r in upto), sum(r.budget for r in rows), this.closed))
    return Overview(label, month, tuple(months), tuple(result), closed)
