"""The edges of the booking rules, one figure at a time: what is exactly allowed, and the first thing that is not.

Reserve grants per school year, revoking a grant whose hours still fit, the smallest entry and grant, the
first bookable month, closing and reopening, and what the lists show."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from models.db import Database
from models.domain.errors import BudgetExceeded, Conflict, InvalidInput, NotFound
from models.domain.months import Month
from models.services import agreements, demo, hours, months, reporting, reserve, years
from tests.conftest import TODAY
from tests.services.helpers import YEAR, act, add_agreement, add_grant, add_hours, read, refused

D = dt.date
NEXT = "2017-2018"
OCTOBER = Month(2016, 10)


def _next_year(db: Database) -> None:
    """The same set-up again for 2017-2018: Kameleon has a reserve of 70 hours in each year."""
    setup = replace(demo.reference_setup(), label=NEXT, first_month=Month(2017, 9), last_month=Month(2018, 7))
    act(db, lambda s: years.create_or_replace(s, setup))


def _grant(db: Database, year: str, month: str, minutes: int, board: str = "KPO", provider: str = "Kameleon",
           today: dt.date = TODAY) -> int:
    cmd = reserve.GrantInput(year, board, provider, Month.parse(month), minutes, "Extra begeleiding")
    return act(db, lambda s: reserve.grant(s, cmd, today))


def _use(db: Database, month: Month = OCTOBER, board: str = "KPO", provider: str = "Kameleon",
         label: str = YEAR) -> tuple[int, int, int]:
    def query(session):  # type: ignore[no-untyped-def]
        year = reporting.lookup.year(session, label)
        board_id = reporting.lookup.year_board(session, year, board).board_id
        provider_id = reporting.lookup.year_provider(session, year, provider).provider_id
        use = reporting.month_use(session, year, board_id, provider_id, month)
        return use.budget, use.reserve, use.used
    return read(db, query)


# ---------------------------------------------------------------- reserve: each school year its own

def test_a_providers_reserve_counts_per_school_year(reference_db: Database) -> None:
    _next_year(reference_db)
    _grant(reference_db, YEAR, "2016-10", 70 * 60)  # all of Kameleon's reserve of 2016-2017
    refusal = refused(reference_db, lambda s: reserve.grant(
        s, reserve.GrantInput(YEAR, "OBO", "Kameleon", Month(2016, 11), 15, "Extra"), TODAY), Conflict)
    assert refusal.message == ("De reserve van Kameleon is niet toereikend: reserve 70, al toegekend 70, "
                               "nog 0 over, gevraagd 0,25.")
    assert refusal.field == "hours"
    # 2017-2018 has a reserve of its own, untouched by last year's grants
    _grant(reference_db, NEXT, "2017-10", 70 * 60)
    lines = {line.provider: (line.reserve, line.granted, line.left)
             for line in read(reference_db, lambda s: reserve.reserve_lines(s, NEXT))}
    assert lines == {"Kameleon": (70 * 60, 70 * 60, 0), "Mytyschool": (100 * 60, 0, 100 * 60),
                     "Driespan": (200 * 60, 0, 200 * 60)}
    assert [(g.board, str(g.month), g.minutes) for g in read(reference_db, lambda s: reserve.grants(s, NEXT))] == [
        ("KPO", "2017-10", 70 * 60)]
    assert [str(g.month) for g in read(reference_db, lambda s: reserve.grants(s, YEAR))] == ["2016-10"]


def test_a_range_counts_only_this_years_grants(reference_db: Database) -> None:
    _next_year(reference_db)
    _grant(reference_db, NEXT, "2017-10", 60 * 60)
    cmd = reserve.GrantInput(YEAR, "KPO", "Kameleon", Month(2016, 9), 7 * 60, "Project")
    ids = act(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2017, 6), TODAY))  # 10 months: all 70
    assert len(ids) == 10
    refusal = refused(reference_db, lambda s: reserve.grant_range(
        s, replace(cmd, board="OBO", minutes=15), Month(2016, 10), TODAY), Conflict)
    assert refusal.message == ("De reserve van Kameleon is niet toereikend: reserve 70, al toegekend 70, "
                               "nog 0 over, gevraagd 0,5.")


def test_a_range_is_checked_as_a_whole_before_any_month(reference_db: Database) -> None:
    cmd = reserve.GrantInput(YEAR, "KPO", "Kameleon", Month(2016, 9), 8 * 60, "Project")
    refusal = refused(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2017, 5), TODAY), Conflict)
    assert refusal.message == ("De reserve van Kameleon is niet toereikend: reserve 70, al toegekend 0, "
                               "nog 70 over, gevraagd 72.")  # 9 months of 8 hours, named as one request
    single = refused(reference_db, lambda s: reserve.grant_range(
        s, replace(cmd, minutes=71 * 60), Month(2016, 9), TODAY), Conflict)
    assert "gevraagd 71." in single.message
    assert len(act(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2017, 4), TODAY))) == 8  # 64 hours


def test_a_range_from_a_later_to_an_earlier_month_is_refused(reference_db: Database) -> None:
    cmd = reserve.GrantInput(YEAR, "KPO", "Kameleon", Month(2016, 11), 60, "Project")
    refusal = refused(reference_db, lambda s: reserve.grant_range(s, cmd, OCTOBER, TODAY), InvalidInput)
    assert refusal.message == "De laatste maand (oktober 2016) ligt vóór de eerste (november 2016)."
    assert refusal.field == "month"
    assert len(act(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2016, 11), TODAY))) == 1


@pytest.mark.parametrize(("changes", "message", "field"), [
    (dict(minutes=0), "Geef een aantal uren boven 0.", "hours"),
    (dict(minutes=-15), "Geef een aantal uren boven 0.", "hours"),
    (dict(reason=""), "Geef een reden voor de toekenning.", "reason"),
    (dict(reason="geb. 12-3-2008"), "Reden bevat een datum, mogelijk een geboortedatum; leg geen leerlinggegevens "
                                    "vast (AVG): noem alleen maand en jaar, bijvoorbeeld 'vanaf oktober 2016'.",
     "reason"),
])
def test_a_grant_refused_names_its_field(reference_db: Database, changes: dict, message: str | None,
                                         field: str) -> None:
    cmd = replace(reserve.GrantInput(YEAR, "KPO", "Kameleon", OCTOBER, 60, "Extra"), **changes)
    refusal = refused(reference_db, lambda s: reserve.grant(s, cmd, TODAY), InvalidInput)
    assert refusal.field == field
    if message:
        assert refusal.message == message


def test_the_smallest_grant_and_what_is_stored(reference_db: Database) -> None:
    today = D(2016, 10, 20)
    grant_id = _grant(reference_db, YEAR, "2016-10", 1, today=today)  # one minute
    assert isinstance(grant_id, int)
    (row,) = read(reference_db, lambda s: reserve.grants(s, YEAR))
    assert (row.id, row.board, row.provider, row.month, row.minutes, row.reason, row.granted_on) == (
        grant_id, "KPO", "Kameleon", OCTOBER, 1, "Extra begeleiding", today)
    assert _use(reference_db)[1] == 1


# ---------------------------------------------------------------- revoking a grant

def test_a_grant_goes_while_the_hours_used_still_fit_without_it(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=100)
    budget = _use(reference_db)[0]  # 18 hours
    used_up = add_grant(reference_db, "KPO", "Kameleon", "2016-10", 60)
    spare = add_grant(reference_db, "KPO", "Kameleon", "2016-10", 60)
    add_hours(reference_db, number, "2016-10", budget + 60)  # budget and one of the two grants
    gone = act(reference_db, lambda s: reserve.revoke(s, spare, TODAY))  # used = budget + reserve left: fits
    assert (gone.id, gone.board, gone.provider, gone.month, gone.minutes, gone.reason, gone.granted_on) == (
        spare, "KPO", "Kameleon", OCTOBER, 60, "Extra vraag", TODAY)
    assert _use(reference_db) == (budget, 60, budget + 60)
    refusal = refused(reference_db, lambda s: reserve.revoke(s, used_up, TODAY), Conflict)
    assert refusal.message == (
        "De toekenning van 1 uur in oktober 2016 is in gebruik: gebruikt 19, budget 18, reserve 1. Verwijder "
        "eerst gerealiseerde uren of laat de toekenning staan.")


def test_an_unknown_grant(reference_db: Database) -> None:
    refusal = refused(reference_db, lambda s: reserve.revoke(s, 404, TODAY), NotFound)
    assert refusal.message == "Deze reservetoekenning bestaat niet (meer)."


def test_revoking_checks_its_own_month_and_year(reference_db: Database) -> None:
    _next_year(reference_db)
    number = add_agreement(reference_db, hours_agreed=100)
    add_hours(reference_db, number, "2016-11", 18 * 60)  # November full, October empty
    october = add_grant(reference_db, "KPO", "Kameleon", "2016-10", 60)
    act(reference_db, lambda s: months.close(s, NEXT, "2017-10", TODAY))  # the same month name, the next year
    later = _grant(reference_db, NEXT, "2017-11", 60)
    act(reference_db, lambda s: reserve.revoke(s, october, TODAY))
    act(reference_db, lambda s: reserve.revoke(s, later, TODAY))
    assert read(reference_db, lambda s: reserve.grants(s, YEAR)) == []


# ---------------------------------------------------------------- hours

def test_a_one_minute_entry(reference_db: Database) -> None:
    number = add_agreement(reference_db, minutes=1)
    entry = add_hours(reference_db, number, "2016-10", 1)
    (row,) = read(reference_db, lambda s: hours.entries(s, number))
    assert (row.id, row.agreement, row.month, row.minutes, row.note, row.source) == (
        entry, number, OCTOBER, 1, "", "app")
    refusal = refused(reference_db, lambda s: hours.register(s, hours.HoursInput(number, OCTOBER, 1), TODAY),
                      Conflict)
    assert refusal.message == (f"Overeenkomst {number} heeft 0,02 uur afgesproken, al gebruikt 0,02, nog 0 over; "
                               "0,02 past niet.")
    assert refusal.field == "hours"


def test_exactly_the_month_budget_then_one_minute_more(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=100)
    add_hours(reference_db, number, "2016-10", 18 * 60)
    refusal = refused(reference_db, lambda s: hours.register(s, hours.HoursInput(number, OCTOBER, 1), TODAY),
                      BudgetExceeded)
    assert refusal.message == ("Nog 0 uur over in oktober 2016: budget 18, gebruikt 18, gevraagd 0,02. "
                               "Vraag zo nodig reserve aan.")
    assert refusal.field == "hours"


def test_an_entry_keeps_its_note_and_source(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    cmd = hours.HoursInput(number, OCTOBER, 90, note="  Observatie groep 5 ", source="import")
    act(reference_db, lambda s: hours.register(s, cmd, TODAY))
    (row,) = read(reference_db, lambda s: hours.entries(s, number))
    assert (row.note, row.source, row.minutes) == ("Observatie groep 5", "import", 90)
    assert isinstance(row.created_at, dt.datetime)


def test_a_note_with_a_date_refuses_the_entry(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    cmd = hours.HoursInput(number, OCTOBER, 90, note="geb. 12-3-2008")
    refusal = refused(reference_db, lambda s: hours.register(s, cmd, TODAY), InvalidInput)
    assert refusal.field == "note" and refusal.message.startswith("Opmerking bevat een datum")


@pytest.mark.parametrize("minutes", [0, -1])
def test_no_entry_of_zero_or_less(reference_db: Database, minutes: int) -> None:
    number = add_agreement(reference_db)
    refusal = refused(reference_db, lambda s: hours.register(s, hours.HoursInput(number, OCTOBER, minutes), TODAY),
                      InvalidInput)
    assert (refusal.message, refusal.field) == ("Geef een aantal uren boven 0.", "hours")


def test_a_withdrawn_agreement_takes_no_hours(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    act(reference_db, lambda s: agreements.withdraw(s, number, D(2016, 10, 1), TODAY))
    refusal = refused(reference_db, lambda s: hours.register(s, hours.HoursInput(number, OCTOBER, 60), TODAY),
                      Conflict)
    assert refusal.message == f"Overeenkomst {number} is ingetrokken; er kunnen geen uren meer op."
    assert refusal.field == "agreement"


def test_hours_of_the_agreements_own_board_and_provider(reference_db: Database) -> None:
    """The cap is the budget of the agreement's own pair: OBO at Mytyschool has 58 hours in October."""
    kpo = add_agreement(reference_db, hours_agreed=100)
    obo = add_agreement(reference_db, board="OBO", provider="Mytyschool", hours_agreed=100)
    add_hours(reference_db, kpo, "2016-10", 18 * 60)
    budget = _use(reference_db, board="OBO", provider="Mytyschool")[0]
    add_hours(reference_db, obo, "2016-10", budget)
    refusal = refused(reference_db, lambda s: hours.register(s, hours.HoursInput(obo, OCTOBER, 15), TODAY),
                      BudgetExceeded)
    assert f"budget {budget // 60}, gebruikt {budget // 60}" in refusal.message


