"""Support questions (ondersteuningsvragen): submitted, changed and taken through their status steps, their
amounts committed against the network's (or the supra-regional) budget."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import orm
from ...domain import innovation as rules
from ...domain.errors import InvalidInput
from ...domain.months import Month, format_date
from ...domain.privacy import check_text
from ...domain.units import format_count
from ...orm import School, SchoolYear
from ...orm_innovation import Expert, InnovationTheme, Network, QuestionExecutor, QuestionSchool, SupportQuestion
from .. import lookup
from ..innovation_report import ExecutorLine, QuestionLine
from . import find, network_budgets, year_data

DESCRIPTION_LENGTH = orm.DESCRIPTION_LENGTH
REASON_LENGTH = orm.NOTE_LENGTH


@dataclass(frozen=True)
class QuestionInput:
    year: str
    network: str  # a network's name, or 'Bovenregionaal' (rules.SUPRA_REGIONAL) for the supra-regional budget
    title: str
    description: str
    theme: str | None  # None: the base theme (Innovatie)
    schools: tuple[tuple[str, str], ...]  # (board, school)
    executors: tuple[tuple[str, int], ...]  # (expert name, cents)
    submitted_on: dt.date


def _resolve(session: Session, cmd: QuestionInput, today: dt.date, own: SupportQuestion | None = None
             ) -> tuple[SchoolYear, Network | None, InnovationTheme, str, str, list[School], list[tuple[Expert, int]]]:
    """Check a question's input against the rules; the stored rows it names."""
    year_row = lookup.year(session, cmd.year)
    network = find.scope(session, cmd.network)
    theme = find.theme(session, cmd.theme)
    title = check_text(rules.check_title(cmd.title), "Titel", field="title")
    description = check_text(str(cmd.description or ""), "Omschrijving", field="description")
    if len(description) > DESCRIPTION_LENGTH:
        raise InvalidInput(f"De omschrijving is te lang (hoogstens {format_count(DESCRIPTION_LENGTH)} tekens).",
                           field="description")
    rules.check_step_date(cmd.submitted_on, today, "indiening", field="submitted_on")
    rules.check_in_school_year(cmd.submitted_on, year_row.label, Month.parse(year_row.first_month),
                               Month.parse(year_row.last_month))
    if own is not None and own.started_on is not None and cmd.submitted_on > own.started_on:
        raise InvalidInput(f"De datum van indiening ligt na de start ({format_date(own.started_on)}).",
                           field="submitted_on")
    names = dict(session.execute(select(Network.id, Network.name)).all())
    memberships = {school_id: names[network_id]
                   for school_id, network_id in year_data.membership(session, year_row).items()}
    schools = [find.school(session, board, school) for board, school in cmd.schools]
    rules.check_schools([rules.ChosenSchool(s.board.name, s.name, memberships.get(s.id)) for s in schools],
                        None if network is None else network.name)
    own_experts = {e.expert_id for e in own.executors} if own is not None else set()
    executors = [(find.expert(session, expert), amount) for expert, amount in cmd.executors]
    rules.check_executors([rules.ChosenExecutor(e.name, amount, e.active or e.id in own_experts)
                           for e, amount in executors])
    return year_row, network, theme, title, description, schools, executors


def _check_commitment(session: Session, year_row: SchoolYear, network: Network | None, theme: InnovationTheme,
                      requested: int, own_id: int | None) -> None:
    if network is None:
        use = network_budgets.commitments(session, year_row.id, excluding=own_id)
        committed, _paid = use.get((None, theme.id), (0, 0))
        budget = network_budgets.supra_amounts(session, year_row.id).get(theme.id, 0)
        rules.check_commitment(theme.name, None, budget, committed, requested)
        return
    for found in network_budgets.year_budgets(session, year_row, excluding=own_id):
        if found.network.id == network.id and found.theme.id == theme.id:
            rules.check_commitment(theme.name, network.name, found.in_force, found.committed, requested)
            return


def submit_question(session: Session, cmd: QuestionInput, today: dt.date) -> str:
    """Register a support question (status ingediend) and commit its amounts; returns its number."""
    year_row, network, theme, title, description, schools, executors = _resolve(session, cmd, today)
    _check_commitment(session, year_row, network, theme, sum(a for _, a in executors), None)
    year_data.open_year(session, year_row.label)
    sequence = (session.scalar(select(func.max(SupportQuestion.sequence))
                               .where(SupportQuestion.year_id == year_row.id)) or 0) + 1
    number = rules.format_question_number(int(year_row.first_month[:4]), sequence)
    question = SupportQuestion(
        year_id=year_row.id, sequence=sequence, number=number,
        network_id=None if network is None else network.id, theme_id=theme.id,
        title=title, description=description, status=rules.INGEDIEND, submitted_on=cmd.submitted_on,
        schools=[QuestionSchool(school_id=s.id) for s in schools],
        executors=[QuestionExecutor(expert_id=e.id, amount_cents=amount) for e, amount in executors])
    session.add(question)
    session.flush()
    return number


