"""The privacy rule (AVG) for free text: no BSN-like number, no full date."""
from __future__ import annotations

from typing import Callable

import pytest

from models.domain.errors import InvalidInput
from models.domain.privacy import (
    check_email, check_line, check_pupil_code, check_text, elfproef, holds_bsn, holds_date,
)


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


# ---------------------------------------------------------------- every spelling the rule knows, one by one

@pytest.mark.parametrize("text", [
    "1234.56.782",  # dots, without the word BSN
    "123 456 782", "123-45-6782", "12 34 56 782", "12.3456.782",
    "(123456782)", "-123456782", "123456782a", "nr.123456782",
])
def test_nine_digits_that_pass_the_proof_without_the_word(text: str) -> None:
    assert holds_bsn(text)


@pytest.mark.parametrize("text", [
    "1234567820", "0123456782",  # ten digits
    "1 23 456 782", "12345 6782",  # groups of one or five digits are not how a BSN is written
    "1234.56.789",  # dots, but the proof fails
    "1234 5678 2", "1234 56782",  # groups of two to four digits only
])
def test_digit_runs_that_are_no_bsn(text: str) -> None:
    assert not holds_bsn(text)


def test_nine_digits_glued_to_letters_still_count() -> None:
    """'nr111222333x' or 'A123456782' hides a BSN behind letters (issue 12): glued digits count."""
    assert holds_bsn("A123456782") and holds_bsn("nr111222333x")


@pytest.mark.parametrize("word", [
    "BSN", "bsn", "burgerservicenummer", "Burgerservice-nummer", "sofinummer", "sofi-nummer", "BSN-nummer",
    "BSN nummer", "bsnnummer", "BSN-nr", "BSN nr.", "bsnnr",
])
def test_a_number_after_any_spelling_of_the_word_is_refused_even_when_the_proof_fails(word: str) -> None:
    assert holds_bsn(f"{word} 123456789")
    assert holds_bsn(f"{word}: 12345678")  # eight digits: an old sofinummer, or one digit missing


@pytest.mark.parametrize("text", [
    "BSN 1234567",  # seven digits
    "BSN 1234567890",  # ten digits
    "xbsn 123456789",  # no word of its own
    "BSN\n123456789",  # on the next line
    "sofie 123456789",
    "BSN onbekend, 2 x factuur 123456789",  # another number stands between
])
def test_after_the_word_only_eight_or_nine_digits_on_the_same_line(text: str) -> None:
    assert not holds_bsn(text)


def test_a_few_words_may_stand_between_the_word_and_the_number() -> None:
    between = " van leerling op school: "  # 25 characters
    assert len(between) == 25
    assert holds_bsn(f"BSN{between}123456789")
    assert not holds_bsn(f"BSN {between}123456789")  # 26: too far to belong to the word
    assert holds_bsn(f"BSN-nummer{between}123456789")  # counted after 'nummer'
    assert holds_bsn(f"BSN-nr.{between}123456789")
    assert holds_bsn(f"sofi-nummer{between}12345678")
    assert holds_bsn(f"BSN nummer{between}123456789")
    assert holds_bsn(f"bsnnummer{between}123456789")
    assert holds_bsn(f"BSN nr{between}123456789")
    assert holds_bsn("BSN123456789")  # nothing between


@pytest.mark.parametrize("number", ["12345678", "1234.56.78", "12-34-56-78", "12 34 56 78", "123.456.789"])
def test_after_the_word_the_digits_count_through_dots_dashes_and_spaces(number: str) -> None:
    assert holds_bsn(f"BSN {number}")


def test_a_bsn_followed_by_another_group_of_digits() -> None:
    assert holds_bsn("12 34 56 782 12 uur")


@pytest.mark.parametrize("day", ["1", "01", "9", "09", "10", "19", "20", "25", "29", "30", "31"])
@pytest.mark.parametrize("month", ["1", "01", "9", "09", "10", "11", "12"])
def test_every_day_and_month_number(day: str, month: str) -> None:
    assert holds_date(f"geb. {day}-{month}-2008")


@pytest.mark.parametrize("text", ["0-3-2008", "00-3-2008", "32-3-2008", "40-3-2008", "1-0-2008", "1-00-2008",
                                  "1-13-2008", "1-20-2008", "2008-13-01", "2008-12-32", "2008-00-12"])
def test_no_such_day_or_month(text: str) -> None:
    assert not holds_date(text)


@pytest.mark.parametrize("year", ["1800", "1899", "1900", "1999", "2000", "2008", "2019", "2020", "2024", "2999"])
def test_every_year_from_1800(year: str) -> None:
    assert holds_date(f"1-3-{year}")
    assert holds_date(f"{year}-03-01")
    assert holds_date(f"1 maart {year}")


