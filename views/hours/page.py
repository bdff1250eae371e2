"""Uren: the month grid per board x provider (used against budget + reserve), every entry of the year, and
closing and reopening months with their history; registering hours and the providers' hour sheets start here."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget

from models.domain.months import Month
from models.services import months as months_service
from models.services import reporting
from models.services.months import MonthEventRow, MonthState

from ..booking.dialog import open_hours_dialog
from ..forms import FormDialog
from ..loading import PageLoader
from ..page import page_header
from ..ports import Dialogs, Runner
from ..tables import ROW_ROLE, RowsModel, fit_columns, make_table
from .entries import EntriesPage
from .grid import GridRow, HoursGrid, grid_columns, hours_grid
from .months import HISTORY_COLUMNS, CloseMonthDialog, ReopenMonthDialog, closed_text


class HoursPage(EntriesPage):
    title = "Uren"
    depends_on = ("hours", "months", "reserve", "budgets", "setup", "agreements", "years", "masterdata")

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(runner, parent, dialogs=dialogs)
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
        self.table, self.proxy = make_table(self.model, object_name="hoursGrid", searched=True)
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
        self.build_entries(runner)
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
        entries_tab = self.entries_tab()
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
        self.loader = PageLoader(self, runner, cover=self.table)

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

    def make_sheet(self) -> QDialog | None:
        """'Urenlijst maken…': ask the provider, the month and where, then write the sheet to fill in."""
        from .sheet_make import make_template

        return make_template(self.runner, self, self.year, dialogs=self.dialogs) if self.year else None

    def import_sheet(self) -> QDialog | None:
        """'Urenlijst inlezen…': ask for a filled-in sheet and show its preview."""
        from .sheet_preview import open_preview

        return open_preview(self.runner, self, dialogs=self.dialogs)

    def refresh(self) -> None:
        self._entries_stale = True
        if self.tabs.currentIndex() == 1:
            self.load_entries()
        writable = not self.runner.read_only and bool(self.year)
        if not self.year:
            self.loader.cancel()
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
        self.register_button.setEnabled(writable)  # also while the grid is read
        today = self.runner.today()
        self.loader.load_all((months_service.states, self.year, today), (reporting.budget_rows, self.year, today),
                             (months_service.history, self.year), prepare=hours_grid, then=self._show_grid)

    def _show_grid(self, shown: HoursGrid) -> None:
        """The month grid, its summary and the history of closing and reopening, once read (and made into rows
        and texts in the reading worker)."""
        writable = not self.runner.read_only
        self.states = shown.states
        columns = grid_columns(self.states)
        self.model.set_columns(columns, shown.rows, shown.total)
        fit_columns(self.table, columns)  # a month as wide as its widest cell ("28 / 28 vol") or title
        self.history_model.set_rows(shown.history)
        closed = [s.month for s in self.states if s.closed]
        parts = [f"Schooljaar {self.year}", f"{len(shown.rows)} combinaties bestuur × dienstverlener",
                 f"{shown.full} cellen vol, {shown.over} over"]
        parts.append(closed_text(closed, self.states))
        self._summary = parts
        self._show_summary()
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
    def _open(self, dialog: CloseMonthDialog | ReopenMonthDialog) -> FormDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.notice.setText(dialog.notice))
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
        dialog.accepted.connect(lambda: self.notice.setText(dialog.notice))
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

    def _current_states(self) -> list[MonthState]:
        """The year's months as shown, unless they are being read again (then read now, for a dialog)."""
        assert self.year is not None
        if self.loader.waiting:
            return self.runner.read(months_service.states, self.year, self.runner.today())
        return self.states

    def close_month(self) -> FormDialog | None:
        if not self.year:
            return None
        return self._open(CloseMonthDialog(self.runner, self.year, self._current_states(), self,
                                           dialogs=self.dialogs))

    def reopen_month(self) -> FormDialog | None:
        if not self.year:
            return None
        return self._open(ReopenMonthDialog(self.runner, self.year, self._current_states(), self,
                                            dialogs=self.dialogs))
