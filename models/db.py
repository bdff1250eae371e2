"""The database: engine with safe SQLite settings, sessions, one transaction per action, migrations."""
from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, configure_mappers, sessionmaker
from sqlalchemy.pool import QueuePool

from . import dbfile
from .dbfile import DatabaseDamaged, DatabaseMissing
from .domain.errors import Refusal
from .domain.reasons import postgres_reason, sqlite_reason



def _migrations() -> Path:
    """Alembic's scripts, package data read as files: found through importlib.resources, which also finds
    them in a frozen bundle (shipped there as data beside the compiled modules, see packaging/)."""
    from importlib import resources

    return Path(str(resources.files(__package__ or "models").joinpath("migrations")))


MIGRATIONS = _migrations()


def to_url(path_or_url: str | Path) -> str:
    """A SQLAlchemy URL from a file path or URL; `postgresql://` gets the psycopg (3) driver."""
    text = str(path_or_url)
    if "://" in text:
        return normalise_url(text)
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def normalise_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean the psycopg 3 driver (the one the app installs)."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme.lower() in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def url_problem(url: str) -> str | None:
    """Why a URL cannot be used (a Dutch sentence), or None: only SQLite files and PostgreSQL servers."""
    try:
        parsed = make_url(url)
        backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    except Exception:  # ArgumentError, ValueError (a port that is no number) ...
        hidden = re.sub(r"(://[^/:@]*):[^/@]*@", r"\1:***@", url)  # never echo a password
        return f"'{hidden}' is geen geldig databasepad of geldige URL."
    if backend not in ("sqlite", "postgresql"):
        return (f"Database-URL's van het type '{backend}' worden niet ondersteund; gebruik een SQLite-bestand of "
                "postgresql://gebruiker@server/database.")
    if backend == "postgresql" and "+" in url.partition("://")[0] and driver != "psycopg":
        return (f"Het stuurprogramma '{driver}' hoort niet bij de app; schrijf postgresql://gebruiker@server/database "
                "(de app gebruikt psycopg).")
    if backend == "sqlite" and driver != "pysqlite":
        return f"Het stuurprogramma '{driver}' hoort niet bij de app; geef het pad van het SQLite-bestand."
    return None


def is_server(url: str) -> bool:
    """A database on a server (PostgreSQL), not a SQLite file."""
    return make_url(normalise_url(url)).get_backend_name() == "postgresql"


def shown(url: str) -> str:
    """The URL as it may be shown to the user: without its password."""
    return make_url(url).render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other engines or in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


