"""Real other processes for the safety tests: one killed in the middle of a write (a hot journal left
behind), one holding the app's lock, one keeping SQLite's write lock."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

_KILLED_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # pages spill into the file before the commit that never comes
conn.execute("BEGIN IMMEDIATE")
for i in range(3000):
    conn.execute("INSERT INTO audit_entry (at, user, action, entity, \\"before\\", \\"after\\") "
                 "VALUES ('2025-01-01 00:00:00', 'gedood', 'toegevoegd', 'test', ?, '')", ("x" * 200,))
os._exit(0)  # killed: no commit, no rollback
"""


def leave_hot_journal(path: Path) -> Path:
    """A writer process dies in the middle of a large transaction; returns its hot journal."""
    subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(path)], check=True, timeout=120)
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    return journal


_LOCK_HOLDER = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1] + ".lock")
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("ok", flush=True)
sys.stdin.readline()
lock.unlock()
"""

_SQLITE_WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")  # readers wait for it (rollback journal)
conn.execute("UPDATE board SET contact_person = 'schrijver'")
print("ok", flush=True)
hold = float(sys.argv[2])
if hold > 0:
    time.sleep(hold)
    conn.execute("COMMIT")
    print("klaar", flush=True)
sys.stdin.readline()
if conn.in_transaction:
    conn.execute("ROLLBACK")
"""


class Other:
    """Another process; stops when told (its stdin closes)."""

    def __init__(self, code: str, *args: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", code, *args], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "ok"

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)

    def __enter__(self) -> "Other":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def lock_holder(path: Path) -> Other:
    """Another instance of the app: it holds the database's lock file."""
    return Other(_LOCK_HOLDER, str(path))


def sqlite_writer(path: Path, hold_seconds: float = 0) -> Other:
    """A process in the middle of a write transaction; it commits after `hold_seconds` (0: never)."""
    return Other(_SQLITE_WRITER, str(path), str(hold_seconds))