def test_the_first_bookable_month_is_the_month_of_confirmation(reference_db: Database) -> None:
    """Confirmed in the current month: hours for that month are welcome, the month before is not."""
    today = D(2016, 11, 20)
    number = add_agreement(reference_db, first="2016-09", registered=D(2016, 11, 1), confirmed=D(2016, 11, 2),
                           today=today)
    add_hours(reference_db, number, "2016-11", 60, today=today)
    refusal = refused(reference_db, lambda s: hours.register(s, hours.HoursInput(number, OCTOBER, 60), today),
                      Conflict)
    assert refusal.message == (f"Overeenkomst {number} loopt van november 2016 t/m juli 2017; oktober 2016 valt "
                               "daarbuiten.")
    assert refusal.field == "month"
    (bookable,) = read(reference_db, lambda s: hours.bookable_agreements(s, YEAR, today))
    assert bookable.months == (Month(2016, 11),)
    assert (bookable.number, bookable.board, bookable.provider, bookable.minutes, bookable.booked, bookable.left) == (
        number, "KPO", "Kameleon", 40 * 60, 60, 39 * 60)


def test_bookable_months_run_from_the_start_to_this_month_or_the_last(reference_db: Database) -> None:
    today = D(2016, 12, 5)
    running = add_agreement(reference_db, first="2016-10", last="2017-03", today=today, description="Loopt")
    ended = add_agreement(reference_db, first="2016-09", last="2016-10", today=today)
    add_agreement(reference_db, first="2017-01", last="2017-03", today=today)  # not begun: nothing bookable
    add_agreement(reference_db, today=today, confirmed=None)  # not confirmed: not in the list
    rows = {b.number: b for b in read(reference_db, lambda s: hours.bookable_agreements(s, YEAR, today))}
    assert set(rows) == {running, ended}
    assert rows[running].months == (Month(2016, 10), Month(2016, 11), Month(2016, 12))
    assert rows[running].description == "Loopt"
    assert rows[ended].months == (Month(2016, 9), Month(2016, 10))
    assert rows[ended].left == 40 * 60



