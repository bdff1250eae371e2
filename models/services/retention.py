"""Privacy (AVG): after a retention period, the pupil references of old school years are cleared.

A school year counts as ended after the last day of its last budget month. With SQLite,
`secure_delete` is on, so the cleared codes are overwritten in the database file instead of
lingering in free space; the audit trail never held them (it notes only that a code changed).

Back-ups and the files a restore set aside hold the codes too, today's start-up back-up included. So once
the clearing has committed, `clear_copies` applies the same clearing to each of those copies beside the
database, vacuums it (the old pages leave the file) and checks it again.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ..domain.errors import InvalidInput, Refusal
from ..domain.months import Month
from ..orm import Agreement, SchoolYear

DEFAULT_YEARS = 2
MAX_YEARS = 50


@dataclass(frozen=True)
class RetentionPreview:
    """What clearing would touch: school years that ended before `cutoff`, and their agreements with a code."""

    older_than_years: int
    cutoff: dt.date
    years: tuple[str, ...]
    agreements: int


def cutoff(today: dt.date, older_than_years: int) -> dt.date:
    """The same day `older_than_years` years ago (29 February becomes 28 February)."""
    check_years(older_than_years)
    try:
        return today.replace(year=today.year - older_than_years)
    except ValueError:
        return today.replace(year=today.year - older_than_years, day=28)


def check_years(older_than_years: int) -> None:
    if not 0 <= older_than_years <= MAX_YEARS:
        raise InvalidInput(f"Geef een bewaartermijn van 0 tot en met {MAX_YEARS} jaar.", field="years")


def year_end(last_month: str) -> dt.date:
    """The last day of a school year: the last day of its last month."""
    return Month.parse(last_month).plus(1).first_day() - dt.timedelta(days=1)


def _old_years(session: Session, older_than_years: int, today: dt.date) -> list[SchoolYear]:
    # Ended before the cutoff day  <=>  the last month lies before the cutoff's month.
    limit = str(Month.of(cutoff(today, older_than_years)))
    return list(session.scalars(select(SchoolYear).where(SchoolYear.last_month < limit).order_by(SchoolYear.label)))


def _with_code(year_ids: list[int]) -> Select[Agreement]:
    return select(Agreement).where(Agreement.year_id.in_(year_ids), Agreement.pupil_ref != "").order_by(Agreement.id)


def preview(session: Session, older_than_years: int, today: dt.date) -> RetentionPreview:
    years = _old_years(session, older_than_years, today)
    count = (session.scalar(_with_code([y.id for y in years]).with_only_columns(func.count(Agreement.id))
                            .order_by(None)) or 0) if years else 0  # counted by the database
    return RetentionPreview(older_than_years, cutoff(today, older_than_years),
                            tuple(y.label for y in years), count)


def clear_pupil_refs(session: Session, older_than_years: int, today: dt.date) -> int:
    """Clear the pupil references of agreements of school years that ended more than `older_than_years`
    years before `today`; returns how many were cleared. Runs in the caller's one transaction."""
    check_years(older_than_years)
    if session.get_bind().dialect.name == "sqlite":
        # Also set on every connection (models.db); here once more, so that a connection opened some
        # other way cannot leave the codes in the file's free space.
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
    years = _old_years(session, older_than_years, today)
    if not years:
        return 0
    cleared = 0
    for agreement in session.scalars(_with_code([y.id for y in years])):
        agreement.pupil_ref = ""  # through the ORM, so the audit trail notes 'leerlingcode gewist'
        cleared += 1
    session.flush()
    return cleared


# ---------------------------------------------------------------- the copies beside a SQLite database

@dataclass(frozen=True)
class CopiesCleared:
    """The back-ups and set-aside files cleared, and those that could not be (damaged or busy ones)."""

    cleared: tuple[Path, ...]
    failed: tuple[Path, ...]


def copies_of(database: Path) -> list[Path]:
    """Every copy the app keeps of a database: its back-ups, the files a restore set aside, and what an
    interrupted copy or restore left behind (`.part`, `.herstel`)."""
    from .. import backup

    leftovers = sorted(backup.folder_of(database).glob(f"{database.stem}-*.part"))
    leftovers += sorted(database.parent.glob(f"{database.stem}*.part"))
    leftovers += [p for p in [database.with_name(database.name + ".herstel")] if p.exists()]
    return [b.path for b in backup.listing(database)] + backup.set_aside(database) + leftovers


def clear_copies(database: Path, older_than_years: int, today: dt.date) -> CopiesCleared:
    """After `clear_pupil_refs` has committed: the same clearing in every copy beside the database."""
    cleared, failed = [], []
    for path in copies_of(database):
        try:
            clear_file(path, older_than_years, today)
        except (sqlite3.Error, OSError, Refusal):
            failed.append(path)
        else:
            cleared.append(path)
    return CopiesCleared(tuple(cleared), tuple(failed))


_CLEAR = ("UPDATE agreement SET pupil_ref = '' WHERE pupil_ref <> '' AND year_id IN "
          "(SELECT id FROM school_year WHERE last_month < ?)")


def clear_file(path: Path, older_than_years: int, today: dt.date) -> int:
    """The clearing of `clear_pupil_refs` in one SQLite copy (a back-up of any schema version holds these
    two tables): one transaction, then VACUUM so no old page keeps a code, then the copy's integrity check.
    A kill in between leaves the copy as it was or cleared: SQLite's journal rolls back the rest."""
    from .. import backup
    from .integrity import connect

    check_years(older_than_years)
    limit = str(Month.of(cutoff(today, older_than_years)))
    conn = connect(path)  # read-write: a hot journal beside a set-aside file is rolled back first
    try:
        conn.isolation_level = None
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            count = conn.execute(_CLEAR, (limit,)).rowcount
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()
    verdict = backup.integrity(path)
    if verdict != "ok":
        raise backup.BackupFailed(f"{path.name} is na het wissen niet in orde ({verdict}).")
    return count
