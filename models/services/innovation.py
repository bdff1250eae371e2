"""Innovation budgets (second scheme): networks, pupil counts, theme budgets and support questions.

Every function takes a Session, never commits, and returns plain frozen dataclasses. Budgets and network
membership of a year that has not been opened are shown with their defaults (the theme's standard amount, the
latest earlier year's membership) without writing; `open_year` stores them, and every change opens the year
first, so a change in one school year never moves the figures of another. A network budget without an amount
of its own follows its theme's standard of that year. Refusals leave the database unchanged
because the caller's transaction is rolled back.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from .. import orm
from ..domain import innovation as rules
from ..domain.errors import Conflict, InvalidInput, NotFound
from ..domain.months import Month, format_date
from ..domain.names import clean_name, name_key
from ..domain.privacy import check_text
from ..domain.units import format_count
from ..orm import (
    Board, Expert, InnovationTheme, Network, NetworkBudget, NetworkSchool, QuestionExecutor, QuestionSchool, School,
    SchoolYear, SupportQuestion, SupraBudget, ThemeYear,
)
from . import lookup
from .innovation_report import ExecutorLine, Exhaustion, QuestionLine, ThemeBudget
from .masterdata import check_name

DESCRIPTION_LENGTH = orm.DESCRIPTION_LENGTH
REASON_LENGTH = orm.NOTE_LENGTH


# ---------------------------------------------------------------- rows

@dataclass(frozen=True)
class MemberSchool:
    school: str
    board: str
    network: str = ""  # the network the school belongs to, "" when none

    @property
    def label(self) -> str:
        return f"{self.school} ({self.board})"


@dataclass(frozen=True)
class NetworkRow:
    name: str
    schools: tuple[MemberSchool, ...]
    questions: int = 0  # support questions of any year, any status


@dataclass(frozen=True)
class ThemeSetting:
    name: str
    is_base: bool
    standard: int  # cents per network
    rate: int | None  # cents per pupil, None when the theme has no rate
    basis: str  # the default basis of new network budgets


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
class QuestionInput:
    year: str
    network: str  # a network's name, or 'Bovenregionaal' (rules.SUPRA_REGIONAL) for the supra-regional budget
    title: str
    description: str
    theme: str | None  # None: the base theme (Innovatie)
    schools: tuple[tuple[str, str], ...]  # (board, school)
    executors: tuple[tuple[str, int], ...]  # (expert name, cents)
    submitted_on: dt.date


# ---------------------------------------------------------------- lookups

def _network(session: Session, name: str) -> Network:
    found = session.scalar(select(Network).where(Network.name_key == name_key(name)))
    if found is None:
        raise NotFound(f"Netwerk '{clean_name(name)}' bestaat niet.", field="network")
    return found


def _scope(session: Session, name: str) -> Network | None:
    """The network a question draws on, None for 'Bovenregionaal' (the supra-regional budget)."""
    if name_key(name) == name_key(rules.SUPRA_REGIONAL):
        return None
    return _network(session, name)


def _themes(session: Session) -> list[InnovationTheme]:
    return list(session.scalars(select(InnovationTheme).order_by(InnovationTheme.position, InnovationTheme.id)))


def _theme(session: Session, name: str | None) -> InnovationTheme:
    if name is None or not clean_name(name):
        found = session.scalar(select(InnovationTheme).where(InnovationTheme.is_base.is_(True))
                               .order_by(InnovationTheme.position))
        if found is None:
            found = ensure_themes(session)[0]
        return found
    found = session.scalar(select(InnovationTheme).where(InnovationTheme.name_key == name_key(name)))
    if found is None:
        names = ", ".join(t.name for t in _themes(session))
        raise NotFound(f"Thema '{clean_name(name)}' bestaat niet; kies uit {names}.", field="theme")
    return found


def _school(session: Session, board: str, school: str) -> School:
    found_board = lookup.board(session, board)
    found = session.scalar(select(School).where(School.board_id == found_board.id,
                                                School.name_key == name_key(school)))
    if found is None:
        raise NotFound(f"School '{clean_name(school)}' hoort niet bij bestuur {found_board.name}.", field="schools")
    return found


def _expert(session: Session, name: str) -> Expert:
    found = session.scalar(select(Expert).where(Expert.name_key == name_key(name)))
    if found is None:
        raise NotFound(f"Deskundige '{clean_name(name)}' staat niet in de pool van deskundigen.", field="executors")
    return found


def _question(session: Session, number: str) -> SupportQuestion:
    text = str(number).strip()
    found = session.scalar(select(SupportQuestion).where(SupportQuestion.number == text))
    if found is None:
        raise NotFound(f"Ondersteuningsvraag {text} bestaat niet.", field="number")
    return found


def ensure_themes(session: Session) -> list[InnovationTheme]:
    """The themes; a database without any gets the three of 2019 (the migration seeds them too)."""
    themes = _themes(session)
    if not themes:
        for position, (name, is_base, _) in enumerate(rules.DEFAULT_THEMES):
            session.add(InnovationTheme(name=name, name_key=name_key(name), position=position, is_base=is_base))
        session.flush()
        themes = _themes(session)
    return themes


# ---------------------------------------------------------------- networks and schools
#
# Membership is kept per school year. A year that has been opened (open_year: its theme settings, budgets and
# membership stored) has its own membership, empty or not; a year that has not been opened holds no innovation
# data of its own and reads the membership of the latest earlier year that has one, until open_year copies it.
# Every change opens its year first, so an edit in one year never moves another year's figures.

def _opened(year_id: int | ColumnElement[int] | InstrumentedAttribute[int]) -> ColumnElement[bool]:
    """SQL condition: the year holds its own settings (opened) or its own membership (migrated years)."""
    return or_(exists().where(ThemeYear.year_id == year_id), exists().where(NetworkSchool.year_id == year_id))


def _membership_year(session: Session, year_row: SchoolYear) -> int | None:
    """The year whose membership holds in `year_row`: its own once opened, else the latest earlier year's."""
    if session.scalar(select(_opened(year_row.id))):
        return year_row.id
    return session.scalar(select(SchoolYear.id).where(SchoolYear.label < year_row.label, _opened(SchoolYear.id))
                          .order_by(SchoolYear.label.desc()).limit(1))