# Every write transaction on a server first takes this transaction-level advisory lock, so writers run one
# after the other as they do on SQLite (BEGIN IMMEDIATE): each service's checks and its insert see one state.
# Readers are never blocked. The number is arbitrary but fixed ("SWVUREN" in ASCII, fits a bigint).
WRITE_LOCK_KEY = 0x53575655_52454E
LOCK_TIMEOUT = "30s"  # a writer waits at most this long for another; then a refusal, never a hang


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine with settings per dialect.

    SQLite: foreign keys, rollback journal with synchronous=FULL, busy timeout (dbfile.BUSY_SECONDS), and
    real transactions (pysqlite's own BEGIN handling is switched off, SQLAlchemy's recipe); a writer takes
    the write lock (BEGIN IMMEDIATE) just before its first statement, waiting its turn behind another.
    PostgreSQL (psycopg 3): a small pool that checks connections before use, READ COMMITTED, and a
    writer that first takes the database's write lock (an advisory lock released at commit or rollback);
    the hour service also locks the board's row of the year FOR UPDATE.
    `read_only` (SQLite): every connection opens the file with `mode=ro`, so nothing can be written."""
    url = normalise_url(url)
    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        engine = create_engine(
            url, pool_size=3, max_overflow=5, pool_pre_ping=True, pool_recycle=1800, pool_timeout=30,
            isolation_level="READ COMMITTED",
            connect_args={"connect_timeout": 10, "application_name": "swv-uren"})

        @event.listens_for(engine, "begin")
        def _on_pg_begin(conn: Connection) -> None:
            if conn.get_execution_options().get("swv_writer", False):
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
        return engine
    path = sqlite_path(url) if read_only else None
    if path is not None:
        def connect_read_only() -> sqlite3.Connection:
            dbfile.recover(path)  # a crashed writer's hot journal: rolled back as any reader would (mode=ro cannot)
            return sqlite3.connect(dbfile.read_only_uri(path), uri=True, check_same_thread=False)

        # A pool as for any file (the URL alone would choose SingletonThreadPool, meant for ':memory:', which
        # closes another thread's connection while it reads: pages read in worker threads).
        engine = create_engine("sqlite://", creator=connect_read_only, poolclass=QueuePool)
    else:
        engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = DELETE")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute(f"PRAGMA busy_timeout = {_busy_ms()}")
            cursor.execute("PRAGMA secure_delete = ON")  # cleared data (pupil codes) is overwritten in the file
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            if conn.get_execution_options().get("swv_writer", False):
                # The write lock is taken just before the transaction's first statement (below), not now:
                # whatever the service does before it asks the database anything runs outside the lock.
                conn.info[_LOCK_PENDING] = True
            else:
                conn.exec_driver_sql("BEGIN")

        @event.listens_for(engine, "before_cursor_execute")
        def _before_statement(conn: Connection, cursor: Any, *_args: Any) -> None:
            if conn.info.pop(_LOCK_PENDING, False):
                # A writer takes the write lock before its first read, so its checks and its insert see one
                # state (BEGIN IMMEDIATE); another writer's lock is waited for, in turn.
                waiter = conn.get_execution_options().get("swv_wait")
                take_write_lock(cursor, waiter() if waiter is not None else None)

        @event.listens_for(engine, "commit")
        @event.listens_for(engine, "rollback")
        def _on_end(conn: Connection) -> None:
            conn.info.pop(_LOCK_PENDING, None)  # a transaction that never asked anything took no lock
    return engine


_LOCK_PENDING = "swv_write_lock_pending"
WAIT_STEP_MS = 200  # how often a waiting writer says it still waits (the app shows it)


def _busy_ms() -> int:
    return max(1, int(dbfile.BUSY_SECONDS * 1000))


def take_write_lock(cursor: sqlite3.Cursor, on_wait: Callable[[float], None] | None = None) -> None:
    """BEGIN IMMEDIATE, waiting up to dbfile.BUSY_SECONDS for the writer before us. `on_wait(seconds)` is
    called every WAIT_STEP_MS while the lock is held by another (the app shows that it waits); a lock that
    stays taken raises SQLite's own 'database is locked', which callers turn into a Dutch refusal."""
    if on_wait is None:
        cursor.execute("BEGIN IMMEDIATE")  # SQLite's busy handler waits the whole busy timeout
        return
    deadline = time.monotonic() + dbfile.BUSY_SECONDS
    started = time.monotonic()
    cursor.execute(f"PRAGMA busy_timeout = {WAIT_STEP_MS}")
    try:
        while True:
            try:
                cursor.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _busy(error) or time.monotonic() >= deadline:
                    raise
            on_wait(time.monotonic() - started)
    finally:
        cursor.execute(f"PRAGMA busy_timeout = {_busy_ms()}")


class DatabaseBusy(Refusal):
    """Another user holds the write lock for too long."""


class Database:
    """One database: engine and session factory, and transactions for reading and writing."""

    def __init__(self, url: str, *, serialise_writes: bool = True, read_only: bool = False) -> None:
        from . import audit, limits, text_rules

        audit.install()
        limits.install()
        text_rules.install()
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, read_only=read_only)
        self.path = sqlite_path(self.url)
        self.is_server = self.engine.dialect.name == "postgresql"
        # A read is one snapshot on a server too (REPEATABLE READ: a report's queries agree with each other
        # while others write; a transaction that only reads never has to be retried).
        self._read_engine = (self.engine.execution_options(isolation_level="REPEATABLE READ") if self.is_server
                             else self.engine)
        self._sessions = sessionmaker(self._read_engine, expire_on_commit=False)
        # serialise_writes=False only for tests that prove a service's own row locks on a server.
        writer = serialise_writes or self.engine.dialect.name == "sqlite"
        # on_wait(seconds): told while a writer waits for another's write lock (SQLite; the app shows it).
        self.on_wait: Callable[[float], None] | None = None
        self._write_engine = self.engine.execution_options(swv_writer=writer, swv_wait=lambda: self.on_wait)
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: commit when the block ends, roll back on any error."""
        # The ORM's mappers are set up once per process, before any lock: inside the first transaction they
        # would cost the writers queued behind it as much time as the transaction itself.
        configure_mappers()
        try:
            with self._write_sessions.begin() as session:
                yield session
        except DBAPIError as error:
            if self.is_server and _lock_timeout(error):
                raise DatabaseBusy("De database is bezet: een andere gebruiker is nog aan het opslaan. "
                                   "Probeer het zo opnieuw; er is niets gewijzigd.") from None
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent read; never commits."""
        with self._sessions() as session, session.begin():
            yield session
            session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()