def test_bookable_agreements_each_with_its_own_months_and_hours(reference_db: Database) -> None:
    """An agreement not begun yet, listed first, hides none after it; each has its own last month and its own
    booked hours."""
    today = D(2016, 12, 5)
    add_agreement(reference_db, first="2017-01", last="2017-03", today=today)  # not begun: nothing bookable
    running = add_agreement(reference_db, first="2016-10", last="2017-03", today=today)
    short = add_agreement(reference_db, first="2016-09", last="2016-11", today=today)
    add_hours(reference_db, running, "2016-11", 60, today=today)
    add_hours(reference_db, short, "2016-10", 120, today=today)
    add_hours(reference_db, short, "2016-11", 30, today=today)
    rows = {b.number: b for b in read(reference_db, lambda s: hours.bookable_agreements(s, YEAR, today))}
    assert set(rows) == {running, short}
    assert rows[running].months == (Month(2016, 10), Month(2016, 11), Month(2016, 12))
    assert rows[short].months == (Month(2016, 9), Month(2016, 10), Month(2016, 11))
    assert (rows[running].booked, rows[short].booked) == (60, 150)


def test_bookable_agreements_of_the_year_asked_only(reference_db: Database) -> None:
    _next_year(reference_db)
    today = D(2017, 10, 15)
    this_year = add_agreement(reference_db, first="2017-06", last="2017-07", today=today)
    cmd = agreements.AgreementInput(year=NEXT, board="KPO", provider="Kameleon", minutes=600,
                                    first_month=Month(2017, 9), last_month=Month(2018, 7),
                                    registered_on=D(2017, 9, 1))
    next_year = act(reference_db, lambda s: agreements.register(s, cmd, today))
    act(reference_db, lambda s: agreements.confirm(s, next_year, D(2017, 9, 2), today))
    assert [b.number for b in read(reference_db, lambda s: hours.bookable_agreements(s, YEAR, today))] == [this_year]
    assert [b.number for b in read(reference_db, lambda s: hours.bookable_agreements(s, NEXT, today))] == [next_year]


