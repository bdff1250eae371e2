"""What is left of a board's hours at a provider and how much of it agreements still promise (DOMAIN.md
point 12). Warnings only: nothing here ever blocks a booking."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .agreements import Status
from .budget import MonthUse
from .months import Month

# Agreements that still promise hours: not yet done, not withdrawn.
PROMISING = frozenset({Status.REPORTED, Status.REGISTERED, Status.CONFIRMED})


@dataclass(frozen=True)
class Promise:
    """One agreement as the forecast sees it (minutes)."""

    status: Status
    last_month: Month
    agreed: int
    used: int


@dataclass(frozen=True)
class Forecast:
    """From the running month to the end of the year, in minutes."""

    lapses_this_month: int  # what lapses at the end of the running month: max(0, budget + reserve - used)
    left: int  # R: what the open months from the running month on can still take
    committed: int  # A: what promising agreements that run until the running month or later still promise

    @property
    def not_committed(self) -> int:
        """Hours that lapse unless the board makes new agreements (nog niet belegd)."""
        return max(0, self.left - self.committed)

    @property
    def over_committed(self) -> int:
        """Agreements promise more than the budgets can take (overbelegd)."""
        return max(0, self.committed - self.left)


def forecast(months: Iterable[tuple[MonthUse, bool]], promises: Iterable[Promise], running: Month) -> Forecast:
    """The forecast of one board at one provider; `months` are the year's budget months with whether each is
    closed. A running month outside the year has no budget of its own, so nothing lapses in it; before the year
    every month counts, after it none."""
    lapses = left = 0
    for use, closed in months:
        if use.month == running:
            lapses = use.left  # also for a closed month: its unused hours lapse, as `budgets` shows
        if use.month >= running and not closed:
            left += use.left
    committed = sum(max(0, p.agreed - p.used) for p in promises
                    if p.status in PROMISING and p.last_month >= running)
    return Forecast(lapses, left, committed)
