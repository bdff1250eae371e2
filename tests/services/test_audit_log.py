"""The logboek: every action leaves an entry in its own transaction, in Dutch words, filtered and limited."""
from __future__ import annotations

import datetime as dt
import re
import sqlite3

import pytest

from models import audit
from models.db import Database
from models.domain.errors import BudgetExceeded, InvalidInput
from models.domain.months import Month
from models.orm import AuditEntry
from models.services import agreements, audit_log, hours, months, reserve
from models.services.audit_log import AuditFilter
from tests.conftest import TODAY, table_dump
from tests.services.helpers import YEAR, act, add_agreement, add_grant, add_hours, read, refused

D = dt.date


def _entries(db: Database, **filters) -> audit_log.AuditResult:  # type: ignore[no-untyped-def]
    return read(db, lambda s: audit_log.entries(s, AuditFilter(**filters)))


def _summaries(db: Database, **filters) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.summary for r in _entries(db, **filters)]


def _count(db: Database) -> int:
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return conn.execute("SELECT count(*) FROM audit_entry").fetchone()[0]


def _plant(db: Database, *rows: tuple[dt.datetime, str, str, str]) -> None:
    """Entries with a chosen time and user (at, user, entity, after-JSON), as an older trail would hold."""
    with db.write() as session:
        for at, user, entity, after in rows:
            session.add(AuditEntry(at=at, user=user, action="toegevoegd", entity=entity, entity_id=None,
                                   before="", after=after))


# ---------------------------------------------------------------------------------------------- each action

def test_register_and_confirm_an_agreement(reference_db: Database) -> None:
    number = add_agreement(reference_db, confirmed=None, first="2016-10", last="2017-03", description="Ambulant")
    assert _summaries(reference_db, entity="overeenkomst") == [
        f"overeenkomst {number} geregistreerd: KPO bij Kameleon, 40 uur, oktober 2016 t/m maart 2017"]
    before = _count(reference_db)
    act(reference_db, lambda s: agreements.confirm(s, number, D(2016, 9, 20), TODAY))
    assert _count(reference_db) == before + 1
    latest = _entries(reference_db, entity="overeenkomst").rows[0]
    assert (latest.action, latest.summary) == ("gewijzigd", f"overeenkomst {number}: status geregistreerd → bevestigd")
    assert [(c.label, c.before, c.after) for c in latest.changes] == [
        ("status", "geregistreerd", "bevestigd"), ("bevestigd op", "", "20-9-2016")]
    assert latest.user == audit.current_user()
    assert abs(latest.at - dt.datetime.now()) < dt.timedelta(minutes=1)


