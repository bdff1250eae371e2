"""The logboek: the audit trail as plain rows, filtered, newest first, each with a Dutch summary.

The trail stores the changed columns as JSON (see `models.audit`); here those become words:
"overeenkomst 2016-017: status geregistreerd → bevestigd", "uren: 2,5 uur in oktober 2016 op
2016-017". Ids are shown as what the secretariat knows (the agreement number, the board's name).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from ..domain.errors import InvalidInput
from ..domain.innovation import AMOUNT_STANDARD
from ..domain.months import MONTH_NAMES, Month, format_date
from ..domain.money import format_euros
from ..domain.units import format_hours, format_percent
from ..orm import Agreement, AuditEntry, Board, HourEntry, Provider, School, SchoolYear, YearBoard, YearProvider
from ..orm_innovation import (
    Expert, ExpertiseArea, InnovationTheme, Network, NetworkBudget, NetworkSchool, QuestionExecutor, QuestionSchool,
    SchoolPupils, SupportQuestion, ThemeYear,
)

DEFAULT_LIMIT = 500
#: How many ids a name in the search field may stand for (a longer list would slow the query down).
_NAME_MATCHES = 50

FIELD_LABELS = {
    "status": "status", "minutes": "uren", "month": "maand", "first_month": "eerste maand",
    "last_month": "laatste maand", "reported_on": "gemeld op", "registered_on": "geregistreerd op",
    "confirmed_on": "bevestigd op", "closed_on": "afgerond of ingetrokken op", "pupil_ref": "leerlingcode",
    "description": "omschrijving", "board_id": "bestuur", "provider_id": "dienstverlener", "school_id": "school",
    "kind": "soort", "board_contact": "contactpersoon bestuur", "provider_contact": "contactpersoon dienstverlener",
    "note": "notitie", "source": "bron", "reason": "reden", "granted_on": "toegekend op",
    "created_at": "ingevoerd op", "action": "handeling", "user": "gebruiker", "at": "tijdstip", "name": "naam",
    "contact_person": "contactpersoon", "email": "e-mail", "cluster": "cluster",
    "contract_minutes": "contracturen", "reserve_minutes": "reserve", "pupil_share": "percentage leerlingen",
    "key_share": "verdeling", "minimum_share": "minimum", "position": "volgorde", "label": "schooljaar",
    "rounding": "afronding", "is_demo": "demo", "number": "nummer", "sequence": "volgnummer",
    "year_id": "schooljaar", "agreement_id": "overeenkomst", "changed_at": "gewijzigd op",
    "opdracht": "opdracht", "key": "instelling", "value": "waarde",
    # the innovation budgets and the expertise directory
    "title": "titel", "network_id": "netwerk", "theme_id": "thema", "expert_id": "deskundige",
    "question_id": "ondersteuningsvraag", "area_id": "expertisegebied", "areas": "expertisegebieden",
    "amount_cents": "bedrag", "entered_cents": "vast bedrag", "standard_cents": "standaardbedrag",
    "rate_cents": "bedrag per leerling", "basis": "grondslag", "pupils": "leerlingen",
    "submitted_on": "ingediend op", "started_on": "gestart op", "report_title": "titel verslag",
    "report_received_on": "verslag ontvangen op", "paid_on": "betaald op", "withdrawn_on": "ingetrokken op",
    "withdraw_reason": "reden intrekken", "is_organisation": "organisatie", "organisation": "organisatie",
    "evidence": "aangetoond met", "evidence_note": "toelichting", "phone": "telefoon", "place": "plaats",
    "active": "actief", "is_base": "basisbudget",
    # the report library (the file's bytes and text are never in the trail)
    "version": "versie", "file_name": "bestandsnaam", "media_type": "bestandstype", "size_bytes": "grootte (bytes)",
    "sha256": "controlegetal (sha256)", "added_at": "toegevoegd op", "added_by": "toegevoegd door",
}
HOURS_FIELDS = {"minutes", "contract_minutes", "reserve_minutes"}
SHARE_FIELDS = {"pupil_share", "key_share", "minimum_share"}
MONTH_FIELDS = {"month", "first_month", "last_month"}
DATE_FIELDS = {"reported_on", "registered_on", "confirmed_on", "closed_on", "granted_on", "submitted_on",
               "started_on", "report_received_on", "paid_on", "withdrawn_on"}
CENTS_FIELDS = {"amount_cents", "entered_cents", "standard_cents", "rate_cents"}
#: A network budget's own amount: empty (NULL) means it follows the theme's standard.
FOLLOWS_STANDARD = {"entered_cents"}
TIME_FIELDS = {"created_at", "at", "changed_at"}
LONG_TEXT = {"description", "note", "reason", "email"}
#: Not worth a line in the details: the row's own id and bookkeeping the summary already says.
QUIET_FIELDS = {"id", "sequence", "position", "is_demo"}
#: Dates that go with a status step; the summary names the step, the details give the date.
STEP_DATES = {"registered_on", "confirmed_on", "closed_on"}
SOURCES = {"app": "scherm", "cli": "opdrachtregel", "demo": "demo", "import": "ingelezen"}
HIDDEN = "(verborgen)"


@dataclass(frozen=True)
class AuditFilter:
    """What the logboek shows: every field is optional; `until` includes that whole day."""

    entity: str | None = None
    user: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""
    limit: int | None = DEFAULT_LIMIT  # None: everything (the export)


@dataclass(frozen=True)
class FieldChange:
    """One field of a change, in words: 'status', 'geregistreerd', 'bevestigd'."""

    key: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    user: str
    action: str  # toegevoegd | gewijzigd | verwijderd
    entity: str  # overeenkomst, uren, maand, …
    entity_id: int | None
    summary: str
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class AuditResult:
    """The rows of one query, newest first; `more` when the limit cut further rows off."""

    rows: tuple[AuditRow, ...]
    more: bool
    limit: int | None = None

    def __iter__(self) -> Iterator[AuditRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


# ---------------------------------------------------------------------------------------------- queries

def entries(session: Session, flt: AuditFilter) -> AuditResult:
    """The entries that pass the filter, newest first, at most `flt.limit` of them."""
    if flt.since and flt.until and flt.until < flt.since:
        raise InvalidInput(f"De einddatum ({format_date(flt.until)}) ligt vóór de begindatum "
                           f"({format_date(flt.since)}).", field="until")
    query = select(AuditEntry).where(*_conditions(session, flt)).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if flt.limit is not None:
        query = query.limit(flt.limit + 1)
    found = list(session.scalars(query))
    more = flt.limit is not None and len(found) > flt.limit
    found = found[:flt.limit] if flt.limit is not None else found
    names = _Names(session, found)
    return AuditResult(tuple(_audit_row(e, names) for e in found), more, flt.limit)


def entities(session: Session) -> list[str]:
    """The kinds of things that occur in the trail (overeenkomst, uren, …), alphabetically."""
    return sorted(session.scalars(select(AuditEntry.entity).distinct()))


def users(session: Session) -> list[str]:
    """Everyone who changed something, alphabetically."""
    return sorted(session.scalars(select(AuditEntry.user).distinct()))


def _conditions(session: Session, flt: AuditFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.entity:
        conditions.append(AuditEntry.entity == flt.entity)
    if flt.user is not None:
        conditions.append(AuditEntry.user == flt.user)
    if flt.since:
        conditions.append(AuditEntry.at >= dt.datetime.combine(flt.since, dt.time()))
    if flt.until:
        conditions.append(AuditEntry.at < dt.datetime.combine(flt.until + dt.timedelta(days=1), dt.time()))
    text = " ".join(flt.text.split())
    if text:
        conditions.append(_text_condition(session, text))
    return conditions


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_condition(session: Session, text: str) -> ColumnElement[bool]:
    """The text in the stored before/after, the user or the kind; an agreement number, a board or provider
    name also finds the entries that refer to it by id; 'oktober 2016' also finds "2016-10", and a field's
    Dutch name ('leerlingcode') the changes of that field."""
    pattern = _like(text)
    options: list[ColumnElement[bool]] = [
        AuditEntry.before.ilike(pattern, escape="\\"), AuditEntry.after.ilike(pattern, escape="\\"),
        AuditEntry.user.ilike(pattern, escape="\\"), AuditEntry.entity.ilike(pattern, escape="\\")]
    for key, label in FIELD_LABELS.items():
        if text.lower() == label:  # 'leerlingcode' finds the changes of pupil_ref
            options += [AuditEntry.before.like(f'%"{key}":%'), AuditEntry.after.like(f'%"{key}":%')]
    month = _month_of_words(text)
    if month is not None:
        options += [AuditEntry.before.like(f'%"{month}"%'), AuditEntry.after.like(f'%"{month}"%')]
    agreement_ids = list(session.scalars(
        select(Agreement.id).where(Agreement.number.ilike(pattern, escape="\\")).limit(_NAME_MATCHES)))
    if agreement_ids:
        hour_ids = select(HourEntry.id).where(HourEntry.agreement_id.in_(agreement_ids))
        options += [and_(AuditEntry.entity == "overeenkomst", AuditEntry.entity_id.in_(agreement_ids)),
                    and_(AuditEntry.entity == "uren", AuditEntry.entity_id.in_(hour_ids))]
        options += _refers_to("agreement_id", agreement_ids)
    for model, key, entity in ((Board, "board_id", "schoolbestuur"), (Provider, "provider_id", "dienstverlener")):
        ids = list(session.scalars(select(model.id).where(model.name.ilike(pattern, escape="\\"))
                                   .limit(_NAME_MATCHES)))
        if ids:
            own = getattr(Agreement, key).in_(ids)
            options += [
                and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids)),
                and_(AuditEntry.entity == "overeenkomst", AuditEntry.entity_id.in_(select(Agreement.id).where(own))),
                and_(AuditEntry.entity == "uren", AuditEntry.entity_id.in_(
                    select(HourEntry.id).join(Agreement, HourEntry.agreement_id == Agreement.id).where(own))),
            ]
            options += _refers_to(key, ids)  # grants, budgets, keys; and rows deleted since
    # An expert's name, a school's or a question's number also finds the rows that name them by id (executors,
    # the schools of a question, network schools, pupil counts).
    for named, column, key, entity in ((Expert, Expert.name, "expert_id", "deskundige"),
                                       (School, School.name, "school_id", "school"),
                                       (SupportQuestion, SupportQuestion.number, "question_id", "ondersteuningsvraag")):
        ids = list(session.scalars(select(named.id).where(column.ilike(pattern, escape="\\")).limit(_NAME_MATCHES)))
        if ids:
            options.append(and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids)))
            options += _refers_to(key, ids)
    return or_(*options)


def _refers_to(key: str, ids: Iterable[int]) -> list[ColumnElement[bool]]:
    """Entries whose JSON holds `"key": id` (json.dumps with sort_keys writes it this way)."""
    found: list[ColumnElement[bool]] = []
    for id_ in ids:
        for end in (",", "}"):
            needle = f'%"{key}": {id_}{end}%'
            found += [AuditEntry.after.like(needle), AuditEntry.before.like(needle)]
    return found


def _month_of_words(text: str) -> Month | None:
    match = re.fullmatch(r"([a-z]+) (\d{4})", text.strip().lower())
    if match and match.group(1) in MONTH_NAMES:
        return Month(int(match.group(2)), MONTH_NAMES.index(match.group(1)) + 1)
    return None


# ---------------------------------------------------------------------------------------------- names

class _Names:
    """What ids stand for, looked up once for a page of entries."""

    def __init__(self, session: Session, found: list[AuditEntry]) -> None:
        self.boards = dict(session.execute(select(Board.id, Board.name)).all())
        self.providers = dict(session.execute(select(Provider.id, Provider.name)).all())
        self.schools = dict(session.execute(select(School.id, School.name)).all())
        self.years = dict(session.execute(select(SchoolYear.id, SchoolYear.label)).all())
        self.networks = dict(session.execute(select(Network.id, Network.name)).all())
        self.themes = dict(session.execute(select(InnovationTheme.id, InnovationTheme.name)).all())
        self.experts = dict(session.execute(select(Expert.id, Expert.name)).all())
        self.questions = dict(session.execute(select(SupportQuestion.id, SupportQuestion.number)).all())
        self.areas = dict(session.execute(select(ExpertiseArea.id, ExpertiseArea.name)).all())
        self.agreements: dict[int, str] = {}
        self.parties: dict[int, str] = {}  # agreement id -> 'KPO bij Kameleon'
        for id_, number, board_id, provider_id in session.execute(
                select(Agreement.id, Agreement.number, Agreement.board_id, Agreement.provider_id)):
            self.agreements[id_] = number
            self.parties[id_] = f"{self.boards.get(board_id, '?')} bij {self.providers.get(provider_id, '?')}"
        # A school as the secretariat knows it: with its board ('Het Anker (De Waarden)').
        self.school_labels = {id_: f"{name} ({self.boards.get(board_id, '?')})" for id_, name, board_id in
                              session.execute(select(School.id, School.name, School.board_id))}
        # A change stores only the changed fields: what it belongs to is looked up by the row's id.
        wanted: dict[str, set[int]] = {"uren": set(), "contract": set(), "verdeling": set(),
                                       **{entity: set() for entity in BELONGS_TO}}
        for entry in found:
            if entry.action == "gewijzigd" and entry.entity in wanted and entry.entity_id is not None:
                wanted[entry.entity].add(entry.entity_id)
        #: entity -> row id -> the fields that say what the row belongs to (an executor's expert and question, …)
        self.belongs: dict[str, dict[int, dict[str, Any]]] = {
            entity: _fields_of(session, model, keys, wanted[entity])
            for entity, (model, keys) in BELONGS_TO.items()}
        self.hour_agreement = {i: a for i, a, _ in _rows_of(session, HourEntry.agreement_id, HourEntry.agreement_id,
                                                            wanted["uren"])}
        self.year_providers = {i: (y, p) for i, y, p in _rows_of(session, YearProvider.year_id,
                                                                 YearProvider.provider_id, wanted["contract"])}
        self.year_boards = {i: (y, b) for i, y, b in _rows_of(session, YearBoard.year_id, YearBoard.board_id,
                                                             wanted["verdeling"])}

    def of(self, key: str, value: Any) -> str | None:
        """The name behind an id field, None when the field is not an id."""
        table = {"board_id": self.boards, "provider_id": self.providers, "school_id": self.school_labels,
                 "year_id": self.years, "agreement_id": self.agreements, "network_id": self.networks,
                 "theme_id": self.themes, "expert_id": self.experts, "question_id": self.questions,
                 "area_id": self.areas}.get(key)
        if table is None:
            return None
        if value is None:
            return ""
        return table.get(value) or f"nr. {value} (verwijderd)"


#: Rows that are parts of something else: a change stores only the changed fields, so the fields that say what the
#: row belongs to are looked up by its id (a row deleted since stays nameless: its deletion entry has them).
BELONGS_TO: dict[str, tuple[Any, tuple[str, ...]]] = {
    "uitvoerder": (QuestionExecutor, ("question_id", "expert_id")),
    "school van vraag": (QuestionSchool, ("question_id", "school_id")),
    "netwerkschool": (NetworkSchool, ("network_id", "school_id", "year_id")),
    "leerlingenaantal": (SchoolPupils, ("school_id", "year_id")),
    "netwerkbudget": (NetworkBudget, ("network_id", "theme_id", "year_id")),
    "thema-instelling": (ThemeYear, ("theme_id", "year_id")),
}


def _fields_of(session: Session, model: Any, keys: tuple[str, ...], ids: set[int]) -> dict[int, dict[str, Any]]:
    """{id: {key: value}} of the rows with these ids (in chunks, as SQLite takes only so many parameters)."""
    ordered, found = sorted(ids), {}
    columns = [getattr(model, key) for key in keys]
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        for id_, *values in session.execute(select(model.id, *columns).where(model.id.in_(chunk))):
            found[id_] = dict(zip(keys, values))
    return found


def _rows_of(session: Session, first: Any, second: Any, ids: set[int]) -> list[tuple[int, Any, Any]]:
    """(id, first, second) of the rows with these ids, of the table of `first`; in chunks, as SQLite
    takes only so many parameters in one statement."""
    model = first.class_
    ordered, found = sorted(ids), []
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        found += [tuple(r) for r in session.execute(select(model.id, first, second).where(model.id.in_(chunk)))]
    return found


# ---------------------------------------------------------------------------------------------- words

def _load(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"opdracht": text}
    return value if isinstance(value, dict) else {"opdracht": text}


def show_value(key: str, value: Any, names: _Names | None = None) -> str:
    """A stored value as the secretariat reads it: hours, month names, Dutch dates, names for ids."""
    if key in FOLLOWS_STANDARD and value is None:
        return AMOUNT_STANDARD  # a network budget without an amount of its own follows the theme's standard
    if value is None or value == "":
        return ""
    if key == "pupil_ref":
        return HIDDEN  # the trail never holds the code itself; say so even for old entries
    if names is not None:
        name = names.of(key, value)
        if name is not None:
            return name
    try:
        if key in HOURS_FIELDS and isinstance(value, int):
            return f"{format_hours(value, thousands=True)} uur"
        if key in SHARE_FIELDS and isinstance(value, int):
            return f"{format_percent(value)} %"
        if key in CENTS_FIELDS and isinstance(value, int):
            return format_euros(value)
        if key == "areas" and isinstance(value, list):
            return ", ".join(str(v) for v in value)
        if key in MONTH_FIELDS:
            return Month.parse(value).label
        if key in DATE_FIELDS:
            return format_date(dt.date.fromisoformat(str(value)))
        if key in TIME_FIELDS:
            moment = dt.datetime.fromisoformat(str(value))
            return f"{format_date(moment.date())} {moment:%H:%M}"
    except (ValueError, InvalidInput):
        pass  # an unexpected shape: show what is stored
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if key == "source":
        return SOURCES.get(str(value), str(value))
    return str(value)


def _field_changes(before: dict[str, Any], after: dict[str, Any], names: _Names) -> tuple[FieldChange, ...]:
    keys = [k for k in sorted(set(before) | set(after), key=_field_order) if k not in QUIET_FIELDS]
    changes = (FieldChange(k, FIELD_LABELS.get(k, k), _shown(k, before, names), _shown(k, after, names))
               for k in keys)
    return tuple(c for c in changes if c.before or c.after)


def _shown(key: str, values: dict[str, Any], names: _Names | None) -> str:
    """A field of one side of an entry; a field that side does not hold (an addition's before) shows nothing."""
    return show_value(key, values[key], names) if key in values else ""


_ORDER = list(FIELD_LABELS)


def _field_order(key: str) -> tuple[int, str]:
    return (_ORDER.index(key) if key in _ORDER else len(_ORDER), key)


def _audit_row(entry: AuditEntry, names: _Names) -> AuditRow:
    before, after = _load(entry.before), _load(entry.after)
    return AuditRow(entry.id, entry.at, entry.user, entry.action, entry.entity, entry.entity_id,
                    summarise(entry.action, entry.entity, entry.entity_id, before, after, names),
                    _field_changes(before, after, names))


@dataclass
class _Facts:
    """The values of an entry: for an addition the new row, for a deletion the old one, for a change both."""

    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    names: _Names
    values: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.values = {**self.before, **self.after}

    def show(self, key: str) -> str:
        return _shown(key, self.values, self.names)


def summarise(action: str, entity: str, entity_id: int | None, before: dict[str, Any], after: dict[str, Any],
              names: _Names) -> str:
    """One line in Dutch that says what happened."""
    facts = _Facts(action, before, after, names)
    if action == "gewijzigd" and entity_id is not None:  # what a changed part belongs to, looked up by its id
        facts.values = {**names.belongs.get(entity, {}).get(entity_id, {}), **facts.values}
    if "opdracht" in facts.values:
        return f"{entity}: {action} met één opdracht voor meerdere regels"
    subject = _subject(entity, entity_id, facts)
    if action == "gewijzigd":
        return f"{subject}: {_change_words(before, after, names)}"
    what = _what(entity, facts)
    if action == "verwijderd":
        return f"{subject} verwijderd" + (f": {what}" if what else "")
    separator = ", " if entity == "maand" else ": "  # 'maand oktober 2016 heropend, reden: …'
    return f"{subject}{_added_word(entity, facts)}" + (f"{separator}{what}" if what else "")


def _subject(entity: str, entity_id: int | None, facts: _Facts) -> str:
    """What the entry is about: 'overeenkomst 2016-017', 'schoolbestuur KPO', 'uren'."""
    values = facts.values
    names = facts.names
    if entity == "overeenkomst":
        number = values.get("number") or (names.agreements.get(entity_id) if entity_id is not None else None)
        return f"overeenkomst {number}" if number else "overeenkomst"
    if entity in ("schoolbestuur", "dienstverlener", "school"):
        table = {"schoolbestuur": names.boards, "dienstverlener": names.providers, "school": names.schools}[entity]
        name = values.get("name") or (table.get(entity_id) if entity_id is not None else None)
        return f"{entity} {name}" if name else entity
    named = {"deskundige": names.experts, "netwerk": names.networks, "thema": names.themes,
             "ondersteuningsvraag": names.questions}.get(entity)
    if named is not None:
        name = values.get("number") or values.get("name") or (named.get(entity_id) if entity_id is not None else None)
        return f"{entity} {name}" if name else entity
    if entity in BELONGS_TO:
        return f"{entity}{_part_of(entity, facts)}"
    if entity == "schooljaar":
        label = values.get("label") or (names.years.get(entity_id) if entity_id is not None else None)
        return f"schooljaar {label}" if label else entity
    if entity == "maand" and "month" in values:
        return f"maand {facts.show('month')}"
    if entity == "contract":
        year_id, provider_id = values.get("year_id"), values.get("provider_id")
        if provider_id is None and entity_id in names.year_providers:
            year_id, provider_id = names.year_providers[entity_id]
        if provider_id is not None:
            return f"contract {names.of('provider_id', provider_id)} {names.of('year_id', year_id)}".strip()
    if entity == "verdeling":
        year_id, board_id = values.get("year_id"), values.get("board_id")
        if board_id is None and entity_id in names.year_boards:
            year_id, board_id = names.year_boards[entity_id]
        if board_id is not None:
            return f"verdeling {names.of('board_id', board_id)} {names.of('year_id', year_id)}".strip()
    if entity == "uren" and facts.action == "gewijzigd":
        agreement_id = values.get("agreement_id") or names.hour_agreement.get(entity_id or -1)
        if agreement_id is not None:
            return f"uren op {names.of('agreement_id', agreement_id)}"
    return entity


def _part_of(entity: str, facts: _Facts) -> str:
    """' Fatima El Amrani bij vraag 2016-I01', ' van vraag 2016-I01', ' Noord 2016-2017': which row of what;
    "" when the entry does not say (an old shape)."""
    v, show = facts.values, facts.show
    question = f"vraag {show('question_id')}" if v.get("question_id") is not None else ""
    year = f" {show('year_id')}" if v.get("year_id") is not None else ""
    if entity == "uitvoerder":
        expert = show("expert_id") if v.get("expert_id") is not None else ""
        return "".join(f" {part}" for part in (expert, f"bij {question}" if question else "") if part)
    if entity == "school van vraag":
        return f" {question.removeprefix('vraag ')}" if question else ""
    if entity == "netwerkschool" and v.get("network_id") is not None:
        return f" {show('network_id')}{year}"
    if entity == "leerlingenaantal" and v.get("school_id") is not None:
        return f" {show('school_id')}{year}"
    if entity == "netwerkbudget" and v.get("network_id") is not None:
        return f" {show('network_id')} · {show('theme_id')}{year}"
    if entity == "thema-instelling" and v.get("theme_id") is not None:
        return f" {show('theme_id')}{year}"
    return ""


def _added_word(entity: str, facts: _Facts) -> str:
    if entity == "overeenkomst" and facts.values.get("status"):
        return f" {facts.values['status']}"  # 'overeenkomst 2016-017 geregistreerd'
    if entity == "maand" and facts.values.get("action"):
        return f" {facts.values['action']}"  # 'maand oktober 2016 afgesloten'
    if entity in ("uren", "reservetoekenning", "maandbudget"):
        return ""
    return " toegevoegd"


def _what(entity: str, facts: _Facts) -> str:
    """The substance of an added or removed row, in a few words."""
    v, show = facts.values, facts.show
    if entity == "overeenkomst":
        parts = [f"{show('board_id')} bij {show('provider_id')}", show("minutes")]
        if v.get("first_month") and v.get("last_month"):
            first, last = show("first_month"), show("last_month")
            parts.append(first if first == last else f"{first} t/m {last}")
        return ", ".join(p for p in parts if p)
    if entity == "uren":
        agreement_id = v.get("agreement_id")
        on = f" op {show('agreement_id')}" if agreement_id is not None else ""
        parties = facts.names.parties.get(agreement_id) if agreement_id is not None else None
        return f"{show('minutes')} in {show('month')}{on}" + (f" ({parties})" if parties else "")
    if entity == "reservetoekenning":
        return f"{show('minutes')} in {show('month')} voor {show('board_id')} van {show('provider_id')}"
    if entity == "maandbudget":
        return f"{show('minutes')} in {show('month')} voor {show('board_id')} bij {show('provider_id')}"
    if entity == "maand":
        return f"reden: {v['reason']}" if v.get("reason") else ""
    if entity == "contract":
        return f"contracturen {show('contract_minutes')}, reserve {show('reserve_minutes')}"
    if entity == "verdeling":
        return f"verdeling {show('key_share')}, percentage leerlingen {show('pupil_share')}"
    if entity == "school" and v.get("board_id") is not None:
        return f"bij {show('board_id')}"
    if entity == "uitvoerder":
        return show("amount_cents")
    if entity in ("school van vraag", "netwerkschool"):
        return show("school_id")
    if entity == "leerlingenaantal" and v.get("pupils") is not None:
        return f"{show('pupils')} leerlingen"
    if entity == "netwerkbudget":
        amount = show("entered_cents") if "entered_cents" in v else ""
        if amount and v.get("entered_cents") is not None:
            amount = f"vast bedrag {amount}"
        return ", ".join(p for p in (amount, f"grondslag {show('basis')}" if v.get("basis") else "") if p)
    if entity == "thema-instelling":
        parts = [f"standaardbedrag {show('standard_cents')}" if v.get("standard_cents") is not None else "",
                 f"bedrag per leerling {show('rate_cents')}" if v.get("rate_cents") is not None else "",
                 f"grondslag {show('basis')}" if v.get("basis") else ""]
        return ", ".join(p for p in parts if p)
    return ""


def _change_words(before: dict[str, Any], after: dict[str, Any], names: _Names) -> str:
    """'status geregistreerd → bevestigd', 'uren 40 uur → 50 uur', 'omschrijving gewijzigd'."""
    keys = [k for k in sorted(set(before) | set(after), key=_field_order) if k not in QUIET_FIELDS]
    if "status" in keys:
        keys = [k for k in keys if k not in STEP_DATES]
    words = []
    for key in keys:
        label = FIELD_LABELS.get(key, key)
        old, new = _shown(key, before, names), _shown(key, after, names)
        if key == "pupil_ref":
            words.append("leerlingcode gewist" if not new else "leerlingcode ingevuld" if not old
                         else "leerlingcode gewijzigd")
        elif key in LONG_TEXT or len(old) > 40 or len(new) > 40:
            words.append(f"{label} gewijzigd")
        else:
            words.append(f"{label} {old or '(leeg)'} → {new or '(leeg)'}")
    if len(words) > 4:
        words = words[:3] + [f"en {len(words) - 3} velden meer"]
    return ", ".join(words) or "geen zichtbare wijziging"