def _lock_timeout(error: DBAPIError) -> bool:
    return getattr(error.orig, "sqlstate", None) == "55P03"  # lock_not_available


def exists(url: str) -> bool:
    path = sqlite_path(url)
    return path is None or path.exists()


def open_database(url: str, *, create: bool = False, migrate: bool = True, read_only: bool = False) -> Database:
    """Open (and when allowed, create) the database and bring its schema up to date. Without `migrate` (a
    read-only second instance, beside the one that holds the file) an older schema is refused, not upgraded.

    A SQLite file is judged first (models.dbfile): tables are made only in a file that did not exist and was
    made here a moment ago; a folder, an empty file or another program's database is refused unchanged.
    `read_only`: the file is opened with `mode=ro`; an older schema is first upgraded (after a back-up) in a
    separate read-write step.

    On a server nothing is created but the tables: the database itself is made by its administrator.
    A server database that is missing or unreachable is refused; one without SWV Uren tables counts as
    missing for every command that may not create (as a missing file does)."""
    url = normalise_url(url)
    path = sqlite_path(url)
    if path is not None and not dbfile.claim(path, create=create):
        revision = dbfile.schema_revision(path)
        if read_only:
            if revision != _head_revision():
                open_database(url, migrate=migrate).dispose()
            return _opened(Database(url, read_only=True), url, path, migrate=False)
    return _opened(Database(url), url, path, migrate=migrate, create=create)


def _opened(db: Database, url: str, path: Path | None, *, migrate: bool, create: bool = False) -> Database:
    """The database with its schema checked (and when allowed, upgraded); refused in Dutch, disposed."""
    try:
        if db.is_server:
            _check_server(db, create=create)
        upgrade(db, allowed=migrate)
    except Refusal:
        db.dispose()
        raise
    except DBAPIError as error:
        db.dispose()
        if db.is_server:
            raise DatabaseMissing(server_unreachable(url, error)) from None
        if _busy(error):  # another program holds the file: it is in use, not damaged
            raise database_failure(error, server=False) from None
        raise DatabaseDamaged(
            f"{path or 'De database'} kan niet worden geopend: het bestand is beschadigd of geen "
            f"SWV Uren-database ({sqlite_reason(error)}). Zet een back-up terug.") from None
    return db


def server_unreachable(url: str, error: BaseException) -> str:
    return (f"Database {shown(url)} is niet bereikbaar of bestaat niet op de server ({postgres_reason(error)}); "
            "controleer de URL, of laat de beheerder de database aanmaken.")


def _check_server(db: Database, *, create: bool) -> None:
    """Connect once (a clear refusal when the server or database is not there)."""
    with db.engine.connect() as conn:
        has_tables = inspect(conn).has_table("alembic_version")
    if not has_tables and not create:
        raise DatabaseMissing(
            f"Database {shown(db.url)} bevat nog geen SWV Uren-gegevens; maak eerst een schooljaar aan "
            "('demo' of 'year import').")


def server_is_new(url: str) -> bool:
    """A reachable server database without any table of the app (what an administrator hands over)."""
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return not inspect(conn).get_table_names()
    except DBAPIError:
        return False  # unreachable: opening it says so
    finally:
        db.dispose()


