"""Afwijkende afspraken: a month's budget set by hand, with a note."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..domain.budget import check_budget_covers_use, default_month_budgets
from ..domain.errors import InvalidInput
from ..domain.months import Month
from ..domain.privacy import check_text
from ..domain.units import MINUTES_PER_HOUR
from ..orm import BudgetAdjustment
from . import lookup
from .months import check_open
from .reporting import month_use, pair_budgets


@dataclass(frozen=True)
class MonthBudgetInput:
    year: str
    board: str
    provider: str
    month: Month
    minutes: int
    note: str


def set_month_budget(session: Session, cmd: MonthBudgetInput) -> None:
    """Set one month's budget by hand; the note says what was agreed. The months may then no longer
    add up to the yearly hours: reporting.budget_warnings shows that."""
    year = lookup.year(session, cmd.year)
    board_id = lookup.year_board(session, year, cmd.board).board_id
    provider_id = lookup.year_provider(session, year, cmd.provider).provider_id
    month = lookup.month_of_year(year, cmd.month)
    if cmd.minutes < 0:
        raise InvalidInput("Een maandbudget kan niet negatief zijn.", field="hours")
    if not check_text(cmd.note, "Notitie", field="note"):
        raise InvalidInput("Leg in een notitie vast wat er is afgesproken.", field="note")
    check_open(session, year, month)
    check_budget_covers_use(month_use(session, year, board_id, provider_id, month), cmd.minutes)
    row = session.scalar(select(BudgetAdjustment).where(
        BudgetAdjustment.year_id == year.id, BudgetAdjustment.board_id == board_id,
        BudgetAdjustment.provider_id == provider_id, BudgetAdjustment.month == str(month)))
    if row is None:
        row = BudgetAdjustment(year_id=year.id, board_id=board_id, provider_id=provider_id, month=str(month))
        session.add(row)
    row.minutes = cmd.minutes
    row.note = cmd.note.strip()
    session.flush()


def reset_month_budget(session: Session, year_label: str, board: str, provider: str, month: Month) -> None:
    """Back to the even spread for that month."""
    year = lookup.year(session, year_label)
    board_id = lookup.year_board(session, year, board).board_id
    provider_id = lookup.year_provider(session, year, provider).provider_id
    month = lookup.month_of_year(year, month)
    check_open(session, year, month)
    pair = pair_budgets(session, year, board_id=board_id, provider_id=provider_id)[(board_id, provider_id)]
    spread = default_month_budgets(pair.yearly_minutes // MINUTES_PER_HOUR, list(pair.months))
    check_budget_covers_use(month_use(session, year, board_id, provider_id, month), spread[month])
    session.execute(delete(BudgetAdjustment).where(
        BudgetAdjustment.year_id == year.id, BudgetAdjustment.board_id == board_id,
        BudgetAdjustment.provider_id == provider_id, BudgetAdjustment.month == str(month)))
