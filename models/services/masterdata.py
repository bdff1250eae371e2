"""Stamgegevens: boards with their contact person and schools, providers with cluster and contact.

Boards and providers come into being with the set-up of a school year; here the secretariat
keeps their names and contacts right, adds schools, and removes what nothing depends on.
Rows leave this module as plain frozen dataclasses.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..domain.errors import Conflict, InvalidInput, NotFound, quoted
from ..domain.innovation import KINDS, check_choice
from ..domain.months import Month
from ..domain.names import clean_name, name_key
from ..domain.privacy import EMAIL
from ..domain.units import format_count
from ..orm import (
    Agreement, Board, BoardUpdate, BudgetAdjustment, Provider, ReserveGrant, School, SchoolYear, YearBoard,
    YearProvider,
)
from . import lookup

NAME_LENGTH = 200
CLUSTER_LENGTH = 50


@dataclass(frozen=True)
class BoardRow:
    name: str
    contact_person: str
    email: str
    schools: int
    agreements: int
    years: tuple[str, ...]
    #: The latest month whose update the board was given (DOMAIN.md point 11), and the day it was last given.
    last_update: tuple[Month, dt.date] | None = None


#: The kinds of school (soort school), as in the expert pool; a new school is regulier unless told otherwise.
SCHOOL_KINDS = KINDS
REGULAR = "regulier"


@dataclass(frozen=True)
class SchoolRow:
    board: str
    name: str
    agreements: int
    kind: str = REGULAR  # regulier / SBO / SO / voorschool / VO


@dataclass(frozen=True)
class ProviderRow:
    name: str
    cluster: str
    contact_person: str
    email: str
    agreements: int
    years: tuple[str, ...]


@dataclass(frozen=True)
class MasterData:
    boards: tuple[BoardRow, ...]
    schools: tuple[SchoolRow, ...]
    providers: tuple[ProviderRow, ...]

    def schools_of(self, board: str) -> tuple[SchoolRow, ...]:
        key = name_key(board)
        return tuple(s for s in self.schools if name_key(s.board) == key)


@dataclass(frozen=True)
class BoardInput:
    name: str
    contact_person: str = ""
    email: str = ""


@dataclass(frozen=True)
class ProviderInput:
    name: str
    cluster: str = ""
    contact_person: str = ""
    email: str = ""


# ---------------------------------------------------------------- checks

def check_name(text: str, what: str, *, field: str = "name") -> str:
    """A name as shown (trimmed, white space collapsed); refused when empty or too long."""
    name = clean_name(text)
    if not name:
        raise InvalidInput(f"Geef {what} een naam.", field=field)
    if len(name) > NAME_LENGTH:
        raise InvalidInput(f"De naam is te lang (hoogstens {format_count(NAME_LENGTH)} tekens).", field=field)
    return name


def check_email(text: str) -> str:
    """An e-mail address of a plausible shape, or empty."""
    email = text.strip()
    if not email:
        return ""
    if not EMAIL.match(email) or len(email) > NAME_LENGTH:
        raise InvalidInput(f"{quoted(email)} is geen geldig e-mailadres; schrijf bijvoorbeeld naam@bestuur.nl.",
                           field="email")
    return email


def _check_contact(text: str) -> str:
    contact = clean_name(text)
    if len(contact) > NAME_LENGTH:
        raise InvalidInput(f"De contactpersoon is te lang (hoogstens {format_count(NAME_LENGTH)} tekens).",
                           field="contact_person")
    return contact


# ---------------------------------------------------------------- lists

def master_data(session: Session) -> MasterData:
    """Every board with its schools, and every provider, with what depends on them."""
    board_agreements = _counts(session, Agreement.board_id)
    school_agreements = _counts(session, Agreement.school_id)
    provider_agreements = _counts(session, Agreement.provider_id)
    board_years = _years(session, YearBoard.board_id)
    provider_years = _years(session, YearProvider.provider_id)
    boards = sorted(session.scalars(select(Board)), key=lambda b: b.name_key)
    schools = session.execute(select(School, Board.name).join(Board, School.board_id == Board.id))
    school_rows = sorted((SchoolRow(board, s.name, school_agreements.get(s.id, 0), s.kind) for s, board in schools),
                         key=lambda s: (name_key(s.board), name_key(s.name)))
    school_count: dict[str, int] = defaultdict(int)
    for s in school_rows:
        school_count[name_key(s.board)] += 1
    providers = sorted(session.scalars(select(Provider)), key=lambda p: p.name_key)
    last_updates = _last_updates(session)
    return MasterData(
        tuple(BoardRow(b.name, b.contact_person, b.email, school_count[b.name_key], board_agreements.get(b.id, 0),
                       board_years.get(b.id, ()), last_updates.get(b.id)) for b in boards),
        tuple(school_rows),
        tuple(ProviderRow(p.name, p.cluster, p.contact_person, p.email, provider_agreements.get(p.id, 0),
                          provider_years.get(p.id, ())) for p in providers),
    )


def _last_updates(session: Session) -> dict[int, tuple[Month, dt.date]]:
    """Per board the latest month it was given the update of, with the day of the last time it was given."""
    latest: dict[int, tuple[Month, dt.date]] = {}
    for board_id, month, at in session.execute(select(BoardUpdate.board_id, BoardUpdate.month, BoardUpdate.at)):
        found = (Month.parse(month), at.date())
        latest[board_id] = max(latest.get(board_id, found), found)
    return latest


def _counts(session: Session, column: InstrumentedAttribute[int | None]) -> dict[int, int]:
    rows = session.execute(select(column, func.count(Agreement.id)).where(column.is_not(None)).group_by(column))
    return {key: int(n) for key, n in rows if key is not None}  # none are: the query leaves them out


def _years(session: Session, column: InstrumentedAttribute[int]) -> dict[int, tuple[str, ...]]:
    table = column.class_
    result: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(select(column, SchoolYear.label).join(SchoolYear, table.year_id == SchoolYear.id)
                           .order_by(SchoolYear.label))
    for key, label in rows:
        result[key].append(label)
    return {key: tuple(labels) for key, labels in result.items()}


# ---------------------------------------------------------------- boards and schools

def update_board(session: Session, current: str, cmd: BoardInput) -> str:
    """Change a board's name, contact person and e-mail; returns the name as stored."""
    board = lookup.board(session, current)
    name = check_name(cmd.name, "het bestuur")
    other = session.scalar(select(Board).where(Board.name_key == name_key(name), Board.id != board.id))
    if other is not None:
        raise Conflict(f"Er is al een schoolbestuur met de naam '{other.name}'.", field="name")
    board.contact_person = _check_contact(cmd.contact_person)
    board.email = check_email(cmd.email)
    board.name = name
    board.name_key = name_key(name)
    session.flush()
    return board.name


