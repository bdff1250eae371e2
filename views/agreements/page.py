"""Overeenkomsten: the year's agreements, filtered and sorted; register, edit, the status steps, and the
hours used on the selected agreement ('gebruikt', as on every screen, in the PDF and in the workbook)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from models.domain.agreements import Status
from models.services import agreements as service
from models.services import hours as hours_service
from models.services import lookup
from models.services.agreements import AgreementFilter, AgreementRow
from models.services.hours import EntryRow
from models.services.lookup import YearChoices

from ..booking.operations import remove_booking
from ..forms import FormDialog, choice_picker
from ..loading import PageLoader
from ..page import Notice, Page, page_header
from ..ports import Dialogs, Runner
from ..tables import RowsModel, make_table, on_delete, select_where, selected_row
from .columns import COLUMNS, total_line
from .detail import AgreementDetail
from .dialog import AgreementDialog
from .operations import withdraw_agreement
from .steps import STEPS, StepDialog


class AgreementsPage(Page):
    title = "Overeenkomsten"
    letter_requested = Signal(str)  # the number of a confirmed agreement: write its letter and e-mail
    depends_on = ("agreements", "hours", "setup", "masterdata", "years")

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(runner, parent, dialogs=dialogs)
        self.dialog: FormDialog | None = None
        self.choices: YearChoices | None = None
        self._pair: tuple[str, str] | None = None  # show_pair's board and provider, set once the choices are read
        self._select_next: str | None = None  # the agreement to select when the rows being read are shown
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)  # a long summary wraps instead of widening the window
        self.new_button = QPushButton("Nieuwe overeenkomst…")
        self.new_button.setToolTip("Een melding van een bestuur registreren (Ctrl+N)")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_agreement)

        self.board_filter = QComboBox()
        self.provider_filter = QComboBox()
        self.status_filter = choice_picker([("Alle statussen", None)] + [(s.value, s) for s in Status])
        self.board_filter.setAccessibleName("Filter op bestuur")
        self.provider_filter.setAccessibleName("Filter op dienstverlener")
        self.status_filter.setAccessibleName("Filter op status")
        self.board_filter.setMinimumContentsLength(16)
        self.provider_filter.setMinimumContentsLength(14)
        self.search = QLineEdit()
        self.search.setObjectName("agreementSearch")
        self.search.setPlaceholderText("Zoek op nummer, school, omschrijving… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        for box in (self.board_filter, self.provider_filter, self.status_filter):
            box.currentIndexChanged.connect(self._load_rows)
        self.search.textChanged.connect(self._load_rows)

        self.model: RowsModel[AgreementRow] = RowsModel(COLUMNS)
        self.table, self.proxy = make_table(self.model, object_name="agreementsTable")
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._selection_shown = False  # the selected row's details shown since the rows came (`_loaded`)

        self.edit_button = QPushButton("Openen…")
        self.edit_button.setToolTip("De geselecteerde overeenkomst bekijken of wijzigen (Enter)")
        self.edit_button.clicked.connect(self.edit_selected)
        self.step_buttons: dict[str, QPushButton] = {}
        for name, step in STEPS.items():
            button = QPushButton(step.button)
            button.clicked.connect(lambda _=False, n=name: self.step_selected(n))
            self.step_buttons[name] = button
        self.withdraw_button = QPushButton("Intrekken…")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.step_buttons["intrekken"] = self.withdraw_button
        self.letter_button = QPushButton("Bevestigingsbrief…")
        self.letter_button.setToolTip("Brief (PDF) en e-mail aan bestuur en dienstverlener voor de geselecteerde "
                                      "bevestigde overeenkomst")
        self.letter_button.clicked.connect(self._letter_for_selected)
        self.hours_button = QPushButton("Uren registreren…")
        self.hours_button.setToolTip("Gerealiseerde uren op de geselecteerde overeenkomst boeken")
        self.hours_button.clicked.connect(self.register_hours)

        self.detail = AgreementDetail()
        self.details, self.details_scroll = self.detail.details, self.detail.details_scroll
        self.entries, self.entries_model = self.detail.entries, self.detail.entries_model
        self.entries_title, self.remove_entry_button = self.detail.entries_title, self.detail.remove_entry_button
        self.remove_entry_button.clicked.connect(self.remove_selected_entry)
        on_delete(self.entries, self.remove_selected_entry)
        self.entries.selectionModel().currentRowChanged.connect(lambda *_: self._enable_entry_removal())
        self.notice = Notice()

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for widget in (self.board_filter, self.provider_filter, self.status_filter):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        self.search.setMaximumWidth(420)
        filters.addStretch(0)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.edit_button)
        for button in self.step_buttons.values():
            actions.addWidget(button)
        actions.addWidget(self.letter_button)
        actions.addWidget(self.hours_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Overeenkomsten", self.subtitle, self.new_button))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.notice)
        layout.addWidget(self.detail)
        self.setTabOrder(self.new_button, self.board_filter)
        self.loader = PageLoader(self, runner, cover=self.table)
        self._show_selected()

    # ------------------------------------------------------------------ reading
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def show_pair(self, board: str, provider: str) -> None:
        """The agreements of one board at one provider, every status, no search: set in the filters, so the user
        sees what is shown and can widen it (once the year's choices are read)."""
        self._pair = (board, provider)
        if self.stale or self.choices is None or self.choices.year != self.year:
            self.reading()
            self._load(choices=True)
        else:
            self._set_pair()
            self._load_rows()

    def _set_pair(self) -> None:
        assert self._pair is not None
        (board, provider), self._pair = self._pair, None
        widgets = (self.board_filter, self.provider_filter, self.status_filter, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        for box, value in ((self.board_filter, board), (self.provider_filter, provider), (self.status_filter, None)):
            box.setCurrentIndex(max(box.findData(value), 0))
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)

    def _filter(self) -> AgreementFilter:
        assert self.year is not None
        status = self.status_filter.currentData()  # Qt hands a StrEnum back as its text
        return AgreementFilter(self.year, self.board_filter.currentData(), self.provider_filter.currentData(),
                               Status(status) if status else None, self.search.text())

    def refresh(self) -> None:
        self._load(choices=True)

    def _load_rows(self) -> None:
        self._load(choices=False)

    def _load(self, *, choices: bool) -> None:
        """The agreements the filters ask for (with the filters' choices of the year) read off the UI thread;
        a later request supersedes this one."""
        self.new_button.setEnabled(not self.runner.read_only and bool(self.year))  # also while reading
        if not self.year:
            self.loader.cancel()
            self.model.set_rows([])
            self.subtitle.setText("")
            self._show_selected()
            return
        flt = self._filter()
        reads: list[tuple[object, ...]] = [(service.list_agreements, flt)]
        if self._filtered():
            reads.append((service.list_agreements, AgreementFilter(self.year)))
        if choices:
            reads.append((lookup.choices, self.year))
        self.loader.load_all(*reads, then=lambda answers: self._loaded(flt, choices, answers))

    def _loaded(self, flt: AgreementFilter, with_choices: bool, answers: tuple) -> None:  # type: ignore[type-arg]
        if with_choices:
            self._show_choices(answers[-1])
            if self._pair is not None:
                self._set_pair()
        if self._filter() != flt:  # another year's choices reset a filter, or a pair was asked for
            self._load_rows()
            return
        rows = answers[0]
        everything = len(answers[1]) if self._filtered() else len(rows)
        keep, self._select_next = self._select_next, None
        if keep is None:
            kept = selected_row(self.table)
            keep = kept.number if isinstance(kept, AgreementRow) else None
        self._selection_shown = False
        self.model.set_rows(rows, total_line(rows))
        if not (keep is not None and select_where(self.table, lambda r: r.number == keep)) and rows:
            self.table.selectRow(0)  # the details and booked hours below are never empty without reason
        if not self._selection_shown:  # else selecting showed them (_row_changed): once is enough
            self._show_selected()
        self.subtitle.setText(self._describe(len(rows), everything))

    def _show_choices(self, choices: YearChoices) -> None:
        self.choices = choices
        for box, everything, names in ((self.board_filter, "Alle besturen", choices.boards),
                                       (self.provider_filter, "Alle dienstverleners", choices.providers)):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for name in names:
                box.addItem(name, name)
            index = box.findData(current)
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def _current_choices(self) -> YearChoices:
        """The year's choices for a dialog: those shown, unless they are being read again (then read now)."""
        assert self.year is not None
        if self.choices is None or self.choices.year != self.year or self.loader.waiting:
            self._show_choices(self.runner.read(lookup.choices, self.year))
        assert self.choices is not None
        return self.choices

    def _filtered(self) -> bool:
        return bool(self.board_filter.currentData() or self.provider_filter.currentData()
                    or self.status_filter.currentData() or self.search.text().strip())

    def _describe(self, shown: int, everything: int) -> str:
        parts = [f"Schooljaar {self.year}"]
        if self._filtered():
            parts.append(f"{shown} van {everything} overeenkomsten")
            if self.board_filter.currentData():
                parts.append(f"bestuur {self.board_filter.currentData()}")
            if self.provider_filter.currentData():
                parts.append(f"dienstverlener {self.provider_filter.currentData()}")
            if self.status_filter.currentData():
                parts.append(f"status {self.status_filter.currentData()}")
            if self.search.text().strip():
                parts.append(f"zoekterm ‘{self.search.text().strip()}’")
        else:
            parts.append("1 overeenkomst" if everything == 1 else f"alle {everything} overeenkomsten")
        return " · ".join(parts)

    def selected(self) -> AgreementRow | None:
        row = selected_row(self.table)
        return row if isinstance(row, AgreementRow) else None

    def _row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._selection_shown = True
        self._show_selected()

    def _show_selected(self) -> None:
        row = self.selected()
        writable = not self.runner.read_only
        self.new_button.setEnabled(writable and bool(self.year))
        self.edit_button.setEnabled(row is not None)
        steps = row.steps if row else []
        for name, button in self.step_buttons.items():
            button.setEnabled(writable and name in steps)
        self.hours_button.setEnabled(writable and row is not None and row.status is Status.CONFIRMED)
        self.letter_button.setEnabled(row is not None and row.confirmed_on is not None)
        if row is None:
            if not self.model.rows and self.year and not self._filtered():
                self.detail.show_nothing(f"Nog geen overeenkomsten in schooljaar {self.year}. Registreer de "
                                         "eerste melding van een bestuur met ‘Nieuwe overeenkomst…’ (Ctrl+N).")
            else:
                self.detail.show_nothing("Selecteer een overeenkomst om de gegevens en de gebruikte uren te zien.")
        else:
            self.detail.show_agreement(row, self.runner.read(hours_service.entries, row.number))
        self._enable_entry_removal()

    def _enable_entry_removal(self) -> None:
        self.remove_entry_button.setEnabled(not self.runner.read_only and selected_row(self.entries) is not None)

    def remove_selected_entry(self) -> bool:
        """Delete asks first and says what is lost; a closed month refuses, with its reason."""
        entry: EntryRow | None = selected_row(self.entries)
        if entry is None or self.runner.read_only:
            return False
        done = remove_booking(parent=self, runner=self.runner, dialogs=self.dialogs, entry=entry,
                              about=f" (‘{entry.note}’)" if entry.note else "")
        if done:
            self._saved(entry.agreement, done)
        return done is not None

    def select_number(self, number: str) -> bool:
        found = select_where(self.table, lambda r: r.number == number)
        self._show_selected()
        return found

    # ------------------------------------------------------------------ acting
    def _open(self, dialog: FormDialog) -> FormDialog:
        """Dialogs are window-modal and opened without blocking, so that tests can drive them."""
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_agreement(self) -> FormDialog | None:
        """Ctrl+N: register an agreement the board reported."""
        if not self.year or self.runner.read_only:
            return None
        dialog = AgreementDialog(self.runner, self._current_choices(), parent=self, dialogs=self.dialogs)
        dialog.accepted.connect(lambda: self._saved(dialog.number, dialog.notice))
        return self._open(dialog)

    def edit_selected(self) -> FormDialog | None:
        row = self.selected()
        if row is None or not self.year:
            return None
        dialog = AgreementDialog(self.runner, self._current_choices(), row, parent=self, dialogs=self.dialogs)
        if self.runner.read_only:
            dialog.read_only("De database is alleen-lezen geopend.")
        dialog.accepted.connect(lambda: self._saved(row.number, dialog.notice))
        return self._open(dialog)

    def step_selected(self, name: str) -> FormDialog | None:
        row = self.selected()
        if row is None:
            return None
        step = STEPS[name]
        dialog = StepDialog(self.runner, row, step, parent=self)
        dialog.accepted.connect(lambda: self._saved(row.number, dialog.notice))
        if name == "bevestigen":
            dialog.accepted.connect(lambda: self._offer_letter(row.number))
        return self._open(dialog)

    def _offer_letter(self, number: str) -> None:
        if self.dialogs.ask(self, "Bevestiging versturen",
                            f"Overeenkomst {number} is bevestigd. Nu de bevestigingsbrief (PDF) en een e-mail aan "
                            "het bestuur en de dienstverlener maken?", yes="Brief en e-mail maken", no="Later",
                            default_yes=True):
            self.letter_requested.emit(number)

    def _letter_for_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.letter_requested.emit(row.number)

    def withdraw_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        done = withdraw_agreement(parent=self, runner=self.runner, dialogs=self.dialogs, row=row)
        if done is None:
            return False
        self._saved(row.number, done)
        return True

    def register_hours(self) -> FormDialog | None:
        """'Uren registreren…' and Ctrl+U: hours on the selected agreement (without one: any agreement)."""
        from ..booking.dialog import open_hours_dialog

        row = self.selected()
        if not self.year or self.runner.read_only:
            return None
        number = row.number if row is not None else None
        dialog = open_hours_dialog(self.runner, self.year, self, number=number)
        if dialog is not None:
            self.dialog = dialog
            dialog.accepted.connect(lambda: self._saved(dialog.saved.agreement, dialog.notice))
        return dialog

    def _saved(self, number: str | None, text: str) -> None:
        """After the page's own change: the agreement selected once the page has read it again."""
        self.refresh_if_stale()
        if number and self.loader.waiting:
            self._select_next = number
        elif number:
            self.select_number(number)
        self.notice.setText(text)
