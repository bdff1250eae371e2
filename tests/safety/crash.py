"""Kill harness: a writer process is killed (SIGKILL) at random moments during its transactions;
afterwards the file must be sound and every acknowledged commit must be there.

Each transaction closes or reopens one month through the real service, which writes the month
event and its audit entry together. The writer reports a number on a pipe only after its commit
returned; so after a kill, the database must hold every acknowledged event, at most one more
(committed but not yet reported), the events must still alternate, and each must have its audit
entry (the change and its record are one transaction).

Used by tests/safety/test_crash.py (200 trials) and `python -m tests.safety.crash N` for long runs.
"""
from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import datetime as dt

MONTH = "2016-09"
YEAR = "2016-2017"
TODAY = dt.date(2025, 1, 15)


def prepare(path: Path) -> None:
    from models.db import open_database, to_url
    from models.services import demo, years

    db = open_database(to_url(path), create=True)
    with db.write() as session:
        years.create_or_replace(session, demo.reference_setup())
    db.dispose()


def _writer(path: Path, ack_fd: int) -> None:  # runs in the child; never returns
    try:
        from models.db import Database, to_url
        from models.services import months

        db = Database(to_url(path))
        with db.read() as session:
            done = len(months.history(session, YEAR))
        step = done
        os.write(ack_fd, b"ready\n")  # the kill clock starts now, so a slow start-up cannot eat it
        while True:
            with db.write() as session:
                if step % 2 == 0:
                    months.close(session, YEAR, MONTH, TODAY)
                else:
                    months.reopen(session, YEAR, MONTH, f"stap {step}")
            os.write(ack_fd, f"{step}\n".encode())
            step += 1
    finally:
        os._exit(0)


@dataclass
class Trial:
    acknowledged: int  # the highest step reported after its commit, -1 for none
    events: int


def verify(path: Path) -> int:
    """Raise AssertionError when the file is damaged or inconsistent; returns the number of events."""
    conn = sqlite3.connect(path)
    try:
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        actions = [r[0] for r in conn.execute("SELECT action FROM month_event ORDER BY id")]
        expected = ["afgesloten" if i % 2 == 0 else "heropend" for i in range(len(actions))]
        assert actions == expected, "events no longer alternate"
        audited = conn.execute("SELECT count(*) FROM audit_entry WHERE entity = 'maand'").fetchone()[0]
        assert audited == len(actions), "a change without its audit entry (or the reverse)"
        return len(actions)
    finally:
        conn.close()


def trial(path: Path, rng: random.Random) -> Trial:
    before = verify(path)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_fd)
        _writer(path, write_fd)
    os.close(write_fd)
    delay = rng.uniform(0.0, 0.15)
    buffer = b""
    ready, _, _ = select.select([read_fd], [], [], 30)  # wait for "ready" (a loaded machine is slow)
    deadline = time.monotonic() + delay
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([read_fd], [], [], left)
        if ready:
            chunk = os.read(read_fd, 4096)
            if not chunk:
                break
            buffer += chunk
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_fd, 4096):
        buffer += chunk
    os.close(read_fd)
    steps = [int(x) for x in buffer.split() if x != b"ready"]
    acknowledged = steps[-1] if steps else before - 1
    events = verify(path)
    assert events >= acknowledged + 1, f"acknowledged step {acknowledged} lost ({events} events)"
    assert events <= max(acknowledged + 2, before + 1), "more events than the writer made"
    return Trial(acknowledged, events)


def run(trials: int, folder: Path, seed: int = 2016) -> list[Trial]:
    path = folder / "crash.sqlite"
    prepare(path)
    rng = random.Random(seed)
    return [trial(path, rng) for _ in range(trials)]


if __name__ == "__main__":  # python -m tests.safety.crash 1000
    import tempfile

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        results = run(count, Path(tmp))
    print(f"{count} kills, {results[-1].events} commits, none lost, file sound "
          f"({time.monotonic() - started:.0f} s)")
