"""Euros as exact cents: what a Dutch user types or a workbook cell holds, and the Dutch spelling back."""
from __future__ import annotations

from decimal import Decimal

import pytest

from models.domain.errors import InvalidInput
from models.domain.money import MAX_CENTS, format_euros, parse_euros


@pytest.mark.parametrize(("value", "cents"), [
    # whole euros, with a decimal comma (one or two decimals)
    ("28000", 2_800_000), ("28000,5", 2_800_050), ("28000,50", 2_800_050), ("0,05", 5), ("12,5", 1250),
    # a dot between thousands, in groups of three
    ("28.000", 2_800_000), ("28.000,5", 2_800_050), ("28.000,50", 2_800_050), ("1.234.567,89", 123_456_789), ("1.000", 100_000),
    ("12.505", 1_250_500),  # three digits after the dot: thousands, not decimals
    # a dot as the decimal sign, one or two decimals (what a spreadsheet copy gives)
    ("12.50", 1250), ("12.5", 1250), ("0.05", 5),
    # a euro sign, white space, a dash for no cents
    ("€ 1.250,-", 125_000), ("€1250", 125_000), ("  € 28.000,00 ", 2_800_000), ("1250,-", 125_000),
    ("1 250,50", 125_050), ("€ 1 250", 125_000),
    # number cells
    (28000, 2_800_000), (1, 100), (12.5, 1250), (0.1, 10), (1250.75, 125_075), (Decimal("12.50"), 1250),
    (Decimal("0.01"), 1), (Decimal("28000"), 2_800_000),
])
def test_parse_euros_accepts(value: object, cents: int) -> None:
    assert parse_euros(value) == cents


@pytest.mark.parametrize(("value", "message"), [
    ("abc", "Bedrag: 'abc' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("12,555", "Bedrag: '12,555' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("12.5.0", "Bedrag: '12.5.0' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("28.00.000", "Bedrag: '28.00.000' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("2800.000", "Bedrag: '2800.000' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("12,", "Bedrag: '12,' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("12.", "Bedrag: '12.' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    (".500", "Bedrag: '.500' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("28.000,", "Bedrag: '28.000,' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("28.000,505", "Bedrag: '28.000,505' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("1.000.00", "Bedrag: '1.000.00' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("28.000x", "Bedrag: '28.000x' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("１.０００", "Bedrag: '１.０００' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("１２.５", "Bedrag: '１２.５' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    (",50", "Bedrag: ',50' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("", "Bedrag: '' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),
    ("１２", "Bedrag: '１２' is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50."),  # full-width digits
    ("-5", "Bedrag: '-5' is negatief; geef een bedrag van 0 of meer."),
    ("€ -1.250,00", "Bedrag: '€ -1.250,00' is negatief; geef een bedrag van 0 of meer."),
    (-5, "Bedrag: '-5' is negatief; geef een bedrag van 0 of meer."),
    (-0.5, "Bedrag: '-0.5' is negatief; geef een bedrag van 0 of meer."),
    (Decimal("-1"), "Bedrag: '-1' is negatief; geef een bedrag van 0 of meer."),
    (12.555, "Bedrag: '12.555' heeft meer dan twee decimalen (hele centen)."),
    (Decimal("0.001"), "Bedrag: '0.001' heeft meer dan twee decimalen (hele centen)."),
    (float("inf"), "Bedrag: 'inf' is geen bedrag."),
    (float("nan"), "Bedrag: 'nan' is geen bedrag."),
    (Decimal("NaN"), "Bedrag: 'NaN' is geen bedrag."),
    (True, "Bedrag: 'True' is geen bedrag."),
    (False, "Bedrag: 'False' is geen bedrag."),
])
def test_parse_euros_refuses(value: object, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_euros(value)
    assert refused.value.message == message


@pytest.mark.parametrize("zero", ["0", "0,00", "€ 0,-", "0.0", 0, 0.0, Decimal("0")])
def test_zero_only_where_allowed(zero: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_euros(zero, what="Budget")
    assert refused.value.message == "Budget: geef een bedrag boven € 0,00."
    assert parse_euros(zero, allow_zero=True) == 0


def test_the_smallest_amount_above_zero() -> None:
    assert parse_euros("0,01") == 1
    assert parse_euros(Decimal("0.01")) == 1


def test_the_maximum_is_allowed_and_a_cent_more_is_not() -> None:
    assert MAX_CENTS == 100_000_000 * 100
    assert parse_euros("100.000.000") == MAX_CENTS
    assert parse_euros(100_000_000) == MAX_CENTS
    for value, shown in (("100.000.000,01", "€ 100.000.000,01"), (100_000_001, "€ 100.000.001,00"),
                         (Decimal("100000000.01"), "€ 100.000.000,01")):
        with pytest.raises(InvalidInput) as refused:
            parse_euros(value, what="Bedrag per leerling")
        assert refused.value.message == (
            f"Bedrag per leerling: {shown} is meer dan het maximum van € 100.000.000,00; controleer het bedrag.")


def test_the_refusal_names_what_was_asked() -> None:
    with pytest.raises(InvalidInput, match="^Budget Gedrag: 'x' is geen bedrag"):
        parse_euros("x", what="Budget Gedrag")


@pytest.mark.parametrize(("cents", "with_symbol", "without"), [
    (2_800_000, "€ 28.000,00", "28.000,00"),
    (2_800_050, "€ 28.000,50", "28.000,50"),
    (123_456_789, "€ 1.234.567,89", "1.234.567,89"),
    (100, "€ 1,00", "1,00"),
    (5, "€ 0,05", "0,05"),
    (0, "€ 0,00", "0,00"),
    (-150, "€ -1,50", "-1,50"),
    (-2_800_001, "€ -28.000,01", "-28.000,01"),
])
def test_format_euros(cents: int, with_symbol: str, without: str) -> None:
    assert format_euros(cents) == with_symbol
    assert format_euros(cents, symbol=True) == with_symbol
    assert format_euros(cents, symbol=False) == without


@pytest.mark.parametrize("cents", [1, 99, 100, 2_800_050, 123_456_789, MAX_CENTS])
def test_what_is_written_reads_back(cents: int) -> None:
    assert parse_euros(format_euros(cents)) == cents
    assert parse_euros(format_euros(cents, symbol=False)) == cents


@pytest.mark.parametrize(("text", "message"), [
    ("999999999999999", "Bedrag: € 999.999.999.999.999,00 is meer dan het maximum van € 100.000.000,00; controleer "
                        "het bedrag."),  # 15 digits: read, then refused by its amount
    ("1000000000000000", "Bedrag: '1000000000000000' is meer dan het maximum van € 100.000.000,00; controleer het "
                         "bedrag."),  # 16 digits: refused before it is read as a number
    ("1" * 40 + ",50", f"Bedrag: '{'1' * 39}…' is meer dan het maximum van € 100.000.000,00; controleer het bedrag."),
])
def test_an_amount_of_many_digits_is_refused_with_the_maximum(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_euros(text)
    assert refused.value.message == message


def test_leading_zeros_do_not_count_as_digits() -> None:
    assert parse_euros("0" * 30 + "12,50") == 1250
