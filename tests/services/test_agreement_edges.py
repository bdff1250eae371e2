"""Agreements at their edges: each refusal with its words and its field, the smallest agreement, the dates each
step keeps, and what the list and a single agreement show."""
from __future__ import annotations

import datetime as dt

import pytest

from models.db import Database
from models.domain.agreements import Kind, Status
from models.domain.errors import Conflict, InvalidInput
from models.domain.months import Month
from models.services import agreements
from tests.conftest import TODAY
from tests.services.helpers import (
    YEAR, act, add_agreement, add_hours, agreement_input, get_agreement, read, refused, register_agreement,
)

D = dt.date


_get, _register = get_agreement, register_agreement


def test_the_smallest_agreement_is_one_minute(reference_db: Database) -> None:
    number = _register(reference_db, minutes=1)
    assert _get(reference_db, number).minutes == 1
    for minutes in (0, -60):
        refusal = refused(reference_db, lambda s: agreements.register(s, agreement_input(minutes=minutes), TODAY),
                          InvalidInput)
        assert (refusal.message, refusal.field) == ("Geef een aantal afgesproken uren boven 0.", "hours")


@pytest.mark.parametrize(("changes", "field", "message"), [
    (dict(description="geb. 12-3-2008"), "description",
     "Omschrijving bevat een datum, mogelijk een geboortedatum; leg geen leerlinggegevens vast (AVG): noem alleen "
     "maand en jaar, bijvoorbeeld 'vanaf oktober 2016'."),
    (dict(board_contact="BSN 123456782"), "board_contact",
     "Contactpersoon bestuur bevat iets dat op een BSN lijkt; leg geen leerlinggegevens vast (AVG): laat het "
     "nummer weg."),
    (dict(provider_contact="BSN 123456782"), "provider_contact",
     "Contactpersoon dienstverlener bevat iets dat op een BSN lijkt; leg geen leerlinggegevens vast (AVG): laat "
     "het nummer weg."),
    (dict(pupil_ref="L" * 41), "pupil_ref", "De leerlingcode is te lang (hoogstens 40 tekens)."),
    (dict(pupil_ref="1-3-10"), "pupil_ref",
     "Leerlingcode bevat een datum, mogelijk een geboortedatum; leg geen leerlinggegevens vast (AVG): vul alleen "
     "een code in die de school zelf kan herleiden."),
])
def test_free_text_refusals_name_their_field(reference_db: Database, changes: dict, field: str,
                                             message: str) -> None:
    refusal = refused(reference_db, lambda s: agreements.register(s, agreement_input(**changes), TODAY), InvalidInput)
    assert (refusal.message, refusal.field) == (message, field)


def test_free_texts_are_kept_trimmed(reference_db: Database) -> None:
    number = _register(reference_db, pupil_ref=" " + "L" * 40 + " ", description="  Taal  ", board_contact=" A ",
                       provider_contact=" B ")
    row = _get(reference_db, number)
    assert (row.pupil_ref, row.description, row.board_contact, row.provider_contact) == ("L" * 40, "Taal", "A", "B")


def test_register_only_as_reported_keeps_no_registration_date(reference_db: Database) -> None:
    today = D(2016, 10, 4)
    number = _register(reference_db, today=today, register=False)
    row = _get(reference_db, number)
    assert (row.status, row.reported_on, row.registered_on, row.school) == (Status.REPORTED, today, None, "")
    assert row.steps == ["registreren", "intrekken"]
    refusal = refused(reference_db, lambda s: agreements.mark_registered(s, number, D(2016, 10, 3), today),
                      InvalidInput)
    assert (refusal.message, refusal.field) == (
        "De datum geregistreerd (3-10-2016) ligt vóór de datum gemeld (4-10-2016).", "geregistreerd")
    refusal = refused(reference_db, lambda s: agreements.mark_registered(s, number, D(2016, 10, 5), today),
                      InvalidInput)
    assert (refusal.message, refusal.field) == ("De datum (5-10-2016) ligt na vandaag.", "date")
    act(reference_db, lambda s: agreements.mark_registered(s, number, today, today))  # today itself is fine
    assert _get(reference_db, number).registered_on == today


