"""The hour, reserve/month/budget and agreement service tests, run again on a PostgreSQL server.

The test functions of those modules are imported here, so pytest collects them a second time in this module,
where `reference_db` and `empty_db` are server databases (module fixtures win over conftest's). Their
`refused` helper compares a dump of the SQLite file; here it compares a dump of the server database.
"""
from __future__ import annotations

from typing import Any, Callable

import pytest
from sqlalchemy.orm import Session

from models.db import Database, open_database
from models.domain.errors import Refusal
from tests import pg
from tests.services import helpers
from tests.services import test_agreements as _agreements
from tests.services import test_hours as _hours
from tests.services import test_reserve_months_budgets as _reserve

pytestmark = pytest.mark.postgresql

_MODULES = (_agreements, _hours, _reserve)

for _module in _MODULES:
    for _name in dir(_module):
        if _name.startswith("test_"):
            globals()[f"{_name}"] = getattr(_module, _name)
del _module, _name


def _refused_on_server(db: Database, action: Callable[[Session], Any], kind: type[Refusal] = Refusal) -> Refusal:
    """helpers.refused for a server database: a one-line Dutch refusal, and nothing changed."""
    before = pg.table_dump(db.url)
    with pytest.raises(kind) as caught:
        helpers.act(db, action)
    assert pg.table_dump(db.url) == before
    message = caught.value.message
    assert message and "\n" not in message
    return caught.value


@pytest.fixture(autouse=True)
def _server_refusals(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (*_MODULES, helpers):
        monkeypatch.setattr(module, "refused", _refused_on_server)


@pytest.fixture
def empty_db(pg_empty_url: str):  # type: ignore[no-untyped-def]
    db = open_database(pg_empty_url)
    assert db.is_server
    yield db
    db.dispose()


@pytest.fixture
def reference_db(pg_reference_url: str):  # type: ignore[no-untyped-def]
    db = open_database(pg_reference_url)
    yield db
    db.dispose()


# ---------------------------------------------------------------- the server's own transaction rules

def test_a_writer_waits_for_another_then_gives_up(reference_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers take the database's write lock; one that cannot get it in time is refused, nothing changed."""
    import psycopg

    from models import db as dbmodule
    from models.db import DatabaseBusy

    monkeypatch.setattr(dbmodule, "LOCK_TIMEOUT", "300ms")
    number = helpers.add_agreement(reference_db)
    dsn = reference_db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as other:  # another user in the middle of saving
        other.execute(f"SELECT pg_advisory_xact_lock({dbmodule.WRITE_LOCK_KEY})")
        before = pg.table_dump(reference_db.url)
        with pytest.raises(DatabaseBusy) as caught:
            helpers.add_hours(reference_db, number, "2016-10", 60)
        assert "bezet" in caught.value.message and "\n" not in caught.value.message
        assert helpers.read(reference_db, lambda s: len(_hours.hours.entries(s, number))) == 0  # reads never wait
        other.rollback()
    assert pg.table_dump(reference_db.url) == before
    helpers.add_hours(reference_db, number, "2016-10", 60)  # free again


def test_a_read_is_one_snapshot(reference_db: Database) -> None:
    """Queries of one read agree with each other while another user commits in between."""
    number = helpers.add_agreement(reference_db)
    with reference_db.read() as session:
        first = len(_hours.hours.entries(session, number))
        helpers.add_hours(reference_db, number, "2016-10", 60)  # committed by someone else meanwhile
        assert len(_hours.hours.entries(session, number)) == first == 0
    assert helpers.read(reference_db, lambda s: len(_hours.hours.entries(s, number))) == 1
