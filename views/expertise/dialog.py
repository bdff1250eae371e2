"""The dialog of Expertise: an expert or organisation in the Gouden Gids, with kind, areas, evidence, contacts."""
from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
    QWidget,
)

from models.domain.errors import InvalidInput
from models.services import directory
from models.services.innovation_report import ExpertEntry

from ..forms import FormDialog, choice_picker
from ..ports import Runner
from .operations import save_expert

#: An expert's name shows in the support questions too.


def _line(text: str = "", placeholder: str = "") -> QLineEdit:
    field = QLineEdit(text)
    field.setPlaceholderText(placeholder)
    return field


class _EnterAdds(QLineEdit):
    """A field whose Enter adds what it holds (returnPressed) and goes no further: it does not also press
    the dialog's default button, which would save the whole dialog."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.returnPressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class AreasPicker(QWidget):
    """Expertise areas as a checkable list, with a field to add a new area (stored when the dialog is saved)."""

    def __init__(self, areas: Sequence[str], chosen: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("expertAreas")
        self.list.setAccessibleName("Expertisegebieden")
        self.list.setFixedHeight(112)
        self.new_area = _EnterAdds()
        self.new_area.setPlaceholderText("Nieuw gebied, bijv. dyslexie")
        self.new_area.setAccessibleName("Nieuw expertisegebied")
        self.add_button = QPushButton("Gebied &toevoegen")
        self.add_button.clicked.connect(self.add_typed)
        self.new_area.returnPressed.connect(self.add_typed)
        self.known = {a.casefold() for a in areas}
        for area in sorted({*areas, *chosen}, key=str.casefold):
            self._add(area, area in chosen)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.new_area, 1)
        line.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list)
        layout.addLayout(line)

    def _add(self, area: str, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(area, self.list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    def add_typed(self) -> None:
        area = " ".join(self.new_area.text().split())
        if not area:
            return
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.text().casefold() == area.casefold():
                item.setCheckState(Qt.CheckState.Checked)
                self.list.scrollToItem(item)
                break
        else:
            item = self._add(area, True)
            self.list.scrollToItem(item)
        self.new_area.clear()

    def chosen(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).text() for i in range(self.list.count())
                     if self.list.item(i).checkState() == Qt.CheckState.Checked)

    def new_areas(self) -> tuple[str, ...]:
        return tuple(a for a in self.chosen() if a.casefold() not in self.known)

    def check(self, area: str, checked: bool = True) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).text() == area:
                self.list.item(i).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class ExpertDialog(FormDialog):
    """Nieuwe deskundige, or an entry of the Gouden Gids changed."""

    def __init__(self, runner: Runner, areas: Sequence[str], entry: ExpertEntry | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Deskundige {entry.name}" if entry else "Nieuwe deskundige", parent,
                         ok_text="Opslaan" if entry else "Toevoegen")
        self.setObjectName("expertDialog")
        self.runner = runner
        self.entry = entry
        self.saved_name = entry.name if entry else ""
        self.name = self.add_row("name", "&Naam", _line(entry.name if entry else "", "Naam van de persoon of organisatie"))
        self.is_organisation = self.add_row("is_organisation", "", QCheckBox("Dit is een o&rganisatie (geen persoon)"))
        self.is_organisation.setChecked(bool(entry and entry.is_organisation))
        self.organisation = self.add_row("organisation", "&Organisatie", _line(entry.organisation if entry else "",
                                                                            "Organisatie of school (mag leeg)"))
        self.is_organisation.toggled.connect(lambda on: self.organisation.setEnabled(not on))
        self.organisation.setEnabled(not self.is_organisation.isChecked())
        self.kind = self.add_row("kind", "&Soort", choice_picker([(k, k) for k in directory.KINDS],
                                                                 entry.kind if entry else None))
        self.areas = self.add_row("areas", "&Expertise", AreasPicker(areas, entry.areas if entry else ()))
        evidence = list(directory.EVIDENCE)
        if entry and entry.evidence and entry.evidence not in evidence:
            evidence.append(entry.evidence)
        self.evidence = self.add_row("evidence", "&Aangetoond met", choice_picker([(e, e) for e in evidence],
                                                                                  entry.evidence if entry else None))
        self.evidence_note = self.add_row("evidence_note", "&Toelichting",
                                          _line(entry.evidence_note if entry else "",
                                                "bijv. naam en jaar van het certificaat"))
        self.contact = self.add_row("contact_person", "&Contactpersoon", _line(entry.contact_person if entry else ""))
        self.email = self.add_row("email", "E-&mail", _line(entry.email if entry else "", "naam@voorbeeld.nl"))
        self.phone = self.add_row("phone", "Tele&foon", _line(entry.phone if entry else "", "bijv. 0499 123 456"))
        self.place = self.add_row("place", "&Plaats", _line(entry.place if entry else ""))
        self.active = self.add_row("active", "", QCheckBox("Ac&tief (staat in de gids en kan uitvoerder zijn)"))
        self.active.setChecked(entry.active if entry else True)
        self.field_aliases.update({"area": "areas", "contact": "contact_person"})
        self.setMinimumWidth(580)
        if runner.read_only:
            self.ok_button.setEnabled(False)

    def command(self) -> Any:
        if not self.name.text().strip():
            raise InvalidInput("Vul de naam van de deskundige of organisatie in.", field="name")
        return directory.ExpertInput(
            name=self.name.text(), is_organisation=self.is_organisation.isChecked(),
            organisation="" if self.is_organisation.isChecked() else self.organisation.text(),
            kind=str(self.kind.currentData()), areas=self.areas.chosen(), evidence=str(self.evidence.currentData()),
            evidence_note=self.evidence_note.text(), contact_person=self.contact.text(), email=self.email.text(),
            phone=self.phone.text(), place=self.place.text(), active=self.active.isChecked())

    def submit(self) -> None:
        self.saved_name, self.notice = save_expert(runner=self.runner, old_name=self.entry.name if self.entry else None,
                                                   cmd=self.command(), new_areas=self.areas.new_areas())
