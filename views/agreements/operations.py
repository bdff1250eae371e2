"""The user actions on an agreement: saving one (from its form), a status step with a date, withdrawing."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtWidgets import QWidget

from models.domain import dutch
from models.services import agreements as service
from models.services.agreements import AgreementInput, AgreementRow

from ..operations import Question, perform, save_numbered
from ..ports import Dialogs, Runner


def save_agreement(*, runner: Runner, number: str | None, cmd: AgreementInput) -> tuple[str, str]:
    """Register a new agreement (`number` None) or change agreement `number`: its number and what to tell the
    user. A refusal rises, to show beside its field."""
    number, new = save_numbered(runner=runner, number=number, cmd=cmd, register=service.register,
                                update=service.update)
    return number, f"Overeenkomst {number} is {'opgeslagen' if new else 'gewijzigd'}."


def take_step(*, runner: Runner, step: Callable[..., None], name: str, number: str, day: dt.date) -> str:
    """A status step with a date ('registreren', 'bevestigen', 'afronden') on agreement `number`; what to tell
    the user. A refusal rises, to show beside its field."""
    runner.write(step, number, day, runner.today())
    return f"Overeenkomst {number}: {name} is vastgelegd."


def withdraw_agreement(*, parent: QWidget, runner: Runner, dialogs: Dialogs, row: AgreementRow) -> str | None:
    """Withdraw an agreement today after asking, saying which hours come free; what to tell the user then, or
    None (not asked, or refused: the refusal is shown)."""
    freed = (f"De {dutch.hours(row.left)} uur die nog niet zijn gebruikt komen vrij voor andere afspraken van "
             f"{row.board} bij {row.provider}." if row.left else "Alle afgesproken uren zijn al gebruikt.")
    kept = (f" De al gebruikte {dutch.hours(row.booked)} uur blijven staan en tellen mee in het maandbudget."
            if row.booked else "")
    question = Question("Overeenkomst intrekken",
                        f"Overeenkomst {row.number} ({row.board} bij {row.provider}: {row.description}) intrekken?"
                        f"\n\n{freed}{kept} Er kunnen daarna geen uren meer op worden geboekt; intrekken kan niet "
                        "ongedaan worden gemaakt.", yes="Intrekken")
    today = runner.today()
    done = perform(service.withdraw, row.number, today, today, parent=parent, runner=runner, dialogs=dialogs,
                   refusal_title="Intrekken kan niet", question=question)
    return None if done is None else f"Overeenkomst {row.number} is ingetrokken."
