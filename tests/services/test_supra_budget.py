"""The supra-regional budget (bovenregionaal): an amount per year and theme tied to no network, for questions of
schools of more than one network; the same rules as any question, its own line in the exhaustion."""
from __future__ import annotations

import dataclasses

from models.db import Database
from models.domain.errors import Conflict, InvalidInput
from models.services import innovation_report, supra_budget
from models.services.innovation import regional_networks, support_questions
from models.services.innovation_report import Exhaustion
from tests.conftest import TODAY

from .helpers import YEAR, act, read, refused
from .test_innovation import EUR, budgets, zuid_question


def supra_question(**changes: object) -> support_questions.QuestionInput:
    """Schools of Noord (KPO) and Zuid (OBO): two networks, two boards."""
    values: dict[str, object] = dict(network="Bovenregionaal", theme="Gedrag",
                                     schools=(("KPO", "Basisschool De Regenboog"), ("OBO", "OBS De Springplank")))
    values.update(changes)
    return zuid_question(**values)


def supra(db: Database) -> dict[str, Exhaustion]:
    return {b.theme: b.exhaustion for b in read(db, lambda s: supra_budget.supra_year(s, YEAR)).budgets}


def test_a_supra_regional_question_draws_on_the_supra_regional_budget_not_a_networks(demo_db: Database) -> None:
    act(demo_db, lambda s: supra_budget.set_supra_budget(s, YEAR, "Gedrag", 10_000 * EUR))
    before = budgets(demo_db)
    number = act(demo_db, lambda s: support_questions.submit_question(s, supra_question(), TODAY))
    assert budgets(demo_db) == before  # no network's budget moved
    assert supra(demo_db)["Gedrag"] == Exhaustion(1_000_000, 350_000, 0, 650_000)
    line = read(demo_db, lambda s: support_questions.question(s, number))
    assert (line.network, len(line.boards)) == ("Bovenregionaal", 2)
    on_supra = read(demo_db, lambda s: support_questions.list_questions(s, YEAR, network="Bovenregionaal"))
    assert [q.number for q in on_supra] == [number]
    report = read(demo_db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY, swv_name="SWV"))
    assert [(n.network, n.supra_regional, n.questions) for n in report.networks][-1] == ("Bovenregionaal", True, 1)
    assert len(report.regional_networks) == 3
    assert report.networks[-1].total == Exhaustion(1_000_000, 350_000, 0, 650_000)
    assert report.total.budget == 16_564_500 + 1_000_000  # the supra-regional line counts in the totals


def test_the_supra_regional_line_shows_only_when_in_use(demo_db: Database) -> None:
    report = read(demo_db, lambda s: innovation_report.innovation_report(s, YEAR, TODAY, swv_name="SWV"))
    assert [n.network for n in report.networks] == ["Midden", "Noord", "Zuid"]


def test_a_commitment_above_the_supra_regional_budget_is_refused_with_figures(demo_db: Database) -> None:
    act(demo_db, lambda s: supra_budget.set_supra_budget(s, YEAR, "Gedrag", 3_000 * EUR))
    error = refused(demo_db, lambda s: support_questions.submit_question(s, supra_question(), TODAY), Conflict)
    assert error.message == ("Nog € 3.000,00 over van het bovenregionale budget Gedrag (budget € 3.000,00, "
                             "vastgelegd € 0,00); gevraagd € 3.500,00.")
    exact = supra_question(executors=(("Anna Vermeulen", 2_000 * EUR), ("Ingrid Smit", 1_000 * EUR)))
    act(demo_db, lambda s: support_questions.submit_question(s, exact, TODAY))
    error = refused(demo_db, lambda s: supra_budget.set_supra_budget(s, YEAR, "Gedrag", 2_000 * EUR), Conflict)
    assert error.message == ("Het bovenregionale budget Gedrag kan niet lager dan wat al is vastgelegd: "
                             "budget € 2.000,00, vastgelegd € 3.000,00.")


def test_seed_rules_hold_for_a_supra_regional_question(demo_db: Database) -> None:
    act(demo_db, lambda s: supra_budget.set_supra_budget(s, YEAR, "Gedrag", 10_000 * EUR))
    one_network = supra_question(schools=(("KPO", "Basisschool Het Kompas"), ("OBO", "OBS De Springplank")))
    error = refused(demo_db, lambda s: support_questions.submit_question(s, one_network, TODAY), InvalidInput)
    assert "minstens twee netwerken" in error.message and "Kies dan netwerk Zuid" in error.message
    one_board = supra_question(schools=(("KPO", "Basisschool De Regenboog"), ("KPO", "Basisschool Het Kompas")))
    error = refused(demo_db, lambda s: support_questions.submit_question(s, one_board, TODAY), InvalidInput)
    assert "minstens twee verschillende besturen" in error.message
    one_executor = supra_question(executors=(("Anna Vermeulen", 2_000 * EUR),))
    error = refused(demo_db, lambda s: support_questions.submit_question(s, one_executor, TODAY), InvalidInput)
    assert "minstens twee partijen" in error.message


def test_a_network_question_becomes_supra_regional_while_open(demo_db: Database) -> None:
    act(demo_db, lambda s: supra_budget.set_supra_budget(s, YEAR, "Hoogbegaafdheid", 5_000 * EUR))
    number = act(demo_db, lambda s: support_questions.submit_question(s, zuid_question(), TODAY))
    assert budgets(demo_db)[("Zuid", "Hoogbegaafdheid")][3].committed == 350_000
    moved = supra_question(theme="Hoogbegaafdheid")
    act(demo_db, lambda s: support_questions.update_question(s, number, moved, TODAY))
    assert budgets(demo_db)[("Zuid", "Hoogbegaafdheid")][3].committed == 0
    assert supra(demo_db)["Hoogbegaafdheid"].committed == 350_000
    back = dataclasses.replace(moved, network="Noord",
                               schools=(("KPO", "Basisschool De Regenboog"), ("OBO", "OBS De Vlinder")))
    act(demo_db, lambda s: support_questions.update_question(s, number, back, TODAY))
    assert supra(demo_db)["Hoogbegaafdheid"].committed == 0


def test_no_network_may_be_called_bovenregionaal(demo_db: Database) -> None:
    error = refused(demo_db, lambda s: regional_networks.add_network(s, "bovenregionaal"), Conflict)
    assert "kies een andere naam" in error.message
    refused(demo_db, lambda s: regional_networks.rename_network(s, "Noord", "Bovenregionaal"), Conflict)


def test_0007_keeps_the_schools_and_executors_of_every_question(demo_path) -> None:  # type: ignore[no-untyped-def]
    """SQLite recreates support_question to let network_id be empty; the rows that hang from it by ON DELETE
    CASCADE must survive that, down and up again."""
    from alembic import command
    from alembic.config import Config

    from models.db import MIGRATIONS, _head_revision, current_revision, to_url
    from tests.conftest import table_dump

    before = table_dump(demo_path)
    db = Database(to_url(demo_path))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        for target in ("0006", "head"):
            with db.engine.begin() as conn:
                config.attributes["connection"] = conn
                (command.downgrade if target == "0006" else command.upgrade)(config, target)
        assert current_revision(db) == _head_revision()
    finally:
        db.dispose()
    after = table_dump(demo_path)
    for table in ("support_question", "question_school", "question_executor"):
        assert after[table] == before[table] and before[table]
