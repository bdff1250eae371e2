"""Realised hours: only on a confirmed agreement, in its bookable months, under the no-carry-over cap."""
from __future__ import annotations

import datetime as dt

import pytest

from models.db import Database
from models.domain.errors import BudgetExceeded, Conflict, NotFound
from models.domain.months import Month
from models.services import agreements, hours, months, reporting
from tests.conftest import TODAY
from tests.services.helpers import YEAR, act, add_agreement, add_grant, add_hours, read, refused

D = dt.date


def _try(db: Database, number: str, month: str, minutes: int, today: dt.date = TODAY,
         kind: type = Conflict) -> str:
    error = refused(db, lambda s: hours.register(s, hours.HoursInput(number, Month.parse(month), minutes), today),
                    kind)
    return error.message


def _used(db: Database, board: str, provider: str, month: str) -> int:
    rows = read(db, lambda s: reporting.budget_rows(s, YEAR, TODAY, board=board, provider=provider))
    return next(r.used for r in rows if str(r.month) == month)


def test_hours_on_a_confirmed_agreement(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    entry = add_hours(reference_db, number, "2016-10", 90)
    add_hours(reference_db, number, "2016-10", 45)  # several entries in a month add up
    add_hours(reference_db, number, "2017-01", 15)
    assert isinstance(entry, int)
    assert read(reference_db, lambda s: agreements.get(s, number).booked) == 150
    assert _used(reference_db, "KPO", "Kameleon", "2016-10") == 135
    rows = read(reference_db, lambda s: hours.entries(s, number))
    assert [(str(r.month), r.minutes) for r in rows] == [("2016-10", 90), ("2016-10", 45), ("2017-01", 15)]


def test_only_after_confirmation(reference_db: Database) -> None:
    number = add_agreement(reference_db, confirmed=None)
    message = _try(reference_db, number, "2016-10", 60)
    assert message == (f"Overeenkomst {number} is nog niet bevestigd aan beide partijen; pas na de bevestiging "
                       "mogen uren worden geboekt.")


def test_from_the_later_of_first_month_and_confirmation(reference_db: Database) -> None:
    late = add_agreement(reference_db, first="2016-09", registered=D(2016, 9, 20), confirmed=D(2016, 10, 3))
    message = _try(reference_db, late, "2016-09", 60)
    assert "loopt van oktober 2016 t/m juli 2017; september 2016 valt daarbuiten" in message
    add_hours(reference_db, late, "2016-10", 60)
    early = add_agreement(reference_db, first="2016-11", last="2016-12", registered=D(2016, 9, 20),
                          confirmed=D(2016, 9, 21))
    assert "oktober 2016 valt daarbuiten" in _try(reference_db, early, "2016-10", 60)
    assert "januari 2017 valt daarbuiten" in _try(reference_db, early, "2017-01", 60)
    add_hours(reference_db, early, "2016-12", 60)


def test_not_for_a_month_not_yet_begun(reference_db: Database) -> None:
    today = D(2016, 11, 15)
    number = add_agreement(reference_db, today=today)
    message = _try(reference_db, number, "2016-12", 60, today=today)
    assert message == "December 2016 is nog niet begonnen; registreer alleen gerealiseerde uren."
    add_hours(reference_db, number, "2016-11", 60, today=today)


def test_not_above_hours_agreed(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=10)
    add_hours(reference_db, number, "2016-10", 8 * 60)
    message = _try(reference_db, number, "2016-11", 2 * 60 + 15)
    assert message == (f"Overeenkomst {number} heeft 10 uur afgesproken, al gebruikt 8, nog 2 over; "
                       "2,25 past niet.")
    add_hours(reference_db, number, "2016-11", 2 * 60)


def test_not_in_a_closed_month(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    message = _try(reference_db, number, "2016-10", 60)
    assert message == "Oktober 2016 is afgesloten; heropen de maand eerst om iets te wijzigen."
    act(reference_db, lambda s: months.reopen(s, YEAR, "2016-10", "Late opgave Kameleon"))
    add_hours(reference_db, number, "2016-10", 60)


def test_not_above_budget_and_the_message_names_the_figures(reference_db: Database) -> None:
    # KPO at Kameleon: 191 hours, October gets 18.
    number = add_agreement(reference_db, hours_agreed=100)
    add_hours(reference_db, number, "2016-10", 15 * 60 + 30)
    error = refused(reference_db, lambda s: hours.register(
        s, hours.HoursInput(number, Month(2016, 10), 3 * 60), TODAY), BudgetExceeded)
    assert error.message == ("Nog 2,5 uur over in oktober 2016: budget 18, gebruikt 15,5, gevraagd 3. "
                             "Vraag zo nodig reserve aan.")
    add_hours(reference_db, number, "2016-10", 2 * 60 + 30)  # exactly up to the budget
    assert "Nog 0 uur over" in _try(reference_db, number, "2016-10", 15, kind=BudgetExceeded)


def test_granted_reserve_raises_the_cap_for_that_month_only(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=100)
    add_hours(reference_db, number, "2016-10", 18 * 60)
    add_grant(reference_db, "KPO", "Kameleon", "2016-10", 2 * 60)
    add_hours(reference_db, number, "2016-10", 2 * 60)
    message = _try(reference_db, number, "2016-10", 15, kind=BudgetExceeded)
    assert message == ("Nog 0 uur over in oktober 2016: budget 18 + reserve 2, gebruikt 20, gevraagd 0,25. "
                       "Vraag zo nodig reserve aan.")
    # November has its own budget; nothing carries over from October's reserve
    add_hours(reference_db, number, "2016-11", 18 * 60)
    assert "budget 18, gebruikt 18" in _try(reference_db, number, "2016-11", 15, kind=BudgetExceeded)


def test_no_carry_over_unused_hours_lapse(reference_db: Database) -> None:
    # Zilverlinde at Kameleon: 37 hours = 4, 4, 4, 4, then 3 a month. Nothing used in September does not
    # make October bigger.
    number = add_agreement(reference_db, board="Zilverlinde / Pallas", provider="Kameleon", hours_agreed=30)
    assert "budget 4, gebruikt 0" in _try(reference_db, number, "2016-10", 4 * 60 + 15, kind=BudgetExceeded)
    add_hours(reference_db, number, "2017-01", 3 * 60)
    assert "budget 3, gebruikt 3" in _try(reference_db, number, "2017-01", 15, kind=BudgetExceeded)


def test_agreements_of_one_pair_share_the_month_budget(reference_db: Database) -> None:
    a = add_agreement(reference_db, hours_agreed=50)
    b = add_agreement(reference_db, hours_agreed=50)
    other_board = add_agreement(reference_db, board="OBO", hours_agreed=50)
    other_provider = add_agreement(reference_db, provider="Mytyschool", hours_agreed=50)
    add_hours(reference_db, a, "2016-10", 10 * 60)
    add_hours(reference_db, b, "2016-10", 8 * 60)
    assert "gebruikt 18" in _try(reference_db, b, "2016-10", 15, kind=BudgetExceeded)
    add_hours(reference_db, other_board, "2016-10", 14 * 60)      # OBO: 155 -> 15 in October
    add_hours(reference_db, other_provider, "2016-10", 28 * 60)   # KPO at Mytyschool: 306 -> 28


def test_unknown_agreement(reference_db: Database) -> None:
    assert _try(reference_db, "2016-404", "2016-10", 60, kind=NotFound) == "Overeenkomst 2016-404 bestaat niet."


def test_hours_in_another_year_keep_their_own_budget(reference_db: Database) -> None:
    from dataclasses import replace

    from models.services import demo, years

    setup = replace(demo.reference_setup(), label="2017-2018", first_month=Month(2017, 9), last_month=Month(2018, 7))
    act(reference_db, lambda s: years.create_or_replace(s, setup))
    this_year = add_agreement(reference_db, hours_agreed=100)
    cmd = agreements.AgreementInput(year="2017-2018", board="KPO", provider="Kameleon", minutes=100 * 60,
                                    first_month=Month(2017, 9), last_month=Month(2018, 7),
                                    registered_on=D(2017, 9, 1))
    next_year = act(reference_db, lambda s: agreements.register(s, cmd, TODAY))
    act(reference_db, lambda s: agreements.confirm(s, next_year, D(2017, 9, 1), TODAY))
    add_hours(reference_db, this_year, "2016-10", 18 * 60)
    add_hours(reference_db, next_year, "2017-10", 18 * 60)
    assert next_year == "2017-001"


@pytest.mark.parametrize("minutes", [0, -60])
def test_hours_above_zero(reference_db: Database, minutes: int) -> None:
    number = add_agreement(reference_db)
    refused(reference_db, lambda s: hours.register(s, hours.HoursInput(number, Month(2016, 10), minutes), TODAY))
