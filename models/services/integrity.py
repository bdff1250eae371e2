"""`check`: is the database sound? It never upgrades or changes any data.

A SQLite file is first judged without opening it (models.dbfile: a folder, an empty file or another
program's database is no SWV Uren database), then gets SQLite's integrity and foreign-key checks on a
read-only connection (`mode=ro`); a hot `-journal` left by a process that was killed is rolled back first,
so that what was committed is judged, not the leftovers of the crash. A server database (PostgreSQL) gets a
connection and its schema version. A file another process is writing is waited for, and called busy when it
stays busy, never damaged."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import IO, Callable

from .. import dbfile
from ..dbfile import DatabaseDamaged, DatabaseMissing
from ..db import DatabaseBusy, SchemaTooNew, _head_revision, sqlite_path
from ..domain.errors import Refusal
from ..domain.reasons import sqlite_reason


def busy_error(error: BaseException) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def busy(path: Path) -> DatabaseBusy:
    return DatabaseBusy(f"De database {path} is bezet door een ander programma, dat er nog in schrijft. "
                        "Wacht even en probeer het opnieuw; het bestand is niet gewijzigd.")


def connect(path: Path, timeout: float | None = None) -> sqlite3.Connection:
    """Open an existing SQLite file read-write without creating it, so that a hot journal left by a crash
    is rolled back by SQLite (a read-only connection cannot, and would call the file unreadable).
    For those who write (a back-up's write lock, clearing pupil codes); a check reads with mode=ro."""
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True,
                           timeout=dbfile.BUSY_SECONDS if timeout is None else timeout)


def problems(url: str, *, quick: bool = False) -> list[str]:
    """What is wrong with the database; empty when it is sound. `quick`: SQLite's quick_check and no
    foreign-key scan, for every start of the app (the full check is `swv-uren check`). Whether the file is
    a sound SQLite database of this app, nothing more: an older schema is upgraded when it is opened, a
    newer one is refused there (models.db). Raises DatabaseBusy while another process keeps writing."""
    path = sqlite_path(url)
    if path is None:
        return _server_problems(url)
    return _sqlite_check(path, quick=quick)[0]


# Beside the back-ups: the size and time of change of the file as it was when last found sound. A start finds the
# file as it was left by a clean close (or by the last start's check) and skips SQLite's quick_check, whose time
# grows with the file (a third of a second at 80 MB); any write since, a crash (a hot journal), a copy or a restore
# changes the fingerprint and the check runs. The daily back-up checks its copy in full all the same.
CHECKED_NOTE = ".laatste-controle"


def fingerprint(path: Path) -> str | None:
    """The file's size and time of change; None when a journal lies beside it (a write under way, or a crash's)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    if any(Path(f"{path}{suffix}").exists() for suffix in ("-journal", "-wal")):
        return None
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _note(path: Path) -> Path:
    from ..backup import folder_of

    return folder_of(path) / CHECKED_NOTE


def remember_sound(path: Path, seen: str | None = None) -> None:
    """Note that the file, as it is now (or as `seen`, when it has not changed since), was found sound."""
    now = fingerprint(path)
    if now is None or (seen is not None and now != seen):
        return
    note = _note(path)
    try:
        note.parent.mkdir(exist_ok=True)
        note.write_text(f"{path.name}\n{now}\n", encoding="utf-8")
    except OSError:  # a read-only folder: the next start checks again
        pass


def known_sound(path: Path) -> bool:
    """The file is exactly as it was when last found sound."""
    now = fingerprint(path)
    try:
        return now is not None and _note(path).read_text(encoding="utf-8") == f"{path.name}\n{now}\n"
    except (OSError, UnicodeError):
        return False


def start_problems(path: Path, wanted: Callable[[], bool]) -> list[str]:
    """The check at every start of the app: the quick check, unless the file is as it was when last found sound.
    A sound file is remembered as such only while the answer is still `wanted` (a start stopped during the check
    leaves nothing behind)."""
    if known_sound(path):
        return []
    seen = fingerprint(path)
    found = _sqlite_check(path, quick=True)[0]
    if not found and wanted():
        remember_sound(path, seen)
    return found


def _sqlite_check(path: Path, *, quick: bool) -> tuple[list[str], str | None]:
    """The problems, and the schema version when the file is an SWV Uren database."""
    if not path.exists() and not path.is_dir():
        raise DatabaseMissing(f"Database {path} bestaat niet; controleer het pad.")
    try:
        version = dbfile.schema_revision(path)
        conn = dbfile.connect_read_only(path)
    except DatabaseDamaged as error:
        return [error.message], None
    except sqlite3.Error as error:
        if busy_error(error):
            raise busy(path) from None
        return [f"{path} kan niet worden geopend ({sqlite_reason(error)})."], None
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")]
        if result != ["ok"]:
            return [f"Het bestand is beschadigd: {result[0]}."], None
        found: list[str] = []
        if not quick and conn.execute("PRAGMA foreign_key_check").fetchone():
            found.append("Er verwijzen gegevens naar iets dat niet meer bestaat.")
        return found, version
    except sqlite3.DatabaseError as error:
        if busy_error(error):
            raise busy(path) from None
        return [f"{path} is geen (leesbare) SQLite-database."], None
    finally:
        conn.close()


def schema_too_new(version: str) -> SchemaTooNew:
    """The refusal of models.db.upgrade, word for word."""
    return SchemaTooNew("Deze database is gemaakt met een nieuwere versie van SWV Uren (schema "
                        f"{version}); installeer die versie. Het bestand is niet gewijzigd.")


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


def _cap_problems(url: str) -> list[str]:
    """The caps of the scheme over what is stored (services.invariants); on this version's schema only."""
    from ..db import Database
    from . import invariants

    db = Database(url, read_only=sqlite_path(url) is not None)
    try:
        with db.read() as session:
            return invariants.problems(session)
    finally:
        db.dispose()


def _cap_problems_of_upgraded_copy(path: Path) -> list[str]:
    """The caps of an older file, judged on a copy brought to this version's schema (the file itself is only
    read: it is upgraded when the app or a command opens it)."""
    import tempfile

    from .. import backup
    from ..db import open_database, to_url

    with tempfile.TemporaryDirectory(prefix="swv-check-") as folder:
        copy = backup.copy(path, Path(folder) / "kopie.sqlite")
        open_database(to_url(copy)).dispose()
        return _cap_problems(to_url(copy))


def run_check(url: str, out: IO[str]) -> int:
    """Exit 0 when sound (an older schema is sound: it is upgraded at the next opening, said in one line);
    a newer schema is refused in the words of the app's refusal."""
    path = sqlite_path(url)
    if path is None:
        found, version = _server_problems(url), None
    else:
        found, version = _sqlite_check(path, quick=False)
    if found:
        raise Refusal(" ".join(found))
    head = _head_revision()
    if path is None or version == head:
        found = _cap_problems(url)
        if found:
            raise Refusal(" ".join(found))
        print("De database is in orde.", file=out)
        return 0
    from ..db import known_revisions

    if version is None:
        raise Refusal("Het bestand heeft geen schemaversie; het is geen volledige SWV Uren-database.")
    if version not in known_revisions():
        raise schema_too_new(version)
    assert path is not None
    found = _cap_problems_of_upgraded_copy(path)
    if found:
        raise Refusal(" ".join(found))
    print(f"De database is in orde; het schema ({version}) wordt bij de volgende keer openen bijgewerkt naar "
          f"dat van deze versie ({head}), na een back-up.", file=out)
    return 0
