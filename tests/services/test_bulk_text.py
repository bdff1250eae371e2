"""A bulk UPDATE or INSERT sent through the session bypasses the flush, not the text rules (issue 12): its
values pass the same privacy rule and length as a flushed row; a text column set to an SQL expression, which
no check can see, is a programming error; and no raw SQL elsewhere updates a text column."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from models.db import Database
from models.domain.errors import InvalidInput
from models.limits import UncheckedText
from models.orm import Agreement, Board, HourEntry
from tests.conftest import ROOT, table_dump
from tests.services.helpers import act, add_agreement, refused


def test_a_bulk_update_of_free_text_meets_the_privacy_rule(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    before = table_dump(reference_db.path)
    error = refused(reference_db, lambda s: s.execute(
        update(Agreement).where(Agreement.number == number).values(description="leerling 111222333")), InvalidInput)
    assert "BSN" in error.message and "111222333" not in error.message
    assert table_dump(reference_db.path) == before


def test_a_bulk_update_by_primary_key_meets_the_rule_of_its_column(reference_db: Database) -> None:
    board_id = act(reference_db, lambda s: s.scalar(select(Board.id).where(Board.name == "KPO")))
    before = table_dump(reference_db.path)
    error = refused(reference_db, lambda s: s.execute(
        update(Board), [{"id": board_id, "contact_person": "moeder van leerling geb. 12-03-2009"}]), InvalidInput)
    assert "datum" in error.message and error.field == "contact_person"
    error = refused(reference_db, lambda s: s.execute(
        update(Board), [{"id": board_id, "email": "geen adres"}]), InvalidInput)
    assert "geen e-mailadres" in error.message
    assert table_dump(reference_db.path) == before


def test_a_bulk_update_or_insert_meets_the_length_of_its_column(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    before = table_dump(reference_db.path)
    error = refused(reference_db, lambda s: s.execute(
        update(Agreement).where(Agreement.number == number).values(description="a" * 4001)), InvalidInput)
    assert error.message == "Omschrijving is te lang: 4.001 tekens, hoogstens 4.000. Maak de tekst korter."
    agreement_id = act(reference_db, lambda s: s.scalar(select(Agreement.id).where(Agreement.number == number)))
    error = refused(reference_db, lambda s: s.execute(insert(HourEntry), [
        {"agreement_id": agreement_id, "month": "2016-10", "minutes": 60, "note": "b" * 131_000, "source": "app"}]),
        InvalidInput)
    assert "131.000 tekens, hoogstens 1.000" in error.message
    assert table_dump(reference_db.path) == before


def test_a_text_column_set_to_an_sql_expression_is_a_programming_error(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    before = table_dump(reference_db.path)
    with pytest.raises(UncheckedText, match="agreement.description"):
        with reference_db.write() as session:
            session.execute(update(Agreement).where(Agreement.number == number)
                            .values(description=func.upper(Agreement.description)))
    assert table_dump(reference_db.path) == before


def test_a_bulk_update_of_other_columns_goes_through(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    act(reference_db, lambda s: s.execute(update(Agreement).where(Agreement.number == number)
                                          .values(is_demo=True, minutes=Agreement.minutes + 60)))
    assert act(reference_db, lambda s: s.scalar(select(Agreement.minutes).where(Agreement.number == number))) == 41 * 60


# Raw SQL bypasses the session altogether. The only one in the app's code: clearing old pupil codes in the
# copies beside the database (models.services.retention), which writes nothing but ''.
RAW_UPDATES = {("agreement", "pupil_ref = ''")}


def test_no_raw_sql_updates_a_text_column() -> None:
    found = set()
    for folder in ("models", "desktop", "views", "exports"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # a migration reshapes the schema once, before any user's text
            for table, assignment in re.findall(r"UPDATE\s+(\w+)\s+SET\s+(.+?)\s+WHERE", _source(path), re.I):
                found.add((table, assignment))
    assert found == RAW_UPDATES


def _source(path: Path) -> str:
    return path.read_text(encoding="utf-8")