def update_question(session: Session, number: str, cmd: QuestionInput, today: dt.date) -> None:
    """Change a question's text, network, theme, schools, executors and amounts while ingediend or lopend."""
    question = find.question(session, number)
    rules.check_editable(question.number, question.status)
    year_row, network, theme, title, description, schools, executors = _resolve(session, cmd, today, question)
    if year_row.id != question.year_id:
        raise InvalidInput(f"Ondersteuningsvraag {question.number} hoort bij schooljaar {question.year.label}; het "
                           "schooljaar kan niet worden gewijzigd.", field="year")
    _check_commitment(session, year_row, network, theme, sum(a for _, a in executors), question.id)
    question.network_id, question.theme_id = None if network is None else network.id, theme.id
    question.title, question.description, question.submitted_on = title, description, cmd.submitted_on
    wanted_schools = [s.id for s in schools]
    for link in list(question.schools):
        if link.school_id not in wanted_schools:
            question.schools.remove(link)
    present = {link.school_id for link in question.schools}
    question.schools.extend(QuestionSchool(school_id=s) for s in wanted_schools if s not in present)
    amounts = {e.id: amount for e, amount in executors}
    for line in list(question.executors):
        if line.expert_id not in amounts:
            question.executors.remove(line)
        elif line.amount_cents != amounts[line.expert_id]:
            line.amount_cents = amounts[line.expert_id]
    present = {line.expert_id for line in question.executors}
    question.executors.extend(QuestionExecutor(expert_id=e.id, amount_cents=amount)
                              for e, amount in executors if e.id not in present)
    session.flush()


def start_question(session: Session, number: str, day: dt.date, today: dt.date) -> None:
    question = find.question(session, number)
    status = rules.next_status(question.status, rules.START, question.number)
    rules.check_step_date(day, today, "de start", question.submitted_on, "de indiening")
    question.status, question.started_on = status, day
    session.flush()


def receive_report(session: Session, number: str, *, title: str, received_on: dt.date, today: dt.date) -> None:
    """The executors' report is in: its title and date are kept; the question can now be paid."""
    question = find.question(session, number)
    status = rules.next_status(question.status, rules.RECEIVE, question.number)
    report_title = check_text(rules.check_title(title, "Het verslag", "report_title"), "Het verslag",
                              field="report_title")
    rules.check_step_date(received_on, today, "ontvangst van het verslag", question.started_on, "de start",
                          field="received_on")
    question.status, question.report_title, question.report_received_on = status, report_title, received_on
    session.flush()


def pay_question(session: Session, number: str, *, paid_on: dt.date, today: dt.date) -> None:
    question = find.question(session, number)
    status = rules.next_status(question.status, rules.PAY, question.number)
    rules.check_step_date(paid_on, today, "betaling", question.report_received_on, "de ontvangst van het verslag",
                          field="paid_on")
    question.status, question.paid_on = status, paid_on
    session.flush()


def withdraw_question(session: Session, number: str, *, reason: str, day: dt.date, today: dt.date) -> None:
    """Withdraw a question that is ingediend or lopend: its commitment is freed."""
    question = find.question(session, number)
    status = rules.next_status(question.status, rules.WITHDRAW, question.number)
    text = check_text(" ".join(str(reason).split()), "Reden", field="reason")
    if not text:
        raise InvalidInput("Geef een reden om de ondersteuningsvraag in te trekken.", field="reason")
    if len(text) > REASON_LENGTH:
        raise InvalidInput(f"De reden is te lang (hoogstens {format_count(REASON_LENGTH)} tekens).", field="reason")
    previous, what = ((question.started_on, "de start") if question.started_on is not None
                      else (question.submitted_on, "de indiening"))
    rules.check_step_date(day, today, "intrekking", previous, what)
    question.status, question.withdrawn_on, question.withdraw_reason = status, day, text
    session.flush()


def question_line(question: SupportQuestion) -> QuestionLine:
    """A question as the list, the reports and the library show it."""
    schools = sorted(question.schools, key=lambda link: (link.school.board.name_key, link.school.name_key))
    boards: list[str] = []
    for link in schools:
        if link.school.board.name not in boards:
            boards.append(link.school.board.name)
    return QuestionLine(
        number=question.number, title=question.title,
        network=question.network.name if question.network else rules.SUPRA_REGIONAL, theme=question.theme.name,
        status=question.status, submitted_on=question.submitted_on,
        schools=tuple(f"{link.school.name} ({link.school.board.name})" for link in schools), boards=tuple(boards),
        executors=tuple(ExecutorLine(line.expert.name, line.expert.kind, line.amount_cents)
                        for line in question.executors),
        report_title=question.report_title, report_received_on=question.report_received_on, paid_on=question.paid_on,
        description=question.description, year=question.year.label, started_on=question.started_on,
        withdrawn_on=question.withdrawn_on, withdraw_reason=question.withdraw_reason,
        school_refs=tuple((link.school.board.name, link.school.name) for link in schools),
        school_kinds=tuple(link.school.kind for link in schools))


def list_questions(session: Session, year: str, *, network: str | None = None,
                   status: str | None = None) -> list[QuestionLine]:
    """A year's support questions in number order, optionally of one network or status."""
    year_row = lookup.year(session, year)
    query = select(SupportQuestion).where(SupportQuestion.year_id == year_row.id).order_by(SupportQuestion.sequence)
    if network:
        scope = find.scope(session, network)
        query = query.where(SupportQuestion.network_id.is_(None) if scope is None
                            else SupportQuestion.network_id == scope.id)
    if status:
        query = query.where(SupportQuestion.status == rules.check_choice(status, rules.QUESTION_STATUSES, "Status",
                                                                         "status"))
    return [question_line(q) for q in session.scalars(query)]


def question(session: Session, number: str) -> QuestionLine:
    return question_line(find.question(session, number))
