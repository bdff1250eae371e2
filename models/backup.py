"""Back-ups of the SQLite file: verified copies in a `backups` folder beside it, thinned over time.
A server database (PostgreSQL) is copied with pg_dump (`dump_server`); its daily copies are the server's job.

Copies are taken with SQLite's online backup API (consistent while the app is writing),
checked with `integrity_check`, and only then given their final name. Thinning keeps the
newest copy always, and one copy per day for 7 days, per week for 4 weeks and per month
for 12 months.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path
from typing import BinaryIO

from .dbfile import read_only_uri
from .domain.errors import Refusal
from .domain.reasons import os_reason, sqlite_reason

FOLDER = "backups"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
# Besides the daily/weekly/monthly rule: the copies taken before a schema upgrade (the only copies in the old
# schema once the day is over) and those the user made by hand are kept by their own count.
KEEP_BY_REASON = {"voor-upgrade": 3, "handmatig": 10}


class BackupFailed(Refusal):
    """A copy that could not be made or did not pass its check."""


def folder_of(database: Path) -> Path:
    return database.parent / FOLDER


def integrity(path: Path) -> str:
    """'ok' for a sound SQLite file, else what SQLite says is wrong (or that it is no database)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        return str(error)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        return "ok" if rows == ["ok"] else "; ".join(rows[:3])
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()


def _open_source(path: Path) -> sqlite3.Connection:
    """The database to copy, read-only (`mode=ro`) and never created; a hot journal left by a process that
    was killed is rolled back first (models.dbfile), so the copy holds what was committed."""
    from .dbfile import connect_read_only

    return connect_read_only(path)


def _busy(error: BaseException) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


SIDECARS = ("-journal", "-wal", "-shm", ".lock")  # SQLite's and the app's files beside the database


def check_file_target(target: Path) -> None:
    """A copy goes to a file: not to a folder, nor to a name without a file name."""
    if target.is_dir() or not target.name or target.name in (".", ".."):
        raise BackupFailed(f"{target} is een map; geef een bestandsnaam voor de kopie, bijvoorbeeld "
                           f"{Path(target, 'swv-uren-kopie.sqlite')}. Er is niets gewijzigd.")


def _folder_for(target: Path) -> None:
    """The folder of a copy, made when missing; a path that cannot hold one is refused in Dutch."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupFailed(f"De map {target.parent} kan niet worden gebruikt voor de kopie "
                           f"({os_reason(error)}); kies een andere plek. Er is niets gewijzigd.") from None


def check_target(database: Path, target: Path) -> None:
    """A copy never lands on the database itself, on a file SQLite or the app keeps beside it, or on one of
    the app's back-ups or set-aside files (each is a moment to return to; its name says which)."""
    check_file_target(target)
    if _same_file(database, target):
        raise BackupFailed(f"{target} is de database zelf; kies een andere bestandsnaam voor de kopie. "
                           "Er is niets gewijzigd.")
    resolved, live = target.resolve(), database.resolve()
    if resolved.parent == live.parent and resolved.name in {live.name + s for s in SIDECARS}:
        raise BackupFailed(f"{target} is een hulpbestand van de database; kies een andere bestandsnaam voor "
                           "de kopie. Er is niets gewijzigd.")
    if target.exists() and (any(_same_file(b.path, target) for b in listing(database))
                            or any(_same_file(a, target) for a in set_aside(database))):
        raise BackupFailed(f"{target} is een back-up van de app; die blijft zoals hij is. Kies een andere "
                           "bestandsnaam voor de kopie. Er is niets gewijzigd.")


def copy(source: Path, target: Path) -> Path:
    """A verified copy to a file the user names (`swv-uren backup -o`): never over the database, its
    helper files or the app's own back-ups."""
    check_target(source, target)
    return _copy(source, target)


def _copy(source: Path, target: Path) -> Path:
    """A verified copy: online backup into a temporary name, integrity check, then the final name."""
    if _same_file(source, target):
        raise BackupFailed(f"{target} is de database zelf; er is niets gewijzigd.")
    check_file_target(target)
    _folder_for(target)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")  # two processes may copy at once
    try:
        src = _open_source(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        if _busy(error):
            raise BackupFailed("De back-up is mislukt: de database is bezet door een ander programma. Probeer "
                               "het zo opnieuw; de database zelf is niet aangeraakt.") from None
        raise BackupFailed(f"De back-up is mislukt ({sqlite_reason(error)}); controleer of in de map "
                           f"{target.parent} geschreven mag worden. De database zelf is niet aangeraakt.") from None
    verdict = integrity(partial)
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"De back-up is niet in orde ({verdict}); de database zelf is niet aangeraakt.")
    try:
        _fsync(partial)
        partial.replace(target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"De kopie kan niet worden opgeslagen als {target} ({os_reason(error)}); "
                           "kies een andere bestandsnaam. De database zelf is niet aangeraakt.") from None
    _fsync_folder(target.parent)
    return target


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _fsync_folder(folder: Path) -> None:
    """A rename is on disk only when its folder is (POSIX; Windows has no such call)."""
    if os.name == "nt":  # pragma: no cover - Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def take(database: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """A verified, timestamped copy in the backups folder, then thinning."""
    now = now or dt.datetime.now()
    target = folder_of(database) / f"{database.stem}-{now:%Y%m%d-%H%M%S}-{reason}.sqlite"
    _copy(database, target)
    thin(folder_of(database), database.stem, now)
    return target