def membership_year(session: Session, year: str) -> str | None:
    """The school year whose membership holds in `year` (itself once opened), None when there is none."""
    source = _membership_year(session, lookup.year(session, year))
    return None if source is None else session.get_one(SchoolYear, source).label


def _membership(session: Session, year_row: SchoolYear) -> dict[int, int]:
    """school id -> network id in a year."""
    source = _membership_year(session, year_row)
    if source is None:
        return {}
    return {school_id: network_id for school_id, network_id in session.execute(
        select(NetworkSchool.school_id, NetworkSchool.network_id).where(NetworkSchool.year_id == source))}


def _school_names(session: Session) -> dict[int, tuple[str, str]]:
    """school id -> (school, board)."""
    return {school_id: (school, board) for school_id, school, board in session.execute(
        select(School.id, School.name, Board.name).join(Board, School.board_id == Board.id))}


def list_networks(session: Session, year: str) -> list[NetworkRow]:
    """Every network with its schools in a year."""
    year_row = lookup.year(session, year)
    members: dict[int, list[MemberSchool]] = defaultdict(list)
    networks = sorted(session.scalars(select(Network)), key=lambda n: n.name_key)
    names = {n.id: n.name for n in networks}
    schools = _school_names(session)
    for school_id, network_id in _membership(session, year_row).items():
        school, board = schools[school_id]
        members[network_id].append(MemberSchool(school, board, names[network_id]))
    counts = dict(session.execute(select(SupportQuestion.network_id, func.count(SupportQuestion.id))
                                  .group_by(SupportQuestion.network_id)).all())
    return [NetworkRow(n.name, tuple(sorted(members[n.id], key=lambda m: (name_key(m.school), name_key(m.board)))),
                       int(counts.get(n.id, 0))) for n in networks]


def list_schools(session: Session, year: str) -> list[MemberSchool]:
    """Every school with its board and its network in a year, for pickers."""
    year_row = lookup.year(session, year)
    membership = _membership(session, year_row)
    names = dict(session.execute(select(Network.id, Network.name)).all())
    return sorted((MemberSchool(school, board, names[membership[school_id]] if school_id in membership else "")
                   for school_id, (school, board) in _school_names(session).items()),
                  key=lambda m: (name_key(m.board), name_key(m.school)))


