"""Closing and reopening a month. Called from a form: a refusal rises, to show beside the month."""
from __future__ import annotations

from models.domain.months import Month
from models.services import months as months_service

from ..operations import Question
from ..ports import Runner


def running_month_question(month: Month) -> Question:
    """Asked before closing a month that has not ended yet."""
    return Question("Maand afsluiten",
                    f"{month.label.capitalize()} is nog niet voorbij. Toch afsluiten?\n\nUren van deze maand kunnen "
                    "daarna niet meer worden geboekt, tot de maand wordt heropend.",
                    yes="Toch afsluiten", no="Annuleren")


def close_month(*, runner: Runner, year: str, month: Month) -> str:
    """Close `month` of `year` today: no hours are booked or changed in it until it is reopened, and what is
    unused lapses. What to tell the user."""
    runner.operate(months_service.close, year, str(month), runner.today())
    return f"{month.label.capitalize()} is afgesloten."


def reopen_month(*, runner: Runner, year: str, month: Month, reason: str) -> str:
    """Reopen `month` of `year`, with the reason kept in its history. What to tell the user."""
    runner.operate(months_service.reopen, year, str(month), reason)
    return f"{month.label.capitalize()} is heropend."