_REASON = re.compile(r"-\d{8}-\d{6}-(.+)$")  # <database>-<YYYYMMDD>-<HHMMSS>-<reason>


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: dt.datetime

    @property
    def label(self) -> str:
        t = self.taken
        return f"{t.day}-{t.month}-{t.year} {t:%H:%M}"

    @property
    def reason(self) -> str:
        """'start', 'afsluiten', 'handmatig', 'voor-upgrade', … (the end of the file name)."""
        found = _REASON.search(self.path.stem)
        return found.group(1) if found else ""


def listing(database: Path) -> list[BackupFile]:
    """The back-ups of a database, newest first."""
    folder = folder_of(database)
    found = []
    for path in folder.glob(f"{database.stem}-*.sqlite") if folder.exists() else []:
        parts = path.stem[len(database.stem) + 1:].split("-")
        try:
            taken = dt.datetime.strptime(f"{parts[0]}-{parts[1]}", "%Y%m%d-%H%M%S")
        except (ValueError, IndexError):
            continue
        found.append(BackupFile(path, taken))
    # Two copies of the same second (the day's first start, closed at once): the one written last is the newer.
    return sorted(found, key=lambda b: (b.taken, _written(b.path)), reverse=True)


def _written(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def set_aside(database: Path) -> list[Path]:
    """The files a restore moved aside (`<name>-voor-herstel-<moment>.sqlite`), beside the database."""
    return sorted(database.parent.glob(f"{database.stem}-voor-herstel-*{database.suffix}"))


def thin(folder: Path, stem: str, now: dt.datetime) -> list[Path]:
    """Remove copies no rule keeps; returns what was removed. The newest always stays."""
    copies = listing(folder.parent / f"{stem}.sqlite")
    keep: set[Path] = set()
    if copies:
        keep.add(copies[0].path)
    for bucket, count in ((lambda t: t.date(), KEEP_DAILY),
                          (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
                          (lambda t: (t.year, t.month), KEEP_MONTHLY)):
        seen: list[object] = []
        for b in copies:  # newest first: the newest copy of each bucket stays
            key = bucket(b.taken)
            if key not in seen:
                seen.append(key)
                if len(seen) <= count:
                    keep.add(b.path)
    for reason, count in KEEP_BY_REASON.items():
        keep.update([b.path for b in copies if b.reason == reason][:count])
    removed = [b.path for b in copies if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def schema_of(path: Path) -> str | None:
    """The schema version of an SWV Uren file, None when it has none (or cannot be read)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return None if row is None or row[0] is None else str(row[0])


def usable(path: Path) -> bool:
    """A back-up the app can open: sound, and of this version's schema or an older one (upgraded when
    opened); a copy of a newer version would only be refused."""
    if integrity(path) != "ok":
        return False
    from .db import known_revisions

    return schema_of(path) in known_revisions()


def newest_sound(database: Path) -> BackupFile | None:
    for b in listing(database):
        if usable(b.path):
            return b
    return None


def _raw_copy(source: Path, target: Path) -> None:
    """Byte for byte (a damaged file too), on disk before it gets its name."""
    with open(source, "rb") as f:
        _raw_copy_from(f, target)


def _raw_copy_from(source: BinaryIO, target: Path) -> None:
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")  # two processes may copy at once
    source.seek(0)
    with open(partial, "wb") as out:
        shutil.copyfileobj(source, out)
        out.flush()
        os.fsync(out.fileno())
    partial.replace(target)


def _write_guard(database: Path) -> sqlite3.Connection | None:
    """SQLite's write lock on the current file, so no other program writes (or starts a journal) while it is
    copied aside and replaced. Taking it lets SQLite first roll back the transaction of a process that was
    killed (a hot journal), so what is copied aside is what was committed. None for a file SQLite cannot
    lock (a damaged one); a file another program is writing is not taken."""
    from .services.integrity import connect

    try:
        conn = connect(database)
    except sqlite3.Error:
        return None
    conn.isolation_level = None
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as error:
        conn.close()
        if _busy(error):
            raise BackupFailed("Terugzetten kan nu niet: de database is bezet door een ander programma. Sluit "
                               "dat en probeer het opnieuw; er is niets gewijzigd.") from None
        return None
    return conn


def _release(guard: sqlite3.Connection | None) -> None:
    if guard is None:
        return
    try:
        guard.execute("ROLLBACK")  # nothing was written through it
    except sqlite3.Error:
        pass
    guard.close()


def restore(database: Path, backup: Path, now: dt.datetime | None = None) -> Path:
    """Put a back-up in place; the current file is copied aside first (never deleted). Returns where it went.

    At every moment the database path holds a complete database, the old or the restored one: the old file
    is copied aside, the back-up is copied to a temporary name in the same folder and forced to disk, and
    only then renamed over the database in one atomic step."""
    now = now or dt.datetime.now()
    verdict = integrity(backup)
    if verdict != "ok":
        raise BackupFailed(f"Deze back-up is niet in orde ({verdict}); kies een andere.")
    if not usable(backup):  # the app would refuse it after the restore, and the user would be left without
        raise BackupFailed(f"Deze back-up ({schema_of(backup) or 'geen schema'}) is geen SWV Uren-database van "
                           "deze of een eerdere versie; kies een andere. Er is niets gewijzigd.")
    aside = database.with_name(f"{database.stem}-voor-herstel-{now:%Y%m%d-%H%M%S}{database.suffix}")
    serial = 1
    while aside.exists():
        serial += 1
        aside = database.with_name(f"{database.stem}-voor-herstel-{now:%Y%m%d-%H%M%S}-{serial}{database.suffix}")
    incoming = database.with_name(database.name + ".herstel")
    _copy(backup, incoming)
    try:
        _swap(database, incoming, aside)
    except OSError as error:  # a full disk, a folder without write rights
        if not incoming.exists():  # renamed into place already: the restore is done, the old file is aside
            return aside
        for leftover in (incoming, *database.parent.glob(f"{glob_escape(aside.name)}*")):
            leftover.unlink(missing_ok=True)  # copies of a database that stays as it is
        raise BackupFailed(f"Terugzetten is niet gelukt ({os_reason(error)}); de database is niet "
                           "gewijzigd. Maak ruimte vrij op de schijf en probeer het opnieuw.") from None
    return aside


def _swap(database: Path, incoming: Path, aside: Path) -> None:
    if not database.exists():
        _put_in_place(incoming, database)
        return
    # The descriptor stays open until the guard is released: on POSIX, closing any descriptor of a file
    # drops every lock this process holds on it, SQLite's write lock included.
    with open(database, "rb") as current:
        try:
            guard = _write_guard(database)
        except BackupFailed:
            incoming.unlink(missing_ok=True)
            raise
        try:
            _raw_copy_from(current, aside)
            journal = database.with_name(database.name + "-journal")
            if journal.exists():  # SQLite could not apply it (a damaged file): it stays with that file's copy
                _raw_copy(journal, aside.with_name(aside.name + "-journal"))
            _fsync_folder(database.parent)
            _put_in_place(incoming, database)
        finally:
            _release(guard)


def _put_in_place(incoming: Path, database: Path) -> None:
    """One atomic rename over the database. A journal belongs to the file it was written for: beside the
    restored file SQLite would apply it to that file and damage it. So it goes first (no writer can start
    a new one meanwhile: the caller holds the write lock), never after."""
    database.with_name(database.name + "-journal").unlink(missing_ok=True)
    os.replace(incoming, database)
    _fsync_folder(database.parent)


# ---------------------------------------------------------------- a server database (PostgreSQL)

def pg_dump_program() -> str | None:
    """pg_dump on PATH, else the newest of Debian's /usr/lib/postgresql/<version>/bin."""
    import glob
    import shutil

    found = shutil.which("pg_dump")
    if found:
        return found
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"),
                      key=lambda p: [int(x) for x in Path(p).parent.parent.name.split(".") if x.isdigit()])
    return versions[-1] if versions else None


def dump_server(url: str, target: Path) -> Path:
    """A consistent copy of a server database with pg_dump (custom format; put back with pg_restore).
    pg_dump reads one snapshot, so the copy is consistent while others keep working."""
    import subprocess

    from sqlalchemy.engine import make_url

    program = pg_dump_program()
    if program is None:
        raise BackupFailed("Een kopie van een PostgreSQL-database maakt u met pg_dump, en dat programma is hier "
                           "niet gevonden; installeer de PostgreSQL-clientprogramma's of vraag de beheerder.")
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:  # never on the command line, where other users could read it
        env["PGPASSWORD"] = str(parsed.password)
    dsn = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    check_file_target(target)
    _folder_for(target)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")  # two processes may copy at once
    try:
        result = subprocess.run([program, "--format=custom", "--no-owner", "--no-privileges",
                                 f"--file={partial}", f"--dbname={dsn}"],
                                capture_output=True, text=True, env=env, timeout=3600)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"pg_dump kon niet worden gestart ({os_reason(error)}).") from None
    except subprocess.SubprocessError:  # TimeoutExpired
        partial.unlink(missing_ok=True)
        raise BackupFailed("De back-up met pg_dump is afgebroken: hij duurde langer dan een uur.") from None
    if result.returncode != 0:
        from .db import shown
        from .domain.reasons import postgres_reason

        partial.unlink(missing_ok=True)
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        reason = postgres_reason(lines[0]) if lines else f"afsluitcode {result.returncode}"
        raise BackupFailed(f"De back-up van {shown(url)} met pg_dump is mislukt ({reason}).")
    with open(partial, "rb+") as f:
        os.fsync(f.fileno())
    partial.replace(target)
    return target
