"""Every field of free text refuses a BSN and a full date (AVG), with one Dutch line, writing nothing."""
from __future__ import annotations

import pytest

from models.db import Database
from models.domain.errors import InvalidInput
from models.domain.months import Month
from models.services import agreements, hours, months, reserve
from tests.conftest import TODAY
from tests.services.helpers import YEAR, act, add_agreement, agreement_input, read, refused

BSN = "Leerling Jan Jansen, BSN 123456782"
BIRTH_DATES = ["Leerling Jan Jansen, geb. 12-03-2008", "geboren 2008-03-12", "geboren 12 maart 2008",
               "geboren 12/3/2008"]


@pytest.mark.parametrize("text", [BSN, *BIRTH_DATES])
def test_agreement_description_refused(reference_db: Database, text: str) -> None:
    error = refused(reference_db, lambda s: agreements.register(s, agreement_input(description=text), TODAY),
                    InvalidInput)
    assert error.field == "description"
    assert error.message.startswith("Omschrijving bevat ") and "(AVG)" in error.message


@pytest.mark.parametrize("code", ["2008-03-12", "12 maart 2008", "12-03-2008", "123456782"])
def test_pupil_code_refused(reference_db: Database, code: str) -> None:
    error = refused(reference_db, lambda s: agreements.register(s, agreement_input(pupil_ref=code), TODAY),
                    InvalidInput)
    assert error.field == "pupil_ref" and error.message.startswith("Leerlingcode bevat ")


def test_agreement_edit_refused_and_unchanged(reference_db: Database) -> None:
    number = add_agreement(reference_db, description="Coaching leerkracht groep 5")
    for changes in (dict(description=BIRTH_DATES[0]), dict(pupil_ref="2008-03-12"),
                    dict(board_contact="J. de Vries, BSN 123456782")):
        error = refused(reference_db, lambda s: agreements.update(s, number, agreement_input(**changes), TODAY),
                        InvalidInput)
        assert "(AVG)" in error.message
    assert read(reference_db, lambda s: agreements.get(s, number)).description == "Coaching leerkracht groep 5"


def test_ordinary_text_with_a_month_is_kept(reference_db: Database) -> None:
    text = "Begeleiding leerling groep 5 vanaf oktober 2016, factuur 123456789"
    number = add_agreement(reference_db, description=f"  {text} ", pupil_ref="L-0042")
    row = read(reference_db, lambda s: agreements.get(s, number))
    assert (row.description, row.pupil_ref) == (text, "L-0042")


@pytest.mark.parametrize("note", [BSN, *BIRTH_DATES])
def test_hours_note_refused(reference_db: Database, note: str) -> None:
    number = add_agreement(reference_db)
    cmd = hours.HoursInput(number, Month(2016, 10), 60, note=note)
    error = refused(reference_db, lambda s: hours.register(s, cmd, TODAY), InvalidInput)
    assert error.field == "note" and error.message.startswith("Opmerking bevat ")


def test_hours_note_kept(reference_db: Database) -> None:
    number = add_agreement(reference_db)
    act(reference_db, lambda s: hours.register(
        s, hours.HoursInput(number, Month(2016, 10), 60, note=" Gesprek in oktober 2016 "), TODAY))
    assert [e.note for e in read(reference_db, lambda s: hours.entries(s, number))] == ["Gesprek in oktober 2016"]


@pytest.mark.parametrize("reason", [BSN, *BIRTH_DATES])
def test_reserve_reason_refused(reference_db: Database, reason: str) -> None:
    cmd = reserve.GrantInput(YEAR, "KPO", "Kameleon", Month(2016, 10), 120, reason)
    error = refused(reference_db, lambda s: reserve.grant(s, cmd, TODAY), InvalidInput)
    assert error.field == "reason" and error.message.startswith("Reden bevat ")
    # a range of months is all or none as well
    refused(reference_db, lambda s: reserve.grant_range(s, cmd, Month(2016, 12), TODAY), InvalidInput)


@pytest.mark.parametrize("reason", [BSN, *BIRTH_DATES])
def test_reopen_reason_refused(reference_db: Database, reason: str) -> None:
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    error = refused(reference_db, lambda s: months.reopen(s, YEAR, "2016-10", reason), InvalidInput)
    assert error.field == "reason" and error.message.startswith("Reden bevat ")
    act(reference_db, lambda s: months.reopen(s, YEAR, "2016-10", "Late opgave van Kameleon over maart 2017"))


# ---------------------------------------------------------------- the innovation scheme and budget notes

@pytest.mark.parametrize("field", ["title", "description"])
def test_support_question_texts_refused(demo_db: Database, field: str) -> None:
    from models.services.innovation import support_questions
    from tests.services.test_innovation import zuid_question

    cmd = zuid_question(**{field: "Voor leerling Jan, geb. 12-03-2008"})
    error = refused(demo_db, lambda s: support_questions.submit_question(s, cmd, TODAY), InvalidInput)
    assert error.field == field and "(AVG)" in error.message


def test_withdrawal_reason_and_report_title_refused(demo_db: Database) -> None:
    import datetime as dt

    from models.services.innovation import support_questions

    error = refused(demo_db, lambda s: support_questions.withdraw_question(
        s, "2016-I06", reason=BSN, day=dt.date(2017, 1, 9), today=TODAY), InvalidInput)
    assert error.field == "reason" and error.message.startswith("Reden bevat iets dat op een BSN lijkt")
    lopend = next(q.number for q in read(demo_db, lambda s: support_questions.list_questions(s, YEAR))
                  if q.status == "lopend")
    error = refused(demo_db, lambda s: support_questions.receive_report(
        s, lopend, title=f"Verslag {BSN}", received_on=dt.date(2017, 6, 1), today=TODAY), InvalidInput)
    assert error.field == "report_title" and "(AVG)" in error.message


def test_month_budget_note_refused(reference_db: Database) -> None:
    from models.services import budgets

    cmd = budgets.MonthBudgetInput(YEAR, "KPO", "Kameleon", Month(2016, 10), 20 * 60, BIRTH_DATES[1])
    error = refused(reference_db, lambda s: budgets.set_month_budget(s, cmd), InvalidInput)
    assert error.field == "note" and error.message.startswith("Notitie bevat een datum")
