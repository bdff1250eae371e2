"""What a school year holds of innovation: its own theme settings and network membership once opened,
else what it takes over.

Membership is kept per school year. A year that has been opened (open_year: its theme settings, budgets and
membership stored) has its own membership, empty or not; a year that has not been opened holds no innovation
data of its own and reads the membership of the latest earlier year that has one, until open_year copies it.
Every change opens its year first, so an edit in one year never moves another year's figures.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ...domain import innovation as rules
from ...domain.names import name_key
from ...orm import Board, School, SchoolYear
from ...orm_innovation import (
    InnovationTheme, Network, NetworkBudget, NetworkSchool, SchoolPupils, SupportQuestion, SupraBudget, ThemeYear,
)
from .. import lookup
from . import find


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


def membership(session: Session, year_row: SchoolYear) -> dict[int, int]:
    """school id -> network id in a year."""
    source = _membership_year(session, year_row)
    if source is None:
        return {}
    return {school_id: network_id for school_id, network_id in session.execute(
        select(NetworkSchool.school_id, NetworkSchool.network_id).where(NetworkSchool.year_id == source))}


def school_names(session: Session) -> dict[int, tuple[str, str]]:
    """school id -> (school, board)."""
    return {school_id: (school, board) for school_id, school, board in session.execute(
        select(School.id, School.name, Board.name).join(Board, School.board_id == Board.id))}


def pupil_counts(session: Session, year_row: SchoolYear) -> dict[int, int]:
    """school id -> pupils in a year."""
    return {school_id: int(pupils) for school_id, pupils in session.execute(
        select(SchoolPupils.school_id, SchoolPupils.pupils).where(SchoolPupils.year_id == year_row.id))}


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


def settings(session: Session, year_row: SchoolYear) -> list[tuple[InnovationTheme, int, int | None, str]]:
    """(theme, standard, rate, basis) of every theme in a year, stored or (not yet opened) by default."""
    stored = {row.theme_id: row for row in session.scalars(select(ThemeYear).where(ThemeYear.year_id == year_row.id))}
    result = []
    for theme in find.themes(session):
        row = stored.get(theme.id)
        if row is not None:
            result.append((theme, row.standard_cents, row.rate_cents, row.basis))
        else:
            result.append((theme, *_default_setting(session, year_row, theme)))
    return result


def open_year(session: Session, year: str) -> int:
    """Store the theme settings, every network's budgets (following the standard) and, for a year that has
    none yet, the membership of the latest earlier year that has one; returns the rows created."""
    year_row = lookup.year(session, year)
    find.ensure_themes(session)
    created = 0
    source = _membership_year(session, year_row)
    if source is not None and source != year_row.id:
        for school_id, network_id in session.execute(
                select(NetworkSchool.school_id, NetworkSchool.network_id).where(NetworkSchool.year_id == source)
                .order_by(NetworkSchool.id)).all():
            session.add(NetworkSchool(year_id=year_row.id, network_id=network_id, school_id=school_id))
            created += 1
    stored_settings = set(session.scalars(select(ThemeYear.theme_id).where(ThemeYear.year_id == year_row.id)))
    year_settings = settings(session, year_row)
    for theme, standard, rate, basis in year_settings:
        if theme.id not in stored_settings:
            session.add(ThemeYear(year_id=year_row.id, theme_id=theme.id, standard_cents=standard, rate_cents=rate,
                                  basis=basis))
            created += 1
    stored = {(network_id, theme_id) for network_id, theme_id in session.execute(
        select(NetworkBudget.network_id, NetworkBudget.theme_id).where(NetworkBudget.year_id == year_row.id))}
    for network_id in session.scalars(select(Network.id).order_by(Network.id)):
        for theme, _standard, _rate, basis in year_settings:
            if (network_id, theme.id) not in stored:
                session.add(NetworkBudget(year_id=year_row.id, network_id=network_id, theme_id=theme.id,
                                          entered_cents=None, basis=basis))
                created += 1
    session.flush()
    return created


def years_with_innovation(session: Session) -> list[str]:
    """School years holding any innovation data (settings, budgets, membership, pupil counts or questions)."""
    tables = (ThemeYear, NetworkBudget, NetworkSchool, SchoolPupils, SupportQuestion, SupraBudget)
    condition = [exists().where(table.year_id == SchoolYear.id) for table in tables]
    return list(session.scalars(select(SchoolYear.label).where(or_(*condition)).order_by(SchoolYear.label)))
