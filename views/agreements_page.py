"""Overeenkomsten: the year's agreements, filtered and sorted; register, edit, the status steps, and the
hours used on the selected agreement ('gebruikt', as on every screen, in the PDF and in the workbook)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import Signal, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
    QVBoxLayout, QWidget,
)

from models.domain.agreements import Kind, Status
from models.domain.errors import Refusal
from models.domain.months import Month
from models.domain.units import parse_hours
from models.services import agreement_hints
from models.services import agreements as service
from models.services import hours as hours_service
from models.services import lookup
from models.services.agreement_hints import AgreementRoom
from models.services.agreements import AgreementFilter, AgreementInput, AgreementRow
from models.services.hours import EntryRow
from models.services.lookup import YearChoices

from . import format as fmt
from .forms import (
    FormDialog, choice_picker, date_field, date_of, hours_field, hours_of, month_range_picker,
)
from .messages import messages
from .page import Notice, Page, page_header
from .ports import Runner
from .table import Column, RowsModel, make_table, on_delete, select_where, selected_row

# Waiting for the secretariat (orange, yellow), running (green), finished (grey); always with the word.
STATUS_COLOURS = {Status.REPORTED: QColor("#fde3c4"), Status.REGISTERED: QColor("#fff4cc"),
                  Status.CONFIRMED: QColor("#e1f0dc"), Status.DONE: QColor("#e8eaed"),
                  Status.WITHDRAWN: QColor("#e8eaed")}
FINISHED = (Status.DONE, Status.WITHDRAWN)
SOURCES = {"app": "scherm", "cli": "opdrachtregel", "demo": "demo", "import": "ingelezen"}


@dataclass(frozen=True)
class TotalLine:
    """The totals row under the table: it has the attributes the columns read."""

    minutes: int
    booked: int
    open_left: int
    count: int
    number: str = "Totaal"
    board: str = ""
    school: str = ""
    provider: str = ""
    kind: Kind | None = None
    status: Status | None = None
    first_month: Month | None = None
    last_month: Month | None = None
    reported_on: dt.date | None = None
    registered_on: dt.date | None = None
    confirmed_on: dt.date | None = None
    closed_on: dt.date | None = None

    @property
    def description(self) -> str:
        return f"{self.count} overeenkomst{'en' if self.count != 1 else ''}"


def hours_left(row: AgreementRow | TotalLine) -> int | None:
    """What may still be booked; nothing for an agreement that is done or withdrawn (the rest is freed)."""
    if isinstance(row, TotalLine):
        return row.open_left
    return None if row.status in FINISHED else row.left


def period(row: AgreementRow | TotalLine) -> str:
    """'okt – mrt (6)': within one school year the month names say enough; the tooltip names the years."""
    if row.first_month is None or row.last_month is None:
        return ""
    months = row.last_month.index - row.first_month.index + 1
    first, last = fmt.month_short(row.first_month)[:3], fmt.month_short(row.last_month)[:3]
    return f"{first} – {last} ({months})" if months > 1 else f"{first} (1)"


def period_tooltip(row: AgreementRow | TotalLine) -> str:
    if row.first_month is None or row.last_month is None:
        return ""
    months = row.last_month.index - row.first_month.index + 1
    return f"{row.first_month.label} t/m {row.last_month.label}: {months} maand{'en' if months != 1 else ''}"


def _status_colour(row: AgreementRow | TotalLine) -> QColor | None:
    return STATUS_COLOURS.get(row.status) if row.status else None


# What the secretariat reads in the list fits a 1280 pixels wide window; the dates are in the details below and
# hidden until the user shows them (right-click on the header: "Kolommen tonen").
COLUMNS: list[Column[AgreementRow]] = [
    Column("Nummer", lambda r: r.number, width=76),
    Column("Bestuur", lambda r: r.board, width=100, cell_tooltip=lambda r: r.board),
    Column("School", lambda r: r.school, width=118, cell_tooltip=lambda r: r.school),
    Column("Dienst-\nverlener", lambda r: r.provider, width=84),  # two lines: the title is twice its names
    Column("Soort", lambda r: r.kind.value if r.kind else "", width=102,
           text=lambda r: r.kind.label if r.kind else "",  # the words of the PDF and the workbook
           cell_tooltip=lambda r: r.kind.label if r.kind else ""),
    Column("Omschrijving", lambda r: r.description, width=150, cell_tooltip=lambda r: r.description,
           size="stretch"),
    Column("Uren", lambda r: r.minutes, "hours", "Afgesproken uren"),
    Column("Gebruikt", lambda r: r.booked, "hours", "Gerealiseerde uren die op de overeenkomst zijn gebruikt"),
    Column("Over", hours_left, "hours",
           "Afgesproken min gebruikt; bij een afgeronde of ingetrokken overeenkomst komt de rest vrij"),
    Column("Status", lambda r: r.status.value if r.status else "", background=_status_colour),
    Column("Looptijd", lambda r: r.first_month, width=104, text=period, cell_tooltip=period_tooltip,
           tooltip="Eerste t/m laatste maand (aantal maanden)"),
    Column("Gemeld", lambda r: r.reported_on, "date", width=78, hidden=True),
    Column("Geregistreerd", lambda r: r.registered_on, "date", hidden=True),
    Column("Bevestigd", lambda r: r.confirmed_on, "date", hidden=True),
    Column("Afgerond / ingetrokken", lambda r: r.closed_on, "date", hidden=True),
]

ENTRY_COLUMNS: list[Column[EntryRow]] = [
    Column("Maand", lambda e: e.month, "month", width=108),
    Column("Uren", lambda e: e.minutes, "hours", width=60),
    Column("Bron", lambda e: SOURCES.get(e.source, e.source), width=96),
    Column("Ingevoerd", lambda e: e.created_at, width=136,
           text=lambda e: f"{fmt.date(e.created_at)} {e.created_at:%H:%M}"),
    Column("Notitie", lambda e: e.note, width=90, cell_tooltip=lambda e: e.note, size="stretch"),
]


def _total(rows: list[AgreementRow]) -> TotalLine | None:
    if not rows:
        return None
    return TotalLine(sum(r.minutes for r in rows), sum(r.booked for r in rows),
                     sum(hours_left(r) or 0 for r in rows), len(rows))


# ---------------------------------------------------------------------------------------------- dialogs

class AgreementDialog(FormDialog):
    """Register or edit an agreement, fields in the order of the board's e-mail."""

    def __init__(self, runner: Runner, choices: YearChoices, row: AgreementRow | None = None,
                 parent: QWidget | None = None) -> None:
        editing = row is not None
        title = f"Overeenkomst {row.number} wijzigen" if row else "Nieuwe overeenkomst"
        super().__init__(title, parent, ok_text="Opslaan")
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
            self.hours.setText(fmt.hours(row.minutes).replace(".", ""))
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
                                                              f"vandaag ({fmt.date(today)})"))

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
        agreed = (f"dit schooljaar is al {fmt.hours(room.agreed_minutes)} uur afgesproken in {count} "
                  f"overeenkomst{'en' if count != 1 else ''}" if count else "dit schooljaar is nog niets afgesproken")
        self.room_note.setText(f"{room.board} heeft bij {room.provider} {fmt.hours(room.yearly_minutes)} jaaruren; "
                               f"{agreed}.")
        self.show_warning(self.room_warning, self.above_text())

    def above_text(self) -> str:
        """The warning when the agreements of the board at the provider go above its yearly hours; else ''."""
        room, minutes = self.room, self._typed_minutes()
        if room is None or not minutes or not room.above(minutes):
            return ""
        return (f"Let op: {room.board} heeft bij {room.provider} {fmt.hours(room.yearly_minutes)} jaaruren; met deze "
                f"overeenkomst is {fmt.hours(room.with_new(minutes))} uur afgesproken.")

    def confirm_submit(self) -> bool:
        """Above the yearly hours is allowed, but asked once more (a typo such as 5000 for 50 is easily made)."""
        warning = self.above_text()
        if not warning:
            return True
        row = self.row
        if row is not None and (row.board, row.provider, row.minutes) == (
                self.board.currentData(), self.provider.currentData(), self._typed_minutes()):
            return True  # an edit that leaves the hours as they were: asked when they were saved
        return messages.ask(self, "Meer dan de jaaruren",
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
        cmd = self.command()
        today = self.runner.today()
        if self.number is None:
            self.number = self.runner.write(service.register, cmd, today)
        else:
            self.runner.write(service.update, self.number, cmd, today)


@dataclass(frozen=True)
class Step:
    """A status step with a date: its button, the dialog's words, and the service call."""

    name: str
    button: str
    date_label: str
    explain: str
    action: Callable[..., None]
    date_field: str  # the field name the service uses for a refusal about the date


def months_warning(room: agreement_hints.MonthsRoom, board: str, provider: str, minutes: int, when: str) -> str:
    """'Let op: …' when months of an agreement are lost to it or its hours do not fit what they can take."""
    lines = []
    if room.lost:
        lines.append(f"in {fmt.months(room.lost)} kunnen na een bevestiging {when} geen uren worden geboekt "
                     "(voorbij of afgesloten).")
    if minutes and minutes > room.left:
        where = f"in {fmt.months(room.bookable)}" if room.bookable else "in geen enkele maand"
        lines.append(f"{board} kan bij {provider} {where} nog {fmt.hours(room.left)} uur gebruiken (budget + reserve "
                     f"− gebruikt); deze overeenkomst heeft {fmt.hours(minutes)} uur.")
    return ("Let op: " + " ".join(lines)) if lines else ""


STEPS = {
    "registreren": Step("registreren", "Registreren…", "Geregistreerd op",
                        "De melding van het bestuur is verwerkt; daarna volgt de bevestiging aan beide partijen.",
                        service.mark_registered, "geregistreerd"),
    "bevestigen": Step("bevestigen", "Bevestigen…", "Bevestigd op",
                       "De bevestiging wordt naar het bestuur en de dienstverlener gestuurd: daarna kunt u de brief "
                       "en de e-mail maken. Vanaf de maand van bevestiging mogen uren worden geboekt.", service.confirm, "bevestigd"),
    "afronden": Step("afronden", "Afronden…", "Afgerond op",
                     "De ondersteuning is klaar. Er kunnen daarna geen uren meer op worden geboekt.",
                     service.complete, "date"),
}


class StepDialog(FormDialog):
    """One status step with its date (registreren, bevestigen, afronden)."""

    def __init__(self, runner: Runner, row: AgreementRow, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(f"Overeenkomst {row.number} {step.name}", parent, ok_text=step.button.rstrip("…"))
        self.setObjectName("stepDialog")
        self.runner = runner
        self.row = row
        self.step = step
        about = QLabel(f"<b>{fmt.text(row.number)}</b> · {fmt.text(row.board)} · {fmt.text(row.provider)} · "
                       f"{fmt.text(row.description)}")
        about.setWordWrap(True)
        self.form.addRow(about)
        self.date = self.add_row("date", f"&{step.date_label}", date_field(runner.today()))
        self.late_warning = self.add_warning()
        self.add_note(step.explain)
        self.field_aliases[step.date_field] = "date"
        if step.name == "bevestigen":  # confirming after the last month is allowed, but nothing can be used then
            self.date.dateChanged.connect(self._warn_when_late)
            self._warn_when_late()

    def _warn_when_late(self) -> None:
        day = date_of(self.date)
        row = self.row
        if Month.of(day) > row.last_month:
            text = (f"Let op: de looptijd eindigt in {row.last_month.label}. Na een bevestiging op "
                    f"{fmt.date(day)} kunnen er geen uren meer op deze overeenkomst worden geboekt; bevestigen kan "
                    "wel.")
        else:
            room = self.runner.read(agreement_hints.months_room, row.year, row.board, row.provider, row.first_month,
                                    row.last_month, Month.of(day), self.runner.today())
            text = months_warning(room, row.board, row.provider, max(0, row.minutes - row.booked),
                                  f"op {fmt.date(day)}")
        self.show_warning(self.late_warning, text)

    def submit(self) -> None:
        self.runner.write(self.step.action, self.row.number, date_of(self.date), self.runner.today())


# ---------------------------------------------------------------------------------------------- the page

class AgreementsPage(Page):
    title = "Overeenkomsten"
    letter_requested = Signal(str)  # the number of a confirmed agreement: write its letter and e-mail
    depends_on = ("agreements", "hours", "setup", "masterdata", "years")

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.dialog: FormDialog | None = None
        self.choices: YearChoices | None = None
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
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())

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

        self.details = QLabel()
        self.details.setObjectName("agreementDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.entries_title = QLabel("Gebruikte uren")
        self.entries_title.setObjectName("sectionTitle")
        self.entries_model: RowsModel[EntryRow] = RowsModel(ENTRY_COLUMNS)
        self.entries, _ = make_table(self.entries_model, object_name="agreementEntries")
        self.remove_entry_button = QPushButton("Regel verwijderen…")
        self.remove_entry_button.setToolTip("De geselecteerde boeking verwijderen (Delete), niet in een "
                                            "afgesloten maand")
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
        # The details wrap to the pane's width and scroll when they need more lines than the pane has room for
        # (at 1024 x 768 the last lines were cut off).
        details_inner = QWidget()
        details_layout = QVBoxLayout(details_inner)
        details_layout.setContentsMargins(0, 0, 4, 0)
        details_layout.addWidget(self.details)
        details_layout.addStretch(1)
        details_box = QScrollArea()
        details_box.setObjectName("agreementDetailsScroll")
        details_box.setWidget(details_inner)
        details_box.setWidgetResizable(True)
        details_box.setFrameShape(QFrame.Shape.NoFrame)
        details_box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_scroll = details_box
        entries_box = QWidget()
        entries_layout = QVBoxLayout(entries_box)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.setSpacing(2)
        entries_head = QHBoxLayout()
        entries_head.setContentsMargins(0, 0, 0, 0)
        entries_head.addWidget(self.entries_title, 1)
        entries_head.addWidget(self.remove_entry_button)
        entries_layout.addLayout(entries_head)
        entries_layout.addWidget(self.entries, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(details_box, 1)
        bottom.addWidget(entries_box, 1)
        bottom_box = QWidget()
        bottom_box.setLayout(bottom)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom_box.setMaximumHeight(170)

        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Overeenkomsten", self.subtitle, self.new_button))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.notice)
        layout.addWidget(bottom_box)
        self.setTabOrder(self.new_button, self.board_filter)
        self._show_selected()

    # ------------------------------------------------------------------ reading
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def show_pair(self, board: str, provider: str) -> None:
        """The agreements of one board at one provider, every status, no search: set in the filters, so the user
        sees what is shown and can widen it."""
        self.refresh_if_stale()
        widgets = (self.board_filter, self.provider_filter, self.status_filter, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        for box, value in ((self.board_filter, board), (self.provider_filter, provider), (self.status_filter, None)):
            box.setCurrentIndex(max(box.findData(value), 0))
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self._load_rows()

    def _filter(self) -> AgreementFilter:
        assert self.year is not None
        status = self.status_filter.currentData()  # Qt hands a StrEnum back as its text
        return AgreementFilter(self.year, self.board_filter.currentData(), self.provider_filter.currentData(),
                               Status(status) if status else None, self.search.text())

    def refresh(self) -> None:
        if self.year:
            self._load_choices()
        self._load_rows()

    def _load_rows(self) -> None:
        if not self.year:
            self.model.set_rows([])
            self.subtitle.setText("")
            self._show_selected()
            return
        keep = selected_row(self.table)
        rows = self.runner.read(service.list_agreements, self._filter())
        everything = len(self.runner.read(service.list_agreements, AgreementFilter(self.year))) \
            if self._filtered() else len(rows)
        self.model.set_rows(rows, _total(rows))
        if not (keep is not None and select_where(self.table, lambda r: r.number == keep.number)) and rows:
            self.table.selectRow(0)  # the details and booked hours below are never empty without reason
        self._show_selected()
        self.subtitle.setText(self._describe(len(rows), everything))

    def _load_choices(self) -> None:
        assert self.year is not None
        self.choices = self.runner.read(lookup.choices, self.year)
        for box, everything, names in ((self.board_filter, "Alle besturen", self.choices.boards),
                                       (self.provider_filter, "Alle dienstverleners", self.choices.providers)):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for name in names:
                box.addItem(name, name)
            index = box.findData(current)
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

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
                self.details.setText(f"Nog geen overeenkomsten in schooljaar {self.year}. Registreer de eerste "
                                     "melding van een bestuur met ‘Nieuwe overeenkomst…’ (Ctrl+N).")
            else:
                self.details.setText("Selecteer een overeenkomst om de gegevens en de gebruikte uren te zien.")
            self.entries_title.setText("Gebruikte uren")
            self.entries_model.set_rows([])
            self._enable_entry_removal()
            return
        self.details.setText(_details(row))
        entries = self.runner.read(hours_service.entries, row.number)
        self.entries_model.set_rows(entries)
        self.entries_title.setText(f"Gebruikte uren op {row.number}: {fmt.hours(row.booked)} van "
                                   f"{fmt.hours(row.minutes)} uur in {len(entries)} "
                                   f"boeking{'en' if len(entries) != 1 else ''}")
        self._enable_entry_removal()

    def _enable_entry_removal(self) -> None:
        self.remove_entry_button.setEnabled(not self.runner.read_only and selected_row(self.entries) is not None)

    def remove_selected_entry(self) -> bool:
        """Delete asks first and says what is lost; a closed month refuses, with its reason."""
        from .hours_page import remove_entry

        entry: EntryRow | None = selected_row(self.entries)
        if entry is None or self.runner.read_only:
            return False
        done = remove_entry(self, self.runner, entry.id, entry.minutes, entry.month, entry.agreement,
                            f" (‘{entry.note}’)" if entry.note else "")
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
        self._load_choices()
        assert self.choices is not None
        dialog = AgreementDialog(self.runner, self.choices, parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog.number, f"Overeenkomst {dialog.number} is opgeslagen."))
        return self._open(dialog)

    def edit_selected(self) -> FormDialog | None:
        row = self.selected()
        if row is None or not self.year:
            return None
        self._load_choices()
        assert self.choices is not None
        dialog = AgreementDialog(self.runner, self.choices, row, parent=self)
        if self.runner.read_only:
            dialog.read_only("De database is alleen-lezen geopend.")
        dialog.accepted.connect(lambda: self._saved(row.number, f"Overeenkomst {row.number} is gewijzigd."))
        return self._open(dialog)

    def step_selected(self, name: str) -> FormDialog | None:
        row = self.selected()
        if row is None:
            return None
        step = STEPS[name]
        dialog = StepDialog(self.runner, row, step, parent=self)
        dialog.accepted.connect(lambda: self._saved(row.number, f"Overeenkomst {row.number}: {name} is vastgelegd."))
        if name == "bevestigen":
            dialog.accepted.connect(lambda: self._offer_letter(row.number))
        return self._open(dialog)

    def _offer_letter(self, number: str) -> None:
        if messages.ask(self, "Bevestiging versturen",
                        f"Overeenkomst {number} is bevestigd. Nu de bevestigingsbrief (PDF) en een e-mail aan het "
                        "bestuur en de dienstverlener maken?", yes="Brief en e-mail maken", no="Later",
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
        freed = (f"De {fmt.hours(row.left)} uur die nog niet zijn gebruikt komen vrij voor andere afspraken van "
                 f"{row.board} bij {row.provider}." if row.left else "Alle afgesproken uren zijn al gebruikt.")
        kept = (f" De al gebruikte {fmt.hours(row.booked)} uur blijven staan en tellen mee in het maandbudget."
                if row.booked else "")
        question = (f"Overeenkomst {row.number} ({row.board} bij {row.provider}: {row.description}) intrekken?\n\n"
                    f"{freed}{kept} Er kunnen daarna geen uren meer op worden geboekt; intrekken kan niet "
                    "ongedaan worden gemaakt.")
        if not messages.ask(self, "Overeenkomst intrekken", question, yes="Intrekken", no="Annuleren"):
            return False
        today = self.runner.today()
        try:
            self.runner.write(service.withdraw, row.number, today, today)
        except Refusal as refusal:
            messages.error(self, "Intrekken kan niet", refusal.message)
            return False
        self._saved(row.number, f"Overeenkomst {row.number} is ingetrokken.")
        return True

    def register_hours(self) -> FormDialog | None:
        """'Uren registreren…' and Ctrl+U: hours on the selected agreement (without one: any agreement)."""
        from .hours_page import open_hours_dialog

        row = self.selected()
        if not self.year or self.runner.read_only:
            return None
        number = row.number if row is not None else None
        dialog = open_hours_dialog(self.runner, self.year, self, number=number)
        if dialog is not None:
            self.dialog = dialog
            dialog.accepted.connect(lambda: self._saved(dialog.saved.agreement, f"Uren geboekt op "
                                                                                f"{dialog.saved.agreement}."))
        return dialog

    def _saved(self, number: str | None, text: str) -> None:
        self.refresh_if_stale()
        if number:
            self.select_number(number)
        self.notice.setText(text)


def _details(row: AgreementRow) -> str:
    """The selected agreement in a few lines: school, pupil code, contacts, dates, bookable months."""
    t = fmt.text
    lines = [f"<b>{t(row.number)}</b> · {t(row.board)} · {t(row.provider)} · {t(row.kind.label)}"]
    where = [t(row.school) if row.school else "geen school opgegeven"]
    if row.pupil_ref:
        where.append(f"leerlingcode {t(row.pupil_ref)}")
    lines.append(" · ".join(where))
    contacts = [f"{t(row.board_contact)} (bestuur)" if row.board_contact else "",
                f"{t(row.provider_contact)} (dienstverlener)" if row.provider_contact else ""]
    lines.append("Contactpersonen: " + (", ".join(c for c in contacts if c) or "geen opgegeven"))
    dates = [f"gemeld {fmt.date(row.reported_on)}"]
    for word, day in (("geregistreerd", row.registered_on), ("bevestigd", row.confirmed_on)):
        if day:
            dates.append(f"{word} {fmt.date(day)}")
    if row.closed_on:
        dates.append(f"{row.status.value} {fmt.date(row.closed_on)}")
    lines.append("Status <b>" + row.status.value + "</b>: " + ", ".join(dates))
    if row.status is Status.CONFIRMED and row.confirmed_on:
        start = max(row.first_month, Month.of(row.confirmed_on))
        lines.append(f"Uren boeken kan van {start.label} t/m {row.last_month.label}; "
                     f"nog {fmt.hours(row.left)} van {fmt.hours(row.minutes)} uur over.")
    elif row.status in (Status.REPORTED, Status.REGISTERED):
        lines.append("Nog niet bevestigd: er kunnen nog geen uren op worden geboekt.")
    return "<br>".join(lines)
