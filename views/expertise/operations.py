"""The user actions of Expertise: saving an entry of the Gouden Gids (from its form), removing one."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtWidgets import QWidget

from models.services import directory
from models.services.directory import ExpertInput
from models.services.innovation_report import ExpertEntry

from ..operations import Question, perform
from ..ports import Dialogs, Runner


def save_expert(*, runner: Runner, old_name: str | None, cmd: ExpertInput, new_areas: Sequence[str]) -> tuple[str, str]:
    """A new entry in the Gouden Gids (`old_name` None) or a change of one, with the areas of expertise the user
    typed in: the name as stored and what to tell the user. A refusal rises, to show beside its field."""
    name = runner.write(directory.save_expert, old_name, cmd, new_areas)
    return name, (f"{name} staat in de gids." if old_name is None else f"{name} is gewijzigd.")


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
