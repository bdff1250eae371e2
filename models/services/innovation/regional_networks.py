"""Regional networks and their schools per school year, and the schools' pupil counts."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain import innovation as rules
from ...domain.errors import Conflict, NotFound
from ...domain.names import name_key
from ...orm import School, SchoolYear
from ...orm_innovation import Network, NetworkBudget, NetworkSchool, QuestionSchool, SchoolPupils, SupportQuestion
from .. import lookup
from ..masterdata import check_name
from . import find, network_budgets, year_data


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


def list_networks(session: Session, year: str) -> list[NetworkRow]:
    """Every network with its schools in a year."""
    year_row = lookup.year(session, year)
    members: dict[int, list[MemberSchool]] = defaultdict(list)
    networks = sorted(session.scalars(select(Network)), key=lambda n: n.name_key)
    names = {n.id: n.name for n in networks}
    schools = year_data.school_names(session)
    for school_id, network_id in year_data.membership(session, year_row).items():
        school, board = schools[school_id]
        members[network_id].append(MemberSchool(school, board, names[network_id]))
    counts = dict(session.execute(select(SupportQuestion.network_id, func.count(SupportQuestion.id))
                                  .group_by(SupportQuestion.network_id)).all())
    return [NetworkRow(n.name, tuple(sorted(members[n.id], key=lambda m: (name_key(m.school), name_key(m.board)))),
                       int(counts.get(n.id, 0))) for n in networks]


def list_schools(session: Session, year: str) -> list[MemberSchool]:
    """Every school with its board and its network in a year, for pickers."""
    year_row = lookup.year(session, year)
    membership = year_data.membership(session, year_row)
    names = dict(session.execute(select(Network.id, Network.name)).all())
    return sorted((MemberSchool(school, board, names[membership[school_id]] if school_id in membership else "")
                   for school_id, (school, board) in year_data.school_names(session).items()),
                  key=lambda m: (name_key(m.board), name_key(m.school)))


def add_network(session: Session, name: str) -> str:
    network_name = check_name(name, "het netwerk")
    _refuse_duplicate_network(session, network_name)
    session.add(Network(name=network_name, name_key=name_key(network_name)))
    session.flush()
    return network_name


def rename_network(session: Session, old: str, new: str) -> str:
    network = find.network(session, old)
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
    network = find.network(session, name)
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
    found_network = find.network(session, network)
    found = find.school(session, board, school)
    year_data.open_year(session, year_row.label)
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
    found_network = find.network(session, network)
    found = find.school(session, board, school)
    year_data.open_year(session, year_row.label)
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
    network_budgets.check_year_budgets(session, year_row)


def set_pupils(session: Session, year: str, board: str, school: str, pupils: int) -> None:
    """A school's pupil count in a year; budgets reckoned per pupil follow it. Opens the year, so the
    membership these pupils count for is that year's own."""
    year_row = lookup.year(session, year)
    found = find.school(session, board, school)
    count = rules.check_pupils(pupils)
    year_data.open_year(session, year_row.label)
    row = session.scalar(select(SchoolPupils).where(SchoolPupils.year_id == year_row.id,
                                                        SchoolPupils.school_id == found.id))
    if row is None:
        session.add(SchoolPupils(year_id=year_row.id, school_id=found.id, pupils=count))
    else:
        row.pupils = count
    session.flush()
    network_budgets.check_year_budgets(session, year_row)


@dataclass(frozen=True)
class SchoolsChange:
    """What changes in a network's school list in one year: schools that leave, schools that join, pupil counts."""

    leave: tuple[tuple[str, str], ...] = ()  # (board, school)
    join: tuple[tuple[str, str], ...] = ()
    pupils: tuple[tuple[str, str, int], ...] = ()  # (board, school, pupils)


def change_schools(session: Session, year: str, network: str, change: SchoolsChange) -> None:
    """A network's school list and pupil counts in one transaction (the networks dialog saves them together)."""
    for board, school in change.leave:
        unassign_school(session, year, network, board, school)
    for board, school in change.join:
        assign_school(session, year, network, board, school)
    for board, school, count in change.pupils:
        set_pupils(session, year, board, school, count)


def _numbers_text(numbers: list[str]) -> str:
    return ", ".join(numbers[:3]) + (" …" if len(numbers) > 3 else "")
