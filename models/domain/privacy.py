"""Privacy (AVG): free text holds no citizen number (BSN) and no full date such as a birth date.

One rule for every field where the secretariat or a provider types free text: an agreement's description,
a pupil code, the note of realised hours (also from an hour sheet), the reason of a reserve grant or of
reopening a month. Names of pupils cannot be told from other names, so they are left to the user (the form
says so); numbers and dates can be told, and are refused.

- A BSN-like number: nine digits, written together or in groups joined by single dots, spaces or dashes
  (123456782, 1234.56.782, 123 456 782, 123-45-6782), that pass the elfproef. Not every run of nine digits: invoice, order and
  customer numbers have nine digits too and only one in eleven passes the proof by chance, so refusing
  every run would refuse ordinary notes ("Factuur 123456789") to catch nothing more. A number written right
  after the word BSN (or burgerservicenummer, sofinummer) is refused whether it passes the proof or not:
  a mistyped BSN is still one.
- A full date: day, month and year (12-3-2008, 12-03-2008, 12/3/2008, 12.03.2008, 2008-03-12, 12 maart 2008,
  12 mrt. 2008, also with the year written short: 1-10-'16, 3 okt. '16). A legitimate date ("vanaf 1-10-2016 wekelijks") is refused as well: it cannot be told from a
  birth date, and month and year say enough ("vanaf oktober 2016"). A month without a day (maart 2008,
  2016-10) or a day without a year (12 maart) is no full date and is accepted. A year of two digits counts
  too (geb. 12-3-09).
- Text is judged as it reads: after Unicode normalisation (NFKC: full-width digits are digits) and without
  invisible format characters (a zero-width space between digits hides nothing); digits glued to letters
  count (nr111222333x). Characters that turn the reading direction around (U+202A-U+202E, U+2066-U+2069)
  are refused outright: they make a text show something else than it holds.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import InvalidInput

_BSN_WORD = r"(?:bsn|burgerservicenummer|burgerservice-nummer|sofinummer|sofi-nummer)(?:[- ]?(?:nummer|nr)\.?)?"
# Nine digits together, or in groups of two to four joined by a space, dot or dash (123456782, 1234.56.782,
# 123 456 782, 123-45-6782, 12 34 56 782), however many groups stand together; no digit directly before or after (a
# letter may be: nr111222333x). Which runs of groups hold nine digits and pass the proof is decided in find_bsn.
_NINE_DIGITS = re.compile(r"(?<![\d])(?:\d{9}|\d{2,4}(?:[ .-]\d{2,4})+)(?![\d])")
# After the word: a few words may come between ("BSN van de leerling: 123456789"), not another number.
_AFTER_BSN_WORD = re.compile(r"\b" + _BSN_WORD + r"[^\d\n]{0,25}?(\d[\d. -]{6,12}\d)", re.IGNORECASE)

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:1[89]\d\d|2\d\d\d)"
_SEP = r"\s?[-/.]\s?"
_MONTH_NAMES = (r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
                r"jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?")
_SHORT_YEAR = r"[\'’]\d\d"  # '08: a year written short is a full date too
_FULL_DATE = re.compile(
    rf"(?<![\d])(?:{_DAY}{_SEP}{_MONTH}{_SEP}(?:{_YEAR}|{_SHORT_YEAR})"  # 12-3-2008, 12/03/2008, 1-10-'16
    rf"|{_YEAR}{_SEP}{_MONTH}{_SEP}{_DAY}"  # 2008-03-12
    rf"|{_DAY}(?:e|ste|de)?\s+{_MONTH_NAMES}\s+(?:{_YEAR}|{_SHORT_YEAR}))(?![\d])",  # 12 maart 2008, 3 okt. '16
    re.IGNORECASE)
# A pupil code is short and has no reason to hold a date at all: a two-digit year counts there too.
_SHORT_DATE = re.compile(rf"(?<![\d]){_DAY}[-/.]{_MONTH}[-/.]\d{{2}}(?![\d])")

_WHY = "leg geen leerlinggegevens vast (AVG)"


def elfproef(digits: str) -> bool:
    """Whether nine digits pass the BSN check (9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11)."""
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0


def _group_runs(number: str) -> list[str]:
    """The digits of every run of up to four whole consecutive groups ('123 456 782 15': '123456782', '45678215',
    …), so a BSN beside other numbers ('123 456 782 15 uur', '10 20 123 456 782') is still found. Nine digits in
    groups of two to four are three or four groups; a longer run never holds nine, so a long row of numbers costs
    four runs a group, not its square."""
    groups = re.split(r"[ .-]", number)
    return ["".join(groups[i:j]) for i in range(len(groups)) for j in range(i + 1, i + 5)]


def find_bsn(text: str) -> tuple[int, int] | None:
    """Where the first BSN-like number stands (start, end), None when there is none."""
    for match in _NINE_DIGITS.finditer(text):
        if any(len(digits) == 9 and elfproef(digits) for digits in _group_runs(match.group())):
            return match.span()
    for m in _AFTER_BSN_WORD.finditer(text):
        if len(re.sub(r"\D", "", m.group(1))) in (8, 9):
            return m.span(1)
    return None


def find_date(text: str) -> tuple[int, int] | None:
    """Where the first full date stands (start, end), None when there is none."""
    match = _FULL_DATE.search(text) or _SHORT_DATE.search(text)
    return match.span() if match else None


def holds_bsn(text: str) -> bool:
    return find_bsn(text) is not None


def holds_date(text: str) -> bool:
    return find_date(text) is not None


BIDI_CONTROLS = frozenset(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))


def normalise(text: str) -> str:
    """The text as it reads: NFKC, without invisible format characters (zero-width spaces, joiners, soft
    hyphens)."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")