def test_the_booked_hours_left_never_below_zero() -> None:
    assert hours.BookableAgreement("2016-001", "KPO", "Kameleon", "", 60, 90, ()).left == 0
    assert hours.BookableAgreement("2016-001", "KPO", "Kameleon", "", 90, 60, ()).left == 30


def test_entries_in_month_order(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    late = add_hours(reference_db, number, "2016-11", 30)
    early = add_hours(reference_db, number, "2016-10", 45)
    second = add_hours(reference_db, number, "2016-10", 15)
    assert [r.id for r in read(reference_db, lambda s: hours.entries(s, number))] == [early, second, late]


def test_removing_an_entry_is_refused_only_in_its_own_closed_month(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    entry = add_hours(reference_db, number, "2016-10", 45)
    act(reference_db, lambda s: months.close(s, YEAR, "2016-11", TODAY))
    gone = act(reference_db, lambda s: hours.remove_entry(s, entry))
    assert (gone.id, gone.agreement, gone.month, gone.minutes, gone.note, gone.source) == (
        entry, number, OCTOBER, 45, "", "app")
    refusal = refused(reference_db, lambda s: hours.remove_entry(s, entry), NotFound)
    assert refusal.message == "Deze regel met uren bestaat niet (meer)."


# ---------------------------------------------------------------- closing and reopening months

def test_the_current_month_may_be_closed_the_next_not(reference_db: Database) -> None:
    today = D(2016, 11, 1)
    act(reference_db, lambda s: months.close(s, YEAR, "2016-11", today))
    refusal = refused(reference_db, lambda s: months.close(s, YEAR, "2016-12", today), Conflict)
    assert refusal.message == "December 2016 is nog niet begonnen en kan niet worden afgesloten."
    assert refusal.field == "month"
    refusal = refused(reference_db, lambda s: months.close(s, YEAR, "2016-11", today), Conflict)
    assert (refusal.message, refusal.field) == ("November 2016 is al afgesloten.", "month")


def test_month_states(reference_db: Database) -> None:
    today = D(2016, 11, 15)
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", today))
    states = read(reference_db, lambda s: months.states(s, YEAR, today))
    assert [(str(m.month), m.closed, m.started) for m in states[:4]] == [
        ("2016-09", False, True), ("2016-10", True, True), ("2016-11", False, True), ("2016-12", False, False)]
    assert len(states) == 11


def test_reopening_names_its_refusals(reference_db: Database) -> None:
    refusal = refused(reference_db, lambda s: months.reopen(s, YEAR, "2016-09", "Late opgave"), Conflict)
    assert (refusal.message, refusal.field) == ("September 2016 is niet afgesloten.", "month")
    act(reference_db, lambda s: months.close(s, YEAR, "2016-09", TODAY))
    refusal = refused(reference_db, lambda s: months.reopen(s, YEAR, "2016-09", " "), InvalidInput)
    assert (refusal.message, refusal.field) == ("Geef een reden om de maand te heropenen.", "reason")
    refusal = refused(reference_db, lambda s: months.reopen(s, YEAR, "2016-09", "BSN 123456782"), InvalidInput)
    assert refusal.field == "reason"
    act(reference_db, lambda s: months.reopen(s, YEAR, "2016-09", "Late opgave"))
    (closed, reopened) = read(reference_db, lambda s: months.history(s, YEAR))
    assert (closed.action, reopened.action, reopened.reason) == ("afgesloten", "heropend", "Late opgave")
    assert closed.user == reopened.user == months.os_user()


def test_a_closed_month_of_one_year_leaves_the_next_year_open(reference_db: Database) -> None:
    _next_year(reference_db)
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    _grant(reference_db, NEXT, "2017-10", 60)
    assert read(reference_db, lambda s: months.history(s, NEXT)) == []


def test_a_range_is_a_grant_in_each_of_its_months(reference_db: Database) -> None:
    cmd = reserve.GrantInput(YEAR, "KPO", "Kameleon", Month(2016, 11), 90, "Project")
    ids = act(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2017, 1), TODAY))
    rows = read(reference_db, lambda s: reserve.grants(s, YEAR))
    assert [(r.id, str(r.month), r.minutes, r.reason) for r in rows] == [
        (ids[0], "2016-11", 90, "Project"), (ids[1], "2016-12", 90, "Project"), (ids[2], "2017-01", 90, "Project")]


