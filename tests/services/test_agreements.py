"""Agreements: registration and numbering, the status steps, the edit rules, pupil references."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from models.db import Database
from models.domain.agreements import Kind, Status
from models.domain.errors import Conflict, InvalidInput, NotFound
from models.domain.months import Month
from models.services import agreements, demo, years
from tests.conftest import TODAY
from tests.services.helpers import (
    YEAR, act, add_agreement, add_hours, agreement_input, get_agreement, read, refused, register_agreement,
)

D = dt.date


_get, _register = get_agreement, register_agreement


# ---------------------------------------------------------------- registering

def test_numbers_run_per_school_year(reference_db: Database) -> None:
    numbers = [_register(reference_db) for _ in range(3)]
    assert numbers == ["2016-001", "2016-002", "2016-003"]
    next_year = replace(demo.reference_setup(), label="2017-2018", first_month=Month(2017, 9),
                        last_month=Month(2018, 7))
    act(reference_db, lambda s: years.create_or_replace(s, next_year))
    assert _register(reference_db, year="2017-2018", first_month=Month(2017, 9),
                     last_month=Month(2018, 7)) == "2017-001"
    assert _register(reference_db) == "2016-004"


def test_register_defaults(reference_db: Database) -> None:
    number = _register(reference_db, today=D(2016, 10, 4))
    row = _get(reference_db, number)
    assert row.status is Status.REGISTERED
    assert row.registered_on == D(2016, 10, 4)  # default: today
    assert row.reported_on == D(2016, 10, 4)    # default: the registration date
    assert row.confirmed_on is None
    assert (row.board, row.provider, row.minutes, row.booked) == ("KPO", "Kameleon", 2400, 0)
    assert row.kind is Kind.ARRANGEMENT
    assert row.steps == ["bevestigen", "intrekken"]


def test_register_reported_defaults_to_registered(reference_db: Database) -> None:
    number = _register(reference_db, registered_on=D(2016, 9, 20))
    row = _get(reference_db, number)
    assert (row.reported_on, row.registered_on) == (D(2016, 9, 20), D(2016, 9, 20))


def test_register_everything(reference_db: Database) -> None:
    number = _register(reference_db, board="  de   waarden ", provider="DRIESPAN", school="Basisschool De Schakel",
                       kind=Kind.COACHING, description=" Coaching groep 5 ", pupil_ref="L-0042",
                       reported_on=D(2016, 9, 1), registered_on=D(2016, 9, 3), first_month=Month(2016, 10),
                       last_month=Month(2016, 12), board_contact="S. Visser", provider_contact="J. de Boer")
    row = _get(reference_db, number)
    assert (row.board, row.provider, row.school, row.kind, row.description, row.pupil_ref) == (
        "De Waarden", "Driespan", "Basisschool De Schakel", Kind.COACHING, "Coaching groep 5", "L-0042")
    assert (row.first_month, row.last_month) == (Month(2016, 10), Month(2016, 12))
    assert (row.board_contact, row.provider_contact) == ("S. Visser", "J. de Boer")
    # the school now belongs to the board, and is found again under another spelling
    again = _register(reference_db, board="De Waarden", provider="Driespan", school="basisschool  de schakel")
    assert _get(reference_db, again).school == "Basisschool De Schakel"


def test_two_boards_each_have_their_own_school_of_the_same_name(reference_db: Database) -> None:
    from models.services import masterdata

    _register(reference_db, board="KPO", school="Basisschool De Schakel")
    _register(reference_db, board="OBO", school="basisschool de schakel")  # OBO's own school, not KPO's
    data = read(reference_db, masterdata.master_data)
    assert [(s.name, s.agreements) for s in data.schools_of("KPO")] == [("Basisschool De Schakel", 1)]
    assert [(s.name, s.agreements) for s in data.schools_of("OBO")] == [("basisschool de schakel", 1)]


def test_only_reported(reference_db: Database) -> None:
    number = _register(reference_db, register=False, reported_on=D(2016, 9, 1))
    row = _get(reference_db, number)
    assert row.status is Status.REPORTED and row.registered_on is None
    act(reference_db, lambda s: agreements.mark_registered(s, number, D(2016, 9, 2), TODAY))
    assert _get(reference_db, number).status is Status.REGISTERED
    assert _get(reference_db, number).registered_on == D(2016, 9, 2)


@pytest.mark.parametrize(("changes", "kind", "words"), [
    (dict(year="2030-2031"), NotFound, "Schooljaar 2030-2031 bestaat niet"),
    (dict(board="Onbekend"), NotFound, "Schoolbestuur 'Onbekend' bestaat niet"),
    (dict(provider="Onbekend"), NotFound, "Dienstverlener 'Onbekend' bestaat niet"),
    (dict(minutes=0), InvalidInput, "boven 0"),
    (dict(first_month=Month(2016, 8)), InvalidInput, "binnen schooljaar 2016-2017"),
    (dict(last_month=Month(2017, 8)), InvalidInput, "binnen schooljaar 2016-2017"),
    (dict(first_month=Month(2016, 12), last_month=Month(2016, 11)), InvalidInput, "ligt na de laatste"),
    (dict(registered_on=D(2025, 1, 16)), InvalidInput, "ligt na vandaag"),
    (dict(reported_on=D(2025, 1, 16)), InvalidInput, "ligt na vandaag"),
    (dict(reported_on=D(2016, 9, 5), registered_on=D(2016, 9, 4)), InvalidInput, "vóór de datum gemeld"),
    (dict(pupil_ref="123456782"), InvalidInput, "BSN"),
])
def test_register_refused(reference_db: Database, changes: dict, kind: type, words: str) -> None:
    error = refused(reference_db, lambda s: agreements.register(s, agreement_input(**changes), TODAY), kind)
    assert words in error.message


def test_board_outside_the_year_is_refused(reference_db: Database) -> None:
    setup = demo.reference_setup()
    next_year = replace(setup, label="2017-2018", first_month=Month(2017, 9), last_month=Month(2018, 7),
                        boards=setup.boards[:4] + (replace(setup.boards[4], name="Nieuw bestuur"),) +
                        setup.boards[5:])
    act(reference_db, lambda s: years.create_or_replace(s, next_year))
    error = refused(reference_db, lambda s: agreements.register(s, agreement_input(board="Nieuw bestuur"), TODAY),
                    NotFound)
    assert error.message == "Schoolbestuur Nieuw bestuur doet niet mee in schooljaar 2016-2017."


# ---------------------------------------------------------------- pupil references (AVG)

@pytest.mark.parametrize("bsn", ["123456782", "111222333", "1234.56.782", "BSN 123456782", "000000000"])
def test_pupil_reference_refuses_a_bsn(bsn: str) -> None:
    with pytest.raises(InvalidInput, match="BSN"):
        agreements.check_pupil_ref(bsn)


@pytest.mark.parametrize("value", ["12-03-2010", "1/3/10", "leerling 12.03.2010"])
def test_pupil_reference_refuses_a_birth_date(value: str) -> None:
    with pytest.raises(InvalidInput, match="geboortedatum"):
        agreements.check_pupil_ref(value)


@pytest.mark.parametrize("value", ["123456789", "L-0042", "", "12345678", "1234567890", "GR5-07"])
def test_pupil_reference_accepts_a_code(value: str) -> None:
    assert agreements.check_pupil_ref(f" {value} ") == value


def test_pupil_reference_length() -> None:
    with pytest.raises(InvalidInput, match="te lang"):
        agreements.check_pupil_ref("x" * 41)


# ---------------------------------------------------------------- status steps

def test_confirm_complete(reference_db: Database) -> None:
    number = _register(reference_db, registered_on=D(2016, 9, 5))
    act(reference_db, lambda s: agreements.confirm(s, number, D(2016, 9, 6), TODAY))
    row = _get(reference_db, number)
    assert (row.status, row.confirmed_on) == (Status.CONFIRMED, D(2016, 9, 6))
    act(reference_db, lambda s: agreements.complete(s, number, D(2017, 7, 14), TODAY))
    row = _get(reference_db, number)
    assert (row.status, row.closed_on, row.steps) == (Status.DONE, D(2017, 7, 14), [])


def test_confirm_twice_is_refused(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    error = refused(reference_db, lambda s: agreements.confirm(s, number, D(2016, 9, 3), TODAY), Conflict)
    assert error.message == "Overeenkomst 2016-001 is bevestigd; bevestigen kan niet (meer)."


@pytest.mark.parametrize(("day", "words"), [
    (D(2016, 9, 4), "vóór de datum geregistreerd"),
    (D(2025, 1, 16), "na vandaag"),
])
def test_confirm_dates(reference_db: Database, day: dt.date, words: str) -> None:
    number = _register(reference_db, registered_on=D(2016, 9, 5))
    error = refused(reference_db, lambda s: agreements.confirm(s, number, day, TODAY), InvalidInput)
    assert words in error.message


def test_unknown_number(reference_db: Database) -> None:
    error = refused(reference_db, lambda s: agreements.confirm(s, "2016-999", D(2016, 9, 6), TODAY), NotFound)
    assert error.message == "Overeenkomst 2016-999 bestaat niet."


def test_complete_needs_confirmation(reference_db: Database) -> None:
    number = _register(reference_db, registered_on=D(2016, 9, 1))
    refused(reference_db, lambda s: agreements.complete(s, number, D(2016, 12, 1), TODAY), Conflict)
    act(reference_db, lambda s: agreements.confirm(s, number, D(2016, 9, 1), TODAY))
    refused(reference_db, lambda s: agreements.complete(s, number, D(2016, 8, 31), TODAY), InvalidInput)


@pytest.mark.parametrize("steps", [[], ["confirm"]])
def test_withdraw(reference_db: Database, steps: list[str]) -> None:
    number = _register(reference_db, registered_on=D(2016, 9, 1))
    if steps:
        act(reference_db, lambda s: agreements.confirm(s, number, D(2016, 9, 2), TODAY))
    act(reference_db, lambda s: agreements.withdraw(s, number, D(2016, 10, 1), TODAY))
    row = _get(reference_db, number)
    assert (row.status, row.closed_on) == (Status.WITHDRAWN, D(2016, 10, 1))
    refused(reference_db, lambda s: agreements.withdraw(s, number, D(2016, 10, 2), TODAY), Conflict)
    refused(reference_db, lambda s: agreements.confirm(s, number, D(2016, 10, 2), TODAY), Conflict)


def test_withdraw_reported_only_and_date_order(reference_db: Database) -> None:
    number = _register(reference_db, register=False, reported_on=D(2016, 9, 10))
    refused(reference_db, lambda s: agreements.withdraw(s, number, D(2016, 9, 9), TODAY), InvalidInput)
    act(reference_db, lambda s: agreements.withdraw(s, number, D(2016, 9, 10), TODAY))
    assert _get(reference_db, number).status is Status.WITHDRAWN


def test_withdrawn_agreement_frees_its_unused_hours(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=40)
    add_hours(reference_db, number, "2016-10", 5 * 60)
    assert _get(reference_db, number).left == 35 * 60
    act(reference_db, lambda s: agreements.withdraw(s, number, D(2016, 11, 1), TODAY))
    row = _get(reference_db, number)
    assert row.booked == 5 * 60  # what was used stays used
    assert row.left == 0         # what was not used is no longer committed


def test_no_hours_on_withdrawn_or_done(reference_db: Database) -> None:
    from models.services import hours

    done = add_agreement(reference_db)
    act(reference_db, lambda s: agreements.complete(s, done, D(2017, 7, 1), TODAY))
    gone = add_agreement(reference_db)
    act(reference_db, lambda s: agreements.withdraw(s, gone, D(2016, 10, 1), TODAY))
    for number, status in ((done, "afgerond"), (gone, "ingetrokken")):
        error = refused(reference_db, lambda s: hours.register(
            s, hours.HoursInput(number, Month(2016, 10), 60), TODAY), Conflict)
        assert f"is {status}" in error.message


# ---------------------------------------------------------------- editing

def test_edit_changes_everything_while_nothing_is_booked(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    cmd = agreement_input(board="OBO", provider="Driespan", minutes=12 * 60, first_month=Month(2016, 11),
                          last_month=Month(2017, 2), kind=Kind.PREVENTIVE, description="Observatie",
                          school="OBS De Vlinder", pupil_ref="", reported_on=D(2016, 8, 30))
    act(reference_db, lambda s: agreements.update(s, number, cmd, TODAY))
    row = _get(reference_db, number)
    assert (row.board, row.provider, row.minutes, row.first_month, row.last_month, row.kind, row.school) == (
        "OBO", "Driespan", 720, Month(2016, 11), Month(2017, 2), Kind.PREVENTIVE, "OBS De Vlinder")
    assert row.reported_on == D(2016, 8, 30)
    assert row.status is Status.CONFIRMED and row.number == number


def test_edit_rules_once_hours_are_booked(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=40)
    add_hours(reference_db, number, "2016-10", 10 * 60)
    base = dict(minutes=40 * 60, first_month=Month(2016, 9), last_month=Month(2017, 7))
    cases = [
        (dict(board="OBO"), "bestuur en dienstverlener"),
        (dict(provider="Driespan"), "bestuur en dienstverlener"),
        (dict(minutes=9 * 60 + 45), "kunnen niet lager"),
        (dict(first_month=Month(2016, 11)), "oktober 2016"),
        (dict(last_month=Month(2016, 9)), "oktober 2016"),
        (dict(pupil_ref="123456782"), "BSN"),
        (dict(reported_on=D(2016, 9, 3)), "vóór de datum gemeld"),
        (dict(first_month=Month(2016, 8)), "binnen schooljaar"),
    ]
    for change, words in cases:
        cmd = agreement_input(**{**base, **change})
        error = refused(reference_db, lambda s: agreements.update(s, number, cmd, TODAY))
        assert words in error.message, change
    # down to exactly what is booked, and a shorter run that still covers the booked month, are fine
    cmd = agreement_input(minutes=10 * 60, first_month=Month(2016, 10), last_month=Month(2016, 10))
    act(reference_db, lambda s: agreements.update(s, number, cmd, TODAY))
    assert _get(reference_db, number).minutes == 600


@pytest.mark.parametrize("step", ["complete", "withdraw"])
def test_no_edits_after_the_end(reference_db: Database, step: str) -> None:
    number = add_agreement(reference_db)
    act(reference_db, lambda s: getattr(agreements, step)(s, number, D(2016, 12, 1), TODAY))
    error = refused(reference_db, lambda s: agreements.update(s, number, agreement_input(), TODAY), Conflict)
    assert "kan niet meer worden gewijzigd" in error.message


# ---------------------------------------------------------------- the list

def test_list_with_hours_booked_and_filters(reference_db: Database) -> None:
    a = add_agreement(reference_db, board="KPO", provider="Kameleon", description="Taal groep 3")
    b = add_agreement(reference_db, board="OBO", provider="Driespan", pupil_ref="L-77")
    c = add_agreement(reference_db, board="OBO", provider="Kameleon", confirmed=None)
    add_hours(reference_db, a, "2016-10", 90)
    add_hours(reference_db, a, "2016-10", 45)
    add_hours(reference_db, b, "2016-11", 60)

    def numbers(**flt: object) -> list[tuple[str, int]]:
        rows = read(reference_db, lambda s: agreements.list_agreements(s, agreements.AgreementFilter(YEAR, **flt)))
        return [(r.number, r.booked) for r in rows]

    assert numbers() == [(a, 135), (b, 60), (c, 0)]
    assert numbers(board="obo") == [(b, 60), (c, 0)]
    assert numbers(provider="Kameleon") == [(a, 135), (c, 0)]
    assert numbers(status=Status.REGISTERED) == [(c, 0)]
    assert numbers(text="groep 3") == [(a, 135)]
    assert numbers(text="L-77") == [(b, 60)]


# ---------------------------------------------------------------- searching

def test_search_takes_wildcards_literally(reference_db: Database) -> None:
    plain = add_agreement(reference_db, description="Coaching leerkracht groep 5")
    marked = add_agreement(reference_db, description="Teamscholing 100% inzet, code GR_5")

    def found(text: str) -> list[str]:
        return [r.number for r in read(reference_db, lambda s: agreements.list_agreements(
            s, agreements.AgreementFilter(YEAR, text=text)))]

    assert found("_") == [marked] and found("%") == [marked] and found("\\") == []
    assert found("R_5") == [marked] and found("r%5") == [] and found("groep 5") == [plain]
    assert found("coaching") == [plain]