def empty_server(url: str) -> bool:
    """Drop the app's tables again, so a refused `demo` or `year import` leaves a new server database as it was
    handed over (the server's counterpart of removing a new file) — but only while nobody changed anything in
    them: every change writes the audit trail, so an empty trail (and no school year) means only the migrations
    wrote there. Under the writers' lock, so a colleague who wrote in the meantime keeps every row. True if
    dropped."""
    from sqlalchemy import select

    from .orm import AuditEntry, Base, SchoolYear, load_all

    db = Database(url)
    try:
        with db.engine.begin() as conn:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
            existing = set(inspect(conn).get_table_names())
            if any(table.name in existing and conn.execute(select(1).select_from(table).limit(1)).first()
                   for table in (inspect(AuditEntry).tables[0], inspect(SchoolYear).tables[0])):
                return False
            load_all()
            Base.metadata.drop_all(conn)
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
            return True
    finally:
        db.dispose()


class DatabaseFailed(Refusal):
    """The database failed under a command or a user action: the transaction was rolled back."""


def _busy(error: Exception) -> bool:
    reason = str(getattr(error, "orig", None) or error).splitlines()[0]
    return "locked" in reason or "busy" in reason


def database_failure(error: Exception, *, server: bool) -> DatabaseFailed:
    """A driver's error as one Dutch line that says what to do; nothing was written."""
    if server:
        return DatabaseFailed(f"De databaseserver gaf een fout ({postgres_reason(error)}); er is niets gewijzigd. "
                              "Probeer het opnieuw of voer 'swv-uren check' uit.")
    if _busy(error):
        return DatabaseFailed("De database is bezet door een ander programma; er is niets gewijzigd. Probeer het "
                              "zo opnieuw.")
    return DatabaseFailed(f"De database kan niet worden gelezen ({sqlite_reason(error)}); het bestand is mogelijk "
                          "beschadigd. Voer 'swv-uren check' uit of zet een back-up terug.")


class SchemaTooNew(DatabaseDamaged):
    """A database written by a newer version of the app."""


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


_REVISION = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*['\"]?([\w.-]+)['\"]?\s*$", re.MULTILINE)


def _head_revision() -> str:
    """The newest migration, read from the files of a simple chain: importing alembic costs a fifth of a
    second at every start of the command line and is needed only when there is something to upgrade."""
    revisions: set[str | None] = set()
    parents: set[str | None] = set()
    for file in (MIGRATIONS / "versions").glob("*.py"):
        found = {m[1]: m[2] for m in _REVISION.finditer(file.read_text(encoding="utf-8"))}
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


SERVER_COPIES_ENV = "SWV_UREN_SERVER_COPIES"  # where a server database is dumped before a schema upgrade


def server_upgrade_copy(url: str) -> Path:
    """The file for a server database's copy before an upgrade: in the user's data folder (or the folder in
    SWV_UREN_SERVER_COPIES), named after the database, the moment and the process (two users may start a new
    version in the same second)."""
    import datetime as dt
    import os

    from platformdirs import user_data_dir

    folder = Path(os.environ.get(SERVER_COPIES_ENV) or Path(user_data_dir("SWV Uren", appauthor=False)) / "server")
    name = re.sub(r"[^\w.-]+", "-", make_url(url).database or "database")
    return folder / f"{name}-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}-voor-upgrade.dump"


def upgrade(db: Database, *, allowed: bool = True) -> None:
    """Run pending migrations; an older schema that holds data is backed up first. Not `allowed`: refused."""
    head = _head_revision()
    current = current_revision(db)
    if current == head:
        return
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            "Deze database is gemaakt met een nieuwere versie van SWV Uren (schema "
            f"{current}); installeer die versie. Het bestand is niet gewijzigd.")
    if not allowed:
        raise Refusal(
            f"Deze database heeft het schema van een oudere versie ({current}) en is in gebruik door een ander "
            "programma. Alleen-lezen openen kan pas als het daar is gesloten en deze versie de database heeft "
            "bijgewerkt. Er is niets gewijzigd.")
    from alembic import command
    from alembic.config import Config

    if current is not None:  # data to keep: a copy first, else no upgrade
        from . import backup

        if db.path is not None:
            backup.take(db.path, "voor-upgrade")
        else:
            backup.dump_server(db.url, server_upgrade_copy(db.url))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        if db.is_server:  # two users starting a new version at once: one migrates, the other waits and
            # finds the work done (alembic reads the version again after the lock, READ COMMITTED)
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
        config.attributes["connection"] = conn
        command.upgrade(config, "head")

