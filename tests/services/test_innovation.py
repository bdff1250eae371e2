"""Innovation budgets on a real SQLite file: the demo's exhaustion in cents, support questions through
their steps, and refusals that leave every table unchanged."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from models.db import Database, open_database, to_url
from models.domain.errors import Conflict, InvalidInput, NotFound
from models.services import innovation, innovation_report, masterdata
from models.services.innovation import QuestionInput
from models.services.innovation_report import Exhaustion
from tests.conftest import TODAY, table_dump

from .helpers import YEAR, act, read, refused

EUR = 100  # cents


def budgets(db: Database) -> dict[tuple[str, str], tuple]:
    """(network, theme) -> (entered, computed, basis, exhaustion)."""
    rows = read(db, lambda s: innovation.network_year(s, YEAR))
    return {(r.network, b.theme): (b.entered, b.computed, b.basis, b.exhaustion) for r in rows for b in r.budgets}


def zuid_question(**changes: object) -> QuestionInput:
    """A question of network Zuid on Hoogbegaafdheid (nothing committed there in the demo)."""
    values: dict[str, object] = dict(
        year=YEAR, network="Zuid", title="Meer uitdaging in groep 5-8", description="Plusaanbod voor twee scholen",
        theme="Hoogbegaafdheid", schools=(("KPO", "Basisschool Het Kompas"), ("OBO", "OBS De Springplank")),
        executors=(("Anna Vermeulen", 2_000 * EUR), ("Ingrid Smit", 1_500 * EUR)), submitted_on=dt.date(2017, 2, 1))
    values.update(changes)
    return QuestionInput(**values)  # type: ignore[arg-type]


# ---------------------------------------------------------------- the demo

def test_demo_networks_pupils_and_budgets(demo_db: Database) -> None:
    rows = read(demo_db, lambda s: innovation.network_year(s, YEAR))
    assert [(r.network, r.pupils, len(r.schools)) for r in rows] == [
        ("Midden", 1043, 4), ("Noord", 1019, 4), ("Zuid", 1261, 4)]
    for row in rows:
        assert row.pupils == sum(s.pupils for s in row.schools)
        assert len({s.board for s in row.schools}) >= 3
    found = budgets(demo_db)
    assert found[("Noord", "Innovatie")] == (2_800_000, None, "vast bedrag", Exhaustion(2_800_000, 750_000, 750_000,
                                                                                        2_050_000))
    assert found[("Noord", "Gedrag")] == (1_800_000, None, "vast bedrag", Exhaustion(1_800_000, 850_000, 0, 950_000))
    # Midden reckons Hoogbegaafdheid per pupil: 1043 x € 15,00; the other networks show it but keep € 6.000
    assert found[("Midden", "Hoogbegaafdheid")] == (600_000, 1_564_500, "per leerling",
                                                     Exhaustion(1_564_500, 500_000, 0, 1_064_500))
    assert found[("Zuid", "Hoogbegaafdheid")] == (600_000, 1_891_500, "vast bedrag",
                                                   Exhaustion(600_000, 0, 0, 600_000))
    assert found[("Midden", "Gedrag")][3] == Exhaustion(1_800_000, 750_000, 750_000, 1_050_000)
    assert found[("Zuid", "Innovatie")][3] == Exhaustion(2_800_000, 850_000, 0, 1_950_000)


def test_demo_report_totals_and_payment_list(demo_db: Database) -> None:
    report = read(demo_db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY, swv_name="SWV Westland"))
    assert (report.swv_name, report.year, report.printed_on) == ("SWV Westland", YEAR, TODAY)
    assert report.theme_names == ("Innovatie", "Gedrag", "Hoogbegaafdheid")
    assert report.total == Exhaustion(16_564_500, 5_350_000, 1_500_000, 11_214_500)
    assert [t.budget for t in report.totals_by_theme] == [8_400_000, 5_400_000, 2_764_500]
    assert [(n.network, n.questions, n.schools) for n in report.networks] == [
        ("Midden", 3, 4), ("Noord", 2, 4), ("Zuid", 2, 4)]
    assert [(q.number, q.status) for q in report.questions] == [
        ("2016-I01", "betaald"), ("2016-I02", "betaald"), ("2016-I03", "verslag ontvangen"),
        ("2016-I04", "verslag ontvangen"), ("2016-I05", "ingetrokken"), ("2016-I06", "lopend"),
        ("2016-I07", "lopend"), ("2016-I08", "ingediend")]
    assert [(p.question_number, p.expert, p.amount) for p in report.payments] == [
        ("2016-I03", "Ambulante dienst Kameleon", 600_000), ("2016-I03", "Ingrid Smit", 250_000),
        ("2016-I04", "Anna Vermeulen", 300_000), ("2016-I04", "Westland College zorgteam", 200_000)]
    assert report.payments_total == 1_350_000
    assert report.payments[0].report_title == "Rust in de klas: verslag van het eerste jaar"
    assert report.payments[0].report_received_on == dt.date(2017, 6, 12)


def test_demo_questions_are_drawn_up_by_schools_of_different_boards(demo_db: Database) -> None:
    lines = read(demo_db, lambda s: innovation.list_questions(s, YEAR))
    for line in lines:
        assert len(line.boards) >= 2 and len(line.schools) >= 2 and len(line.executors) >= 2
        assert len(line.school_refs) == len(line.schools) and line.year == YEAR
        assert "(demo)" in line.description
    assert [q.number for q in read(demo_db, lambda s: innovation.list_questions(s, YEAR, network="noord"))] == [
        "2016-I01", "2016-I03", "2016-I05"]
    assert [q.number for q in read(demo_db, lambda s: innovation.list_questions(
        s, YEAR, status="Verslag ontvangen"))] == ["2016-I03", "2016-I04"]
    one = read(demo_db, lambda s: innovation.question(s, "2016-I05"))
    assert (one.status, one.withdrawn_on, one.withdraw_reason) == (
        "ingetrokken", dt.date(2016, 12, 1), "De scholen kiezen voor de scholing van het SWV")


def test_lists_for_pickers(demo_db: Database) -> None:
    networks = read(demo_db, innovation.list_networks)
    assert [(n.name, len(n.schools), n.questions) for n in networks] == [("Midden", 4, 3), ("Noord", 4, 3),
                                                                         ("Zuid", 4, 2)]
    schools = read(demo_db, innovation.list_schools)
    assert len(schools) == 12 and all(s.network for s in schools)
    assert schools[0] == innovation.MemberSchool("Basisschool De Wegwijzer", "Borgesius", "Noord")
    assert read(demo_db, innovation.years_with_innovation) == [YEAR]
    themes = read(demo_db, lambda s: innovation.list_themes(s, YEAR))
    assert themes == [innovation.ThemeSetting("Innovatie", True, 2_800_000, None, "vast bedrag"),
                      innovation.ThemeSetting("Gedrag", False, 1_800_000, None, "vast bedrag"),
                      innovation.ThemeSetting("Hoogbegaafdheid", False, 600_000, 1_500, "vast bedrag")]


# ---------------------------------------------------------------- support questions

def test_a_question_through_all_its_steps(demo_db: Database) -> None:
    number = act(demo_db, lambda s: innovation.submit_question(s, zuid_question(), TODAY))
    assert number == "2016-I09"
    line = read(demo_db, lambda s: innovation.question(s, number))
    assert (line.status, line.amount, line.theme, line.boards) == ("ingediend", 350_000, "Hoogbegaafdheid",
                                                                   ("KPO", "OBO"))
    assert budgets(demo_db)[("Zuid", "Hoogbegaafdheid")][3] == Exhaustion(600_000, 350_000, 0, 250_000)
    act(demo_db, lambda s: innovation.start_question(s, number, dt.date(2017, 2, 10), TODAY))
    act(demo_db, lambda s: innovation.receive_report(s, number, title="  Uitdaging:  verslag ",
                                                     received_on=dt.date(2017, 6, 30), today=TODAY))
    report = read(demo_db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY, swv_name="SWV"))
    assert [p.expert for p in report.payments if p.question_number == number] == ["Anna Vermeulen", "Ingrid Smit"]
    act(demo_db, lambda s: innovation.pay_question(s, number, paid_on=dt.date(2017, 7, 5), today=TODAY))
    line = read(demo_db, lambda s: innovation.question(s, number))
    assert (line.status, line.report_title, line.report_received_on, line.paid_on) == (
        "betaald", "Uitdaging: verslag", dt.date(2017, 6, 30), dt.date(2017, 7, 5))
    assert budgets(demo_db)[("Zuid", "Hoogbegaafdheid")][3] == Exhaustion(600_000, 350_000, 350_000, 250_000)


def test_without_a_theme_the_question_draws_on_the_base_budget(demo_db: Database) -> None:
    number = act(demo_db, lambda s: innovation.submit_question(s, zuid_question(theme=None), TODAY))
    assert read(demo_db, lambda s: innovation.question(s, number)).theme == "Innovatie"
    assert budgets(demo_db)[("Zuid", "Innovatie")][3].committed == 850_000 + 350_000


def test_commitment_above_what_is_left_is_refused_with_figures(demo_db: Database) -> None:
    cmd = zuid_question(network="Noord", theme="Gedrag",
                        schools=(("KPO", "Basisschool De Regenboog"), ("OBO", "OBS De Vlinder")),
                        executors=(("Anna Vermeulen", 5_000 * EUR), ("Ingrid Smit", 5_000 * EUR)))
    error = refused(demo_db, lambda s: innovation.submit_question(s, cmd, TODAY), Conflict)
    assert error.message == ("Nog € 9.500,00 over van het budget Gedrag van netwerk Noord (budget € 18.000,00, "
                             "vastgelegd € 8.500,00); gevraagd € 10.000,00.")
    exact = dataclasses.replace(cmd, executors=(("Anna Vermeulen", 5_000 * EUR), ("Ingrid Smit", 4_500 * EUR)))
    act(demo_db, lambda s: innovation.submit_question(s, exact, TODAY))
    assert budgets(demo_db)[("Noord", "Gedrag")][3] == Exhaustion(1_800_000, 1_800_000, 0, 0)


def test_withdrawing_frees_the_commitment(demo_db: Database) -> None:
    assert budgets(demo_db)[("Midden", "Innovatie")][3].committed == 900_000
    act(demo_db, lambda s: innovation.withdraw_question(s, "2016-I06", reason=" Geen  uitvoerders beschikbaar ",
                                                        day=dt.date(2017, 1, 9), today=TODAY))
    assert budgets(demo_db)[("Midden", "Innovatie")][3] == Exhaustion(2_800_000, 0, 0, 2_800_000)
    line = read(demo_db, lambda s: innovation.question(s, "2016-I06"))
    assert (line.status, line.withdraw_reason) == ("ingetrokken", "Geen uitvoerders beschikbaar")


def test_update_amounts_schools_and_executors_while_open(demo_db: Database) -> None:
    current = read(demo_db, lambda s: innovation.question(s, "2016-I06"))  # Midden, Innovatie, lopend, € 9.000
    cmd = QuestionInput(
        YEAR, "Midden", "Rekenen op maat", "Nieuwe omschrijving", None,
        current.school_refs + (("KPO", "Basisschool Sint-Jozef"),),
        (("Bas Kok", 20_000 * EUR), ("Carla Mulder", 8_000 * EUR)), current.submitted_on)
    act(demo_db, lambda s: innovation.update_question(s, "2016-I06", cmd, TODAY))  # its own € 9.000 is not counted
    line = read(demo_db, lambda s: innovation.question(s, "2016-I06"))
    assert (line.title, line.description, line.amount, len(line.schools)) == (
        "Rekenen op maat", "Nieuwe omschrijving", 2_800_000, 3)
    assert [(e.expert, e.amount) for e in line.executors] == [("Bas Kok", 2_000_000), ("Carla Mulder", 800_000)]
    assert budgets(demo_db)[("Midden", "Innovatie")][3].left == 0
    over = dataclasses.replace(cmd, executors=(("Bas Kok", 2_000_001), ("Carla Mulder", 800_000)))
    error = refused(demo_db, lambda s: innovation.update_question(s, "2016-I06", over, TODAY), Conflict)
    assert error.message.startswith("Nog € 28.000,00 over van het budget Innovatie van netwerk Midden")


@pytest.mark.parametrize("number, status", [("2016-I01", "betaald"), ("2016-I03", "verslag ontvangen"),
                                            ("2016-I05", "ingetrokken")])
def test_update_refused_once_the_work_is_done(demo_db: Database, number: str, status: str) -> None:
    current = read(demo_db, lambda s: innovation.question(s, number))
    cmd = QuestionInput(YEAR, current.network, current.title, current.description, current.theme,
                        current.school_refs, tuple((e.expert, e.amount) for e in current.executors),
                        current.submitted_on)
    error = refused(demo_db, lambda s: innovation.update_question(s, number, cmd, TODAY), Conflict)
    assert error.message.startswith(f"Ondersteuningsvraag {number} is {status}; scholen, uitvoerders en bedragen")


@pytest.mark.parametrize("changes, kind, message", [
    (dict(schools=(("KPO", "Basisschool Het Kompas"), ("KPO", "Basisschool Sint-Jozef"))), InvalidInput,
     "Een ondersteuningsvraag wordt opgesteld door scholen van minstens twee verschillende besturen; alle gekozen "
     "scholen horen bij KPO."),
    (dict(schools=(("KPO", "Basisschool Het Kompas"),)), InvalidInput, "kies minstens twee scholen."),
    (dict(schools=(("KPO", "Basisschool Het Kompas"), ("OBO", "OBS De Vlinder"))), InvalidInput,
     "School OBS De Vlinder (OBO) hoort niet bij netwerk Zuid."),
    (dict(schools=(("KPO", "Basisschool Het Kompas"), ("OBO", "OBS Nergens"))), NotFound,
     "School 'OBS Nergens' hoort niet bij bestuur OBO."),
    (dict(schools=(("KPO", "Basisschool Het Kompas"), ("Onbekend", "X"))), NotFound,
     "Schoolbestuur 'Onbekend' bestaat niet."),
    (dict(executors=(("Anna Vermeulen", 100),)), InvalidInput, "kies minstens twee uitvoerders."),
    (dict(executors=(("Anna Vermeulen", 100), ("anna vermeulen", 100))), InvalidInput,
     "Uitvoerder Anna Vermeulen staat twee keer"),
    (dict(executors=(("Anna Vermeulen", 100), ("Gert Hoekstra", 100))), InvalidInput,
     "Uitvoerder Gert Hoekstra staat op niet actief in de pool van deskundigen."),
    (dict(executors=(("Anna Vermeulen", 100), ("Piet Onbekend", 100))), NotFound,
     "Deskundige 'Piet Onbekend' staat niet in de pool van deskundigen."),
    (dict(executors=(("Anna Vermeulen", 100), ("Ingrid Smit", 0))), InvalidInput,
     "Bedrag voor Ingrid Smit: geef een bedrag boven € 0,00."),
    (dict(year="2019-2020"), NotFound, "Schooljaar 2019-2020 bestaat niet."),
    (dict(network="West"), NotFound, "Netwerk 'West' bestaat niet."),
    (dict(theme="Dyslexie"), NotFound, "Thema 'Dyslexie' bestaat niet; kies uit Innovatie, Gedrag, Hoogbegaafdheid."),
    (dict(title="  "), InvalidInput, "De ondersteuningsvraag heeft een titel nodig."),
    (dict(submitted_on=dt.date(2025, 1, 16)), InvalidInput, "ligt na vandaag (15-1-2025)."),
])
def test_submit_refused(demo_db: Database, changes: dict, kind: type, message: str) -> None:
    error = refused(demo_db, lambda s: innovation.submit_question(s, zuid_question(**changes), TODAY), kind)
    assert message in error.message


@pytest.mark.parametrize("action, kind, message", [
    (lambda s: innovation.pay_question(s, "2016-I07", paid_on=dt.date(2017, 7, 1), today=TODAY), Conflict,
     "Betalen kan pas nadat het verslag is ontvangen."),
    (lambda s: innovation.pay_question(s, "2016-I08", paid_on=dt.date(2017, 7, 1), today=TODAY), Conflict,
     "Betalen kan pas nadat het verslag is ontvangen."),
    (lambda s: innovation.start_question(s, "2016-I06", dt.date(2017, 1, 1), TODAY), Conflict,
     "Ondersteuningsvraag 2016-I06 is al lopend."),
    (lambda s: innovation.pay_question(s, "2016-I01", paid_on=dt.date(2017, 7, 1), today=TODAY), Conflict,
     "Ondersteuningsvraag 2016-I01 is al betaald."),
    (lambda s: innovation.receive_report(s, "2016-I08", title="Verslag", received_on=dt.date(2017, 7, 1),
                                         today=TODAY), Conflict, "is nog niet gestart"),
    (lambda s: innovation.receive_report(s, "2016-I07", title=" ", received_on=dt.date(2017, 7, 1), today=TODAY),
     InvalidInput, "Het verslag heeft een titel nodig."),
    (lambda s: innovation.receive_report(s, "2016-I07", title="Verslag", received_on=dt.date(2017, 2, 5),
                                         today=TODAY), InvalidInput,
     "De datum van ontvangst van het verslag (5-2-2017) ligt vóór de start (6-2-2017)."),
    (lambda s: innovation.pay_question(s, "2016-I03", paid_on=dt.date(2017, 6, 11), today=TODAY), InvalidInput,
     "ligt vóór de ontvangst van het verslag (12-6-2017)."),
    (lambda s: innovation.pay_question(s, "2016-I03", paid_on=dt.date(2025, 2, 1), today=TODAY), InvalidInput,
     "De datum van betaling (1-2-2025) ligt na vandaag (15-1-2025)."),
    (lambda s: innovation.start_question(s, "2016-I08", dt.date(2017, 5, 1), TODAY), InvalidInput,
     "ligt vóór de indiening (16-5-2017)."),
    (lambda s: innovation.withdraw_question(s, "2016-I01", reason="Te laat", day=dt.date(2017, 7, 1), today=TODAY),
     Conflict, "Ondersteuningsvraag 2016-I01 is betaald; intrekken kan niet (meer)."),
    (lambda s: innovation.withdraw_question(s, "2016-I03", reason="Te laat", day=dt.date(2017, 7, 1), today=TODAY),
     Conflict, "is verslag ontvangen; intrekken kan niet (meer)."),
    (lambda s: innovation.withdraw_question(s, "2016-I08", reason="", day=dt.date(2017, 7, 1), today=TODAY),
     InvalidInput, "Geef een reden om de ondersteuningsvraag in te trekken."),
    (lambda s: innovation.start_question(s, "2016-I99", dt.date(2017, 7, 1), TODAY), NotFound,
     "Ondersteuningsvraag 2016-I99 bestaat niet."),
])
def test_steps_refused(demo_db: Database, action, kind: type, message: str) -> None:  # type: ignore[no-untyped-def]
    error = refused(demo_db, action, kind)
    assert message in error.message


# ---------------------------------------------------------------- budgets and settings

def test_a_budget_cannot_be_lowered_below_what_is_committed(demo_db: Database) -> None:
    error = refused(demo_db, lambda s: innovation.set_network_budget(
        s, YEAR, "Noord", "Gedrag", entered=8_499 * EUR, basis="vast bedrag"), Conflict)
    assert error.message == ("Het budget Gedrag van netwerk Noord kan niet lager dan wat al is vastgelegd: "
                             "budget € 8.499,00, vastgelegd € 8.500,00.")
    act(demo_db, lambda s: innovation.set_network_budget(s, YEAR, "Noord", "Gedrag", entered=850_000,
                                                         basis="vast bedrag"))
    assert budgets(demo_db)[("Noord", "Gedrag")][3] == Exhaustion(850_000, 850_000, 0, 0)


def test_switching_a_network_budget_to_per_pupil(demo_db: Database) -> None:
    error = refused(demo_db, lambda s: innovation.set_network_budget(
        s, YEAR, "Noord", "Gedrag", entered=1_800_000, basis="per leerling"), InvalidInput)
    assert error.message.startswith("Thema Gedrag heeft geen bedrag per leerling")
    act(demo_db, lambda s: innovation.set_network_budget(s, YEAR, "Zuid", "Hoogbegaafdheid", entered=600_000,
                                                         basis="per leerling"))
    assert budgets(demo_db)[("Zuid", "Hoogbegaafdheid")][3].budget == 1261 * 1_500


def test_theme_settings(demo_db: Database) -> None:
    act(demo_db, lambda s: innovation.set_theme(s, YEAR, "gedrag", standard=2_000_000, rate=1_000,
                                                basis="vast bedrag"))
    found = budgets(demo_db)
    # every network still held the old standard, so all follow the new one
    assert [found[(n, "Gedrag")][:2] for n in ("Midden", "Noord", "Zuid")] == [
        (2_000_000, 1_043_000), (2_000_000, 1_019_000), (2_000_000, 1_261_000)]
    error = refused(demo_db, lambda s: innovation.set_theme(s, YEAR, "Hoogbegaafdheid", standard=600_000,
                                                            rate=None, basis="vast bedrag"), Conflict)
    assert error.message == ("Het bedrag per leerling van Hoogbegaafdheid kan niet weg: netwerk Midden rekent dit "
                             "thema per leerling.")
    error = refused(demo_db, lambda s: innovation.set_theme(s, YEAR, "Hoogbegaafdheid", standard=600_000,
                                                            rate=100, basis="vast bedrag"), Conflict)
    assert error.message == ("Het budget Hoogbegaafdheid van netwerk Midden kan niet lager dan wat al is vastgelegd: "
                             "budget € 1.043,00, vastgelegd € 5.000,00.")
    error = refused(demo_db, lambda s: innovation.set_theme(s, YEAR, "Innovatie", standard=2_800_000, rate=None,
                                                            basis="per leerling"), InvalidInput)
    assert "geen bedrag per leerling" in error.message
    assert "Grondslag 'per school' bestaat niet" in refused(demo_db, lambda s: innovation.set_theme(
        s, YEAR, "Innovatie", standard=1, rate=None, basis="per school"), InvalidInput).message
    assert "negatief" in refused(demo_db, lambda s: innovation.set_theme(
        s, YEAR, "Innovatie", standard=-1, rate=None, basis="vast bedrag"), InvalidInput).message


def test_add_theme(demo_db: Database) -> None:
    assert act(demo_db, lambda s: innovation.add_theme(s, "  Jonge   kind ")) == "Jonge kind"
    themes = read(demo_db, lambda s: innovation.list_themes(s, YEAR))
    assert themes[-1] == innovation.ThemeSetting("Jonge kind", False, 0, None, "vast bedrag")
    assert budgets(demo_db)[("Noord", "Jonge kind")][3] == Exhaustion(0, 0, 0, 0)
    assert act(demo_db, lambda s: innovation.open_year(s, YEAR)) == 1 + 3
    assert "Er is al een thema 'Gedrag'." == refused(demo_db, lambda s: innovation.add_theme(s, "GEDRAG"),
                                                     Conflict).message


def test_pupil_counts_feed_per_pupil_budgets(demo_db: Database) -> None:
    act(demo_db, lambda s: innovation.set_pupils(s, YEAR, "KPO", "Basisschool Sint-Jozef", 500))
    row = next(r for r in read(demo_db, lambda s: innovation.network_year(s, YEAR)) if r.network == "Midden")
    assert budgets(demo_db)[("Midden", "Hoogbegaafdheid")][3].budget == row.pupils * 1_500
    assert "negatief" in refused(demo_db, lambda s: innovation.set_pupils(
        s, YEAR, "KPO", "Basisschool Sint-Jozef", -1), InvalidInput).message
    for school in ("Basisschool Sint-Jozef", "OBS Het Palet", "Basisschool De Schakel", "Basisschool Pius X"):
        board = {"Basisschool Sint-Jozef": "KPO", "OBS Het Palet": "OBO", "Basisschool De Schakel": "De Waarden",
                 "Basisschool Pius X": "Borgesius"}[school]
        try:
            act(demo_db, lambda s: innovation.set_pupils(s, YEAR, board, school, 0))
        except Conflict as error:  # the per-pupil budget would fall below the € 5.000 committed
            assert "Het budget Hoogbegaafdheid van netwerk Midden kan niet lager" in error.message
            break
    else:
        pytest.fail("lowering the pupils below the commitment was not refused")


def test_reading_an_unopened_year_writes_nothing(reference_db: Database) -> None:
    act(reference_db, lambda s: innovation.add_network(s, "Noord"))
    assert reference_db.path is not None
    before = table_dump(reference_db.path)
    rows = read(reference_db, lambda s: innovation.network_year(s, YEAR))
    assert [(b.theme, b.entered, b.basis) for b in rows[0].budgets] == [
        ("Innovatie", 2_800_000, "vast bedrag"), ("Gedrag", 1_800_000, "vast bedrag"),
        ("Hoogbegaafdheid", 600_000, "vast bedrag")]
    assert table_dump(reference_db.path) == before
    assert read(reference_db, innovation.years_with_innovation) == []
    assert act(reference_db, lambda s: innovation.open_year(s, YEAR)) == 6
    assert act(reference_db, lambda s: innovation.open_year(s, YEAR)) == 0
    assert read(reference_db, innovation.years_with_innovation) == [YEAR]
    assert "Schooljaar 2019-2020 bestaat niet." == refused(
        reference_db, lambda s: innovation.open_year(s, "2019-2020"), NotFound).message


# ---------------------------------------------------------------- networks

def test_networks_add_rename_remove(demo_db: Database) -> None:
    assert act(demo_db, lambda s: innovation.add_network(s, "  West  land ")) == "West land"
    assert "Er is al een netwerk met de naam 'Noord'." == refused(
        demo_db, lambda s: innovation.add_network(s, "noord"), Conflict).message
    assert "Geef het netwerk een naam." == refused(demo_db, lambda s: innovation.add_network(s, " "),
                                                   InvalidInput).message
    act(demo_db, lambda s: masterdata.add_school(s, "OBO", "OBS Westerlicht"))
    act(demo_db, lambda s: innovation.assign_school(s, "West land", "obo", "obs westerlicht"))
    act(demo_db, lambda s: innovation.open_year(s, YEAR))
    act(demo_db, lambda s: innovation.rename_network(s, "west land", "Westland"))
    assert "Er is al een netwerk met de naam 'Zuid'." == refused(
        demo_db, lambda s: innovation.rename_network(s, "Westland", "ZUID"), Conflict).message
    names = [n.name for n in read(demo_db, innovation.list_networks)]
    assert names == ["Midden", "Noord", "Westland", "Zuid"]
    act(demo_db, lambda s: innovation.remove_network(s, "Westland"))
    assert [n.name for n in read(demo_db, innovation.list_networks)] == ["Midden", "Noord", "Zuid"]
    assert ("Basisschool De Wegwijzer", "") != ("OBS Westerlicht", "")
    assert [s.network for s in read(demo_db, innovation.list_schools) if s.school == "OBS Westerlicht"] == [""]
    error = refused(demo_db, lambda s: innovation.remove_network(s, "Noord"), Conflict)
    assert error.message == ("Netwerk Noord kan niet worden verwijderd: er zijn ondersteuningsvragen "
                             "(2016-I01, 2016-I03, 2016-I05).")
    assert "Netwerk 'Oost' bestaat niet." == refused(demo_db, lambda s: innovation.remove_network(s, "Oost"),
                                                     NotFound).message


def test_school_membership(demo_db: Database) -> None:
    act(demo_db, lambda s: masterdata.add_school(s, "KPO", "Basisschool Nieuw"))
    act(demo_db, lambda s: innovation.assign_school(s, "Zuid", "KPO", "Basisschool Nieuw"))
    assert refused(demo_db, lambda s: innovation.assign_school(s, "Zuid", "KPO", "Basisschool Nieuw"),
                   Conflict).message == "School Basisschool Nieuw (KPO) hoort al bij netwerk Zuid."
    assert refused(demo_db, lambda s: innovation.assign_school(s, "Noord", "KPO", "Basisschool Nieuw"),
                   Conflict).message == ("School Basisschool Nieuw (KPO) hoort al bij netwerk Zuid; haal de school "
                                         "daar eerst weg.")
    act(demo_db, lambda s: innovation.unassign_school(s, "Zuid", "KPO", "Basisschool Nieuw"))
    act(demo_db, lambda s: innovation.assign_school(s, "Noord", "KPO", "Basisschool Nieuw"))
    assert refused(demo_db, lambda s: innovation.unassign_school(s, "Zuid", "KPO", "Basisschool Nieuw"),
                   NotFound).message == "School Basisschool Nieuw (KPO) hoort niet bij netwerk Zuid."
    error = refused(demo_db, lambda s: innovation.unassign_school(s, "Noord", "OBO", "OBS De Vlinder"), Conflict)
    assert error.message == ("School OBS De Vlinder (OBO) kan niet uit netwerk Noord: de school staat op "
                             "ondersteuningsvraag 2016-I01, 2016-I05.")
    assert refused(demo_db, lambda s: innovation.assign_school(s, "Noord", "OBO", "OBS Nergens"),
                   NotFound).message == "School 'OBS Nergens' hoort niet bij bestuur OBO."


# ---------------------------------------------------------------- the migration

def test_a_database_at_0002_is_upgraded(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from models.db import MIGRATIONS, Database, current_revision

    path = tmp_path / "oud.sqlite"
    old = Database(to_url(path))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.exec_driver_sql("INSERT INTO board (name, name_key, contact_person, email) "
                             "VALUES ('KPO', 'kpo', '', '')")
    assert current_revision(old) == "0002"
    old.dispose()
    db = open_database(to_url(path))
    try:
        assert current_revision(db) == "0003"
        with db.read() as session:
            assert [t.name for t in innovation.ensure_themes(session)] == ["Innovatie", "Gedrag", "Hoogbegaafdheid"]
            assert innovation.list_networks(session) == []
            from models.services import directory

            assert len(directory.list_areas(session)) == 11
        with db.write() as session:
            assert innovation.add_network(session, "Noord") == "Noord"
    finally:
        db.dispose()
    assert list((tmp_path).glob("**/*voor-upgrade*")), "a backup is taken before the upgrade"


# ---------------------------------------------------------------- PostgreSQL

def test_the_same_figures_on_postgresql(pg_demo_url: str, demo_db: Database) -> None:
    """Migration 0003, the demo, the report, a question and a search run the same on a server database."""
    from models.services import directory

    db = open_database(pg_demo_url)
    try:
        on_server = read(db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY, swv_name="SWV"))
        assert on_server == read(demo_db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY,
                                                                                       swv_name="SWV"))
        assert act(db, lambda s: innovation.submit_question(s, zuid_question(), TODAY)) == "2016-I09"
        with pytest.raises(Conflict, match=r"^Nog € 2.500,00 over van het budget Hoogbegaafdheid van netwerk Zuid"):
            act(db, lambda s: innovation.submit_question(s, zuid_question(), TODAY))
        assert [e.name for e in read(db, lambda s: directory.list_experts(s, search="gedrag monster"))] == [
            "Ingrid Smit", "SBO De Wending"]
        assert act(db, lambda s: directory.add_area(s, "Executieve functies")) == "Executieve functies"
        assert act(db, lambda s: innovation.add_theme(s, "Jonge kind")) == "Jonge kind"
    finally:
        db.dispose()