def add_network(session: Session, name: str) -> str:
    network_name = check_name(name, "het netwerk")
    _refuse_duplicate_network(session, network_name)
    session.add(Network(name=network_name, name_key=name_key(network_name)))
    session.flush()
    return network_name


def rename_network(session: Session, old: str, new: str) -> str:
    network = _network(session, old)
    network_name = check_name(new, "het netwerk")
    _refuse_duplicate_network(session, network_name, network.id)
    network.name, network.name_key = network_name, name_key(network_name)
    session.flush()
    return network_name


def _refuse_duplicate_network(session: Session, name: str, own_id: int | None = None) -> None:
    if name_key(name) == name_key(rules.SUPRA_REGIONAL):
        raise Conflict(f"'{rules.SUPRA_REGIONAL}' is de naam van het budget voor vragen van scholen uit meer dan één "
                       "netwerk; kies een andere naam voor het netwerk.", field="name")
    query = select(Network).where(Network.name_key == name_key(name))
    if own_id is not None:
        query = query.where(Network.id != own_id)
    other = session.scalar(query)
    if other is not None:
        raise Conflict(f"Er is al een netwerk met de naam '{other.name}'.", field="name")


def remove_network(session: Session, name: str) -> None:
    """Remove a network with its budgets and memberships of every year; refused while it has support questions."""
    network = _network(session, name)
    numbers = list(session.scalars(select(SupportQuestion.number).where(SupportQuestion.network_id == network.id)
                                   .order_by(SupportQuestion.number)))
    if numbers:
        raise Conflict(f"Netwerk {network.name} kan niet worden verwijderd: er zijn ondersteuningsvragen "
                       f"({_numbers_text(numbers)}).")
    for row in session.scalars(select(NetworkBudget).where(NetworkBudget.network_id == network.id)):
        session.delete(row)
    for membership in session.scalars(select(NetworkSchool).where(NetworkSchool.network_id == network.id)):
        session.delete(membership)
    session.flush()
    session.delete(network)
    session.flush()


def _year_membership(session: Session, year_row: SchoolYear, school: School) -> NetworkSchool | None:
    return session.scalar(select(NetworkSchool).where(NetworkSchool.year_id == year_row.id,
                                                      NetworkSchool.school_id == school.id))


def assign_school(session: Session, year: str, network: str, board: str, school: str) -> None:
    """Make a school a member of a network in one school year; a school in another network that year must
    leave that one first. Other years keep their own membership."""
    year_row = lookup.year(session, year)
    found_network = _network(session, network)
    found = _school(session, board, school)
    open_year(session, year_row.label)
    membership = _year_membership(session, year_row, found)
    if membership is not None:
        current = session.get(Network, membership.network_id)
        assert current is not None
        if current.id == found_network.id:
            raise Conflict(f"School {found.name} ({found.board.name}) hoort in {year_row.label} al bij netwerk "
                           f"{current.name}.", field="schools")
        raise Conflict(f"School {found.name} ({found.board.name}) hoort in {year_row.label} al bij netwerk "
                       f"{current.name}; haal de school daar eerst weg.", field="schools")
    session.add(NetworkSchool(year_id=year_row.id, network_id=found_network.id, school_id=found.id))
    session.flush()


def unassign_school(session: Session, year: str, network: str, board: str, school: str) -> None:
    """Take a school out of a network in one school year; refused while it is on a support question of that
    network in that year, or when a budget of that year would fall below what is committed."""
    year_row = lookup.year(session, year)
    found_network = _network(session, network)
    found = _school(session, board, school)
    open_year(session, year_row.label)
    membership = _year_membership(session, year_row, found)
    if membership is None or membership.network_id != found_network.id:
        raise NotFound(f"School {found.name} ({found.board.name}) hoort in {year_row.label} niet bij netwerk "
                       f"{found_network.name}.", field="schools")
    numbers = list(session.scalars(
        select(SupportQuestion.number).join(QuestionSchool, QuestionSchool.question_id == SupportQuestion.id)
        .where(QuestionSchool.school_id == found.id, SupportQuestion.network_id == found_network.id,
               SupportQuestion.year_id == year_row.id)
        .order_by(SupportQuestion.number)))
    if numbers:
        raise Conflict(f"School {found.name} ({found.board.name}) kan in {year_row.label} niet uit netwerk "
                       f"{found_network.name}: de school staat op ondersteuningsvraag {_numbers_text(numbers)}.",
                       field="schools")
    session.delete(membership)
    session.flush()
    _check_year_budgets(session, year_row)


