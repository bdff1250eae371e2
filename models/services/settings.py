"""The SWV's own settings, kept in the database so that every user and the command line share them."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InvalidInput
from ..orm import Setting

DEFAULT_SWV_NAME = "Samenwerkingsverband"
SWV_NAME = "swv_name"
NAME_LENGTH = 120


def swv_name(session: Session) -> str:
    """The SWV's name above the reports and letters; 'Samenwerkingsverband' until one is set."""
    value = session.scalar(select(Setting.value).where(Setting.key == SWV_NAME))
    return value or DEFAULT_SWV_NAME


def has_swv_name(session: Session) -> bool:
    return session.scalar(select(Setting.id).where(Setting.key == SWV_NAME)) is not None


def set_swv_name(session: Session, name: str) -> str:
    """Set the SWV's name (white space collapsed); refused when empty or longer than 120 characters."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise InvalidInput("Vul de naam van het samenwerkingsverband in.", field="swv_name")
    if len(cleaned) > NAME_LENGTH:
        raise InvalidInput(f"De naam van het samenwerkingsverband is te lang (hoogstens {NAME_LENGTH} tekens).",
                           field="swv_name")
    row = session.scalar(select(Setting).where(Setting.key == SWV_NAME))
    if row is None:
        session.add(Setting(key=SWV_NAME, value=cleaned))
    else:
        row.value = cleaned
    session.flush()
    return cleaned
