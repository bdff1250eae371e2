"""Concurrent writers (issue 12, §4): WRITERS processes at a time, each booking ENTRIES entries with
`swv-uren hours add` one after the other, while `swv-uren backup -o` copies the file alongside.

Counts what the writers were told and what the file holds afterwards: refused as busy ("bezet") at most 1 %,
and every acknowledged entry a row with its audit row (acknowledged = rows = audit rows).

The demo year has little room left in its one open month, so the set-up (on a scratch copy) reopens the
closed months and gives every writer an agreement and month with room for all its entries; the writers then
run on a fresh copy of that prepared file."""
from __future__ import annotations

import shutil
import sqlite3
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

WRITERS = 20
ENTRIES = 20
HOURS = "0,05"  # 3 minutes: the smallest step a workbook or the command line takes in hundredths
MINUTES = 3
NOTE = "bench-writers"


@dataclass
class Outcome:
    writers: int
    entries: int
    acknowledged: int = 0
    busy: int = 0
    busy_texts: set[str] = field(default_factory=set)
    other: list[str] = field(default_factory=list)
    rows: int = 0
    audit_rows: int = 0
    backups: int = 0
    backups_refused: int = 0
    seconds: float = 0.0
    call_seconds: list[float] = field(default_factory=list)

    @property
    def attempts(self) -> int:
        return self.writers * self.entries

    @property
    def busy_percent(self) -> float:
        return 100.0 * self.busy / self.attempts

    @property
    def ok(self) -> bool:
        return (self.busy_percent <= 1.0 and not self.other
                and self.acknowledged == self.rows == self.audit_rows)

    def lines(self) -> list[str]:
        calls = sorted(self.call_seconds)
        p95 = calls[int(0.95 * (len(calls) - 1))] if calls else 0.0
        return [
            f"{self.writers} writers x {self.entries} entries ({self.attempts} calls) in {self.seconds:.0f} s; "
            f"backups alongside: {self.backups} made, {self.backups_refused} refused",
            f"refused as busy: {self.busy} ({self.busy_percent:.1f} %, target <= 1 %); other refusals: "
            f"{len(self.other)}",
            f"acknowledged {self.acknowledged}, rows {self.rows}, audit rows {self.audit_rows}",
            f"one call: median {statistics.median(calls) if calls else 0:.1f} s, 95th percentile {p95:.1f} s, "
            f"longest {max(calls, default=0):.1f} s",
        ]


def prepare(demo: Path, tmp: Path, today, writers: int = WRITERS,  # type: ignore[no-untyped-def]
            entries: int = ENTRIES) -> tuple[Path, list[tuple[str, str]]]:
    """A copy of the demo with its months reopened, and per writer an (agreement, month) that takes all its
    entries (found by booking them on a scratch copy, so writers sharing a budget are counted together)."""
    from models.db import open_database, to_url
    from models.domain.errors import Refusal
    from models.domain.months import Month, month_range
    from models.services import hours, months

    prepared = tmp / "writers-prepared.sqlite"
    shutil.copyfile(demo, prepared)
    db = open_database(to_url(prepared))
    try:
        with db.read() as session:
            closed = [state.month for state in months.states(session, "2016-2017", today) if state.closed]
        for month in closed:
            with db.write() as session:
                months.reopen(session, "2016-2017", str(month), "benchmark: gelijktijdige schrijvers")
    finally:
        db.dispose()
    scratch = tmp / "writers-scratch.sqlite"
    shutil.copyfile(prepared, scratch)
    with sqlite3.connect(scratch) as raw:
        candidates = [(number, first, last) for number, first, last in raw.execute(
            "SELECT number, first_month, last_month FROM agreement WHERE status = 'bevestigd' ORDER BY number")]
    db = open_database(to_url(scratch))
    slots: list[tuple[str, str]] = []
    try:
        pairs = [(number, str(month)) for number, first, last in candidates
                 for month in month_range(Month.parse(first), min(Month.parse(last), Month.of(today)))]
        for number, month in pairs * writers:
            if len(slots) == writers:
                break
            try:
                with db.write() as session:
                    hours.register(session, hours.HoursInput(number, Month.parse(month), MINUTES * entries,
                                                             source="cli"), today)
            except Refusal:
                continue
            slots.append((number, month))
    finally:
        db.dispose()
        scratch.unlink()
    if len(slots) < writers:
        raise RuntimeError(f"the demo holds room for only {len(slots)} of {writers} writers")
    return prepared, slots


def run(cli: list[str], demo: Path, tmp: Path, env: dict[str, str], today,  # type: ignore[no-untyped-def]
        writers: int = WRITERS, entries: int = ENTRIES) -> Outcome:
    prepared, slots = prepare(demo, tmp, today, writers, entries)
    work = tmp / "writers.sqlite"
    shutil.copyfile(prepared, work)
    with sqlite3.connect(work) as raw:
        rows_before = raw.execute("SELECT count(*) FROM hour_entry").fetchone()[0]
        audit_before = raw.execute("SELECT count(*) FROM audit_entry WHERE entity = 'uren'").fetchone()[0]
    outcome = Outcome(writers, entries)
    lock = threading.Lock()
    start = threading.Barrier(writers + 1)
    writing = threading.Event()
    writing.set()

    def writer(number: str, month: str) -> None:
        start.wait()
        for _ in range(entries):
            began = time.perf_counter()
            done = subprocess.run(cli + ["--db", str(work), "hours", "add", "--agreement", number, "--month", month,
                                         "--hours", HOURS, "--note", NOTE], env=env, capture_output=True, text=True)
            elapsed = time.perf_counter() - began
            with lock:
                outcome.call_seconds.append(elapsed)
                if done.returncode == 0:
                    outcome.acknowledged += 1
                elif "bezet" in done.stderr:
                    outcome.busy += 1
                    outcome.busy_texts.add(done.stderr.strip()[:120])
                else:
                    outcome.other.append(f"{done.returncode}: {done.stderr.strip()[:200]}")

    def backups() -> None:
        start.wait()
        count = 0
        while writing.is_set():
            target = tmp / f"writers-copy-{count % 2}.sqlite"
            done = subprocess.run(cli + ["--db", str(work), "backup", "-o", str(target)], env=env,
                                  capture_output=True, text=True)
            with lock:
                if done.returncode == 0:
                    outcome.backups += 1
                else:
                    outcome.backups_refused += 1
            count += 1

    threads = [threading.Thread(target=writer, args=slot) for slot in slots]
    copier = threading.Thread(target=backups)
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    copier.start()
    for thread in threads:
        thread.join()
    outcome.seconds = time.perf_counter() - began
    writing.clear()
    copier.join()
    with sqlite3.connect(work) as raw:
        outcome.rows = raw.execute("SELECT count(*) FROM hour_entry").fetchone()[0] - rows_before
        outcome.audit_rows = raw.execute(
            "SELECT count(*) FROM audit_entry WHERE entity = 'uren'").fetchone()[0] - audit_before
    return outcome
