"""The user actions on a booking of realised hours, shared by the Uren and Overeenkomsten pages."""
from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from models.domain import dutch
from models.domain.months import Month
from models.services import hours as service
from models.services.hours import HoursInput

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


def register_hours(*, runner: Runner, cmd: HoursInput) -> str:
    """Book realised hours on an agreement in a month, as one entry; what to tell the user. A refusal (over the
    month's budget, a closed month, an agreement not confirmed) rises, to show beside its field."""
    runner.write(service.register, cmd, runner.today())
    return f"Opgeslagen: {dutch.hours(cmd.minutes)} uur op {cmd.agreement} in {cmd.month.label}."


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
