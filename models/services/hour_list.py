"""Every hour entry of a school year as a list that pages in: filtered and sorted in SQL, one page at a time.

A year of a large SWV holds 100,000 entries and more; the screen never loads them all. `start` returns
the first page and how many entries match (a search counted up to COUNT_LIMIT), `page` returns the next `limit` of them after the last one shown (keyset pagination:
the sort value and the entry's id of the last row, so that page 500 costs what page 1 costs, unlike
OFFSET). Sorting and the search words go into the query; the indexes on agreement (year_id, ...) and
hour_entry (agreement_id, ...) carry it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from ..domain.months import Month
from ..orm import Agreement, Board, HourEntry, Provider
from . import lookup

#: The columns the list can be sorted on, by name; every sort ends on the entry's id.
SORT_COLUMNS: dict[str, Any] = {
    "id": HourEntry.id,
    "agreement": Agreement.number,
    "board": Board.name,
    "provider": Provider.name,
    "month": HourEntry.month,
    "minutes": HourEntry.minutes,
    "note": HourEntry.note,
    "source": HourEntry.source,
    "created_at": HourEntry.created_at,
}


@dataclass(frozen=True)
class HourListQuery:
    """What the list shows: a year (None: every year), search words (each must match the agreement's
    number, board, provider, the month 'YYYY-MM' or the note), and the sort."""

    year: str | None
    search: str = ""
    sort: str = "id"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.sort not in SORT_COLUMNS:
            raise ValueError(f"unknown sort column {self.sort!r}")

    @property
    def words(self) -> list[str]:
        return [w.lower() for w in self.search.split()]


@dataclass(frozen=True)
class HourLine:
    id: int
    agreement: str
    board: str
    provider: str
    month: Month
    minutes: int
    note: str
    source: str
    created_at: dt.datetime
    #: Where the next page starts: (sort value, id).
    key: tuple[Any, int]


#: What a month ('YYYY-MM') is made of: a search word with any other character can never be in one.
MONTH_CHARACTERS = frozenset("0123456789-")


def _filtered(session: Session, query: HourListQuery, columns: list[Any], *, joined: bool = True) -> Select[Any]:
    """The entries the query asks for. `joined`: with the agreement in the FROM (the page shows its columns).

    Each search word narrows the agreements first (20,000 over a decade, against 1,000,000 entries): the
    entries are then matched on their agreement's id, their note and, only for a word that could be part
    of one, their month; an entry is never joined to its agreement just to be compared."""
    stmt = select(*columns).select_from(HourEntry)
    if joined:
        stmt = stmt.join(Agreement, Agreement.id == HourEntry.agreement_id)
    year_id = lookup.year(session, query.year).id if query.year is not None else None
    if year_id is not None:
        if joined:
            stmt = stmt.where(Agreement.year_id == year_id)
        else:
            stmt = stmt.where(HourEntry.agreement_id.in_(select(Agreement.id).where(Agreement.year_id == year_id)))
    # SQLite's LIKE ignores case already (as its lower() does: ASCII letters only); elsewhere lower() both sides.
    folded = (lambda column: column) if session.get_bind().dialect.name == "sqlite" else func.lower
    for word in query.words:
        # Boards and providers are few: match their names once, then the agreements, then their entries by id.
        boards = select(Board.id).where(folded(Board.name).contains(word, autoescape=True))
        providers = select(Provider.id).where(folded(Provider.name).contains(word, autoescape=True))
        agreements = select(Agreement.id).where(or_(Agreement.board_id.in_(boards),
                                                    Agreement.provider_id.in_(providers),
                                                    folded(Agreement.number).contains(word, autoescape=True)))
        if year_id is not None:
            agreements = agreements.where(Agreement.year_id == year_id)
        matches = [HourEntry.agreement_id.in_(agreements), folded(HourEntry.note).contains(word, autoescape=True)]
        if set(word) <= MONTH_CHARACTERS:
            matches.append(HourEntry.month.contains(word, autoescape=True))
        stmt = stmt.where(or_(*matches))
    return stmt


def count(session: Session, query: HourListQuery, at_most: int | None = None) -> int:
    """How many entries of the year (or of every year) match the search; with `at_most`, counting stops
    there (a search that matches half of a decade need not be counted to the last entry)."""
    if at_most is None or not query.words:  # without a search the count comes off an index
        return int(session.scalar(_filtered(session, query, [func.count()], joined=False)) or 0)
    first = _filtered(session, query, [HourEntry.id], joined=False).limit(at_most).subquery()
    return int(session.scalar(select(func.count()).select_from(first)) or 0)


def total_minutes(session: Session, query: HourListQuery) -> int:
    """The hours (minutes) of every entry that matches, summed in SQL."""
    return int(session.scalar(_filtered(session, query, [func.coalesce(func.sum(HourEntry.minutes), 0)],
                                        joined=False)) or 0)


def page(session: Session, query: HourListQuery, after: tuple[Any, int] | None = None,
         limit: int = 200) -> list[HourLine]:
    """The next `limit` entries in the query's order, after the row whose `key` is `after` (None: the first)."""
    column = SORT_COLUMNS[query.sort]
    stmt = (_filtered(session, query, [HourEntry.id, Agreement.number, Board.name, Provider.name, HourEntry.month,
                                       HourEntry.minutes, HourEntry.note, HourEntry.source, HourEntry.created_at,
                                       column])
            .join(Board, Board.id == Agreement.board_id)
            .join(Provider, Provider.id == Agreement.provider_id))
    if after is not None:
        value, last_id = after
        if query.sort == "id":
            stmt = stmt.where(HourEntry.id < last_id if query.descending else HourEntry.id > last_id)
        elif query.descending:
            stmt = stmt.where(or_(column < value, and_(column == value, HourEntry.id < last_id)))
        else:
            stmt = stmt.where(or_(column > value, and_(column == value, HourEntry.id > last_id)))
    if query.descending:
        stmt = stmt.order_by(column.desc(), HourEntry.id.desc())
    else:
        stmt = stmt.order_by(column, HourEntry.id)
    return [HourLine(id_, number, board, provider, Month.parse(month), minutes, note, source, created_at,
                     (value, id_))
            for id_, number, board, provider, month, minutes, note, source, created_at, value
            in session.execute(stmt.limit(limit))]


#: A search is counted up to here; beyond it the list says "meer dan 10.000".
COUNT_LIMIT = 10_000


@dataclass(frozen=True)
class HourListStart:
    """What the list shows when a query is new: its first page, how many entries match (`more`: counted up
    to COUNT_LIMIT, and more match), how many the year (or every year) holds without the search, and the
    hours of every match."""

    lines: list[HourLine]
    matching: int
    more: bool
    total: int
    #: The hours (minutes) of every entry that matches, over all pages (not only the first).
    minutes: int = 0


def start(session: Session, query: HourListQuery, limit: int = 200, count_limit: int = COUNT_LIMIT) -> HourListStart:
    """The first page and the counts, in one read. A first page that is not full is every match already; a
    search that matches many is counted no further than `count_limit`."""
    lines = page(session, query, None, limit)
    total = count(session, HourListQuery(query.year))
    if not query.words:
        return HourListStart(lines, total, False, total, total_minutes(session, query))
    if len(lines) < limit:
        return HourListStart(lines, len(lines), False, total, sum(line.minutes for line in lines))
    matching = count(session, query, at_most=count_limit + 1)
    # Summed in full even when the count stops at count_limit: over a decade it costs what the count does.
    return HourListStart(lines, min(matching, count_limit), matching > count_limit, total,
                         total_minutes(session, query))