@pytest.mark.parametrize("year", ["1799", "1700", "3000", "0999", "208"])
def test_no_such_year(year: str) -> None:
    assert not holds_date(f"1-3-{year}")
    assert not holds_date(f"{year}-03-01")
    assert not holds_date(f"1 maart {year}")


@pytest.mark.parametrize("sep", ["-", "/", ".", " - ", " / ", " .", ". "])
def test_every_separator(sep: str) -> None:
    assert holds_date(f"12{sep}3{sep}2008")
    assert holds_date(f"2008{sep}3{sep}12")


@pytest.mark.parametrize("name", [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december", "jan", "feb", "febr", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov",
    "dec", "jan.", "febr.", "sept.", "dec.", "DECEMBER",
])
def test_every_month_name(name: str) -> None:
    assert holds_date(f"3 {name} 2008")
    assert holds_date(f"3 {name} '08")
    assert holds_date(f"31 {name} 2020")


@pytest.mark.parametrize("text", ["1e mei 2009", "1ste mei 2009", "2de juni 2009", "3  juli  2009",
                                  "3 juli ’09", "1-10-'16", "1/10/’16", "1.10.'16"])
def test_ordinals_and_short_years(text: str) -> None:
    assert holds_date(text)


@pytest.mark.parametrize("text", [
    "112-3-2008", "12-3-20081", "2008-03-121", "12008-03-12",  # digits right before or after
    "3 maart 08", "3 maand 2008", "3 mei", "3rd mei 2009",  # no year, or no month name
])
def test_a_date_needs_its_own_digits_and_a_year(text: str) -> None:
    assert not holds_date(text)


def test_a_pupil_code_whose_digits_together_make_a_bsn() -> None:
    for code in ("1-2-3-4-5-6-7-8-2", "L1234X56782"):
        assert not holds_bsn(code)  # as free text it passes...
        with pytest.raises(InvalidInput) as refused:
            check_pupil_code(code)
        assert refused.value.message == (  # ...but a code holds nothing else, so its digits count together
            "Leerlingcode bevat iets dat op een BSN lijkt; leg geen leerlinggegevens vast (AVG): vul alleen een "
            "code in die de school zelf kan herleiden.")
        assert refused.value.field == "pupil_ref"
    assert check_pupil_code("L1234X56789") == "L1234X56789"  # the proof fails: an ordinary code
    assert check_pupil_code("L1234X567820") == "L1234X567820"  # ten digits


@pytest.mark.parametrize("code", ["1-3-10", "1/3/10", "1.3.10", "12.03.10", "31-12-99", "L 1.3.10"])
def test_a_pupil_code_with_a_short_date(code: str) -> None:
    assert holds_date(code)  # a short date such as 'geb. 12-3-09' is a date in any text (issue 12)
    with pytest.raises(InvalidInput) as refused:
        check_pupil_code(code, field="code")
    assert refused.value.message == (
        "Leerlingcode bevat een datum, mogelijk een geboortedatum; leg geen leerlinggegevens vast (AVG): vul "
        "alleen een code in die de school zelf kan herleiden.")
    assert refused.value.field == "code"


@pytest.mark.parametrize("code", ["41-3-10", "1-3-105", "1-13-10", "32-1-10", "1-3-1", "GR5-07"])
def test_a_pupil_code_with_numbers_that_are_no_short_date(code: str) -> None:
    assert check_pupil_code(code) == code


def test_check_text_refusals_name_their_field() -> None:
    for text in ("BSN 123456782", "12-3-2008"):
        with pytest.raises(InvalidInput) as refused:
            check_text(text, "Opmerking", field="note")
        assert refused.value.field == "note"
        with pytest.raises(InvalidInput) as refused:
            check_text(text, "Opmerking")
        assert refused.value.field is None
    with pytest.raises(InvalidInput) as refused:
        check_text("12-3-2008", "Opmerking")
    assert refused.value.message == (
        "Opmerking bevat een datum, mogelijk een geboortedatum; leg geen leerlinggegevens vast (AVG): noem alleen "
        "maand en jaar, bijvoorbeeld 'vanaf oktober 2016'.")
    with pytest.raises(InvalidInput) as refused:
        check_text(" BSN 123456782 ", "Opmerking")
    assert refused.value.message == ("Opmerking bevat iets dat op een BSN lijkt; leg geen leerlinggegevens vast "
                                     "(AVG): laat het nummer weg.")


