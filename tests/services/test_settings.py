"""The SWV's own settings in the database: its name above the reports, shared by every user."""
from __future__ import annotations

import pytest

from models.db import Database
from models.domain.errors import InvalidInput
from models.services import settings
from tests.services.helpers import act, read, refused


def test_the_name_is_the_default_until_set_and_then_kept_tidy(demo_db: Database) -> None:
    assert read(demo_db, settings.swv_name) == "Samenwerkingsverband"
    assert not read(demo_db, settings.has_swv_name)
    act(demo_db, lambda s: settings.set_swv_name(s, "  SWV   Passend Onderwijs  Rijnland "))
    assert read(demo_db, settings.swv_name) == "SWV Passend Onderwijs Rijnland"
    act(demo_db, lambda s: settings.set_swv_name(s, "SWV Rijnland"))
    assert read(demo_db, settings.swv_name) == "SWV Rijnland"


@pytest.mark.parametrize(("name", "words"), [("   ", "Vul de naam"), ("x" * 121, "te lang")])
def test_an_empty_or_long_name_is_refused(demo_db: Database, name: str, words: str) -> None:
    error = refused(demo_db, lambda s: settings.set_swv_name(s, name), InvalidInput)
    assert words in error.message and error.field == "swv_name"


def test_setting_the_name_is_in_the_logboek(demo_db: Database) -> None:
    from models.services import audit_log

    act(demo_db, lambda s: settings.set_swv_name(s, "SWV Rijnland"))
    rows = read(demo_db, lambda s: audit_log.entries(s, audit_log.AuditFilter(entity="instelling"))).rows
    assert [row.action for row in rows] == ["toegevoegd"]
    assert ("waarde", "SWV Rijnland") in [(c.label, c.after) for c in rows[0].changes]