def test_a_step_dated_today_is_fine_tomorrow_is_not(reference_db: Database) -> None:
    today = D(2016, 10, 4)
    number = _register(reference_db, today=today, registered_on=D(2016, 10, 1))
    refusal = refused(reference_db, lambda s: agreements.confirm(s, number, D(2016, 10, 5), today), InvalidInput)
    assert (refusal.message, refusal.field) == ("De datum (5-10-2016) ligt na vandaag.", "date")
    act(reference_db, lambda s: agreements.confirm(s, number, today, today))
    assert _get(reference_db, number).confirmed_on == today


def test_completing_on_the_day_of_confirmation_and_not_before(reference_db: Database) -> None:
    number = add_agreement(reference_db, confirmed=D(2016, 9, 2))
    refusal = refused(reference_db, lambda s: agreements.complete(s, number, D(2016, 9, 1), TODAY), InvalidInput)
    assert (refusal.message, refusal.field) == ("De datum van afronden ligt vóór de bevestiging.", "date")
    act(reference_db, lambda s: agreements.complete(s, number, D(2016, 9, 2), TODAY))
    assert _get(reference_db, number).closed_on == D(2016, 9, 2)


def test_withdrawing_on_the_day_of_reporting_and_not_before(reference_db: Database) -> None:
    number = _register(reference_db, register=False, reported_on=D(2016, 9, 10))
    refusal = refused(reference_db, lambda s: agreements.withdraw(s, number, D(2016, 9, 9), TODAY), InvalidInput)
    assert (refusal.message, refusal.field) == ("De datum van intrekken ligt vóór de melding.", "date")


