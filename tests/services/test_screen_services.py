"""The small services the Overeenkomsten, Uren and Reserve screens read: form choices, bookable agreements,
month states, and a reserve grant over a range of months (one transaction, all or none)."""
from __future__ import annotations

import datetime as dt

import pytest

from models.domain.agreements import Kind
from models.domain.errors import Conflict, InvalidInput
from models.domain.months import Month, month_range
from models.services import agreements, hours, lookup, months, reserve
from tests.conftest import TODAY, table_dump

YEAR = "2016-2017"


def _act(db, fn):  # type: ignore[no-untyped-def]
    with db.write() as session:
        return fn(session)


def _read(db, fn):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return fn(session)


def _agreement(db, *, first: Month = Month(2016, 9), last: Month = Month(2017, 7),  # type: ignore[no-untyped-def]
               confirmed: dt.date | None = dt.date(2016, 10, 3), board: str = "KPO") -> str:
    cmd = agreements.AgreementInput(YEAR, board, "Kameleon", 40 * 60, first, last, school="De Regenboog",
                                    kind=Kind.COACHING, description="Coaching groep 5",
                                    registered_on=dt.date(2016, 9, 1))
    number = _act(db, lambda s: agreements.register(s, cmd, TODAY))
    if confirmed:
        _act(db, lambda s: agreements.confirm(s, number, confirmed, TODAY))
    return number


def test_choices_follow_the_year_setup_with_schools_and_contacts(reference_db) -> None:
    _agreement(reference_db)  # adds the school "De Regenboog" to KPO
    found = _read(reference_db, lambda s: lookup.choices(s, YEAR))
    assert found.boards == ("KPO", "OBO", "Borgesius", "De Waarden", "Kroevendonk / SPCO", "Zilverlinde / Pallas")
    assert found.providers == ("Kameleon", "Mytyschool", "Driespan")
    assert found.months == tuple(month_range(Month(2016, 9), Month(2017, 7)))
    assert found.schools["KPO"] == ("De Regenboog",)
    assert found.schools["OBO"] == ()
    assert found.board_contacts["KPO"] == "M. de Bruijn"


def test_bookable_agreements_start_at_the_month_of_confirmation(reference_db) -> None:
    confirmed = _agreement(reference_db)  # first month september, confirmed in october
    _agreement(reference_db, confirmed=None)  # only registered: not bookable
    found = _read(reference_db, lambda s: hours.bookable_agreements(s, YEAR, TODAY))
    assert [a.number for a in found] == [confirmed]
    assert found[0].months[0] == Month(2016, 10)
    assert found[0].months[-1] == Month(2017, 7)
    assert (found[0].board, found[0].provider, found[0].description) == ("KPO", "Kameleon", "Coaching groep 5")


def test_bookable_months_never_run_past_this_month(reference_db) -> None:
    number = _agreement(reference_db)
    today = dt.date(2016, 12, 5)
    found = _read(reference_db, lambda s: hours.bookable_agreements(s, YEAR, today))
    assert [a.number for a in found] == [number]
    assert found[0].months == (Month(2016, 10), Month(2016, 11), Month(2016, 12))
    # Before its first bookable month has begun an agreement is not offered at all.
    assert _read(reference_db, lambda s: hours.bookable_agreements(s, YEAR, dt.date(2016, 9, 20))) == []


def test_bookable_agreement_shows_hours_left(reference_db) -> None:
    number = _agreement(reference_db)
    _act(reference_db, lambda s: hours.register(s, hours.HoursInput(number, Month(2016, 11), 150), TODAY))
    found = _read(reference_db, lambda s: hours.bookable_agreements(s, YEAR, TODAY))[0]
    assert (found.minutes, found.booked, found.left) == (2400, 150, 2250)


def test_month_states_after_closing_and_reopening(reference_db) -> None:
    _act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    _act(reference_db, lambda s: months.close(s, YEAR, "2016-11", TODAY))
    _act(reference_db, lambda s: months.reopen(s, YEAR, "2016-11", "Late opgave Kameleon"))
    states = _read(reference_db, lambda s: months.states(s, YEAR, dt.date(2017, 2, 1)))
    assert [s.month for s in states if s.closed] == [Month(2016, 10)]
    assert [s.month for s in states if not s.started] == month_range(Month(2017, 3), Month(2017, 7))


def test_grant_range_grants_each_month(reference_db) -> None:
    cmd = reserve.GrantInput(YEAR, "OBO", "Mytyschool", Month(2016, 11), 5 * 60, "Instroom leerling")
    ids = _act(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2017, 1), TODAY))
    assert len(ids) == 3
    grants = _read(reference_db, lambda s: reserve.grants(s, YEAR))
    assert [(g.board, g.month, g.minutes, g.reason) for g in grants] == [
        ("OBO", Month(2016, 11), 300, "Instroom leerling"),
        ("OBO", Month(2016, 12), 300, "Instroom leerling"),
        ("OBO", Month(2017, 1), 300, "Instroom leerling")]
    line = next(l for l in _read(reference_db, lambda s: reserve.reserve_lines(s, YEAR)) if l.provider == "Mytyschool")
    assert (line.reserve, line.granted, line.left) == (100 * 60, 15 * 60, 85 * 60)


def test_grant_range_over_the_reserve_names_the_whole_request_and_writes_nothing(reference_db) -> None:
    before = table_dump(reference_db.path)
    cmd = reserve.GrantInput(YEAR, "OBO", "Kameleon", Month(2016, 9), 10 * 60, "Groot verzoek")
    with pytest.raises(Conflict) as caught:
        _act(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2017, 4), TODAY))  # 8 x 10 > 70
    assert "reserve 70" in caught.value.message and "gevraagd 80" in caught.value.message
    assert caught.value.field == "hours"
    assert table_dump(reference_db.path) == before


def test_grant_range_with_a_closed_month_inside_writes_nothing(reference_db) -> None:
    _act(reference_db, lambda s: months.close(s, YEAR, "2016-12", TODAY))
    before = table_dump(reference_db.path)
    cmd = reserve.GrantInput(YEAR, "OBO", "Kameleon", Month(2016, 11), 60, "Extra")
    with pytest.raises(Conflict) as caught:
        _act(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2017, 1), TODAY))
    assert "december 2016 is afgesloten" in caught.value.message.lower()
    assert table_dump(reference_db.path) == before


def test_grant_range_refuses_a_reversed_range(reference_db) -> None:
    cmd = reserve.GrantInput(YEAR, "OBO", "Kameleon", Month(2017, 2), 60, "Extra")
    with pytest.raises(InvalidInput) as caught:
        _act(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2016, 12), TODAY))
    assert caught.value.field == "month"
    assert "ligt vóór" in caught.value.message


def test_grant_range_of_one_month_is_a_single_grant(reference_db) -> None:
    cmd = reserve.GrantInput(YEAR, "KPO", "Driespan", Month(2017, 3), 12 * 60, "Instroom")
    assert len(_act(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2017, 3), TODAY))) == 1