def check_school_kind(kind: str) -> str:
    """One of regulier, SBO, SO, voorschool, VO (any case); returns its spelling in that list."""
    return check_choice(kind, SCHOOL_KINDS, "Soort school", "kind")


def add_school(session: Session, board: str, name: str, kind: str = REGULAR) -> str:
    """Add a school of a kind (regulier unless told) to a board; returns its name as stored."""
    found = lookup.board(session, board)
    school_name = check_name(name, "de school")
    school_kind = check_school_kind(kind)
    _refuse_duplicate_school(session, found, school_name)
    session.add(School(board_id=found.id, name=school_name, name_key=name_key(school_name), kind=school_kind))
    session.flush()
    return school_name


def rename_school(session: Session, board: str, current: str, name: str, kind: str | None = None) -> str:
    """A school's name and, when given, its kind; returns the name as stored."""
    found = lookup.board(session, board)
    school = _school(session, found, current)
    school_name = check_name(name, "de school")
    school_kind = school.kind if kind is None else check_school_kind(kind)
    _refuse_duplicate_school(session, found, school_name, school.id)
    school.name = school_name
    school.name_key = name_key(school_name)
    school.kind = school_kind
    session.flush()
    return school_name


def delete_school(session: Session, board: str, name: str) -> None:
    """Remove a school that no agreement refers to."""
    found = lookup.board(session, board)
    school = _school(session, found, name)
    numbers = list(session.scalars(select(Agreement.number).where(Agreement.school_id == school.id)
                                   .order_by(Agreement.number)))
    if numbers:
        verb = "verwijst" if len(numbers) == 1 else "verwijzen"
        raise Conflict(f"School {school.name} kan niet worden verwijderd: {_agreements_text(numbers)} "
                       f"{verb} ernaar.")
    _refuse_when_on_questions(session, f"School {school.name}", School.id == school.id)
    session.delete(school)
    session.flush()


def delete_board(session: Session, name: str) -> None:
    """Remove a board (with its schools) that takes part in no school year and has no agreements."""
    board = lookup.board(session, name)
    _refuse_when_used(session, f"Bestuur {board.name}", "het doet mee in schooljaar", YearBoard.board_id,
                      Agreement.board_id, ReserveGrant.board_id, BudgetAdjustment.board_id, board.id)
    _refuse_when_on_questions(session, f"Bestuur {board.name}", School.board_id == board.id)
    session.execute(delete(School).where(School.board_id == board.id))
    session.delete(board)
    session.flush()


def _school(session: Session, board: Board, name: str) -> School:
    school = session.scalar(select(School).where(School.board_id == board.id, School.name_key == name_key(name)))
    if school is None:
        raise NotFound(f"School {quoted(clean_name(name))} hoort niet bij bestuur {board.name}.", field="name")
    return school


def _refuse_duplicate_school(session: Session, board: Board, name: str, own_id: int | None = None) -> None:
    query = select(School).where(School.board_id == board.id, School.name_key == name_key(name))
    if own_id is not None:
        query = query.where(School.id != own_id)
    other = session.scalar(query)
    if other is not None:
        raise Conflict(f"Bestuur {board.name} heeft al een school '{other.name}'.", field="name")


