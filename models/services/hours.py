"""Registering realised hours (gerealiseerde uren) under the no-carry-over cap.

Every entry, typed in or read from an hour sheet, passes the same check (`Ledger.check`) and is stored the
same way (`store`: ORM rows through the session, so the audit trail, the length limits and the text rules
see each one at the flush). A single booking is a ledger of one entry; an hour sheet keeps one ledger for
all of its rows, which loads the facts of all of them at once and counts each row it accepts for the rows
after it.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import agreements as rules
from ..domain.agreements import Status
from ..domain.budget import MonthUse, check_month
from ..domain.errors import InvalidInput, NotFound, Refusal, clip
from ..domain.months import Month, month_range
from ..domain.privacy import check_text
from ..domain.units import format_hours
from ..orm import Agreement, Board, HourEntry, Provider, SchoolYear, YearBoard
from . import lookup
from .months import check_open
from .reporting import month_uses

CHUNK = 500  # numbers per IN (...) list


@dataclass(frozen=True)
class HoursInput:
    agreement: str
    month: Month
    minutes: int
    note: str = ""
    source: str = "app"


@dataclass(frozen=True)
class AgreementFacts:
    """What the rules read of an agreement, as it stood when its row was locked; `booked`: minutes stored."""

    id: int
    number: str
    year_id: int
    year: str
    board_id: int
    board: str
    provider_id: int
    provider: str
    status: Status
    first: Month
    last: Month
    confirmed_on: dt.date | None
    minutes: int
    booked: int


@dataclass(frozen=True)
class Accepted:
    """An entry that passed every rule: what `store` writes."""

    agreement_id: int
    month: Month
    minutes: int
    note: str
    source: str


class Ledger:
    """The facts the booking rules judge entries by, loaded once, and the entries accepted so far.

    An agreement's facts are loaded with the locks one booking always took on a database server: its row
    first, then its board's row of the year (both until the commit; SQLite writers are serialised already,
    BEGIN IMMEDIATE), then the month budgets, reserve and use of its board at its provider. Every entry the
    ledger accepts counts for the entries after it, as if it were stored already."""

    def __init__(self, session: Session, today: dt.date) -> None:
        self.session = session
        self.today = today
        self._agreements: dict[str, AgreementFacts] = {}
        self._boards_locked: set[tuple[int, int]] = set()  # (year, board)
        self._uses: dict[tuple[int, int, Month], MonthUse] = {}  # as stored, per board, provider, month
        self._open: dict[tuple[int, Month], Refusal | None] = {}
        self._on_agreement: dict[int, int] = defaultdict(int)  # accepted minutes per agreement
        self._in_month: dict[tuple[int, int, Month], int] = defaultdict(int)  # per board, provider, month

    def load(self, numbers: Iterable[str]) -> dict[str, AgreementFacts]:
        """The facts of these agreements (those that exist), in a few queries for a whole sheet."""
        wanted = sorted({str(n).strip() for n in numbers} - set(self._agreements))
        for start in range(0, len(wanted), CHUNK):
            self._read_agreements(wanted[start:start + CHUNK])
        found = {n: self._agreements[n] for n in wanted if n in self._agreements}
        self._lock_boards({(a.year_id, a.board_id) for a in found.values()})
        boards: dict[tuple[int, int], set[int]] = defaultdict(set)
        for a in found.values():
            boards[(a.year_id, a.provider_id)].add(a.board_id)
        for (year_id, provider_id), ids in sorted(boards.items()):
            year = self.session.get(SchoolYear, year_id)
            assert year is not None  # a foreign key
            board_id = next(iter(ids)) if len(ids) == 1 else None  # one board, or every board of the provider
            self._uses.update(month_uses(self.session, year, board_id=board_id, provider_id=provider_id))
        return found

    def agreement(self, number: str) -> AgreementFacts:
        key = str(number).strip()
        if key not in self._agreements:
            self.load([key])
        found = self._agreements.get(key)
        if found is None:
            raise NotFound(f"Overeenkomst {clip(number)} bestaat niet.", field="agreement")
        return found

    def month_use(self, a: AgreementFacts, month: Month) -> MonthUse:
        """The agreement's board's use at its provider in `month` as stored (accepted entries not counted)."""
        return self._uses[(a.board_id, a.provider_id, month)]

    def check(self, cmd: HoursInput) -> Accepted:
        """Every rule an entry must pass, counting the entries accepted before it; then it counts too."""
        note = check_text(cmd.note, "Opmerking", field="note")
        if cmd.minutes <= 0:
            raise InvalidInput("Geef een aantal uren boven 0.", field="hours")
        a = self.agreement(cmd.agreement)
        key = (a.board_id, a.provider_id, cmd.month)
        on_agreement, in_month = self._on_agreement[a.id], self._in_month[key]
        try:
            rules.check_hours_on_agreement(
                number=a.number, status=a.status, first=a.first, last=a.last, confirmed_on=a.confirmed_on,
                month=cmd.month, today=self.today, agreed=a.minutes, booked=a.booked + on_agreement,
                requested=cmd.minutes)
        except Refusal as error:
            _counting(error, on_agreement)
            raise
        self._check_open(a.year_id, cmd.month)
        use = self.month_use(a, cmd.month)
        try:
            check_month(MonthUse(use.month, use.budget, use.reserve, use.used + in_month), cmd.minutes)
        except Refusal as error:
            _counting(error, in_month)
            raise
        self._on_agreement[a.id] = on_agreement + cmd.minutes
        self._in_month[key] = in_month + cmd.minutes
        return Accepted(a.id, cmd.month, cmd.minutes, note, cmd.source)

    def _read_agreements(self, numbers: list[str]) -> None:
        query = (select(Agreement, SchoolYear.label, Provider.name, Board.name)
                 .join(SchoolYear, Agreement.year_id == SchoolYear.id)
                 .join(Provider, Agreement.provider_id == Provider.id)
                 .join(Board, Agreement.board_id == Board.id)
                 .where(Agreement.number.in_(numbers)).order_by(Agreement.id).with_for_update(of=Agreement))
        rows = self.session.execute(query).all()
        ids = [a.id for a, *_ in rows]
        booked = {agreement_id: int(minutes) for agreement_id, minutes in self.session.execute(
            select(HourEntry.agreement_id, func.sum(HourEntry.minutes)).where(HourEntry.agreement_id.in_(ids))
            .group_by(HourEntry.agreement_id))} if ids else {}
        for a, year, provider, board in rows:
            self._agreements[a.number] = AgreementFacts(
                a.id, a.number, a.year_id, year, a.board_id, board, a.provider_id, provider, Status(a.status),
                Month.parse(a.first_month), Month.parse(a.last_month), a.confirmed_on, a.minutes,
                booked.get(a.id, 0))

    def _lock_boards(self, pairs: set[tuple[int, int]]) -> None:
        """Two people booking the last hours of a month at once: on a database server the board's row of the
        year stays locked until the commit."""
        new = pairs - self._boards_locked
        for year_id in sorted({y for y, _ in new}):
            boards = sorted(b for y, b in new if y == year_id)
            self.session.execute(select(YearBoard.id).where(YearBoard.year_id == year_id,
                                                            YearBoard.board_id.in_(boards))
                                 .order_by(YearBoard.id).with_for_update()).all()
        self._boards_locked |= new

    def _check_open(self, year_id: int, month: Month) -> None:
        if (year_id, month) not in self._open:
            year = self.session.get(SchoolYear, year_id)
            assert year is not None  # a foreign key
            try:
                check_open(self.session, year, month)
                self._open[(year_id, month)] = None
            except Refusal as error:
                self._open[(year_id, month)] = error
        refusal = self._open[(year_id, month)]
        if refusal is not None:
            raise refusal.with_traceback(None)  # the same refusal again, not its earlier tracebacks


def _counting(error: Refusal, pending: int) -> None:
    """A refusal that counts entries accepted before (rows above, on a sheet) says so: they are not stored yet."""
    if pending and error.field == "hours":
        error.message = (f"{error.message.rstrip('.')} (gebruikt telt {format_hours(pending)} uur van rijen "
                         "hierboven mee).")


def check(session: Session, cmd: HoursInput, today: dt.date) -> Accepted:
    """Every rule an entry must pass."""
    return Ledger(session, today).check(cmd)


def store(session: Session, entries: Sequence[Accepted]) -> list[int]:
    """Store accepted entries as ORM rows, so the flush's guards and the audit trail see every one; their ids."""
    rows = [HourEntry(agreement_id=e.agreement_id, month=str(e.month), minutes=e.minutes, note=e.note,
                      source=e.source) for e in entries]
    if session.get_bind().dialect.name == "sqlite":
        # The writer holds the whole file: the next ids are free, and rows that bring their ids go in one
        # executemany; without them SQLite's RETURNING makes the flush insert a sheet row by row.
        last = session.scalar(select(func.max(HourEntry.id))) or 0
        for entry_id, row in enumerate(rows, start=last + 1):
            row.id = entry_id
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def register(session: Session, cmd: HoursInput, today: dt.date) -> int:
    """Add an entry of realised hours; returns its id."""
    return store(session, [check(session, cmd, today)])[0]


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
    and the month of confirmation, up to the last month, never past this month.

    Read as plain columns (no mapped objects), each distinct month text parsed once and each distinct run of
    months made once: the dialog that books hours reads this when it opens (1,500 agreements in a large year)."""
    year = lookup.year(session, label)
    booked = (select(func.coalesce(func.sum(HourEntry.minutes), 0)).where(HourEntry.agreement_id == Agreement.id)
              .correlate(Agreement).scalar_subquery())
    query = (select(Agreement.number, Board.name, Provider.name, Agreement.description, Agreement.minutes, booked,
                    Agreement.first_month, Agreement.last_month, Agreement.confirmed_on)
             .join(Board, Agreement.board_id == Board.id)
             .join(Provider, Agreement.provider_id == Provider.id)
             .where(Agreement.year_id == year.id, Agreement.status == Status.CONFIRMED.value)
             .order_by(Agreement.sequence))
    now = Month.of(today)
    parsed: dict[str, Month] = {}
    runs: dict[tuple[Month, Month], tuple[Month, ...]] = {}
    result = []
    for number, board, provider, description, minutes, done, first_text, last_text, confirmed_on in \
            session.execute(query):
        assert confirmed_on is not None
        first = parsed.get(first_text) or parsed.setdefault(first_text, Month.parse(first_text))
        last = parsed.get(last_text) or parsed.setdefault(last_text, Month.parse(last_text))
        start, end = rules.first_bookable_month(first, confirmed_on), min(last, now)
        if start > now:
            continue
        months = runs.get((start, end))
        if months is None:
            months = runs[(start, end)] = tuple(month_range(start, end))
        if months:
            result.append(BookableAgreement(number, board, provider, description, minutes, int(done), months))
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
