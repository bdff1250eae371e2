"""The user actions on an agreement that are not a form: withdrawing it."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.domain import dutch
from models.services import agreements as service
from models.services.agreements import AgreementRow

from ..operations import Question, perform
from ..ports import Dialogs, Runner


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
