"""Registering realised hours (gerealiseerde uren) under the no-carry-over cap."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import agreements as rules
from ..domain.agreements import Status
from ..domain.budget import check_month
from ..domain.errors import InvalidInput, NotFound
from ..domain.months import Month, month_range
from ..domain.privacy import check_text
from ..orm import Agreement, HourEntry, YearBoard
from . import lookup
from .agreements import AgreementFilter, booked_minutes, list_agreements
from .months import check_open
from .reporting import month_use


@dataclass(frozen=True)
class HoursInput:
    agreement: str
    month: Month
    minutes: int
    note: str = ""
    source: str = "app"


def check(session: Session, cmd: HoursInput, today: dt.date) -> Agreement:
    """Every rule an entry must pass."""
    check_text(cmd.note, "Opmerking", field="note")
    if cmd.minutes <= 0:
        raise InvalidInput("Geef een aantal uren boven 0.", field="hours")
    agreement = lookup.agreement(session, cmd.agreement, for_update=True)
    year = agreement.year
    rules.check_hours_on_agreement(
        number=agreement.number, status=Status(agreement.status), first=Month.parse(agreement.first_month),
        last=Month.parse(agreement.last_month), confirmed_on=agreement.confirmed_on, month=cmd.month, today=today,
        agreed=agreement.minutes, booked=booked_minutes(session, agreement.id),
        requested=cmd.minutes)
    check_open(session, year, cmd.month)
    # Two people booking the last hours of a month at once: on a database server the board's row of the
    # year stays locked until the commit; SQLite writers are serialised already (BEGIN IMMEDIATE).
    session.execute(select(YearBoard.id).where(YearBoard.year_id == year.id,
                                               YearBoard.board_id == agreement.board_id).with_for_update())
    use = month_use(session, year, agreement.board_id, agreement.provider_id, cmd.month)
    check_month(use, cmd.minutes)
    return agreement


def register(session: Session, cmd: HoursInput, today: dt.date) -> int:
    """Add an entry of realised hours; returns its id."""
    agreement = check(session, cmd, today)
    entry = HourEntry(agreement_id=agreement.id, month=str(cmd.month), minutes=cmd.minutes,
                      note=check_text(cmd.note, "Opmerking", field="note"), source=cmd.source)
    session.add(entry)
    session.flush()
    return entry.id


@dataclass(frozen=True)
class EntryRow:
    id: int
    agreement: str
    month: Month
    minutes: int
    note: str
    source: str
    created_at: dt.datetime


def entries(session: Session, number: str) -> list[EntryRow]:
    agreement = lookup.agreement(session, number)
    rows = session.scalars(select(HourEntry).where(HourEntry.agreement_id == agreement.id)
                           .order_by(HourEntry.month, HourEntry.id))
    return [EntryRow(e.id, agreement.number, Month.parse(e.month), e.minutes, e.note, e.source, e.created_at)
            for e in rows]


@dataclass(frozen=True)
class BookableAgreement:
    """A confirmed agreement and the months hours may be booked in now (closed months included)."""

    number: str
    board: str
    provider: str
    description: str
    minutes: int
    booked: int
    months: tuple[Month, ...]

    @property
    def left(self) -> int:
        return max(self.minutes - self.booked, 0)


def bookable_agreements(session: Session, label: str, today: dt.date) -> list[BookableAgreement]:
    """Confirmed agreements of a year with at least one bookable month: from the later of the first month
    and the month of confirmation, up to the last month, never past this month."""
    result = []
    for row in list_agreements(session, AgreementFilter(label, status=Status.CONFIRMED)):
        assert row.confirmed_on is not None
        start = rules.first_bookable_month(row.first_month, row.confirmed_on)
        months = month_range(start, min(row.last_month, Month.of(today))) if start <= Month.of(today) else []
        if months:
            result.append(BookableAgreement(row.number, row.board, row.provider, row.description, row.minutes,
                                            row.booked, tuple(months)))
    return result


def remove_entry(session: Session, entry_id: int) -> EntryRow:
    """Remove an entry registered in error; not from a closed month. The audit trail keeps what it held."""
    entry = session.get(HourEntry, entry_id)
    if entry is None:
        raise NotFound("Deze regel met uren bestaat niet (meer).")
    agreement = session.get(Agreement, entry.agreement_id)
    assert agreement is not None  # a foreign key
    month = Month.parse(entry.month)
    check_open(session, agreement.year, month)
    gone = EntryRow(entry.id, agreement.number, month, entry.minutes, entry.note, entry.source, entry.created_at)
    session.delete(entry)
    session.flush()
    return gone
