"""The user actions of Expertise that are not a form: removing an entry from the Gouden Gids."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.services import directory
from models.services.innovation_report import ExpertEntry

from ..operations import Question, perform
from ..ports import Dialogs, Runner


def remove_expert(*, parent: QWidget, runner: Runner, dialogs: Dialogs, entry: ExpertEntry) -> str | None:
    """Remove an entry after asking, saying what is lost; what to tell the user then, or None (not asked, or
    refused: an expert who carries out a support question stays, with the reason)."""
    areas = f", de expertise ({', '.join(entry.areas)})" if entry.areas else ""
    question = Question("Deskundige verwijderen",
                        f"{entry.name} uit de Gouden Gids verwijderen? De contactgegevens{areas} en hoe de expertise "
                        "is aangetoond gaan verloren. Wie al een ondersteuningsvraag uitvoert, kan niet worden "
                        "verwijderd; zet die op niet actief.", yes="Verwijderen")
    done = perform(directory.remove_expert, entry.name, parent=parent, runner=runner, dialogs=dialogs,
                   refusal_title="Verwijderen kan niet", question=question)
    return None if done is None else f"{entry.name} is verwijderd."
