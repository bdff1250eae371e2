"""What a board has agreed at a provider this year beside its yearly hours there: a hint shown while an agreement
is typed, not a rule (no rule forbids agreeing more than the yearly hours; the monthly budgets still hold)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.domain.agreements import Status
from models.domain.months import Month
from models.domain.names import name_key
from models.domain.units import MINUTES_PER_HOUR

from . import agreements, reporting
from .agreements import AgreementFilter

#: Done or withdrawn agreements hold only what was used on them; the rest is freed.
FINISHED = (Status.DONE, Status.WITHDRAWN)


@dataclass(frozen=True)
class AgreementRoom:
    """A board's yearly hours at a provider and what its agreements of the year hold, in minutes."""

    board: str
    provider: str
    yearly_minutes: int
    agreed_minutes: int  # the other agreements of the year: agreed, or used when done or withdrawn
    agreements: int

    def with_new(self, minutes: int) -> int:
        """What is agreed with an agreement of `minutes` added."""
        return self.agreed_minutes + minutes

    def above(self, minutes: int) -> bool:
        return self.with_new(minutes) > self.yearly_minutes


def agreement_room(session: Session, year: str, board: str, provider: str, *,
                   leave_out: str | None = None) -> AgreementRoom | None:
    """The room for an agreement of `board` at `provider` in `year`; `leave_out` is the agreement being edited.
    None when the board has no yearly hours at that provider in that year."""
    alloc = reporting.allocation(session, year)
    cell = next((c for c in alloc.cells
                 if name_key(c.board) == name_key(board) and name_key(c.provider) == name_key(provider)), None)
    if cell is None:
        return None
    rows = [r for r in agreements.list_agreements(session, AgreementFilter(year, board, provider))
            if r.number != leave_out]
    agreed = sum(r.booked if r.status in FINISHED else r.minutes for r in rows)
    return AgreementRoom(cell.board, cell.provider, cell.yearly_hours * MINUTES_PER_HOUR, agreed, len(rows))


@dataclass(frozen=True)
class MonthsRoom:
    """The months of an agreement as a booking will meet them (minutes): which can still take hours, which
    are lost to it (over before it may be carried out, or closed), and what the open ones can still take."""

    bookable: tuple[Month, ...]
    lost: tuple[Month, ...]
    left: int  # budget + reserve - used over the bookable months, each never below 0


def months_room(session: Session, year: str, board: str, provider: str, first: Month, last: Month,
                from_month: Month, today: dt.date) -> MonthsRoom:
    """An agreement of `board` at `provider` for `first`..`last` that may be carried out from `from_month` on
    (the month it is confirmed in, at the earliest): a warning's figures, never a rule."""
    rows = [r for r in reporting.budget_rows(session, year, today, board=board, provider=provider)
            if first <= r.month <= last]
    bookable = tuple(r.month for r in rows if r.month >= from_month and not r.closed)
    lost = tuple(r.month for r in rows if r.month < from_month or r.closed)
    return MonthsRoom(bookable, lost, sum(r.left for r in rows if r.month in bookable))
