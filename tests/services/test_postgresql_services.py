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
