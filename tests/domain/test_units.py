"""Hours, percentages and their Dutch spelling: exact integers, never floats."""
from __future__ import annotations

from decimal import Decimal

import pytest

from models.domain.errors import InvalidInput
from models.domain.units import (
    format_hours, format_hundredths, format_percent, hours, minutes_to_hundredths, parse_hours, parse_percent,
    parse_whole_hours,
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
