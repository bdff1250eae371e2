"""Closing and reopening a month: the two dialogs, and the history of both."""
from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from models.domain import dutch
from models.domain.errors import InvalidInput
from models.domain.months import Month
from models.services import hour_sheets
from models.services import months as months_service
from models.services.months import ClosingFigures, MonthEventRow, MonthState

from ..forms import FormDialog, month_picker
from ..loading import PageLoader
from ..ports import Dialogs, Runner
from ..tables import Column
from .operations import close_month, reopen_month, running_month_question


EMPTY_LINE = "\u00a0"  # a note's one line before its figures are read

HISTORY_COLUMNS: list[Column[MonthEventRow]] = [
    Column("Maand", lambda e: e.month, "month", width=120),
    Column("Actie", lambda e: e.action, width=90),
    Column("Reden", lambda e: e.reason, width=260, size="stretch"),
    Column("Door", lambda e: e.user, width=90),
    Column("Wanneer", lambda e: e.at, width=120, text=lambda e: f"{dutch.date(e.at)} {e.at:%H:%M}"),
]


class CloseMonthDialog(FormDialog):
    def __init__(self, runner: Runner, year: str, states: list[MonthState], parent: QWidget | None = None, *,
                 dialogs: Dialogs | None = None) -> None:
        super().__init__("Maand afsluiten", parent, ok_text="Afsluiten", dialogs=dialogs)
        self.notice = ""  # what to tell the user once saved
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
        # The month's figures are read off the UI thread (a large year's budget rows take a while); the dialog
        # answers meanwhile, and 'Afsluiten' does not depend on them.
        self.loader = PageLoader(self, runner, cover=self.figures)
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
        return running_month_question(month).asked(self, self.dialogs)

    def _show_figures(self) -> None:
        """What the month holds now, so that nobody closes a month whose hours are not yet in."""
        month = self.month.currentData()
        if month is None:
            self.loader.cancel()
            self.figures.setText(f"Alle voorbije maanden zijn afgesloten; {self.month.itemText(0)} loopt nog."
                                 if self.month.count() else "")
            return
        if not self.figures.text():
            self.figures.setText(EMPTY_LINE)  # room for "Bezig met laden…" over it while the read takes a while
        self.loader.load_all((months_service.closing_figures, self.year, month, self.runner.today()),
                             (hour_sheets.sheets_read_in, self.year, month), then=self._figures_read)

    def _figures_read(self, answers: tuple[ClosingFigures | None, list[str]]) -> None:
        figures, sheets = answers
        if figures is None:
            self.figures.setText("")
            return
        waiting = (f" Nog geen uren geboekt van {_names(list(figures.silent))}: is hun opgave binnen?"
                   if figures.silent else " Van elke dienstverlener zijn uren geboekt.")
        read_in = f" Urenlijst ingelezen van {_names(sheets)}." if sheets else " Nog geen urenlijst ingelezen."
        self.figures.setText(f"In {figures.month.label} is {dutch.hours(figures.used)} van "
                             f"{dutch.hours(figures.limit)} uur gebruikt; bij afsluiten vervalt "
                             f"{dutch.hours(figures.lapses)} uur.{waiting}{read_in}")
        self.fit_height()

    def submit(self) -> None:
        month = self.month.currentData()
        if month is None:
            raise InvalidInput("Kies de maand die u wilt afsluiten." if self.month.count() else
                               "Er is geen open maand die al begonnen is.", field="month")
        self.notice = close_month(runner=self.runner, year=self.year, month=month)


class ReopenMonthDialog(FormDialog):
    def __init__(self, runner: Runner, year: str, states: list[MonthState], parent: QWidget | None = None, *,
                 dialogs: Dialogs | None = None) -> None:
        super().__init__("Maand heropenen", parent, ok_text="Heropenen", dialogs=dialogs)
        self.notice = ""  # what to tell the user once saved
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
        self.notice = reopen_month(runner=self.runner, year=self.year, month=month, reason=self.reason.text())


def _names(names: list[str]) -> str:
    """'Kameleon', 'Kameleon en Driespan', 'Kameleon, Mytyschool en Driespan'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def closed_text(closed: list[Month], states: list[MonthState]) -> str:
    """'afgesloten t/m mei 2017' when the closed months run on from the start of the year, else each named."""
    if not closed:
        return "geen maand afgesloten"
    months = [s.month for s in states]
    if closed == months[:len(closed)]:
        return f"afgesloten t/m {closed[-1].label}"
    return "afgesloten: " + ", ".join(m.label for m in closed)
