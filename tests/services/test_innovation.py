"""Innovation budgets on a real SQLite file: the demo's exhaustion in cents, support questions through
their steps, and refusals that leave every table unchanged."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from models.db import Database, open_database, to_url
from models.domain.errors import Conflict, InvalidInput, NotFound
from models.services import innovation_report, masterdata
from models.services.innovation import (
    find, network_budgets, regional_networks, support_questions, theme_settings, year_data,
)
from models.services.innovation.support_questions import QuestionInput
from models.services.innovation_report import Exhaustion
from tests.conftest import TODAY, table_dump

from .helpers import YEAR, act, read, refused

EUR = 100  # cents


def budgets(db: Database) -> dict[tuple[str, str], tuple]:
    """(network, theme) -> (entered, computed, basis, exhaustion)."""
    rows = read(db, lambda s: network_budgets.network_year(s, YEAR))
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
    rows = read(demo_db, lambda s: network_budgets.network_year(s, YEAR))
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
    lines = read(demo_db, lambda s: support_questions.list_questions(s, YEAR))
    for line in lines:
        assert len(line.boards) >= 2 and len(line.schools) >= 2 and len(line.executors) >= 2
        assert len(line.school_refs) == len(line.schools) and line.year == YEAR
        assert "(demo)" in line.description
    assert [q.number for q in read(demo_db, lambda s: support_questions.list_questions(s, YEAR, network="noord"))] == [
        "2016-I01", "2016-I03", "2016-I05"]
    assert [q.number for q in read(demo_db, lambda s: support_questions.list_questions(
        s, YEAR, status="Verslag ontvangen"))] == ["2016-I03", "2016-I04"]
    one = read(demo_db, lambda s: support_questions.question(s, "2016-I05"))
    assert (one.status, one.withdrawn_on, one.withdraw_reason) == (
        "ingetrokken", dt.date(2016, 12, 1), "De scholen kiezen voor de scholing van het SWV")


def test_lists_for_pickers(demo_db: Database) -> None:
    networks = read(demo_db, lambda s: regional_networks.list_networks(s, YEAR))
    assert [(n.name, len(n.schools), n.questions) for n in networks] == [("Midden", 4, 3), ("Noord", 4, 3),
                                                                         ("Zuid", 4, 2)]
    schools = read(demo_db, lambda s: regional_networks.list_schools(s, YEAR))
    assert len(schools) == 12 and all(s.network for s in schools)
    assert schools[0] == regional_networks.MemberSchool("Basisschool De Wegwijzer", "Borgesius", "Noord")
    assert read(demo_db, year_data.years_with_innovation) == [YEAR]
    themes = read(demo_db, lambda s: theme_settings.list_themes(s, YEAR))
    assert themes == [theme_settings.ThemeSetting("Innovatie", True, 2_800_000, None, "vast bedrag"),
                      theme_settings.ThemeSetting("Gedrag", False, 1_800_000, None, "vast bedrag"),
                      theme_settings.ThemeSetting("Hoogbegaafdheid", False, 600_000, 1_500, "vast bedrag")]


# ---------------------------------------------------------------- support questions

def test_a_question_through_all_its_steps(demo_db: Database) -> None:
    number = act(demo_db, lambda s: support_questions.submit_question(s, zuid_question(), TODAY))
    assert number == "2016-I09"
    line = read(demo_db, lambda s: support_questions.question(s, number))
    assert (line.status, line.amount, line.theme, line.boards) == ("ingediend", 350_000, "Hoogbegaafdheid",
                                                                   ("KPO", "OBO"))
    assert budgets(demo_db)[("Zuid", "Hoogbegaafdheid")][3] == Exhaustion(600_000, 350_000, 0, 250_000)
    act(demo_db, lambda s: support_questions.start_question(s, number, dt.date(2017, 2, 10), TODAY))
    act(demo_db, lambda s: support_questions.receive_report(s, number, title="  Uitdaging:  verslag ",
                                                            received_on=dt.date(2017, 6, 30), today=TODAY))
    report = read(demo_db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY, swv_name="SWV"))
    assert [p.expert for p in report.payments if p.question_number == number] == ["Anna Vermeulen", "Ingrid Smit"]
    act(demo_db, lambda s: support_questions.pay_question(s, number, paid_on=dt.date(2017, 7, 5), today=TODAY))
    line = read(demo_db, lambda s: support_questions.question(s, number))
    assert (line.status, line.report_title, line.report_received_on, line.paid_on) == (
        "betaald", "Uitdaging: verslag", dt.date(2017, 6, 30), dt.date(2017, 7, 5))
    assert budgets(demo_db)[("Zuid", "Hoogbegaafdheid")][3] == Exhaustion(600_000, 350_000, 350_000, 250_000)


def test_without_a_theme_the_question_draws_on_the_base_budget(demo_db: Database) -> None:
    number = act(demo_db, lambda s: support_questions.submit_question(s, zuid_question(theme=None), TODAY))
    assert read(demo_db, lambda s: support_questions.question(s, number)).theme == "Innovatie"
    assert budgets(demo_db)[("Zuid", "Innovatie")][3].committed == 850_000 + 350_000


def test_commitment_above_what_is_left_is_refused_with_figures(demo_db: Database) -> None:
    cmd = zuid_question(network="Noord", theme="Gedrag",
                        schools=(("KPO", "Basisschool De Regenboog"), ("OBO", "OBS De Vlinder")),
                        executors=(("Anna Vermeulen", 5_000 * EUR), ("Ingrid Smit", 5_000 * EUR)))
    error = refused(demo_db, lambda s: support_questions.submit_question(s, cmd, TODAY), Conflict)
    assert error.message == ("Nog € 9.500,00 over van het budget Gedrag van netwerk Noord (budget € 18.000,00, "
                             "vastgelegd € 8.500,00); gevraagd € 10.000,00.")
    exact = dataclasses.replace(cmd, executors=(("Anna Vermeulen", 5_000 * EUR), ("Ingrid Smit", 4_500 * EUR)))
    act(demo_db, lambda s: support_questions.submit_question(s, exact, TODAY))
    assert budgets(demo_db)[("Noord", "Gedrag")][3] == Exhaustion(1_800_000, 1_800_000, 0, 0)


def test_withdrawing_frees_the_commitment(demo_db: Database) -> None:
    assert budgets(demo_db)[("Midden", "Innovatie")][3].committed == 900_000
    act(demo_db, lambda s: support_questions.withdraw_question(s, "2016-I06", reason=" Geen  uitvoerders beschikbaar ",
                                                               day=dt.date(2017, 1, 9), today=TODAY))
    assert budgets(demo_db)[("Midden", "Innovatie")][3] == Exhaustion(2_800_000, 0, 0, 2_800_000)
    line = read(demo_db, lambda s: support_questions.question(s, "2016-I06"))
    assert (line.status, line.withdraw_reason) == ("ingetrokken", "Geen uitvoerders beschikbaar")


def test_update_amounts_schools_and_executors_while_open(demo_db: Database) -> None:
    current = read(demo_db, lambda s: support_questions.question(s, "2016-I06"))  # Midden, Innovatie, lopend, € 9.000
    cmd = QuestionInput(
        YEAR, "Midden", "Rekenen op maat", "Nieuwe omschrijving", None,
        current.school_refs + (("KPO", "Basisschool Sint-Jozef"),),
        (("Bas Kok", 20_000 * EUR), ("Carla Mulder", 8_000 * EUR)), current.submitted_on)
    # its own € 9.000 is not counted
    act(demo_db, lambda s: support_questions.update_question(s, "2016-I06", cmd, TODAY))
    line = read(demo_db, lambda s: support_questions.question(s, "2016-I06"))
    assert (line.title, line.description, line.amount, len(line.schools)) == (
        "Rekenen op maat", "Nieuwe omschrijving", 2_800_000, 3)
    assert [(e.expert, e.amount) for e in line.executors] == [("Bas Kok", 2_000_000), ("Carla Mulder", 800_000)]
    assert budgets(demo_db)[("Midden", "Innovatie")][3].left == 0
    over = dataclasses.replace(cmd, executors=(("Bas Kok", 2_000_001), ("Carla Mulder", 800_000)))
    error = refused(demo_db, lambda s: support_questions.update_question(s, "2016-I06", over, TODAY), Conflict)
    assert error.message.startswith("Nog € 28.000,00 over van het budget Innovatie van netwerk Midden")


@pytest.mark.parametrize("number, status", [("2016-I01", "betaald"), ("2016-I03", "verslag ontvangen"),
                                            ("2016-I05", "ingetrokken")])
def test_update_refused_once_the_work_is_done(demo_db: Database, number: str, status: str) -> None:
    current = read(demo_db, lambda s: support_questions.question(s, number))
    cmd = QuestionInput(YEAR, current.network, current.title, current.description, current.theme,
                        current.school_refs, tuple((e.expert, e.amount) for e in current.executors),
                        current.submitted_on)
    error = refused(demo_db, lambda s: support_questions.update_question(s, number, cmd, TODAY), Conflict)
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
    error = refused(demo_db, lambda s: support_questions.submit_question(s, zuid_question(**changes), TODAY), kind)
    assert message in error.message


@pytest.mark.parametrize("action, kind, message", [
    (lambda s: support_questions.pay_question(s, "2016-I07", paid_on=dt.date(2017, 7, 1), today=TODAY), Conflict,
     "Betalen kan pas nadat het verslag is ontvangen."),
    (lambda s: support_questions.pay_question(s, "2016-I08", paid_on=dt.date(2017, 7, 1), today=TODAY), Conflict,
     "Betalen kan pas nadat het verslag is ontvangen."),
    (lambda s: support_questions.start_question(s, "2016-I06", dt.date(2017, 1, 1), TODAY), Conflict,
     "Ondersteuningsvraag 2016-I06 is al lopend."),
    (lambda s: support_questions.pay_question(s, "2016-I01", paid_on=dt.date(2017, 7, 1), today=TODAY), Conflict,
     "Ondersteuningsvraag 2016-I01 is al betaald."),
    (lambda s: support_questions.receive_report(s, "2016-I08", title="Verslag", received_on=dt.date(2017, 7, 1),
                                                today=TODAY), Conflict, "is nog niet gestart"),
    (lambda s: support_questions.receive_report(s, "2016-I07", title=" ", received_on=dt.date(2017, 7, 1), today=TODAY),
     InvalidInput, "Het verslag heeft een titel nodig."),
    (lambda s: support_questions.receive_report(s, "2016-I07", title="Verslag", received_on=dt.date(2017, 2, 5),
                                                today=TODAY), InvalidInput,
     "De datum van ontvangst van het verslag (5-2-2017) ligt vóór de start (6-2-2017)."),
    (lambda s: support_questions.pay_question(s, "2016-I03", paid_on=dt.date(2017, 6, 11), today=TODAY), InvalidInput,
     "ligt vóór de ontvangst van het verslag (12-6-2017)."),
    (lambda s: support_questions.pay_question(s, "2016-I03", paid_on=dt.date(2025, 2, 1), today=TODAY), InvalidInput,
     "De datum van betaling (1-2-2025) ligt na vandaag (15-1-2025)."),
    (lambda s: support_questions.start_question(s, "2016-I08", dt.date(2017, 5, 1), TODAY), InvalidInput,
     "ligt vóór de indiening (16-5-2017)."),
    (lambda s: support_questions.withdraw_question(s, "2016-I01", reason="Te laat", day=dt.date(2017, 7, 1),
                                                   today=TODAY),
     Conflict, "Ondersteuningsvraag 2016-I01 is betaald; intrekken kan niet (meer)."),
    (lambda s: support_questions.withdraw_question(s, "2016-I03", reason="Te laat", day=dt.date(2017, 7, 1),
                                                   today=TODAY),
     Conflict, "is verslag ontvangen; intrekken kan niet (meer)."),
    (lambda s: support_questions.withdraw_question(s, "2016-I08", reason="", day=dt.date(2017, 7, 1), today=TODAY),
     InvalidInput, "Geef een reden om de ondersteuningsvraag in te trekken."),
    (lambda s: support_questions.start_question(s, "2016-I99", dt.date(2017, 7, 1), TODAY), NotFound,
     "Ondersteuningsvraag 2016-I99 bestaat niet."),
])
def test_steps_refused(demo_db: Database, action, kind: type, message: str) -> None:  # type: ignore[no-untyped-def]
    error = refused(demo_db, action, kind)
    assert message in error.message


# ---------------------------------------------------------------- budgets and settings

def test_a_budget_cannot_be_lowered_below_what_is_committed(demo_db: Database) -> None:
    error = refused(demo_db, lambda s: network_budgets.set_network_budget(
        s, YEAR, "Noord", "Gedrag", entered=8_499 * EUR, basis="vast bedrag"), Conflict)
    assert error.message == ("Het budget Gedrag van netwerk Noord kan niet lager dan wat al is vastgelegd: "
                             "budget € 8.499,00, vastgelegd € 8.500,00.")
    act(demo_db, lambda s: network_budgets.set_network_budget(s, YEAR, "Noord", "Gedrag", entered=850_000,
                                                              basis="vast bedrag"))
    assert budgets(demo_db)[("Noord", "Gedrag")][3] == Exhaustion(850_000, 850_000, 0, 0)


def test_switching_a_network_budget_to_per_pupil(demo_db: Database) -> None:
    error = refused(demo_db, lambda s: network_budgets.set_network_budget(
        s, YEAR, "Noord", "Gedrag", entered=1_800_000, basis="per leerling"), InvalidInput)
    assert error.message.startswith("Thema Gedrag heeft geen bedrag per leerling")
    act(demo_db, lambda s: network_budgets.set_network_budget(s, YEAR, "Zuid", "Hoogbegaafdheid", entered=600_000,
                                                              basis="per leerling"))
    assert budgets(demo_db)[("Zuid", "Hoogbegaafdheid")][3].budget == 1261 * 1_500


def test_theme_settings(demo_db: Database) -> None:
    act(demo_db, lambda s: theme_settings.set_theme(s, YEAR, "gedrag", standard=2_000_000, rate=1_000,
                                                    basis="vast bedrag"))
    found = budgets(demo_db)
    # every network still held the old standard, so all follow the new one
    assert [found[(n, "Gedrag")][:2] for n in ("Midden", "Noord", "Zuid")] == [
        (2_000_000, 1_043_000), (2_000_000, 1_019_000), (2_000_000, 1_261_000)]
    error = refused(demo_db, lambda s: theme_settings.set_theme(s, YEAR, "Hoogbegaafdheid", standard=600_000,
                                                                rate=None, basis="vast bedrag"), Conflict)
    assert error.message == ("Het bedrag per leerling van Hoogbegaafdheid kan niet weg: netwerk Midden rekent dit "
                             "thema per leerling.")
    error = refused(demo_db, lambda s: theme_settings.set_theme(s, YEAR, "Hoogbegaafdheid", standard=600_000,
                                                                rate=100, basis="vast bedrag"), Conflict)
    assert error.message == ("Het budget Hoogbegaafdheid van netwerk Midden kan niet lager dan wat al is vastgelegd: "
                             "budget € 1.043,00, vastgelegd € 5.000,00.")
    error = refused(demo_db, lambda s: theme_settings.set_theme(s, YEAR, "Innovatie", standard=2_800_000, rate=None,
                                                                basis="per leerling"), InvalidInput)
    assert "geen bedrag per leerling" in error.message
    assert "Grondslag 'per school' bestaat niet" in refused(demo_db, lambda s: theme_settings.set_theme(
        s, YEAR, "Innovatie", standard=1, rate=None, basis="per school"), InvalidInput).message
    assert "negatief" in refused(demo_db, lambda s: theme_settings.set_theme(
        s, YEAR, "Innovatie", standard=-1, rate=None, basis="vast bedrag"), InvalidInput).message


def test_add_theme(demo_db: Database) -> None:
    assert act(demo_db, lambda s: theme_settings.add_theme(s, "  Jonge   kind ")) == "Jonge kind"
    themes = read(demo_db, lambda s: theme_settings.list_themes(s, YEAR))
    assert themes[-1] == theme_settings.ThemeSetting("Jonge kind", False, 0, None, "vast bedrag")
    assert budgets(demo_db)[("Noord", "Jonge kind")][3] == Exhaustion(0, 0, 0, 0)
    assert act(demo_db, lambda s: year_data.open_year(s, YEAR)) == 1 + 3
    assert "Er is al een thema 'Gedrag'." == refused(demo_db, lambda s: theme_settings.add_theme(s, "GEDRAG"),
                                                     Conflict).message


def test_pupil_counts_feed_per_pupil_budgets(demo_db: Database) -> None:
    act(demo_db, lambda s: regional_networks.set_pupils(s, YEAR, "KPO", "Basisschool Sint-Jozef", 500))
    row = next(r for r in read(demo_db, lambda s: network_budgets.network_year(s, YEAR)) if r.network == "Midden")
    assert budgets(demo_db)[("Midden", "Hoogbegaafdheid")][3].budget == row.pupils * 1_500
    assert "negatief" in refused(demo_db, lambda s: regional_networks.set_pupils(
        s, YEAR, "KPO", "Basisschool Sint-Jozef", -1), InvalidInput).message
    for school in ("Basisschool Sint-Jozef", "OBS Het Palet", "Basisschool De Schakel", "SBO Pius X"):
        board = {"Basisschool Sint-Jozef": "KPO", "OBS Het Palet": "OBO", "Basisschool De Schakel": "De Waarden",
                 "SBO Pius X": "Borgesius"}[school]
        try:
            act(demo_db, lambda s: regional_networks.set_pupils(s, YEAR, board, school, 0))
        except Conflict as error:  # the per-pupil budget would fall below the € 5.000 committed
            assert "Het budget Hoogbegaafdheid van netwerk Midden kan niet lager" in error.message
            break
    else:
        pytest.fail("lowering the pupils below the commitment was not refused")


def test_reading_an_unopened_year_writes_nothing(reference_db: Database) -> None:
    act(reference_db, lambda s: regional_networks.add_network(s, "Noord"))
    assert reference_db.path is not None
    before = table_dump(reference_db.path)
    rows = read(reference_db, lambda s: network_budgets.network_year(s, YEAR))
    assert [(b.theme, b.entered, b.basis) for b in rows[0].budgets] == [
        ("Innovatie", 2_800_000, "vast bedrag"), ("Gedrag", 1_800_000, "vast bedrag"),
        ("Hoogbegaafdheid", 600_000, "vast bedrag")]
    assert table_dump(reference_db.path) == before
    assert read(reference_db, year_data.years_with_innovation) == []
    assert act(reference_db, lambda s: year_data.open_year(s, YEAR)) == 6
    assert act(reference_db, lambda s: year_data.open_year(s, YEAR)) == 0
    assert read(reference_db, year_data.years_with_innovation) == [YEAR]
    assert "Schooljaar 2019-2020 bestaat niet." == refused(
        reference_db, lambda s: year_data.open_year(s, "2019-2020"), NotFound).message


# ---------------------------------------------------------------- networks

def test_networks_add_rename_remove(demo_db: Database) -> None:
    assert act(demo_db, lambda s: regional_networks.add_network(s, "  West  land ")) == "West land"
    assert "Er is al een netwerk met de naam 'Noord'." == refused(
        demo_db, lambda s: regional_networks.add_network(s, "noord"), Conflict).message
    assert "Geef het netwerk een naam." == refused(demo_db, lambda s: regional_networks.add_network(s, " "),
                                                   InvalidInput).message
    act(demo_db, lambda s: masterdata.add_school(s, "OBO", "OBS Westerlicht"))
    act(demo_db, lambda s: regional_networks.assign_school(s, YEAR, "West land", "obo", "obs westerlicht"))
    act(demo_db, lambda s: year_data.open_year(s, YEAR))
    act(demo_db, lambda s: regional_networks.rename_network(s, "west land", "Westland"))
    assert "Er is al een netwerk met de naam 'Zuid'." == refused(
        demo_db, lambda s: regional_networks.rename_network(s, "Westland", "ZUID"), Conflict).message
    names = [n.name for n in read(demo_db, lambda s: regional_networks.list_networks(s, YEAR))]
    assert names == ["Midden", "Noord", "Westland", "Zuid"]
    act(demo_db, lambda s: regional_networks.remove_network(s, "Westland"))
    assert [n.name for n in read(demo_db, lambda s: regional_networks.list_networks(s, YEAR))] == [
        "Midden", "Noord", "Zuid"]
    schools = read(demo_db, lambda s: regional_networks.list_schools(s, YEAR))
    assert [s.network for s in schools if s.school == "OBS Westerlicht"] == [""]
    error = refused(demo_db, lambda s: regional_networks.remove_network(s, "Noord"), Conflict)
    assert error.message == ("Netwerk Noord kan niet worden verwijderd: er zijn ondersteuningsvragen "
                             "(2016-I01, 2016-I03, 2016-I05).")
    assert "Netwerk 'Oost' bestaat niet." == refused(demo_db, lambda s: regional_networks.remove_network(s, "Oost"),
                                                     NotFound).message


def test_school_membership(demo_db: Database) -> None:
    act(demo_db, lambda s: masterdata.add_school(s, "KPO", "Basisschool Nieuw"))
    act(demo_db, lambda s: regional_networks.assign_school(s, YEAR, "Zuid", "KPO", "Basisschool Nieuw"))
    assert refused(demo_db, lambda s: regional_networks.assign_school(s, YEAR, "Zuid", "KPO", "Basisschool Nieuw"),
                   Conflict).message == "School Basisschool Nieuw (KPO) hoort in 2016-2017 al bij netwerk Zuid."
    assert refused(demo_db, lambda s: regional_networks.assign_school(s, YEAR, "Noord", "KPO", "Basisschool Nieuw"),
                   Conflict).message == ("School Basisschool Nieuw (KPO) hoort in 2016-2017 al bij netwerk Zuid; "
                                         "haal de school daar eerst weg.")
    act(demo_db, lambda s: regional_networks.unassign_school(s, YEAR, "Zuid", "KPO", "Basisschool Nieuw"))
    act(demo_db, lambda s: regional_networks.assign_school(s, YEAR, "Noord", "KPO", "Basisschool Nieuw"))
    assert refused(demo_db, lambda s: regional_networks.unassign_school(s, YEAR, "Zuid", "KPO", "Basisschool Nieuw"),
                   NotFound).message == "School Basisschool Nieuw (KPO) hoort in 2016-2017 niet bij netwerk Zuid."
    error = refused(demo_db, lambda s: regional_networks.unassign_school(s, YEAR, "Noord", "OBO", "OBS De Vlinder"),
                    Conflict)
    assert error.message == ("School OBS De Vlinder (OBO) kan in 2016-2017 niet uit netwerk Noord: de school staat "
                             "op ondersteuningsvraag 2016-I01, 2016-I05.")
    assert refused(demo_db, lambda s: regional_networks.assign_school(s, YEAR, "Noord", "OBO", "OBS Nergens"),
                   NotFound).message == "School 'OBS Nergens' hoort niet bij bestuur OBO."


# ---------------------------------------------------------------- membership per school year

NEXT = "2017-2018"


def add_year(db: Database, label: str) -> None:
    from models.domain.months import Month
    from models.services import demo, years

    first = int(label[:4])
    act(db, lambda s: years.create_or_replace(s, dataclasses.replace(
        demo.reference_setup(), label=label, first_month=Month(first, 9), last_month=Month(first + 1, 7))))


def members(db: Database, year: str) -> dict[str, list[str]]:
    return {n.name: [m.school for m in n.schools] for n in read(db, lambda s: regional_networks.list_networks(s, year))}


def test_moving_a_school_in_a_later_year_leaves_the_earlier_year_as_it_was(demo_db: Database) -> None:
    before = read(demo_db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY, swv_name="SWV"))
    add_year(demo_db, NEXT)
    assert demo_db.path is not None
    dumped = table_dump(demo_db.path)
    # a new year starts from the membership of the latest earlier year, without writing anything
    assert members(demo_db, NEXT) == members(demo_db, YEAR)
    assert read(demo_db, lambda s: year_data.membership_year(s, NEXT)) == YEAR
    assert table_dump(demo_db.path) == dumped
    # Sint-Jozef is on questions of Midden in 2016-2017, but moves to Noord in 2017-2018
    act(demo_db, lambda s: regional_networks.unassign_school(s, NEXT, "Midden", "KPO", "Basisschool Sint-Jozef"))
    act(demo_db, lambda s: regional_networks.assign_school(s, NEXT, "Noord", "KPO", "Basisschool Sint-Jozef"))
    act(demo_db, lambda s: regional_networks.set_pupils(s, NEXT, "KPO", "Basisschool Sint-Jozef", 300))
    assert "Basisschool Sint-Jozef" in members(demo_db, NEXT)["Noord"]
    assert "Basisschool Sint-Jozef" not in members(demo_db, NEXT)["Midden"]
    assert "Basisschool Sint-Jozef" in members(demo_db, YEAR)["Midden"]
    assert read(demo_db, lambda s: year_data.membership_year(s, NEXT)) == NEXT
    # 2016-2017 prints as it did: Midden's pupils (1043) and its budget per pupil (1043 x € 15,00)
    after = read(demo_db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY, swv_name="SWV"))
    assert after == before
    midden = next(n for n in after.networks if n.network == "Midden")
    assert (midden.pupils, midden.schools, midden.themes[2].exhaustion.budget) == (1043, 4, 1_564_500)
    rows = {r.network: r for r in read(demo_db, lambda s: network_budgets.network_year(s, NEXT))}
    assert (rows["Noord"].pupils, len(rows["Noord"].schools), len(rows["Midden"].schools)) == (300, 5, 3)
    assert [s.network for s in read(demo_db, lambda s: regional_networks.list_schools(s, NEXT))
            if s.school == "Basisschool Sint-Jozef"] == ["Noord"]
    # the year after starts from 2017-2018's membership; a year before any membership has none
    add_year(demo_db, "2018-2019")
    assert members(demo_db, "2018-2019") == members(demo_db, NEXT)
    add_year(demo_db, "2015-2016")
    assert members(demo_db, "2015-2016") == {"Midden": [], "Noord": [], "Zuid": []}
    assert read(demo_db, lambda s: year_data.membership_year(s, "2015-2016")) is None


def test_a_school_is_in_one_network_per_year(demo_db: Database) -> None:
    add_year(demo_db, NEXT)
    error = refused(demo_db, lambda s: regional_networks.assign_school(s, NEXT, "Noord", "KPO",
                                                                       "Basisschool Sint-Jozef"), Conflict)
    assert error.message == ("School Basisschool Sint-Jozef (KPO) hoort in 2017-2018 al bij netwerk Midden; haal de "
                             "school daar eerst weg.")
    assert demo_db.path is not None
    with pytest.raises(Exception, match="(?i)unique"):  # the database holds the rule too
        with demo_db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO network_school (year_id, network_id, school_id) SELECT year_id, "
                "(SELECT MIN(id) FROM network), school_id FROM network_school LIMIT 1")


def test_a_school_leaving_a_network_may_not_lower_a_budget_below_what_is_committed(demo_db: Database) -> None:
    act(demo_db, lambda s: masterdata.add_school(s, "KPO", "Basisschool Nieuw"))
    act(demo_db, lambda s: regional_networks.assign_school(s, YEAR, "Zuid", "KPO", "Basisschool Nieuw"))
    act(demo_db, lambda s: regional_networks.set_pupils(s, YEAR, "KPO", "Basisschool Nieuw", 500))
    act(demo_db, lambda s: network_budgets.set_network_budget(s, YEAR, "Zuid", "Hoogbegaafdheid", entered=None,
                                                              basis="per leerling"))
    assert budgets(demo_db)[("Zuid", "Hoogbegaafdheid")][3].budget == (1261 + 500) * 1_500
    act(demo_db, lambda s: support_questions.submit_question(s, zuid_question(
        executors=(("Anna Vermeulen", 20_000 * EUR), ("Ingrid Smit", 5_000 * EUR))), TODAY))
    error = refused(demo_db, lambda s: regional_networks.unassign_school(s, YEAR, "Zuid", "KPO", "Basisschool Nieuw"),
                    Conflict)
    assert error.message == ("Het budget Hoogbegaafdheid van netwerk Zuid kan niet lager dan wat al is vastgelegd: "
                             "budget € 18.915,00, vastgelegd € 25.000,00.")
    add_year(demo_db, NEXT)  # in another year nothing is committed: there the school may leave
    act(demo_db, lambda s: regional_networks.unassign_school(s, NEXT, "Zuid", "KPO", "Basisschool Nieuw"))
    assert "Basisschool Nieuw" in members(demo_db, YEAR)["Zuid"]


# ---------------------------------------------------------------- following the standard

def test_changing_a_standard_moves_exactly_the_networks_that_follow_it(demo_db: Database) -> None:
    themes = read(demo_db, lambda s: network_budgets.network_year(s, YEAR))[0].budgets
    assert [(b.theme, b.follows_standard, b.amount_kind) for b in themes] == [
        ("Innovatie", True, "standaard"), ("Gedrag", True, "standaard"), ("Hoogbegaafdheid", True, "standaard")]
    # Noord fixes its own amount, the same as the standard of today
    act(demo_db, lambda s: network_budgets.set_network_budget(s, YEAR, "Noord", "Innovatie", entered=2_800_000,
                                                              basis="vast bedrag"))
    act(demo_db, lambda s: theme_settings.set_theme(s, YEAR, "Innovatie", standard=3_000_000, rate=None,
                                                    basis="vast bedrag"))
    rows = {r.network: {b.theme: b for b in r.budgets} for r in read(
        demo_db, lambda s: network_budgets.network_year(s, YEAR))}
    assert [(n, rows[n]["Innovatie"].entered, rows[n]["Innovatie"].amount_kind) for n in ("Midden", "Noord", "Zuid")
            ] == [("Midden", 3_000_000, "standaard"), ("Noord", 2_800_000, "eigen bedrag"),
                  ("Zuid", 3_000_000, "standaard")]
    assert rows["Noord"]["Innovatie"].exhaustion == Exhaustion(2_800_000, 750_000, 750_000, 2_050_000)
    # back to the standard
    act(demo_db, lambda s: network_budgets.set_network_budget(s, YEAR, "Noord", "Innovatie", entered=None,
                                                              basis="vast bedrag"))
    noord = budgets(demo_db)[("Noord", "Innovatie")]
    assert noord[:3] == (3_000_000, None, "vast bedrag") and noord[3].budget == 3_000_000
    # a standard below what a following network has committed is refused, naming that network
    error = refused(demo_db, lambda s: theme_settings.set_theme(s, YEAR, "Gedrag", standard=800_000, rate=None,
                                                                basis="vast bedrag"), Conflict)
    assert error.message == ("Het budget Gedrag van netwerk Noord kan niet lager dan wat al is vastgelegd: "
                             "budget € 8.000,00, vastgelegd € 8.500,00.")


def test_a_new_year_follows_its_own_standard(demo_db: Database) -> None:
    act(demo_db, lambda s: network_budgets.set_network_budget(s, YEAR, "Zuid", "Gedrag", entered=2_000_000,
                                                              basis="vast bedrag"))
    add_year(demo_db, NEXT)
    act(demo_db, lambda s: theme_settings.set_theme(s, NEXT, "Gedrag", standard=1_900_000, rate=None,
                                                    basis="vast bedrag"))
    next_year = {(r.network, b.theme): b for r in read(demo_db, lambda s: network_budgets.network_year(s, NEXT))
                 for b in r.budgets}
    assert (next_year[("Zuid", "Gedrag")].entered, next_year[("Zuid", "Gedrag")].follows_standard) == (
        1_900_000, True)
    assert budgets(demo_db)[("Zuid", "Gedrag")][0] == 2_000_000  # 2016-2017 keeps its own amount
    assert budgets(demo_db)[("Noord", "Gedrag")][0] == 1_800_000  # and its own standard


# ---------------------------------------------------------------- the migration

def test_a_database_at_0002_is_upgraded(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from models.db import MIGRATIONS, Database, _head_revision, current_revision

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
        assert current_revision(db) == _head_revision()
        with db.read() as session:
            assert [t.name for t in find.ensure_themes(session)] == ["Innovatie", "Gedrag", "Hoogbegaafdheid"]
            from models.services import directory

            assert len(directory.list_areas(session)) == 11
        with db.write() as session:
            assert regional_networks.add_network(session, "Noord") == "Noord"
    finally:
        db.dispose()
    assert list((tmp_path).glob("**/*voor-upgrade*")), "a backup is taken before the upgrade"


def _at_0003_with_networks(url: str) -> None:
    """A database at 0003 holding two school years, three schools in two networks and budgets of 2016-2017:
    two equal to their theme's standard, two of their own."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from models.db import MIGRATIONS

    old = Database(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")

        def insert(sql: str, **values: object) -> None:
            conn.execute(text(sql), values)

        def id_of(table: str, key: str) -> int:
            column = "label" if table == "school_year" else "name_key"
            return int(conn.execute(text(f"SELECT id FROM {table} WHERE {column} = :key"), {"key": key}).scalar_one())

        for label in ("2016-2017", "2017-2018"):
            first = int(label[:4])
            insert("INSERT INTO school_year (label, first_month, last_month, rounding, is_demo, created_at) "
                   "VALUES (:label, :first, :last, 'per cel', :demo, :at)", label=label, first=f"{first}-09",
                   last=f"{first + 1}-07", demo=False, at=dt.datetime(first, 8, 1))
        for board in ("KPO", "OBO"):
            insert("INSERT INTO board (name, name_key, contact_person, email) VALUES (:n, :k, '', '')",
                   n=board, k=board.casefold())
        for network in ("Noord", "Zuid"):
            insert("INSERT INTO network (name, name_key) VALUES (:n, :k)", n=network, k=network.casefold())
        year = id_of("school_year", "2016-2017")
        for board, school, network, pupils in (("KPO", "De Regenboog", "Noord", 100),
                                               ("OBO", "De Vlinder", "Noord", 200), ("KPO", "Het Kompas", "Zuid", 300)):
            insert("INSERT INTO school (board_id, name, name_key) VALUES (:b, :n, :k)",
                   b=id_of("board", board.casefold()), n=school, k=school.casefold())
            school_id = int(conn.execute(text("SELECT MAX(id) FROM school")).scalar_one())
            insert("INSERT INTO network_school (network_id, school_id) VALUES (:n, :s)",
                   n=id_of("network", network.casefold()), s=school_id)
            insert("INSERT INTO school_pupils (year_id, school_id, pupils) VALUES (:y, :s, :p)", y=year, s=school_id,
                   p=pupils)
        for theme, standard in (("innovatie", 2_800_000), ("gedrag", 1_800_000)):
            insert("INSERT INTO theme_year (year_id, theme_id, standard_cents, rate_cents, basis) "
                   "VALUES (:y, :t, :s, NULL, 'vast bedrag')", y=year, t=id_of("innovation_theme", theme), s=standard)
        for network, theme, cents in (("noord", "innovatie", 2_800_000), ("zuid", "innovatie", 2_500_000),
                                      ("noord", "gedrag", 1_800_000), ("zuid", "gedrag", 2_000_000)):
            insert("INSERT INTO network_budget (year_id, network_id, theme_id, entered_cents, basis) "
                   "VALUES (:y, :n, :t, :c, 'vast bedrag')", y=year, n=id_of("network", network),
                   t=id_of("innovation_theme", theme), c=cents)
    old.dispose()


def test_a_database_at_0003_is_upgraded_with_its_networks(db_url: str) -> None:
    """0004 on SQLite and PostgreSQL: every year gets the membership as it stood; a budget equal to its theme's
    standard follows the standard from now on, any other keeps its own amount."""
    from models.db import _head_revision, current_revision

    _at_0003_with_networks(db_url)
    db = open_database(db_url)
    try:
        assert current_revision(db) == _head_revision()
        for year in ("2016-2017", "2017-2018"):
            assert members(db, year) == {"Noord": ["De Regenboog", "De Vlinder"], "Zuid": ["Het Kompas"]}
        rows = {r.network: r for r in read(db, lambda s: network_budgets.network_year(s, "2016-2017"))}
        assert (rows["Noord"].pupils, rows["Zuid"].pupils) == (300, 300)
        found = {(r, b.theme): (b.entered, b.amount_kind) for r in rows for b in rows[r].budgets}
        assert found == {
            ("Noord", "Innovatie"): (2_800_000, "standaard"), ("Zuid", "Innovatie"): (2_500_000, "eigen bedrag"),
            ("Noord", "Gedrag"): (1_800_000, "standaard"), ("Zuid", "Gedrag"): (2_000_000, "eigen bedrag"),
            ("Noord", "Hoogbegaafdheid"): (600_000, "standaard"), ("Zuid", "Hoogbegaafdheid"): (600_000, "standaard")}
        # the upgraded database works on: a new standard moves Noord only, a move in 2017-2018 stays there
        act(db, lambda s: theme_settings.set_theme(s, "2016-2017", "Innovatie", standard=3_000_000, rate=None,
                                                   basis="vast bedrag"))
        act(db, lambda s: regional_networks.unassign_school(s, "2017-2018", "Zuid", "KPO", "Het Kompas"))
        act(db, lambda s: regional_networks.assign_school(s, "2017-2018", "Noord", "KPO", "Het Kompas"))
        assert members(db, "2016-2017") == {"Noord": ["De Regenboog", "De Vlinder"], "Zuid": ["Het Kompas"]}
        assert members(db, "2017-2018") == {"Noord": ["De Regenboog", "De Vlinder", "Het Kompas"], "Zuid": []}
        rows = {r.network: r for r in read(db, lambda s: network_budgets.network_year(s, "2016-2017"))}
        assert [(r, rows[r].pupils, rows[r].budgets[0].entered) for r in rows] == [
            ("Noord", 300, 3_000_000), ("Zuid", 300, 2_500_000)]
    finally:
        db.dispose()


# ---------------------------------------------------------------- PostgreSQL

@pytest.mark.postgresql
def test_the_same_figures_on_postgresql(pg_demo_url: str, demo_db: Database) -> None:
    """Migration 0003, the demo, the report, a question and a search run the same on a server database."""
    from models.services import directory

    db = open_database(pg_demo_url)
    try:
        on_server = read(db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY, swv_name="SWV"))
        assert on_server == read(demo_db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY,
                                                                                       swv_name="SWV"))
        assert act(db, lambda s: support_questions.submit_question(s, zuid_question(), TODAY)) == "2016-I09"
        with pytest.raises(Conflict, match=r"^Nog € 2.500,00 over van het budget Hoogbegaafdheid van netwerk Zuid"):
            act(db, lambda s: support_questions.submit_question(s, zuid_question(), TODAY))
        assert [e.name for e in read(db, lambda s: directory.list_experts(s, search="gedrag monster"))] == [
            "Ingrid Smit", "SBO De Wending"]
        assert act(db, lambda s: directory.add_area(s, "Executieve functies")) == "Executieve functies"
        assert act(db, lambda s: theme_settings.add_theme(s, "Jonge kind")) == "Jonge kind"
    finally:
        db.dispose()


@pytest.mark.parametrize("budget, committed, word, share", [
    (1_000_000, 0, "binnen budget", 0),
    (1_000_000, 899_999, "binnen budget", 90),  # 89,9999 % rounds to 90 % but is not yet 'bijna op'
    (1_000_000, 900_000, "bijna op", 90),
    (1_000_000, 1_000_000, "op", 100),
    (1_000_000, 1_000_001, "over budget", 100),
    (0, 0, "geen budget", None),
    (0, 1, "over budget", None),
])
def test_the_state_of_a_budget_is_always_a_word(budget: int, committed: int, word: str, share: int | None) -> None:
    """The Stand column of the screen, the PDF and the workbook: one rule, in the report service."""
    from models.services.innovation_report import STATES, Exhaustion

    e = Exhaustion(budget, committed, 0, budget - committed)
    assert (e.state, e.committed_percent) == (word, share)
    assert e.state in STATES
