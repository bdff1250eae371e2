"""Hours, percentages and their Dutch spelling: exact integers, never floats."""
from __future__ import annotations

from decimal import Decimal

import pytest

from models.domain.errors import InvalidInput
from models.domain.units import (
    format_count, format_hours, format_hundredths, format_percent, hours, minutes_to_hundredths, parse_hours,
    parse_percent, parse_whole_hours,
)


@pytest.mark.parametrize(("text", "minutes"), [
    ("12,5", 750),
    ("12.5", 750),
    ("0,25", 15),
    ("0,1", 6),
    ("0.1", 6),
    ("0,05", 3),
    ("0,75", 45),
    ("1", 60),
    ("191", 11460),
    (" 17,25 ", 1035),
    ("2,50", 150),
    ("1000", 60000),
])
def test_parse_hours_accepts(text: str, minutes: int) -> None:
    assert parse_hours(text) == minutes


@pytest.mark.parametrize("text", [
    "0,01",     # not a whole minute
    "0,02",
    "1,33",
    "1.000",    # a thousands separator, or three decimals: both refused
    "1,000",
    "-1",
    "-0,5",
    "12,555",
    "abc",
    "0",
    "0,0",
    "0,00",
    "",
    "   ",
    "1,",
    ",5",
    "1.5.5",
    "1 000",
    "12,5 uur",
    "1e3",
    "١٢",        # Arabic-Indic digits are not hours
    "１２",      # nor are full-width digits
    "+5",
])
def test_parse_hours_refuses(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_hours(text)
    assert refused.value.message
    assert "\n" not in refused.value.message


def test_parse_hours_names_what_and_why() -> None:
    with pytest.raises(InvalidInput, match="geen heel aantal minuten"):
        parse_hours("0,01")
    with pytest.raises(InvalidInput, match="meer dan twee decimalen"):
        parse_hours("12,555")
    with pytest.raises(InvalidInput, match="negatief"):
        parse_hours("-1")
    with pytest.raises(InvalidInput, match="boven 0"):
        parse_hours("0")
    with pytest.raises(InvalidInput, match="^Reserve:"):
        parse_hours("abc", what="Reserve")


@pytest.mark.parametrize(("cell", "minutes"), [
    (12.5, 750), (0.1, 6), (0.25, 15), (3, 180), (Decimal("17.25"), 1035), (806.0, 48360),
])
def test_parse_hours_from_number_cells(cell: object, minutes: int) -> None:
    assert parse_hours(cell) == minutes


@pytest.mark.parametrize("cell", [0.01, -1, -0.5, True, False, float("inf"), float("nan"), 12.555, 0, 0.0])
def test_parse_hours_refuses_number_cells(cell: object) -> None:
    with pytest.raises(InvalidInput):
        parse_hours(cell)


def test_zero_only_where_allowed() -> None:
    assert parse_hours("0", allow_zero=True) == 0
    assert parse_whole_hours("0", what="reserve") == 0
    assert parse_whole_hours(70, what="reserve") == 70 * 60
    assert parse_whole_hours("806", what="contracturen") == 806 * 60


@pytest.mark.parametrize("value", ["70,5", 70.5, "-1", "abc", "1.000"])
def test_whole_hours_refuses(value: object) -> None:
    with pytest.raises(InvalidInput):
        parse_whole_hours(value, what="reserve")


@pytest.mark.parametrize(("text", "hundredths"), [
    ("31,5", 3150), ("31.5", 3150), ("26", 2600), ("0,4", 40), ("100", 10000), ("0", 0), (29.4, 2940),
    ("2,35", 235),
])
def test_parse_percent(text: object, hundredths: int) -> None:
    assert parse_percent(text) == hundredths


@pytest.mark.parametrize("text", ["100,01", "101", "29,444", "-1", "abc", "29,4%"])
def test_parse_percent_refuses(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_percent(text)


@pytest.mark.parametrize(("minutes", "thousands", "text"), [
    (70620, True, "1.177"),
    (70620, False, "1177"),
    (1035, False, "17,25"),
    (1035, True, "17,25"),
    (11460, False, "191"),
    (750, False, "12,5"),
    (6, False, "0,1"),
    (15, False, "0,25"),
    (0, False, "0"),
    (1_000_000 * 60, True, "1.000.000"),
    (1234 * 60 + 30, True, "1.234,5"),
    (-90, False, "-1,5"),
    (606, False, "10,1"),
])
def test_format_hours(minutes: int, thousands: bool, text: str) -> None:
    assert format_hours(minutes, thousands=thousands) == text


@pytest.mark.parametrize(("hundredths", "text"), [
    (3150, "31,5"), (2600, "26"), (40, "0,4"), (235, "2,35"), (1010, "10,1"), (10000, "100"), (5, "0,05"),
])
def test_format_percent_drops_trailing_zeros(hundredths: int, text: str) -> None:
    assert format_percent(hundredths) == text
    assert format_hundredths(hundredths) == text


def test_minutes_to_hundredths_half_up() -> None:
    assert minutes_to_hundredths(1) == 2     # 1,666.. -> 2
    assert minutes_to_hundredths(3) == 5
    assert minutes_to_hundredths(-1) == -2
    assert hours(17) == 1020


@pytest.mark.parametrize("text", ["12,5", "0,25", "0,1", "191", "17,25", "0,05", "1,2"])
def test_parse_and_format_round_trip(text: str) -> None:
    assert format_hours(parse_hours(text)) == text


def test_numbers_beyond_any_contract_or_budget_are_refused_not_overflowed() -> None:
    from models.domain.money import MAX_CENTS, parse_euros
    from models.domain.units import MAX_HOURS, parse_whole_hours

    assert parse_hours(str(MAX_HOURS)) == MAX_HOURS * 60
    assert parse_euros("100.000.000") == MAX_CENTS
    with pytest.raises(InvalidInput, match=r"^Uren: 1\.000\.000,25 uur is meer dan het maximum van 1\.000\.000 uur"):
        parse_hours("1000000,25")  # a Dutch decimal comma, a dot only between thousands
    for refuse in (lambda: parse_hours("1000000,25"), lambda: parse_whole_hours(2 ** 63, what="Contracturen"),
                   lambda: parse_euros("100.000.000,01")):
        with pytest.raises(InvalidInput, match="maximum"):
            refuse()


# ---------------------------------------------------------------- edges

def test_zero_is_accepted_where_allowed_and_refused_elsewhere() -> None:
    assert parse_hours("0", allow_zero=True) == 0
    assert parse_hours(0, allow_zero=True) == 0
    assert parse_hours(0.0, allow_zero=True) == 0
    assert parse_hours("0,00", allow_zero=True) == 0
    assert parse_percent("0") == 0
    assert parse_percent(0) == 0
    with pytest.raises(InvalidInput) as refused:
        parse_hours(0, what="Uren oktober")
    assert refused.value.message == "Uren oktober: geef een aantal uren boven 0."


def test_the_smallest_amounts() -> None:
    assert parse_hours("0,05") == 3  # three minutes: the smallest that makes whole minutes with two decimals
    assert parse_percent("0,01") == 1
    assert parse_whole_hours("1", what="Reserve") == 60


@pytest.mark.parametrize(("value", "message"), [
    ("0,01", "Uren: '0,01' uur is geen heel aantal minuten; gebruik bijvoorbeeld 0,25 of 0,1."),
    ("12,555", "Uren: '12,555' heeft meer dan twee decimalen."),
    ("-1", "Uren: '-1' is negatief; geef een getal van 0 of meer."),
    ("- 1", "Uren: '- 1' is negatief; geef een getal van 0 of meer."),
    ("abc", "Uren: 'abc' is geen getal; schrijf bijvoorbeeld 12,5 (zonder duizendtalscheiding)."),
    ("1.000", "Uren: '1.000' heeft meer dan twee decimalen."),
    ("1 000", "Uren: '1 000' is geen getal; schrijf bijvoorbeeld 12,5 (zonder duizendtalscheiding)."),
    (-1, "Uren: -1 is negatief; geef een getal van 0 of meer."),
    (-0.5, "Uren: '-0.5' is geen getal van 0 of meer."),
    (float("inf"), "Uren: 'inf' is geen getal van 0 of meer."),
    (12.555, "Uren: '12,555' heeft meer dan twee decimalen."),
    (Decimal("1.50"), None),
    (True, "Uren: 'True' is geen getal."),
])
def test_parse_hours_says_what_is_wrong(value: object, message: str | None) -> None:
    if message is None:
        assert parse_hours(value) == 90
        return
    with pytest.raises(InvalidInput) as refused:
        parse_hours(value)
    assert refused.value.message == message


def test_whole_hours_and_percent_refusals_name_the_figure() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_whole_hours("70,5", what="Reserve")
    assert refused.value.message == "Reserve: '70,5' is geen heel aantal uren."
    with pytest.raises(InvalidInput) as refused:
        parse_whole_hours(1_000_001, what="Contracturen")
    assert refused.value.message == ("Contracturen: 1.000.001 uur is meer dan het maximum van 1.000.000 uur; "
                                     "controleer het getal.")
    assert parse_whole_hours(1_000_000, what="Contracturen") == 1_000_000 * 60
    with pytest.raises(InvalidInput) as refused:
        parse_percent("100,01", what="Verdeling KPO")
    assert refused.value.message == "Verdeling KPO: 100,01 is meer dan 100 %."
    assert parse_percent("100") == 10000
    assert parse_percent("100,00") == 10000


def test_hours_up_to_the_maximum() -> None:
    assert parse_hours("1000000") == 1_000_000 * 60
    assert parse_hours(1_000_000) == 1_000_000 * 60
    with pytest.raises(InvalidInput, match="maximum"):
        parse_hours("1000000,05")


@pytest.mark.parametrize(("minutes", "hundredths"), [
    (0, 0), (1, 2), (2, 3), (3, 5), (6, 10), (15, 25), (59, 98), (60, 100), (61, 102), (-1, -2), (-3, -5),
    (-59, -98),
])
def test_minutes_as_hundredths_half_up_both_signs(minutes: int, hundredths: int) -> None:
    assert minutes_to_hundredths(minutes) == hundredths


@pytest.mark.parametrize(("minutes", "text"), [
    (1, "0,02"), (-1, "-0,02"), (-60, "-1"), (-6, "-0,1"), (61 * 60, "61"), (100_000 * 60, "100000"),
])
def test_format_hours_small_and_negative(minutes: int, text: str) -> None:
    assert format_hours(minutes) == text
    assert format_hundredths(-5) == "-0,05"
    assert format_hundredths(-123456, thousands=True) == "-1.234,56"
    assert format_hundredths(123456, thousands=False) == "1234,56"


def test_div_half_up_both_signs_returns_int() -> None:
    from models.domain.rounding import div_half_up, round_half_up
    from fractions import Fraction

    for numerator, denominator, result in ((5, 2, 3), (-5, 2, -3), (3, 2, 2), (-3, 2, -2), (1, 3, 0), (-1, 3, 0),
                                           (2, 3, 1), (-2, 3, -1), (7, 1, 7), (-7, 1, -7), (0, 5, 0), (191, 11, 17),
                                           (-191, 11, -17), (11, 2, 6), (-11, 2, -6)):
        value = div_half_up(numerator, denominator)
        assert value == result and type(value) is int, (numerator, denominator, value)
    assert round_half_up(Fraction(-5, 2)) == -3 and type(round_half_up(Fraction(-5, 2))) is int
    assert round_half_up(Fraction(5, 2)) == 3
    for denominator in (0, -1):
        with pytest.raises(ValueError, match="^denominator must be positive$"):
            div_half_up(1, denominator)


def test_whole_hours_name_what_and_give_whole_minutes() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_whole_hours("abc", what="Reserve")
    assert refused.value.message.startswith("Reserve: 'abc' is geen getal")
    minutes = parse_whole_hours("806", what="Contracturen")
    assert minutes == 48360 and type(minutes) is int


def test_many_decimals_are_named_in_full() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_hours(Decimal("0.0000001"))
    assert refused.value.message == "Uren: '0,0000001' heeft meer dan twee decimalen."


def test_percent_refusals_name_what() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_percent("abc")
    assert refused.value.message.startswith("Percentage: 'abc' is geen getal")
    with pytest.raises(InvalidInput) as refused:
        parse_percent("-1", what="Verdeling KPO")
    assert refused.value.message == "Verdeling KPO: '-1' is negatief; geef een getal van 0 of meer."


def test_without_thousands_by_default() -> None:
    assert format_hundredths(123456) == "1234,56"
    assert format_hours(70620) == "1177"


@pytest.mark.parametrize(("count", "text"), [(0, "0"), (999, "999"), (1000, "1.000"), (131_000, "131.000"),
                                             (1_234_567, "1.234.567")])
def test_a_count_is_written_with_a_dot_between_thousands(count: int, text: str) -> None:
    assert format_count(count) == text


@pytest.mark.parametrize(("text", "message"), [
    ("999999999999999", "Uren: 999.999.999.999.999 uur is meer dan het maximum van 1.000.000 uur; controleer het "
                        "getal."),  # 15 digits: read, then refused by its size
    ("1000000000000000", "Uren: '1000000000000000' is meer dan het maximum van 1.000.000 uur; controleer het getal."),
])
def test_hours_of_many_digits_are_refused_with_the_maximum(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_hours(text)
    assert refused.value.message == message
    assert parse_hours("0" * 30 + "1,5") == 90  # leading zeros are no digits of the amount
