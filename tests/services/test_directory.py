"""The expert pool and expertise directory (Gouden Gids) on a real SQLite file."""
from __future__ import annotations

import dataclasses

import pytest

from models.db import Database
from models.domain.errors import Conflict, InvalidInput, NotFound
from models.services import directory, innovation_report
from models.services.directory import ExpertInput
from tests.conftest import TODAY

from .helpers import act, read, refused


def names(db: Database, **filters: object) -> list[str]:
    return [e.name for e in read(db, lambda s: directory.list_experts(s, **filters))]


def new_expert(**changes: object) -> ExpertInput:
    values: dict[str, object] = dict(
        name="Jeroen Dekker", is_organisation=False, organisation="Basisschool Het Anker", kind="regulier",
        areas=("Gedrag", "autisme"), evidence="Diploma", evidence_note="Master SEN (2012)", contact_person="",
        email="j.dekker@dewaarden.example", phone="06 1234 5699", place="Honselersdijk")
    values.update(changes)
    return ExpertInput(**values)  # type: ignore[arg-type]


def test_demo_pool_sorted_by_name(demo_db: Database) -> None:
    listed = read(demo_db, directory.list_experts)
    assert len(listed) == 14 and all(e.active for e in listed)
    assert [e.name for e in listed][:3] == ["Ambulante dienst Kameleon", "Anna Vermeulen", "Auris onderwijsbegeleiding"]
    assert {e.kind for e in listed} == set(directory.KINDS)
    assert {e.evidence for e in listed} <= set(directory.EVIDENCE)
    assert len(names(demo_db, include_inactive=True)) == 15
    kameleon = listed[0]
    assert (kameleon.is_organisation, kameleon.organisation, kameleon.areas, kameleon.place) == (
        True, "", ("autisme", "gedrag"), "Naaldwijk")


@pytest.mark.parametrize("filters, expected", [
    (dict(search="slechtziend"), ["Visio ambulante dienst"]),  # an area
    (dict(search="WENDING"), ["Bas Kok", "Ingrid Smit", "SBO De Wending"]),  # name or organisation
    (dict(search="wateringen"), ["Els Bos", "Peuterspeelzaal Het Kabouterhuis"]),  # place
    (dict(search="gedrag monster"), ["Ingrid Smit", "SBO De Wending"]),  # every word must match
    (dict(kind="sbo"), ["Bas Kok", "Ingrid Smit", "SBO De Wending"]),
    (dict(area="Hoogbegaafdheid"), ["Anna Vermeulen", "Ingrid Smit", "Westland College zorgteam"]),
    (dict(area="gedrag", kind="VO"), ["Dirk van Leeuwen", "Westland College zorgteam"]),
    (dict(search="hoekstra"), []),  # not active
    (dict(search="hoekstra", include_inactive=True), ["Gert Hoekstra"]),
    (dict(search="el amrani"), ["Fatima El Amrani"]),
    (dict(search="  "), None),
    (dict(search="%"), []),  # LIKE wildcards are searched for as text
    (dict(search="_"), []),
])
def test_search_and_filters(demo_db: Database, filters: dict, expected: list[str] | None) -> None:
    found = names(demo_db, **filters)
    assert found == (expected if expected is not None else names(demo_db))


def test_unknown_filters_are_refused(demo_db: Database) -> None:
    with pytest.raises(InvalidInput, match="Soort 'basisschool' bestaat niet"):
        names(demo_db, kind="basisschool")
    with pytest.raises(NotFound, match="Expertisegebied 'sterrenkunde' bestaat niet"):
        names(demo_db, area="sterrenkunde")


