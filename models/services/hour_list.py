"""Every hour entry of a school year as a list that pages in: filtered and sorted in SQL, one page at a time.

A year of a large SWV holds 100,000 entries and more; the screen never loads them all. `count` says how
many entries match, `page` returns the next `limit` of them after the last one shown (keyset pagination:
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


def _filtered(session: Session, query: HourListQuery, columns: list[Any], *, joined: bool = True) -> Select[Any]:
    stmt = select(*columns).select_from(HourEntry)
    if not (joined or query.year is not None or query.words):
        return stmt  # every entry of every year: counted off the table's own index
    stmt = stmt.join(Agreement, Agreement.id == HourEntry.agreement_id)
    if query.year is not None:
        stmt = stmt.where(Agreement.year_id == lookup.year(session, query.year).id)
    # SQLite's LIKE ignores case already (as its lower() does: ASCII letters only); elsewhere lower() both sides.
    folded = (lambda column: column) if session.get_bind().dialect.name == "sqlite" else func.lower
    for word in query.words:
        # Boards and providers are few: match their names once, then the agreements by id.
        boards = select(Board.id).where(folded(Board.name).contains(word, autoescape=True))
        providers = select(Provider.id).where(folded(Provider.name).contains(word, autoescape=True))
        stmt = stmt.where(or_(Agreement.board_id.in_(boards), Agreement.provider_id.in_(providers),
                              folded(Agreement.number).contains(word, autoescape=True),
                              HourEntry.month.contains(word, autoescape=True),
                              folded(HourEntry.note).contains(word, autoescape=True)))
    return stmt


def count(session: Session, query: HourListQuery) -> int:
    """How many entries of the year (or of every year) match the search."""
    return int(session.scalar(_filtered(session, query, [func.count()], joined=False)) or 0)


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