def set_pupils(session: Session, year: str, board: str, school: str, pupils: int) -> None:
    """A school's pupil count in a year; budgets reckoned per pupil follow it. Opens the year, so the
    membership these pupils count for is that year's own."""
    year_row = lookup.year(session, year)
    found = _school(session, board, school)
    count = rules.check_pupils(pupils)
    open_year(session, year_row.label)
    row = session.scalar(select(orm.SchoolPupils).where(orm.SchoolPupils.year_id == year_row.id,
                                                        orm.SchoolPupils.school_id == found.id))
    if row is None:
        session.add(orm.SchoolPupils(year_id=year_row.id, school_id=found.id, pupils=count))
    else:
        row.pupils = count
    session.flush()
    _check_year_budgets(session, year_row)


# ---------------------------------------------------------------- themes

def _default_setting(session: Session, year_row: SchoolYear, theme: InnovationTheme) -> tuple[int, int | None, str]:
    """A theme's setting in a year that has none stored: the latest earlier year's, else the 2019 amount."""
    earlier = session.scalar(
        select(ThemeYear).join(SchoolYear, ThemeYear.year_id == SchoolYear.id)
        .where(ThemeYear.theme_id == theme.id, SchoolYear.label < year_row.label)
        .order_by(SchoolYear.label.desc()).limit(1))
    if earlier is not None:
        return earlier.standard_cents, earlier.rate_cents, earlier.basis
    standard = {name_key(name): cents for name, _, cents in rules.DEFAULT_THEMES}.get(theme.name_key, 0)
    return standard, None, rules.BASIS_ENTERED


def _settings(session: Session, year_row: SchoolYear) -> list[tuple[InnovationTheme, int, int | None, str]]:
    stored = {row.theme_id: row for row in session.scalars(select(ThemeYear).where(ThemeYear.year_id == year_row.id))}
    result = []
    for theme in _themes(session):
        row = stored.get(theme.id)
        if row is not None:
            result.append((theme, row.standard_cents, row.rate_cents, row.basis))
        else:
            result.append((theme, *_default_setting(session, year_row, theme)))
    return result


def list_themes(session: Session, year: str) -> list[ThemeSetting]:
    year_row = lookup.year(session, year)
    return [ThemeSetting(theme.name, theme.is_base, standard, rate, basis)
            for theme, standard, rate, basis in _settings(session, year_row)]


def add_theme(session: Session, name: str) -> str:
    theme_name = check_name(name, "het thema")
    other = session.scalar(select(InnovationTheme).where(InnovationTheme.name_key == name_key(theme_name)))
    if other is not None:
        raise Conflict(f"Er is al een thema '{other.name}'.", field="name")
    ensure_themes(session)
    position = (session.scalar(select(func.max(InnovationTheme.position))) or 0) + 1
    session.add(InnovationTheme(name=theme_name, name_key=name_key(theme_name), position=position, is_base=False))
    session.flush()
    return theme_name


