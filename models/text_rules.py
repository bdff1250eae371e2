"""Privacy (AVG) and form of every text the database takes, checked where every write passes.

Like models.limits for lengths: a session listener checks, before each flush, every text column of every row
the flush inserts (and the changed ones of every row it updates), and the values of every INSERT and UPDATE
the services send through the session without a flush (an hour sheet's bulk insert, a bulk `update(...)`).
Each text column of models.orm has its rule in RULES; a column without an entry fails the tests. The services keep their own checks where those give a
better message early (the form field); this is the backstop, so a new field or command cannot forget it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, UOWTransaction
from sqlalchemy.sql.elements import ClauseElement

from .domain.privacy import check_email, check_line, check_pupil_code, check_text
from .limits import UncheckedText, statement_rows
from .orm import Base, load_all


class Rule(Enum):
    TEXT = "vrije tekst"  # BSN, dates, reading-direction characters
    NAME = "naam"  # the same, on one line
    EMAIL = "e-mailadres"  # the same, and the form of an address
    PUPIL_CODE = "leerlingcode"  # stricter: a code is short


@dataclass(frozen=True)
class Exempt:
    """A text column no user types into freely; `why` says what holds it to its form."""

    why: str


_DERIVED = Exempt("afgeleid van de naam (models.domain.names)")
_MONTH = Exempt("een maand JJJJ-MM (CHECK in de database)")
_CHOICE = Exempt("een vaste keuze (CHECK in de database of de service)")
_NUMBER = Exempt("een volgnummer dat de app zelf geeft")

RULES: dict[str, Rule | Exempt] = {
    "school_year.label": Exempt("het schooljaar JJJJ-JJJJ, gecontroleerd door de service"),
    "school_year.first_month": _MONTH, "school_year.last_month": _MONTH, "school_year.rounding": _CHOICE,
    "board.name": Rule.NAME, "board.name_key": _DERIVED, "board.contact_person": Rule.NAME,
    "board.email": Rule.EMAIL,
    "school.name": Rule.NAME, "school.name_key": _DERIVED, "school.kind": _CHOICE,
    "provider.name": Rule.NAME, "provider.name_key": _DERIVED, "provider.cluster": Rule.NAME,
    "provider.contact_person": Rule.NAME, "provider.email": Rule.EMAIL,
    "budget_adjustment.month": _MONTH, "budget_adjustment.note": Rule.TEXT,
    "agreement.number": _NUMBER, "agreement.kind": _CHOICE, "agreement.description": Rule.TEXT,
    "agreement.pupil_ref": Rule.PUPIL_CODE, "agreement.first_month": _MONTH, "agreement.last_month": _MONTH,
    "agreement.status": _CHOICE, "agreement.board_contact": Rule.NAME, "agreement.provider_contact": Rule.NAME,
    "hour_entry.month": _MONTH, "hour_entry.note": Rule.TEXT, "hour_entry.source": _CHOICE,
    "reserve_grant.month": _MONTH, "reserve_grant.reason": Rule.TEXT,
    "month_event.month": _MONTH, "month_event.action": _CHOICE, "month_event.reason": Rule.TEXT,
    "month_event.user": Exempt("de gebruikersnaam van de computer, door de app ingevuld"),
    "audit_entry.user": Exempt("de gebruikersnaam van de computer, door de app ingevuld"),
    "audit_entry.action": _CHOICE, "audit_entry.entity": Exempt("de naam van een tabel, door de app ingevuld"),
    "audit_entry.before": Exempt("JSON van velden die zelf al zijn gecontroleerd; leerlingcodes verborgen"),
    "audit_entry.after": Exempt("JSON van velden die zelf al zijn gecontroleerd; leerlingcodes verborgen"),
    "network.name": Rule.NAME, "network.name_key": _DERIVED,
    "innovation_theme.name": Rule.NAME, "innovation_theme.name_key": _DERIVED,
    "theme_year.basis": _CHOICE, "network_budget.basis": _CHOICE,
    "expert.name": Rule.NAME, "expert.name_key": _DERIVED, "expert.organisation": Rule.NAME,
    "expert.kind": _CHOICE, "expert.evidence": _CHOICE, "expert.evidence_note": Rule.TEXT,
    "expert.contact_person": Rule.NAME, "expert.email": Rule.EMAIL, "expert.phone": Rule.NAME,
    "expert.place": Rule.NAME,
    "expertise_area.name": Rule.NAME, "expertise_area.name_key": _DERIVED,
    "support_question.number": _NUMBER, "support_question.title": Rule.NAME,
    "support_question.description": Rule.TEXT, "support_question.status": _CHOICE,
    "support_question.report_title": Rule.NAME, "support_question.withdraw_reason": Rule.TEXT,
    "setting.key": Exempt("de naam van een instelling, vast in de app"),
    "setting.value": Rule.TEXT,  # the SWV's name, sending address, and a signature of several lines
    "board_update.month": _MONTH, "board_update.email": Rule.EMAIL,
    "board_update.user": Exempt("de gebruikersnaam van de computer, door de app ingevuld"),
    "report_file.file_name": Rule.NAME, "report_file.kind": _CHOICE,
    "report_file.media_type": Exempt("het bestandstype, door de app bepaald uit de inhoud"),
    "report_file.sha256": Exempt("de vingerafdruk van het bestand, door de app berekend"),
    "report_file.text": Exempt("de tekst van een verslag: bij het inlezen met dezelfde regel gecontroleerd, met "
                               "de pagina en de woorden eromheen in de weigering"),
    "report_file.added_by": Exempt("de gebruikersnaam van de computer, door de app ingevuld"),
}

_CHECKS: dict[Rule, Callable[..., str]] = {Rule.TEXT: check_text, Rule.NAME: check_line, Rule.EMAIL: check_email}


def text_columns() -> list[str]:
    """Every text column of the models, as 'table.column'."""
    load_all()
    return [f"{table.name}.{column.name}" for table in Base.metadata.sorted_tables for column in table.columns
            if isinstance(column.type, String)]


def what(table: str, column: str) -> str:
    """The field in Dutch, for the message: 'Naam van school', 'Omschrijving van overeenkomst'."""
    from .audit import ENTITY_NAMES
    from .services.audit_log import FIELD_LABELS

    return f"{FIELD_LABELS.get(column, column).capitalize()} van {ENTITY_NAMES.get(table, table)}"


def check_value(table: str, column: str, value: Any) -> None:
    """Refuse (InvalidInput, naming the field in Dutch) a value its column's rule does not allow."""
    rule = RULES.get(f"{table}.{column}")
    if isinstance(rule, Rule) and isinstance(value, str) and value:
        if rule is Rule.PUPIL_CODE:
            check_pupil_code(value, field=column)
        else:
            _CHECKS[rule](value, what(table, column), field=column)


