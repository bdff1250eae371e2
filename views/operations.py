"""What every user action shares: ask first, run the service as one transaction, and show a refusal under the
action's title (after Anki's aqt/operations). A feature's operations (e.g. views/booking/operations.py) are small
keyword-only functions built on `perform`; a FormDialog's `submit` lets the refusal rise instead, so that it
shows beside its field."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from PySide6.QtWidgets import QWidget

from models.changes import Outcome
from models.domain.errors import Refusal

from .ports import Dialogs, Runner

T = TypeVar("T")


@dataclass(frozen=True)
class Question:
    """Asked before an action that loses something; Enter gives `no`."""

    title: str
    text: str
    yes: str = "Ja"
    no: str = "Annuleren"

    def asked(self, parent: QWidget | None, dialogs: Dialogs) -> bool:
        return dialogs.ask(parent, self.title, self.text, yes=self.yes, no=self.no)


def save_numbered(*, runner: Runner, number: str | None, cmd: Any, register: Callable[..., str],
                  update: Callable[..., None]) -> tuple[str, bool]:
    """A form's save of something numbered (an agreement, a support question): `register(session, cmd, today)`
    when it is new (`number` None), else `update(session, number, cmd, today)`, as one transaction: its number
    and whether it is new. A refusal rises, to show beside its field."""
    if number is None:
        return runner.write(register, cmd, runner.today()), True
    runner.write(update, number, cmd, runner.today())
    return number, False


def attempt(work: Callable[[], T], *, parent: QWidget | None, dialogs: Dialogs, refusal_title: str) -> T | None:
    """`work()`, or None when it is refused: the refusal is shown in Dutch under `refusal_title`."""
    try:
        return work()
    except Refusal as refusal:
        dialogs.error(parent, refusal_title, refusal.message)
        return None


def perform(fn: Callable[..., T], *args: Any, parent: QWidget | None, runner: Runner, dialogs: Dialogs,
            refusal_title: str, question: Question | None = None) -> Outcome[T] | None:
    """Ask (when there is a question) → run `fn(session, *args)` as one transaction → its outcome; None when the
    user says no or the service refuses (the refusal is shown)."""
    if question is not None and not question.asked(parent, dialogs):
        return None
    return attempt(lambda: runner.operate(fn, *args), parent=parent, dialogs=dialogs, refusal_title=refusal_title)
