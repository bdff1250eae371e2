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
from dataclasses import dataclass

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from .. import report_text
from ..audit import current_user
from ..domain import innovation as rules
from ..domain import report_file as rule
from ..domain.errors import Conflict, NotFound
from ..orm import ReportFile, SupportQuestion
from . import innovation


@dataclass(frozen=True)
class Upload:
    file_name: str  # the name only, no folder
    data: bytes


@dataclass(frozen=True)
class LibraryEntry:
    """A question's report as the library lists it: the newest version."""

    report_id: int
    number: str
    question_title: str
    report_title: str
    year: str
    network: str
    theme: str
    schools: tuple[str, ...]  # "School (Bestuur)"
    executors: tuple[str, ...]  # "Name (kind)"
    received_on: dt.date | None
    file_name: str
    kind: str  # PDF / DOCX / ODT
    size_bytes: int
    version: int
    added_at: dt.datetime
    added_by: str
    passage: str = ""  # the words around a search match; the match between « and »


def add_report(session: Session, number: str, upload: Upload) -> int:
    """Keep a question's report file (a new version when it has one); returns the version. The question must
    have its report received (verslag ontvangen or betaald). Refused, with nothing written, for another type,
    above 25 MB, unreadable, or holding a BSN or a full date."""
    question = innovation._question(session, number)
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
    innovation.receive_report(session, number, title=title, received_on=received_on, today=today)
    return add_report(session, number, upload)


def _current_ids() -> Select[int]:
    newest = (select(ReportFile.question_id, func.max(ReportFile.version).label("version"))
              .group_by(ReportFile.question_id).subquery())
    return (select(ReportFile.id).join(newest, (newest.c.question_id == ReportFile.question_id)
                                       & (newest.c.version == ReportFile.version)))


def library(session: Session, *, theme: str | None = None, network: str | None = None,
            year: str | None = None) -> list[LibraryEntry]:
    """Every received report over all years and networks (newest version), newest year first."""
    rows = session.scalars(select(ReportFile).where(ReportFile.id.in_(_current_ids()))).all()
    return _entries(session, {row.id: "" for row in rows}, theme=theme, network=network, year=year)


def search(session: Session, words: str, *, theme: str | None = None, network: str | None = None,
           year: str | None = None) -> list[LibraryEntry]:
    """The reports whose text holds every word (a word also matches as the start of a longer one on SQLite, and
    by its Dutch stem on PostgreSQL), each with the passage around the match."""
    terms = [t for t in re.findall(r"\w+", words.lower()) if t]
    if not terms:
        return library(session, theme=theme, network=network, year=year)
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
    return _entries(session, passages, theme=theme, network=network, year=year)


def _entries(session: Session, passages: dict[int, str], *, theme: str | None, network: str | None,
             year: str | None) -> list[LibraryEntry]:
    if not passages:
        return []
    rows = session.execute(select(ReportFile, SupportQuestion).join(
        SupportQuestion, SupportQuestion.id == ReportFile.question_id).where(ReportFile.id.in_(passages))).all()
    result = []
    for report, question in rows:
        line = innovation._line(question)
        if (theme and line.theme != theme) or (network and line.network != network) or (year and line.year != year):
            continue
        result.append(LibraryEntry(
            report.id, line.number, line.title, line.report_title, line.year, line.network, line.theme,
            line.schools, tuple(f"{e.expert} ({e.kind})" for e in line.executors), line.report_received_on,
            report.file_name, report.kind, report.size_bytes, report.version, report.added_at, report.added_by,
            passages[report.id]))
    return sorted(result, key=lambda e: (e.year, e.number), reverse=True)


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
