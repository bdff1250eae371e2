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
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .domain.errors import Refusal

FOLDER = "backups"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


class BackupFailed(Refusal):
    """A copy that could not be made or did not pass its check."""


def folder_of(database: Path) -> Path:
    return database.parent / FOLDER


def integrity(path: Path) -> str:
    """'ok' for a sound SQLite file, else what SQLite says is wrong (or that it is no database)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return str(error)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        return "ok" if rows == ["ok"] else "; ".join(rows[:3])
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()


def copy(source: Path, target: Path) -> Path:
    """A verified copy: online backup into a temporary name, integrity check, then the final name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
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
        raise BackupFailed(f"De back-up is mislukt: {error}.") from None
    verdict = integrity(partial)
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"De back-up is niet in orde ({verdict}); de database zelf is niet aangeraakt.")
    with open(partial, "rb+") as f:
        os.fsync(f.fileno())
    partial.replace(target)
    return target


def take(database: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """A verified, timestamped copy in the backups folder, then thinning."""
    now = now or dt.datetime.now()
    target = folder_of(database) / f"{database.stem}-{now:%Y%m%d-%H%M%S}-{reason}.sqlite"
    copy(database, target)
    thin(folder_of(database), database.stem, now)
    return target


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: dt.datetime

    @property
    def label(self) -> str:
        t = self.taken
        return f"{t.day}-{t.month}-{t.year} {t:%H:%M}"


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
    return sorted(found, key=lambda b: b.taken, reverse=True)


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
    removed = [b.path for b in copies if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_sound(database: Path) -> BackupFile | None:
    for b in listing(database):
        if integrity(b.path) == "ok":
            return b
    return None


def restore(database: Path, backup: Path, now: dt.datetime | None = None) -> Path:
    """Put a back-up in place; the current file is moved aside first (never deleted). Returns where it went."""
    now = now or dt.datetime.now()
    verdict = integrity(backup)
    if verdict != "ok":
        raise BackupFailed(f"Deze back-up is niet in orde ({verdict}); kies een andere.")
    aside = database.with_name(f"{database.stem}-voor-herstel-{now:%Y%m%d-%H%M%S}{database.suffix}")
    incoming = database.with_name(database.name + ".herstel")
    copy(backup, incoming)
    if database.exists():
        database.replace(aside)
    journal = database.with_name(database.name + "-journal")
    if journal.exists():
        journal.replace(aside.with_name(aside.name + "-journal"))
    incoming.replace(database)
    return aside


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
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        result = subprocess.run([program, "--format=custom", "--no-owner", "--no-privileges",
                                 f"--file={partial}", f"--dbname={dsn}"],
                                capture_output=True, text=True, env=env, timeout=3600)
    except (OSError, subprocess.SubprocessError) as error:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"pg_dump kon niet worden gestart: {error}.") from None
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        raise BackupFailed(f"De back-up met pg_dump is mislukt: {lines[0] if lines else result.returncode}.")
    with open(partial, "rb+") as f:
        os.fsync(f.fileno())
    partial.replace(target)
    return target
