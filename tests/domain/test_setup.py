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
    for bad in ("2016", "16-17", "2016-2016", "2017-2016", "２０１６-２０１７"):
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
