"""The report library (Verslagen): each support question's report as the file itself, kept in the database so
back-ups, restores, `copy --to` and every user carry it; its earlier versions stay when it is replaced.

A file is checked before anything is written: its type (PDF, DOCX, ODT) and size (25 MB), then its text, read
on arrival, against the privacy rule for free text. Full-text search: SQLite's FTS5 index on a file
(report_search, kept by triggers), PostgreSQL's to_tsvector('dutch', ...) on a server, behind `search`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from .. import report_text
from ..audit import current_user
from ..domain import innovation as rules
from ..domain import report_file as rule
from ..domain.errors import Conflict, NotFound
from ..domain.names import name_key
from ..orm_innovation import ReportFile, SupportQuestion
from . import lookup, masterdata
from .innovation import find, support_questions


@dataclass(frozen=True)
class Upload:
    file_name: str  # the name only, no folder
    data: bytes


@dataclass(frozen=True)
class LibraryEntry:
    """A question's report as the library lists it: the newest version (or, in `with_versions`, an older one)."""

    report_id: int
    number: str
    question_title: str
    report_title: str
    year: str
    network: str
    theme: str
    schools: tuple[str, ...]  # "School (Bestuur, soort)"
    executors: tuple[str, ...]  # "Name (kind)"
    received_on: dt.date | None
    file_name: str
    kind: str  # PDF / DOCX / ODT
    size_bytes: int
    version: int
    added_at: dt.datetime
    added_by: str
    passage: str = ""  # the words around a search match; the match between « and »
    school_kinds: tuple[str, ...] = ()  # regulier / SBO / SO / voorschool / VO, in the order of `schools`
    current: bool = True  # the newest version: the report itself; False for an earlier version kept


@dataclass(frozen=True)
class ReportVersion:
    """One version of a question's report, kept when it was replaced: newest first in `versions`."""

    report_id: int
    number: str
    version: int
    file_name: str
    kind: str  # PDF / DOCX / ODT
    size_bytes: int
    added_at: dt.datetime
    added_by: str
    current: bool


def add_report(session: Session, number: str, upload: Upload) -> int:
    """Keep a question's report file (a new version when it has one); returns the version. The question must
    have its report received (verslag ontvangen or betaald). Refused, with nothing written, for another type,
    above 25 MB, unreadable, or holding a BSN or a full date."""
    question = find.question(session, number)
    if question.status not in (rules.VERSLAG_ONTVANGEN, rules.BETAALD):
        raise Conflict(f"Ondersteuningsvraag {question.number} is {question.status}; een verslag kan pas worden "
                       "bewaard als het is ontvangen.", field="file")
    name = re.split(r"[\\/]", str(upload.file_name))[-1].strip()
    extension = rule.check_file(name, len(upload.data))
    pages = report_text.pages_of(extension, upload.data, name)
    rule.check_pages(pages, name)
    kind, media_type = rule.TYPES[extension]
    version = (session.scalar(select(func.max(ReportFile.version)).where(ReportFile.question_id == question.id))
               or 0) + 1
    session.add(ReportFile(
        question_id=question.id, version=version, file_name=name, kind=kind, media_type=media_type,
        size_bytes=len(upload.data), sha256=hashlib.sha256(upload.data).hexdigest(), content=upload.data,
        text="\n".join(pages), added_by=current_user()))
    session.flush()
    return version


def receive_report(session: Session, number: str, *, title: str, received_on: dt.date, today: dt.date,
                   upload: Upload) -> int:
    """Verslag ontvangen with the file itself: the step and the file in one transaction; returns the version."""
    support_questions.receive_report(session, number, title=title, received_on=received_on, today=today)
    return add_report(session, number, upload)


def _current_ids() -> Select[int]:
    newest = (select(ReportFile.question_id, func.max(ReportFile.version).label("version"))
              .group_by(ReportFile.question_id).subquery())
    return (select(ReportFile.id).join(newest, (newest.c.question_id == ReportFile.question_id)
                                       & (newest.c.version == ReportFile.version)))


def library(session: Session, *, theme: str | None = None, network: str | None = None,
            year: str | None = None, kind: str | None = None) -> list[LibraryEntry]:
    """Every received report over all years and networks (newest version), newest year first; `kind` keeps the
    reports of questions with at least one school of that kind (regulier, SBO, SO, voorschool, VO)."""
    rows = session.scalars(select(ReportFile.id).where(ReportFile.id.in_(_current_ids()))).all()
    return _entries(session, {row: "" for row in rows}, theme=theme, network=network, year=year, kind=kind)


