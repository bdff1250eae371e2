"""The audit trail: every change to the data, with who and when, in the same transaction.

A session listener writes one audit row per inserted, changed or deleted row while the
flush runs, so the change and its record commit (or roll back) together. Pupil
references are never copied into the trail: it notes only that one changed.
"""
from __future__ import annotations

import datetime as dt
import functools
import getpass
import json
from typing import Any

from sqlalchemy import event, inspect, insert
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, UOWTransaction, object_session

from .orm import AuditEntry, Base

HIDDEN = {"pupil_ref"}  # never in the trail: privacy (AVG)
SKIPPED = {"name_key",  # derived from name
           "content", "text"}  # a report's bytes and the text read from them: the trail keeps its name, size, sha256
ENTITY_NAMES = {
    "school_year": "schooljaar", "board": "schoolbestuur", "school": "school", "provider": "dienstverlener",
    "year_provider": "contract", "year_board": "verdeling", "budget_adjustment": "maandbudget",
    "agreement": "overeenkomst", "hour_entry": "uren", "reserve_grant": "reservetoekenning",
    "month_event": "maand",
    "network": "netwerk", "network_school": "netwerkschool", "school_pupils": "leerlingenaantal",
    "innovation_theme": "thema", "theme_year": "thema-instelling", "network_budget": "netwerkbudget",
    "expert": "deskundige", "expertise_area": "expertisegebied", "expert_area": "expertise van deskundige",
    "support_question": "ondersteuningsvraag", "question_school": "school van vraag",
    "question_executor": "uitvoerder", "setting": "instelling", "board_update": "stand aan bestuur",
    "supra_budget": "bovenregionaal budget", "report_file": "verslag",
}


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@functools.cache
def _shape(mapper: Mapper[Any]) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """What the trail notes of a model's rows: its columns, its many-to-many lists, and its key's attribute
    (worked out once per model: an hour sheet's flush notes thousands of rows)."""
    columns = tuple(c.key for c in mapper.column_attrs if c.key not in SKIPPED)
    links = tuple(rel.key for rel in mapper.relationships if rel.secondary is not None)
    return columns, links, mapper.get_property_by_column(mapper.primary_key[0]).key


def _columns(obj: Base) -> dict[str, Any]:
    state = inspect(obj)
    columns, links, _ = _shape(state.mapper)
    loaded = state.dict  # what the flush wrote; anything else (never an hour entry's) is read as usual
    values = {key: _plain(loaded[key] if key in loaded else getattr(obj, key)) for key in columns}
    for key in links:
        items = loaded.get(key)  # never a lazy load inside a flush
        if items:
            values[key] = sorted(_label(item) for item in items)
    return values


def _mask(values: dict[str, Any]) -> dict[str, Any]:
    if HIDDEN.isdisjoint(values):
        return values
    return {k: ("(verborgen)" if k in HIDDEN and v else v) for k, v in values.items()}


def _changes(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before, after = {}, {}
    for attr in state.mapper.column_attrs:
        if attr.key in SKIPPED:
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                before[attr.key], after[attr.key] = _plain(old), _plain(new)
    for rel in state.mapper.relationships:
        # A many-to-many list (an expert's areas) lives in a link table the flush writes without objects.
        if rel.secondary is None:
            continue
        history = state.attrs[rel.key].history
        if history.added or history.deleted:
            kept = [_label(item) for item in history.unchanged]
            before[rel.key] = sorted(kept + [_label(item) for item in history.deleted])
            after[rel.key] = sorted(kept + [_label(item) for item in history.added])
    return _mask(before), _mask(after)


def _label(item: Any) -> str:
    return str(getattr(item, "name", item))


_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # json.dumps's, made once


def _row(action: str, obj: Base, before: dict[str, Any], after: dict[str, Any], user: str,
         at: dt.datetime) -> dict[str, Any]:
    state = inspect(obj)
    table = state.mapper.tables[0].name
    return {
        "at": at, "user": user, "action": action,
        "entity": ENTITY_NAMES.get(table, table), "entity_id": state.dict.get(_shape(state.mapper)[2]),
        "before": _json(before) if before else "",
        "after": _json(after) if after else "",
    }


_DELETED = "audit_deleted"  # session.info: the rows this flush deleted, orphans included


def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    session.info[_DELETED] = []  # a flush that failed earlier leaves nothing behind


def _row_deleted(_mapper: Any, _connection: Any, target: Base) -> None:
    """Every row the flush deletes: those deleted outright, and orphans removed by a cascade (an executor or
    school taken off a question), which never show in session.deleted."""
    session = object_session(target)
    if session is not None:
        session.info.setdefault(_DELETED, []).append(target)


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    user = current_user()
    at = dt.datetime.now().replace(microsecond=0)
    rows = []
    for obj in session.new:
        if isinstance(obj, Base) and not isinstance(obj, AuditEntry):
            rows.append(_row("toegevoegd", obj, {}, _mask(_columns(obj)), user, at))
    for obj in session.dirty:
        if isinstance(obj, Base) and not isinstance(obj, AuditEntry) and session.is_modified(obj):
            before, after = _changes(obj)
            if before or after:
                rows.append(_row("gewijzigd", obj, before, after, user, at))
    for obj in session.info.pop(_DELETED, []):
        if not isinstance(obj, AuditEntry):
            rows.append(_row("verwijderd", obj, _mask(_columns(obj)), {}, user, at))
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def _bulk(state: ORMExecuteState) -> None:
    """Bulk UPDATE/DELETE statements bypass the flush: note them as one entry per statement."""
    if not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return
    if state.bind_mapper.class_ is AuditEntry:
        return
    table = state.bind_mapper.tables[0].name
    state.session.connection().execute(insert(AuditEntry), [{
        "at": dt.datetime.now().replace(microsecond=0), "user": current_user(),
        "action": "verwijderd" if state.is_delete else "gewijzigd", "entity": ENTITY_NAMES.get(table, table),
        "entity_id": None, "before": "", "after": json.dumps({"opdracht": str(state.statement)[:500]}),
    }])


def install() -> None:
    """Listen on every Session (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Base, "after_delete", _row_deleted, propagate=True)
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _bulk)
