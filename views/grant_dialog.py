"""Reserve toekennen: a grant of reserve hours to a board for a month or a range of months (one grant per
month). Opened from the Reserve page, and from a refusal for lack of budget with its figures filled in."""
from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from models.domain import dutch
from models.domain.errors import Refusal
from models.domain.months import Month
from models.domain.units import parse_hours
from models.services import lookup
from models.services import months as months_service
from models.services import reserve as service
from models.services.lookup import YearChoices
from models.services.reserve import GrantInput, ReserveLine

from .forms import FormDialog, choice_picker, hours_field, hours_of, month_range_picker, select_data
from .ports import Runner


def grant_reserve(*, runner: Runner, cmd: GrantInput, last: Month) -> tuple[int, str]:
    """Grant reserve hours, one grant per month from `cmd.month` through `last`: how many grants and what to tell
    the user. A refusal (more than the reserve left, a closed month) rises, to show beside its field."""
    count = len(runner.write(service.grant_range, cmd, last, runner.today()))
    months = cmd.month.label if count == 1 else f"{count} maanden vanaf {cmd.month.label}"
    return count, f"Toegekend: {dutch.hours(cmd.minutes)} uur per maand aan {cmd.board} bij {cmd.provider}, {months}."


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
            self.provider_note.setText(f"Reserve {line.provider}: {dutch.hours(line.reserve)} uur, al toegekend "
                                       f"{dutch.hours(line.granted)}, nog {dutch.hours(line.left)} over.")
        count = len(self.months())
        try:
            minutes = parse_hours(self.hours.text()) if self.hours.text() else 0
        except Refusal:  # the refusal follows on Toekennen; the note only informs
            minutes = 0
        if count > 1:
            total = f" = {dutch.hours(minutes * count)} uur" if minutes else ""
            self.total_note.setText(f"{count} maanden: één toekenning per maand{total}.")
        else:
            self.total_note.setText("Kies bij ‘t/m’ een latere maand om meerdere maanden tegelijk toe te kennen.")
        self.fit_height()

    def submit(self) -> None:
        minutes = hours_of(self.hours, "Uren per maand")
        cmd = GrantInput(self.choices.year, self.board.currentData(), self.provider.currentData(),
                         self.first_month.currentData(), minutes, self.reason.text())
        count, self.notice = grant_reserve(runner=self.runner, cmd=cmd, last=self.last_month.currentData())
        self.saved = (cmd, count)


def open_grant_dialog(runner: Runner, year: str, parent: QWidget, *, board: str | None = None,
                      provider: str | None = None, month: Month | None = None,
                      minutes: int | None = None) -> GrantDialog:
    """Build the grant dialog for the year and open it (window-modal); what is known is filled in."""
    today = runner.today()
    choices = runner.read(lookup.choices, year)
    lines = runner.read(service.reserve_lines, year)
    open_months = [s.month for s in runner.read(months_service.states, year, today) if not s.closed]
    dialog = GrantDialog(runner, choices, lines, open_months, parent)
    if board is not None:
        select_data(dialog.board, board)
    if provider is not None:
        select_data(dialog.provider, provider)
    if month is not None:
        select_data(dialog.first_month, month)
        select_data(dialog.last_month, month)
    if minutes:
        dialog.hours.setText(dutch.hours(minutes))
    (dialog.reason if minutes else dialog.board).setFocus()
    dialog.open()
    return dialog