def set_theme(session: Session, year: str, name: str, *, standard: int, rate: int | None, basis: str) -> None:
    """A theme's standard amount per network, rate per pupil and default basis for one year.

    Network budgets that follow the standard (no amount of their own) follow the new one, those with their
    own amount keep it; budgets reckoned per pupil follow the new rate. Refused when a budget would fall below
    what is committed."""
    year_row = lookup.year(session, year)
    theme = _theme(session, name)
    standard = rules.check_cents(standard, "Standaardbedrag", "standard")
    if rate is not None:
        rate = rules.check_cents(rate, "Bedrag per leerling", "rate")
    basis = rules.check_basis(basis)
    if basis == rules.BASIS_PER_PUPIL and rate is None:
        raise InvalidInput(f"Thema {theme.name} heeft geen bedrag per leerling; kies '{rules.BASIS_ENTERED}' of "
                           "geef een bedrag per leerling.", field="rate")
    open_year(session, year)
    row = session.scalar(select(ThemeYear).where(ThemeYear.year_id == year_row.id, ThemeYear.theme_id == theme.id))
    assert row is not None  # open_year stored it
    if rate is None:
        per_pupil = session.scalars(
            select(Network.name).join(NetworkBudget, NetworkBudget.network_id == Network.id)
            .where(NetworkBudget.year_id == year_row.id, NetworkBudget.theme_id == theme.id,
                   NetworkBudget.basis == rules.BASIS_PER_PUPIL).order_by(Network.name_key)).all()
        if per_pupil:
            raise Conflict(f"Het bedrag per leerling van {theme.name} kan niet weg: netwerk {', '.join(per_pupil)} "
                           "rekent dit thema per leerling.", field="rate")
    row.standard_cents, row.rate_cents, row.basis = standard, rate, basis
    session.flush()
    _check_year_budgets(session, year_row)


# ---------------------------------------------------------------- budgets

def open_year(session: Session, year: str) -> int:
    """Store the theme settings, every network's budgets (following the standard) and, for a year that has
    none yet, the membership of the latest earlier year that has one; returns the rows created."""
    year_row = lookup.year(session, year)
    ensure_themes(session)
    created = 0
    source = _membership_year(session, year_row)
    if source is not None and source != year_row.id:
        for school_id, network_id in session.execute(
                select(NetworkSchool.school_id, NetworkSchool.network_id).where(NetworkSchool.year_id == source)
                .order_by(NetworkSchool.id)).all():
            session.add(NetworkSchool(year_id=year_row.id, network_id=network_id, school_id=school_id))
            created += 1
    stored_settings = set(session.scalars(select(ThemeYear.theme_id).where(ThemeYear.year_id == year_row.id)))
    settings = _settings(session, year_row)
    for theme, standard, rate, basis in settings:
        if theme.id not in stored_settings:
            session.add(ThemeYear(year_id=year_row.id, theme_id=theme.id, standard_cents=standard, rate_cents=rate,
                                  basis=basis))
            created += 1
    stored = {(network_id, theme_id) for network_id, theme_id in session.execute(
        select(NetworkBudget.network_id, NetworkBudget.theme_id).where(NetworkBudget.year_id == year_row.id))}
    for network_id in session.scalars(select(Network.id).order_by(Network.id)):
        for theme, _standard, _rate, basis in settings:
            if (network_id, theme.id) not in stored:
                session.add(NetworkBudget(year_id=year_row.id, network_id=network_id, theme_id=theme.id,
                                          entered_cents=None, basis=basis))
                created += 1
    session.flush()
    return created


@dataclass(frozen=True)
class _Budget:
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


def _pupil_counts(session: Session, year_row: SchoolYear) -> dict[int, int]:
    """school id -> pupils in a year."""
    return {school_id: int(pupils) for school_id, pupils in session.execute(
        select(orm.SchoolPupils.school_id, orm.SchoolPupils.pupils).where(orm.SchoolPupils.year_id == year_row.id))}


def _network_pupils(session: Session, year_row: SchoolYear) -> dict[int, int]:
    """network id -> the pupils of its schools in that year."""
    counts = _pupil_counts(session, year_row)
    result: dict[int, int] = defaultdict(int)
    for school_id, network_id in _membership(session, year_row).items():
        result[network_id] += counts.get(school_id, 0)
    return result


