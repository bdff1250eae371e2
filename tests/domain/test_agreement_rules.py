"""The rules of play (spelregels): status steps, date order, months, hours on an agreement."""
from __future__ import annotations

import datetime as dt

import pytest

from models.domain.agreements import (
    Kind, Status, allowed_steps, check_dates, check_hours_on_agreement, check_months, first_bookable_month,
    format_number, next_status, parse_number,
)
from models.domain.errors import Conflict, InvalidInput
from models.domain.months import Month

TODAY = dt.date(2017, 1, 15)

TRANSITIONS = {
    (Status.REPORTED, "registreren"): Status.REGISTERED,
    (Status.REGISTERED, "bevestigen"): Status.CONFIRMED,
    (Status.CONFIRMED, "afronden"): Status.DONE,
    (Status.REPORTED, "intrekken"): Status.WITHDRAWN,
    (Status.REGISTERED, "intrekken"): Status.WITHDRAWN,
    (Status.CONFIRMED, "intrekken"): Status.WITHDRAWN,
}
STEPS = ["registreren", "bevestigen", "afronden", "intrekken"]


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("step", STEPS)
def test_every_status_step(status: Status, step: str) -> None:
    target = TRANSITIONS.get((status, step))
    if target is None:
        with pytest.raises(Conflict) as refused:
            next_status(status, step, "2016-001")
        assert "2016-001" in refused.value.message and status.value in refused.value.message
    else:
        assert next_status(status, step, "2016-001") is target


@pytest.mark.parametrize("status", list(Status))
def test_allowed_steps_match_transitions(status: Status) -> None:
    assert allowed_steps(status) == [step for step in STEPS if (status, step) in TRANSITIONS]


def test_final_states_allow_nothing() -> None:
    assert allowed_steps(Status.DONE) == []
    assert allowed_steps(Status.WITHDRAWN) == []


def test_dutch_status_names() -> None:
    assert [s.value for s in Status] == ["gemeld", "geregistreerd", "bevestigd", "afgerond", "ingetrokken"]


@pytest.mark.parametrize(("text", "kind"), [
    ("arrangement", Kind.ARRANGEMENT), ("preventief", Kind.PREVENTIVE), ("coaching", Kind.COACHING),
    ("teamtraining", Kind.TEAM_TRAINING), (" Coaching ", Kind.COACHING), ("Teamscholing", Kind.TEAM_TRAINING),
])
def test_kind_parse(text: str, kind: Kind) -> None:
    assert Kind.parse(text) is kind


def test_kind_parse_refuses_unknown() -> None:
    with pytest.raises(InvalidInput, match="arrangement, preventief, coaching, teamtraining"):
        Kind.parse("cursus")


def test_numbers() -> None:
    assert format_number(2016, 1) == "2016-001"
    assert format_number(2016, 17) == "2016-017"
    assert format_number(2016, 1234) == "2016-1234"
    assert parse_number(" 2016-017 ") == "2016-017"
    for bad in ("2016-17", "16-017", "2016017", "abc", "２０１６-017", "2016-017x", "x2016-017", "2016-０17"):
        with pytest.raises(InvalidInput):
            parse_number(bad)


# ---------------------------------------------------------------- dates

D = dt.date


@pytest.mark.parametrize(("reported", "registered", "confirmed"), [
    (D(2016, 9, 1), D(2016, 9, 1), D(2016, 9, 1)),
    (D(2016, 9, 1), D(2016, 9, 5), D(2016, 9, 8)),
    (D(2016, 9, 1), None, None),
    (D(2016, 9, 1), D(2016, 9, 2), None),
    (TODAY, TODAY, TODAY),
])
def test_dates_in_order(reported: dt.date, registered: dt.date | None, confirmed: dt.date | None) -> None:
    check_dates(reported, registered, confirmed, TODAY)


