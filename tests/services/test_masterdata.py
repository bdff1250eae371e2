"""Stamgegevens service on a real SQLite file: lists, edits, refusals that leave the data unchanged."""
from __future__ import annotations

import pytest

from models.domain.errors import Conflict, InvalidInput, NotFound, Refusal
from models.services import masterdata
from models.services.masterdata import BoardInput, ProviderInput
from tests.conftest import table_dump


def read(db, fn, *args):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return fn(session, *args)


def write(db, fn, *args):  # type: ignore[no-untyped-def]
    with db.write() as session:
        return fn(session, *args)


def refused(db, path, fn, *args) -> Refusal:  # type: ignore[no-untyped-def]
    """Run a write that must be refused; prove the database is unchanged."""
    before = table_dump(path)
    with pytest.raises(Refusal) as caught:
        write(db, fn, *args)
    assert table_dump(path) == before
    return caught.value


def test_master_data_lists_boards_schools_and_providers_of_the_demo(demo_db) -> None:
    data = read(demo_db, masterdata.master_data)
    assert [b.name for b in data.boards] == [
        "Borgesius", "De Waarden", "KPO", "Kroevendonk / SPCO", "OBO", "Zilverlinde / Pallas"]
    kpo = next(b for b in data.boards if b.name == "KPO")
    assert (kpo.contact_person, kpo.email, kpo.years) == ("M. de Bruijn", "m.debruijn@kpo.example", ("2016-2017",))
    assert kpo.agreements > 0
    assert kpo.schools == len(data.schools_of("kpo")) > 0
    assert sum(s.agreements for s in data.schools_of("KPO")) == kpo.agreements
    assert [(p.name, p.cluster) for p in data.providers] == [("Driespan", "4"), ("Kameleon", "3"),
                                                             ("Mytyschool", "3")]


def test_master_data_rows_are_plain_frozen_values(reference_db) -> None:
    data = read(reference_db, masterdata.master_data)
    with pytest.raises(AttributeError):
        data.boards[0].name = "x"  # type: ignore[misc]
    assert data.schools == ()
    assert all(b.agreements == 0 and b.schools == 0 for b in data.boards)


def test_update_board_contact_and_name(reference_db) -> None:
    stored = write(reference_db, masterdata.update_board, "kpo",
                   BoardInput("  KPO   Roosendaal ", " J. de Vries ", " j.devries@kpo.nl "))
    assert stored == "KPO Roosendaal"
    board = next(b for b in read(reference_db, masterdata.master_data).boards if b.name == "KPO Roosendaal")
    assert (board.contact_person, board.email) == ("J. de Vries", "j.devries@kpo.nl")


@pytest.mark.parametrize("email", ["geen-adres", "a@b", "a b@c.nl", "@kpo.nl", "a@@kpo.nl"])
def test_update_board_refuses_a_malformed_email(reference_db, empty_path, email: str) -> None:
    error = refused(reference_db, empty_path, masterdata.update_board, "KPO", BoardInput("KPO", "", email))
    assert isinstance(error, InvalidInput)
    assert error.field == "email"
    assert "geen geldig e-mailadres" in error.message


@pytest.mark.parametrize("name, field, words", [
    ("   ", "name", "Geef het bestuur een naam"),
    (" obo ", "name", "Er is al een schoolbestuur met de naam 'OBO'"),
    ("x" * 201, "name", "te lang"),
])
def test_update_board_refuses_bad_names(reference_db, empty_path, name: str, field: str, words: str) -> None:
    error = refused(reference_db, empty_path, masterdata.update_board, "KPO", BoardInput(name))
    assert error.field == field
    assert words in error.message


def test_update_board_may_change_only_the_case_of_its_own_name(reference_db) -> None:
    assert write(reference_db, masterdata.update_board, "OBO", BoardInput("Obo")) == "Obo"


def test_unknown_board_is_named(reference_db, empty_path) -> None:
    error = refused(reference_db, empty_path, masterdata.update_board, "Onbekend", BoardInput("X"))
    assert isinstance(error, NotFound)
    assert "Schoolbestuur 'Onbekend' bestaat niet" in error.message


def test_add_school_cleans_the_name_and_refuses_a_duplicate_by_trim_collapse_casefold(
        reference_db, empty_path) -> None:
    assert write(reference_db, masterdata.add_school, "KPO", "  Basisschool   De Regenboog ") == \
        "Basisschool De Regenboog"
    error = refused(reference_db, empty_path, masterdata.add_school, "KPO", "basisschool de  REGENBOOG")
    assert isinstance(error, Conflict)
    assert error.field == "name"
    assert error.message == "Bestuur KPO heeft al een school 'Basisschool De Regenboog'."
    # The same name under another board is a different school.
    write(reference_db, masterdata.add_school, "OBO", "Basisschool De Regenboog")
    data = read(reference_db, masterdata.master_data)
    assert [(s.board, s.name) for s in data.schools] == [("KPO", "Basisschool De Regenboog"),
                                                        ("OBO", "Basisschool De Regenboog")]


