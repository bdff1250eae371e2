"""Expertise: the Gouden Gids of experts and organisations — who knows what, shown how, reachable where.

Searchable (Ctrl+F) and filterable on kind, area and whether inactive entries show. Not bound to a school
year. Enter or double-click edits; Delete asks first, and the service refuses an expert who carries out a
support question.
"""
from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from models.services import directory
from models.services.innovation_report import ExpertEntry

from ..forms import choice_picker
from ..page import Page, page_header
from ..ports import Dialogs, Runner
from ..tables import Column, RowsModel, make_table, on_delete, select_where, selected_row
from . import operations
from .dialog import ExpertDialog


INACTIVE = QColor("#e8eaed")  # grey, always with the word 'inactief'


def _name(e: ExpertEntry) -> str:
    return e.name if e.active else f"{e.name} (inactief)"


def _evidence(e: ExpertEntry) -> str:
    return f"{e.evidence}: {e.evidence_note}" if e.evidence_note else e.evidence


def _inactive(e: ExpertEntry) -> Any:
    return INACTIVE if not e.active else None


def _text(value: Any) -> Any:
    """The cell's whole text as its tooltip (narrow columns cut long names and addresses)."""
    return lambda e: value(e) or ""


COLUMNS: list[Column[ExpertEntry]] = [
    Column("Naam", lambda e: e.name, width=184, text=_name, background=_inactive,
           cell_tooltip=lambda e: ("Organisatie" if e.is_organisation else "Persoon") + f": {e.name}"
           + ("" if e.active else " (niet actief)")),
    Column("Organisatie", lambda e: e.organisation, width=120, cell_tooltip=_text(lambda e: e.organisation)),
    Column("Soort", lambda e: e.kind, width=78),
    Column("Expertise", lambda e: ", ".join(e.areas), width=136, cell_tooltip=_text(lambda e: ", ".join(e.areas))),
    Column("Aangetoond", lambda e: e.evidence, width=106, cell_tooltip=_evidence,
           tooltip="Hoe de expertise is aangetoond; de toelichting staat in de tooltip van de cel"),
    Column("Contactpersoon", lambda e: e.contact_person, width=132, hidden=True,  # in the details below
           cell_tooltip=_text(lambda e: e.contact_person)),
    Column("E-mail", lambda e: e.email, width=134, cell_tooltip=_text(lambda e: e.email)),
    Column("Telefoon", lambda e: e.phone, width=100, size="fit"),  # a number: never cut
    Column("Plaats", lambda e: e.place, width=95, cell_tooltip=_text(lambda e: e.place)),
]


def _details(e: ExpertEntry) -> str:
    """The chosen entry in full, under the table (the columns cut long names and addresses)."""
    who = "organisatie" if e.is_organisation else "persoon"
    if not e.is_organisation and e.organisation:
        who += f" · organisatie: {e.organisation}"
    state = "" if e.active else " · <b>niet actief</b>"
    lines = [f"<b>{escape(e.name)}</b> · {escape(who)} · {escape(e.kind)}{state}",
             "Expertise: " + escape(", ".join(e.areas) or "geen opgegeven") + " · aangetoond met "
             + escape(_evidence(e))]
    contact = [x for x in (e.contact_person, e.email, e.phone, e.place) if x]
    lines.append("Contactgegevens: " + escape(" · ".join(contact) or "geen"))
    return "<br>".join(lines)


