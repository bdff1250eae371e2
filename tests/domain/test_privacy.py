"""The privacy rule (AVG) for free text: no BSN-like number, no full date."""
from __future__ import annotations

import pytest

from models.domain.errors import InvalidInput
from models.domain.privacy import check_pupil_code, check_text, elfproef, holds_bsn, holds_date


@pytest.mark.parametrize("text", [
    "Leerling Jan Jansen, geb. 12-03-2008, BSN 123456782",
    "123456782", "bsn: 1234.56.782", "nummer 123 456 782 bekend", "111222333", "(123456782)",
    "BSN 123456789",  # fails the elfproef, but written after the word BSN: a mistyped BSN is still one
    "burgerservicenummer: 1234 56 789",
])
def test_bsn_like_numbers(text: str) -> None:
    assert holds_bsn(text)


@pytest.mark.parametrize("text", [
    "Factuur 123456789; 2 x 45 minuten",  # nine digits that fail the elfproef: an ordinary number
    "1234567820",  # ten digits
    "12345678",
    "bel 06 12345678", "06-12345678", "2016-017 en 2016-018", "geen BSN vastgelegd", "groep 7, 12 uur",
])
def test_not_bsn_like(text: str) -> None:
    assert not holds_bsn(text)


def test_elfproef() -> None:
    assert elfproef("123456782") and elfproef("111222333") and not elfproef("123456789")


@pytest.mark.parametrize("text", [
    "geb. 12-03-2008", "1-3-2008", "12/3/2008", "12.03.2008", "2008-03-12", "12 maart 2008", "12 Maart 2008",
    "1 mrt. 2008", "1e september 2016", "vanaf 1-10-2016 wekelijks", "op 3 - 4 - 2017", "2008/3/12",
])
def test_full_dates(text: str) -> None:
    assert holds_date(text)


@pytest.mark.parametrize("text", [
    "vanaf oktober 2016 wekelijks", "maart 2008", "12 maart", "2016-10", "2016-2017", "overeenkomst 2016-017",
    "groep 1-2", "1,5 uur", "3 x 45 minuten in 2017", "schooljaar 2016-2017, 40 uur",
])
def test_no_full_date(text: str) -> None:
    assert not holds_date(text)


def test_check_text_names_the_field_and_why_without_repeating_the_data() -> None:
    with pytest.raises(InvalidInput) as bsn:
        check_text("Leerling, BSN 123456782", "Omschrijving", field="description")
    assert bsn.value.message.startswith("Omschrijving bevat iets dat op een BSN lijkt; leg geen leerlinggegevens "
                                        "vast (AVG)")
    assert "123456782" not in bsn.value.message and bsn.value.field == "description"
    assert "\n" not in bsn.value.message
    with pytest.raises(InvalidInput) as date:
        check_text("geb. 12-03-2008", "Reden", field="reason")
    assert date.value.message.startswith("Reden bevat een datum, mogelijk een geboortedatum; leg geen "
                                         "leerlinggegevens vast (AVG)")
    assert "12-03-2008" not in date.value.message


def test_check_text_trims_ordinary_text() -> None:
    assert check_text("  Coaching leerkracht groep 5, vanaf oktober 2016  ", "Omschrijving") == (
        "Coaching leerkracht groep 5, vanaf oktober 2016")


@pytest.mark.parametrize("code", ["2008-03-12", "12 maart 2008", "12-03-2010", "1/3/10", "12-34-56-782",
                                  "1234.56.782", "000000000"])
def test_pupil_code_refused(code: str) -> None:
    with pytest.raises(InvalidInput, match="^Leerlingcode bevat"):
        check_pupil_code(code)


@pytest.mark.parametrize("code", ["L-0042", "GR5-07", "123456789", "1234567890", ""])
def test_pupil_code_accepted(code: str) -> None:
    assert check_pupil_code(f" {code} ") == code


@pytest.mark.parametrize("text", [
    "BSN 123-45-6782", "123-45-6782", "123 45 6782", "12 34 56 782", "BSN-nummer 123456789", "bsn nr. 123456789",
    "BSN van leerling: 123456789",
])
def test_other_spellings_of_a_bsn_are_found(text: str) -> None:
    assert holds_bsn(text)


@pytest.mark.parametrize("text", ["geboren 1 oktober '16", "3 okt. '16", "geb. 1-10-'16", "1-10-’16"])
def test_a_date_with_a_short_year_is_a_full_date(text: str) -> None:
    assert holds_date(text)


@pytest.mark.parametrize("text", [
    "groep 7/8", "schooljaar 2016-2017", "10.00-12.00 uur", "9.00-10.30 en 11.00-12.00", "tel. 06-12345678",
    "020-1234567", "1234 AB Utrecht", "€ 1.234,56", "NL91ABNA0417164300", "overeenkomst 2016-017",
    "factuur 123456789", "2016-2017 12 keer", "vanaf oktober '16", "week 12 '16",
])
def test_ordinary_office_text_is_kept(text: str) -> None:
    assert not holds_bsn(text) and not holds_date(text)