def test_add_school_refuses_an_empty_name(reference_db, empty_path) -> None:
    error = refused(reference_db, empty_path, masterdata.add_school, "KPO", " \t ")
    assert (error.field, error.message) == ("name", "Geef de school een naam.")


def test_rename_school(reference_db, empty_path) -> None:
    write(reference_db, masterdata.add_school, "KPO", "De Regenboog")
    write(reference_db, masterdata.add_school, "KPO", "Het Kompas")
    assert write(reference_db, masterdata.rename_school, "KPO", "de regenboog", "Regenboog") == "Regenboog"
    error = refused(reference_db, empty_path, masterdata.rename_school, "KPO", "Regenboog", "het kompas")
    assert "heeft al een school 'Het Kompas'" in error.message
    # Only its own name's case changes: allowed.
    assert write(reference_db, masterdata.rename_school, "KPO", "Regenboog", "REGENBOOG") == "REGENBOOG"


def test_delete_school_refused_while_agreements_refer_to_it(demo_db, demo_path) -> None:
    data = read(demo_db, masterdata.master_data)
    used = next(s for s in data.schools if s.agreements > 1)
    error = refused(demo_db, demo_path, masterdata.delete_school, used.board, used.name)
    assert isinstance(error, Conflict)
    assert error.message.startswith(f"School {used.name} kan niet worden verwijderd: {used.agreements} "
                                    "overeenkomsten (2016-")
    assert error.message.endswith("verwijzen ernaar.")


def test_delete_unused_school(demo_db) -> None:
    write(demo_db, masterdata.add_school, "OBO", "OBS Nieuw")
    write(demo_db, masterdata.delete_school, "OBO", "obs nieuw")
    assert "OBS Nieuw" not in [s.name for s in read(demo_db, masterdata.master_data).schools]


def test_delete_board_refused_with_every_reason(demo_db, demo_path) -> None:
    error = refused(demo_db, demo_path, masterdata.delete_board, "KPO")
    assert error.message.startswith("Bestuur KPO kan niet worden verwijderd, want het doet mee in schooljaar "
                                    "2016-2017 en er zijn ")
    assert "overeenkomsten (2016-001" in error.message
    assert "reservetoekenningen" in error.message  # the demo grants KPO reserve at Driespan


def test_delete_board_that_no_year_uses_removes_its_schools(reference_db) -> None:
    from dataclasses import replace

    from models.services import demo, years

    setup = demo.reference_setup()
    # The year set up again without Zilverlinde; SPCO takes over its pupils and key.
    boards = setup.boards[:4] + (replace(setup.boards[4], pupil_share=270, key=1200),)
    with reference_db.write() as session:
        years.create_or_replace(session, replace(setup, boards=boards))
    write(reference_db, masterdata.add_school, "Zilverlinde / Pallas", "Basisschool Zilverlinde")
    write(reference_db, masterdata.delete_board, "zilverlinde / pallas")
    data = read(reference_db, masterdata.master_data)
    assert "Zilverlinde / Pallas" not in [b.name for b in data.boards]
    assert data.schools == ()


def test_update_provider(reference_db, empty_path) -> None:
    write(reference_db, masterdata.update_provider, "Kameleon",
          ProviderInput("Kameleon", "3 ", "B. Mulder", "b.mulder@kameleon.nl"))
    provider = next(p for p in read(reference_db, masterdata.master_data).providers if p.name == "Kameleon")
    assert (provider.cluster, provider.contact_person, provider.email) == ("3", "B. Mulder", "b.mulder@kameleon.nl")
    error = refused(reference_db, empty_path, masterdata.update_provider, "Kameleon", ProviderInput("driespan"))
    assert error.message == "Er is al een dienstverlener met de naam 'Driespan'."
    error = refused(reference_db, empty_path, masterdata.update_provider, "Kameleon",
                    ProviderInput("Kameleon", "x" * 51))
    assert error.field == "cluster"
    error = refused(reference_db, empty_path, masterdata.update_provider, "Kameleon",
                    ProviderInput("Kameleon", email="kameleon.nl"))
    assert error.field == "email"


