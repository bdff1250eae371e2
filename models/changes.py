"""What a user action changed, so that screens refresh only what became stale. Qt-free.

Nobody declares it by hand: `watch(session)` records which tables a write transaction touched (every row
the flush inserts, updates or deletes, and every bulk statement), and `TABLE_CHANGES` says what each table
means to the screens. The runner (desktop/) emits the result after the commit; the pages read it. So an
operation cannot forget what it changed, and a view cannot claim more or less (after Anki's OpChanges).
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, fields
from typing import Any, Generic, Iterable, Iterator, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What a user action changed; pages refresh only what became stale."""

    years: bool = False
    setup: bool = False
    agreements: bool = False
    hours: bool = False
    reserve: bool = False
    months: bool = False
    budgets: bool = False
    masterdata: bool = False
    innovation: bool = False  # networks, budgets, support questions, reports
    experts: bool = False  # the expertise directory (Gouden Gids)
    updates: bool = False  # the monthly updates given to the boards

    @classmethod
    def everything(cls) -> "Changes":
        return cls(**{f.name: True for f in fields(cls)})

    @classmethod
    def of_tables(cls, tables: Iterable[str]) -> "Changes":
        """What writing to these tables changed for the screens."""
        return cls(**{name: True for table in tables for name in TABLE_CHANGES[table]})

    def touches(self, *names: str) -> bool:
        return any(getattr(self, name) for name in names)

    def __bool__(self) -> bool:
        return self.touches(*(f.name for f in fields(self)))


INNOVATION = ("innovation",)
EXPERTS = ("experts",)

# Every table of models/orm.py and what a write to it changes; a test fails when a table is missing here.
TABLE_CHANGES: dict[str, tuple[str, ...]] = {
    "school_year": ("years", "setup"),
    "year_board": ("setup",),
    "year_provider": ("setup",),
    "board": ("masterdata",),
    "school": ("masterdata",),
    "provider": ("masterdata",),
    "budget_adjustment": ("budgets",),
    "agreement": ("agreements",),
    "hour_entry": ("hours",),
    "reserve_grant": ("reserve",),
    "month_event": ("months",),
    "board_update": ("updates",),
    "network": INNOVATION,
    "network_school": INNOVATION,
    "school_pupils": INNOVATION,
    "innovation_theme": INNOVATION,
    "theme_year": INNOVATION,
    "network_budget": INNOVATION,
    "supra_budget": INNOVATION,
    "support_question": INNOVATION,
    "question_school": INNOVATION,
    "question_executor": INNOVATION,
    "report_file": INNOVATION,
    "expert": EXPERTS,
    "expertise_area": EXPERTS,
    "expert_area": EXPERTS,
    "audit_entry": (),  # every write adds to the trail; the Logboek page listens to every change
    "setting": (),  # the SWV's name and the sender: shown in files, not on a page
}


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A write operation's result: the service's value and what the transaction changed."""

    value: T
    changes: Changes


@dataclass
class _Seen:
    tables: set[str] = field(default_factory=set)

    @property
    def changes(self) -> Changes:
        return Changes.of_tables(self.tables)


@contextlib.contextmanager
def watch(session: Session) -> Iterator[_Seen]:
    """Record the tables this session writes while the block runs."""
    seen = _Seen()

    def after_flush(flushing: Session, _context: Any) -> None:
        for row in (*flushing.new, *flushing.dirty, *flushing.deleted):
            if row in flushing.dirty and not flushing.is_modified(row, include_collections=False):
                continue  # only a relationship collection of it was touched: its own row did not change
            seen.tables.add(row.__table__.name)

    def on_execute(state: Any) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            seen.tables.add(state.statement.table.name)

    event.listen(session, "after_flush", after_flush)
    event.listen(session, "do_orm_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(session, "after_flush", after_flush)
        event.remove(session, "do_orm_execute", on_execute)
