"""Copying all data from one database into another, empty one: from the SQLite file to a PostgreSQL
server when several people start working with it (or back, or between servers).

An empty target is one without boards, providers or school years (like `demo`, which refuses a database
that holds data); the rows its migrations put in (fixed lists) are replaced by the source's. Every table is
copied row for row with its ids, in the order of the foreign keys, inside one transaction on
the target (all or nothing); the source is read in one snapshot. The audit trail is copied as it is, and
the copy itself adds nothing to it. On PostgreSQL the id sequences are set past the copied ids afterwards.
"""
from __future__ import annotations

from sqlalchemy import Integer, func, insert, select, text

from .db import Database, shown
from .domain.errors import Conflict
from .orm import Base, Board, Provider, SchoolYear, load_all

CHUNK = 2000


def copy_all(source: Database, target: Database) -> dict[str, int]:
    """Copy every row of `source` into `target` (both at the newest schema; the target holds no data).
    Returns the number of rows per table."""
    if source.url == target.url:
        raise Conflict("Bron en doel zijn dezelfde database.")
    load_all()
    tables = Base.metadata.sorted_tables
    counts: dict[str, int] = {}
    read_options = {"isolation_level": "REPEATABLE READ"} if source.is_server else {}
    with source.engine.connect() as src, target.engine.execution_options(swv_writer=True).begin() as dst:
        src = src.execution_options(**read_options)
        with src.begin():
            for table in (Board.__table__, Provider.__table__, SchoolYear.__table__):
                if dst.execute(select(func.count()).select_from(table)).scalar():
                    raise Conflict(f"Database {shown(target.url)} bevat al gegevens; kopiëren kan alleen naar "
                                   "een lege database.")
            for table in reversed(tables):  # what the migrations put in (fixed lists) comes from the source
                dst.execute(table.delete())
            for table in tables:
                result = src.execute(select(table).order_by(*table.primary_key.columns))
                counts[table.name] = 0
                while rows := result.mappings().fetchmany(CHUNK):
                    dst.execute(insert(table), [dict(r) for r in rows])
                    counts[table.name] += len(rows)
        if target.is_server:
            for table in tables:
                for column in table.primary_key.columns:
                    if column.autoincrement is not False and isinstance(column.type, Integer):
                        dst.execute(text(
                            f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                            f"COALESCE((SELECT MAX(\"{column.name}\") FROM \"{table.name}\"), 0) + 1, false)"),
                            {"table": f'"{table.name}"', "column": column.name})
    return counts
