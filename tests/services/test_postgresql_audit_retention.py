"""The audit trail, its search and the retention of pupil codes on both engines: on PostgreSQL nothing
SQLite-only (PRAGMA secure_delete) runs, and the same actions give the same trail."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from models.db import Database, open_database, to_url
from models.domain.errors import Refusal
from models.orm import Agreement, AuditEntry
from models.services import agreements, audit_log, months, retention
from models.services.audit_log import AuditFilter
from tests.conftest import TODAY
from tests.services.helpers import YEAR, act, add_agreement, add_grant, add_hours, read

D = dt.date


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def any_demo_db(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    url = to_url(request.getfixturevalue("demo_path")) if request.param == "sqlite" else \
        request.getfixturevalue("pg_demo_url")
    db = open_database(url)
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def any_reference_db(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return request.getfixturevalue("reference_db")
    db = open_database(request.getfixturevalue("pg_reference_url"))
    request.addfinalizer(db.dispose)
    return db


def _count(db: Database) -> int:
    return read(db, lambda s: s.scalar(select(func.count()).select_from(AuditEntry)))


def _summaries(db: Database, **filters) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.summary for r in read(db, lambda s: audit_log.entries(s, AuditFilter(limit=None, **filters)))]


def test_the_trail_of_a_days_work(any_reference_db: Database) -> None:
    db = any_reference_db
    number = add_agreement(db, confirmed=None, first="2016-10", last="2017-03", description="Ambulant")
    act(db, lambda s: agreements.confirm(s, number, D(2016, 9, 20), TODAY))
    add_hours(db, number, "2016-10", 90)
    add_grant(db, "KPO", "Kameleon", "2016-11", 30)
    act(db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    before = _count(db)
    with pytest.raises(Refusal):  # a refused action leaves no entry: it shared the rolled-back transaction
        add_hours(db, number, "2016-11", 30 * 60)
    assert _count(db) == before
    assert _summaries(db, entity="overeenkomst")[-1] == (
        f"overeenkomst {number} geregistreerd: KPO bij Kameleon, 40 uur, oktober 2016 t/m maart 2017")
    assert {"overeenkomst", "uren", "reservetoekenning"} <= {r.entity for r in read(
        db, lambda s: audit_log.entries(s, AuditFilter(limit=None)))}
    add_agreement(db, description="Half_om_half 50% groep")
    assert len(_summaries(db, text="50%")) == 1 and len(_summaries(db, text="5%0")) == 0


@pytest.mark.postgresql
def test_search_finds_the_same_on_both_engines(demo_path, pg_demo_url: str) -> None:  # type: ignore[no-untyped-def]
    found = {}
    for url in (to_url(demo_path), pg_demo_url):
        db = open_database(url)
        found[url] = [len(_summaries(db, text=text)) for text in ("2016-017", "Driespan", "oktober 2016", "instroom")]
        db.dispose()
    on_file, on_server = found.values()
    assert on_file == on_server and all(on_file)


def test_retention_clears_the_codes(any_demo_db: Database) -> None:
    db = any_demo_db
    codes = read(db, lambda s: s.scalar(select(func.count()).select_from(Agreement).where(Agreement.pupil_ref != "")))
    assert codes > 10
    assert act(db, lambda s: retention.clear_pupil_refs(s, 2, TODAY)) == codes
    assert read(db, lambda s: retention.preview(s, 2, TODAY)).agreements == 0
    wiped = [s for s in _summaries(db, text="leerlingcode") if s.endswith("leerlingcode gewist")]
    assert len(wiped) == codes


@pytest.mark.postgresql
def test_search_ignores_case_on_the_server(pg_demo_url: str) -> None:
    db = open_database(pg_demo_url)
    try:
        assert len(_summaries(db, text="driespan")) == len(_summaries(db, text="Driespan")) > 1
    finally:
        db.dispose()