def test_add_update_and_remove_an_expert(demo_db: Database) -> None:
    assert act(demo_db, lambda s: directory.add_expert(s, new_expert(name="  Jeroen   Dekker "))) == "Jeroen Dekker"
    entry = read(demo_db, lambda s: directory.expert(s, "jeroen dekker"))
    assert (entry.kind, entry.areas, entry.evidence, entry.organisation) == (
        "regulier", ("autisme", "gedrag"), "diploma", "Basisschool Het Anker")
    changed = new_expert(name="J. Dekker", is_organisation=True, kind="SBO", areas=("rekenen en dyscalculie",),
                         active=False)
    assert act(demo_db, lambda s: directory.update_expert(s, "Jeroen Dekker", changed)) == "J. Dekker"
    entry = read(demo_db, lambda s: directory.expert(s, "J. Dekker"))
    assert (entry.is_organisation, entry.organisation, entry.kind, entry.areas, entry.active) == (
        True, "", "SBO", ("rekenen en dyscalculie",), False)
    assert "J. Dekker" not in names(demo_db)
    act(demo_db, lambda s: directory.remove_expert(s, "j. dekker"))
    assert "J. Dekker" not in names(demo_db, include_inactive=True)
    act(demo_db, lambda s: directory.remove_expert(s, "Visio ambulante dienst"))  # on no question


def test_an_executor_cannot_be_removed_but_can_be_set_inactive(demo_db: Database) -> None:
    error = refused(demo_db, lambda s: directory.remove_expert(s, "Ambulante dienst Kameleon"), Conflict)
    assert error.message == ("Deskundige Ambulante dienst Kameleon kan niet weg: uitvoerder van 2016-I03, "
                             "2016-I07; zet de deskundige op niet actief.")
    entry = read(demo_db, lambda s: directory.expert(s, "Ambulante dienst Kameleon"))
    act(demo_db, lambda s: directory.update_expert(s, entry.name, ExpertInput(
        entry.name, entry.is_organisation, entry.organisation, entry.kind, entry.areas, entry.evidence,
        entry.evidence_note, entry.contact_person, entry.email, entry.phone, entry.place, active=False)))
    assert "Ambulante dienst Kameleon" not in names(demo_db)


@pytest.mark.parametrize("changes, kind, message", [
    (dict(name=" "), InvalidInput, "Geef de deskundige een naam."),
    (dict(name="anna vermeulen"), Conflict, "Er is al een deskundige met de naam 'Anna Vermeulen'."),
    (dict(kind="basisschool"), InvalidInput, "Soort 'basisschool' bestaat niet; kies uit regulier, SBO, SO, "
                                             "voorschool, VO."),
    (dict(evidence="getuigschrift"), InvalidInput, "Bewijs van deskundigheid 'getuigschrift' bestaat niet"),
    (dict(areas=("gedrag", "sterrenkunde")), NotFound, "Expertisegebied 'sterrenkunde' bestaat niet; voeg het "
                                                       "eerst toe."),
    (dict(email="jeroen@"), InvalidInput, "'jeroen@' is geen geldig e-mailadres"),
    (dict(phone="bel me"), InvalidInput, "'bel me' is geen telefoonnummer"),
    (dict(place="x" * 101), InvalidInput, "De plaats is te lang"),
])
def test_add_expert_refused(demo_db: Database, changes: dict, kind: type, message: str) -> None:
    error = refused(demo_db, lambda s: directory.add_expert(s, new_expert(**changes)), kind)
    assert message in error.message


def test_update_refusals(demo_db: Database) -> None:
    entry = read(demo_db, lambda s: directory.expert(s, "Bas Kok"))
    cmd = ExpertInput(entry.name, entry.is_organisation, entry.organisation, entry.kind, entry.areas, entry.evidence,
                      entry.evidence_note, entry.contact_person, entry.email, entry.phone, entry.place)
    act(demo_db, lambda s: directory.update_expert(s, "Bas Kok", dataclasses.replace(cmd, name="BAS KOK")))
    assert "BAS KOK" in names(demo_db)
    assert "Er is al een deskundige met de naam 'Ingrid Smit'." == refused(
        demo_db, lambda s: directory.update_expert(s, "bas kok", dataclasses.replace(cmd, name="Ingrid smit")),
        Conflict).message
    assert "Deskundige 'Nobody' staat niet in de pool van deskundigen." == refused(
        demo_db, lambda s: directory.update_expert(s, "Nobody", cmd), NotFound).message
    assert "Deskundige 'Nobody' staat niet in de pool van deskundigen." == refused(
        demo_db, lambda s: directory.remove_expert(s, "Nobody"), NotFound).message