def test_a_range_names_the_whole_request_even_of_one_minute_a_month(reference_db: Database) -> None:
    _grant(reference_db, YEAR, "2016-09", 70 * 60 - 1)  # one minute of Kameleon's reserve is left
    cmd = reserve.GrantInput(YEAR, "KPO", "Kameleon", Month(2016, 10), 1, "Project")
    refusal = refused(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2016, 11), TODAY), Conflict)
    assert refusal.message == ("De reserve van Kameleon is niet toereikend: reserve 70, al toegekend 69,98, "
                               "nog 0,02 over, gevraagd 0,03.")
    assert len(act(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2016, 10), TODAY))) == 1


def test_a_range_of_one_month_is_judged_as_one_grant(reference_db: Database) -> None:
    """Its refusals come in the order of a single grant: first the reason, then the reserve."""
    cmd = reserve.GrantInput(YEAR, "KPO", "Kameleon", OCTOBER, 71 * 60, "")
    refusal = refused(reference_db, lambda s: reserve.grant_range(s, cmd, OCTOBER, TODAY), InvalidInput)
    assert refusal.message == "Geef een reden voor de toekenning."
    zero = reserve.GrantInput(YEAR, "KPO", "Kameleon", OCTOBER, 0, "Project")
    refusal = refused(reference_db, lambda s: reserve.grant_range(s, zero, Month(2016, 11), TODAY), InvalidInput)
    assert refusal.message == "Geef een aantal uren boven 0."


