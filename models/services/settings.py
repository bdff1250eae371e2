"""The SWV's own settings, kept in the database so that every user and the command line share them: its name
above the reports, and the address and signature of the e-mail drafts the secretariat sends."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InvalidInput
from ..domain.privacy import check_text
from ..domain.units import format_count
from ..orm import Setting

DEFAULT_SWV_NAME = "Samenwerkingsverband"
SWV_NAME = "swv_name"
SENDER_EMAIL = "sender_email"
SIGNATURE = "signature"
NAME_LENGTH = 120  # also the longest value a setting holds


def _value(session: Session, key: str) -> str:
    return session.scalar(select(Setting.value).where(Setting.key == key)) or ""


def _store(session: Session, key: str, value: str) -> str:
    """Keep `value` under `key`; an empty value removes the setting."""
    row = session.scalar(select(Setting).where(Setting.key == key))
    if not value:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()
    return value


def swv_name(session: Session) -> str:
    """The SWV's name above the reports and letters; 'Samenwerkingsverband' until one is set."""
    return _value(session, SWV_NAME) or DEFAULT_SWV_NAME


def has_swv_name(session: Session) -> bool:
    return session.scalar(select(Setting.id).where(Setting.key == SWV_NAME)) is not None


def set_swv_name(session: Session, name: str) -> str:
    """Set the SWV's name (white space collapsed); refused when empty or longer than 120 characters."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise InvalidInput("Vul de naam van het samenwerkingsverband in.", field="swv_name")
    if len(cleaned) > NAME_LENGTH:
        raise InvalidInput(f"De naam van het samenwerkingsverband is te lang (hoogstens {format_count(NAME_LENGTH)} tekens).",
                           field="swv_name")
    return _store(session, SWV_NAME, cleaned)


def sender_email(session: Session) -> str:
    """The secretariat's address, the sender (From) of the e-mail drafts; '' until one is set."""
    return _value(session, SENDER_EMAIL)


def set_sender_email(session: Session, address: str) -> str:
    """Set the sender's address; empty removes it (the drafts then have no From: the mail program fills it in)."""
    from .masterdata import check_email

    return _store(session, SENDER_EMAIL, check_email(address))


def signature(session: Session) -> str:
    """The lines under the e-mail drafts (name, function, telephone); '' until set."""
    return _value(session, SIGNATURE)


def set_signature(session: Session, text: str) -> str:
    """Set the signature: its lines trimmed, empty lines at either end dropped, at most 120 characters; empty
    removes it. Like every free text it may hold nothing that looks like a pupil's BSN or birth date."""
    lines = [" ".join(line.split()) for line in str(text).replace("\r\n", "\n").replace("\\n", "\n").split("\n")]
    cleaned = check_text("\n".join(lines).strip("\n"), "Ondertekening", field="signature")
    if len(cleaned) > NAME_LENGTH:
        raise InvalidInput(f"De ondertekening is te lang: {format_count(len(cleaned))} tekens, hoogstens {format_count(NAME_LENGTH)}.",
                           field="signature")
    return _store(session, SIGNATURE, cleaned)


def set_sender(session: Session, address: str, text: str) -> tuple[str, str]:
    """Set the sending address and the signature together (one user action): both or, when one is refused,
    neither."""
    return set_sender_email(session, address), set_signature(session, text)
