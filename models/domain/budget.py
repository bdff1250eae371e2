"""Month budgets without carry-over (DOMAIN.md points 4-6)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .allocation import split_over_months
from .errors import BudgetExceeded, Conflict
from .months import Month
from .units import MINUTES_PER_HOUR, format_hours
from .usage import Usage, usage


def default_month_budgets(yearly_hours: int, months: Sequence[Month]) -> dict[Month, int]:
    """Yearly whole hours spread over the budget months, in minutes; adds up exactly."""
    parts = split_over_months(yearly_hours, len(months))
    return {month: part * MINUTES_PER_HOUR for month, part in zip(months, parts)}


def month_left(budget: int, reserve: int, used: int) -> int:
    """What is left of a month: budget + reserve granted - used, never below 0 (the rule on plain minutes, for
    reports that sum a decade's 165,000 months; MonthUse applies it to one)."""
    left = budget + reserve - used
    return left if left > 0 else 0


@dataclass(frozen=True)
class MonthUse:
    """What one board may use and has used at one provider in one month (minutes)."""

    month: Month
    budget: int
    reserve: int
    used: int

    @property
    def limit(self) -> int:
        return self.budget + self.reserve

    @property
    def left(self) -> int:
        return month_left(self.budget, self.reserve, self.used)

    @property
    def usage(self) -> Usage:
        return usage(self.used, self.limit)

    def lapsed(self, *, ended_or_closed: bool) -> int:
        """Unused hours that lapse: only once the month has ended or is closed."""
        return self.left if ended_or_closed else 0


def check_month(use: MonthUse, requested: int) -> None:
    """Refuse hours that would take the month over budget + reserve granted."""
    if use.used + requested > use.limit:
        raise BudgetExceeded(use.month.label, use.budget, use.reserve, use.used, requested)


def check_reserve_grant(provider_reserve: int, granted_so_far: int, requested: int, provider: str) -> None:
    """Grants of a year never exceed the provider's reserve."""
    if granted_so_far + requested > provider_reserve:
        left = max(provider_reserve - granted_so_far, 0)
        raise Conflict(
            f"De reserve van {provider} is niet toereikend: reserve {format_hours(provider_reserve)}, "
            f"al toegekend {format_hours(granted_so_far)}, nog {format_hours(left)} over, "
            f"gevraagd {format_hours(requested)}.",
            field="hours",
        )


def check_budget_covers_use(use: MonthUse, new_budget: int) -> None:
    """A month budget set by hand may not fall below what is already used in that month, less reserve
    granted: used hours never exceed budget + reserve."""
    if new_budget + use.reserve < use.used:
        lowest = use.used - use.reserve
        reserve = f" en {format_hours(use.reserve)} uur reserve toegekend" if use.reserve else ""
        raise Conflict(
            f"Het budget van {use.month.label} kan niet lager dan {format_hours(lowest)} uur: er is al "
            f"{format_hours(use.used)} uur gebruikt{reserve}.",
            field="hours",
        )


def budgets_gap(yearly_minutes: int, month_budgets: Sequence[int]) -> int:
    """Month budgets minus yearly hours; non-zero after an afwijkende afspraak that does not add up."""
    return sum(month_budgets) - yearly_minutes
