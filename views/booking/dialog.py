"""'Uren registreren': the dialog that books realised hours on a confirmed agreement, opened from the Uren and
the Overeenkomsten pages."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QCompleter, QDialogButtonBox, QLineEdit, QPushButton, QWidget

from models.domain import dutch
from models.domain.errors import BudgetExceeded, InvalidInput, Refusal
from models.domain.months import Month
from models.services import hours as service
from models.services import months as months_service
from models.services import reporting
from models.services.hours import BookableAgreement, HoursInput

from ..forms import FormDialog, hours_field, hours_of, select_data
from ..ports import Runner
from .operations import register_hours


def agreement_label(a: BookableAgreement) -> str:
    return f"{a.number} · {a.board} · {a.provider} · {a.description}"


class HoursDialog(FormDialog):
    """Register realised hours: an agreement, one of its bookable months, the hours, a note."""

    def __init__(self, runner: Runner, year: str, agreements: list[BookableAgreement], closed: set[Month],
                 number: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Uren registreren", parent, ok_text="Opslaan")
        self.setObjectName("hoursDialog")
        self.runner = runner
        self.year = year
        self.closed = closed
        self.by_number = {a.number: a for a in agreements}
        self.wanted_month: Month | None = None  # the month of the grid cell the dialog was opened from
        self.agreement = self.add_row("agreement", "&Overeenkomst", QComboBox())
        self.agreement.setEditable(True)
        self.agreement.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agreement.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agreement.setMinimumContentsLength(48)
        self.agreement.lineEdit().setPlaceholderText("Typ een nummer, bestuur of dienstverlener")
        for a in agreements:
            self.agreement.addItem(agreement_label(a), a.number)
        completer = QCompleter(self.agreement.model(), self.agreement)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.agreement.setCompleter(completer)
        self.agreement.view().setMinimumWidth(560)
        self.agreement.lineEdit().setCursorPosition(0)
        self.agreement_note = self.add_note()
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
        self.agreement.lineEdit().textEdited.connect(self._agreement_chosen)
        self.month.currentIndexChanged.connect(self._month_chosen)
        # Nothing chosen until the user types or picks (or came from an agreement): no hours on the wrong one.
        self.agreement.setCurrentIndex(self.agreement.findData(number) if number in self.by_number else -1)
        self._agreement_picked()
        (self.hours if self.chosen() else self.agreement).setFocus()
        self.setMinimumWidth(640)

    def matching(self) -> list[BookableAgreement]:
        """The agreements whose number or label contains what is typed."""
        text = self.agreement.currentText().strip().casefold()
        return [a for a in self.by_number.values() if text and text in agreement_label(a).casefold()]

    def start_with(self, board: str, provider: str, month: Month | None) -> None:
        """Opened from a cell of the grid: the pair's only agreement chosen, else the pair typed so that the
        list narrows to its agreements."""
        self.wanted_month = month
        pair = [a for a in self.by_number.values() if (a.board, a.provider) == (board, provider)]
        if len(pair) == 1:
            self.agreement.setCurrentIndex(self.agreement.findData(pair[0].number))
        else:
            self.agreement.setCurrentIndex(-1)
            self.agreement.setEditText(f"{board} · {provider}")
            self._agreement_chosen()
            if pair:  # the pair's agreements to pick from, as if typed: the list opens once the dialog shows
                QTimer.singleShot(0, self._offer_matches)
        if month is not None:
            select_data(self.month, month)
        (self.hours if self.chosen() else self.agreement).setFocus()

    def _offer_matches(self) -> None:
        completer = self.agreement.completer()
        if self.isVisible() and completer is not None and self.chosen() is None:
            completer.setCompletionPrefix(self.agreement.currentText())
            completer.complete()

    def chosen(self) -> BookableAgreement | None:
        """The agreement picked, or typed: its number, or any text that only one of them contains."""
        text = self.agreement.currentText().strip()
        index = self.agreement.findText(text)
        if index >= 0:
            return self.by_number.get(self.agreement.itemData(index))
        if text in self.by_number:
            return self.by_number[text]
        matches = self.matching()
        return matches[0] if len(matches) == 1 else None

    def _agreement_picked(self) -> None:
        self._agreement_chosen()
        self.agreement.lineEdit().setCursorPosition(0)  # show the number, not the end of the description

    def _agreement_chosen(self) -> None:
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
        elif self.matching():
            self.agreement_note.setText(f"{len(self.matching())} bevestigde overeenkomsten passen bij "
                                        f"‘{self.agreement.currentText().strip()}’; typ verder of kies er een "
                                        "uit de lijst.")
        elif self.agreement.currentText().strip():
            self.agreement_note.setText(f"Geen bevestigde overeenkomst met uren te boeken past bij "
                                        f"‘{self.agreement.currentText().strip()}’; kies er een uit de lijst.")
        else:
            self.agreement_note.setText("Typ een nummer, bestuur of dienstverlener, of kies uit de lijst.")
        self.month.blockSignals(False)
        self._month_chosen()

    def _month_chosen(self) -> None:
        """The month's figures before the user types: budget, reserve, used, left."""
        chosen, month = self.chosen(), self.month.currentData()
        if chosen is None or month is None:
            self.month_note.setText("")
            return
        rows = self.runner.read(reporting.budget_rows, self.year, self.runner.today(), board=chosen.board,
                                provider=chosen.provider)
        cell = next((r for r in rows if r.month == month), None)
        if cell is None:
            self.month_note.setText("")
            return
        limit = f"budget {dutch.hours(cell.budget)}"
        if cell.reserve:
            limit += f" + reserve {dutch.hours(cell.reserve)}"
        closed = " Deze maand is afgesloten; heropen hem eerst." if cell.closed else ""
        self.month_note.setText(f"{month.label.capitalize()}: {limit}, gebruikt {dutch.hours(cell.used)}, "
                                f"nog {dutch.hours(cell.left)} over.{closed}")
        self.fit_height()

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
            self._month_chosen()
            self.month_note.setText(f"{self.month_note.text()} Reserve toegekend: {dutch.hours(self.shortfall)} uur; "
                                    "klik op Opslaan om de uren te boeken.")
            self.ok_button.setFocus()

        grant.accepted.connect(granted)

    def submit(self) -> None:
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
    """Build the hours dialog with the year's bookable agreements and open it (window-modal, not blocking)."""
    today = runner.today()
    agreements = runner.read(service.bookable_agreements, year, today)
    closed = {s.month for s in runner.read(months_service.states, year, today) if s.closed}
    dialog = HoursDialog(runner, year, agreements, closed, number, parent)
    if cell is not None:
        dialog.start_with(*cell)
    if not agreements:
        dialog.general_error.setText("Er is nog geen bevestigde overeenkomst waarop uren kunnen worden geboekt. "
                                     "Bevestig eerst een overeenkomst op de pagina Overeenkomsten.")
        dialog.general_error.show()
    dialog.open()
    return dialog
