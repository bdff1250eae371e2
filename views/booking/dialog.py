"""'Uren registreren': the dialog that books realised hours on a confirmed agreement, opened from the Uren and
the Overeenkomsten pages.

It shows at once: the year's bookable agreements (1,500 in a large year) and the month's budget figures are read
off the UI thread (views/loading.py), "Bezig met laden…" where they come. Meanwhile the user may type; 'Opslaan'
waits for the list, and a preset (the agreement, or the grid cell's board, provider and month) is applied when it
arrives, unless the user has typed by then."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QCompleter, QDialogButtonBox, QLineEdit, QPushButton, QWidget

from models.domain import dutch
from models.domain.errors import BudgetExceeded, InvalidInput, Refusal
from models.domain.months import Month
from models.services import hours as service
from models.services import months as months_service
from models.services import reporting
from models.services.hours import BookableAgreement, HoursInput
from models.services.months import MonthState

from ..forms import FormDialog, hours_field, hours_of, select_data
from ..loading import PageLoader
from ..ports import Runner
from .operations import register_hours

EMPTY_LINE = "\u00a0"  # a note's one line before its text is read: room for "Bezig met laden…"
WAITING = "De overeenkomsten worden nog gelezen; een ogenblik."
_LABEL = (int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole))
_NUMBER = int(Qt.ItemDataRole.UserRole)


def agreement_label(a: BookableAgreement) -> str:
    return f"{a.number} · {a.board} · {a.provider} · {a.description}"


@dataclass(frozen=True)
class Bookable:
    """What the dialog offers, made in the worker: the agreements, their labels (and casefolded, to match what is
    typed) and the closed months."""

    agreements: tuple[BookableAgreement, ...]
    labels: tuple[str, ...]
    keys: tuple[str, ...]
    closed: frozenset[Month]


def bookable(answers: tuple[list[BookableAgreement], list[MonthState]]) -> Bookable:
    agreements, states = answers
    labels = tuple(agreement_label(a) for a in agreements)
    return Bookable(tuple(agreements), labels, tuple(label.casefold() for label in labels),
                    frozenset(s.month for s in states if s.closed))


class AgreementList(QAbstractListModel):
    """The agreements as the picker lists them: the label shown, the number as the item's data; replaced whole."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.listed = Bookable((), (), (), frozenset())

    def set_listed(self, listed: Bookable) -> None:
        self.beginResetModel()
        self.listed = listed
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.listed.labels)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _LABEL:  # roles as plain ints: the completer asks every row at each key typed
            return self.listed.labels[index.row()]
        if role == _NUMBER:
            return self.listed.agreements[index.row()].number
        return None


