"""Migration 0009: the kind of a school (soort school). A database of the previous schema (0008) is upgraded on
SQLite and on PostgreSQL: every existing school becomes regulier, nothing that hangs from a school changes, the
database refuses a kind outside the list, and the way down and up again keeps every row."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from models.db import Database, _head_revision, current_revision, open_database, to_url
from models.services import masterdata
from tests.conftest import downgrade, dump

KEPT = ("board", "agreement", "hour_entry", "network_school", "question_school", "school_pupils", "report_file")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def demo_url(request: pytest.FixtureRequest, demo_path) -> str:  # type: ignore[no-untyped-def]
    return to_url(demo_path) if request.param == "sqlite" else request.getfixturevalue("pg_demo_url")


def _columns(url: str) -> list[str]:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return list(conn.execute(text("SELECT * FROM school")).keys())
    finally:
        db.dispose()


def _schools(url: str) -> dict[str, str]:
    db = Database(url)
    try:
        with db.read() as session:
            return {s.name: s.kind for s in masterdata.master_data(session).schools}
    finally:
        db.dispose()


def test_a_database_at_0008_gets_regulier_for_every_school(demo_url: str) -> None:
    assert _head_revision() == "0009"
    downgrade(demo_url, "0008")
    assert "kind" not in _columns(demo_url)
    before = dump(demo_url)

    db = open_database(demo_url)  # the app's own start: a copy first, then the upgrade
    try:
        assert current_revision(db) == "0009"
    finally:
        db.dispose()
    after = dump(demo_url)
    for table in KEPT:
        assert after[table] == before[table], table
    assert set(_schools(demo_url).values()) == {"regulier"} and len(_schools(demo_url)) == 12
    assert [row[:4] for row in after["school"]] == before["school"]  # id, board, name, key: as they were

    db = Database(demo_url)
    try:
        with pytest.raises(IntegrityError), db.engine.begin() as conn:  # the schema itself holds the list
            conn.execute(text("UPDATE school SET kind = 'speciaal' WHERE name = 'SBO Pius X'"))
        with db.write() as session:
            masterdata.rename_school(session, "Borgesius", "SBO Pius X", "SBO Pius X", "SBO")
    finally:
        db.dispose()
    assert _schools(demo_url)["SBO Pius X"] == "SBO"


def test_down_to_0008_and_up_again_keeps_every_row(demo_url: str) -> None:
    before = dump(demo_url)
    downgrade(demo_url, "0008")
    db = open_database(demo_url)
    db.dispose()
    after = dump(demo_url)
    assert {t: rows for t, rows in after.items() if t not in ("school",)} == {
        t: rows for t, rows in before.items() if t not in ("school",)}
    kinds = {row[2]: row[4] for row in after["school"]}
    assert kinds["SBO Pius X"] == "regulier"  # the demo's SBO went with the column; what 0008 knew stays
    assert [row[:4] for row in after["school"]] == [row[:4] for row in before["school"]]
