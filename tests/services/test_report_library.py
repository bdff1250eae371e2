"""The report library: report files kept in the database, refused for their type, size or a BSN or date in their
text (nothing stored), found by a word inside them on SQLite and PostgreSQL, and carried by back-ups, restores and
`copy --to`."""
from __future__ import annotations

import json

import pytest

from models.db import Database, open_database, to_url
from models.domain.errors import Conflict, InvalidInput, NotFound
from models.services import demo, innovation_report, report_library
from models.services.report_library import Upload
from tests.conftest import TODAY

from . import report_files
from .helpers import YEAR, act, read, refused

RECEIVED = "2016-I03"  # verslag ontvangen in the demo
def library_entry(db: Database, number: str):  # type: ignore[no-untyped-def]
    return next(e for e in read(db, report_library.library) if e.number == number)


REPORT = ("Eindverslag pilot gedrag", "In de pilot werkten de scholen met een prikkelarme werkplek.",
          "De leerkrachten oefenden met de zandloperaanpak in groep 4.")


def test_a_report_is_kept_with_its_facts_and_the_trail_holds_no_bytes(demo_db: Database) -> None:
    data = report_files.pdf("\n".join(REPORT))
    assert act(demo_db, lambda s: report_library.add_report(s, RECEIVED, Upload("C:\\map\\verslag.pdf", data))) == 2
    entry = library_entry(demo_db, RECEIVED)
    assert (entry.number, entry.file_name, entry.kind, entry.size_bytes, entry.version) == (
        RECEIVED, "verslag.pdf", "PDF", len(data), 2)
    assert entry.network == "Noord" and entry.schools and all("(" in e for e in entry.executors)
    assert read(demo_db, lambda s: report_library.report_content(s, entry.report_id)) == ("verslag.pdf", data)
    with demo_db.read() as session:
        from sqlalchemy import select

        from models.orm import AuditEntry

        after = session.scalars(select(AuditEntry.after).where(AuditEntry.entity == "verslag")
                                .order_by(AuditEntry.id.desc())).first()
    facts = json.loads(after)
    assert facts["file_name"] == "verslag.pdf" and facts["size_bytes"] == len(data) and len(facts["sha256"]) == 64
    assert "content" not in facts and "text" not in facts


def test_replacing_keeps_the_earlier_version(demo_db: Database) -> None:
    act(demo_db, lambda s: report_library.add_report(s, RECEIVED, Upload("v1.docx", report_files.docx(*REPORT))))
    act(demo_db, lambda s: report_library.add_report(s, RECEIVED, Upload("v2.odt", report_files.odt(
        "Tweede versie met de fidgetkussens erbij."))))
    entry = library_entry(demo_db, RECEIVED)
    assert (entry.file_name, entry.version, entry.kind) == ("v2.odt", 3, "ODT")
    assert read(demo_db, lambda s: report_library.search(s, "zandloperaanpak")) == []  # the old text is no match
    assert [e.file_name for e in read(demo_db, lambda s: report_library.search(s, "fidgetkussens"))] == ["v2.odt"]
    with demo_db.read() as session:
        from sqlalchemy import func, select

        from models.orm_innovation import ReportFile

        assert session.scalar(select(func.count()).select_from(ReportFile).where(
            ReportFile.file_name.in_(("v1.docx", "v2.odt", "Verslag 2016-I03.docx")))) == 3


@pytest.mark.parametrize("make", [report_files.pdf, report_files.docx], ids=["pdf", "docx"])
def test_a_report_with_a_bsn_is_refused_and_nothing_is_stored(demo_db: Database, make) -> None:  # type: ignore[no-untyped-def]
    data = make("Inleiding over de aanpak.\nDe leerling met BSN 111222333 kreeg extra begeleiding in de klas.") \
        if make is report_files.pdf else make("Inleiding over de aanpak.",
                                              "De leerling met BSN 111222333 kreeg extra begeleiding in de klas.")
    error = refused(demo_db, lambda s: report_library.add_report(s, RECEIVED, Upload(f"verslag.{make.__name__}",
                                                                                      data)), InvalidInput)
    assert "pagina 1" in error.message and "BSN" in error.message and "111222333" not in error.message
    assert "De leerling met BSN […] kreeg extra begeleiding" in error.message
    assert "Er is niets opgeslagen" in error.message