# ---------------------------------------------------------------- providers

def update_provider(session: Session, current: str, cmd: ProviderInput) -> str:
    """Change a provider's name, cluster, contact person and e-mail; returns the name as stored."""
    provider = lookup.provider(session, current)
    name = check_name(cmd.name, "de dienstverlener")
    other = session.scalar(select(Provider).where(Provider.name_key == name_key(name), Provider.id != provider.id))
    if other is not None:
        raise Conflict(f"Er is al een dienstverlener met de naam '{other.name}'.", field="name")
    cluster = clean_name(cmd.cluster)
    if len(cluster) > CLUSTER_LENGTH:
        raise InvalidInput(f"Het cluster is te lang (hoogstens {format_count(CLUSTER_LENGTH)} tekens).", field="cluster")
    provider.cluster = cluster
    provider.contact_person = _check_contact(cmd.contact_person)
    provider.email = check_email(cmd.email)
    provider.name = name
    provider.name_key = name_key(name)
    session.flush()
    return provider.name


def delete_provider(session: Session, name: str) -> None:
    """Remove a provider that has no contract in any school year and no agreements."""
    provider = lookup.provider(session, name)
    _refuse_when_used(session, f"Dienstverlener {provider.name}", "hij heeft een contract in schooljaar",
                      YearProvider.provider_id, Agreement.provider_id, ReserveGrant.provider_id,
                      BudgetAdjustment.provider_id, provider.id)
    session.delete(provider)
    session.flush()


# ---------------------------------------------------------------- shared

def _refuse_when_used(session: Session, subject: str, in_years_text: str, in_year: InstrumentedAttribute[int],
                      on_agreement: InstrumentedAttribute[int], on_grant: InstrumentedAttribute[int],
                      on_budget: InstrumentedAttribute[int], key: int) -> None:
    """Refuse, naming every reason, when a year, an agreement, a grant or an edited budget refers to it."""
    table = in_year.class_
    reasons = []
    labels = list(session.scalars(select(SchoolYear.label).join(table, table.year_id == SchoolYear.id)
                                  .where(in_year == key).order_by(SchoolYear.label)))
    if labels:
        reasons.append(f"{in_years_text} {', '.join(labels)}")
    numbers = list(session.scalars(select(Agreement.number).where(on_agreement == key).order_by(Agreement.number)))
    if numbers:
        reasons.append(f"er zijn {_agreements_text(numbers)}" if len(numbers) > 1
                       else f"er is {_agreements_text(numbers)}")
    for column, words in ((on_grant, "reservetoekenningen"), (on_budget, "aangepaste maandbudgetten")):
        if session.scalar(select(func.count()).select_from(column.class_).where(column == key)):
            reasons.append(f"er zijn {words}")
    if reasons:
        raise Conflict(f"{subject} kan niet worden verwijderd, want {' en '.join(reasons)}.")


def _refuse_when_on_questions(session: Session, subject: str, schools: Any) -> None:
    """A school that drew up a support question stays: the question names it."""
    # The innovation tables are mapped here, when first needed: reading the master data (Stamgegevens) does not.
    from ..orm_innovation import Network, NetworkSchool, QuestionSchool, SupportQuestion

    numbers = list(session.scalars(
        select(SupportQuestion.number).distinct()
        .join(QuestionSchool, QuestionSchool.question_id == SupportQuestion.id)
        .join(School, School.id == QuestionSchool.school_id).where(schools).order_by(SupportQuestion.number)))
    if numbers:
        shown = ", ".join(numbers[:3]) + (" …" if len(numbers) > 3 else "")
        what = f"ondersteuningsvraag {shown}" if len(numbers) == 1 else f"{len(numbers)} ondersteuningsvragen ({shown})"
        raise Conflict(f"{subject} kan niet worden verwijderd: {what} noemt de school.")
    # A school in a network, in any school year, counts for its pupils (budgets per pupil, what is committed).
    members = list(session.execute(
        select(School.name, Network.name, SchoolYear.label).join(NetworkSchool, NetworkSchool.school_id == School.id)
        .join(Network, Network.id == NetworkSchool.network_id).join(SchoolYear, SchoolYear.id == NetworkSchool.year_id)
        .where(schools).order_by(School.name, SchoolYear.label)))
    if members:
        school, network, _ = members[0]
        labels = [label for name, other, label in members if (name, other) == (school, network)]
        years = (labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} en {labels[-1]}" if len(labels) <= 3
                 else f"{len(labels)} schooljaren ({labels[0]} t/m {labels[-1]})")
        raise Conflict(f"{subject} kan niet worden verwijderd: {school} hoort in {years} bij regionaal netwerk "
                       f"{network}; haal de school daar eerst weg (Innovatie → Netwerken…).")


def _agreements_text(numbers: list[str]) -> str:
    shown = ", ".join(numbers[:3]) + (" …" if len(numbers) > 3 else "")
    if len(numbers) == 1:
        return f"overeenkomst {shown}"
    return f"{len(numbers)} overeenkomsten ({shown})"
