"""Each network's budget of each theme in a year, and what the year's support questions commit of it.

A network budget without an amount of its own follows its theme's standard of that year; the basis says
whether the fixed amount or the amount per pupil is in force."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain import innovation as rules
from ...domain.names import name_key
from ...orm import SchoolYear
from ...orm_innovation import InnovationTheme, Network, NetworkBudget, QuestionExecutor, SupportQuestion, SupraBudget
from .. import lookup
from ..innovation_report import Exhaustion, ThemeBudget
from . import find, year_data


@dataclass(frozen=True)
class SchoolPupils:
    school: str
    board: str
    pupils: int


@dataclass(frozen=True)
class NetworkYearRow:
    network: str
    pupils: int
    schools: tuple[SchoolPupils, ...]
    budgets: tuple[ThemeBudget, ...]  # in theme order


@dataclass(frozen=True)
class Budget:
    network: Network
    theme: InnovationTheme
    pupils: int
    entered: int  # the network's own amount, or the theme's standard when it follows that
    computed: int | None
    basis: str
    committed: int
    paid: int
    follows_standard: bool

    @property
    def in_force(self) -> int:
        if self.basis == rules.BASIS_PER_PUPIL and self.computed is not None:
            return self.computed
        return self.entered

    def theme_budget(self) -> ThemeBudget:
        return ThemeBudget(self.theme.name, self.entered, self.computed, self.basis,
                           Exhaustion(self.in_force, self.committed, self.paid, self.in_force - self.committed),
                           self.follows_standard)


def _network_pupils(session: Session, year_row: SchoolYear) -> dict[int, int]:
    """network id -> the pupils of its schools in that year."""
    counts = year_data.pupil_counts(session, year_row)
    result: dict[int, int] = defaultdict(int)
    for school_id, network_id in year_data.membership(session, year_row).items():
        result[network_id] += counts.get(school_id, 0)
    return result


def commitments(session: Session, year_id: int, *, excluding: int | None = None
                ) -> dict[tuple[int | None, int], tuple[int, int]]:
    """(network, theme) -> (committed, paid) in cents, over the year's questions that are not withdrawn;
    network None: the supra-regional questions."""
    query = (select(SupportQuestion.network_id, SupportQuestion.theme_id, SupportQuestion.status,
                    func.sum(QuestionExecutor.amount_cents))
             .join(QuestionExecutor, QuestionExecutor.question_id == SupportQuestion.id)
             .where(SupportQuestion.year_id == year_id, SupportQuestion.status != rules.INGETROKKEN)
             .group_by(SupportQuestion.network_id, SupportQuestion.theme_id, SupportQuestion.status))
    if excluding is not None:
        query = query.where(SupportQuestion.id != excluding)
    result: dict[tuple[int | None, int], tuple[int, int]] = {}
    for network_id, theme_id, status, amount in session.execute(query):
        committed, paid = result.get((network_id, theme_id), (0, 0))
        result[(network_id, theme_id)] = (committed + int(amount),
                                          paid + (int(amount) if status == rules.BETAALD else 0))
    return result


def year_budgets(session: Session, year_row: SchoolYear, *, excluding: int | None = None) -> list[Budget]:
    """Every network's budget of every theme, stored or (not yet opened) by default, with its use."""
    settings = year_data.settings(session, year_row)
    stored = {(b.network_id, b.theme_id): b for b in
              session.scalars(select(NetworkBudget).where(NetworkBudget.year_id == year_row.id))}
    pupils = _network_pupils(session, year_row)
    use = commitments(session, year_row.id, excluding=excluding)
    result = []
    for network in sorted(session.scalars(select(Network)), key=lambda n: n.name_key):
        count = pupils.get(network.id, 0)
        for theme, standard, rate, basis in settings:
            row = stored.get((network.id, theme.id))
            own = row.entered_cents if row is not None else None
            chosen = row.basis if row is not None else basis
            committed, paid = use.get((network.id, theme.id), (0, 0))
            result.append(Budget(network, theme, count, rules.fixed_amount(own, standard),
                                 rules.computed_budget(rate, count), chosen, committed, paid, own is None))
    return result


def check_year_budgets(session: Session, year_row: SchoolYear) -> None:
    """Refused when a budget of the year falls below what its questions commit."""
    for budget in year_budgets(session, year_row):
        rules.check_budget_covers(budget.theme.name, budget.network.name, budget.in_force, budget.committed)


def supra_amounts(session: Session, year_id: int) -> dict[int, int]:
    """theme id -> the supra-regional budget of a year in cents (a theme without one has € 0)."""
    return {theme_id: int(cents) for theme_id, cents in session.execute(
        select(SupraBudget.theme_id, SupraBudget.amount_cents).where(SupraBudget.year_id == year_id))}


def network_year(session: Session, year: str) -> list[NetworkYearRow]:
    """Each network in a year: its schools with pupil counts and its theme budgets with their use."""
    year_row = lookup.year(session, year)
    counts = year_data.pupil_counts(session, year_row)
    names = year_data.school_names(session)
    schools: dict[int, list[SchoolPupils]] = defaultdict(list)
    for school_id, network_id in year_data.membership(session, year_row).items():
        school, board = names[school_id]
        schools[network_id].append(SchoolPupils(school, board, counts.get(school_id, 0)))
    by_network: dict[int, list[Budget]] = defaultdict(list)
    for budget in year_budgets(session, year_row):
        by_network[budget.network.id].append(budget)
    rows = []
    for network in sorted(session.scalars(select(Network)), key=lambda n: n.name_key):
        members = tuple(sorted(schools[network.id], key=lambda s: (name_key(s.school), name_key(s.board))))
        rows.append(NetworkYearRow(network.name, sum(s.pupils for s in members), members,
                                   tuple(b.theme_budget() for b in by_network[network.id])))
    return rows


def set_network_budget(session: Session, year: str, network: str, theme: str, *, entered: int | None,
                       basis: str) -> None:
    """A network's theme budget: its own amount, or None to follow the theme's standard ("standaard"),
    and which basis is in force."""
    year_row = lookup.year(session, year)
    found_network = find.network(session, network)
    found_theme = find.theme(session, theme)
    if entered is not None:
        entered = rules.check_cents(entered, "Budget", "entered")
    basis = rules.check_basis(basis)
    year_data.open_year(session, year)
    row = session.scalar(select(NetworkBudget).where(
        NetworkBudget.year_id == year_row.id, NetworkBudget.network_id == found_network.id,
        NetworkBudget.theme_id == found_theme.id))
    assert row is not None  # open_year stored it
    row.entered_cents, row.basis = entered, basis
    session.flush()
    for budget in year_budgets(session, year_row):
        if budget.network.id == found_network.id and budget.theme.id == found_theme.id:
            rules.budget_in_force(budget.entered, budget.computed, budget.basis, budget.theme.name)
            rules.check_budget_covers(budget.theme.name, budget.network.name, budget.in_force, budget.committed)