def test_a_birth_date_on_page_two_is_named_by_its_page(demo_db: Database) -> None:
    data = report_files.pdf("Eerste pagina zonder bijzonderheden.", "Jan is geboren op 12 maart 2008 in Naaldwijk.")
    error = refused(demo_db, lambda s: report_library.add_report(s, RECEIVED, Upload("v.pdf", data)), InvalidInput)
    assert "pagina 2" in error.message and "geboren op […] in Naaldwijk" in error.message


@pytest.mark.parametrize("name, data, words", [
    ("verslag.txt", b"tekst", "geen PDF-, DOCX- of ODT-bestand"),
    ("verslag.pdf", b"%PDF-1.4 kapot", "kan niet worden gelezen als PDF"),
    ("verslag.docx", b"PK geen zip", "kan niet worden gelezen als DOCX"),
    ("groot.pdf", b"x" * (25 * 1024 * 1024 + 1), "hoogstens 25 MB"),
])
def test_other_types_damage_and_size_are_refused(demo_db: Database, name: str, data: bytes, words: str) -> None:
    error = refused(demo_db, lambda s: report_library.add_report(s, RECEIVED, Upload(name, data)), InvalidInput)
    assert words in error.message


def test_a_report_is_kept_only_once_received(demo_db: Database) -> None:
    error = refused(demo_db, lambda s: report_library.add_report(s, "2016-I06", Upload("v.docx", report_files.docx(
        *REPORT))), Conflict)
    assert "lopend" in error.message


def test_receiving_with_the_file_is_one_action(demo_db: Database) -> None:
    bad = report_files.docx("BSN 111222333")
    refused(demo_db, lambda s: report_library.receive_report(
        s, "2016-I06", title="Verslag", received_on=TODAY, today=TODAY, upload=Upload("v.docx", bad)), InvalidInput)
    act(demo_db, lambda s: report_library.receive_report(
        s, "2016-I06", title="Verslag", received_on=TODAY, today=TODAY,
        upload=Upload("v.docx", report_files.docx(*REPORT))))
    report = read(demo_db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY, swv_name=""))
    assert {q.number: q.report_in_library for q in report.questions if q.report_title} == {
        "2016-I01": True, "2016-I02": True, "2016-I03": True, "2016-I04": True, "2016-I06": True}


def test_found_by_a_word_only_inside_it_on_both_engines(db_url: str) -> None:
    db = open_database(db_url, create=True)
    try:
        act(db, lambda s: demo.fill(s, TODAY))
        act(db, lambda s: report_library.add_report(s, RECEIVED, Upload("v.pdf", report_files.pdf("\n".join(REPORT)))))
        act(db, lambda s: report_library.add_report(s, "2016-I04", Upload("w.docx", report_files.docx(
            "Over hoogbegaafde kleuters en hun plusklas."))))
        [hit] = read(db, lambda s: report_library.search(s, "zandloperaanpak"))
        assert hit.number == RECEIVED and "oefenden met de «zandloperaanpak» in groep" in hit.passage
        assert [h.number for h in read(db, lambda s: report_library.search(s, "plusklas"))] == ["2016-I04"]
        assert read(db, lambda s: report_library.search(s, "plusklas", network="Noord")) == []
        assert read(db, lambda s: report_library.search(s, "onbekendwoord")) == []
        assert len(read(db, lambda s: report_library.search(s, "  "))) == 4  # no words: the whole library
        assert len(read(db, lambda s: report_library.search(s, "demo"))) == 2  # the demo's own reports, newest
    finally:
        db.dispose()


