"""A throw-away PostgreSQL server for the tests: initdb into a temporary folder, pg_ctl start on a unix
socket in that folder (no TCP port, so nothing to collide with), one fresh database per test copied from a
migrated template, and pg_ctl stop at the end.

Each pytest(-xdist) process starts its own server on first use, so there is no lock or shared state between
workers. The binaries come from PATH or from Debian's /usr/lib/postgresql/<version>/bin (scripts/setup.sh
installs the `postgresql` package when neither has them). The server refuses to run as root; as root the
folder is handed to the `postgres` user (else `nobody`) and the server runs as that user.
"""
from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "swv"
PORT = 5432  # only names the socket file; the socket lives in our own folder
START_ATTEMPTS = 3


class ServerUnavailable(RuntimeError):
    pass


def find_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: from PATH (following symlinks; Debian's pg_wrapper
    does not count), else the newest of Debian's /usr/lib/postgresql/<version>/bin."""
    candidates = []
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(os.path.realpath(found)).parent)
    candidates += sorted((Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
                         key=lambda d: [int(x) for x in d.parent.name.split(".") if x.isdigit()], reverse=True)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _run_as():  # type: ignore[no-untyped-def]  # pwd.struct_passwd | None (no pwd on Windows)
    """The unprivileged user the server runs as when we are root; None when we are not root."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd

    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise ServerUnavailable("Geen gebruiker om PostgreSQL onder te draaien (postgres of nobody).")


class Server:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.user = _run_as()
        # Short path: a unix socket path may hold at most ~100 characters. As root the server's user must
        # reach the folder, so it goes in /tmp (a TMPDIR under /root would be closed to it).
        base = tempfile.gettempdir()
        if (self.user is not None or len(base) >= 60) and os.path.isdir("/tmp"):
            base = "/tmp"
        self.root = Path(tempfile.mkdtemp(prefix="swvpg-", dir=base))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.log = self.root / "server.log"
        self._names = itertools.count(1)
        self.started = False
        self.start_seconds = 0.0

    # ------------------------------------------------------------------ process control
    def _cmd(self, *args: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        kwargs: dict = {}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C")
        if self.user is not None:  # switched in the child before exec, no Python code runs there
            kwargs.update(user=self.user.pw_uid, group=self.user.pw_gid, extra_groups=[])
            env.update(HOME=str(self.root), USER=self.user.pw_name, LOGNAME=self.user.pw_name)
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.root, env=env,
                                timeout=timeout, **kwargs)
        if check and result.returncode != 0:
            raise ServerUnavailable(f"{' '.join(args[:1])} mislukt: {result.stdout}{result.stderr}{self._log()}")
        return result

    def _log(self) -> str:
        try:
            return "\n--- server.log ---\n" + self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def start(self) -> None:
        began = time.monotonic()
        (self.root / "owner.pid").write_text(str(os.getpid()))
        if self.user is not None:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self._cmd("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--no-locale",
                  "--encoding=UTF8", "--no-sync", timeout=120)
        options = (f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' -p {PORT} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60 "
                   "-c shared_buffers=32MB -c max_wal_size=256MB")
        last = ""
        for attempt in range(START_ATTEMPTS):
            result = self._cmd("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                               "-t", "60", "start", check=False, timeout=90)
            if result.returncode == 0 and self._ready():
                self.started = True
                atexit.register(self.stop)  # also when the session ends without running the teardown
                self.start_seconds = time.monotonic() - began
                return
            last = result.stdout + result.stderr + self._log()
            self._cmd("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop", check=False)
            time.sleep(0.5 * (attempt + 1))
        raise ServerUnavailable(f"PostgreSQL start mislukt na {START_ATTEMPTS} pogingen: {last}")

    def _ready(self, seconds: float = 30) -> bool:
        """Connect until the server answers (pg_ctl -w already waits; this makes sure of it)."""
        import psycopg

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with psycopg.connect(self.dsn("postgres"), connect_timeout=5):
                    return True
            except psycopg.OperationalError:
                time.sleep(0.1)
        return False

    def stop(self) -> None:
        if self.started and self.data.exists():
            self._cmd("pg_ctl", "-D", str(self.data), "-m", "fast", "-t", "30", "stop", check=False)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    @classmethod
    def reap_orphans(cls, bin_dir: Path) -> int:
        """Stop the servers of test runs that were killed before their teardown (their owner.pid names a
        process that is gone) and remove their folders; returns how many were found."""
        base = {tempfile.gettempdir(), "/tmp"}
        found = 0
        for folder in {Path(p) for b in base for p in glob.glob(os.path.join(b, "swvpg-*"))}:
            try:
                owner = int((folder / "owner.pid").read_text())
            except (OSError, ValueError):
                continue  # being set up right now, or not ours
            try:
                os.kill(owner, 0)
                continue  # its run is still going
            except ProcessLookupError:
                pass
            except PermissionError:
                continue
            found += 1
            orphan = cls.__new__(cls)
            orphan.bin_dir, orphan.user, orphan.root = bin_dir, _run_as(), folder
            orphan.data, orphan.log, orphan.started = folder / "data", folder / "server.log", True
            if (orphan.data / "postmaster.pid").exists():
                orphan._cmd("pg_ctl", "-D", str(orphan.data), "-m", "immediate", "stop", check=False)
            shutil.rmtree(folder, ignore_errors=True)
        return found

    # ------------------------------------------------------------------ databases
    def dsn(self, database: str) -> str:
        return f"host={self.socket_dir} port={PORT} user={SUPERUSER} dbname={database}"

    def url(self, database: str) -> str:
        """The SQLAlchemy URL, as a user passes it to --db."""
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}&port={PORT}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.dsn(database), autocommit=True) as conn:
            conn.execute(statement)

    def create(self, template: str | None = None, name: str | None = None) -> str:
        """A new database (a copy of `template` when given); returns its name."""
        name = name or f"t{os.getpid()}_{next(self._names)}"
        source = f" TEMPLATE {template}" if template else ""
        self.sql(f'CREATE DATABASE "{name}"{source}')
        return name

    def drop(self, name: str) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def table_dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table of a server database (as tests.conftest.table_dump does for a file)."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = sorted(inspect(conn).get_table_names())
            return {t: sorted((tuple(r) for r in conn.execute(text(f'SELECT * FROM "{t}"'))), key=repr)
                    for t in tables}
    finally:
        engine.dispose()
