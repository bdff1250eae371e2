"""Shared fixtures: real SQLite files in tmp_path, copied from templates built once per session."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.db import Database, open_database, to_url

TODAY = dt.date(2025, 1, 15)  # a fixed "today", long after the demo year
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from models.services import demo

    folder = tmp_path_factory.mktemp("templates")
    empty = folder / "empty.sqlite"
    open_database(to_url(empty), create=True).dispose()
    demo_file = folder / "demo.sqlite"
    shutil.copy(empty, demo_file)
    db = Database(to_url(demo_file))
    with db.write() as session:
        demo.fill(session, TODAY)
    db.dispose()
    return {"empty": empty, "demo": demo_file}


@pytest.fixture
def empty_path(tmp_path: Path, _templates: dict[str, Path]) -> Path:
    path = tmp_path / "swv.sqlite"
    shutil.copy(_templates["empty"], path)
    return path


@pytest.fixture
def demo_path(tmp_path: Path, _templates: dict[str, Path]) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(_templates["demo"], path)
    return path


@pytest.fixture
def empty_db(empty_path: Path):
    db = open_database(to_url(empty_path))
    yield db
    db.dispose()


@pytest.fixture
def demo_db(demo_path: Path):
    db = open_database(to_url(demo_path))
    yield db
    db.dispose()


@pytest.fixture
def reference_db(empty_db: Database) -> Database:
    """The published 2016-2017 set-up without any agreements."""
    from models.services import demo, years

    with empty_db.write() as session:
        years.create_or_replace(session, demo.reference_setup())
    return empty_db


def run_cli(*args: str, db: Path | None = None, today: dt.date | str | None = TODAY,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `swv-uren` as a subprocess, as scripts and outside tests do."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("SWV_UREN_DB", "SWV_UREN_TODAY")}
    if today is not None:
        full_env["SWV_UREN_TODAY"] = str(today)
    full_env.update(env or {})
    command = [sys.executable, "-m", "desktop"]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(command + list(args), capture_output=True, text=True, env=full_env, cwd=ROOT,
                          timeout=120)


def table_dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, to prove that a refusal changed nothing."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()