@pytest.mark.postgresql
def test_a_report_survives_backup_restore_and_copy_to(demo_path, pg_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from models import backup, transfer

    data = report_files.docx(*REPORT)
    db = open_database(to_url(demo_path))
    act(db, lambda s: report_library.add_report(s, RECEIVED, Upload("v.docx", data)))
    db.dispose()
    copy = backup.take(demo_path, "handmatig")
    db = open_database(to_url(demo_path))
    act(db, lambda s: report_library.add_report(s, RECEIVED, Upload("v2.docx", report_files.docx("Later."))))
    db.dispose()
    backup.restore(demo_path, copy)
    db = open_database(to_url(demo_path))
    try:
        entry = library_entry(db, RECEIVED)
        assert (entry.file_name, entry.version) == ("v.docx", 2)
        assert read(db, lambda s: report_library.report_content(s, entry.report_id))[1] == data
        assert [h.number for h in read(db, lambda s: report_library.search(s, "zandloperaanpak"))] == [RECEIVED]
        server = open_database(pg_url, create=True)
        try:
            transfer.copy_all(db, server)
            [found] = read(server, lambda s: report_library.search(s, "zandloperaanpak"))
            assert read(server, lambda s: report_library.report_content(s, found.report_id)) == ("v.docx", data)
            back = open_database(to_url(tmp_path / "terug.sqlite"), create=True)
            try:
                transfer.copy_all(server, back)  # and back to a file: its index is built by the triggers
                assert [h.number for h in read(back, lambda s: report_library.search(s, "zandloperaanpak"))] == [
                    RECEIVED]
            finally:
                back.dispose()
        finally:
            server.dispose()
    finally:
        db.dispose()


def test_the_kind_of_school_filters_and_shows_beside_board(demo_db: Database) -> None:
    """Schools read 'School (Bestuur, soort)'; a kind keeps the reports of questions with a school of that kind;
    filters are matched as names are (case, spaces) and an unknown one is refused by check_filters."""
    everything = read(demo_db, report_library.library)
    i02 = next(e for e in everything if e.number == "2016-I02")
    assert i02.schools == ("SBO Pius X (Borgesius, SBO)", "Basisschool Sint-Jozef (KPO, regulier)")
    assert i02.school_kinds == ("SBO", "regulier")
    assert [e.number for e in read(demo_db, lambda s: report_library.library(s, kind="SBO"))] == [
        "2016-I04", "2016-I02"]
    assert read(demo_db, lambda s: report_library.library(s, kind="voorschool")) == []
    assert len(read(demo_db, lambda s: report_library.library(s, kind="regulier"))) == 4
    assert [e.number for e in read(demo_db, lambda s: report_library.search(s, "draaiboek", kind="SBO"))] == [
        "2016-I02"]
    assert read(demo_db, lambda s: report_library.search(s, "draaiboek", kind="SO")) == []
    assert [e.number for e in read(demo_db, lambda s: report_library.library(s, network=" NOORD ",
                                                                             theme="gedrag"))] == ["2016-I03"]
    assert read(demo_db, lambda s: report_library.check_filters(s, theme="gedrag", network="bovenregionaal",
                                                               year=" 2016-2017", kind="sbo")) == {
        "theme": "Gedrag", "network": "Bovenregionaal", "year": "2016-2017", "kind": "SBO"}
    assert refused(demo_db, lambda s: report_library.check_filters(s, kind="speciaal"), InvalidInput).field == "kind"


def test_versions_are_listed_newest_first_and_each_can_be_read(demo_db: Database) -> None:
    """The demo's 2016-I02 was a concept first: two versions; a third replaces the report, the others stay."""
    act(demo_db, lambda s: report_library.add_report(s, "2016-I02", Upload("definitief.pdf", report_files.pdf(
        "Het definitieve draaiboek."))))
    kept = read(demo_db, lambda s: report_library.versions(s, "2016-I02"))
    assert [(v.version, v.file_name, v.kind, v.current) for v in kept] == [
        (3, "definitief.pdf", "PDF", True), (2, "Verslag 2016-I02.docx", "DOCX", False),
        (1, "Verslag 2016-I02 concept.docx", "DOCX", False)]
    assert read(demo_db, lambda s: report_library.question_report(s, "2016-I02"))[0] == "definitief.pdf"
    name, data = read(demo_db, lambda s: report_library.question_report(s, "2016-I02", 1))
    assert name == "Verslag 2016-I02 concept.docx" and data[:2] == b"PK"
    error = refused(demo_db, lambda s: report_library.question_report(s, "2016-I02", 4), NotFound)
    assert error.message == "Het verslag van 2016-I02 heeft geen versie 4; bewaard: versie 1, 2, 3."
    error = refused(demo_db, lambda s: report_library.question_report(s, "2016-I05"), NotFound)
    assert error.message == "Ondersteuningsvraag 2016-I05 heeft nog geen verslag in de bibliotheek."
    assert read(demo_db, lambda s: report_library.versions(s, "2016-I05")) == []

    listed = read(demo_db, lambda s: report_library.with_versions(s, report_library.search(s, "definitieve")))
    assert [(e.number, e.version, e.current, bool(e.passage)) for e in listed] == [
        ("2016-I02", 3, True, True), ("2016-I02", 2, False, False), ("2016-I02", 1, False, False)]
    assert {e.report_title for e in listed} == {"Groepsplan gedrag: het draaiboek"}
