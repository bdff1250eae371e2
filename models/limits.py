"""Text that does not fit its column is refused in Dutch before it reaches the database.

SQLite stores any length in a VARCHAR(n); PostgreSQL refuses it with a driver error. Checking at
the flush gives one rule on both engines, for every service, with the field named in words. Free text
(TEXT) is held to the length in its column's `info` (models.orm: descriptions, notes, reasons), so the
command line takes no more than the screens.
"""
from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Mapper, Session, UOWTransaction

from .domain.errors import InvalidInput
from .orm import Base


def _before_flush(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Base):
            check_lengths(obj)


@functools.cache
def _lengths(mapper: Mapper[Any]) -> tuple[tuple[str, int], ...]:
    """The columns of a model with a length, and the length (once per model: a sheet flushes thousands)."""
    found = []
    for column in mapper.columns:
        length = column.info.get("max_length") or (column.type.length if isinstance(column.type, String) else None)
        if length:
            found.append((column.key, length))
    return tuple(found)


def check_lengths(obj: Base) -> None:
    for key, length in _lengths(inspect(obj).mapper):
        value = obj.__dict__.get(key)
        if isinstance(value, str) and len(value) > length:
            from .services.audit_log import FIELD_LABELS

            label = FIELD_LABELS.get(key, key)
            raise InvalidInput(f"{label.capitalize()} is te lang: {len(value)} tekens, hoogstens {length}. "
                               "Maak de tekst korter.", field=key)


def install() -> None:
    """Listen on every Session (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
