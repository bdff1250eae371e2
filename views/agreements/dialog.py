"""Registering or editing an agreement, fields in the order of the board's e-mail, with its yearly hours and the
months' room as hints while typing."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QHBoxLayout, QLineEdit, QWidget

from models.domain import dutch
from models.domain.agreements import Kind, Status
from models.domain.errors import Refusal
from models.domain.months import Month
from models.domain.units import parse_hours
from models.services import agreement_hints
from models.services.agreement_hints import AgreementRoom
from models.services.agreements import AgreementInput, AgreementRow
from models.services.lookup import YearChoices

from ..forms import FormDialog, choice_picker, date_field, date_of, hours_field, hours_of, month_range_picker
from ..ports import Dialogs, Runner
from .columns import FINISHED
from .operations import save_agreement


class AgreementDialog(FormDialog):
    """Register or edit an agreement, fields in the order of the board's e-mail."""

    def __init__(self, runner: Runner, choices: YearChoices, row: AgreementRow | None = None,
                 parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        editing = row is not None
        title = f"Overeenkomst {row.number} wijzigen" if row else "Nieuwe overeenkomst"
        super().__init__(title, parent, ok_text="Opslaan", dialogs=dialogs)
        self.setObjectName("agreementDialog")
        self.runner = runner
        self.choices = choices
        self.row = row
        self.number: str | None = row.number if row else None
        today = runner.today()
        months = list(choices.months)
        current = Month.of(today)
        default_first = current if months and months[0] <= current <= months[-1] else (months[0] if months else None)

        self.board = self.add_row("board", "&Bestuur", choice_picker([(b, b) for b in choices.boards],
                                                                      row.board if row else None))
        self.school = self.add_row("school", "S&chool", QComboBox())
        self.school.setEditable(True)
        self.school.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.school.lineEdit().setPlaceholderText("Kies of typ een school (mag leeg)")
        self.school.setMinimumContentsLength(30)
        self.provider = self.add_row("provider", "&Dienstverlener",
                                     choice_picker([(p, p) for p in choices.providers], row.provider if row else None))
        self.kind = self.add_row("kind", "&Soort", choice_picker([(k.label, k) for k in Kind],
                                                                 row.kind if row else None))
        self.description = self.add_row("description", "&Omschrijving", QLineEdit(row.description if row else ""))
        self.description.setPlaceholderText("Korte omschrijving: geen namen, geboortedata of BSN")
        self.description.setToolTip("Wat de ondersteuning inhoudt; geen namen, geboortedata of BSN van leerlingen "
                                    "(AVG). Noem een periode met maand en jaar, bijvoorbeeld 'vanaf oktober 2016'.")
        self.pupil_ref = self.add_row("pupil_ref", "&Leerlingcode", QLineEdit(row.pupil_ref if row else ""))
        self.pupil_ref.setPlaceholderText("Alleen een code die de school kan herleiden (mag leeg)")
        self.pupil_ref.setToolTip("Geen naam, geboortedatum of BSN van de leerling")
        self.hours = self.add_row("hours", "Afgesproken &uren", hours_field())
        if row:
            self.hours.setText(dutch.hours(row.minutes).replace(".", ""))
        # The board's yearly hours at the provider and what is agreed already, while typing: a hint, not a rule.
        self.room: AgreementRoom | None = None
        self.room_note = self.add_note()
        self.room_note.setObjectName("agreementRoom")
        self.room_warning = self.add_warning()
        period_box, self.first_month, self.last_month = month_range_picker(
            months, row.first_month if row else default_first, row.last_month if row else (months[-1] if months else None))
        self.add_row("months", "&Maanden", period_box)
        self.months_warning = self.add_warning()  # months over or closed, more hours than they can take
        self.reported_on = self.add_row("gemeld", "&Gemeld op", date_field(row.reported_on if row else today))
        registered_box = QWidget()
        line = QHBoxLayout(registered_box)
        line.setContentsMargins(0, 0, 0, 0)
        self.registered = QCheckBox("ja, op")
        self.registered_on = date_field(row.registered_on if row and row.registered_on else today)
        self.registered.toggled.connect(self.registered_on.setEnabled)
        self.registered.setChecked(not row or row.registered_on is not None)
        self.registered_on.setEnabled(self.registered.isChecked())
        if row:
            # Registering is a status step of its own (with its date) and is not undone by editing.
            self.registered.setEnabled(False)
            if row.status is Status.REPORTED:
                self.registered.setToolTip("Gebruik de knop Registreren in de lijst")
        line.addWidget(self.registered)
        line.addWidget(self.registered_on)
        line.addStretch(1)
        self.add_row("geregistreerd", "Ge&registreerd", registered_box)
        self.board_contact = self.add_row("board_contact", "Con&tactpersoon bestuur",
                                          QLineEdit(row.board_contact if row else ""))
        self.provider_contact = self.add_row("provider_contact", "Contactpersoon d&ienstverlener",
                                             QLineEdit(row.provider_contact if row else ""))
        self.field_aliases["bevestigd"] = "geregistreerd"  # a registration date after the confirmation
        self._board_contact_default = ""
        self.board.currentIndexChanged.connect(self._board_chosen)
        self._board_chosen()
        self.board.currentIndexChanged.connect(self._load_room)
        self.provider.currentIndexChanged.connect(self._load_room)
        self.hours.textChanged.connect(self._show_room)
        for signal in (self.first_month.currentIndexChanged, self.last_month.currentIndexChanged,
                       self.board.currentIndexChanged, self.provider.currentIndexChanged):
            signal.connect(self._show_months)
        self.hours.textChanged.connect(self._show_months)
        self._load_room()
        self._show_months()
        if row:
            self.school.setCurrentText(row.school)
        for field in (self.description, self.pupil_ref, self.board_contact, self.provider_contact):
            field.setCursorPosition(0)  # the start of a long text, not its end
        if editing and row.status in FINISHED:
            self.read_only(f"Overeenkomst {row.number} is {row.status.value} en kan niet meer worden gewijzigd.")
        self.setMinimumWidth(600)

    def read_only(self, reason: str) -> None:
        """Show the agreement without letting it change (finished, or a read-only database)."""
        for widget in self.findChildren(QWidget):
            if isinstance(widget, (QComboBox, QLineEdit, QCheckBox)) or widget.inherits("QDateEdit"):
                widget.setEnabled(False)
        self.ok_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Sluiten")
        self.general_error.setObjectName("hint")  # an explanation, not a refusal
        self.general_error.style().unpolish(self.general_error)
        self.general_error.style().polish(self.general_error)
        self.general_error.setText(reason)
        self.general_error.show()

    def _board_chosen(self) -> None:
        """The school list and contact person follow the board."""
        board = self.board.currentData()
        typed = self.school.currentText()
        self.school.clear()
        self.school.addItem("")
        self.school.addItems(list(self.choices.schools.get(board, ())))
        self.school.setCurrentText(typed if typed in self.choices.schools.get(board, ()) else "")
        contact = self.choices.board_contacts.get(board, "")
        if self.board_contact.text() in ("", self._board_contact_default):
            self.board_contact.setText(contact)
        self._board_contact_default = contact

    def _load_room(self) -> None:
        board, provider = self.board.currentData(), self.provider.currentData()
        self.room = self.runner.read(agreement_hints.agreement_room, self.choices.year, board, provider,
                                     leave_out=self.number) if board and provider else None
        self._show_room()

    def _show_months(self) -> None:
        """A warning, never a refusal: months of the agreement that can take no hours after a confirmation today,
        and more hours than the budgets of its months can still take."""
        if self.row is not None and self.row.status not in (Status.REPORTED, Status.REGISTERED):
            return  # confirmed or finished: its months are what they are
        board, provider = self.board.currentData(), self.provider.currentData()
        first, last = self.first_month.currentData(), self.last_month.currentData()
        if not (board and provider and first and last) or last < first:
            self.show_warning(self.months_warning, "")
            return
        today = self.runner.today()
        room = self.runner.read(agreement_hints.months_room, self.choices.year, board, provider, first, last,
                                Month.of(today), today)
        self.show_warning(self.months_warning, months_warning(room, board, provider, self._typed_minutes(),
                                                              f"vandaag ({dutch.date(today)})"))

    def _typed_minutes(self) -> int:
        try:
            return parse_hours(self.hours.text()) if self.hours.text().strip() else 0
        except Refusal:  # the refusal follows on Opslaan; the hint only informs
            return 0

    def _show_room(self) -> None:
        """'KPO heeft bij Kameleon 191 jaaruren; al afgesproken …', and a warning when this agreement goes above."""
        room = self.room
        if room is None:
            self.room_note.setText("")
            self.show_warning(self.room_warning, "")
            return
        count = room.agreements
        agreed = (f"dit schooljaar is al {dutch.hours(room.agreed_minutes)} uur afgesproken in {count} "
                  f"overeenkomst{'en' if count != 1 else ''}" if count else "dit schooljaar is nog niets afgesproken")
        self.room_note.setText(f"{room.board} heeft bij {room.provider} {dutch.hours(room.yearly_minutes)} jaaruren; "
                               f"{agreed}.")
        self.show_warning(self.room_warning, self.above_text())

    def above_text(self) -> str:
        """The warning when the agreements of the board at the provider go above its yearly hours; else ''."""
        room, minutes = self.room, self._typed_minutes()
        if room is None or not minutes or not room.above(minutes):
            return ""
        return (f"Let op: {room.board} heeft bij {room.provider} {dutch.hours(room.yearly_minutes)} jaaruren; met deze "
                f"overeenkomst is {dutch.hours(room.with_new(minutes))} uur afgesproken.")

    def confirm_submit(self) -> bool:
        """Above the yearly hours is allowed, but asked once more (a typo such as 5000 for 50 is easily made)."""
        warning = self.above_text()
        if not warning:
            return True
        row = self.row
        if row is not None and (row.board, row.provider, row.minutes) == (
                self.board.currentData(), self.provider.currentData(), self._typed_minutes()):
            return True  # an edit that leaves the hours as they were: asked when they were saved
        return self.dialogs.ask(self, "Meer dan de jaaruren",
                                f"{warning}\n\nDe maandbudgetten blijven gelden. Toch opslaan?",
                                yes="Toch opslaan", no="Terug")

    def command(self) -> AgreementInput:
        minutes = hours_of(self.hours, "Afgesproken uren")
        return AgreementInput(
            year=self.choices.year, board=self.board.currentData(), provider=self.provider.currentData(),
            minutes=minutes, first_month=self.first_month.currentData(), last_month=self.last_month.currentData(),
            school=self.school.currentText(), kind=Kind(self.kind.currentData()),
            description=self.description.text(),
            pupil_ref=self.pupil_ref.text(), reported_on=date_of(self.reported_on),
            registered_on=date_of(self.registered_on) if self.registered.isChecked() else None,
            board_contact=self.board_contact.text(), provider_contact=self.provider_contact.text(),
            register=self.registered.isChecked())

    def submit(self) -> None:
        self.number, self.notice = save_agreement(runner=self.runner, number=self.number, cmd=self.command())


def months_warning(room: agreement_hints.MonthsRoom, board: str, provider: str, minutes: int, when: str) -> str:
    """'Let op: …' when months of an agreement are lost to it or its hours do not fit what they can take."""
    lines = []
    if room.lost:
        lines.append(f"in {dutch.months(room.lost)} kunnen na een bevestiging {when} geen uren worden geboekt "
                     "(voorbij of afgesloten).")
    if minutes and minutes > room.left:
        where = f"in {dutch.months(room.bookable)}" if room.bookable else "in geen enkele maand"
        lines.append(f"{board} kan bij {provider} {where} nog {dutch.hours(room.left)} uur gebruiken (budget + reserve "
                     f"− gebruikt); deze overeenkomst heeft {dutch.hours(minutes)} uur.")
    return ("Let op: " + " ".join(lines)) if lines else ""
