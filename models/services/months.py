"""Closing and reopening months (maand afsluiten / heropenen)."""
from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import Conflict, InvalidInput
from ..domain.months import Month
from ..domain.privacy import check_text
from ..orm import MonthEvent, SchoolYear
from . import lookup
from .reporting import budget_rows, closed_months


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""


def check_open(session: Session, year: SchoolYear, month: Month) -> None:
    """Refuse changes to a closed month."""
    if month in closed_months(session, year.id):
        raise Conflict(f"{month.label.capitalize()} is afgesloten; heropen de maand eerst om iets te wijzigen.",
                       field="month")


def close(session: Session, label: str, month_text: str, today: dt.date) -> None:
    year = lookup.year(session, label)
    month = lookup.month_of_year(year, month_text)
    if month > Month.of(today):
        raise Conflict(f"{month.label.capitalize()} is nog niet begonnen en kan niet worden afgesloten.",
                       field="month")
    if month in closed_months(session, year.id):
        raise Conflict(f"{month.label.capitalize()} is al afgesloten.", field="month")
    session.add(MonthEvent(year_id=year.id, month=str(month), action="afgesloten", user=os_user()))
    session.flush()


def reopen(session: Session, label: str, month_text: str, reason: str) -> None:
    year = lookup.year(session, label)
    month = lookup.month_of_year(year, month_text)
    reason = check_text(reason, "Reden", field="reason")
    if not reason:
        raise InvalidInput("Geef een reden om de maand te heropenen.", field="reason")
    if month not in closed_months(session, year.id):
        raise Conflict(f"{month.label.capitalize()} is niet afgesloten.", field="month")
    session.add(MonthEvent(year_id=year.id, month=str(month), action="heropend", reason=reason,
                           user=os_user()))
    session.flush()


@dataclass(frozen=True)
class MonthEventRow:
    month: Month
    action: str
    reason: str
    user: str
    at: dt.datetime


def history(session: Session, label: str) -> list[MonthEventRow]:
    year = lookup.year(session, label)
    rows = session.scalars(select(MonthEvent).where(MonthEvent.year_id == year.id).order_by(MonthEvent.id))
    return [MonthEventRow(Month.parse(e.month), e.action, e.reason, e.user, e.at) for e in rows]


@dataclass(frozen=True)
class MonthState:
    month: Month
    closed: bool
    started: bool  # a month that has not begun cannot be closed


def states(session: Session, label: str, today: dt.date) -> list[MonthState]:
    """Every budget month of a year: closed or open, begun or not."""
    year = lookup.year(session, label)
    closed = closed_months(session, year.id)
    return [MonthState(m, m in closed, m <= Month.of(today)) for m in lookup.year_months(year)]


@dataclass(frozen=True)
class ClosingFigures:
    """What a month holds before it is closed (minutes): used, budget + reserve, what closing lets lapse; the
    year's providers and those without hours in it."""

    month: Month
    used: int
    limit: int
    lapses: int
    providers: tuple[str, ...]
    silent: tuple[str, ...]


def closing_figures(session: Session, label: str, month: Month, today: dt.date) -> ClosingFigures | None:
    """The figures the dialog that closes `month` shows; None when the year has no budget in it."""
    cells = [r for r in budget_rows(session, label, today) if r.month == month]
    if not cells:
        return None
    providers = tuple(dict.fromkeys(r.provider for r in cells))
    busy = {r.provider for r in cells if r.used}
    return ClosingFigures(month, sum(r.used for r in cells), sum(r.budget + r.reserve for r in cells),
                          sum(r.left for r in cells), providers, tuple(p for p in providers if p not in busy))
