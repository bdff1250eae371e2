"""A server database with an older schema is dumped with pg_dump before it is upgraded; without a copy there is
no upgrade (CLI.md: "An older schema is upgraded (after a backup)")."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from models import backup
from models.db import SERVER_COPIES_ENV, Database, current_revision, open_database
from models.domain.errors import Refusal
from tests.conftest import downgrade

pytestmark = pytest.mark.postgresql


def _agreements(url: str) -> int:
    db = Database(url)
    with db.engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM agreement")).scalar_one()
    db.dispose()
    return int(count)


def test_an_older_server_schema_is_dumped_before_the_upgrade(pg_demo_url: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVER_COPIES_ENV, str(tmp_path / "kopieën"))
    agreements = _agreements(pg_demo_url)
    downgrade(pg_demo_url, "0002")

    db = open_database(pg_demo_url)
    try:
        assert current_revision(db) != "0002"
    finally:
        db.dispose()
    [copy] = (tmp_path / "kopieën").glob("*-voor-upgrade.dump")
    assert copy.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format, ready for pg_restore
    assert _agreements(pg_demo_url) == agreements


def test_without_pg_dump_a_server_schema_is_not_upgraded(pg_demo_url: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVER_COPIES_ENV, str(tmp_path / "kopieën"))
    downgrade(pg_demo_url, "0002")
    monkeypatch.setattr(backup, "pg_dump_program", lambda: None)  # a workstation without the client programs

    with pytest.raises(Refusal, match="pg_dump"):
        open_database(pg_demo_url)
    db = Database(pg_demo_url)
    try:
        assert current_revision(db) == "0002"
    finally:
        db.dispose()
    assert not (tmp_path / "kopieën").exists() or not list((tmp_path / "kopieën").iterdir())
