"""The stored rows of innovation that a name refers to; a refusal names the field when there is none."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain import innovation as rules
from ...domain.errors import NotFound
from ...domain.names import clean_name, name_key
from ...orm import School
from ...orm_innovation import Expert, InnovationTheme, Network, SupportQuestion
from .. import lookup


def network(session: Session, name: str) -> Network:
    found = session.scalar(select(Network).where(Network.name_key == name_key(name)))
    if found is None:
        raise NotFound(f"Netwerk '{clean_name(name)}' bestaat niet.", field="network")
    return found


def scope(session: Session, name: str) -> Network | None:
    """The network a question draws on, None for 'Bovenregionaal' (the supra-regional budget)."""
    if name_key(name) == name_key(rules.SUPRA_REGIONAL):
        return None
    return network(session, name)


def themes(session: Session) -> list[InnovationTheme]:
    return list(session.scalars(select(InnovationTheme).order_by(InnovationTheme.position, InnovationTheme.id)))


def theme(session: Session, name: str | None) -> InnovationTheme:
    if name is None or not clean_name(name):
        found = session.scalar(select(InnovationTheme).where(InnovationTheme.is_base.is_(True))
                               .order_by(InnovationTheme.position))
        if found is None:
            found = ensure_themes(session)[0]
        return found
    found = session.scalar(select(InnovationTheme).where(InnovationTheme.name_key == name_key(name)))
    if found is None:
        names = ", ".join(t.name for t in themes(session))
        raise NotFound(f"Thema '{clean_name(name)}' bestaat niet; kies uit {names}.", field="theme")
    return found


def school(session: Session, board: str, school: str) -> School:
    found_board = lookup.board(session, board)
    found = session.scalar(select(School).where(School.board_id == found_board.id,
                                                School.name_key == name_key(school)))
    if found is None:
        raise NotFound(f"School '{clean_name(school)}' hoort niet bij bestuur {found_board.name}.", field="schools")
    return found


def expert(session: Session, name: str) -> Expert:
    found = session.scalar(select(Expert).where(Expert.name_key == name_key(name)))
    if found is None:
        raise NotFound(f"Deskundige '{clean_name(name)}' staat niet in de pool van deskundigen.", field="executors")
    return found


def question(session: Session, number: str) -> SupportQuestion:
    text = str(number).strip()
    found = session.scalar(select(SupportQuestion).where(SupportQuestion.number == text))
    if found is None:
        raise NotFound(f"Ondersteuningsvraag {text} bestaat niet.", field="number")
    return found


def ensure_themes(session: Session) -> list[InnovationTheme]:
    """The themes; a database without any gets the three of 2019 (the migration seeds them too)."""
    found = themes(session)
    if not found:
        for position, (name, is_base, _) in enumerate(rules.DEFAULT_THEMES):
            session.add(InnovationTheme(name=name, name_key=name_key(name), position=position, is_base=is_base))
        session.flush()
        found = themes(session)
    return found
