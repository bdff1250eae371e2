"""Exact quantities: hours as integer minutes, percentages as integer hundredths.

Parsing accepts what a Dutch user types (`12,5` or `12.5`); formatting writes
Dutch (`1.177`, `17,25`). No floats take part in any figure.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .errors import InvalidInput, quoted
from .rounding import div_half_up

MINUTES_PER_HOUR = 60
MAX_HOURS = 1_000_000  # far above any contract; keeps every sum of minutes within the database's integers
_MAX_DIGITS = 15  # far above MAX_HOURS, far below what int() refuses to read
_NUMBER = re.compile(r"^(\d+)(?:[.,](\d{1,2}))?$", re.ASCII)  # ASCII digits only


def _hundredths(value: object, what: str) -> int:
    """A non-negative number with at most two decimals, as an integer count of hundredths."""
    if isinstance(value, bool):
        raise InvalidInput(f"{what}: {quoted(value)} is geen getal.")
    if isinstance(value, int):
        if value < 0:
            raise InvalidInput(f"{what}: {value} is negatief; geef een getal van 0 of meer.")
        return value * 100
    if isinstance(value, (float, Decimal)):
        # A number cell of a workbook: take its shortest decimal spelling.
        try:
            dec = Decimal(repr(value)) if isinstance(value, float) else value
        except InvalidOperation:  # pragma: no cover - repr of a float is always a decimal
            raise InvalidInput(f"{what}: {quoted(value)} is geen getal.") from None  # pragma: no mutate (unreachable)
        if not dec.is_finite() or dec < 0:
            raise InvalidInput(f"{what}: {quoted(value)} is geen getal van 0 of meer.")
        scaled = dec * 100
        if scaled != scaled.to_integral_value():
            raise InvalidInput(f"{what}: {quoted(_dutch_decimal(dec))} heeft meer dan twee decimalen.")
        return int(scaled)
    text = str(value).strip()
    match = _NUMBER.match(text)
    if not match:
        if re.match(r"^-\s*\d", text):
            raise InvalidInput(f"{what}: {quoted(text)} is negatief; geef een getal van 0 of meer.")
        if re.match(r"^\d+[.,]\d{3,}$", text):
            raise InvalidInput(f"{what}: {quoted(text)} heeft meer dan twee decimalen.")
        raise InvalidInput(
            f"{what}: {quoted(text)} is geen getal; schrijf bijvoorbeeld 12,5 (zonder duizendtalscheiding)."
        )
    whole, frac = match.groups()
    if len(whole.lstrip("0")) > _MAX_DIGITS:  # thousands of digits: refused before Python even reads them
        raise InvalidInput(f"{what}: {quoted(text)} is meer dan het maximum van "
                           f"{format_hundredths(MAX_HOURS * 100, thousands=True)} uur; controleer het getal.")
    return int(whole) * 100 + int((frac or "").ljust(2, "0"))


def _dutch_decimal(dec: Decimal) -> str:
    return format(dec.normalize(), "f").replace(".", ",")


def _bounded(hundredths: int, what: str) -> int:
    if hundredths > MAX_HOURS * 100:
        raise InvalidInput(f"{what}: {format_hundredths(hundredths, thousands=True)} uur is meer dan het maximum "
                           f"van {format_hundredths(MAX_HOURS * 100, thousands=True)} uur; controleer het getal.")
    return hundredths


def parse_hours(value: object, *, what: str = "Uren", allow_zero: bool = False) -> int:
    """Hours as typed or read from a cell -> whole minutes; refuses what is not whole minutes."""
    hundredths = _bounded(_hundredths(value, what), what)
    if hundredths == 0 and not allow_zero:
        raise InvalidInput(f"{what}: geef een aantal uren boven 0.")
    if (hundredths * MINUTES_PER_HOUR) % 100:
        raise InvalidInput(
            f"{what}: {quoted(format_hundredths(hundredths))} uur is geen heel aantal minuten; "
            "gebruik bijvoorbeeld 0,25 of 0,1."
        )
    return hundredths * MINUTES_PER_HOUR // 100


def parse_whole_hours(value: object, *, what: str) -> int:
    """Whole hours (contract hours, reserve) -> minutes."""
    hundredths = _bounded(_hundredths(value, what), what)
    if hundredths % 100:
        raise InvalidInput(f"{what}: {quoted(format_hundredths(hundredths))} is geen heel aantal uren.")
    return hundredths // 100 * MINUTES_PER_HOUR


def parse_percent(value: object, *, what: str = "Percentage") -> int:
    """A percentage such as `31,5` -> hundredths of a percent (3150)."""
    hundredths = _hundredths(value, what)
    if hundredths > 100 * 100:
        raise InvalidInput(f"{what}: {format_hundredths(hundredths)} is meer dan 100 %.")
    return hundredths


def format_hundredths(hundredths: int, *, thousands: bool = False) -> str:
    """3150 -> '31,5'; 117700 -> '1177' (or '1.177' with thousands)."""
    sign = "-" if hundredths < 0 else ""
    whole, frac = divmod(abs(hundredths), 100)
    whole_text = format_count(whole) if thousands else str(whole)
    if frac:
        return f"{sign}{whole_text},{frac:02d}".rstrip("0")
    return f"{sign}{whole_text}"


def format_count(count: int) -> str:
    """A whole count in Dutch, with a dot between thousands: 131000 -> '131.000' (characters, rows)."""
    return f"{count:,}".replace(",", ".")


def minutes_to_hundredths(minutes: int) -> int:
    """Minutes as hundredths of an hour, half up where a minute count has no exact two-decimal form."""
    sign = -1 if minutes < 0 else 1
    return sign * div_half_up(abs(minutes) * 100, MINUTES_PER_HOUR)


def format_hours(minutes: int, *, thousands: bool = False) -> str:
    """Minutes as Dutch hours: 1035 -> '17,25'; 70620 -> '1.177' with thousands."""
    return format_hundredths(minutes_to_hundredths(minutes), thousands=thousands)


def format_percent(hundredths: int) -> str:
    return format_hundredths(hundredths)


def hours(h: int) -> int:
    """Whole hours as minutes (for readability in code and tests)."""
    return h * MINUTES_PER_HOUR