def test_an_ended_agreement_cannot_be_edited(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    act(reference_db, lambda s: agreements.withdraw(s, number, D(2016, 12, 1), TODAY))
    refusal = refused(reference_db, lambda s: agreements.update(s, number, agreement_input(), TODAY), Conflict)
    assert refusal.message == f"Overeenkomst {number} is ingetrokken en kan niet meer worden gewijzigd."


def test_edit_refusals_once_hours_are_booked_name_the_field(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=40)
    add_hours(reference_db, number, "2016-10", 10 * 60)
    add_hours(reference_db, number, "2016-12", 60)
    cases = [
        (dict(board="OBO"), "board", f"Op overeenkomst {number} zijn al uren geboekt; bestuur en dienstverlener "
                                     "kunnen niet meer veranderen."),
        (dict(first_month=Month(2016, 11)), "months",
         f"Op overeenkomst {number} zijn uren geboekt in oktober 2016; die maand moet binnen de looptijd blijven."),
        (dict(first_month=Month(2016, 9), last_month=Month(2016, 11)), "months",
         f"Op overeenkomst {number} zijn uren geboekt in december 2016; die maand moet binnen de looptijd blijven."),
        (dict(minutes=11 * 60 - 1), "hours",
         f"Op overeenkomst {number} is al 11 uur geboekt; de afgesproken uren kunnen niet lager worden."),
    ]
    for change, field, message in cases:
        refusal = refused(reference_db, lambda s: agreements.update(s, number, agreement_input(**change), TODAY),
                          Conflict)
        assert (refusal.message, refusal.field) == (message, field), change
    # exactly the booked months and hours still fit
    act(reference_db, lambda s: agreements.update(s, number, agreement_input(
        minutes=11 * 60, first_month=Month(2016, 10), last_month=Month(2016, 12)), TODAY))
    row = _get(reference_db, number)
    assert (row.minutes, row.first_month, row.last_month, row.booked, row.left) == (
        660, Month(2016, 10), Month(2016, 12), 660, 0)


def test_edit_without_hours_booked_may_change_board_and_keeps_the_dates(reference_db: Database) -> None:
    number = _register(reference_db, registered_on=D(2016, 9, 5), reported_on=D(2016, 9, 1))
    refusal = refused(reference_db, lambda s: agreements.update(s, number, agreement_input(minutes=0), TODAY),
                      InvalidInput)
    assert (refusal.message, refusal.field) == ("Geef een aantal afgesproken uren boven 0.", "hours")
    act(reference_db, lambda s: agreements.update(s, number, agreement_input(board="OBO", school="De Vlinder",
                                                                             kind=Kind.TEAM_TRAINING), TODAY))
    row = _get(reference_db, number)
    assert (row.board, row.school, row.kind, row.reported_on, row.registered_on) == (
        "OBO", "De Vlinder", Kind.TEAM_TRAINING, D(2016, 9, 1), D(2016, 9, 5))
    act(reference_db, lambda s: agreements.update(s, number, agreement_input(board="OBO", school=""), TODAY))
    assert _get(reference_db, number).school == ""


def test_a_row_shows_everything_of_its_agreement(reference_db: Database) -> None:
    number = add_agreement(reference_db, board="De Waarden", provider="Driespan", school="De Schakel",
                           kind=Kind.COACHING, description="Coaching", pupil_ref="L-1", hours_agreed=12,
                           first="2016-10", last="2016-12", registered=D(2016, 9, 3), confirmed=D(2016, 9, 4),
                           board_contact="S. Visser", provider_contact="J. de Boer", reported_on=D(2016, 9, 1))
    add_hours(reference_db, number, "2016-11", 90)
    (row,) = read(reference_db, lambda s: agreements.list_agreements(s, agreements.AgreementFilter(YEAR)))
    assert row == _get(reference_db, number)
    assert (row.number, row.year, row.board, row.school, row.provider, row.kind, row.description, row.pupil_ref,
            row.minutes, row.booked, row.first_month, row.last_month, row.status, row.reported_on,
            row.registered_on, row.confirmed_on, row.closed_on, row.board_contact, row.provider_contact,
            row.is_demo) == (
        number, YEAR, "De Waarden", "De Schakel", "Driespan", Kind.COACHING, "Coaching", "L-1", 720, 90,
        Month(2016, 10), Month(2016, 12), Status.CONFIRMED, D(2016, 9, 1), D(2016, 9, 3), D(2016, 9, 4), None,
        "S. Visser", "J. de Boer", False)
    assert row.left == 630 and row.steps == ["afronden", "intrekken"]


def test_the_list_filters_by_text_in_every_column(reference_db: Database) -> None:
    a = add_agreement(reference_db, board="KPO", provider="Kameleon", school="De Regenboog")
    b = add_agreement(reference_db, board="OBO", provider="Driespan", pupil_ref="L-77")

    def found(**flt: object) -> list[str]:
        return [r.number for r in read(reference_db, lambda s: agreements.list_agreements(
            s, agreements.AgreementFilter(YEAR, **flt)))]

    assert found(text="regenboog") == [a]
    assert found(text="driespan") == [b] and found(text="obo") == [b] and found(text="l-77") == [b]
    assert found(text=b) == [b]
    assert found(text="   ") == [a, b]
    assert found(status=Status.CONFIRMED, board="KPO", provider="Kameleon") == [a]
    assert found(board="KPO", provider="Driespan") == []


def test_an_edit_outside_the_school_year_names_the_year(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    refusal = refused(reference_db, lambda s: agreements.update(
        s, number, agreement_input(last_month=Month(2017, 8)), TODAY), InvalidInput)
    assert (refusal.message, refusal.field) == (
        "De maanden moeten binnen schooljaar 2016-2017 vallen (september 2016 t/m juli 2017).", "months")


def test_an_edit_down_to_one_minute(reference_db: Database) -> None:
    number = _register(reference_db)
    act(reference_db, lambda s: agreements.update(s, number, agreement_input(minutes=1), TODAY))
    assert _get(reference_db, number).minutes == 1


def test_an_edit_keeps_the_dates_in_order_with_the_confirmation(reference_db: Database) -> None:
    number = add_agreement(reference_db, registered=D(2016, 9, 1), confirmed=D(2016, 9, 2))
    refusal = refused(reference_db, lambda s: agreements.update(
        s, number, agreement_input(registered_on=D(2016, 9, 3)), TODAY), InvalidInput)
    assert (refusal.message, refusal.field) == (
        "De datum bevestigd (2-9-2016) ligt vóór de datum geregistreerd (3-9-2016).", "bevestigd")
    refusal = refused(reference_db, lambda s: agreements.update(
        s, number, agreement_input(reported_on=D(2016, 9, 3), registered_on=D(2016, 9, 1)), TODAY), InvalidInput)
    assert refusal.field == "geregistreerd"


def test_each_agreement_keeps_the_school_named(reference_db: Database) -> None:
    """A board's second school is a school of its own: an agreement for it is not put on the first one, and a
    name written otherwise finds the school already there."""
    first = add_agreement(reference_db, board="KPO", school="De Regenboog")
    second = add_agreement(reference_db, board="KPO", school="De Wegwijzer")
    again = add_agreement(reference_db, board="KPO", school="  de  wegwijzer ")
    assert [_get(reference_db, n).school for n in (first, second, again)] == ["De Regenboog", "De Wegwijzer",
                                                                              "De Wegwijzer"]
