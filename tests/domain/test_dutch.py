"""models/domain/dutch.py: every figure the user reads, one format per name, the same on screen and paper."""
from __future__ import annotations

import datetime as dt

import pytest

from models.domain import dutch
from models.domain.months import Month
from models.domain.rounding import percent_of


@pytest.mark.parametrize(("minutes", "screen", "csv"), [
    (0, "0", "0"),
    (60, "1", "1"),
    (1035, "17,25", "17,25"),
    (90, "1,5", "1,5"),
    (1177 * 60, "1.177", "1177"),
    (1_234_567 * 60 + 15, "1.234.567,25", "1234567,25"),
    (-90, "-1,5", "-1,5"),
])
def test_hours_with_and_without_the_thousands_dot(minutes: int, screen: str, csv: str) -> None:
    assert dutch.hours(minutes) == screen
    assert dutch.hours_plain(minutes) == csv


def test_nothing_is_an_empty_cell() -> None:
    assert (dutch.hours(None), dutch.whole(None), dutch.percent_figure(None), dutch.date(None), dutch.month(None),
            dutch.month_abbr(None)) == ("",) * 6
    assert dutch.percent(None) == "–"  # a percentage with nothing to divide by


@pytest.mark.parametrize(("number", "text"), [(0, "0"), (999, "999"), (1000, "1.000"), (2393, "2.393"),
                                              (1_000_000, "1.000.000"), (-1500, "-1.500")])
def test_whole_numbers(number: int, text: str) -> None:
    assert dutch.whole(number) == text


def test_three_kinds_of_percentage_each_with_its_own_name() -> None:
    assert dutch.percent(87) == "87 %"  # a whole percentage (benutting)
    assert dutch.percent(0) == "0 %"
    assert dutch.percent_figure(3150) == "31,5"  # hundredths, as a figure under a '%' heading or in CSV
    assert dutch.percent_figure(2600) == "26"
    assert dutch.key(3150) == "31,5 %"  # a distribution key
    assert dutch.key(705) == "7,05 %"


def test_money_dates_and_months() -> None:
    assert dutch.euros(2_800_000) == "€ 28.000,00"
    assert dutch.euros(-150) == "€ -1,50"
    assert dutch.date(dt.date(2022, 2, 3)) == "3-2-2022"
    assert dutch.month(Month(2016, 9)) == "september 2016"
    assert dutch.month_abbr(Month(2016, 10)) == "okt 2016"  # the screen's column titles
    assert dutch.month_narrow(Month(2017, 3)) == "mrt '17"  # a printed chart's narrow columns
    assert dutch.month_narrow(Month(2009, 1)) == "jan '09"
    assert dutch.months_span(Month(2016, 9), Month(2017, 7)) == "september 2016 t/m juli 2017"
    assert dutch.months_span(Month(2016, 9), Month(2016, 9)) == "september 2016"


@pytest.mark.parametrize(("months", "text"), [
    ([], ""),
    ([Month(2016, 10)], "oktober 2016"),
    ([Month(2016, 9), Month(2016, 10), Month(2016, 11), Month(2016, 12)], "september t/m december 2016"),
    ([Month(2016, 12), Month(2017, 1)], "december 2016 t/m januari 2017"),
    ([Month(2016, 11), Month(2016, 12), Month(2017, 1)], "november 2016 t/m januari 2017"),
    ([Month(2017, 3), Month(2016, 10)], "oktober 2016 en maart 2017"),
    ([Month(2016, 9), Month(2016, 11), Month(2017, 2), Month(2017, 3)],
     "september 2016, november 2016 en februari t/m maart 2017"),
])
def test_months_as_the_user_says_them(months: list[Month], text: str) -> None:
    assert dutch.months(months) == text


@pytest.mark.parametrize(("number", "text"), [(1, "1 overeenkomst"), (0, "0 overeenkomsten"),
                                              (12, "12 overeenkomsten"), (1_000_000, "1.000.000 overeenkomsten")])
def test_the_word_agrees_with_the_number(number: int, text: str) -> None:
    assert dutch.count(number, "overeenkomst", "overeenkomsten") == text


@pytest.mark.parametrize(("part", "whole", "percent"), [
    (0, 100, 0), (1, 200, 1), (1, 201, 0), (5, 1000, 1), (4, 1000, 0), (87, 100, 87), (2, 3, 67), (150, 100, 150),
    (1, 1, 100), (0, 1, 0), (1, 0, None), (5, -1, None),
])
def test_a_whole_percentage_rounds_half_up(part: int, whole: int, percent: int | None) -> None:
    assert percent_of(part, whole) == percent
