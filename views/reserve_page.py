"""Reserve: what is left of each provider's reserve, the grants of the year, and granting reserve hours to a
board for a month or a range of months."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from models.domain.errors import Refusal
from models.domain.months import Month
from models.domain.units import parse_hours
from models.services import lookup
from models.services import months as months_service
from models.services import reserve as service
from models.services.lookup import YearChoices
from models.services.reserve import GrantInput, GrantRow, ReserveLine

from . import format as fmt
from .forms import FormDialog, choice_picker, hours_field, hours_of, month_range_picker
from .messages import messages
from .page import Page, SearchField, page_header
from .ports import Changes, Runner
from .table import BAD, WARN, Column, RowsModel, make_table, on_delete, selected_row

NEARLY_USED = 90  # percent of the reserve granted: "bijna op"


def reserve_state(line: ReserveLine) -> str:
    """In words as well as colour."""
    if line.reserve == 0:
        return "geen reserve"
    if line.granted >= line.reserve:
        return "op"
    if line.granted * 100 >= NEARLY_USED * line.reserve:
        return "bijna op"
    return ""


def _state_colour(line: ReserveLine) -> QColor | None:
    return {"op": BAD, "bijna op": WARN}.get(reserve_state(line))


LINE_COLUMNS: list[Column[ReserveLine]] = [
    Column("Dienstverlener", lambda r: r.provider, width=160),
    Column("Reserve", lambda r: r.reserve, "hours", "De reserve in het contract van dit schooljaar", width=90),
    Column("Toegekend", lambda r: r.granted, "hours", "Som van de reservetoekenningen", width=90),
    Column("Over", lambda r: r.left, "hours", "Nog toe te kennen", width=90, background=_state_colour),
    Column("Status", reserve_state, width=110, background=_state_colour),
]

GRANT_COLUMNS: list[Column[GrantRow]] = [
    Column("Maand", lambda g: g.month, "month", width=120),
    Column("Bestuur", lambda g: g.board, width=150),
    Column("Dienstverlener", lambda g: g.provider, width=110),
    Column("Uren", lambda g: g.minutes, "hours", width=70),
    Column("Toegekend op", lambda g: g.granted_on, "date", width=110),
    Column("Reden", lambda g: g.reason, width=380, cell_tooltip=lambda g: g.reason),
]


@dataclass(frozen=True)
class _GrantTotal:
    minutes: int
    count: int
    board: str = "Totaal"
    provider: str = ""
    month: Month | None = None
    granted_on: None = None

    @property
    def reason(self) -> str:
        return f"{self.count} toekenning{'en' if self.count != 1 else ''}"


class GrantDialog(FormDialog):
    """A reservetoekenning: board, provider, a month or a range of months (one grant per month), hours, reason."""

    def __init__(self, runner: Runner, choices: YearChoices, lines: list[ReserveLine], open_months: list[Month],
                 parent: QWidget | None = None) -> None:
        super().__init__("Reserve toekennen", parent, ok_text="Toekennen")
        self.setObjectName("grantDialog")
        self.runner = runner
        self.choices = choices
        self.lines = {line.provider: line for line in lines}
        months = list(choices.months)
        current = Month.of(runner.today())
        default = current if current in open_months else (open_months[0] if open_months else months[0])
        self.board = self.add_row("board", "&Bestuur", choice_picker([(b, b) for b in choices.boards]))
        self.provider = self.add_row("provider", "&Dienstverlener",
                                     choice_picker([(p, p) for p in choices.providers]))
        self.provider_note = self.add_note()
        period, self.first_month, self.last_month = month_range_picker(months, default, default)
        self.add_row("month", "&Maand", period)
        self.hours = self.add_row("hours", "&Uren per maand", hours_field())
        self.total_note = self.add_note()
        self.reason = self.add_row("reason", "&Reden", QLineEdit())
        self.reason.setPlaceholderText("Waarom het bestuur extra uren nodig heeft")
        self.provider.currentIndexChanged.connect(self._update_notes)
        self.first_month.currentIndexChanged.connect(self._first_chosen)
        self.last_month.currentIndexChanged.connect(self._update_notes)
        self.hours.textChanged.connect(self._update_notes)
        self._update_notes()

    def months(self) -> list[Month]:
        first, last = self.first_month.currentData(), self.last_month.currentData()
        return [] if first is None or last is None or last < first else \
            [first.plus(i) for i in range(last.index - first.index + 1)]

    def _first_chosen(self) -> None:
        if self.last_month.currentData() < self.first_month.currentData():
            self.last_month.setCurrentIndex(self.first_month.currentIndex())
        self._update_notes()

    def _update_notes(self) -> None:
        line = self.lines.get(self.provider.currentData())
        if line is not None:
            self.provider_note.setText(f"Reserve {line.provider}: {fmt.hours(line.reserve)} uur, al toegekend "
                                       f"{fmt.hours(line.granted)}, nog {fmt.hours(line.left)} over.")
        count = len(self.months())
        try:
            minutes = parse_hours(self.hours.text()) if self.hours.text() else 0
        except Refusal:  # the refusal follows on Toekennen; the note only informs
            minutes = 0
        if count > 1:
            total = f" = {fmt.hours(minutes * count)} uur" if minutes else ""
            self.total_note.setText(f"{count} maanden: één toekenning per maand{total}.")
        else:
            self.total_note.setText("Kies bij ‘t/m’ een latere maand om meerdere maanden tegelijk toe te kennen.")
        self.fit_height()

    def submit(self) -> None:
        minutes = hours_of(self.hours, "Uren per maand")
        cmd = GrantInput(self.choices.year, self.board.currentData(), self.provider.currentData(),
                         self.first_month.currentData(), minutes, self.reason.text())
        ids = self.runner.write(service.grant_range, cmd, self.last_month.currentData(), self.runner.today(),
                                changes=Changes(reserve=True))
        self.saved = (cmd, len(ids))


class ReservePage(Page):
    title = "Reserve"
    depends_on = ("reserve", "setup", "months", "years")

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.dialog: FormDialog | None = None
        self._summary: list[str] = []  # the subtitle's parts before any search
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)  # a long summary wraps instead of widening the window
        self.grant_button = QPushButton("Reserve toekennen…")
        self.grant_button.setToolTip("Reserve-uren van een dienstverlener toekennen aan een bestuur")
        self.grant_button.setDefault(True)
        self.grant_button.clicked.connect(self.grant)
        self.lines_model: RowsModel[ReserveLine] = RowsModel(LINE_COLUMNS)
        self.lines_table, _ = make_table(self.lines_model, object_name="reserveLines")
        self.search = SearchField("Zoek bestuur, dienstverlener, maand of reden… (Ctrl+F)")
        self.grants_model: RowsModel[GrantRow] = RowsModel(GRANT_COLUMNS)
        self.grants_table, self.grants_proxy = make_table(self.grants_model, object_name="reserveGrants")
        self.search.textChanged.connect(self._search)
        self.revoke_button = QPushButton("Toekenning intrekken…")
        self.revoke_button.setToolTip("De geselecteerde toekenning intrekken (Delete); niet in een afgesloten maand "
                                      "en niet als de uren al gebruikt zijn")
        self.revoke_button.clicked.connect(self.revoke_selected)
        on_delete(self.grants_table, self.revoke_selected)
        self.grants_table.selectionModel().currentRowChanged.connect(lambda *_: self._enable_revoke())
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        grants_title = QLabel("Reservetoekenningen")
        grants_title.setObjectName("sectionTitle")
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(grants_title)
        tools.addSpacing(12)
        tools.addWidget(self.search)
        tools.addStretch(1)
        tools.addWidget(self.notice)
        tools.addWidget(self.revoke_button)
        hint = QLabel("Een toekenning geldt voor één bestuur, één dienstverlener en één maand; niet voor een "
                      "afgesloten maand. Samen nooit meer dan de reserve van de dienstverlener.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Reserve", self.subtitle, self.grant_button))
        layout.addWidget(self.lines_table)
        layout.addLayout(tools)
        layout.addWidget(self.grants_table, 1)
        layout.addWidget(hint)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        if not self.year:
            self.lines_model.set_rows([])
            self.grants_model.set_rows([])
            self.subtitle.setText("")
            self.grant_button.setEnabled(False)
            return
        lines = self.runner.read(service.reserve_lines, self.year)
        total = ReserveLine("Totaal", sum(l.reserve for l in lines), sum(l.granted for l in lines)) if lines else None
        self.lines_model.set_rows(lines, total)
        rows = 1 + len(lines) + (1 if total else 0)
        self.lines_table.setFixedHeight(self.lines_table.horizontalHeader().height() + 2 + 24 * (rows - 1) + 4)
        grants = self.runner.read(service.grants, self.year)
        self.grants_model.set_rows(grants, _GrantTotal(sum(g.minutes for g in grants), len(grants))
                                   if grants else None)
        self.grant_button.setEnabled(not self.runner.read_only)
        self._enable_revoke()
        self._summary = [f"Schooljaar {self.year}"]
        if total is not None:
            self._summary += [f"reserve {fmt.hours(total.reserve)} uur, toegekend {fmt.hours(total.granted)}, "
                              f"nog {fmt.hours(total.left)} over",
                              f"{len(grants)} toekenning{'en' if len(grants) != 1 else ''}"]
        self._show_summary()

    def _enable_revoke(self) -> None:
        self.revoke_button.setEnabled(not self.runner.read_only
                                      and isinstance(selected_row(self.grants_table), GrantRow))

    def revoke_selected(self) -> bool:
        """Delete asks first and says what is lost; hours in use or a closed month refuse, with the reason."""
        grant = selected_row(self.grants_table)
        if not isinstance(grant, GrantRow) or self.runner.read_only:
            return False
        question = (f"De toekenning van {fmt.hours(grant.minutes)} uur reserve aan {grant.board} bij "
                    f"{grant.provider} in {grant.month.label} (‘{grant.reason}’) intrekken?\n\nDe uren gaan terug "
                    "naar de reserve van de dienstverlener. Het logboek bewaart wat er stond.")
        if not messages.ask(self, "Toekenning intrekken", question, yes="Intrekken", no="Annuleren"):
            return False
        try:
            self.runner.write(service.revoke, grant.id, self.runner.today(), changes=Changes(reserve=True))
        except Refusal as refusal:
            messages.error(self, "Intrekken kan niet", refusal.message)
            return False
        self.notice.setText(f"Ingetrokken: {fmt.hours(grant.minutes)} uur aan {grant.board} bij {grant.provider}, "
                            f"{grant.month.label}.")
        return True

    def _search(self, text: str) -> None:
        self.grants_proxy.setFilterFixedString(text)
        self._show_summary()

    def _show_summary(self) -> None:
        """What the page shows, and what the list of grants is filtered on."""
        parts = list(self._summary)
        if len(parts) == 3 and self.search.text().strip():
            shown = self.grants_proxy.rowCount() - (1 if self.grants_model.total_row is not None else 0)
            parts[2] = (f"zoekterm ‘{self.search.text().strip()}’: {shown} van {len(self.grants_model.rows)} "
                        "toekenningen")
        self.subtitle.setText(" · ".join(parts))

    def grant(self) -> FormDialog | None:
        if not self.year or self.runner.read_only:
            return None
        today = self.runner.today()
        choices = self.runner.read(lookup.choices, self.year)
        lines = self.runner.read(service.reserve_lines, self.year)
        open_months = [s.month for s in self.runner.read(months_service.states, self.year, today) if not s.closed]
        dialog = GrantDialog(self.runner, choices, lines, open_months, self)
        self.dialog = dialog

        def done() -> None:
            cmd, count = dialog.saved
            months = cmd.month.label if count == 1 else f"{count} maanden vanaf {cmd.month.label}"
            self.notice.setText(f"Toegekend: {fmt.hours(cmd.minutes)} uur per maand aan {cmd.board} bij "
                                f"{cmd.provider}, {months}.")

        dialog.accepted.connect(done)
        dialog.open()
        return dialog
