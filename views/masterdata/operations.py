"""Removing a board, a school or a provider: asked first; the service refuses, with the reason, while agreements
or a school year still depend on it (the refusal is shown under the question's title)."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QWidget

from models.services import masterdata
from models.services.masterdata import BoardRow, ProviderRow, SchoolRow

from ..operations import Question, perform
from ..ports import Dialogs, Runner


def delete_board(*, parent: QWidget, runner: Runner, dialogs: Dialogs, row: BoardRow) -> bool:
    schools = f" en zijn {row.schools} scholen" if row.schools > 1 else " en zijn school" if row.schools == 1 else ""
    return _delete(Question("Bestuur verwijderen",
                            f"Bestuur {row.name}{schools} verwijderen? De contactgegevens gaan verloren.",
                            yes="Verwijderen"),
                   masterdata.delete_board, row.name, parent=parent, runner=runner, dialogs=dialogs)


def delete_school(*, parent: QWidget, runner: Runner, dialogs: Dialogs, row: SchoolRow) -> bool:
    return _delete(Question("School verwijderen", f"School {row.name} van bestuur {row.board} verwijderen?",
                            yes="Verwijderen"),
                   masterdata.delete_school, row.board, row.name, parent=parent, runner=runner, dialogs=dialogs)


def delete_provider(*, parent: QWidget, runner: Runner, dialogs: Dialogs, row: ProviderRow) -> bool:
    return _delete(Question("Dienstverlener verwijderen",
                            f"Dienstverlener {row.name} verwijderen? De contactgegevens gaan verloren.",
                            yes="Verwijderen"),
                   masterdata.delete_provider, row.name, parent=parent, runner=runner, dialogs=dialogs)


def _delete(question: Question, fn: Callable[..., Any], *args: Any, parent: QWidget, runner: Runner,
            dialogs: Dialogs) -> bool:
    """True when removed; nothing is asked on a read-only database."""
    if runner.read_only:
        return False
    return perform(fn, *args, parent=parent, runner=runner, dialogs=dialogs, refusal_title=question.title,
                   question=question) is not None
