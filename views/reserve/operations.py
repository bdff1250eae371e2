"""The user actions on a reserve grant that are not a form (granting is: views.grant_dialog)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.domain import dutch
from models.services import reserve as service
from models.services.reserve import GrantRow

from ..operations import Question, perform
from ..ports import Dialogs, Runner


def revoke_grant(*, parent: QWidget, runner: Runner, dialogs: Dialogs, grant: GrantRow) -> str | None:
    """Revoke a grant after asking, saying where the hours go; what to tell the user then, or None (not asked, or
    refused: hours in use or a closed month refuse, with the reason)."""
    question = Question("Toekenning intrekken",
                        f"De toekenning van {dutch.hours(grant.minutes)} uur reserve aan {grant.board} bij "
                        f"{grant.provider} in {grant.month.label} (‘{grant.reason}’) intrekken?\n\nDe uren gaan "
                        "terug naar de reserve van de dienstverlener. Het logboek bewaart wat er stond.",
                        yes="Intrekken")
    done = perform(service.revoke, grant.id, runner.today(), parent=parent, runner=runner, dialogs=dialogs,
                   refusal_title="Intrekken kan niet", question=question)
    return None if done is None else (f"Ingetrokken: {dutch.hours(grant.minutes)} uur aan {grant.board} bij "
                                      f"{grant.provider}, {grant.month.label}.")
