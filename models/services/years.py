"""Creating and replacing the set-up of a school year."""
from __future__ import annotations

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from ..domain.errors import Conflict
from ..domain.names import clean_name, name_key
from ..domain.setup import YearSetup, validate
from ..domain.units import MINUTES_PER_HOUR
from ..orm import (
    Agreement, Board, BudgetAdjustment, MonthEvent, Provider, ReserveGrant, SchoolYear, YearBoard,
    YearProvider,
)


def is_empty(session: Session) -> bool:
    """True when the database holds no data at all (no year, board or provider)."""
    return not any(session.scalar(select(exists().select_from(table))) for table in
                   (SchoolYear, Board, Provider))


def holds_activity(session: Session, year_id: int) -> bool:
    """Whether a year holds more than its set-up (agreements, grants, month events, edited budgets)."""
    return any(
        session.scalar(select(exists().where(table.year_id == year_id)))
        for table in (Agreement, ReserveGrant, MonthEvent, BudgetAdjustment)
    )


def create_or_replace(session: Session, setup: YearSetup, *, is_demo: bool = False) -> SchoolYear:
    """Store a validated set-up; an existing year is replaced only while it holds nothing else."""
    setup = validate(setup)
    year = session.scalar(select(SchoolYear).where(SchoolYear.label == setup.label))
    if year is not None:
        if holds_activity(session, year.id):
            raise Conflict(
                f"Schooljaar {setup.label} bevat al overeenkomsten, toekenningen, afgesloten maanden "
                "of aangepaste budgetten; de opzet kan niet meer worden vervangen.")
        session.execute(delete(YearBoard).where(YearBoard.year_id == year.id))
        session.execute(delete(YearProvider).where(YearProvider.year_id == year.id))
        session.expire(year)
    else:
        year = SchoolYear(label=setup.label)
        session.add(year)
    year.first_month = str(setup.first_month)
    year.last_month = str(setup.last_month)
    year.rounding = setup.rounding.value
    year.is_demo = is_demo
    session.flush()
    for position, p in enumerate(setup.providers):
        provider = _provider(session, p.name)
        if p.cluster:
            provider.cluster = p.cluster
        session.add(YearProvider(
            year_id=year.id, provider_id=provider.id, position=position,
            contract_minutes=p.contract_hours * MINUTES_PER_HOUR,
            reserve_minutes=p.reserve_hours * MINUTES_PER_HOUR))
    for position, b in enumerate(setup.boards):
        board = _board(session, b.name)
        if b.contact_person:
            board.contact_person = b.contact_person
        if b.email:
            board.email = b.email
        assert b.key is not None  # validate() filled it in
        session.add(YearBoard(
            year_id=year.id, board_id=board.id, position=position, pupil_share=b.pupil_share,
            key_share=b.key, minimum_share=b.minimum))
    session.flush()
    return year


def _board(session: Session, name: str) -> Board:
    found = session.scalar(select(Board).where(Board.name_key == name_key(name)))
    if found is None:
        found = Board(name=clean_name(name), name_key=name_key(name))
        session.add(found)
        session.flush()
    return found


def _provider(session: Session, name: str) -> Provider:
    found = session.scalar(select(Provider).where(Provider.name_key == name_key(name)))
    if found is None:
        found = Provider(name=clean_name(name), name_key=name_key(name))
        session.add(found)
        session.flush()
    return found


def count_years(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SchoolYear)) or 0
