"""The user actions on a booking of realised hours, shared by the Uren and Overeenkomsten pages."""
from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from models.domain import dutch
from models.domain.months import Month
from models.services import hours as service

from ..operations import Question, perform
from ..ports import Dialogs, Runner


class Booking(Protocol):
    """A booked line as a list shows it (services.hour_list.HourLine, services.hours.EntryRow)."""

    @property
    def id(self) -> int: ...

    @property
    def minutes(self) -> int: ...

    @property
    def month(self) -> Month: ...

    @property
    def agreement(self) -> str: ...


def remove_booking(*, parent: QWidget, runner: Runner, dialogs: Dialogs, entry: Booking, about: str = "") -> str | None:
    """Remove a booking after asking, saying what is lost; what to tell the user then, or None (not asked, or
    refused: a closed month refuses, with its reason)."""
    what = f"{dutch.hours(entry.minutes)} uur in {entry.month.label}"
    question = Question("Boeking verwijderen",
                        f"De boeking van {what} op {entry.agreement}{about} verwijderen?\n\n"
                        "De uren komen vrij in het maandbudget. Het logboek bewaart wat er stond.",
                        yes="Verwijderen")
    done = perform(service.remove_entry, entry.id, parent=parent, runner=runner, dialogs=dialogs,
                   refusal_title="Verwijderen kan niet", question=question)
    return None if done is None else f"Boeking van {what} verwijderd van {entry.agreement}."
