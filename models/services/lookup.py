"""Finding what the user names: a year by label, a board or provider by name, an agreement by number."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import NotFound, clip, quoted
from ..domain.months import Month, month_range
from ..domain.names import clean_name, name_key
from ..orm import Agreement, Board, Provider, SchoolYear, YearBoard, YearProvider


def year(session: Session, label: str) -> SchoolYear:
    found = session.scalar(select(SchoolYear).where(SchoolYear.label == str(label).strip()))
    if found is None:
        raise NotFound(f"Schooljaar {clip(label)} bestaat niet.", field="year")
    return found


def year_months(year_row: SchoolYear) -> list[Month]:
    return month_range(Month.parse(year_row.first_month), Month.parse(year_row.last_month))


def month_of_year(year_row: SchoolYear, value: object) -> Month:
    month = Month.parse(value)
    if str(month) < year_row.first_month or str(month) > year_row.last_month:
        raise NotFound(
            f"{month.label.capitalize()} is geen budgetmaand van schooljaar {year_row.label} "
            f"({Month.parse(year_row.first_month).label} t/m {Month.parse(year_row.last_month).label}).",
            field="month")
    return month


def board(session: Session, name: str) -> Board:
    found = session.scalar(select(Board).where(Board.name_key == name_key(name)))
    if found is None:
        raise NotFound(f"Schoolbestuur {quoted(clean_name(name))} bestaat niet.", field="board")
    return found


def provider(session: Session, name: str) -> Provider:
    found = session.scalar(select(Provider).where(Provider.name_key == name_key(name)))
    if found is None:
        raise NotFound(f"Dienstverlener {quoted(clean_name(name))} bestaat niet.", field="provider")
    return found


def year_board(session: Session, year_row: SchoolYear, name: str) -> YearBoard:
    b = board(session, name)
    found = session.scalar(select(YearBoard).where(YearBoard.year_id == year_row.id, YearBoard.board_id == b.id))
    if found is None:
        raise NotFound(f"Schoolbestuur {b.name} doet niet mee in schooljaar {year_row.label}.", field="board")
    return found


def year_provider(session: Session, year_row: SchoolYear, name: str) -> YearProvider:
    p = provider(session, name)
    found = session.scalar(
        select(YearProvider).where(YearProvider.year_id == year_row.id, YearProvider.provider_id == p.id))
    if found is None:
        raise NotFound(f"Dienstverlener {p.name} heeft geen contract in schooljaar {year_row.label}.",
                       field="provider")
    return found


def agreement(session: Session, number: str, *, for_update: bool = False) -> Agreement:
    query = select(Agreement).where(Agreement.number == str(number).strip())
    if for_update:
        query = query.with_for_update()
    found = session.scalar(query)
    if found is None:
        raise NotFound(f"Overeenkomst {clip(number)} bestaat niet.", field="agreement")
    return found


def year_labels(session: Session) -> list[str]:
    return list(session.scalars(select(SchoolYear.label).order_by(SchoolYear.label)))


@dataclass(frozen=True)
class YearChoices:
    """What the forms of a year offer to pick from: boards (with their schools and contact person),
    providers and budget months, in the order of the year's set-up."""

    year: str
    boards: tuple[str, ...]
    providers: tuple[str, ...]
    months: tuple[Month, ...]
    schools: dict[str, tuple[str, ...]]
    board_contacts: dict[str, str]


def provider_names(session: Session, label: str) -> list[str]:
    """The providers of a year by name, in the year's order (what `choices` gives, without the schools)."""
    found = year(session, label)
    return list(session.scalars(select(Provider.name).join(YearProvider, YearProvider.provider_id == Provider.id)
                                .where(YearProvider.year_id == found.id).order_by(YearProvider.position)))


def months(session: Session, label: str) -> list[Month]:
    """The budget months of a year (what `choices` gives, without its boards, providers and schools)."""
    return year_months(year(session, label))


def choices(session: Session, label: str) -> YearChoices:
    found = year(session, label)
    boards = [yb.board for yb in found.boards]
    return YearChoices(
        found.label, tuple(b.name for b in boards), tuple(yp.provider.name for yp in found.providers),
        tuple(year_months(found)), {b.name: tuple(s.name for s in b.schools) for b in boards},
        {b.name: b.contact_person for b in boards})