@functools.cache
def _ruled(mapper: Mapper[Any]) -> tuple[tuple[str, str, str], ...]:
    """(attribute, table, column) of a model's columns that have a Rule (once per model: a sheet flushes
    thousands of rows)."""
    table = mapper.tables[0].name
    return tuple((attr.key, table, attr.columns[0].name) for attr in mapper.column_attrs
                 if isinstance(RULES.get(f"{table}.{attr.columns[0].name}"), Rule))


def check_row(obj: Base, *, only_changed: bool) -> None:
    state = inspect(obj)
    for key, table, column in _ruled(state.mapper):
        if only_changed and not state.attrs[key].history.has_changes():
            continue
        check_value(table, column, state.dict.get(key))


def _before_flush(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    for obj in session.new:
        if isinstance(obj, Base):
            check_row(obj, only_changed=False)
    for obj in session.dirty:
        if isinstance(obj, Base):
            check_row(obj, only_changed=True)


def _bulk(state: ORMExecuteState) -> None:
    """An INSERT or UPDATE sent through the session, which no flush sees: an hour sheet's one insert, a bulk
    `update(...)`. Its values are checked like a flushed row's; a text column set to an SQL expression cannot
    be, and is a programming error (UncheckedText), never written unchecked."""
    found = statement_rows(state)
    if found is None:
        return
    table, rows = found
    for row in rows:
        for column, value in row.items():
            if isinstance(value, ClauseElement):
                if isinstance(RULES.get(f"{table.name}.{column.name}"), Rule):
                    raise UncheckedText(f"{table.name}.{column.name} wordt gezet op een SQL-uitdrukking "
                                        f"({str(value)[:60]}); de tekstregel kan die niet zien.")
                continue
            check_value(table.name, column.name, value)


def install() -> None:
    """Listen on every Session (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "do_orm_execute", _bulk)
