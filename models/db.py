"""The database: engine with safe SQLite settings, sessions, one transaction per action, migrations."""
from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from .domain.errors import Refusal

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseMissing(Refusal):
    """Every command but the app, `demo` and `year import` refuses a database that does not exist."""


def to_url(path_or_url: str | Path) -> str:
    """A SQLAlchemy URL from a file path or URL."""
    text = str(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other engines or in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    """An engine; for SQLite: foreign keys, rollback journal with synchronous=FULL, busy timeout,
    and real transactions (pysqlite's own BEGIN handling is switched off, SQLAlchemy's recipe)."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = DELETE")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA busy_timeout = 10000")
            cursor.execute("PRAGMA secure_delete = ON")  # cleared data (pupil codes) is overwritten in the file
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
            # A writer takes the write lock at once, so its checks and its insert see one state.
            immediate = conn.get_execution_options().get("sqlite_immediate", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    return engine


class Database:
    """One database: engine and session factory, and transactions for reading and writing."""

    def __init__(self, url: str) -> None:
        from . import audit

        audit.install()
        self.url = url
        self.engine = make_engine(url)
        self.path = sqlite_path(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = (
            self.engine.execution_options(sqlite_immediate=True) if self.engine.dialect.name == "sqlite"
            else self.engine
        )
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: commit when the block ends, roll back on any error."""
        with self._write_sessions.begin() as session:
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent read; never commits."""
        with self._sessions() as session, session.begin():
            yield session
            session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()


def exists(url: str) -> bool:
    path = sqlite_path(url)
    return path is None or path.exists()


def open_database(url: str, *, create: bool = False) -> Database:
    """Open (and when allowed, create) the database and bring its schema up to date."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        if not create:
            raise DatabaseMissing(f"Database {path} bestaat niet; controleer het pad of maak eerst een schooljaar aan.")
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(url)
    try:
        upgrade(db)
    except Refusal:
        db.dispose()
        raise
    except DBAPIError as error:
        db.dispose()
        raise DatabaseDamaged(
            f"{path or 'De database'} kan niet worden geopend: het bestand is beschadigd of geen "
            f"SWV Uren-database ({error.orig}). Zet een back-up terug.") from None
    return db


class DatabaseDamaged(Refusal):
    """A file that is not a sound SWV Uren database."""


class SchemaTooNew(DatabaseDamaged):
    """A database written by a newer version of the app."""


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


_REVISION = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*['\"]?([\w.-]+)['\"]?\s*$", re.MULTILINE)


def _head_revision() -> str:
    """The newest migration, read from the files of a simple chain: importing alembic costs a fifth of a
    second at every start of the command line and is needed only when there is something to upgrade."""
    revisions, parents = set(), set()
    for file in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(m.groups() for m in _REVISION.finditer(file.read_text(encoding="utf-8")))
        revisions.add(found.get("revision"))
        parents.add(found.get("down_revision"))
    heads = revisions - parents
    if None not in revisions and len(heads) == 1:
        return str(heads.pop())
    from alembic.script import ScriptDirectory  # branches or an unusual file: let alembic decide

    return ScriptDirectory(str(MIGRATIONS)).get_current_head() or ""


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def upgrade(db: Database) -> None:
    """Run pending migrations; an older schema that holds data is backed up first."""
    head = _head_revision()
    current = current_revision(db)
    if current == head:
        return
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            "Deze database is gemaakt met een nieuwere versie van SWV Uren (schema "
            f"{current}); installeer die versie. Het bestand is niet gewijzigd.")
    from alembic import command
    from alembic.config import Config

    if current is not None and db.path is not None:
        from . import backup

        backup.take(db.path, "voor-upgrade")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")