def test_hours_reserve_grant_and_month_close_and_reopen(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    add_hours(reference_db, number, "2016-10", 150)
    add_grant(reference_db, "KPO", "Kameleon", "2016-11", 5 * 60, reason="Extra vraag")
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    act(reference_db, lambda s: months.reopen(s, YEAR, "2016-10", "Uren nagekomen"))
    assert _summaries(reference_db, limit=4) == [
        "maand oktober 2016 heropend, reden: Uren nagekomen",
        "maand oktober 2016 afgesloten",
        "reservetoekenning: 5 uur in november 2016 voor KPO van Kameleon",
        f"uren: 2,5 uur in oktober 2016 op {number} (KPO bij Kameleon)",
    ]
    grant = _entries(reference_db, entity="reservetoekenning").rows[0]
    assert ("reden", "", "Extra vraag") in [(c.label, c.before, c.after) for c in grant.changes]
    assert ("toegekend op", "", "15-1-2025") in [(c.label, c.before, c.after) for c in grant.changes]


def test_an_edit_names_the_fields_in_words(reference_db: Database) -> None:
    from tests.services.helpers import agreement_input

    number = add_agreement(reference_db)
    act(reference_db, lambda s: agreements.update(
        s, number, agreement_input(minutes=50 * 60, description="Nieuwe omschrijving", pupil_ref="LL-77",
                                   registered_on=D(2016, 9, 1)), TODAY))
    row = _entries(reference_db, entity="overeenkomst").rows[0]
    assert row.summary == (f"overeenkomst {number}: uren 40 uur → 50 uur, leerlingcode ingevuld, "
                           "omschrijving gewijzigd")
    assert ("leerlingcode", "", "(verborgen)") in [(c.label, c.before, c.after) for c in row.changes]


def test_the_entry_shares_the_transaction_of_the_change(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    assert reference_db.path is not None
    before = table_dump(reference_db.path)
    with pytest.raises(RuntimeError):
        with reference_db.write() as session:
            hours.register(session, hours.HoursInput(number, Month(2016, 10), 60), TODAY)
            session.flush()
            assert session.query(AuditEntry).filter_by(entity="uren").count() == 1  # written with the change
            raise RuntimeError("stroom uitgevallen")
    assert table_dump(reference_db.path) == before  # neither the hours nor their entry


@pytest.mark.parametrize("action", [
    lambda s, n: hours.register(s, hours.HoursInput(n, Month(2016, 10), 900 * 60), TODAY),
    lambda s, n: agreements.confirm(s, n, D(2016, 9, 3), TODAY),  # already confirmed
    lambda s, n: reserve.grant(s, reserve.GrantInput(YEAR, "KPO", "Kameleon", Month(2016, 10), 10_000 * 60,
                                                      "Te veel"), TODAY),
    lambda s, n: months.reopen(s, YEAR, "2016-10", "Niet afgesloten"),
], ids=["over budget", "twice confirmed", "reserve too small", "reopen an open month"])
def test_a_refused_action_leaves_no_entry(reference_db: Database, action) -> None:  # type: ignore[no-untyped-def]
    number = add_agreement(reference_db)
    count = _count(reference_db)
    refused(reference_db, lambda s: action(s, number))  # also: every table, the trail included, unchanged
    assert _count(reference_db) == count


def test_over_budget_is_refused_without_entry(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=900)
    count = _count(reference_db)
    refused(reference_db, lambda s: hours.register(s, hours.HoursInput(number, Month(2016, 10), 800 * 60),
                                                   TODAY), BudgetExceeded)
    assert _count(reference_db) == count


def test_pupil_codes_never_reach_the_trail(reference_db: Database) -> None:
    add_agreement(reference_db, pupil_ref="QZX-4711")
    assert reference_db.path is not None
    with sqlite3.connect(reference_db.path) as conn:
        stored = " ".join(b + a for b, a in conn.execute("SELECT before, after FROM audit_entry"))
    assert "QZX-4711" not in stored and "(verborgen)" in stored
    assert _entries(reference_db, text="QZX-4711").rows == ()


# ---------------------------------------------------------------------------------------------- filters

def test_newest_first_with_a_limit_that_says_there_is_more(demo_db: Database) -> None:
    everything = _entries(demo_db, limit=None)
    assert not everything.more and len(everything) == _count(demo_db) > 300
    keys = [(r.at, r.id) for r in everything]
    assert keys == sorted(keys, reverse=True)
    first = _entries(demo_db, limit=25)
    assert first.more and [r.id for r in first] == [r.id for r in everything][:25]
    exact = _entries(demo_db, limit=len(everything))
    assert not exact.more and len(exact) == len(everything)


def test_filter_on_kind_user_and_days(demo_db: Database) -> None:
    _plant(demo_db,
           (dt.datetime(2016, 10, 3, 9, 15), "j.jansen", "maand", '{"action": "afgesloten", "month": "2016-09"}'),
           (dt.datetime(2016, 10, 4, 23, 59), "p.pieters", "maand", '{"action": "afgesloten", "month": "2016-10"}'),
           (dt.datetime(2016, 10, 5, 0, 0), "j.jansen", "uren", '{"minutes": 90, "month": "2016-10"}'))
    assert read(demo_db, audit_log.users) == sorted({audit.current_user(), "j.jansen", "p.pieters"})
    assert "maand" in read(demo_db, audit_log.entities) and "overeenkomst" in read(demo_db, audit_log.entities)
    assert [r.user for r in _entries(demo_db, user="j.jansen")] == ["j.jansen", "j.jansen"]
    # 'van' and 't/m' both include the whole day
    assert [r.summary for r in _entries(demo_db, since=D(2016, 10, 3), until=D(2016, 10, 4))] == [
        "maand oktober 2016 afgesloten", "maand september 2016 afgesloten"]
    assert len(_entries(demo_db, since=D(2016, 10, 5), until=D(2016, 10, 5))) == 1
    assert len(_entries(demo_db, until=D(2016, 10, 4), entity="uren")) == 0
    assert [r.summary for r in _entries(demo_db, user="j.jansen", entity="uren")] == [
        "uren: 1,5 uur in oktober 2016"]


def test_end_before_start_is_refused(demo_db: Database) -> None:
    with pytest.raises(InvalidInput, match="einddatum"):
        _entries(demo_db, since=D(2017, 1, 2), until=D(2017, 1, 1))


@pytest.mark.parametrize("text, expected", [
    ("2016-017", "op 2016-017"),  # an agreement number: its own changes and the hours booked on it
    ("Driespan", "Driespan"),  # a provider: its contract, agreements, hours and grants
    ("oktober 2016", "oktober 2016"),  # a month in words finds the stored "2016-10"
    ("instroom", "reservetoekenning"),  # text in a stored field
])
def test_search_finds_what_the_words_refer_to(demo_db: Database, text: str, expected: str) -> None:
    rows = _entries(demo_db, text=text, limit=None).rows
    assert rows and any(expected in r.summary for r in rows)
    if text == "2016-017":
        assert all("2016-017" in r.summary for r in rows)
        assert {r.entity for r in rows} == {"overeenkomst", "uren"}
    if text == "Driespan":
        kinds = {r.entity for r in rows}
        assert {"dienstverlener", "contract", "overeenkomst", "uren", "reservetoekenning"} <= kinds
        agreement_numbers = read(demo_db, lambda s: {a.number for a in agreements.list_agreements(
            s, agreements.AgreementFilter(YEAR, provider="Driespan"))})
        hour_rows = [r for r in rows if r.entity == "uren"]
        assert hour_rows and all(re.search(r" op (\d{4}-\d{3}) \(", r.summary).group(1) in agreement_numbers
                                 and r.summary.endswith(" bij Driespan)") for r in hour_rows)


def test_search_takes_percent_and_underscore_literally(reference_db: Database) -> None:
    add_agreement(reference_db, description="Half_om_half 50% groep")
    assert len(_entries(reference_db, text="50%")) == 1
    assert len(_entries(reference_db, text="f_om_h")) == 1
    assert len(_entries(reference_db, text="5%0")) == 0


def test_bulk_statements_and_unknown_shapes_still_read(reference_db: Database) -> None:
    _plant(reference_db, (dt.datetime(2017, 1, 1), "x", "overeenkomst", '{"opdracht": "UPDATE agreement SET ..."}'),
           (dt.datetime(2017, 1, 2), "x", "uren", "geen json"))
    rows = _entries(reference_db, user="x").rows
    assert [r.summary for r in rows] == ["uren: toegevoegd met één opdracht voor meerdere regels",
                                         "overeenkomst: toegevoegd met één opdracht voor meerdere regels"]
    assert rows[0].changes[0].after == "geen json"


def test_a_change_names_what_it_belongs_to(demo_db: Database) -> None:
    """A change stores only the changed fields; the summary still names the agreement, provider and year."""
    from models.orm import HourEntry, YearBoard, YearProvider

    with demo_db.write() as session:
        entry = session.get(HourEntry, 5)
        assert entry is not None
        number = entry.agreement.number
        entry.note = "Nagekeken"
        contract = session.get(YearProvider, 1)
        assert contract is not None
        provider = contract.provider.name
        contract.reserve_minutes += 60
        key = session.get(YearBoard, 1)
        assert key is not None
        board = key.board.name
        key.key_share += 50
    summaries = _summaries(demo_db, limit=3)
    assert f"uren op {number}: notitie gewijzigd" in summaries
    assert any(s.startswith(f"contract {provider} 2016-2017: reserve ") and s.endswith(" uur") for s in summaries)
    assert any(s.startswith(f"verdeling {board} 2016-2017: verdeling ") and " % → " in s for s in summaries)


def test_every_field_of_the_demo_trail_has_a_dutch_name(demo_db: Database) -> None:
    """The Logboek speaks Dutch for both schemes: no column name of the database shows through."""
    trail = read(demo_db, lambda s: audit_log.entries(s, AuditFilter(limit=100_000)))
    labels = {change.label for row in trail for change in row.changes}
    known = set(audit_log.FIELD_LABELS.values())
    assert labels and labels <= known, labels - known
    entities = {row.entity for row in trail}
    assert {"deskundige", "ondersteuningsvraag", "netwerk"} <= entities
    question = next(row for row in trail if row.entity == "ondersteuningsvraag" and row.action == "toegevoegd")
    assert re.match(r"ondersteuningsvraag 2016-I\d\d", question.summary)
    money = next(change for row in trail for change in row.changes if change.label == "bedrag")
    assert money.after.startswith("€ ")


def test_a_network_budget_to_its_own_amount_and_back_to_the_standard_in_words(demo_db: Database) -> None:
    from models.services.innovation import network_budgets

    act(demo_db, lambda s: network_budgets.set_network_budget(s, YEAR, "Noord", "Innovatie", entered=2_500_000,
                                                              basis="vast bedrag"))
    act(demo_db, lambda s: network_budgets.set_network_budget(s, YEAR, "Noord", "Innovatie", entered=None,
                                                              basis="vast bedrag"))
    assert _summaries(demo_db, limit=2) == [
        "netwerkbudget Noord · Innovatie 2016-2017: vast bedrag € 25.000,00 → standaard",
        "netwerkbudget Noord · Innovatie 2016-2017: vast bedrag standaard → € 25.000,00"]
    added = next(row for row in _entries(demo_db, entity="netwerkbudget", limit=None) if row.action == "toegevoegd")
    change = next(c for c in added.changes if c.key == "entered_cents")
    assert (change.label, change.before, change.after) == ("vast bedrag", "", "standaard")


def _school_labels(db: Database) -> dict[int, str]:
    """Independent of the code under test: 'Het Anker (De Waarden)' per school id, straight from the file."""
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return {i: f"{school} ({board})" for i, school, board in conn.execute(
            "SELECT s.id, s.name, b.name FROM school s JOIN board b ON b.id = s.board_id")}


def _names_of(db: Database, table: str, column: str) -> dict[int, str]:
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return dict(conn.execute(f"SELECT id, {column} FROM {table}"))


def test_the_parts_of_a_question_name_the_expert_school_and_question(demo_db: Database) -> None:
    """'uitvoerder toegevoegd' said nothing: the demo trail's executors and schools of a question say who and which."""
    import json

    from models.domain.money import format_euros

    experts, questions = _names_of(demo_db, "expert", "name"), _names_of(demo_db, "support_question", "number")
    schools = _school_labels(demo_db)
    trail = _entries(demo_db, limit=None).rows
    executors = [row for row in trail if row.entity == "uitvoerder"]
    question_schools = [row for row in trail if row.entity == "school van vraag"]
    assert executors and question_schools
    assert _count(demo_db) == len(trail)
    assert demo_db.path is not None
    with sqlite3.connect(demo_db.path) as conn:
        stored = {i: json.loads(after) for i, after in conn.execute("SELECT id, after FROM audit_entry")}
    for row in executors:
        v = stored[row.id]
        assert row.summary == (f"uitvoerder {experts[v['expert_id']]} bij vraag {questions[v['question_id']]} "
                               f"toegevoegd: {format_euros(v['amount_cents'])}")
    for row in question_schools:
        v = stored[row.id]
        assert row.summary == (f"school van vraag {questions[v['question_id']]} toegevoegd: "
                               f"{schools[v['school_id']]}")
    # the summaries are what the Logboek shows and exports: a search on a name finds them
    some = executors[0]
    found = _entries(demo_db, text=experts[stored[some.id]["expert_id"]], limit=None).rows
    assert some.id in {row.id for row in found}


def _edited_question(demo_db: Database):  # type: ignore[no-untyped-def]
    """A question of the demo edited in the dialog's way: the first executor's amount up by € 100, the last executor
    replaced by another expert, the last school taken off. Returns the question before, the dropped executor, the
    newcomer and the (board, school) taken off."""
    from models.services import directory
    from models.services.innovation import support_questions

    question = next(q for q in read(demo_db, lambda s: support_questions.list_questions(s, YEAR))
                    if q.status in ("ingediend", "lopend") and len(q.school_refs) >= 3
                    and len({b for b, _ in q.school_refs[:-1]}) >= 2)
    kept, dropped = question.executors[0], question.executors[-1]
    newcomer = next(e.name for e in read(demo_db, directory.list_experts)
                    if e.name not in {x.expert for x in question.executors})
    cmd = support_questions.QuestionInput(
        year=YEAR, network=question.network, title=question.title, description=question.description,
        theme=None if question.theme == "Innovatie" else question.theme, schools=question.school_refs[:-1],
        executors=((kept.expert, kept.amount + 10_000), *((e.expert, e.amount) for e in question.executors[1:-1]),
                   (newcomer, 10_000)),
        submitted_on=question.submitted_on)
    act(demo_db, lambda s: support_questions.update_question(s, question.number, cmd, TODAY))
    return question, dropped, newcomer, question.school_refs[-1]


def test_changing_and_adding_an_executor_name_them(demo_db: Database) -> None:
    from models.domain.money import format_euros

    question, _dropped, newcomer, _school = _edited_question(demo_db)
    kept = question.executors[0]
    summaries = _summaries(demo_db, limit=10)
    assert (f"uitvoerder {kept.expert} bij vraag {question.number}: bedrag {format_euros(kept.amount)} → "
            f"{format_euros(kept.amount + 10_000)}" in summaries), summaries
    assert f"uitvoerder {newcomer} bij vraag {question.number} toegevoegd: € 100,00" in summaries, summaries


def test_a_removed_executor_and_school_are_named(demo_db: Database) -> None:
    """A removal's entry holds the whole old row: the summary names the expert, the school and the question."""
    from sqlalchemy import select

    from models.domain.money import format_euros
    from models.orm_innovation import QuestionExecutor, QuestionSchool, SupportQuestion

    with demo_db.write() as session:
        executor = session.scalars(select(QuestionExecutor).order_by(QuestionExecutor.id.desc())).first()
        link = session.scalars(select(QuestionSchool).order_by(QuestionSchool.id.desc())).first()
        assert executor is not None and link is not None
        expert, amount = executor.expert.name, executor.amount_cents
        number = session.get(SupportQuestion, executor.question_id).number  # type: ignore[union-attr]
        school = f"{link.school.name} ({link.school.board.name})"
        number_of_school = session.get(SupportQuestion, link.question_id).number  # type: ignore[union-attr]
        session.delete(executor)
        session.delete(link)
    summaries = _summaries(demo_db, limit=2)
    assert f"uitvoerder {expert} bij vraag {number} verwijderd: {format_euros(amount)}" in summaries, summaries
    assert f"school van vraag {number_of_school} verwijderd: {school}" in summaries, summaries


def test_taking_an_executor_and_a_school_off_a_question_is_in_the_trail(demo_db: Database) -> None:
    from models.domain.money import format_euros

    question, dropped, _newcomer, (board, school) = _edited_question(demo_db)
    summaries = _summaries(demo_db, limit=10)
    assert (f"uitvoerder {dropped.expert} bij vraag {question.number} verwijderd: {format_euros(dropped.amount)}"
            in summaries), summaries
    assert f"school van vraag {question.number} verwijderd: {school} ({board})" in summaries, summaries
