"""Uren: register realised hours per agreement and month, the month grid per board x provider (used against
budget + reserve), and closing and reopening months with their history."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QTabWidget,
    QVBoxLayout, QWidget,
)

from models.domain.errors import BudgetExceeded, InvalidInput, Refusal
from models.domain.months import Month
from models.domain.usage import Usage, usage
from models.services import hour_list, hour_sheets
from models.services import hours as service
from models.services import months as months_service
from models.services import reporting
from models.services.hour_list import COUNT_LIMIT, HourLine, HourListQuery, HourListStart
from models.services.hours import BookableAgreement, HoursInput
from models.services.months import MonthEventRow, MonthState
from models.services.reporting import BudgetRow

from . import format as fmt
from .background import LatestRead
from .forms import FormDialog, hours_field, hours_of, month_picker, select_data
from .messages import messages
from .page import Page, page_header
from .ports import Runner
from .table import (
    BAD, ROW_ROLE, WARN, Column, LazyRowsModel, RowsModel, fit_columns, make_lazy_table, make_table, on_delete,
    selected_row,
)

CLOSED = QColor("#e9ecf0")


# ---------------------------------------------------------------------------------------------- the grid

@dataclass(frozen=True)
class Cell:
    """One board at one provider in one month (minutes)."""

    month: Month
    budget: int
    reserve: int
    used: int
    closed: bool

    @property
    def limit(self) -> int:
        return self.budget + self.reserve

    @property
    def state(self) -> str:
        """In words as well as colour: 'over' above budget + reserve, 'vol' when exactly used up."""
        return {Usage.OVER: "over", Usage.USED_UP: "vol"}.get(usage(self.used, self.limit), "")


@dataclass(frozen=True)
class GridRow:
    board: str
    provider: str
    cells: dict[Month, Cell] = field(default_factory=dict)
    is_total: bool = False

    @property
    def used(self) -> int:
        return sum(c.used for c in self.cells.values())

    @property
    def limit(self) -> int:
        return sum(c.limit for c in self.cells.values())


def grid_rows(rows: list[BudgetRow]) -> tuple[list[GridRow], GridRow | None, list[Month]]:
    """budget_rows regrouped: one row per board x provider, one cell per month, and a totals row."""
    pairs: dict[tuple[str, str], dict[Month, Cell]] = {}
    months: list[Month] = []
    for r in rows:
        pairs.setdefault((r.board, r.provider), {})[r.month] = Cell(r.month, r.budget, r.reserve, r.used, r.closed)
        if r.month not in months:
            months.append(r.month)
    grid = [GridRow(board, provider, cells) for (board, provider), cells in pairs.items()]
    if not grid:
        return [], None, months
    totals = {m: Cell(m, sum(g.cells[m].budget for g in grid), sum(g.cells[m].reserve for g in grid),
                      sum(g.cells[m].used for g in grid), grid[0].cells[m].closed) for m in months}
    return grid, GridRow("Totaal", "", totals, is_total=True), months


def used_of(used: int, limit: int) -> str:
    """Two lines, so that 11 months and the year fit a 1280 pixels wide window: the hours used, and under them
    the budget + reserve ("281,75" over "/ 379")."""
    return f"{fmt.hours(used)}\n/ {fmt.hours(limit)}"


def cell_text(row: GridRow, month: Month) -> str:
    cell = row.cells[month]
    text = used_of(cell.used, cell.limit)
    return f"{text} {cell.state}" if cell.state and not row.is_total else text


def cell_colour(row: GridRow, month: Month) -> QColor | None:
    cell = row.cells[month]
    if not row.is_total and cell.state:
        return BAD if cell.state == "over" else WARN
    return CLOSED if cell.closed else None


def cell_tooltip(row: GridRow, month: Month) -> str:
    cell = row.cells[month]
    who = "Alle besturen en dienstverleners" if row.is_total else f"{row.board} bij {row.provider}"
    limit = f"budget {fmt.hours(cell.budget)}"
    if cell.reserve:
        limit += f" + reserve {fmt.hours(cell.reserve)}"
    state = {"over": " · over budget", "vol": " · vol"}.get(cell.state, "") if not row.is_total else ""
    closed = " (afgesloten)" if cell.closed else ""
    return (f"{who}, {month.label}{closed}: {limit}; gebruikt {fmt.hours(cell.used)}, "
            f"over {fmt.hours(max(cell.limit - cell.used, 0))}{state}")


def month_column(month: Month, closed: bool) -> Column[GridRow]:
    title = fmt.month_short(month).replace(" ", "\n") + ("\nafgesl." if closed else "")
    tooltip = f"{month.label}: " + ("afgesloten; geen nieuwe of gewijzigde uren tot de maand wordt heropend"
                                    if closed else "open")
    return Column(title, lambda r: r.cells[month].used, "hours", tooltip,
                  text=lambda r: cell_text(r, month), background=lambda r: cell_colour(r, month),
                  cell_tooltip=lambda r: cell_tooltip(r, month), size="spread")  # a wide screen: roomier months


def grid_columns(states: list[MonthState]) -> list[Column[GridRow]]:
    return [Column("Bestuur", lambda r: r.board, width=136, cell_tooltip=lambda r: r.board),
            Column("Dienst-\nverlener", lambda r: r.provider, width=92),
            *(month_column(s.month, s.closed) for s in states),
            Column("Jaar", lambda r: r.used, "hours", width=64, text=lambda r: used_of(r.used, r.limit),
                   size="spread",
                   tooltip="Gebruikt in het hele jaar / jaaruren + reserve")]


HISTORY_COLUMNS: list[Column[MonthEventRow]] = [
    Column("Maand", lambda e: e.month, "month", width=120),
    Column("Actie", lambda e: e.action, width=90),
    Column("Reden", lambda e: e.reason, width=260, size="stretch"),
    Column("Door", lambda e: e.user, width=90),
    Column("Wanneer", lambda e: e.at, width=120, text=lambda e: f"{fmt.date(e.at)} {e.at:%H:%M}"),
]


# ---------------------------------------------------------------------------------------------- every entry

SOURCES = {"app": "app", "import": "urenlijst"}

#: The list of every entry of the year, and what each column sorts on in SQL (services.hour_list).
ENTRY_COLUMNS: list[tuple[Column[HourLine], str]] = [
    (Column("Overeenkomst", lambda e: e.agreement, width=100), "agreement"),
    (Column("Bestuur", lambda e: e.board, width=150), "board"),
    (Column("Dienstverlener", lambda e: e.provider, width=150), "provider"),
    (Column("Maand", lambda e: e.month, "month", width=135), "month"),
    (Column("Uren", lambda e: e.minutes, "hours", width=60), "minutes"),
    (Column("Bron", lambda e: SOURCES.get(e.source, e.source), width=80), "source"),
    (Column("Ingevoerd", lambda e: e.created_at, width=135,
            text=lambda e: f"{fmt.date(e.created_at.date())} {e.created_at:%H:%M}"), "created_at"),
    (Column("Notitie", lambda e: e.note, width=200, cell_tooltip=lambda e: e.note, size="stretch"), "note"),
]


def count_text(count: int, one: str = "regel", many: str = "regels") -> str:
    """'1.000.000 regels', '1 regel'."""
    return fmt.count(count, one, many)


# ---------------------------------------------------------------------------------------------- dialogs

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
                f"{chosen.board} bij {chosen.provider}: afgesproken {fmt.hours(chosen.minutes)} uur, gebruikt "
                f"{fmt.hours(chosen.booked)}, nog {fmt.hours(chosen.left)} over.")
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
        limit = f"budget {fmt.hours(cell.budget)}" + (f" + reserve {fmt.hours(cell.reserve)}" if cell.reserve else "")
        closed = " Deze maand is afgesloten; heropen hem eerst." if cell.closed else ""
        self.month_note.setText(f"{month.label.capitalize()}: {limit}, gebruikt {fmt.hours(cell.used)}, "
                                f"nog {fmt.hours(cell.left)} over.{closed}")
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
        from .grant_dialog import open_grant_dialog

        chosen, month = self.chosen(), self.month.currentData()
        if chosen is None or month is None:
            return
        grant = open_grant_dialog(self.runner, self.year, self, board=chosen.board, provider=chosen.provider,
                                  month=month, minutes=self.shortfall)
        self.grant = grant

        def granted() -> None:
            self.clear_errors()
            self._month_chosen()
            self.month_note.setText(f"{self.month_note.text()} Reserve toegekend: {fmt.hours(self.shortfall)} uur; "
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
        self.runner.write(service.register, cmd, self.runner.today())
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


class CloseMonthDialog(FormDialog):
    def __init__(self, runner: Runner, year: str, states: list[MonthState], parent: QWidget | None = None) -> None:
        super().__init__("Maand afsluiten", parent, ok_text="Afsluiten")
        self.setObjectName("closeMonthDialog")
        self.runner = runner
        self.year = year
        self.current = Month.of(runner.today())
        candidates = [s.month for s in states if s.started and not s.closed]
        # The latest month that is over: its hours are in (or nearly); a running month still takes hours.
        ended = [m for m in candidates if m < self.current]
        self.month = self.add_row("month", "&Maand", month_picker(candidates, ended[-1] if ended else None))
        if not ended:
            self.month.setCurrentIndex(-1)  # only a month still running is open: it is not proposed
        self.running = self.add_warning()  # yellow "Let op" beside the picker (style.qss: QLabel#warning)
        self.figures = self.add_note()
        self.add_note("Na het afsluiten kunnen in deze maand geen uren meer worden geregistreerd of gewijzigd, "
                      "tot de maand wordt heropend. Wat ongebruikt is, vervalt.")
        self.rows = runner.read(reporting.budget_rows, year, runner.today())
        self.month.currentIndexChanged.connect(self._show_figures)
        self.month.currentIndexChanged.connect(self._show_running)
        self.month.currentIndexChanged.connect(self._enable_close)
        self._show_figures()
        self._show_running()
        self._enable_close()

    def _enable_close(self) -> None:
        """Nothing due (every month that has ended is closed): 'Afsluiten' waits until a month is chosen."""
        chosen = self.month.currentData() is not None
        self.ok_button.setEnabled(chosen)
        self.ok_button.setToolTip("" if chosen else "Er is geen voorbije maand meer af te sluiten; kies zo nodig de "
                                                    "lopende maand in de lijst.")

    def running_text(self) -> str:
        """Beside the picker when the month chosen has not ended yet (closing it stops its bookings)."""
        month = self.month.currentData()
        if month is None or month < self.current:
            return ""
        return (f"{month.label.capitalize()} is nog niet voorbij: uren van deze maand kunnen daarna niet meer "
                "worden geboekt.")

    def _show_running(self) -> None:
        self.show_warning(self.running, self.running_text())

    def confirm_submit(self) -> bool:
        """A month that is still running is closed only when the user says so."""
        month = self.month.currentData()
        if month is None or month < self.current:
            return True
        return messages.ask(self, "Maand afsluiten",
                            f"{month.label.capitalize()} is nog niet voorbij. Toch afsluiten?\n\nUren van deze "
                            "maand kunnen daarna niet meer worden geboekt, tot de maand wordt heropend.",
                            yes="Toch afsluiten", no="Annuleren")

    def _show_figures(self) -> None:
        """What the month holds now, so that nobody closes a month whose hours are not yet in."""
        month = self.month.currentData()
        if month is None and self.month.count():
            self.figures.setText(f"Alle voorbije maanden zijn afgesloten; {self.month.itemText(0)} loopt nog.")
            return
        cells = [r for r in self.rows if r.month == month]
        if not cells:
            self.figures.setText("")
            return
        used, limit = sum(r.used for r in cells), sum(r.budget + r.reserve for r in cells)
        providers = list(dict.fromkeys(r.provider for r in cells))
        silent = [p for p in providers if not any(r.used for r in cells if r.provider == p)]
        waiting = (f" Nog geen uren geboekt van {_names(silent)}: is hun opgave binnen?" if silent else
                   " Van elke dienstverlener zijn uren geboekt.")
        sheets = self.runner.read(hour_sheets.sheets_read_in, self.year, month)
        read_in = f" Urenlijst ingelezen van {_names(sheets)}." if sheets else " Nog geen urenlijst ingelezen."
        self.figures.setText(f"In {month.label} is {fmt.hours(used)} van {fmt.hours(limit)} uur gebruikt; "
                             f"bij afsluiten vervalt {fmt.hours(sum(r.left for r in cells))} uur.{waiting}"
                             f"{read_in}")
        self.fit_height()

    def submit(self) -> None:
        month = self.month.currentData()
        if month is None:
            raise InvalidInput("Kies de maand die u wilt afsluiten." if self.month.count() else
                               "Er is geen open maand die al begonnen is.", field="month")
        self.runner.write(months_service.close, self.year, str(month), self.runner.today())
        self.saved = month


class ReopenMonthDialog(FormDialog):
    def __init__(self, runner: Runner, year: str, states: list[MonthState], parent: QWidget | None = None) -> None:
        super().__init__("Maand heropenen", parent, ok_text="Heropenen")
        self.setObjectName("reopenMonthDialog")
        self.runner = runner
        self.year = year
        candidates = [s.month for s in states if s.closed]
        self.month = self.add_row("month", "&Maand", month_picker(candidates, candidates[-1] if candidates else None))
        self.reason = self.add_row("reason", "&Reden", QLineEdit())
        self.reason.setPlaceholderText("Bijvoorbeeld: late opgave van een dienstverlener")
        self.add_note("Het heropenen wordt met de reden vastgelegd. Sluit de maand daarna weer af.")

    def submit(self) -> None:
        month = self.month.currentData()
        if month is None:
            raise InvalidInput("Er is geen afgesloten maand.", field="month")
        self.runner.write(months_service.reopen, self.year, str(month), self.reason.text())
        self.saved = month


# ---------------------------------------------------------------------------------------------- the page

def remove_entry(parent: QWidget, runner: Runner, entry_id: int, minutes: int, month: Month, agreement: str,
                 about: str = "") -> str | None:
    """Remove a booking after asking, saying what is lost; what to tell the user then, or None (not asked,
    or refused: the refusal is shown)."""
    question = (f"De boeking van {fmt.hours(minutes)} uur in {month.label} op {agreement}{about} verwijderen?\n\n"
                "De uren komen vrij in het maandbudget. Het logboek bewaart wat er stond.")
    if not messages.ask(parent, "Boeking verwijderen", question, yes="Verwijderen", no="Annuleren"):
        return None
    try:
        runner.write(service.remove_entry, entry_id)
    except Refusal as refusal:
        messages.error(parent, "Verwijderen kan niet", refusal.message)
        return None
    return f"Boeking van {fmt.hours(minutes)} uur in {month.label} verwijderd van {agreement}."


class HoursPage(Page):
    title = "Uren"
    depends_on = ("hours", "months", "reserve", "budgets", "setup", "agreements", "years", "masterdata")

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.dialog: FormDialog | None = None
        self.states: list[MonthState] = []
        self._summary: list[str] = []  # the subtitle's parts before any search
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)  # a long summary wraps instead of widening the window
        self.register_button = QPushButton("Uren registreren…")
        self.register_button.setToolTip("Gerealiseerde uren op een bevestigde overeenkomst boeken (Ctrl+U)")
        self.register_button.setDefault(True)
        self.register_button.clicked.connect(self.register_hours)
        self.close_button = QPushButton("Maand afsluiten…")
        self.close_button.clicked.connect(self.close_month)
        self.reopen_button = QPushButton("Maand heropenen…")
        self.reopen_button.clicked.connect(self.reopen_month)
        self.template_button = QPushButton("Urenlijst maken…")
        self.template_button.setToolTip("Een werkmap voor een dienstverlener om de gerealiseerde uren in te vullen")
        self.template_button.clicked.connect(self.make_sheet)
        self.import_button = QPushButton("Urenlijst inlezen…")
        self.import_button.setToolTip("Een ingevulde urenlijst controleren en inlezen: alle rijen of geen")
        self.import_button.clicked.connect(self.import_sheet)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoek bestuur of dienstverlener… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.model: RowsModel[GridRow] = RowsModel([])
        self.table, self.proxy = make_table(self.model, object_name="hoursGrid")
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        # Every cell on two lines (used, and under it the budget): rows as tall as two lines of text.
        self.table.verticalHeader().setDefaultSectionSize(2 * self.table.fontMetrics().lineSpacing() + 6)
        self.table.activated.connect(self._cell_activated)
        self.search.textChanged.connect(self._search)
        self.legend = QLabel("Per cel: gebruikt / budget + reserve · <b>vol</b>: alles gebruikt · <b>over</b>: meer dan "
                             "budget + reserve · <b>afgesl.</b>: afgesloten · dubbelklik of Enter: uren registreren")
        self.legend.setToolTip("Per cel: de gebruikte uren, daaronder het budget plus de toegekende reserve. Ongebruikte "
                               "uren vervallen aan het eind van de maand. Grijs en ‘afgesl.’: een afgesloten maand. "
                               "Dubbelklik of Enter op een cel: uren registreren voor dat bestuur, die dienstverlener "
                               "en die maand.")
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        self.history_title = QLabel("Afsluiten en heropenen")
        self.history_title.setObjectName("sectionTitle")
        self.history_model: RowsModel[MonthEventRow] = RowsModel(HISTORY_COLUMNS)
        self.history, _ = make_table(self.history_model, object_name="monthHistory")

        # Every entry of the year: paged in as it scrolls into view, searched and sorted in SQL.
        self.entries_search = QLineEdit()
        self.entries_search.setObjectName("entriesSearch")
        self.entries_search.setPlaceholderText("Zoek overeenkomst, bestuur, dienstverlener, maand (2016-10) of "
                                               "notitie… (Ctrl+F)")
        self.entries_search.setClearButtonEnabled(True)
        self.entries_search.setMinimumWidth(360)
        self.entries_count = QLabel()
        self.entries_count.setObjectName("entriesCount")
        self.entries_total = QLabel()  # the hours of every row that matches, not only of those paged in
        self.entries_total.setObjectName("entriesTotal")
        self.entries_total.setToolTip("De uren van alle regels die passen bij het schooljaar en de zoekterm")
        self.entries_model: LazyRowsModel[HourLine] = LazyRowsModel([c for c, _ in ENTRY_COLUMNS],
                                                                    [k for _, k in ENTRY_COLUMNS])
        self.entries = make_lazy_table(self.entries_model, object_name="hourEntries")
        # A new search, sort or year is read off the UI thread (over every year it may take a while); only the
        # latest answer is shown. Further pages too: a few milliseconds each, but over every year in an order
        # without an index of its own (Ingevoerd, Bestuur, ...) a second and more.
        self.entries_loader = LatestRead(runner, self)
        self.entries_loader.busy.connect(self._entries_busy)
        self.pages_loader = LatestRead(runner, self)
        self.pages_loader.busy.connect(self._pages_busy)
        self.entries_model.reload = self.load_entries
        self.entries_model.in_background = lambda work, deliver: self.pages_loader.call(
            work, on_result=deliver, on_error=self._entries_refused)
        self.entries_progress = QWidget()
        self.entries_progress.setObjectName("entriesProgress")
        progress_bar = QProgressBar()
        progress_bar.setRange(0, 0)  # busy, without an end in sight
        progress_bar.setTextVisible(False)
        progress_bar.setMaximumWidth(80)
        self.entries_cancel = QPushButton("Annuleren")
        self.entries_cancel.setToolTip("Het zoeken of laden afbreken")
        self.entries_cancel.clicked.connect(self.cancel_entries)
        progress_layout = QHBoxLayout(self.entries_progress)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        self.entries_progress_text = QLabel("Bezig met zoeken…")
        progress_layout.addWidget(self.entries_progress_text)
        progress_layout.addWidget(progress_bar)
        progress_layout.addWidget(self.entries_cancel)
        self.entries_progress.hide()
        self._entries_stale = True
        self._entries_timer = QTimer(self)
        self._entries_timer.setSingleShot(True)
        self._entries_timer.setInterval(250)  # search after a pause in typing, not at every key
        self._entries_timer.timeout.connect(self.load_entries)
        self.entries_search.textChanged.connect(lambda _text: self._entries_timer.start())
        self.entries_search.returnPressed.connect(self.load_entries)
        self.all_years = QCheckBox("Alle schooljaren")
        self.all_years.setToolTip("Ook de regels van andere schooljaren tonen")
        self.all_years.toggled.connect(lambda _on: self._reload_entries())
        on_delete(self.entries, self.remove_selected_entry)

        grid_tab = QWidget()
        grid_layout = QVBoxLayout(grid_tab)
        grid_layout.setContentsMargins(0, 4, 0, 0)
        grid_bar = QHBoxLayout()  # each tab its own search, right above what it searches
        grid_bar.addWidget(self.search)
        grid_bar.addWidget(self.notice, 1)  # what was just saved, beside the search: the grid keeps its height
        grid_bar.addWidget(self.close_button)
        grid_bar.addWidget(self.reopen_button)
        grid_layout.addLayout(grid_bar)
        grid_layout.addWidget(self.table, 1)
        grid_layout.addWidget(self.legend)
        entries_tab = QWidget()
        entries_layout = QVBoxLayout(entries_tab)
        entries_layout.setContentsMargins(0, 4, 0, 0)
        entries_bar = QHBoxLayout()
        entries_bar.addWidget(self.entries_search)
        entries_bar.addWidget(self.all_years)
        entries_bar.addWidget(self.entries_count)
        entries_bar.addWidget(self.entries_total)
        entries_bar.addWidget(self.entries_progress)
        entries_bar.addStretch(1)
        entries_layout.addLayout(entries_bar)
        entries_layout.addWidget(self.entries, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("hoursTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(grid_tab, "Per maand")
        self.tabs.addTab(entries_tab, "Alle regels")
        self.tabs.setTabToolTip(1, "Elke geboekte regel van het schooljaar, te zoeken en te sorteren")
        # The history of closing and reopening in a tab of its own: the grid keeps the page's height.
        history_tab = QWidget()
        history_layout = QVBoxLayout(history_tab)
        history_layout.setContentsMargins(0, 4, 0, 0)
        history_layout.addWidget(self.history_title)
        history_layout.addWidget(self.history, 1)
        self.tabs.addTab(history_tab, "Afsluiten en heropenen")
        self.tabs.setTabToolTip(2, "Welke maand wanneer is afgesloten of heropend, door wie en waarom")
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Uren", self.subtitle, self.template_button, self.import_button,
                                     self.register_button))
        layout.addWidget(self.tabs, 1)
        # Tab follows the page from top to bottom.
        for first, second in ((self.register_button, self.search), (self.search, self.close_button),
                              (self.close_button, self.reopen_button), (self.reopen_button, self.table)):
            self.setTabOrder(first, second)

    def focus_search(self) -> None:
        search = self.entries_search if self.tabs.currentIndex() == 1 else self.search
        search.setFocus()
        search.selectAll()

    # ------------------------------------------------------------------ every entry
    def show_entries(self) -> None:
        """The tab with every entry of the year (loads its first page)."""
        self.tabs.setCurrentIndex(1)

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self._entries_stale:
            self.load_entries()

    def _entries_query(self) -> HourListQuery | None:
        if not self.year:
            return None
        model = self.entries_model
        return HourListQuery(None if self.all_years.isChecked() else self.year, self.entries_search.text().strip(),
                             model.sort_key or "id", model.descending)

    def _reload_entries(self) -> None:
        self.load_entries()

    def remove_selected_entry(self) -> bool:
        """Delete asks first and says what is lost; a closed month refuses, with its reason."""
        entry: HourLine | None = selected_row(self.entries)
        if entry is None or self.runner.read_only:
            return False
        done = remove_entry(self, self.runner, entry.id, entry.minutes, entry.month, entry.agreement,
                            f" ({entry.board} bij {entry.provider})")
        if done:
            self.notice.setText(done)
        return done is not None

    def load_entries(self) -> None:
        """Read the first page and the count of what matches, off the UI thread; the rest comes in as it
        scrolls into view. Typing on meanwhile asks again, and only the latest answer is shown."""
        self._entries_timer.stop()
        self._entries_stale = False
        query = self._entries_query()
        if query is None:
            self.entries_loader.cancel()
            self.entries_model.load(None, 0)
            self.entries_count.setText("")
            self.entries_total.setText("")
            return
        self.pages_loader.cancel()
        self.entries_model.pause()  # the rows shown stay until the answer comes, but page no further
        self.entries_loader.request(hour_list.start, query, self.entries_model.page_size,
                                    on_result=lambda start: self._show_entries(query, start),
                                    on_error=self._entries_refused)

    def _show_entries(self, query: HourListQuery, start: HourListStart) -> None:
        runner = self.runner

        def fetch(sort: str | None, descending: bool, after: HourLine | None, limit: int) -> list[HourLine]:
            ordered = HourListQuery(query.year, query.search, sort or "id", descending)
            return runner.read(hour_list.page, ordered, after.key if after is not None else None, limit)

        self.entries.scrollToTop()
        self.entries_model.load(fetch, None if start.more else start.matching, first=start.lines)
        where = " in alle schooljaren" if query.year is None else ""
        if query.search:
            matching = (f"meer dan {count_text(COUNT_LIMIT, '', '').strip()}" if start.more
                        else count_text(start.matching, '', '').strip())
            self.entries_count.setText(f"zoekterm ‘{query.search}’: {matching} van {count_text(start.total)}{where}")
        else:
            self.entries_count.setText(count_text(start.total) + where)
        self.entries_total.setText(f"· samen <b>{fmt.hours(start.minutes)} uur</b>")

    def _entries_refused(self, error: BaseException) -> None:
        if not isinstance(error, Refusal):
            raise error
        self.entries_model.load(None, 0)
        self.entries_count.setText("")
        self.entries_total.setText("")
        messages.error(self, "Zoeken kan niet", error.message)

    def _entries_busy(self, busy: bool) -> None:
        """While a read takes long: "Bezig met zoeken…" with Annuleren instead of the count, and the rows of
        before greyed (they are not the answer to what is typed now)."""
        self.entries_progress_text.setText("Bezig met zoeken…")
        self.entries_progress.setVisible(busy)
        self.entries_count.setVisible(not busy)
        self.entries_total.setVisible(not busy)
        self.entries.setEnabled(not busy)

    def _pages_busy(self, busy: bool) -> None:
        """A further page that takes long: "Bezig met laden…" beside the count; the rows shown stay usable."""
        if self.entries_loader.waiting:
            return  # a new search is on its way; its own progress is shown
        self.entries_progress_text.setText("Bezig met laden…")
        self.entries_progress.setVisible(busy)
        self.entries_total.setVisible(not busy)  # the bar keeps its width: the window never widens for it

    def cancel_entries(self) -> None:
        """Annuleren while searching: the list is emptied; Enter in the search field searches again. While
        a further page is read: that page is dropped; scrolling on asks for it again."""
        if not self.entries_loader.waiting:
            self.pages_loader.cancel()
            self.entries_model.cancel_fetch()
            return
        self._entries_timer.stop()  # a search typed just before is cancelled too
        self.entries_loader.cancel()
        self.entries_model.load(None, 0)
        self.entries_count.setText("Zoeken geannuleerd; Enter zoekt opnieuw.")
        self.entries_total.setText("")

    def make_sheet(self) -> QDialog | None:
        """'Urenlijst maken…': ask the provider, the month and where, then write the sheet to fill in."""
        from .hour_sheet_make import make_template

        return make_template(self.runner, self, self.year) if self.year else None

    def import_sheet(self) -> QDialog | None:
        """'Urenlijst inlezen…': ask for a filled-in sheet and show its preview."""
        from .hour_sheet_dialog import open_preview

        return open_preview(self.runner, self)

    def refresh(self) -> None:
        self._entries_stale = True
        if self.tabs.currentIndex() == 1:
            self.load_entries()
        writable = not self.runner.read_only and bool(self.year)
        if not self.year:
            self.model.set_columns([])
            self.history_model.set_rows([])
            self._summary = []
            self.subtitle.setText("")
            for button in (self.register_button, self.close_button, self.reopen_button, self.template_button,
                           self.import_button):
                button.setEnabled(False)
            return
        self.template_button.setEnabled(True)
        self.import_button.setEnabled(writable)
        today = self.runner.today()
        self.states = self.runner.read(months_service.states, self.year, today)
        grid, total, _ = grid_rows(self.runner.read(reporting.budget_rows, self.year, today))
        columns = grid_columns(self.states)
        self.model.set_columns(columns, grid, total)
        fit_columns(self.table, columns)  # a month as wide as its widest cell ("28 / 28 vol") or title
        history = self.runner.read(months_service.history, self.year)
        self.history_model.set_rows(list(reversed(history)))
        closed = [s.month for s in self.states if s.closed]
        full = sum(1 for g in grid for c in g.cells.values() if c.state == "vol")
        over = sum(1 for g in grid for c in g.cells.values() if c.state == "over")
        parts = [f"Schooljaar {self.year}", f"{len(grid)} combinaties bestuur × dienstverlener",
                 f"{full} cellen vol, {over} over"]
        parts.append(_closed_text(closed, self.states))
        self._summary = parts
        self._show_summary()
        self.register_button.setEnabled(writable)
        closable = any(s.started and not s.closed for s in self.states)
        self.close_button.setEnabled(writable and closable)
        self.close_button.setToolTip(
            "Een maand afsluiten: daarna geen nieuwe of gewijzigde uren meer in die maand" if writable and closable
            else "Alleen-lezen geopend: afsluiten kan niet" if self.runner.read_only
            else "Er is geen maand om af te sluiten: elke begonnen maand van dit schooljaar is al afgesloten")
        self.reopen_button.setEnabled(writable and bool(closed))

    def _search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._show_summary()

    def _show_summary(self) -> None:
        """What the grid shows, and what it is filtered on."""
        parts = list(self._summary)
        if parts and self.search.text().strip():
            shown = self.proxy.rowCount() - (1 if self.model.total_row is not None else 0)
            parts[1] = f"zoekterm ‘{self.search.text().strip()}’: {shown} van {len(self.model.rows)} combinaties"
        self.subtitle.setText(" · ".join(parts))

    # ------------------------------------------------------------------ acting
    def _open(self, dialog: FormDialog, done: str) -> FormDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.notice.setText(f"{dialog.saved.label.capitalize()} is {done}."))
        dialog.open()
        return dialog

    def register_hours(self) -> FormDialog | None:
        """Ctrl+U and 'Uren registreren…': register realised hours (from a selected grid cell: for that board,
        provider and month)."""
        return self.register_hours_for(cell=self._selected_cell())

    def register_hours_for(self, number: str | None = None, cell: tuple[str, str, Month] | None = None
                           ) -> FormDialog | None:
        """Register realised hours on an agreement, or for a cell's board, provider and month."""
        if not self.year or self.runner.read_only:
            return None
        dialog = open_hours_dialog(self.runner, self.year, self, number, cell)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.notice.setText(
            f"Opgeslagen: {fmt.hours(dialog.saved.minutes)} uur op {dialog.saved.agreement} in "
            f"{dialog.saved.month.label}."))
        return dialog

    def _cell_activated(self, index: QModelIndex) -> None:
        """Double-click or Enter on a cell: register hours for that board, provider and month."""
        cell = self._cell_at(index)
        if cell is not None:
            self.register_hours_for(cell=cell)

    def _cell_at(self, index: QModelIndex) -> tuple[str, str, Month] | None:
        """The board, provider and month of a grid cell (None outside the month columns)."""
        if not index.isValid():
            return None
        row = index.siblingAtColumn(0).data(ROW_ROLE)
        month_column = index.column() - 2
        if isinstance(row, GridRow) and 0 <= month_column < len(self.states):
            return row.board, row.provider, self.states[month_column].month
        return None

    def _selected_cell(self) -> tuple[str, str, Month] | None:
        """The grid's current cell, when the grid has the focus or a cell is selected there."""
        if not self.table.selectionModel().hasSelection():
            return None
        return self._cell_at(self.table.currentIndex())

    def close_month(self) -> FormDialog | None:
        if not self.year:
            return None
        dialog = CloseMonthDialog(self.runner, self.year, self.states, self)
        return self._open(dialog, "afgesloten")

    def reopen_month(self) -> FormDialog | None:
        if not self.year:
            return None
        dialog = ReopenMonthDialog(self.runner, self.year, self.states, self)
        return self._open(dialog, "heropend")


def _names(names: list[str]) -> str:
    """'Kameleon', 'Kameleon en Driespan', 'Kameleon, Mytyschool en Driespan'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def _closed_text(closed: list[Month], states: list[MonthState]) -> str:
    """'afgesloten t/m mei 2017' when the closed months run on from the start of the year, else each named."""
    if not closed:
        return "geen maand afgesloten"
    months = [s.month for s in states]
    if closed == months[:len(closed)]:
        return f"afgesloten t/m {closed[-1].label}"
    return "afgesloten: " + ", ".join(m.label for m in closed)