def search(session: Session, words: str, *, theme: str | None = None, network: str | None = None,
           year: str | None = None, kind: str | None = None) -> list[LibraryEntry]:
    """The reports whose text holds every word (a word also matches as the start of a longer one on SQLite, and
    by its Dutch stem on PostgreSQL), each with the passage around the match."""
    terms = [t for t in re.findall(r"\w+", words.lower()) if t]
    if not terms:
        return library(session, theme=theme, network=network, year=year, kind=kind)
    current = _current_ids()
    found: list[tuple[int, str]]
    if session.get_bind().dialect.name == "postgresql":
        found = [(rowid, passage) for rowid, passage in session.execute(
            select(ReportFile.id, func.ts_headline(
                "dutch", ReportFile.text, func.plainto_tsquery("dutch", " ".join(terms)),
                "StartSel=«, StopSel=», MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter= … "))
            .where(ReportFile.id.in_(current),
                   func.to_tsvector("dutch", ReportFile.text).op("@@")(func.plainto_tsquery("dutch",
                                                                                           " ".join(terms))))
        )]
    else:
        query = " ".join(f'"{term}"*' for term in terms)
        found = [(rowid, passage) for rowid, passage in session.execute(
            text("SELECT rowid, snippet(report_search, 0, '«', '»', '…', 16) FROM report_search "
                 "WHERE report_search MATCH :query ORDER BY rank"), {"query": query})]
        allowed = set(session.scalars(current))
        found = [(rowid, passage) for rowid, passage in found if rowid in allowed]
    passages = {int(rowid): " ".join(str(passage).split()) for rowid, passage in found}
    return _entries(session, passages, theme=theme, network=network, year=year, kind=kind)


def _entries(session: Session, passages: dict[int, str], *, theme: str | None, network: str | None,
             year: str | None, kind: str | None) -> list[LibraryEntry]:
    if not passages:
        return []
    rows = session.execute(select(ReportFile, SupportQuestion).join(
        SupportQuestion, SupportQuestion.id == ReportFile.question_id).where(ReportFile.id.in_(passages))).all()
    result = []
    for report, question in rows:
        line = support_questions.question_line(question)
        if ((theme and name_key(line.theme) != name_key(theme))
                or (network and name_key(line.network) != name_key(network))
                or (year and line.year != year.strip()) or (kind and kind not in line.school_kinds)):
            continue
        result.append(LibraryEntry(
            report.id, line.number, line.title, line.report_title, line.year, line.network, line.theme,
            tuple(f"{school} ({board}, {school_kind})"
                  for (board, school), school_kind in zip(line.school_refs, line.school_kinds)),
            tuple(f"{e.expert} ({e.kind})" for e in line.executors), line.report_received_on,
            report.file_name, report.kind, report.size_bytes, report.version, report.added_at, report.added_by,
            passages[report.id], line.school_kinds))
    return sorted(result, key=lambda e: (e.year, e.number), reverse=True)


def check_filters(session: Session, *, theme: str | None = None, network: str | None = None,
                  year: str | None = None, kind: str | None = None) -> dict[str, str | None]:
    """The filters as the library spells them; an unknown theme, network, year or kind of school is refused
    (the command line: a typing error must not look like an empty library)."""
    return {
        "theme": find.theme(session, theme).name if theme else None,
        "network": _network_name(session, network) if network else None,
        "year": lookup.year(session, year).label if year else None,
        "kind": masterdata.check_school_kind(kind) if kind else None,
    }


def _network_name(session: Session, network: str) -> str:
    scope = find.scope(session, network)
    return rules.SUPRA_REGIONAL if scope is None else scope.name


def versions(session: Session, number: str) -> list[ReportVersion]:
    """Every version of a question's report, newest (the report itself) first."""
    question = find.question(session, number)
    rows = session.scalars(select(ReportFile).where(ReportFile.question_id == question.id)
                           .order_by(ReportFile.version.desc())).all()
    return [ReportVersion(row.id, question.number, row.version, row.file_name, row.kind, row.size_bytes,
                          row.added_at, row.added_by, i == 0) for i, row in enumerate(rows)]


def with_versions(session: Session, entries: list[LibraryEntry]) -> list[LibraryEntry]:
    """The entries each followed by the earlier versions of their report (same question, older file; no
    passage: a search reads the newest version only)."""
    result: list[LibraryEntry] = []
    for entry in entries:
        result.append(entry)
        for older in versions(session, entry.number)[1:]:
            result.append(replace(entry, report_id=older.report_id, file_name=older.file_name, kind=older.kind,
                                  size_bytes=older.size_bytes, version=older.version, added_at=older.added_at,
                                  added_by=older.added_by, passage="", current=False))
    return result


def questions_with_report(session: Session) -> set[str]:
    """The numbers of the questions whose report is in the library."""
    query = select(SupportQuestion.number).join(ReportFile, ReportFile.question_id == SupportQuestion.id).distinct()
    return set(session.scalars(query))


def report_content(session: Session, report_id: int) -> tuple[str, bytes]:
    """A report's file name and bytes, to open or save."""
    row = session.get(ReportFile, report_id)
    if row is None:
        raise NotFound("Dit verslag bestaat niet (meer).")
    return row.file_name, row.content


def question_report(session: Session, number: str, version: int | None = None) -> tuple[str, bytes]:
    """The file name and bytes of a question's report: its newest version, or the version asked for."""
    found = versions(session, number)
    if not found:
        raise NotFound(f"Ondersteuningsvraag {find.question(session, number).number} heeft nog geen "
                       "verslag in de bibliotheek.", field="number")
    if version is None:
        return report_content(session, found[0].report_id)
    for item in found:
        if item.version == version:
            return report_content(session, item.report_id)
    kept = ", ".join(str(v.version) for v in reversed(found))
    raise NotFound(f"Het verslag van {found[0].number} heeft geen versie {version}; bewaard: versie {kept}.",
                   field="version")
