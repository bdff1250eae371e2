"""Text that does not fit its column is refused in Dutch before it reaches the database.

SQLite stores any length in a VARCHAR(n); PostgreSQL refuses it with a driver error. Checking at
the flush gives one rule on both engines, for every service, with the field named in words. Free text
(TEXT) is held to the length in its column's `info` (models.orm: descriptions, notes, reasons), so the
command line takes no more than the screens.
"""
from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import Column, String, Table, event, inspect
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, UOWTransaction
from sqlalchemy.sql.elements import BindParameter

from .domain.errors import InvalidInput
from .orm import Base


def _before_flush(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Base):
            check_lengths(obj)


def _length_of(column: Column[Any]) -> int | None:
    length = column.info.get("max_length") or (column.type.length if isinstance(column.type, String) else None)
    return int(length) if length else None


@functools.cache
def _lengths(mapper: Mapper[Any]) -> tuple[Column[Any], ...]:
    """The columns of a model with a length (worked out once per model: a sheet flushes thousands of rows)."""
    return tuple(column for column in mapper.columns if _length_of(column))


def check_lengths(obj: Base) -> None:
    for column in _lengths(inspect(obj).mapper):
        check_length(column, obj.__dict__.get(column.key))


def check_length(column: Column[Any], value: Any) -> None:
    """Refuse a text longer than its column takes, naming the field in Dutch."""
    length = _length_of(column)
    if length and isinstance(value, str) and len(value) > length:
        from .domain.units import format_count
        from .services.audit_log import FIELD_LABELS

        label = FIELD_LABELS.get(column.key, column.key)
        raise InvalidInput(f"{label.capitalize()} is te lang: {format_count(len(value))} tekens, hoogstens "
                           f"{format_count(length)}. Maak de tekst korter.", field=column.key)


class UncheckedText(TypeError):
    """A programming error: a bulk statement sets a text column to an SQL expression, whose value no check
    can see before it is written. Write such a change through the ORM objects (or as a plain value)."""


def statement_rows(state: ORMExecuteState) -> tuple[Table, list[dict[Column[Any], Any]]] | None:
    """The table and the rows (column -> plain value) an INSERT or UPDATE sent through the session writes
    without a flush: `insert(...)`/`update(...)` with `.values(...)` or with a list of rows as parameters
    (an hour sheet's one insert, a bulk update by primary key). None for any other statement. A value that
    is an SQL expression stays an expression (ClauseElement)."""
    statement = state.statement
    table = getattr(statement, "table", None)
    if not (state.is_insert or state.is_update) or not isinstance(table, Table):
        return None
    mapper = state.bind_mapper

    def column_of(key: Any) -> Column[Any] | None:
        if isinstance(key, Column):
            found: Column[Any] | None = table.c.get(key.name)
            return found
        name = str(key)
        if mapper is not None and name in mapper.attrs and hasattr(mapper.attrs[name], "columns"):
            mapped: Column[Any] = mapper.attrs[name].columns[0]
            return mapped
        by_name: Column[Any] | None = table.c.get(name)
        return by_name

    def plain(value: Any) -> Any:
        return value.effective_value if isinstance(value, BindParameter) else value

    fixed = {column_of(k): plain(v) for k, v in (getattr(statement, "_values", None) or {}).items()}
    given: Any = state.parameters
    rows: list[Any] = list(given) if isinstance(given, (list, tuple)) else [given or {}]
    result = [{**fixed, **{column_of(k): v for k, v in row.items()}} for row in rows]
    return table, [{c: v for c, v in row.items() if c is not None} for row in result]


def _bulk_lengths(state: ORMExecuteState) -> None:
    found = statement_rows(state)
    if found is None:
        return
    for row in found[1]:
        for column, value in row.items():
            check_length(column, value)


def install() -> None:
    """Listen on every Session (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "do_orm_execute", _bulk_lengths)