@pytest.mark.parametrize(("reported", "registered", "confirmed", "words"), [
    (D(2016, 9, 5), D(2016, 9, 1), None, "geregistreerd (1-9-2016) ligt vóór de datum gemeld (5-9-2016)"),
    (D(2016, 9, 1), D(2016, 9, 5), D(2016, 9, 4), "bevestigd (4-9-2016) ligt vóór de datum geregistreerd"),
    (D(2016, 9, 5), None, D(2016, 9, 4), "bevestigd"),
    (D(2017, 1, 16), None, None, "gemeld (16-1-2017) ligt na vandaag"),
    (D(2016, 9, 1), D(2017, 1, 16), None, "geregistreerd (16-1-2017) ligt na vandaag"),
    (D(2016, 9, 1), D(2016, 9, 1), D(2017, 1, 16), "bevestigd (16-1-2017) ligt na vandaag"),
])
def test_dates_refused(reported: dt.date, registered: dt.date | None, confirmed: dt.date | None,
                       words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_dates(reported, registered, confirmed, TODAY)
    assert words in refused.value.message


# ---------------------------------------------------------------- months

SEP, JUL = Month(2016, 9), Month(2017, 7)


def test_months_within_the_year() -> None:
    check_months(SEP, JUL, SEP, JUL, "2016-2017")
    check_months(Month(2016, 11), Month(2016, 11), SEP, JUL, "2016-2017")


@pytest.mark.parametrize(("first", "last", "words"), [
    (Month(2016, 12), Month(2016, 11), "ligt na de laatste"),
    (Month(2016, 8), Month(2016, 11), "binnen schooljaar 2016-2017"),
    (Month(2016, 9), Month(2017, 8), "september 2016 t/m juli 2017"),
])
def test_months_refused(first: Month, last: Month, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        check_months(first, last, SEP, JUL, "2016-2017")


def test_first_bookable_month_is_the_later_one() -> None:
    assert first_bookable_month(Month(2016, 9), D(2016, 10, 3)) == Month(2016, 10)
    assert first_bookable_month(Month(2016, 11), D(2016, 10, 3)) == Month(2016, 11)
    assert first_bookable_month(Month(2016, 10), D(2016, 10, 31)) == Month(2016, 10)


# ---------------------------------------------------------------- hours on an agreement

def _check(**changes: object) -> None:
    values: dict = dict(number="2016-001", status=Status.CONFIRMED, first=Month(2016, 9), last=Month(2016, 12),
                        confirmed_on=D(2016, 10, 3), month=Month(2016, 10), today=TODAY, agreed=600, booked=0,
                        requested=60)
    values.update(changes)
    check_hours_on_agreement(**values)


def test_hours_allowed() -> None:
    _check()
    _check(month=Month(2016, 12))
    _check(booked=540, requested=60)  # exactly the hours agreed


@pytest.mark.parametrize("status", [Status.REPORTED, Status.REGISTERED])
def test_hours_need_confirmation(status: Status) -> None:
    with pytest.raises(Conflict, match="nog niet bevestigd aan beide partijen"):
        _check(status=status, confirmed_on=None)


@pytest.mark.parametrize("status", [Status.DONE, Status.WITHDRAWN])
def test_no_hours_after_the_end(status: Status) -> None:
    with pytest.raises(Conflict, match=f"is {status.value}"):
        _check(status=status)


@pytest.mark.parametrize("month", [Month(2016, 9), Month(2017, 1), Month(2016, 8)])
def test_hours_outside_the_bookable_months(month: Month) -> None:
    # Confirmed in October: September is before the confirmation, January after the last month.
    with pytest.raises(Conflict, match="loopt van oktober 2016 t/m december 2016"):
        _check(month=month)


def test_hours_not_for_a_month_not_yet_begun() -> None:
    with pytest.raises(Conflict, match="nog niet begonnen"):
        _check(last=Month(2017, 7), month=Month(2017, 2))
    _check(last=Month(2017, 7), month=Month(2017, 1))  # the current month has begun


def test_hours_not_above_hours_agreed() -> None:
    with pytest.raises(Conflict) as refused:
        _check(booked=570, requested=45)
    assert refused.value.message == (
        "Overeenkomst 2016-001 heeft 10 uur afgesproken, al gebruikt 9,5, nog 0,5 over; 0,75 past niet.")


# ---------------------------------------------------------------- what a refusal names: its field and figures

def test_kind_labels_and_the_refusals_field() -> None:
    assert [k.label for k in Kind] == ["Arrangement (leerling)", "Preventieve ondersteuning", "Coaching leerkracht",
                                       "Teamscholing"]
    assert Kind.parse("preventieve ondersteuning") is Kind.PREVENTIVE
    with pytest.raises(InvalidInput) as refused:
        Kind.parse(" cursus ")
    assert refused.value.message == "Soort 'cursus' bestaat niet; kies uit arrangement, preventief, coaching, teamtraining."
    assert refused.value.field == "kind"


def test_number_refusal_says_how() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_number(" 2016-17 ")
    assert refused.value.message == "'2016-17' is geen nummer van een overeenkomst; schrijf bijvoorbeeld 2016-017."
    assert parse_number("2016-0017") == "2016-0017"


@pytest.mark.parametrize(("reported", "registered", "confirmed", "field", "message"), [
    (D(2017, 1, 16), None, None, "gemeld", "De datum gemeld (16-1-2017) ligt na vandaag."),
    (D(2016, 9, 1), D(2017, 1, 16), None, "geregistreerd", "De datum geregistreerd (16-1-2017) ligt na vandaag."),
    (D(2017, 1, 16), D(2017, 1, 17), D(2017, 1, 18), "bevestigd", "De datum bevestigd (18-1-2017) ligt na vandaag."),
    (D(2016, 9, 5), D(2016, 9, 4), None, "geregistreerd",
     "De datum geregistreerd (4-9-2016) ligt vóór de datum gemeld (5-9-2016)."),
    (D(2016, 9, 5), D(2016, 9, 6), D(2016, 9, 5), "bevestigd",
     "De datum bevestigd (5-9-2016) ligt vóór de datum geregistreerd (6-9-2016)."),
    (D(2016, 9, 5), None, D(2016, 9, 4), "bevestigd",
     "De datum bevestigd (4-9-2016) ligt vóór de datum gemeld (5-9-2016)."),
])
def test_date_refusals_name_the_date_and_its_field(reported: dt.date, registered: dt.date | None,
                                                   confirmed: dt.date | None, field: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_dates(reported, registered, confirmed, TODAY)
    assert (refused.value.message, refused.value.field) == (message, field)


def test_no_dates_at_all_is_fine() -> None:
    check_dates(None, None, None, TODAY)


@pytest.mark.parametrize(("first", "last", "message"), [
    (Month(2016, 12), Month(2016, 11), "De eerste maand (december 2016) ligt na de laatste (november 2016)."),
    (Month(2016, 8), Month(2016, 11),
     "De maanden moeten binnen schooljaar 2016-2017 vallen (september 2016 t/m juli 2017)."),
    (Month(2016, 9), Month(2017, 8),
     "De maanden moeten binnen schooljaar 2016-2017 vallen (september 2016 t/m juli 2017)."),
])
def test_month_refusals_name_their_field(first: Month, last: Month, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_months(first, last, SEP, JUL, "2016-2017")
    assert (refused.value.message, refused.value.field) == (message, "months")


def test_the_first_bookable_month_may_be_the_current_month() -> None:
    """Confirmed today, for an agreement that started months ago: this month is bookable, the last one not."""
    _check(first=Month(2016, 9), last=Month(2017, 7), confirmed_on=TODAY, month=Month(2017, 1))
    with pytest.raises(Conflict) as refused:
        _check(first=Month(2016, 9), last=Month(2017, 7), confirmed_on=TODAY, month=Month(2016, 12))
    assert refused.value.message == (
        "Overeenkomst 2016-001 loopt van januari 2017 t/m juli 2017; december 2016 valt daarbuiten.")
    assert refused.value.field == "month"
    assert first_bookable_month(Month(2016, 9), TODAY) == Month(2017, 1)
    assert first_bookable_month(Month(2017, 3), TODAY) == Month(2017, 3)


def test_the_last_month_itself_is_bookable() -> None:
    _check(first=Month(2016, 10), last=Month(2016, 10), month=Month(2016, 10))


@pytest.mark.parametrize(("status", "message"), [
    (Status.REPORTED, "Overeenkomst 2016-001 is nog niet bevestigd aan beide partijen; pas na de bevestiging mogen "
                      "uren worden geboekt."),
    (Status.REGISTERED, "Overeenkomst 2016-001 is nog niet bevestigd aan beide partijen; pas na de bevestiging "
                        "mogen uren worden geboekt."),
    (Status.DONE, "Overeenkomst 2016-001 is afgerond; er kunnen geen uren meer op."),
    (Status.WITHDRAWN, "Overeenkomst 2016-001 is ingetrokken; er kunnen geen uren meer op."),
])
def test_status_refusals_name_the_agreement(status: Status, message: str) -> None:
    with pytest.raises(Conflict) as refused:
        _check(status=status, confirmed_on=None)
    assert (refused.value.message, refused.value.field) == (message, "agreement")


def test_a_month_not_yet_begun_names_its_field() -> None:
    with pytest.raises(Conflict) as refused:
        _check(last=Month(2017, 7), month=Month(2017, 2))
    assert (refused.value.message, refused.value.field) == (
        "Februari 2017 is nog niet begonnen; registreer alleen gerealiseerde uren.", "month")


@pytest.mark.parametrize(("booked", "requested", "message"), [
    (570, 45, "Overeenkomst 2016-001 heeft 10 uur afgesproken, al gebruikt 9,5, nog 0,5 over; 0,75 past niet."),
    (600, 1, "Overeenkomst 2016-001 heeft 10 uur afgesproken, al gebruikt 10, nog 0 over; 0,02 past niet."),
    (660, 1, "Overeenkomst 2016-001 heeft 10 uur afgesproken, al gebruikt 11, nog 0 over; 0,02 past niet."),
    (0, 601, "Overeenkomst 2016-001 heeft 10 uur afgesproken, al gebruikt 0, nog 10 over; 10,02 past niet."),
])
def test_hours_above_the_agreement_name_the_figures(booked: int, requested: int, message: str) -> None:
    with pytest.raises(Conflict) as refused:
        _check(booked=booked, requested=requested)
    assert (refused.value.message, refused.value.field) == (message, "hours")


def test_the_step_refusal_names_number_status_and_step() -> None:
    with pytest.raises(Conflict) as refused:
        next_status(Status.DONE, "intrekken", "2016-042")
    assert refused.value.message == "Overeenkomst 2016-042 is afgerond; intrekken kan niet (meer)."