class HoursDialog(FormDialog):
    """Register realised hours: an agreement, one of its bookable months, the hours, a note."""

    def __init__(self, runner: Runner, year: str, number: str | None = None, parent: QWidget | None = None,
                 cell: tuple[str, str, Month | None] | None = None) -> None:
        super().__init__("Uren registreren", parent, ok_text="Opslaan")
        self.setObjectName("hoursDialog")
        self.runner = runner
        self.year = year
        self.listed: Bookable | None = None  # None until the list is read
        self.by_number: dict[str, BookableAgreement] = {}
        self.rows: dict[str, int] = {}  # label -> row
        self.closed: frozenset[Month] = frozenset()
        self.preset_number = number  # opened from an agreement
        self.preset_cell = cell  # opened from a grid cell: board, provider, month
        self.typed = False  # the user typed in the agreement box before the list came: that wins over a preset
        self.wanted_month: Month | None = None  # the month of the grid cell the dialog was opened from
        self.month_said = ""  # said after the month's figures once they are read again (a grant)
        self.agreement = self.add_row("agreement", "&Overeenkomst", QComboBox())
        self.agreement.setEditable(True)
        self.agreement.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agreement.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agreement.setMinimumContentsLength(48)
        self.agreement.lineEdit().setPlaceholderText("Typ een nummer, bestuur of dienstverlener")
        self.labels = AgreementList(self)  # the list as one model, filled at once when it is read
        self.agreement.setModel(self.labels)
        completer = QCompleter(self.labels, self.agreement)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.agreement.setCompleter(completer)
        self.agreement.view().setMinimumWidth(560)
        self.agreement_note = self.add_note(EMPTY_LINE)
        self.month = self.add_row("month", "&Maand", QComboBox())
        self.month.setMinimumContentsLength(22)
        self.month_note = self.add_note()
        self.hours = self.add_row("hours", "&Uren", hours_field())
        self.note = self.add_row("note", "&Notitie", QLineEdit())
        self.note.setPlaceholderText("Bijvoorbeeld: opgave Kameleon van 3-11 (mag leeg)")
        # Offered when the month's budget cannot take the hours: grant the shortfall from the reserve, then save.
        self.reserve_button = QPushButton("Reserve toekennen…")
        self.reserve_button.setObjectName("grantFromRefusal")
        self.reserve_button.setToolTip("Het tekort als reserve toekennen aan dit bestuur voor deze maand; daarna "
                                       "kunt u de uren hier opslaan")
        self.reserve_button.clicked.connect(self.grant_shortfall)
        self.buttons.addButton(self.reserve_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.reserve_button.hide()  # the box shows what it is given
        self.hours.textEdited.connect(self.reserve_button.hide)  # other hours: the shortfall offered is stale
        self.shortfall = 0
        self.agreement.currentIndexChanged.connect(self._agreement_picked)
        self.agreement.lineEdit().textEdited.connect(self._typed)
        self.month.currentIndexChanged.connect(self._month_chosen)
        self.ok_button.setEnabled(False)  # nothing is booked before the list is there to check the choice
        self.ok_button.setToolTip(WAITING)
        # The list and the month's figures are read off the UI thread, each with its cover while it takes a while.
        self.list_loader = PageLoader(self, runner, cover=self.agreement_note)
        self.figures_loader = PageLoader(self, runner, cover=self.month_note)
        if cell is not None:
            self.agreement.setEditText(f"{cell[0]} · {cell[1]}")
        elif number:
            self.agreement.setEditText(number)
        self.agreement.setFocus()
        self.setMinimumWidth(640)
        today = runner.today()
        self.list_loader.load_all((service.bookable_agreements, year, today), (months_service.states, year, today),
                                  prepare=bookable, then=self._listed)

    # ------------------------------------------------------------------ the list, once read
    def _listed(self, listed: Bookable) -> None:
        typed = self.agreement.currentText()
        self.listed = listed
        self.by_number = {a.number: a for a in listed.agreements}
        self.closed = listed.closed
        self.agreement.blockSignals(True)
        self.labels.set_listed(listed)
        self.rows = {label: row for row, label in enumerate(listed.labels)}
        self.agreement.setCurrentIndex(-1)
        self.agreement.blockSignals(False)
        self.ok_button.setEnabled(True)
        self.ok_button.setToolTip("")
        if not listed.agreements:
            self.general_error.setText("Er is nog geen bevestigde overeenkomst waarop uren kunnen worden geboekt. "
                                       "Bevestig eerst een overeenkomst op de pagina Overeenkomsten.")
            self.general_error.show()
        if self.typed:  # what the user typed meanwhile, judged now
            self.agreement.setEditText(typed)
            self._agreement_chosen()
        elif self.preset_cell is not None:
            self.start_with(*self.preset_cell)
        else:
            row = self._row_of(self.preset_number)
            self.agreement.setCurrentIndex(row)  # from -1: its signal judges the choice
            if row < 0:
                self._agreement_picked()
        if self.chosen() is not None and self.focusWidget() in (self.agreement, self.agreement.lineEdit()):
            self.hours.setFocus()  # the agreement is there: on to the hours, unless the user went elsewhere
        self.fit_height()

    def _row_of(self, number: str | None) -> int:
        """The row of an agreement in the list; -1 when it is not there."""
        agreements = self.listed.agreements if self.listed is not None else ()
        return next((row for row, a in enumerate(agreements) if a.number == number), -1)

    def _typed(self) -> None:
        self.typed = True
        self._agreement_chosen()

    def matching(self) -> list[BookableAgreement]:
        """The agreements whose number or label contains what is typed."""
        text = self.agreement.currentText().strip().casefold()
        if not text or self.listed is None:
            return []
        return [a for a, key in zip(self.listed.agreements, self.listed.keys) if text in key]

    def start_with(self, board: str, provider: str, month: Month | None) -> None:
        """Opened from a cell of the grid: the pair's only agreement chosen, else the pair typed so that the
        list narrows to its agreements."""
        self.wanted_month = month
        pair = [a for a in self.by_number.values() if (a.board, a.provider) == (board, provider)]
        if len(pair) == 1:
            self.agreement.setCurrentIndex(self._row_of(pair[0].number))
        else:
            self.agreement.setCurrentIndex(-1)
            self.agreement.setEditText(f"{board} · {provider}")
            self._agreement_chosen()
            if pair:  # the pair's agreements to pick from, as if typed: the list opens once the dialog shows
                QTimer.singleShot(0, self._offer_matches)
        if month is not None:
            select_data(self.month, month)

    def _offer_matches(self) -> None:
        completer = self.agreement.completer()
        if self.isVisible() and completer is not None and self.chosen() is None:
            completer.setCompletionPrefix(self.agreement.currentText())
            completer.complete()

    def chosen(self) -> BookableAgreement | None:
        """The agreement picked, or typed: its number, or any text that only one of them contains."""
        if self.listed is None:
            return None
        text = self.agreement.currentText().strip()
        index = self.rows.get(text, -1)  # the label of one (Qt's findText would ask the model for every row)
        if index >= 0:
            return self.listed.agreements[index]
        if text in self.by_number:
            return self.by_number[text]
        matches = self.matching()
        return matches[0] if len(matches) == 1 else None

    def _agreement_picked(self) -> None:
        self._agreement_chosen()
        self.agreement.lineEdit().setCursorPosition(0)  # show the number, not the end of the description

    def _agreement_chosen(self) -> None:
        if self.listed is None:
            return  # the list is still being read: its cover says so, and what is typed is judged when it comes
        chosen = self.chosen()
        previous = self.month.currentData()
        self.month.blockSignals(True)
        self.month.clear()
        if chosen is not None:
            for month in chosen.months:
                self.month.addItem(month.label + (" (afgesloten)" if month in self.closed else ""), month)
            open_months = [m for m in chosen.months if m not in self.closed]
            wanted = next((m for m in (previous, self.wanted_month) if m in chosen.months),
                          (open_months or list(chosen.months))[-1])
            select_data(self.month, wanted)
            self.agreement_note.setText(
                f"{chosen.board} bij {chosen.provider}: afgesproken {dutch.hours(chosen.minutes)} uur, gebruikt "
                f"{dutch.hours(chosen.booked)}, nog {dutch.hours(chosen.left)} over.")
        elif matches := self.matching():
            self.agreement_note.setText(f"{len(matches)} bevestigde overeenkomsten passen bij "
                                        f"‘{self.agreement.currentText().strip()}’; typ verder of kies er een "
                                        "uit de lijst.")
        elif self.agreement.currentText().strip():
            self.agreement_note.setText(f"Geen bevestigde overeenkomst met uren te boeken past bij "
                                        f"‘{self.agreement.currentText().strip()}’; kies er een uit de lijst.")
        else:
            self.agreement_note.setText("Typ een nummer, bestuur of dienstverlener, of kies uit de lijst.")
        self.month.blockSignals(False)
        self._month_chosen()

    # ------------------------------------------------------------------ the month's figures
    def _month_chosen(self) -> None:
        """The month's figures before the user types: budget, reserve, used, left (read off the UI thread)."""
        self.month_said = ""
        self._read_figures()

    def _read_figures(self) -> None:
        chosen, month = self.chosen(), self.month.currentData()
        if chosen is None or month is None:
            self.figures_loader.cancel()
            self.month_note.setText("")
            return
        if not self.month_note.text():
            self.month_note.setText(EMPTY_LINE)  # room for "Bezig met laden…" over it while the read takes a while
        read = partial(reporting.budget_rows, board=chosen.board, provider=chosen.provider)
        self.figures_loader.load(read, self.year, self.runner.today(),
                                 then=lambda rows: self._figures_read(month, rows))

    def _figures_read(self, month: Month, rows: Sequence[reporting.BudgetRow]) -> None:
        cell = next((r for r in rows if r.month == month), None)
        if cell is None:
            self.month_note.setText("")
            return
        limit = f"budget {dutch.hours(cell.budget)}"
        if cell.reserve:
            limit += f" + reserve {dutch.hours(cell.reserve)}"
        closed = " Deze maand is afgesloten; heropen hem eerst." if cell.closed else ""
        self.month_note.setText(f"{month.label.capitalize()}: {limit}, gebruikt {dutch.hours(cell.used)}, "
                                f"nog {dutch.hours(cell.left)} over.{closed}{self.month_said}")
        self.fit_height()

    # ------------------------------------------------------------------ saving
    def show_refusal(self, refusal: Refusal) -> None:
        """A refusal for lack of budget offers the grant of the shortfall from the reserve."""
        super().show_refusal(refusal)
        offer = isinstance(refusal, BudgetExceeded) and not self.runner.read_only
        self.shortfall = refusal.requested - refusal.left if isinstance(refusal, BudgetExceeded) else 0
        self.reserve_button.setVisible(offer and self.shortfall > 0)

    def clear_errors(self) -> None:
        super().clear_errors()
        if hasattr(self, "reserve_button"):
            self.reserve_button.hide()

    def grant_shortfall(self) -> None:
        """'Reserve toekennen…': the grant dialog with board, provider, month and the shortfall filled in;
        once granted, the hours typed here stay and can be saved."""
        from ..grant_dialog import open_grant_dialog

        chosen, month = self.chosen(), self.month.currentData()
        if chosen is None or month is None:
            return
        grant = open_grant_dialog(self.runner, self.year, self, board=chosen.board, provider=chosen.provider,
                                  month=month, minutes=self.shortfall)
        self.grant = grant

        def granted() -> None:
            self.clear_errors()
            self.month_said = (f" Reserve toegekend: {dutch.hours(self.shortfall)} uur; klik op Opslaan om de uren "
                               "te boeken.")
            self._read_figures()  # the month's figures again, with the reserve granted
            self.ok_button.setFocus()

        grant.accepted.connect(granted)

    def submit(self) -> None:
        if self.listed is None:
            raise InvalidInput(WAITING, field="agreement")
        chosen = self.chosen()
        if chosen is None:
            raise InvalidInput("Kies een bevestigde overeenkomst uit de lijst.", field="agreement")
        month = self.month.currentData()
        minutes = hours_of(self.hours, "Uren")
        cmd = HoursInput(chosen.number, month, minutes, self.note.text())
        self.notice = register_hours(runner=self.runner, cmd=cmd)
        self.saved = cmd


def open_hours_dialog(runner: Runner, year: str, parent: QWidget, number: str | None = None,
                      cell: tuple[str, str, Month] | None = None) -> HoursDialog:
    """Open the hours dialog (window-modal, not blocking); it reads the year's bookable agreements once shown."""
    dialog = HoursDialog(runner, year, number, parent, cell)
    dialog.open()
    return dialog
