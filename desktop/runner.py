"""The operation runner: one transaction per user action, then a broadcast of what changed.

A view calls `runner.write(service_function, *args)`. The runner opens the transaction, hands the
service its session, commits or rolls back, and emits `changed` with what the transaction wrote
(models/changes.py: derived from the rows the flush touched, never declared by the caller), so
that each page refreshes only what became stale (after Anki's CollectionOp and OpChanges).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from typing import Any, Callable, Iterator, TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import DBAPIError

from models import clock
from models.db import Database, database_failure
from models.changes import Outcome, watch

T = TypeVar("T")


class Runner(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, db: Database, *, read_only: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.read_only = read_only
        self.changed_anything = False  # a back-up is taken at close when True
        self._reading = _InFlight()

    def today(self) -> dt.date:
        return clock.today()

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A read in a transaction of its own; pages call it from worker threads too (views/loading.py)."""
        with self._reading, self._failures_refused(), self.db.read() as session:
            return fn(session, *args, **kwargs)

    def wait_for_reads(self) -> None:
        """Until no read runs: the database is closed only after (a read left running on a closed
        connection can crash the process)."""
        self._reading.wait_idle()

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one service call as one transaction; a Refusal propagates and nothing is written."""
        return self.operate(fn, *args, **kwargs).value

    def operate(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Outcome[T]:
        """`write`, with what the transaction changed: emitted to the pages once it is committed."""
        if self.read_only:
            from models.domain.errors import Conflict

            raise Conflict("De database is alleen-lezen geopend; wijzigen kan niet.")
        with self._failures_refused(), self.db.write() as session, watch(session) as seen:
            result = fn(session, *args, **kwargs)
            session.flush()  # what the service left unflushed counts too
        outcome = Outcome(result, seen.changes)
        self.changed_anything = True
        if outcome.changes:
            self.changed.emit(outcome.changes)
        return outcome

    @contextlib.contextmanager
    def _failures_refused(self) -> Iterator[None]:
        """A database that fails (a lost server, a busy or broken file) is a refusal the views show in
        Dutch like any other: the transaction was rolled back, so nothing was written."""
        try:
            yield
        except (DBAPIError, sqlite3.DatabaseError) as error:
            raise database_failure(error, server=self.db.path is None) from error

    @property
    def db_path(self):  # type: ignore[no-untyped-def]
        """The SQLite file, or None on a server."""
        return self.db.path

    @property
    def location(self) -> str:
        return str(self.db.path) if self.db.path else self.db.engine.url.render_as_string(hide_password=True)


class _InFlight:
    """A count of the blocks running now, in any thread, and a wait until there are none."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = threading.Condition()

    def __enter__(self) -> None:
        with self._idle:
            self._count += 1

    def __exit__(self, *_exc: object) -> None:
        with self._idle:
            self._count -= 1
            if self._count == 0:
                self._idle.notify_all()

    def wait_idle(self) -> None:
        with self._idle:
            self._idle.wait_for(lambda: self._count == 0)
