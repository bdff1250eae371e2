"""Informing the boards and asking the providers (DOMAIN.md point 11): the data of a month's e-mail drafts,
and the record of which board was given which month's update, when and by whom.

The figures come from the board's workbook report and the forecast, so the e-mail, its attachment, the
`budgets` CSV and `forecast` never disagree. No pupil reference goes into any of it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit import current_user
from ..domain.agreements import Status
from ..domain.forecast import PROMISING, Forecast
from ..domain.months import Month
from ..orm import Board, BoardUpdate as BoardUpdateRow
from . import forecast, hour_sheets, lookup, reports, settings

WAITING = frozenset({Status.REPORTED, Status.REGISTERED})  # not yet confirmed to both parties


@dataclass(frozen=True)
class Sender:
    """The SWV as it signs its e-mail: its name, its sending address (may be '') and signature (may be '')."""

    swv_name: str
    email: str
    signature: str


@dataclass(frozen=True)
class MonthFigures:
    """Summed month figures of one board at one provider (minutes)."""

    budget: int = 0
    reserve: int = 0
    used: int = 0
    lapsed: int = 0
    open: int = 0  # unused in months that have not ended and are not closed: it may still be used

    def __add__(self, other: "MonthFigures") -> "MonthFigures":
        return MonthFigures(self.budget + other.budget, self.reserve + other.reserve, self.used + other.used,
                            self.lapsed + other.lapsed, self.open + other.open)


@dataclass(frozen=True)
class ProviderState:
    provider: str
    month: MonthFigures  # the month of the update
    so_far: MonthFigures  # the year's first month up to and including the month of the update
    ahead: Forecast  # from the month after the update's month (the running month when the e-mail is read)


@dataclass(frozen=True)
class BoardUpdate:
    """One board's update for one month; `report` is the board's workbook, attached as it is."""

    sender: Sender
    month: Month
    next_month: Month | None  # None when the month is the year's last
    providers: tuple[ProviderState, ...]
    ending: tuple[reports.BoardAgreement, ...]  # agreements that still promise hours and end next month
    waiting: tuple[reports.BoardAgreement, ...]  # reported or registered, not yet confirmed
    report: reports.BoardReport


def sender(session: Session, swv_name: str | None = None) -> Sender:
    return Sender(swv_name or settings.swv_name(session), settings.sender_email(session), settings.signature(session))


def board_updates(session: Session, label: str, month_text: str, today: dt.date, *,
                  swv_name: str | None = None) -> list[BoardUpdate]:
    """Every board's update of a year for a budget month of that year, in the order of the boards."""
    year = lookup.year(session, label)
    month = lookup.month_of_year(year, month_text)
    following = month.plus(1)
    signed = sender(session, swv_name)
    ahead = {(r.board_id, r.provider): r.figures
             for r in forecast.forecast_rows(session, year.label, following, today)}
    board_ids = {b.board.name: b.board_id for b in year.boards}
    updates = []
    for report in reports.board_reports(session, year.label, today, swv_name=signed.swv_name):
        states = []
        for line in report.lines:
            own = [m for m in report.months if m.provider == line.provider]
            states.append(ProviderState(
                line.provider, sum((_figures(m) for m in own if m.month == month), MonthFigures()),
                sum((_figures(m) for m in own if m.month <= month), MonthFigures()),
                ahead[(board_ids[report.board], line.provider)]))
        updates.append(BoardUpdate(
            signed, month, following if str(following) <= year.last_month else None, tuple(states),
            tuple(a for a in report.agreements if Status(a.status) in PROMISING and a.last_month == following),
            tuple(a for a in report.agreements if Status(a.status) in WAITING), report))
    return updates


def _figures(m: reports.BoardMonth) -> MonthFigures:
    return MonthFigures(m.budget, m.reserve, m.used, m.lapsed, m.left)


class Given(Protocol):
    """What writing the drafts gives back: to which board (name, address) a draft was written."""

    @property
    def given(self) -> Sequence[tuple[str, str]]: ...


W = TypeVar("W", bound=Given)


def give_board_updates(session: Session, label: str, month_text: str, today: dt.date,
                       write: Callable[[list[BoardUpdate]], W | None], *, swv_name: str | None = None) -> W | None:
    """Every board's update of the month handed to `write`, which writes the drafts (the database knows no
    files); the boards it wrote one for are recorded as given. All in the caller's transaction: when the drafts
    cannot be written, nothing is recorded. `write` may return None (stopped): then nothing is recorded."""
    found = board_updates(session, label, month_text, today, swv_name=swv_name)
    written = write(found)
    if written is not None:
        record(session, label, found[0].month if found else Month.parse(month_text), list(written.given))
    return written


def record(session: Session, label: str, month: Month, given: list[tuple[str, str]]) -> None:
    """Note that each (board, address) of `given` was given the update of `month`, now, by this user."""
    year = lookup.year(session, label)
    user = current_user()
    for board, email in given:
        session.add(BoardUpdateRow(year_id=year.id, board_id=lookup.board(session, board).id, month=str(month),
                                   email=email, user=user))
    session.flush()


@dataclass(frozen=True)
class GivenUpdate:
    year: str
    board: str
    month: Month
    email: str
    user: str
    at: dt.datetime


def given(session: Session, label: str) -> list[GivenUpdate]:
    """The updates given to the boards of a year, oldest first."""
    year = lookup.year(session, label)
    rows = session.execute(
        select(BoardUpdateRow, Board.name).join(Board, Board.id == BoardUpdateRow.board_id)
        .where(BoardUpdateRow.year_id == year.id).order_by(BoardUpdateRow.id))
    return [GivenUpdate(year.label, name, Month.parse(u.month), u.email, u.user, u.at) for u, name in rows]


@dataclass(frozen=True)
class ProviderRequest:
    """The request to a provider for its hours of a month, with its hour sheet of that month; `problem` says in
    Dutch why there is no sheet (then `sheet` is None)."""

    sender: Sender
    year: str
    month: Month
    provider: reports.Party
    sheet: hour_sheets.HourSheetTemplate | None
    problem: str = ""


def provider_requests(session: Session, label: str, month_text: str, today: dt.date, *,
                      swv_name: str | None = None) -> list[ProviderRequest]:
    """Every provider of a year, in the order of the year's contracts."""
    from ..domain.errors import Conflict

    year = lookup.year(session, label)
    month = lookup.month_of_year(year, month_text)
    signed = sender(session, swv_name)
    requests = []
    for yp in year.providers:
        p = yp.provider
        party = reports.Party(p.name, p.contact_person.strip(), p.email.strip())
        try:
            sheet = hour_sheets.template_rows(session, year.label, p.name, today, month=month)
        except Conflict as error:
            requests.append(ProviderRequest(signed, year.label, month, party, None, error.message))
        else:
            requests.append(ProviderRequest(signed, year.label, month, party, sheet))
    return requests
