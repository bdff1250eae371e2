"""Exact money: euros as integer cents. Parsing accepts what a Dutch user types; formatting writes Dutch."""
from __future__ import annotations

import re
from decimal import Decimal

from .errors import InvalidInput, quoted
from .units import format_count

# 28000 / 28000,5 / 28000,50 / 28.000 / 28.000,50 (a dot only as a thousands separator in groups of three)
_PLAIN = re.compile(r"^(\d+)(?:,(\d{1,2}))?$", re.ASCII)
_GROUPED = re.compile(r"^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$", re.ASCII)
_DOT_DECIMAL = re.compile(r"^(\d+)\.(\d{1,2})$", re.ASCII)
MAX_CENTS = 100_000_000 * 100  # € 100 miljoen: far above any budget; keeps sums within the database's integers


def parse_euros(value: object, *, what: str = "Bedrag", allow_zero: bool = False) -> int:
    """An amount as typed ('28.000', '28000,50', '€ 1.250,-') or read from a cell -> whole cents."""
    if isinstance(value, bool):
        raise InvalidInput(f"{what}: {quoted(value)} is geen bedrag.")
    if isinstance(value, int):
        cents = value * 100
    elif isinstance(value, (float, Decimal)):
        dec = Decimal(repr(value)) if isinstance(value, float) else value
        if not dec.is_finite():
            raise InvalidInput(f"{what}: {quoted(value)} is geen bedrag.")
        scaled = dec * 100
        if scaled != scaled.to_integral_value():
            raise InvalidInput(f"{what}: {quoted(value)} heeft meer dan twee decimalen (hele centen).")
        cents = int(scaled)
    else:
        text = str(value).strip().removeprefix("€").strip().replace(" ", "")
        if text.endswith(",-"):
            text = text[:-2]
        match = _PLAIN.match(text) or _GROUPED.match(text) or _DOT_DECIMAL.match(text)
        if not match:
            if text.startswith("-"):
                raise InvalidInput(f"{what}: {quoted(value)} is negatief; geef een bedrag van 0 of meer.")
            raise InvalidInput(
                f"{what}: {quoted(value)} is geen bedrag; schrijf bijvoorbeeld 28.000 of 1250,50.")
        whole, frac = match.groups()
        if len(whole.replace(".", "").lstrip("0")) > 15:  # far above MAX_CENTS, far below what int() refuses
            raise InvalidInput(f"{what}: {quoted(value)} is meer dan het maximum van {format_euros(MAX_CENTS)}; "
                               "controleer het bedrag.")
        cents = int(whole.replace(".", "")) * 100 + int((frac or "").ljust(2, "0"))
    if cents < 0:
        raise InvalidInput(f"{what}: {quoted(value)} is negatief; geef een bedrag van 0 of meer.")
    if cents == 0 and not allow_zero:
        raise InvalidInput(f"{what}: geef een bedrag boven € 0,00.")
    if cents > MAX_CENTS:
        raise InvalidInput(f"{what}: {format_euros(cents)} is meer dan het maximum van {format_euros(MAX_CENTS)}; "
                           "controleer het bedrag.")
    return cents


def format_euros(cents: int, *, symbol: bool = True) -> str:
    """2800000 -> '€ 28.000,00'; -150 -> '€ -1,50'; without symbol '28.000,00'."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    text = f"{sign}{format_count(whole)},{frac:02d}"
    return f"€ {text}" if symbol else text
