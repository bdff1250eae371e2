"""The expert pool and expertise directory (Gouden Gids): who knows what, shown how, reachable where.

Experts and organisations carry out support questions (models.services.innovation) and form the SWV's
directory of expertise. Rows leave this module as ExpertEntry (models.services.innovation_report).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..domain import innovation as rules
from ..domain.errors import Conflict, InvalidInput, NotFound, quoted
from ..domain.names import clean_name, name_key
from ..domain.units import format_count
from ..orm_innovation import Expert, ExpertArea, ExpertiseArea, QuestionExecutor, SupportQuestion
from .innovation_report import ExpertEntry
from .masterdata import NAME_LENGTH, check_email, check_name

KINDS = rules.KINDS
EVIDENCE = rules.EVIDENCE
AREA_LENGTH = 100
PHONE_LENGTH = 40
PLACE_LENGTH = 100
NOTE_LENGTH = 400
_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,}$", re.ASCII)


@dataclass(frozen=True)
class ExpertInput:
    name: str
    is_organisation: bool
    organisation: str
    kind: str
    areas: tuple[str, ...]
    evidence: str
    evidence_note: str
    contact_person: str
    email: str
    phone: str
    place: str
    active: bool = True


def _entry(expert: Expert) -> ExpertEntry:
    return ExpertEntry(
        name=expert.name, is_organisation=expert.is_organisation, organisation=expert.organisation, kind=expert.kind,
        areas=tuple(area.name for area in expert.areas), evidence=expert.evidence,
        evidence_note=expert.evidence_note, contact_person=expert.contact_person, email=expert.email,
        phone=expert.phone, place=expert.place, active=expert.active)


def list_experts(session: Session, *, search: str = "", kind: str | None = None, area: str | None = None,
                 include_inactive: bool = False) -> list[ExpertEntry]:
    """The pool sorted by name; `search` matches name, organisation, place or an area, case-insensitively."""
    query = select(Expert).options(selectinload(Expert.areas))
    if not include_inactive:
        query = query.where(Expert.active.is_(True))
    if kind:
        query = query.where(Expert.kind == rules.check_kind(kind))
    if area:
        query = query.where(exists().where(ExpertArea.expert_id == Expert.id, ExpertArea.area_id == _area(
            session, area).id))
    words = clean_name(search).casefold().split()
    for word in words:
        # SQLite's lower() folds ASCII only; name_key is folded fully, so 'ÉÉN' finds 'één' in names.
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(
            func.lower(Expert.name).like(pattern, escape="\\"),
            func.lower(Expert.organisation).like(pattern, escape="\\"),
            func.lower(Expert.place).like(pattern, escape="\\"),
            exists().where(ExpertArea.expert_id == Expert.id, ExpertArea.area_id == ExpertiseArea.id,
                           func.lower(ExpertiseArea.name).like(pattern, escape="\\")),
            Expert.name_key.like(pattern, escape="\\")))
    experts = sorted(session.scalars(query), key=lambda e: e.name_key)
    return [_entry(e) for e in experts]


def expert(session: Session, name: str) -> ExpertEntry:
    return _entry(_expert(session, name))


def _expert(session: Session, name: str) -> Expert:
    found = session.scalar(select(Expert).where(Expert.name_key == name_key(name)))
    if found is None:
        raise NotFound(f"Deskundige {quoted(clean_name(name))} staat niet in de pool van deskundigen.", field="name")
    return found


def _area(session: Session, name: str) -> ExpertiseArea:
    found = session.scalar(select(ExpertiseArea).where(ExpertiseArea.name_key == name_key(name)))
    if found is None:
        raise NotFound(f"Expertisegebied {quoted(clean_name(name))} bestaat niet; voeg het eerst toe.", field="areas")
    return found


def _text(value: str, what: str, field: str, limit: int) -> str:
    text = clean_name(value)
    if len(text) > limit:
        raise InvalidInput(f"{what} is te lang (hoogstens {format_count(limit)} tekens).", field=field)
    return text


def _apply(session: Session, target: Expert, cmd: ExpertInput) -> None:
    """Check the input and write it onto `target`."""
    name = check_name(cmd.name, "de deskundige")
    other = session.scalar(select(Expert).where(Expert.name_key == name_key(name), Expert.id != target.id)
                           if target.id is not None else select(Expert).where(Expert.name_key == name_key(name)))
    if other is not None:
        raise Conflict(f"Er is al een deskundige met de naam '{other.name}'.", field="name")
    kind = rules.check_kind(cmd.kind)
    evidence = rules.check_evidence(cmd.evidence)
    organisation = "" if cmd.is_organisation else _text(cmd.organisation, "De organisatie", "organisation",
                                                         NAME_LENGTH)
    phone = clean_name(cmd.phone)
    if phone and (not _PHONE.match(phone) or len(phone) > PHONE_LENGTH):
        raise InvalidInput(f"{quoted(phone)} is geen telefoonnummer; schrijf bijvoorbeeld 0174 123 456.", field="phone")
    areas: list[ExpertiseArea] = []
    for area_name in cmd.areas:
        area = _area(session, area_name)
        if area not in areas:
            areas.append(area)
    target.name, target.name_key = name, name_key(name)
    target.is_organisation = bool(cmd.is_organisation)
    target.organisation = organisation
    target.kind = kind
    target.evidence = evidence
    target.evidence_note = _text(cmd.evidence_note, "De toelichting op het bewijs", "evidence_note", NOTE_LENGTH)
    target.contact_person = _text(cmd.contact_person, "De contactpersoon", "contact_person", NAME_LENGTH)
    target.email = check_email(cmd.email)
    target.phone = phone
    target.place = _text(cmd.place, "De plaats", "place", PLACE_LENGTH)
    target.active = bool(cmd.active)
    target.areas = sorted(areas, key=lambda a: a.name_key)


def add_expert(session: Session, cmd: ExpertInput) -> str:
    """Add an expert or organisation to the pool; returns the name as stored."""
    expert_row = Expert()
    _apply(session, expert_row, cmd)
    session.add(expert_row)
    session.flush()
    return expert_row.name


def update_expert(session: Session, old_name: str, cmd: ExpertInput) -> str:
    expert_row = _expert(session, old_name)
    _apply(session, expert_row, cmd)
    session.flush()
    return expert_row.name


def save_expert(session: Session, old_name: str | None, cmd: ExpertInput, new_areas: Sequence[str] = ()) -> str:
    """The expert dialog's save: its new areas and the entry itself (new when `old_name` is None), in one
    transaction; returns the name as stored."""
    for area in new_areas:
        add_area(session, area)
    return add_expert(session, cmd) if old_name is None else update_expert(session, old_name, cmd)


def remove_expert(session: Session, name: str) -> None:
    """Remove an expert that carries out no support question (else: set it to not active)."""
    expert_row = _expert(session, name)
    numbers = list(session.scalars(
        select(SupportQuestion.number).join(QuestionExecutor, QuestionExecutor.question_id == SupportQuestion.id)
        .where(QuestionExecutor.expert_id == expert_row.id).order_by(SupportQuestion.number)))
    if numbers:
        shown = ", ".join(numbers[:3]) + (" …" if len(numbers) > 3 else "")
        raise Conflict(f"Deskundige {expert_row.name} kan niet weg: uitvoerder van {shown}; zet de deskundige op "
                       "niet actief.")
    session.delete(expert_row)
    session.flush()


def list_areas(session: Session) -> list[str]:
    return [a.name for a in sorted(session.scalars(select(ExpertiseArea)), key=lambda a: a.name_key)]


def add_area(session: Session, name: str) -> str:
    area_name = _text(name, "Het expertisegebied", "name", AREA_LENGTH)
    if not area_name:
        raise InvalidInput("Geef het expertisegebied een naam.", field="name")
    other = session.scalar(select(ExpertiseArea).where(ExpertiseArea.name_key == name_key(area_name)))
    if other is not None:
        raise Conflict(f"Expertisegebied '{other.name}' bestaat al.", field="name")
    session.add(ExpertiseArea(name=area_name, name_key=name_key(area_name)))
    session.flush()
    return area_name


def ensure_areas(session: Session) -> None:
    """A database without any area gets the initial list (the migration seeds it too)."""
    if session.scalar(select(func.count(ExpertiseArea.id))) == 0:
        for area_name in rules.DEFAULT_AREAS:
            session.add(ExpertiseArea(name=area_name, name_key=name_key(area_name)))
        session.flush()
