"""Distribution of a provider's available hours over the boards (DOMAIN.md points 1-4).

Keys are hundredths of a percent (26 % = 2600, 31,5 % = 3150); hours are whole
hours here, because the published table is in whole hours.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from .errors import InvalidInput
from .rounding import div_half_up, round_half_up

FULL = 100 * 100  # 100 % in hundredths


class Rounding(enum.StrEnum):
    PER_CELL = "per cel"
    LARGEST_REMAINDER = "grootste rest"

    @property
    def label(self) -> str:
        return "half naar boven per cel" if self is Rounding.PER_CELL else "grootste rest (kolom sluit)"


def available_hours(contract_hours: int, reserve_hours: int) -> int:
    if not 0 <= reserve_hours <= contract_hours:
        raise InvalidInput(
            f"De reserve ({reserve_hours}) moet tussen 0 en de contracturen ({contract_hours}) liggen."
        )
    return contract_hours - reserve_hours


def check_keys_total(keys: Sequence[int]) -> None:
    total = sum(keys)
    if total != FULL:
        from .units import format_hundredths

        raise InvalidInput(
            f"De verdeling telt op tot {format_hundredths(total)} %, niet tot 100 %; pas de percentages aan."
        )


def yearly_hours(available: int, keys: Sequence[int], rounding: Rounding = Rounding.PER_CELL) -> list[int]:
    """Each board's yearly hours at one provider.

    Per cell: available x key, half up (reproduces the published table).
    Largest remainder: floors, then the hours left one each to the largest
    remainders (ties: the larger key first, then the order of the boards), so
    the column adds up to `available` exactly.
    """
    if rounding is Rounding.PER_CELL:
        return [div_half_up(available * key, FULL) for key in keys]
    exact = [Fraction(available * key, FULL) for key in keys]
    result = [int(share) for share in exact]  # floor: shares are non-negative
    left = available - sum(result)
    order = sorted(range(len(keys)), key=lambda i: (-(exact[i] - result[i]), -keys[i], i))
    for i in order[: max(left, 0)]:
        result[i] += 1
    return result


def average_per_month(yearly: int, month_count: int) -> int:
    """The published 'per maand' figure: yearly / months, half up (191 / 11 -> 17)."""
    return div_half_up(yearly, month_count)


def split_over_months(total: int, month_count: int) -> list[int]:
    """Spread `total` units over the months: the whole part each, one more to the earliest months."""
    if month_count <= 0:
        raise InvalidInput("Een schooljaar heeft minstens één budgetmaand.")
    base, extra = divmod(total, month_count)
    return [base + (1 if i < extra else 0) for i in range(month_count)]


@dataclass(frozen=True)
class KeyInput:
    pupil_share: int  # hundredths of a percent
    minimum: int | None = None  # hundredths of a percent


def exact_suggestion(boards: Sequence[KeyInput]) -> list[Fraction]:
    """Minimums first, the rest of 100 by pupil share, repeated until no board falls below its minimum."""
    fixed: set[int] = set()
    while True:
        rest = Fraction(FULL - sum(boards[i].minimum or 0 for i in fixed))
        free = [i for i in range(len(boards)) if i not in fixed]
        pupils = sum(boards[i].pupil_share for i in free)
        if rest <= 0 or not free or pupils == 0:
            raise InvalidInput(
                "Geen voorstel voor de verdeling mogelijk: de minimums laten niets over om naar "
                "leerlingaantal te verdelen. Vul de verdeling zelf in of verlaag de minimums."
            )
        shares = {i: rest * boards[i].pupil_share / pupils for i in free}
        below = {i for i in free if (minimum := boards[i].minimum) is not None and shares[i] < minimum}
        if not below:
            return [Fraction(b.minimum or 0) if i in fixed else shares[i] for i, b in enumerate(boards)]
        fixed |= below


def suggest_keys(boards: Sequence[KeyInput]) -> list[int]:
    """The suggested key in whole percents (as hundredths), by largest remainder, never below a minimum."""
    if sum(b.minimum or 0 for b in boards) > FULL:
        raise InvalidInput("De minimums tellen op tot meer dan 100 %; verlaag ze.")
    exact = [share / 100 for share in exact_suggestion(boards)]  # in whole percents
    result = [int(share) for share in exact]
    for i, b in enumerate(boards):
        if b.minimum is not None and result[i] * 100 < b.minimum:
            result[i] += 1  # never round a board below its minimum
    left = 100 - sum(result)
    if left < 0:  # the minimums, rounded up to whole percents, leave too little for the others
        raise InvalidInput(
            "Geen voorstel voor de verdeling in hele procenten mogelijk: de minimums, naar boven afgerond, "
            "laten te weinig over. Vul de verdeling zelf in of pas de minimums aan."
        )
    order = sorted(
        range(len(boards)),
        key=lambda i: (-(exact[i] - int(exact[i])), -exact[i], i),
    )
    for i in [i for i in order if result[i] == int(exact[i])][: max(left, 0)]:
        result[i] += 1
    return [r * 100 for r in result]


def column_gap(available: int, yearly: Sequence[int]) -> int:
    """Hours handed out minus hours available: +1 means one hour too many (737 of 736)."""
    return sum(yearly) - available


__all__ = [
    "Rounding", "KeyInput", "available_hours", "check_keys_total", "yearly_hours",
    "average_per_month", "split_over_months", "exact_suggestion", "suggest_keys",
    "column_gap", "round_half_up",
]