@pytest.mark.parametrize(("digits", "passes"), [
    ("123456782", True), ("111222333", True), ("000000000", True), ("100000009", True), ("010000008", True),
    ("001000007", True), ("000100006", True), ("000010005", True), ("000001004", True), ("000000103", True),
    ("000000012", True), ("123456789", False), ("100000000", False), ("000000001", False), ("123456783", False),
])
def test_elfproef_weighs_every_digit(digits: str, passes: bool) -> None:
    assert elfproef(digits) is passes


def test_a_pupil_code_refused_as_free_text_names_its_field() -> None:
    for code in ("BSN 123456782", "12-03-2008"):
        with pytest.raises(InvalidInput) as refused:
            check_pupil_code(code, field="code")
        assert refused.value.field == "code"
        with pytest.raises(InvalidInput) as refused:
            check_pupil_code(code)
        assert refused.value.field == "pupil_ref"


@pytest.mark.parametrize("text", ["123 456 782 15 uur", "15 123 456 782", "op 123-45-6782 12 uur",
                                  "10 20 123 456 782", "12 34 56 782", " ".join(["10"] * 40) + " 123 456 782"])
def test_a_bsn_in_groups_beside_another_number_is_found(text: str) -> None:
    """The groups of a BSN followed or preceded by another number: the BSN is still seen."""
    assert holds_bsn(text)


@pytest.mark.parametrize("text", ["06 12 34 56 78", "2016 2017 18 uur", "12 34 56 78 90"])
def test_phone_numbers_and_years_in_groups_are_no_bsn(text: str) -> None:
    assert not holds_bsn(text)


DIRECTION = "bevat een onzichtbaar teken dat de leesrichting omdraait; typ de tekst opnieuw in plaats van hem te plakken."


@pytest.mark.parametrize("text", ["Sint \u202aJozef", "Sint \u202eJozef", "De \u2066Regenboog", "De Regenboog\u2069"])
def test_a_character_that_turns_the_reading_direction_is_refused_naming_its_field(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_text(text, "Naam", field="name")
    assert (refused.value.message, refused.value.field) == (f"Naam {DIRECTION}", "name")


@pytest.mark.parametrize("text", ["Sint\u2029Jozef", "Sint\u202fJozef", "De\u2065Regenboog", "De\u206aRegenboog"])
def test_characters_beside_the_direction_controls_are_no_direction_control(text: str) -> None:
    assert check_text(text, "Naam") == text


@pytest.mark.parametrize("text", ["111\u200b222\u200b333", "1234\u00ad56782", "\u2060123456782", "12-03\u200d-2008"])
def test_invisible_format_characters_hide_no_bsn_or_date(text: str) -> None:
    """A zero-width space, word joiner or soft hyphen between the digits: the text reads as the number."""
    with pytest.raises(InvalidInput):
        check_text(text, "Opmerking")


def test_full_width_digits_are_digits() -> None:
    with pytest.raises(InvalidInput, match="BSN"):
        check_text("\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff12", "Opmerking")


@pytest.mark.parametrize(("value", "kept"), [(" jan@kameleon.nl ", "jan@kameleon.nl"), ("", ""),
                                             ("a.b@c.school.nl", "a.b@c.school.nl")])
def test_an_email_address_is_kept_trimmed(value: str, kept: str) -> None:
    assert check_email(value, "E-mailadres") == kept


@pytest.mark.parametrize("value", ["jan", "jan@kameleon", "jan kameleon@x.nl", "jan@@x.nl", "jan@x.nl.",
                                   "jan@kame leon.nl", "jan@kameleon.n l", "jan@kameleon.n@l"])
def test_what_is_no_email_address_is_refused_naming_its_field(value: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_email(value, "E-mailadres", field="email")
    assert (refused.value.message, refused.value.field) == (
        "E-mailadres is geen e-mailadres; schrijf het als naam@voorbeeld.nl.", "email")


@pytest.mark.parametrize("check", [check_email, check_line])
def test_an_email_address_or_a_line_passes_the_rule_for_free_text(check: Callable[..., str]) -> None:
    with pytest.raises(InvalidInput) as refused:
        check("leerling-12-03-2008@kameleon.nl", "Contact", field="contact")
    assert refused.value.field == "contact"
    assert refused.value.message.startswith("Contact bevat een datum, mogelijk een geboortedatum;")


@pytest.mark.parametrize("value", ["Kameleon\nZuid", "Kameleon\rZuid", "Kame\tleon", "Kameleon\x00", "Kameleon\x7f"])
def test_a_line_holds_no_line_break_or_control_character(value: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_line(value, "Naam", field="name")
    assert (refused.value.message, refused.value.field) == (
        "Naam bevat een regelovergang of een ander stuurteken; houd het op één regel.", "name")


def test_a_line_is_kept_trimmed() -> None:
    assert check_line("  Stichting Kameleon (Zuid) ", "Naam") == "Stichting Kameleon (Zuid)"