def test_delete_provider_refused_while_it_has_a_contract(reference_db, empty_path) -> None:
    error = refused(reference_db, empty_path, masterdata.delete_provider, "Driespan")
    assert error.message == ("Dienstverlener Driespan kan niet worden verwijderd, want hij heeft een contract "
                             "in schooljaar 2016-2017.")


def test_delete_school_refused_while_a_support_question_names_it(demo_db, demo_path) -> None:
    import datetime as dt

    from models.services import directory
    from models.services.innovation import regional_networks, support_questions

    network = read(demo_db, regional_networks.list_networks, "2016-2017")[0]
    other = next(m for m in network.schools if m.board != "OBO")
    experts = [e.name for e in read(demo_db, directory.list_experts)[:2]]
    write(demo_db, masterdata.add_school, "OBO", "OBS Nieuw")
    write(demo_db, regional_networks.assign_school, "2016-2017", network.name, "OBO", "OBS Nieuw")
    cmd = support_questions.QuestionInput(
        year="2016-2017", network=network.name, title="Samen lezen", description="", theme=None,
        schools=(("OBO", "OBS Nieuw"), (other.board, other.school)),
        executors=((experts[0], 10_000), (experts[1], 10_000)), submitted_on=dt.date(2016, 11, 1))
    number = write(demo_db, support_questions.submit_question, cmd, dt.date(2016, 11, 1))
    error = refused(demo_db, demo_path, masterdata.delete_school, "OBO", "OBS Nieuw")
    assert isinstance(error, Conflict)
    assert error.message == f"School OBS Nieuw kan niet worden verwijderd: ondersteuningsvraag {number} noemt de school."


def test_delete_school_refused_while_it_is_in_a_network(demo_db, demo_path) -> None:
    """Its pupils count for the network's budgets: it leaves the network first (where that is checked), in
    every school year it is in one."""
    from dataclasses import replace

    from models.domain.months import Month
    from models.services import demo, years
    from models.services.innovation import regional_networks

    write(demo_db, masterdata.add_school, "KPO", "Nieuwe School")
    network = read(demo_db, regional_networks.list_networks, "2016-2017")[0].name
    write(demo_db, regional_networks.assign_school, "2016-2017", network, "KPO", "Nieuwe School")
    write(demo_db, years.create_or_replace, replace(demo.reference_setup(), label="2017-2018",
                                                    first_month=Month(2017, 9), last_month=Month(2018, 7)))
    write(demo_db, regional_networks.set_pupils, "2017-2018", "KPO", "Nieuwe School", 100)  # opens 2017-2018
    error = refused(demo_db, demo_path, masterdata.delete_school, "KPO", "Nieuwe School")
    assert error.message == (f"School Nieuwe School kan niet worden verwijderd: Nieuwe School hoort in 2016-2017 en "
                             f"2017-2018 bij regionaal netwerk {network}; haal de school daar eerst weg (Innovatie → "
                             "Netwerken…).")
    write(demo_db, regional_networks.unassign_school, "2017-2018", network, "KPO", "Nieuwe School")
    error = refused(demo_db, demo_path, masterdata.delete_school, "KPO", "Nieuwe School")
    assert f"Nieuwe School hoort in 2016-2017 bij regionaal netwerk {network};" in error.message
    write(demo_db, regional_networks.unassign_school, "2016-2017", network, "KPO", "Nieuwe School")
    write(demo_db, masterdata.delete_school, "KPO", "Nieuwe School")


def test_a_schools_kind_is_kept_checked_and_left_alone_by_a_rename(reference_db, empty_path) -> None:
    """Soort school: regulier unless told, one of regulier/SBO/SO/voorschool/VO in any case, refused otherwise with
    the field named; renaming without a kind keeps it."""
    write(reference_db, masterdata.add_school, "KPO", "De Regenboog")
    write(reference_db, masterdata.add_school, "KPO", "De Brug", "sbo")
    kinds = {s.name: s.kind for s in read(reference_db, masterdata.master_data).schools}
    assert kinds == {"De Regenboog": "regulier", "De Brug": "SBO"}
    error = refused(reference_db, empty_path, masterdata.add_school, "KPO", "Het Anker", "speciaal")
    assert error.field == "kind"
    assert error.message == "Soort school 'speciaal' bestaat niet; kies uit regulier, SBO, SO, voorschool, VO."
    assert write(reference_db, masterdata.rename_school, "KPO", "De Brug", "SBO De Brug") == "SBO De Brug"
    write(reference_db, masterdata.rename_school, "KPO", "De Regenboog", "De Regenboog", "VO")
    kinds = {s.name: s.kind for s in read(reference_db, masterdata.master_data).schools}
    assert kinds == {"De Regenboog": "VO", "SBO De Brug": "SBO"}
