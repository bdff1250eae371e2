"""The month budgets of a year as one grid: board x provider by month, with the even spread beside them.

The Verdeling screen reads this to show where an afwijkende afspraak changed a month and
whether each pair's months still add up to its yearly hours.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..domain.budget import default_month_budgets
from ..domain.months import Month
from ..domain.units import MINUTES_PER_HOUR
from . import lookup
from .reporting import allocation_of, budget_warnings, closed_months, pair_budgets


@dataclass(frozen=True)
class PairMonths:
    """One board at one provider: its month budgets in the year's month order (minutes)."""

    board: str
    provider: str
    yearly_minutes: int
    budgets: tuple[int, ...]
    spread: tuple[int, ...]  # the even spread, remainder to the earliest months
    notes: tuple[str, ...]  # the note of each month set by hand; "" for the even spread

    @property
    def total(self) -> int:
        return sum(self.budgets)

    @property
    def gap(self) -> int:
        """Month budgets minus yearly hours: 0 when they add up."""
        return self.total - self.yearly_minutes

    @property
    def adjusted(self) -> tuple[int, ...]:
        """Positions of the months set by hand."""
        return tuple(i for i, note in enumerate(self.notes) if note)


@dataclass(frozen=True)
class BudgetGrid:
    year: str
    months: tuple[Month, ...]
    closed: frozenset[Month]
    pairs: tuple[PairMonths, ...]
    warnings: tuple[str, ...]  # the pairs whose months no longer add up, in words

    def pair(self, board: str, provider: str) -> PairMonths | None:
        return next((p for p in self.pairs if (p.board, p.provider) == (board, provider)), None)


def budget_grid(session: Session, label: str) -> BudgetGrid:
    year = lookup.year(session, label)
    alloc = allocation_of(session, year)
    budgets = pair_budgets(session, year, alloc)
    months = alloc.months
    pairs = []
    for cell in alloc.cells:
        pair = budgets[(cell.board_id, cell.provider_id)]
        spread = default_month_budgets(cell.yearly_hours, list(months))
        pairs.append(PairMonths(
            cell.board, cell.provider, cell.yearly_hours * MINUTES_PER_HOUR,
            tuple(pair.months[m] for m in months), tuple(spread[m] for m in months),
            tuple(pair.notes.get(m, "") for m in months)))
    return BudgetGrid(alloc.year, months, frozenset(closed_months(session, year.id)), tuple(pairs),
                      tuple(budget_warnings(session, label)))
