"""What an operation changed is read from what its transaction wrote, never declared by its caller."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from desktop.runner import Runner
from models.changes import TABLE_CHANGES, Changes, watch
from models.db import Database
from models.domain.errors import Refusal
from models.domain.months import Month
from models.orm import Base, Board, load_all
from models.services import agreements, hours, months, settings
from tests.conftest import TODAY
from tests.services.helpers import YEAR, add_agreement, agreement_input


def test_every_table_says_what_a_write_to_it_changes() -> None:
    load_all()
    assert set(TABLE_CHANGES) == set(Base.metadata.tables)
    names = {name for fields in TABLE_CHANGES.values() for name in fields}
    assert names <= set(Changes.__dataclass_fields__)
    assert names == set(Changes.__dataclass_fields__)  # every kind of change can happen


@pytest.fixture
def runner(qtbot, reference_db: Database) -> tuple[Runner, list[Changes]]:  # type: ignore[no-untyped-def]
    runner = Runner(reference_db)
    heard: list[Changes] = []
    runner.changed.connect(heard.append)
    return runner, heard


def test_booking_hours_changes_the_hours(runner) -> None:  # type: ignore[no-untyped-def]
    runner, heard = runner
    number = add_agreement(runner.db, hours_agreed=20)
    outcome = runner.operate(hours.register, hours.HoursInput(number, Month(2016, 10), 90), TODAY)
    assert isinstance(outcome.value, int)
    assert outcome.changes == Changes(hours=True) and heard == [Changes(hours=True)]


def test_a_new_school_is_a_change_of_the_master_data_an_existing_one_is_not(runner) -> None:  # type: ignore[no-untyped-def]
    runner, heard = runner
    runner.write(agreements.register, agreement_input(school="De Regenboog nieuw"), TODAY)
    runner.write(agreements.register, agreement_input(school="De Regenboog nieuw"), TODAY)
    assert heard == [Changes(agreements=True, masterdata=True), Changes(agreements=True)]


def test_closing_a_month_changes_the_months_and_a_refusal_changes_nothing(runner) -> None:  # type: ignore[no-untyped-def]
    runner, heard = runner
    runner.write(months.close, YEAR, "2016-09", TODAY)
    with pytest.raises(Refusal):
        runner.write(months.close, YEAR, "2016-09", TODAY)  # closed already
    assert heard == [Changes(months=True)]


def test_a_setting_is_written_but_no_page_shows_it(runner) -> None:  # type: ignore[no-untyped-def]
    runner, heard = runner
    outcome = runner.operate(settings.set_swv_name, "SWV Passend Onderwijs Test")
    assert not outcome.changes and heard == [] and runner.changed_anything


def test_a_bulk_statement_counts_too(demo_db: Database) -> None:
    with demo_db.write() as session, watch(session) as seen:
        session.execute(update(Board).where(Board.name == "KPO").values(contact_person="Mw. Jansen"))
    assert seen.changes == Changes(masterdata=True)
    with demo_db.read() as session, watch(session) as seen:
        session.get(Board, 1)
    assert not seen.changes
