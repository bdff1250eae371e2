"""Database files for the command-line tests, and checks shared by them."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Callable

import pytest
from sqlalchemy.orm import Session

from models.db import Database, to_url
from tests.conftest import TODAY, run_cli, table_dump


@pytest.fixture
def ref_file(tmp_path: Path, _templates: dict[str, Path]) -> Path:
    """A database file holding the published 2016-2017 set-up and nothing else (no engine left open)."""
    from models.services import demo, years

    path = tmp_path / "ref.sqlite"
    shutil.copy(_templates["empty"], path)
    db = Database(to_url(path))
    with db.write() as session:
        years.create_or_replace(session, demo.reference_setup())
    db.dispose()
    return path


def ok(*args: str, db: Path | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """A command that must succeed."""
    result = run_cli(*args, db=db, **kwargs)  # type: ignore[arg-type]
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result


def refused(*args: str, db: Path | None = None, **kwargs: object) -> str:
    """A command that must be refused: exit 1, one Dutch line on stderr, nothing on stdout, nothing changed."""
    before = table_dump(db) if db is not None and db.exists() else None
    result = run_cli(*args, db=db, **kwargs)  # type: ignore[arg-type]
    assert result.returncode == 1, (args, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), result.stderr
    assert result.stdout == ""
    if before is not None:
        assert db is not None and table_dump(db) == before
    return lines[0]


def wrong_use(*args: str, db: Path | None = None, **kwargs: object) -> str:
    """Wrong use of the command line: exit 2, a message on stderr, nothing changed."""
    before = table_dump(db) if db is not None and db.exists() else None
    result = run_cli(*args, db=db, **kwargs)  # type: ignore[arg-type]
    assert result.returncode == 2, (args, result.stdout, result.stderr)
    assert result.stderr.strip() and "Traceback" not in result.stderr
    if before is not None:
        assert db is not None and table_dump(db) == before
    return result.stderr


def refused_all(cases: list[list[str]], db: Path | None = None, **kwargs: object) -> list[str]:
    """Several refusals on the same database, run side by side (each changes nothing, so order does not
    matter); returns their messages in order."""
    from concurrent.futures import ThreadPoolExecutor

    before = table_dump(db) if db is not None and db.exists() else None
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda args: run_cli(*args, db=db, **kwargs), cases))  # type: ignore[arg-type]
    messages = []
    for args, result in zip(cases, results):
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].strip(), (args, result.stderr)
        assert result.stdout == "", args
        messages.append(lines[0])
    if before is not None:
        assert db is not None and table_dump(db) == before
    return messages


def prepare(path: Path, action: Callable[[Session], object]) -> object:
    """Set up state in-process, in one transaction, where the command line is not what is tested."""
    db = Database(to_url(path))
    try:
        with db.write() as session:
            return action(session)
    finally:
        db.dispose()


def confirmed_agreement(path: Path, *, board: str = "KPO", provider: str = "Kameleon", hours_agreed: int = 40,
                        first: str = "2016-09", last: str = "2017-07", registered: dt.date = dt.date(2016, 9, 1),
                        confirmed: dt.date | None = dt.date(2016, 9, 1)) -> str:
    from models.domain.months import Month
    from models.services import agreements

    def action(session: Session) -> str:
        number = agreements.register(session, agreements.AgreementInput(
            "2016-2017", board, provider, hours_agreed * 60, Month.parse(first), Month.parse(last),
            registered_on=registered), TODAY)
        if confirmed is not None:
            agreements.confirm(session, number, confirmed, TODAY)
        return number

    return str(prepare(path, action))
