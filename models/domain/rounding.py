"""Integer rounding, half up (never banker's rounding)."""
from __future__ import annotations

from fractions import Fraction


def div_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, halves away from zero."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((2 * -numerator + denominator) // (2 * denominator))


def percent_of(part: int, whole: int) -> int | None:
    """part / whole as a whole percentage, half up (benutting); None when there is nothing to divide by."""
    return None if whole <= 0 else div_half_up(100 * part, whole)


def round_half_up(value: Fraction) -> int:
    return div_half_up(value.numerator, value.denominator)
