"""Validating the set-up of a school year as a whole."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from models.domain.errors import InvalidInput
from models.domain.months import Month
from models.domain.setup import (
    BoardSetup, ProviderSetup, YearSetup, next_label, parse_label, usual_months, validate,
)

PROVIDERS = (ProviderSetup("Kameleon", 806, 70, "3"), ProviderSetup("Mytyschool", 1277, 100, "3"),
             ProviderSetup("Driespan", 2393, 200, "4"))
BOARDS = (BoardSetup("KPO", 2940, 2600), BoardSetup("OBO", 2240, 2100), BoardSetup("Borgesius", 2480, 2200),
          BoardSetup("De Waarden", 2070, 1900), BoardSetup("Kroevendonk / SPCO", 230, 700, 700),
          BoardSetup("Zilverlinde / Pallas", 40, 500, 500))
SETUP = YearSetup("2016-2017", Month(2016, 9), Month(2017, 7), PROVIDERS, BOARDS)


def test_reference_setup_is_valid() -> None:
    checked = validate(SETUP)
    assert [b.key for b in checked.boards] == [2600, 2100, 2200, 1900, 700, 500]
    assert len(checked.months) == 11
    assert checked.first_calendar_year == 2016


def test_empty_keys_take_the_suggestion() -> None:
    checked = validate(replace(SETUP, boards=tuple(replace(b, key=None) for b in BOARDS)))
    assert [b.key for b in checked.boards] == [2700, 2000, 2200, 1900, 700, 500]


def test_some_keys_empty_is_refused() -> None:
    boards = (replace(BOARDS[0], key=None),) + BOARDS[1:3] + (replace(BOARDS[3], key=None),) + BOARDS[4:]
    with pytest.raises(InvalidInput, match="KPO, De Waarden"):
        validate(replace(SETUP, boards=boards))


def test_names_are_cleaned() -> None:
    checked = validate(replace(SETUP, providers=(replace(PROVIDERS[0], name="  Kameleon   school "),)
                               + PROVIDERS[1:]))
    assert checked.providers[0].name == "Kameleon school"


@pytest.mark.parametrize(("change", "words"), [
    (dict(label="2016-2018"), "Schooljaar"),
    (dict(label="2016/2017"), "Schooljaar"),
    (dict(first_month=Month(2017, 8)), "ligt na de laatste"),
    (dict(first_month=Month(2015, 9)), "in schooljaar 2016-2017"),
    (dict(last_month=Month(2017, 9)), "hoogstens 12"),
    (dict(providers=()), "geen dienstverlener"),
    (dict(boards=()), "geen schoolbestuur"),
    (dict(providers=PROVIDERS + (ProviderSetup(" kameleon ", 10, 0),)), "twee keer"),
    (dict(boards=BOARDS[:5] + (BoardSetup("KPO", 40, 500),)), "twee keer"),
    (dict(providers=(ProviderSetup("Kameleon", 806, 807),)), "reserve"),
    (dict(providers=(ProviderSetup("", 806, 70),)), "geen naam"),
    (dict(providers=(ProviderSetup("Kameleon", 0, 0),)), "contracturen"),
    (dict(boards=BOARDS[:5] + (BoardSetup("Zilverlinde / Pallas", 50, 500),)), "leerlingen"),
    (dict(boards=BOARDS[:5] + (BoardSetup("Zilverlinde / Pallas", 40, 400),)), "verdeling telt op tot 99"),
])
def test_setup_refused(change: dict, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        validate(replace(SETUP, **change))


def test_parse_label() -> None:
    assert parse_label(" 2016-2017 ") == "2016-2017"
    for bad in ("2016", "16-17", "2016-2016", "2017-2016", "２０１６-２０１７", "2016-2017x", "x2016-2017"):
        with pytest.raises(InvalidInput):
            parse_label(bad)


def test_twelve_months_allowed() -> None:
    assert len(validate(replace(SETUP, first_month=Month(2016, 8))).months) == 12


@pytest.mark.parametrize(("existing", "today", "label"), [
    ([], dt.date(2025, 1, 15), "2024-2025"),  # before March: the year running now
    ([], dt.date(2025, 3, 1), "2025-2026"),  # from March on: the one that starts this summer
    (["2016-2017"], dt.date(2025, 3, 1), "2017-2018"),  # after the latest year, whatever today is
    (["2018-2019", "2016-2017"], dt.date(2017, 1, 1), "2019-2020"),
])
def test_next_label(existing: list[str], today: dt.date, label: str) -> None:
    assert next_label(existing, today) == label
    first, last = usual_months(label)
    assert (str(first), str(last)) == (f"{label[:4]}-09", f"{label[5:]}-07")


# ---------------------------------------------------------------- what the refusals say

@pytest.mark.parametrize(("change", "message"), [
    (dict(label="2016-2018"), "Schooljaar '2016-2018' is ongeldig; schrijf bijvoorbeeld 2016-2017."),
    (dict(first_month=Month(2017, 8)), "De eerste maand (augustus 2017) ligt na de laatste maand (juli 2017)."),
    (dict(first_month=Month(2015, 12)), "De budgetmaanden moeten in schooljaar 2016-2017 vallen."),
    (dict(last_month=Month(2018, 1)), "De budgetmaanden moeten in schooljaar 2016-2017 vallen."),
    (dict(first_month=Month(2016, 7), last_month=Month(2017, 7)), "Een schooljaar heeft hoogstens 12 budgetmaanden."),
    (dict(providers=()), "Er is geen dienstverlener opgegeven."),
    (dict(boards=()), "Er is geen schoolbestuur opgegeven."),
    (dict(providers=PROVIDERS + (ProviderSetup(" kameleon ", 10, 0),)),
     "De naam 'kameleon' komt twee keer voor bij de dienstverleners."),
    (dict(boards=BOARDS[:5] + (BoardSetup(" kpo  ", 40, 500),)),
     "De naam 'kpo' komt twee keer voor bij de schoolbesturen."),
    (dict(providers=(ProviderSetup("  ", 806, 70),)), "Een dienstverlener heeft geen naam."),
    (dict(boards=BOARDS[:5] + (BoardSetup("", 40, 500),)), "Een schoolbestuur heeft geen naam."),
    (dict(providers=(ProviderSetup(" Kameleon  school", 0, 0),)), "Dienstverlener Kameleon school: geef contracturen "
                                                                  "boven 0."),
    (dict(providers=(ProviderSetup("Kameleon", 806, 807),)),
     "Dienstverlener Kameleon: De reserve (807) moet tussen 0 en de contracturen (806) liggen."),
    (dict(boards=BOARDS[:5] + (BoardSetup("Zilverlinde / Pallas", 50, 500),)),
     "De percentages leerlingen tellen op tot 100,1, niet tot 100."),
    (dict(boards=BOARDS[:5] + (BoardSetup("Zilverlinde / Pallas", 40, 400),)), "De verdeling telt op tot 99, niet tot 100."),
    (dict(boards=(replace(BOARDS[0], key=None),) + BOARDS[1:3] + (replace(BOARDS[3], key=None),) + BOARDS[4:]),
     "De verdeling ontbreekt bij KPO, De Waarden; vul hem bij alle besturen in of bij geen."),
])
def test_setup_refusals_say_what_to_do(change: dict, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate(replace(SETUP, **change))
    assert refused.value.message == message


def test_the_edges_that_are_allowed() -> None:
    one_hour = validate(replace(SETUP, providers=(ProviderSetup("Kameleon", 1, 1),)))  # all of it in reserve
    assert one_hour.providers == (ProviderSetup("Kameleon", 1, 1),)
    august_to_july = validate(replace(SETUP, first_month=Month(2016, 8), last_month=Month(2017, 7)))
    assert august_to_july.months[0] == Month(2016, 8) and len(august_to_july.months) == 12
    january = validate(replace(SETUP, first_month=Month(2017, 1), last_month=Month(2017, 1)))
    assert january.months == [Month(2017, 1)]
    cleaned = validate(replace(SETUP, label=" 2016-2017 ", boards=(replace(BOARDS[0], name=" KPO  Noord "),)
                               + BOARDS[1:]))
    assert cleaned.label == "2016-2017" and cleaned.boards[0].name == "KPO Noord"
    assert cleaned.boards[1:] == BOARDS[1:] and cleaned.providers == PROVIDERS


def test_the_label_and_the_first_calendar_year() -> None:
    assert replace(SETUP, label="2019-2020").first_calendar_year == 2019
    with pytest.raises(InvalidInput) as refused:
        parse_label(" 2016-2016 ")
    assert refused.value.message == "Schooljaar '2016-2016' is ongeldig; schrijf bijvoorbeeld 2016-2017."


def test_a_board_may_have_a_key_of_zero() -> None:
    boards = BOARDS[:4] + (replace(BOARDS[4], key=1200, minimum=None), replace(BOARDS[5], key=0, minimum=None))
    assert [b.key for b in validate(replace(SETUP, boards=boards)).boards] == [2600, 2100, 2200, 1900, 1200, 0]
