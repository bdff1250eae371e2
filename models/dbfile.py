"""Which files are SWV Uren databases, judged before anything is written to them.

Every file the app makes carries the app's own `PRAGMA application_id` (APP_ID, set by migration 0008), read
straight from the file's header without opening it in SQLite. A file of an older version (application_id 0)
counts when its `alembic_version` holds one of our revisions; it is marked when it is upgraded. Anything else
— a folder, an empty file, another program's database, a file that is no SQLite database at all — is refused
with a Dutch reason, and its bytes stay as they were. Only `claim` makes a file: a new, empty one, for the
commands that may create a database.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .domain.errors import Refusal
from .domain.reasons import os_reason, sqlite_reason

APP_ID = 0x53575655  # "SWVU": PRAGMA application_id of every SWV Uren file (migration 0008 writes it)
SQLITE_HEADER = b"SQLite format 3\x00"
_UNCHANGED = "het bestand is niet gewijzigd"
BUSY_ENV = "SWV_UREN_BUSY_SECONDS"
DEFAULT_BUSY_SECONDS = 120.0


def _busy_seconds() -> float:
    """How long any statement waits for another program's lock before the database is called busy: long
    enough for a queue of writers (20 scripts at once, issue 12), never a hang. SWV_UREN_BUSY_SECONDS (a
    number of seconds above 0) sets another wait; anything else there counts as not set."""
    try:
        seconds = float(os.environ.get(BUSY_ENV, ""))
    except ValueError:
        return DEFAULT_BUSY_SECONDS
    return seconds if 0 < seconds <= 3600 else DEFAULT_BUSY_SECONDS


BUSY_SECONDS = _busy_seconds()  # read at every connection (models.db too): tests may set it lower


class DatabaseMissing(Refusal):
    """Every command but the app, `demo` and `year import` refuses a database that does not exist."""


class DatabaseDamaged(Refusal):
    """A file that is not a sound SWV Uren database."""


def claim(path: Path, *, create: bool) -> bool:
    """True when the database file is new: made here, empty, for a command that may create one. An existing
    path (a folder too) is left to `schema_revision`; a missing one without `create` is refused."""
    if path.exists() or path.is_symlink():
        return False
    if not create:
        raise DatabaseMissing(f"Database {path} bestaat niet; controleer het pad of maak eerst een schooljaar aan.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseMissing(f"De map {path.parent} kan niet worden gemaakt ({os_reason(error)}); kies een andere "
                              "plek voor de database. Er is niets gewijzigd.") from None
    try:
        path.open("x").close()  # exclusively: a file that appears meanwhile is someone else's and is judged
    except FileExistsError:
        return False
    except OSError as error:
        raise DatabaseMissing(f"Database {path} kan niet worden gemaakt ({os_reason(error)}); kies een andere "
                              "plek. Er is niets gewijzigd.") from None
    return True


def application_id(header: bytes) -> int:
    """The application id in a SQLite header (bytes 68-71, big-endian)."""
    return int.from_bytes(header[68:72], "big", signed=True)


def schema_revision(path: Path) -> str | None:
    """The schema revision of an existing SWV Uren file (it may be newer than this version's: models.db
    refuses that); anything else is refused (DatabaseDamaged) and left as it was."""
    app_id = application_id(_header(path))
    if app_id not in (0, APP_ID):
        raise DatabaseDamaged(f"{path} is een database van een ander programma (application_id {app_id}), geen "
                              f"SWV Uren-database; {_UNCHANGED}.")
    has_version, revision = _read_revision(path)
    if app_id == APP_ID and has_version and revision:
        return revision
    if app_id == 0 and has_version:
        from .db import known_revisions

        if revision in known_revisions():  # a file of a version before 0008
            return revision
    raise DatabaseDamaged(f"{path} is geen SWV Uren-database: de tabellen en de schemaversie van SWV Uren "
                          f"ontbreken; {_UNCHANGED}.")


def _header(path: Path) -> bytes:
    if path.is_dir():
        raise DatabaseDamaged(f"{path} is een map, geen databasebestand; geef het pad van het SQLite-bestand. "
                              "Er is niets gewijzigd.")
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as error:
        raise DatabaseDamaged(f"{path} kan niet worden gelezen ({os_reason(error)}); {_UNCHANGED}.") from None
    if not header:
        raise DatabaseDamaged(f"{path} is een leeg bestand, geen SWV Uren-database; {_UNCHANGED}. Geef het pad van "
                              "de database, of verwijder het lege bestand zodat 'demo' of 'year import' er een "
                              "kan maken.")
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise DatabaseDamaged(f"{path} is geen SQLite-database en dus geen SWV Uren-database (of het bestand is "
                              f"beschadigd); {_UNCHANGED}.")
    return header


def read_only_uri(path: Path) -> str:
    """A SQLite URI that opens the file read-only and never creates it (special characters escaped)."""
    return f"{path.absolute().as_uri()}?mode=ro"


def connect_read_only(path: Path, timeout: float | None = None) -> sqlite3.Connection:
    """A read-only connection; the half-written transaction of a killed process (a hot journal) is rolled
    back first, through a separate read-write connection that only reads (a read-only one cannot)."""
    recover(path)
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_SECONDS if timeout is None else timeout)


def recover(path: Path) -> None:
    """Let SQLite roll back a hot journal beside the file, as any program that reads it would; without a
    journal nothing is opened."""
    if not path.with_name(path.name + "-journal").exists():
        return
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True, timeout=BUSY_SECONDS)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _read_revision(path: Path) -> tuple[bool, str | None]:
    """Whether the file has an `alembic_version` table, and the revision in it."""
    try:
        conn = connect_read_only(path)
        try:
            has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has else None
        finally:
            conn.close()
    except sqlite3.Error as error:
        text = str(error)
        if "locked" in text or "busy" in text:
            from .services.integrity import busy

            raise busy(path) from None
        raise DatabaseDamaged(f"{path} kan niet worden gelezen: het bestand is beschadigd of geen SWV "
                              f"Uren-database ({sqlite_reason(error)}); {_UNCHANGED}.") from None
    return has is not None, (row[0] if row else None)
