"""Creating and replacing the set-up of a school year."""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.orm import Session

from ..domain import innovation as innovation_rules
from ..domain.errors import Conflict
from ..domain.names import clean_name, name_key
from ..domain.setup import YearSetup, validate
from ..domain.units import MINUTES_PER_HOUR
from ..orm import (
    Agreement, Board, BudgetAdjustment, MonthEvent, Provider, ReserveGrant, SchoolYear, YearBoard, YearProvider,
)
from ..orm_innovation import InnovationTheme, NetworkBudget, NetworkSchool, SchoolPupils, SupportQuestion, ThemeYear


def is_empty(session: Session) -> bool:
    """True when the database holds no data at all (no year, board or provider)."""
    return not any(session.scalar(select(exists().select_from(table))) for table in
                   (SchoolYear, Board, Provider))


def activity(session: Session, year_id: int) -> list[str]:
    """What a year holds beyond its set-up, in Dutch words ("overeenkomsten", "ondersteuningsvragen", ...);
    empty while the set-up may still be replaced.

    The innovation scheme counts with every row a user made for the year. Rows the app makes by itself when
    a year is first used there (services.innovation.year_data.open_year: the themes' settings taken over from the
    year before, every network's budget following the standard, the membership of the year before) count only
    where they differ from what open_year would make, so opening a year alone does not block a re-import."""
    found = [what for what, condition in (
        ("overeenkomsten", exists().where(Agreement.year_id == year_id)),
        ("reservetoekenningen", exists().where(ReserveGrant.year_id == year_id)),
        ("afgesloten of heropende maanden", exists().where(MonthEvent.year_id == year_id)),
        ("aangepaste maandbudgetten", exists().where(BudgetAdjustment.year_id == year_id)),
        ("ondersteuningsvragen", exists().where(SupportQuestion.year_id == year_id)),
        ("leerlingaantallen van scholen", exists().where(SchoolPupils.year_id == year_id)),
        ("eigen budgetten van netwerken", exists().where(NetworkBudget.year_id == year_id, or_(
            NetworkBudget.entered_cents.is_not(None),
            ~exists().where(ThemeYear.year_id == year_id, ThemeYear.theme_id == NetworkBudget.theme_id,
                            ThemeYear.basis == NetworkBudget.basis)))),
    ) if session.scalar(select(condition))]
    if _themes_changed(session, year_id):
        found.append("aangepaste instellingen van innovatiethema's")
    if _membership_changed(session, year_id):
        found.append("een eigen indeling van scholen in netwerken")
    return found


def holds_activity(session: Session, year_id: int) -> bool:
    """Whether a year holds more than its set-up (see `activity`)."""
    return bool(activity(session, year_id))


def _label(session: Session, year_id: int) -> str:
    return session.scalar(select(SchoolYear.label).where(SchoolYear.id == year_id)) or ""


def _themes_changed(session: Session, year_id: int) -> bool:
    """A theme's setting of the year differs from the one open_year takes over: the latest earlier year's,
    else the amount of 2019."""
    label = _label(session, year_id)
    defaults = {name_key(name): cents for name, _, cents in innovation_rules.DEFAULT_THEMES}
    for row, theme_key in session.execute(
            select(ThemeYear, InnovationTheme.name_key).join(InnovationTheme, ThemeYear.theme_id == InnovationTheme.id)
            .where(ThemeYear.year_id == year_id)).all():
        earlier = session.execute(
            select(ThemeYear.standard_cents, ThemeYear.rate_cents, ThemeYear.basis)
            .join(SchoolYear, ThemeYear.year_id == SchoolYear.id)
            .where(ThemeYear.theme_id == row.theme_id, SchoolYear.label < label)
            .order_by(SchoolYear.label.desc()).limit(1)).first()
        expected = (tuple(earlier) if earlier is not None
                    else (defaults.get(theme_key, 0), None, innovation_rules.BASIS_ENTERED))
        if (row.standard_cents, row.rate_cents, row.basis) != expected:
            return True
    return False


def _opened(year_id: Any) -> Any:
    """SQL condition: the year holds innovation settings or membership of its own (as in
    services.innovation.year_data)."""
    return or_(exists().where(ThemeYear.year_id == year_id), exists().where(NetworkSchool.year_id == year_id))


def _membership_changed(session: Session, year_id: int) -> bool:
    """The year's own membership differs from the one open_year copies: the latest earlier opened year's."""
    if not session.scalar(select(_opened(year_id))):
        return False  # never used in the innovation scheme: it reads the membership of the year before
    source = session.scalar(select(SchoolYear.id).where(SchoolYear.label < _label(session, year_id),
                                                        _opened(SchoolYear.id))
                            .order_by(SchoolYear.label.desc()).limit(1))

    def membership(year: int | None) -> set[tuple[int, int]]:
        if year is None:
            return set()
        return {(school, network) for school, network in session.execute(
            select(NetworkSchool.school_id, NetworkSchool.network_id).where(NetworkSchool.year_id == year))}

    return membership(year_id) != membership(source)


def create_or_replace(session: Session, setup: YearSetup, *, is_demo: bool = False) -> SchoolYear:
    """Store a validated set-up; an existing year is replaced only while it holds nothing else."""
    setup = validate(setup)
    year = session.scalar(select(SchoolYear).where(SchoolYear.label == setup.label))
    if year is not None:
        held = activity(session, year.id)
        if held:
            raise Conflict(f"Schooljaar {setup.label} bevat al {_enumeration(held)}; de opzet kan niet meer "
                           "worden vervangen.")
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


def _enumeration(words: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} en {words[-1]}"
