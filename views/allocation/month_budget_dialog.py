"""Afwijkende afspraak: one month's budget of a board at a provider set by hand, with a note."""
from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget

from models.domain import dutch
from models.domain.errors import Refusal
from models.domain.months import Month
from models.domain.units import parse_hours
from models.services import budgets
from models.services.budget_grid import BudgetGrid, PairMonths

from ..forms import FormDialog, choice_picker, hours_field, month_picker, run_parse
from ..ports import Dialogs, Runner
from .operations import reset_month_budget, set_month_budget


class MonthBudgetDialog(FormDialog):
    def __init__(self, runner: Runner, grid: BudgetGrid, board: str, provider: str, month: Month,
                 parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__("Maandbudget aanpassen", parent, dialogs=dialogs)
        self.runner = runner
        self.grid = grid
        boards = list(dict.fromkeys(p.board for p in grid.pairs))
        providers = list(dict.fromkeys(p.provider for p in grid.pairs))
        self.board = choice_picker([(b, b) for b in boards], board)
        self.provider = choice_picker([(p, p) for p in providers], provider)
        self.month = month_picker(list(grid.months), month)
        self.hours = hours_field()
        self.note = QLineEdit()
        self.note.setPlaceholderText("Wat is er afgesproken, met wie en wanneer")
        self.add_row("board", "&Bestuur", self.board)
        self.add_row("provider", "&Dienstverlener", self.provider)
        self.add_row("month", "&Maand", self.month)
        self.current = self.add_note()
        self.add_row("hours", "Maand&budget (uren)", self.hours)
        self.add_row("note", "&Notitie", self.note)
        self.reset_button = self.buttons.addButton("&Gelijke verdeling herstellen",
                                                   QDialogButtonBox.ButtonRole.ResetRole)
        self.reset_button.setToolTip("Deze maand weer het gelijk verdeelde budget geven; de notitie vervalt")
        self.reset_button.clicked.connect(self._reset)
        for box in (self.board, self.provider, self.month):
            box.currentIndexChanged.connect(self._show_current)
        self._show_current()
        self.setMinimumWidth(600)
        self.hours.setFocus()

    def _pair(self) -> PairMonths | None:
        return self.grid.pair(self.board.currentData(), self.provider.currentData())

    def _show_current(self) -> None:
        """What the month holds now, the even spread, and whether the month is closed."""
        pair = self._pair()
        month = self.month.currentData()
        if pair is None or month is None:
            return
        i = list(self.grid.months).index(month)
        text = (f"Nu {dutch.hours(pair.budgets[i])} uur; gelijk verdeeld {dutch.hours(pair.spread[i])} uur; "
                f"jaaruren {dutch.hours(pair.yearly_minutes)}.")
        if pair.notes[i]:
            text += f" Afwijkende afspraak: {pair.notes[i]}"
        if month in self.grid.closed:
            text += f" {month.label.capitalize()} is afgesloten."
        self.current.setText(text)
        self.hours.setText(dutch.hours(pair.budgets[i]))
        self.note.setText(pair.notes[i])
        self.reset_button.setEnabled(bool(pair.notes[i]))

    def submit(self) -> None:
        minutes = run_parse(lambda: parse_hours(self.hours.text(), what="Maandbudget", allow_zero=True), "hours")
        set_month_budget(runner=self.runner, cmd=budgets.MonthBudgetInput(
            self.grid.year, self.board.currentData(), self.provider.currentData(), self.month.currentData(),
            minutes, self.note.text()))

    def _reset(self) -> None:
        month = self.month.currentData()
        board, provider = self.board.currentData(), self.provider.currentData()
        if not self.dialogs.ask(self, "Gelijke verdeling herstellen",
                                f"Het maandbudget van {board} bij {provider} in {month.label} wordt weer gelijk "
                                "verdeeld; de afwijkende afspraak en de notitie vervallen.", yes="Herstellen"):
            return
        self.clear_errors()
        try:
            reset_month_budget(runner=self.runner, year=self.grid.year, board=board, provider=provider, month=month)
        except Refusal as refusal:
            self.show_refusal(refusal)
            return
        self.accept()