def test_without_a_user_name_the_history_says_nothing_about_who(monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    def no_user() -> str:
        raise OSError("no user name")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert months.os_user() == ""
    monkeypatch.setattr(getpass, "getuser", lambda: "secretariaat")
    assert months.os_user() == "secretariaat"


def test_a_removed_entry_is_given_back_whole(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    entry = add_hours(reference_db, number, "2016-10", 45)
    (stored,) = read(reference_db, lambda s: hours.entries(s, number))
    gone = act(reference_db, lambda s: hours.remove_entry(s, entry))
    assert gone == stored


def test_a_reopening_reason_is_free_text_under_the_privacy_rule(reference_db: Database) -> None:
    act(reference_db, lambda s: months.close(s, YEAR, "2016-09", TODAY))
    refusal = refused(reference_db, lambda s: months.reopen(s, YEAR, "2016-09", "leerling geb. 1-3-2010"),
                      InvalidInput)
    assert refusal.message == ("Reden bevat een datum, mogelijk een geboortedatum; leg geen leerlinggegevens vast "
                               "(AVG): noem alleen maand en jaar, bijvoorbeeld 'vanaf oktober 2016'.")


def test_a_closed_month_refuses_with_its_field(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    refusal = refused(reference_db, lambda s: hours.register(s, hours.HoursInput(number, OCTOBER, 60), TODAY),
                      Conflict)
    assert (refusal.message, refusal.field) == (
        "Oktober 2016 is afgesloten; heropen de maand eerst om iets te wijzigen.", "month")