class ExpertisePage(Page):
    title = "Expertise"
    depends_on = ("experts", "innovation")

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(runner, parent, dialogs=dialogs)
        self.dialog: QWidget | None = None
        self.entries: list[ExpertEntry] = []
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.new_button = QPushButton("Nieuwe deskundige…")
        self.new_button.setToolTip("Een deskundige of organisatie aan de Gouden Gids toevoegen")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_expert)

        self.search = QLineEdit()
        self.search.setObjectName("expertSearch")
        self.search.setPlaceholderText("Zoek op naam, organisatie, expertise, plaats… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.kind_filter = choice_picker([("Alle soorten", None)] + [(k, k) for k in directory.KINDS])
        self.kind_filter.setAccessibleName("Filter op soort")
        self.area_filter = QComboBox()
        self.area_filter.setAccessibleName("Filter op expertisegebied")
        self.area_filter.setMinimumContentsLength(18)
        self.inactive = QCheckBox("Ook niet-actieve tonen")
        self.search.textChanged.connect(lambda _t: self._load_rows())
        self.kind_filter.currentIndexChanged.connect(lambda _i: self._load_rows())
        self.area_filter.currentIndexChanged.connect(lambda _i: self._load_rows())
        self.inactive.toggled.connect(lambda _on: self._load_rows())

        self.model: RowsModel[ExpertEntry] = RowsModel(COLUMNS)
        self.table, self.proxy = make_table(self.model, object_name="expertTable")
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        on_delete(self.table, self.delete_selected)

        self.edit_button = QPushButton("&Bewerken…")
        self.edit_button.setToolTip("De gekozen deskundige bewerken (Enter)")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Verwijderen")
        self.delete_button.setToolTip("De gekozen deskundige verwijderen (Delete)")
        self.delete_button.clicked.connect(self.delete_selected)
        self.pdf_button = QPushButton("Gids afdrukken (PDF)…")
        self.pdf_button.setToolTip("De Gouden Gids als PDF om af te drukken of te versturen")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button = QPushButton("Excel…")
        self.xlsx_button.setToolTip("De Gouden Gids als Excel-werkmap")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("expertDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.area_filter)
        filters.addWidget(self.inactive)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.notice, 1)
        actions.addWidget(self.pdf_button)
        actions.addWidget(self.xlsx_button)
        hint = QLabel("De Gouden Gids: wie weet wat, hoe aangetoond en hoe bereikbaar. Deskundigen uit de gids "
                      "voeren ondersteuningsvragen uit (Innovatie). Enter of dubbelklik bewerkt; Delete verwijdert "
                      "na een vraag.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Expertise", self.subtitle, self.new_button))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.details)
        layout.addWidget(hint)
        order = [self.new_button, self.search, self.kind_filter, self.area_filter, self.inactive, self.table,
                 self.edit_button, self.delete_button, self.pdf_button, self.xlsx_button]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)
        self._enable()

    # ------------------------------------------------------------------ reading
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        self._load_areas()
        self._load_rows()

    def _load_areas(self) -> None:
        current = self.area_filter.currentData()
        areas = self.runner.read(directory.list_areas)
        self.area_filter.blockSignals(True)
        self.area_filter.clear()
        self.area_filter.addItem("Alle expertisegebieden", None)
        for area in areas:
            self.area_filter.addItem(area, area)
        self.area_filter.setCurrentIndex(max(self.area_filter.findData(current), 0))
        self.area_filter.blockSignals(False)

    def _load_rows(self) -> None:
        keep = self.selected()
        self.entries = self.runner.read(directory.list_experts, search=self.search.text().strip(),
                                        kind=self.kind_filter.currentData(), area=self.area_filter.currentData(),
                                        include_inactive=self.inactive.isChecked())
        self.model.set_rows(self.entries)
        if not (keep is not None and select_where(self.table, lambda e: e.name == keep.name)) and self.entries:
            self.table.selectRow(0)
        self._enable()
        self._describe()

    def _describe(self) -> None:
        parts = [f"{len(self.entries)} deskundige{'n' if len(self.entries) != 1 else ''} en organisaties"]
        if self.kind_filter.currentData():
            parts.append(f"soort {self.kind_filter.currentData()}")
        if self.area_filter.currentData():
            parts.append(f"expertise {self.area_filter.currentData()}")
        if self.search.text().strip():
            parts.append(f"zoekterm ‘{self.search.text().strip()}’")
        parts.append("niet-actieve inbegrepen" if self.inactive.isChecked() else "alleen actieve")
        parts.append("voor alle schooljaren")
        self.subtitle.setText(" · ".join(parts))

    def selected(self) -> ExpertEntry | None:
        row = selected_row(self.table)
        return row if isinstance(row, ExpertEntry) else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        writable = not self.runner.read_only
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen and writable)
        entry = self.selected()
        self.details.setText(_details(entry) if entry else "Kies een deskundige om alle gegevens te zien.")

    # ------------------------------------------------------------------ acting
    def _open(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # type: ignore[attr-defined]
        return dialog

    def new_expert(self) -> ExpertDialog | None:
        if self.runner.read_only:
            return None
        dialog = ExpertDialog(self.runner, self.runner.read(directory.list_areas), parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog.saved_name, dialog.notice))
        self._open(dialog)
        return dialog

    def edit_selected(self) -> ExpertDialog | None:
        entry = self.selected()
        if entry is None:
            return None
        dialog = ExpertDialog(self.runner, self.runner.read(directory.list_areas), entry, parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog.saved_name, dialog.notice))
        self._open(dialog)
        return dialog

    def delete_selected(self) -> bool:
        entry = self.selected()
        if entry is None or self.runner.read_only:
            return False
        said = operations.remove_expert(parent=self, runner=self.runner, dialogs=self.dialogs, entry=entry)
        if said is None:
            return False
        self.notice.setText(said)
        return True

    def _saved(self, name: str, text: str) -> None:
        self.refresh_if_stale()
        if not select_where(self.table, lambda e: e.name == name):
            # Not shown under the current filter: clear the search so the user sees it.
            self.search.clear()
            select_where(self.table, lambda e: e.name == name)
        self._enable()
        self.notice.setText(text)

    def export(self, kind: str, path: Any = None) -> Any:
        from ..export_actions import exports_for

        return exports_for(self).export_directory(kind, path)
