"""`check`: is the database sound? Read-only: it never upgrades or changes anything.

A SQLite file gets SQLite's integrity and foreign-key checks; a server database (PostgreSQL) gets a
connection and its schema version."""
from __future__ import annotations

import sqlite3
from typing import IO

from ..db import DatabaseMissing, _head_revision, sqlite_path
from ..domain.errors import Refusal


def problems(url: str, *, quick: bool = False) -> list[str]:
    """What is wrong with the database; empty when it is sound. `quick`: SQLite's quick_check and no
    foreign-key scan, for every start of the app (the full check is `swv-uren check`)."""
    path = sqlite_path(url)
    if path is None:
        return _server_problems(url)
    if not path.exists():
        raise DatabaseMissing(f"Database {path} bestaat niet; controleer het pad.")
    found: list[str] = []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return [f"{path} kan niet worden geopend: {error}."]
    try:
        try:
            result = [r[0] for r in conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")]
        except sqlite3.DatabaseError:
            return [f"{path} is geen (leesbare) SQLite-database."]
        if result != ["ok"]:
            found.append(f"Het bestand is beschadigd: {result[0]}.")
            return found
        if not quick and conn.execute("PRAGMA foreign_key_check").fetchone():
            found.append("Er verwijzen gegevens naar iets dat niet meer bestaat.")
        has_version = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
        if not has_version:
            found.append("Het bestand is geen SWV Uren-database.")
        else:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if version is None or version[0] != _head_revision():
                found.append(f"Het schema ({version[0] if version else 'onbekend'}) is niet dat van deze versie "
                             f"({_head_revision()}); open het bestand eerst met deze versie van SWV Uren.")
    finally:
        conn.close()
    return found


def _server_problems(url: str) -> list[str]:
    """A server database: can we connect, is it an SWV Uren database, and is its schema this version's?
    (The server looks after its own files; pg_amcheck is the administrator's tool for those.)"""
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import DBAPIError

    from ..db import make_engine, server_unreachable, shown

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return [f"Database {shown(url)} is geen SWV Uren-database (er staan geen SWV Uren-tabellen in)."]
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as error:
        raise DatabaseMissing(server_unreachable(url, error)) from None
    finally:
        engine.dispose()
    if version != _head_revision():
        return [f"Het schema ({version or 'onbekend'}) is niet dat van deze versie ({_head_revision()}); open de "
                "database eerst met deze versie van SWV Uren."]
    return []


def run_check(url: str, out: IO[str]) -> int:
    try:
        found = problems(url)
    except Refusal:
        raise
    if found:
        raise Refusal(" ".join(found))
    print("De database is in orde.", file=out)
    return 0
