"""A database another program holds is busy, not damaged: the command says so and changes nothing."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from tests.conftest import run_cli


def test_a_file_another_program_holds_exclusively_is_called_busy_not_damaged(demo_path: Path) -> None:
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    holder = sqlite3.connect(demo_path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # no other connection may even read
        result = run_cli("budgets", "--year", "2016-2017", db=demo_path, env={"SWV_UREN_BUSY_SECONDS": "1"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (result.returncode, result.stdout) == (1, ""), result.stderr
    [line] = result.stderr.splitlines()
    assert "bezet door een ander programma" in line
    assert "beschadigd" not in line and "back-up" not in line
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before