def check_text(text: str, what: str, *, field: str | None = None) -> str:
    """The text, trimmed; refused (InvalidInput naming `what`, e.g. 'Omschrijving') when it holds a
    BSN-like number or a full date (judged as it reads: `normalise`), or a character that turns the reading
    direction. The message never repeats what was found: it may be personal data."""
    text = text.strip()
    if not text:  # most notes: nothing to judge (an hour sheet asks this of every row)
        return text
    if BIDI_CONTROLS.intersection(text):
        raise InvalidInput(f"{what} bevat een onzichtbaar teken dat de leesrichting omdraait; typ de tekst "
                           "opnieuw in plaats van hem te plakken.", field=field)
    readable = normalise(text)
    if holds_bsn(readable):
        raise InvalidInput(f"{what} bevat iets dat op een BSN lijkt; {_WHY}: laat het nummer weg.", field=field)
    if holds_date(readable):
        raise InvalidInput(f"{what} bevat een datum, mogelijk een geboortedatum; {_WHY}: noem alleen maand en "
                           "jaar, bijvoorbeeld 'vanaf oktober 2016'.", field=field)
    return text


def check_pupil_code(value: str, *, field: str | None = "pupil_ref") -> str:
    """A pseudonymous code the school can resolve: the rule for free text, and stricter since a code is
    short: all its digits together may not make a BSN (12-34-56-782), nor may it hold a date with a
    two-digit year (1/3/10)."""
    digits = re.sub(r"\D", "", normalise(value))
    if len(digits) == 9 and elfproef(digits):
        raise InvalidInput(f"Leerlingcode bevat iets dat op een BSN lijkt; {_WHY}: vul alleen een code in die "
                           "de school zelf kan herleiden.", field=field)
    if _SHORT_DATE.search(normalise(value)):  # before the rule for free text: a code gets a code's advice
        raise InvalidInput(f"Leerlingcode bevat een datum, mogelijk een geboortedatum; {_WHY}: vul alleen een "
                           "code in die de school zelf kan herleiden.", field=field)
    return check_text(value, "Leerlingcode", field=field)


# Something@something.tld: enough to catch a typo without refusing real addresses.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def check_email(value: str, what: str, *, field: str | None = None) -> str:
    """An e-mail address (or nothing): name@domain.tld, no spaces; and no personal data in it."""
    value = check_text(value, what, field=field)
    if value and not EMAIL.match(value):
        raise InvalidInput(f"{what} is geen e-mailadres; schrijf het als naam@voorbeeld.nl.", field=field)
    return value


def check_line(value: str, what: str, *, field: str | None = None) -> str:
    """A name or another single line: the rule for free text, and no line breaks or control characters."""
    value = check_text(value, what, field=field)
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise InvalidInput(f"{what} bevat een regelovergang of een ander stuurteken; houd het op één regel.",
                           field=field)
    return value