def test_areas(demo_db: Database) -> None:
    areas = read(demo_db, directory.list_areas)
    assert len(areas) == 11 and areas == sorted(areas, key=str.casefold) and "gedrag" in areas
    assert act(demo_db, lambda s: directory.add_area(s, " Executieve  functies ")) == "Executieve functies"
    assert "Executieve functies" in read(demo_db, directory.list_areas)
    assert "Expertisegebied 'gedrag' bestaat al." == refused(demo_db, lambda s: directory.add_area(s, "GEDRAG"),
                                                             Conflict).message
    assert "Geef het expertisegebied een naam." == refused(demo_db, lambda s: directory.add_area(s, "  "),
                                                           InvalidInput).message


def test_directory_report(demo_db: Database) -> None:
    report = read(demo_db, lambda s: innovation_report.directory_report(s, TODAY, swv_name="SWV Westland"))
    assert (report.swv_name, report.printed_on, len(report.entries)) == ("SWV Westland", TODAY, 14)
    assert report.areas == tuple(sorted({a for e in report.entries for a in e.areas}, key=str.casefold))
    assert "slechtziendheid" in report.areas
    everyone = read(demo_db, lambda s: innovation_report.directory_report(s, TODAY, swv_name="SWV",
                                                                          include_inactive=True))
    assert [e.name for e in everyone.entries if not e.active] == ["Gert Hoekstra"]


def test_empty_database_has_areas_and_no_experts(empty_db: Database) -> None:
    assert read(empty_db, directory.list_experts) == []
    assert len(read(empty_db, directory.list_areas)) == 11
    act(empty_db, directory.ensure_areas)  # nothing to add
    assert len(read(empty_db, directory.list_areas)) == 11


def test_the_audit_trail_keeps_an_experts_areas(empty_db: Database) -> None:
    """The areas live in a link table; the trail names them when an expert is added and when they change."""
    import json

    from sqlalchemy import select

    from models.orm import AuditEntry

    expert = new_expert(areas=("gedrag", "autisme"))
    act(empty_db, lambda s: directory.add_expert(s, expert))
    act(empty_db, lambda s: directory.update_expert(
        s, expert.name, dataclasses.replace(expert, areas=("gedrag", "hoogbegaafdheid"))))
    trail = read(empty_db, lambda s: [(e.action, json.loads(e.before or "{}"), json.loads(e.after or "{}"))
                                      for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "deskundige")
                                                         .order_by(AuditEntry.id))])
    assert trail[0][0] == "toegevoegd" and trail[0][2]["areas"] == ["autisme", "gedrag"]
    assert trail[1][0] == "gewijzigd"
    assert (trail[1][1], trail[1][2]) == ({"areas": ["autisme", "gedrag"]}, {"areas": ["gedrag", "hoogbegaafdheid"]})


def test_text_longer_than_its_field_is_refused_in_words(empty_db: Database) -> None:
    """A last guard under every service: one rule on SQLite and PostgreSQL (which would refuse it with a
    driver error); the services check their own fields first, with their own words."""
    from models.orm_innovation import ExpertiseArea

    def add(session) -> None:  # type: ignore[no-untyped-def]
        session.add(ExpertiseArea(name="gedrag " * 20, name_key="gedrag"))
        session.flush()

    refusal = refused(empty_db, add, InvalidInput)
    assert refusal.message == "Naam is te lang: 140 tekens, hoogstens 100. Maak de tekst korter."
    assert refusal.field == "name"
