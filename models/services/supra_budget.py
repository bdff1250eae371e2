"""The supra-regional budget (bovenregionaal): per school year and theme an amount tied to no network, for
support questions drawn up by schools of more than one network (seed 000). Its questions follow every rule of
a network's question; its exhaustion is reckoned as a network's, from the same commitments.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import innovation as rules
from ..orm_innovation import SupportQuestion, SupraBudget
from . import lookup
from .innovation import find, network_budgets
from .innovation_report import Exhaustion, ThemeBudget


@dataclass(frozen=True)
class SupraYear:
    """The supra-regional budget of one year: one ThemeBudget per theme, in theme order."""

    budgets: tuple[ThemeBudget, ...]
    questions: int  # supra-regional questions of the year, of any status

    @property
    def in_use(self) -> bool:
        """Worth a line of its own: an amount set, or a question on it."""
        return self.questions > 0 or any(b.exhaustion.budget or b.exhaustion.committed for b in self.budgets)


def supra_year(session: Session, year: str) -> SupraYear:
    year_row = lookup.year(session, year)
    amounts = network_budgets.supra_amounts(session, year_row.id)
    use = network_budgets.commitments(session, year_row.id)
    budgets = []
    for theme in find.themes(session):
        amount = amounts.get(theme.id, 0)
        committed, paid = use.get((None, theme.id), (0, 0))
        budgets.append(ThemeBudget(theme.name, amount, None, rules.BASIS_ENTERED,
                                   Exhaustion(amount, committed, paid, amount - committed), follows_standard=False))
    count = len(session.scalars(select(SupportQuestion.id).where(
        SupportQuestion.year_id == year_row.id, SupportQuestion.network_id.is_(None))).all())
    return SupraYear(tuple(budgets), count)


def set_supra_budget(session: Session, year: str, theme: str, amount: int) -> None:
    """The supra-regional budget of a theme in a year; refused below what its questions have committed."""
    year_row = lookup.year(session, year)
    found = find.theme(session, theme)
    cents = rules.check_cents(amount, f"Bovenregionaal budget {found.name}", "amount")
    committed, _paid = network_budgets.commitments(session, year_row.id).get((None, found.id), (0, 0))
    rules.check_budget_covers(found.name, None, cents, committed)
    row = session.scalar(select(SupraBudget).where(SupraBudget.year_id == year_row.id,
                                                   SupraBudget.theme_id == found.id))
    if row is None and cents == 0:
        return  # no row is € 0 already
    if row is None:
        session.add(SupraBudget(year_id=year_row.id, theme_id=found.id, amount_cents=cents))
    elif row.amount_cents != cents:
        row.amount_cents = cents
    session.flush()
