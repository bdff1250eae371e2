"""Reserve grants (reservetoekenningen): a provider's reserve, granted per board and month."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.budget import check_reserve_grant
from ..domain.errors import Conflict, InvalidInput, NotFound
from ..domain.units import format_hours
from ..domain.months import Month, month_range
from ..domain.privacy import check_text
from ..orm import ReserveGrant, SchoolYear
from . import lookup
from .months import check_open
from .reporting import month_use


@dataclass(frozen=True)
class GrantInput:
    year: str
    board: str
    provider: str
    month: Month
    minutes: int
    reason: str


def granted_total(session: Session, year_id: int, provider_id: int) -> int:
    return session.scalar(select(func.coalesce(func.sum(ReserveGrant.minutes), 0))
                          .where(ReserveGrant.year_id == year_id, ReserveGrant.provider_id == provider_id)) or 0


def grant(session: Session, cmd: GrantInput, today: dt.date) -> int:
    year = lookup.year(session, cmd.year)
    year_board = lookup.year_board(session, year, cmd.board)
    year_provider = lookup.year_provider(session, year, cmd.provider)
    month = lookup.month_of_year(year, cmd.month)
    if cmd.minutes <= 0:
        raise InvalidInput("Geef een aantal uren boven 0.", field="hours")
    reason = check_text(cmd.reason, "Reden", field="reason")
    if not reason:
        raise InvalidInput("Geef een reden voor de toekenning.", field="reason")
    check_open(session, year, month)
    check_reserve_grant(year_provider.reserve_minutes, granted_total(session, year.id, year_provider.provider_id),
                        cmd.minutes, year_provider.provider.name)
    row = ReserveGrant(year_id=year.id, board_id=year_board.board_id, provider_id=year_provider.provider_id,
                       month=str(month), minutes=cmd.minutes, reason=reason, granted_on=today)
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True)
class GrantRow:
    id: int
    board: str
    provider: str
    month: Month
    minutes: int
    reason: str
    granted_on: dt.date


@dataclass(frozen=True)
class ReserveLine:
    provider: str
    reserve: int
    granted: int

    @property
    def left(self) -> int:
        return self.reserve - self.granted


def grants(session: Session, label: str) -> list[GrantRow]:
    year = lookup.year(session, label)
    rows = session.scalars(select(ReserveGrant).where(ReserveGrant.year_id == year.id)
                           .order_by(ReserveGrant.month, ReserveGrant.id))
    return [GrantRow(g.id, g.board.name, g.provider.name, Month.parse(g.month), g.minutes, g.reason, g.granted_on)
            for g in rows]


def reserve_lines(session: Session, label: str) -> list[ReserveLine]:
    year = lookup.year(session, label)
    return [ReserveLine(yp.provider.name, yp.reserve_minutes, granted_total(session, year.id, yp.provider_id))
            for yp in year.providers]


def grant_range(session: Session, cmd: GrantInput, last_month: Month, today: dt.date) -> list[int]:
    """Grant the same hours for every month from cmd.month to last_month: one grant per month, all or none."""
    year = lookup.year(session, cmd.year)
    first = lookup.month_of_year(year, cmd.month)
    last = lookup.month_of_year(year, last_month)
    if last < first:
        raise InvalidInput(f"De laatste maand ({last.label}) ligt vóór de eerste ({first.label}).", field="month")
    months = month_range(first, last)
    if cmd.minutes > 0 and len(months) > 1:
        # Name the whole request, not the month where the reserve would run out.
        year_provider = lookup.year_provider(session, year, cmd.provider)
        check_reserve_grant(year_provider.reserve_minutes, granted_total(session, year.id, year_provider.provider_id),
                            cmd.minutes * len(months), year_provider.provider.name)
    return [grant(session, replace(cmd, month=month), today) for month in months]


def revoke(session: Session, grant_id: int, today: dt.date) -> GrantRow:
    """Withdraw a reserve grant made in error: not in a closed month, nor when its hours are in use."""
    row = session.get(ReserveGrant, grant_id)
    if row is None:
        raise NotFound("Deze reservetoekenning bestaat niet (meer).")
    month = Month.parse(row.month)
    year = session.get(SchoolYear, row.year_id)
    assert year is not None  # a foreign key
    check_open(session, year, month)
    use = month_use(session, year, row.board_id, row.provider_id, month)
    if use.used > use.budget + use.reserve - row.minutes:
        raise Conflict(
            f"De toekenning van {format_hours(row.minutes)} uur in {month.label} is in gebruik: "
            f"gebruikt {format_hours(use.used)}, budget {format_hours(use.budget)}, reserve "
            f"{format_hours(use.reserve)}. Verwijder eerst gerealiseerde uren of laat de toekenning staan.")
    gone = GrantRow(row.id, row.board.name, row.provider.name, month, row.minutes, row.reason, row.granted_on)
    session.delete(row)
    session.flush()
    return gone
