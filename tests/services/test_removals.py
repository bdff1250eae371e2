"""Removing what was registered in error: an hour entry or a reserve grant, never in a closed month."""
from __future__ import annotations

from sqlalchemy import select

from models.db import Database
from models.domain.errors import Conflict, NotFound
from models.domain.months import Month
from models.orm import AuditEntry
from models.services import hours, months, reporting, reserve
from tests.conftest import TODAY
from tests.services.helpers import YEAR, act, add_agreement, add_grant, add_hours, read, refused

OCTOBER = Month(2016, 10)


def _use(db: Database, board: str = "KPO", provider: str = "Kameleon") -> tuple[int, int, int]:
    def query(session):  # type: ignore[no-untyped-def]
        year = reporting.lookup.year(session, YEAR)
        ids = reporting.lookup.year_board(session, year, board).board_id, \
            reporting.lookup.year_provider(session, year, provider).provider_id
        use = reporting.month_use(session, year, *ids, OCTOBER)
        return use.budget, use.reserve, use.used
    return read(db, query)


def test_an_hour_entry_goes_and_its_hours_are_free_again(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    keep = add_hours(reference_db, number, "2016-10", 300)
    wrong = add_hours(reference_db, number, "2016-10", 600)
    gone = act(reference_db, lambda s: hours.remove_entry(s, wrong))
    assert (gone.agreement, gone.month, gone.minutes) == (number, OCTOBER, 600)
    assert [e.id for e in read(reference_db, lambda s: hours.entries(s, number))] == [keep]
    assert _use(reference_db)[2] == 300
    audit = read(reference_db, lambda s: s.scalars(select(AuditEntry).where(AuditEntry.action == "verwijderd",
                                                                              AuditEntry.entity == "uren", AuditEntry.entity_id == wrong)).all())
    assert len(audit) == 1


def test_no_entry_leaves_a_closed_month(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    entry = add_hours(reference_db, number, "2016-10", 300)
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    refusal = refused(reference_db, lambda s: hours.remove_entry(s, entry), Conflict)
    assert "Oktober 2016 is afgesloten" in refusal.message


def test_an_unknown_entry(reference_db: Database) -> None:
    assert "bestaat niet" in refused(reference_db, lambda s: hours.remove_entry(s, 999), NotFound).message


def test_a_grant_not_in_use_goes(reference_db: Database) -> None:
    grant = add_grant(reference_db, "KPO", "Kameleon", "2016-10", 120)
    assert _use(reference_db)[1] == 120
    gone = act(reference_db, lambda s: reserve.revoke(s, grant, TODAY))
    assert (gone.board, gone.provider, gone.month, gone.minutes) == ("KPO", "Kameleon", OCTOBER, 120)
    assert _use(reference_db)[1] == 0
    assert read(reference_db, lambda s: reserve.grants(s, YEAR)) == []


def test_a_grant_whose_hours_are_used_stays(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    budget = _use(reference_db)[0]
    grant = add_grant(reference_db, "KPO", "Kameleon", "2016-10", 120)
    add_hours(reference_db, number, "2016-10", budget + 60)
    refusal = refused(reference_db, lambda s: reserve.revoke(s, grant, TODAY), Conflict)
    assert refusal.message.startswith("De toekenning van 2 uur in oktober 2016 is in gebruik: gebruikt 19, budget 18")


def test_a_grant_in_a_closed_month_stays(reference_db: Database) -> None:
    grant = add_grant(reference_db, "KPO", "Kameleon", "2016-10", 120)
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    refused(reference_db, lambda s: reserve.revoke(s, grant, TODAY), Conflict)