def _commitments(session: Session, year_id: int, *, excluding: int | None = None
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


def _budgets(session: Session, year_row: SchoolYear, *, excluding: int | None = None) -> list[_Budget]:
    """Every network's budget of every theme, stored or (not yet opened) by default, with its use."""
    settings = _settings(session, year_row)
    stored = {(b.network_id, b.theme_id): b for b in
              session.scalars(select(NetworkBudget).where(NetworkBudget.year_id == year_row.id))}
    pupils = _network_pupils(session, year_row)
    use = _commitments(session, year_row.id, excluding=excluding)
    result = []
    for network in sorted(session.scalars(select(Network)), key=lambda n: n.name_key):
        count = pupils.get(network.id, 0)
        for theme, standard, rate, basis in settings:
            row = stored.get((network.id, theme.id))
            own = row.entered_cents if row is not None else None
            chosen = row.basis if row is not None else basis
            committed, paid = use.get((network.id, theme.id), (0, 0))
            result.append(_Budget(network, theme, count, rules.fixed_amount(own, standard),
                                  rules.computed_budget(rate, count), chosen, committed, paid, own is None))
    return result


def _check_year_budgets(session: Session, year_row: SchoolYear) -> None:
    for budget in _budgets(session, year_row):
        rules.check_budget_covers(budget.theme.name, budget.network.name, budget.in_force, budget.committed)


def supra_amounts(session: Session, year_id: int) -> dict[int, int]:
    """theme id -> the supra-regional budget of a year in cents (a theme without one has € 0)."""
    return {theme_id: int(cents) for theme_id, cents in session.execute(
        select(SupraBudget.theme_id, SupraBudget.amount_cents).where(SupraBudget.year_id == year_id))}


def network_year(session: Session, year: str) -> list[NetworkYearRow]:
    """Each network in a year: its schools with pupil counts and its theme budgets with their use."""
    year_row = lookup.year(session, year)
    counts = _pupil_counts(session, year_row)
    names = _school_names(session)
    schools: dict[int, list[SchoolPupils]] = defaultdict(list)
    for school_id, network_id in _membership(session, year_row).items():
        school, board = names[school_id]
        schools[network_id].append(SchoolPupils(school, board, counts.get(school_id, 0)))
    by_network: dict[int, list[_Budget]] = defaultdict(list)
    for budget in _budgets(session, year_row):
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
    found_network = _network(session, network)
    found_theme = _theme(session, theme)
    if entered is not None:
        entered = rules.check_cents(entered, "Budget", "entered")
    basis = rules.check_basis(basis)
    open_year(session, year)
    row = session.scalar(select(NetworkBudget).where(
        NetworkBudget.year_id == year_row.id, NetworkBudget.network_id == found_network.id,
        NetworkBudget.theme_id == found_theme.id))
    assert row is not None  # open_year stored it
    row.entered_cents, row.basis = entered, basis
    session.flush()
    for budget in _budgets(session, year_row):
        if budget.network.id == found_network.id and budget.theme.id == found_theme.id:
            rules.budget_in_force(budget.entered, budget.computed, budget.basis, budget.theme.name)
            rules.check_budget_covers(budget.theme.name, budget.network.name, budget.in_force, budget.committed)


# ---------------------------------------------------------------- support questions

def _resolve(session: Session, cmd: QuestionInput, today: dt.date, own: SupportQuestion | None = None
             ) -> tuple[SchoolYear, Network | None, InnovationTheme, str, str, list[School], list[tuple[Expert, int]]]:
    """Check a question's input against the rules; the stored rows it names."""
    year_row = lookup.year(session, cmd.year)
    network = _scope(session, cmd.network)
    theme = _theme(session, cmd.theme)
    title = check_text(rules.check_title(cmd.title), "Titel", field="title")
    description = check_text(str(cmd.description or ""), "Omschrijving", field="description")
    if len(description) > DESCRIPTION_LENGTH:
        raise InvalidInput(f"De omschrijving is te lang (hoogstens {format_count(DESCRIPTION_LENGTH)} tekens).",
                           field="description")
    rules.check_step_date(cmd.submitted_on, today, "indiening", field="submitted_on")
    rules.check_in_school_year(cmd.submitted_on, year_row.label, Month.parse(year_row.first_month),
                               Month.parse(year_row.last_month))
    if own is not None and own.started_on is not None and cmd.submitted_on > own.started_on:
        raise InvalidInput(f"De datum van indiening ligt na de start ({format_date(own.started_on)}).",
                           field="submitted_on")
    names = dict(session.execute(select(Network.id, Network.name)).all())
    memberships = {school_id: names[network_id] for school_id, network_id in _membership(session, year_row).items()}
    schools = [_school(session, board, school) for board, school in cmd.schools]
    rules.check_schools([rules.ChosenSchool(s.board.name, s.name, memberships.get(s.id)) for s in schools],
                        None if network is None else network.name)
    own_experts = {e.expert_id for e in own.executors} if own is not None else set()
    executors = [(_expert(session, expert), amount) for expert, amount in cmd.executors]
    rules.check_executors([rules.ChosenExecutor(e.name, amount, e.active or e.id in own_experts)
                           for e, amount in executors])
    return year_row, network, theme, title, description, schools, executors


def _check_commitment(session: Session, year_row: SchoolYear, network: Network | None, theme: InnovationTheme,
                      requested: int, own_id: int | None) -> None:
    if network is None:
        committed, _paid = _commitments(session, year_row.id, excluding=own_id).get((None, theme.id), (0, 0))
        budget = supra_amounts(session, year_row.id).get(theme.id, 0)
        rules.check_commitment(theme.name, None, budget, committed, requested)
        return
    for found in _budgets(session, year_row, excluding=own_id):
        if found.network.id == network.id and found.theme.id == theme.id:
            rules.check_commitment(theme.name, network.name, found.in_force, found.committed, requested)
            return


def submit_question(session: Session, cmd: QuestionInput, today: dt.date) -> str:
    """Register a support question (status ingediend) and commit its amounts; returns its number."""
    year_row, network, theme, title, description, schools, executors = _resolve(session, cmd, today)
    _check_commitment(session, year_row, network, theme, sum(a for _, a in executors), None)
    open_year(session, year_row.label)
    sequence = (session.scalar(select(func.max(SupportQuestion.sequence))
                               .where(SupportQuestion.year_id == year_row.id)) or 0) + 1
    number = rules.format_question_number(int(year_row.first_month[:4]), sequence)
    question = SupportQuestion(
        year_id=year_row.id, sequence=sequence, number=number,
        network_id=None if network is None else network.id, theme_id=theme.id,
        title=title, description=description, status=rules.INGEDIEND, submitted_on=cmd.submitted_on,
        schools=[QuestionSchool(school_id=s.id) for s in schools],
        executors=[QuestionExecutor(expert_id=e.id, amount_cents=amount) for e, amount in executors])
    session.add(question)
    session.flush()
    return number


def update_question(session: Session, number: str, cmd: QuestionInput, today: dt.date) -> None:
    """Change a question's text, network, theme, schools, executors and amounts while ingediend or lopend."""
    question = _question(session, number)
    rules.check_editable(question.number, question.status)
    year_row, network, theme, title, description, schools, executors = _resolve(session, cmd, today, question)
    if year_row.id != question.year_id:
        raise InvalidInput(f"Ondersteuningsvraag {question.number} hoort bij schooljaar {question.year.label}; het "
                           "schooljaar kan niet worden gewijzigd.", field="year")
    _check_commitment(session, year_row, network, theme, sum(a for _, a in executors), question.id)
    question.network_id, question.theme_id = None if network is None else network.id, theme.id
    question.title, question.description, question.submitted_on = title, description, cmd.submitted_on
    wanted_schools = [s.id for s in schools]
    for link in list(question.schools):
        if link.school_id not in wanted_schools:
            question.schools.remove(link)
    present = {link.school_id for link in question.schools}
    question.schools.extend(QuestionSchool(school_id=s) for s in wanted_schools if s not in present)
    amounts = {e.id: amount for e, amount in executors}
    for line in list(question.executors):
        if line.expert_id not in amounts:
            question.executors.remove(line)
        elif line.amount_cents != amounts[line.expert_id]:
            line.amount_cents = amounts[line.expert_id]
    present = {line.expert_id for line in question.executors}
    question.executors.extend(QuestionExecutor(expert_id=e.id, amount_cents=amount)
                              for e, amount in executors if e.id not in present)
    session.flush()


def start_question(session: Session, number: str, day: dt.date, today: dt.date) -> None:
    question = _question(session, number)
    status = rules.next_status(question.status, rules.START, question.number)
    rules.check_step_date(day, today, "de start", question.submitted_on, "de indiening")
    question.status, question.started_on = status, day
    session.flush()


def receive_report(session: Session, number: str, *, title: str, received_on: dt.date, today: dt.date) -> None:
    """The executors' report is in: its title and date are kept; the question can now be paid."""
    question = _question(session, number)
    status = rules.next_status(question.status, rules.RECEIVE, question.number)
    report_title = check_text(rules.check_title(title, "Het verslag", "report_title"), "Het verslag",
                              field="report_title")
    rules.check_step_date(received_on, today, "ontvangst van het verslag", question.started_on, "de start",
                          field="received_on")
    question.status, question.report_title, question.report_received_on = status, report_title, received_on
    session.flush()


def pay_question(session: Session, number: str, *, paid_on: dt.date, today: dt.date) -> None:
    question = _question(session, number)
    status = rules.next_status(question.status, rules.PAY, question.number)
    rules.check_step_date(paid_on, today, "betaling", question.report_received_on, "de ontvangst van het verslag",
                          field="paid_on")
    question.status, question.paid_on = status, paid_on
    session.flush()


def withdraw_question(session: Session, number: str, *, reason: str, day: dt.date, today: dt.date) -> None:
    """Withdraw a question that is ingediend or lopend: its commitment is freed."""
    question = _question(session, number)
    status = rules.next_status(question.status, rules.WITHDRAW, question.number)
    text = check_text(" ".join(str(reason).split()), "Reden", field="reason")
    if not text:
        raise InvalidInput("Geef een reden om de ondersteuningsvraag in te trekken.", field="reason")
    if len(text) > REASON_LENGTH:
        raise InvalidInput(f"De reden is te lang (hoogstens {format_count(REASON_LENGTH)} tekens).", field="reason")
    previous, what = ((question.started_on, "de start") if question.started_on is not None
                      else (question.submitted_on, "de indiening"))
    rules.check_step_date(day, today, "intrekking", previous, what)
    question.status, question.withdrawn_on, question.withdraw_reason = status, day, text
    session.flush()


def _line(question: SupportQuestion) -> QuestionLine:
    schools = sorted(question.schools, key=lambda link: (link.school.board.name_key, link.school.name_key))
    boards: list[str] = []
    for link in schools:
        if link.school.board.name not in boards:
            boards.append(link.school.board.name)
    return QuestionLine(
        number=question.number, title=question.title, network=question.network.name if question.network else rules.SUPRA_REGIONAL,
        theme=question.theme.name,
        status=question.status, submitted_on=question.submitted_on,
        schools=tuple(f"{link.school.name} ({link.school.board.name})" for link in schools), boards=tuple(boards),
        executors=tuple(ExecutorLine(line.expert.name, line.expert.kind, line.amount_cents)
                        for line in question.executors),
        report_title=question.report_title, report_received_on=question.report_received_on, paid_on=question.paid_on,
        description=question.description, year=question.year.label, started_on=question.started_on,
        withdrawn_on=question.withdrawn_on, withdraw_reason=question.withdraw_reason,
        school_refs=tuple((link.school.board.name, link.school.name) for link in schools),
        school_kinds=tuple(link.school.kind for link in schools))


def list_questions(session: Session, year: str, *, network: str | None = None,
                   status: str | None = None) -> list[QuestionLine]:
    """A year's support questions in number order, optionally of one network or status."""
    year_row = lookup.year(session, year)
    query = select(SupportQuestion).where(SupportQuestion.year_id == year_row.id).order_by(SupportQuestion.sequence)
    if network:
        scope = _scope(session, network)
        query = query.where(SupportQuestion.network_id.is_(None) if scope is None
                            else SupportQuestion.network_id == scope.id)
    if status:
        query = query.where(SupportQuestion.status == rules.check_choice(status, rules.QUESTION_STATUSES, "Status",
                                                                         "status"))
    return [_line(q) for q in session.scalars(query)]


def question(session: Session, number: str) -> QuestionLine:
    return _line(_question(session, number))


def years_with_innovation(session: Session) -> list[str]:
    """School years holding any innovation data (settings, budgets, membership, pupil counts or questions)."""
    tables = (ThemeYear, NetworkBudget, NetworkSchool, orm.SchoolPupils, SupportQuestion, SupraBudget)
    condition = [exists().where(table.year_id == SchoolYear.id) for table in tables]
    return list(session.scalars(select(SchoolYear.label).where(or_(*condition)).order_by(SchoolYear.label)))


def _numbers_text(numbers: list[str]) -> str:
    return ", ".join(numbers[:3]) + (" …" if len(numbers) > 3 else "")

