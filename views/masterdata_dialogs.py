"""Dialogs of Stamgegevens: a board's or provider's name and contact, a school's name and kind."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtWidgets import QLineEdit, QWidget

from models.services import masterdata
from models.services.masterdata import BoardInput, BoardRow, ProviderInput, ProviderRow

from .forms import FormDialog, choice_picker
from .ports import Runner

#: Names and contacts show on every page (the set-up, agreements, reserve, hours).


def _line(text: str = "", placeholder: str = "") -> QLineEdit:
    field = QLineEdit(text)
    field.setPlaceholderText(placeholder)
    return field


# The forms' operations: a refusal rises, to show beside its field; each returns the name as stored.
def save_board(*, runner: Runner, current: str, cmd: BoardInput) -> str:
    """A board's name, contact person and e-mail; a new name holds in every school year."""
    return runner.write(masterdata.update_board, current, cmd)


def save_provider(*, runner: Runner, current: str, cmd: ProviderInput) -> str:
    return runner.write(masterdata.update_provider, current, cmd)


def save_school(*, runner: Runner, board: str, current: str | None, name: str, kind: str) -> str:
    """A new school of `board` (`current` None), or school `current` renamed or of another kind."""
    if current is None:
        return runner.write(masterdata.add_school, board, name, kind)
    return runner.write(masterdata.rename_school, board, current, name, kind)


class BoardDialog(FormDialog):
    """Bestuur bewerken: name, contact person, e-mail."""

    def __init__(self, runner: Runner, board: BoardRow, parent: QWidget | None = None) -> None:
        super().__init__("Bestuur bewerken", parent)
        self.runner = runner
        self.current = board.name
        self.saved_name = board.name
        self.name = self.add_row("name", "&Naam", _line(board.name))
        self.contact = self.add_row("contact_person", "&Contactpersoon",
                                    _line(board.contact_person, "bijv. M. de Bruijn"))
        self.email = self.add_row("email", "&E-mail", _line(board.email, "bijv. naam@bestuur.nl"))
        if board.years:
            self.add_note(f"Doet mee in schooljaar {', '.join(board.years)}; een nieuwe naam geldt daar ook.")

    def submit(self) -> None:
        self.saved_name = save_board(runner=self.runner, current=self.current,
                                     cmd=BoardInput(self.name.text(), self.contact.text(), self.email.text()))


class ProviderDialog(FormDialog):
    """Dienstverlener bewerken: name, cluster, contact person, e-mail."""

    def __init__(self, runner: Runner, provider: ProviderRow, parent: QWidget | None = None) -> None:
        super().__init__("Dienstverlener bewerken", parent)
        self.runner = runner
        self.current = provider.name
        self.saved_name = provider.name
        self.name = self.add_row("name", "&Naam", _line(provider.name))
        self.cluster = self.add_row("cluster", "C&luster", _line(provider.cluster, "bijv. 3"))
        self.cluster.setMaximumWidth(120)
        self.contact = self.add_row("contact_person", "&Contactpersoon", _line(provider.contact_person))
        self.email = self.add_row("email", "&E-mail", _line(provider.email, "bijv. naam@school.nl"))

    def submit(self) -> None:
        self.saved_name = save_provider(runner=self.runner, current=self.current, cmd=ProviderInput(
            self.name.text(), self.cluster.text(), self.contact.text(), self.email.text()))


#: What each kind of school means, beside the picker.
KIND_MEANINGS = {"regulier": "regulier basisonderwijs", "SBO": "speciaal basisonderwijs",
                 "SO": "speciaal onderwijs", "voorschool": "voorschoolse educatie (peuters)",
                 "VO": "voortgezet onderwijs"}


class SchoolDialog(FormDialog):
    """School toevoegen (with a board picker) or a school's name and kind changed."""

    def __init__(self, runner: Runner, boards: Sequence[str], board: str, school: str | None = None,
                 parent: QWidget | None = None, kind: str = masterdata.REGULAR) -> None:
        super().__init__("School bewerken" if school else "School toevoegen", parent,
                         ok_text="Opslaan" if school else "Toevoegen")
        self.runner = runner
        self.current = school
        self.saved_name = school or ""
        self.board = self.add_row("board", "&Bestuur", choice_picker([(b, b) for b in boards], board))
        self.board.setEnabled(school is None)  # a school stays with its board
        self.name = self.add_row("name", "&Naam van de school", _line(school or "", "bijv. Basisschool De Regenboog"))
        self.kind = self.add_row("kind", "&Soort school", choice_picker(
            [(f"{k} – {KIND_MEANINGS[k]}", k) for k in masterdata.SCHOOL_KINDS], kind))
        self.add_note("Namen worden vergeleken zonder hoofdletters en dubbele spaties: 'OBS  de Vlinder' is "
                      "dezelfde school als 'OBS De Vlinder'.")
        self.name.setFocus()

    @property
    def board_name(self) -> str:
        return str(self.board.currentData())

    @property
    def kind_name(self) -> str:
        return str(self.kind.currentData())

    def submit(self) -> None:
        self.saved_name = save_school(runner=self.runner, board=self.board_name, current=self.current,
                                      name=self.name.text(), kind=self.kind_name)
