"""Verdeling: the set-up of a school year — contracts, keys beside the suggestion, yearly and monthly hours,
the rounding warning — and the month budgets per board x provider with the afwijkende afspraken."""
from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
    QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from models.domain import dutch
from models.services import lookup, reporting
from models.services.budget_grid import BudgetGrid, PairMonths, budget_grid
from models.services.reporting import Allocation, BoardLine, ProviderLine

from ..export_actions import SETUP_TEMPLATE_TIP, exports_for
from ..loading import PageLoader
from ..page import Page, page_header
from ..ports import Dialogs, Runner
from ..tables import ROW_ROLE, RowsModel, fit_columns, make_table, whole_width
from .budget_columns import (
    ADJUSTMENT_COLUMNS, Adjustment, adjustments, fit_height, month_columns, tight_columns, widen_to_contents,
)
from .setup_columns import BOARD_COLUMNS, PROVIDER_COLUMNS, BoardYear, board_years, year_columns

if TYPE_CHECKING:  # the dialogs and the writes are imported when first used: the page shows sooner
    from .month_budget_dialog import MonthBudgetDialog
    from .year_dialog import NewYearDialog


#: After the figures first show, the dialogs' modules are imported in a moment of their own (WARM_UP_MS later).
WARM_UP_MS = 300


def _import_dialogs() -> None:
    """The dialogs and the set-up writes imported (mapping the tables a new school year fills), so that neither
    the page's first show nor the first click on "Nieuw schooljaar…" waits for it."""
    for name in ("operations", "month_budget_dialog", "year_dialog"):
        import_module(f"{__package__}.{name}")


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    label.setStyleSheet("font-weight: 600; margin-top: 6px;")
    return label


class AllocationPage(Page):
    title = "Verdeling"
    depends_on = ("years", "setup", "budgets", "months", "masterdata")

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(runner, parent, dialogs=dialogs)
        self.allocation: Allocation | None = None
        self.grid: BudgetGrid | None = None
        self.dialog: QWidget | None = None  # the dialog open now (tests drive it)
        self._warmed_up = False  # the dialogs' modules asked for (_import_dialogs)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.import_button = QPushButton("Opzet-werkmap &inlezen…")
        self.import_button.setToolTip("Een Excel-werkmap met de werkbladen Schooljaar, Dienstverleners en Besturen")
        self.import_button.clicked.connect(self.import_setup)
        self.template_button = QPushButton("&Leeg opzetbestand opslaan…")
        self.template_button.setToolTip(SETUP_TEMPLATE_TIP)
        self.template_button.clicked.connect(self.save_setup_template)
        self.new_year_button = QPushButton("&Nieuw schooljaar…")
        self.new_year_button.setToolTip("Een schooljaar met de hand invoeren")
        self.new_year_button.clicked.connect(self.new_year)

        # From the page down: each widget is added to a box that is in its place already (a box filled first and
        # then put in its place restyles everything in it again, with the window's style sheet).
        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Verdeling", self.subtitle, self.import_button, self.template_button,
                                     self.new_year_button))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("allocationTabs")
        layout.addWidget(self.tabs, 1)
        self._year_tab()
        self._months_tab()
        for view in self.findChildren(QTableView):
            view.setTabKeyNavigation(False)  # Tab goes on to the next control; arrows move between cells
        self.setTabOrder(self.import_button, self.template_button)
        self.setTabOrder(self.template_button, self.new_year_button)
        self.setTabOrder(self.new_year_button, self.tabs)
        if runner.read_only:
            for button in (self.import_button, self.new_year_button, self.edit_budget_button):
                button.setEnabled(False)
        self.loader = PageLoader(self, runner, cover=self.tabs)

    # ------------------------------------------------------------------ building
    def _year_tab(self) -> None:
        self.rounding_warning = QLabel()
        self.rounding_warning.setObjectName("warning")
        self.rounding_warning.setWordWrap(True)
        self.rounding_warning.hide()
        self.provider_model: RowsModel[ProviderLine] = RowsModel(PROVIDER_COLUMNS)
        self.provider_table, self.provider_proxy = make_table(self.provider_model, object_name="providerTable")
        self.board_model: RowsModel[BoardLine] = RowsModel(BOARD_COLUMNS)
        self.board_table, self.board_proxy = make_table(self.board_model, object_name="boardKeyTable")
        self._top_widths = (tight_columns(self.provider_table, PROVIDER_COLUMNS) + 2,
                            tight_columns(self.board_table, BOARD_COLUMNS) + 2)
        self.provider_table.setMaximumWidth(self._top_widths[0])
        self.key_hint = QLabel()
        self.key_hint.setObjectName("hint")
        self.key_hint.setWordWrap(True)
        self.year_model: RowsModel[BoardYear] = RowsModel([])
        self.year_table, self.year_proxy = make_table(self.year_model, object_name="yearHoursTable")
        self.rounding_hint = QLabel()
        self.rounding_hint.setObjectName("hint")
        self.rounding_hint.setWordWrap(True)

        # Scrolls in a small window instead of squeezing the tables, which are exactly as high as their rows.
        tab = QScrollArea()
        tab.setObjectName("yearTab")
        tab.setWidgetResizable(True)
        tab.setFrameShape(QFrame.Shape.NoFrame)
        tab.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the tables; they scroll into view
        self.tabs.addTab(tab, "Jaarverdeling")
        content = QWidget()
        tab.setWidget(content)
        layout = QVBoxLayout(content)
        layout.addWidget(self.rounding_warning)
        # A splitter, not fixed widths: both tables side by side at 1280 pixels, scrolling when narrower.
        top = QSplitter(Qt.Orientation.Horizontal)
        top.setChildrenCollapsible(False)
        layout.addWidget(top)
        left, right = QWidget(), QWidget()
        top.addWidget(left)
        top.addWidget(right)
        top.setStretchFactor(1, 1)
        providers = QVBoxLayout(left)
        providers.setContentsMargins(0, 0, 0, 0)
        providers.addWidget(_section("Dienstverleners"))
        providers.addWidget(self.provider_table)
        providers.addWidget(self.rounding_hint)
        providers.addStretch(1)
        boards = QVBoxLayout(right)
        boards.setContentsMargins(0, 0, 0, 0)
        self.boards_title = _section("Besturen en verdeling")
        boards.addWidget(self.boards_title)
        boards.addWidget(self.board_table)
        boards.addWidget(self.key_hint)
        boards.addStretch(1)
        top.setSizes(list(self._top_widths))
        self.top_splitter = top
        layout.addWidget(_section("Jaaruren en gemiddeld per maand per bestuur en dienstverlener"))
        layout.addWidget(self.year_table)
        layout.addStretch(1)

    def _months_tab(self) -> None:
        self.budget_warning = QLabel()
        self.budget_warning.setObjectName("warning")
        self.budget_warning.setWordWrap(True)
        self.budget_warning.hide()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoek bestuur of dienstverlener…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.setMaximumWidth(280)
        self.edit_budget_button = QPushButton("Maandbudget &aanpassen…")
        self.edit_budget_button.setToolTip("Een afwijkende afspraak vastleggen voor de gekozen maand (Enter of "
                                           "dubbelklik op een maand)")
        self.edit_budget_button.clicked.connect(self.edit_month_budget)
        self.month_model: RowsModel[PairMonths] = RowsModel([])
        self.month_table, self.month_proxy = make_table(self.month_model, object_name="monthBudgetTable",
                                                             searched=True)
        self.month_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.month_table.activated.connect(lambda _index: self.edit_month_budget())
        self.search.textChanged.connect(self.month_proxy.setFilterFixedString)
        self.closed_hint = QLabel()
        self.closed_hint.setObjectName("hint")
        self.closed_hint.setWordWrap(True)
        self.adjustment_model: RowsModel[Adjustment] = RowsModel(ADJUSTMENT_COLUMNS)
        self.adjustment_table, self.adjustment_proxy = make_table(self.adjustment_model,
                                                                  object_name="adjustmentTable")
        self.adjustment_table.activated.connect(self._edit_adjustment)

        tab = QWidget()
        self.tabs.addTab(tab, "Maandbudgetten")
        layout = QVBoxLayout(tab)
        layout.addWidget(self.budget_warning)
        controls = QHBoxLayout()
        layout.addLayout(controls)
        controls.addWidget(self.search)
        controls.addStretch(1)
        controls.addWidget(self.edit_budget_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        splitter.addWidget(self.month_table)
        self.adjustments_box = lower = QWidget()
        splitter.addWidget(lower)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(_section("Afwijkende afspraken (maandbudgetten met de hand gezet)"))
        lower_layout.addWidget(self.adjustment_table)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(self.closed_hint)
        tab.setTabOrder(self.search, self.edit_budget_button)
        tab.setTabOrder(self.edit_budget_button, self.month_table)
        tab.setTabOrder(self.month_table, self.adjustment_table)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.search.setFocus()
        self.search.selectAll()

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        if not self.year:
            self.loader.cancel()
            self.allocation = self.grid = None
            self.subtitle.setText("Nog geen schooljaar: lees een opzet-werkmap in of voer een schooljaar in.")
            for model in (self.provider_model, self.board_model, self.year_model, self.month_model,
                          self.adjustment_model):
                model.set_rows([])
            self.rounding_warning.hide()
            self.budget_warning.hide()
            return
        self.loader.load_all((reporting.allocation, self.year), (budget_grid, self.year), then=self._loaded)

    def _loaded(self, answers: tuple[Allocation, BudgetGrid]) -> None:
        alloc, grid = answers
        self.allocation, self.grid = alloc, grid
        self._show_allocation(alloc)
        self._show_months(grid)
        if not self._warmed_up:
            self._warmed_up = True
            QTimer.singleShot(WARM_UP_MS, _import_dialogs)

    def _show_allocation(self, alloc: Allocation) -> None:
        months = alloc.months
        self.subtitle.setText(
            f"Schooljaar {alloc.year} · {len(alloc.providers)} dienstverleners · {len(alloc.boards)} besturen · "
            f"{len(months)} budgetmaanden, {dutch.month_abbr(months[0])} t/m {dutch.month_abbr(months[-1])}")
        providers = list(alloc.providers)
        self.provider_model.set_rows(providers, ProviderLine(
            0, "Totaal", "", sum(p.contract_hours for p in providers), sum(p.reserve_hours for p in providers),
            sum(p.available_hours for p in providers), sum(p.handed_out_hours for p in providers)))
        boards = list(alloc.boards)
        suggested = [b.suggested for b in boards]
        self.board_model.set_rows(boards, BoardLine(
            0, "Totaal", sum(b.pupil_share for b in boards), sum(b.key for b in boards), None,
            sum(s for s in suggested if s is not None) if None not in suggested else None))
        differing = [b for b in boards if b.suggested is not None and b.key != b.suggested]
        self.key_hint.setText(alloc.suggestion_problem or "")
        self.key_hint.setVisible(bool(alloc.suggestion_problem))
        if alloc.suggestion_problem:
            self.boards_title.setText("Besturen en verdeling · geen voorstel mogelijk")
        elif differing:
            self.boards_title.setText(f"Besturen en verdeling · {len(differing)} van de {len(boards)} wijken af "
                                      "van het voorstel (gemarkeerd)")
        else:
            self.boards_title.setText("Besturen en verdeling · gelijk aan het voorstel")
        for view, count in ((self.provider_table, len(providers) + 1), (self.board_table, len(boards) + 1)):
            fit_height(view, count)
        # The providers as wide as their columns whole (measured on these rows, bold totals too); the boards
        # take the rest of the row.
        self.provider_table.setMaximumWidth(whole_width(self.provider_table))
        self.top_splitter.setSizes([self.provider_table.maximumWidth(), self.top_splitter.width()])

        rows = board_years(alloc)
        warnings = {w.split(":", 1)[0]: w for w in alloc.warnings}
        total = BoardYear("Totaal", sum(r.key for r in rows),
                          tuple(p.handed_out_hours for p in alloc.providers),
                          tuple(sum(r.per_month[i] for r in rows) for i in range(len(alloc.providers))),
                          tuple(p.available_hours for p in alloc.providers),
                          tuple(warnings.get(p.name, "") for p in alloc.providers))
        columns = year_columns(alloc)
        self.year_model.set_columns(columns, rows, total)
        fit_columns(self.year_table, columns)
        widen_to_contents(self.year_table, self.year_model)
        fit_height(self.year_table, len(rows) + 1)

        if alloc.warnings:
            self.rounding_warning.setText("<b>Let op, de jaaruren sluiten niet.</b> " + " ".join(alloc.warnings))
            self.rounding_warning.setToolTip("Kies bij een nieuw schooljaar de afronding 'grootste rest' als elke "
                                             "kolom precies moet optellen tot de beschikbare uren.")
            self.rounding_warning.show()
        else:
            self.rounding_warning.hide()
        self.rounding_hint.setText(
            f"<b>Afronding: {alloc.rounding.label}.</b> Jaaruren = beschikbaar × verdeling. Gemiddeld per maand = "
            f"jaaruren ÷ {len(months)}, half naar boven.")
        self.rounding_hint.setToolTip(
            "In de totaalregel van de jaaruren staat bijvoorbeeld '737 van 736' als er meer (of minder) uren zijn "
            "verdeeld dan beschikbaar; het totaal per maand is de som van de kolom.")

    def _show_months(self, grid: BudgetGrid) -> None:
        pairs = list(grid.pairs)
        total = PairMonths("Totaal", "", sum(p.yearly_minutes for p in pairs),
                           tuple(sum(p.budgets[i] for p in pairs) for i in range(len(grid.months))),
                           tuple(sum(p.spread[i] for p in pairs) for i in range(len(grid.months))),
                           tuple("" for _ in grid.months))
        columns = month_columns(grid)
        self.month_model.set_columns(columns, pairs, total)
        fit_columns(self.month_table, columns)  # a month as wide as its budgets and title (views.tables)
        if grid.warnings:
            self.budget_warning.setText("<b>De maandbudgetten tellen niet meer op tot de jaaruren:</b> "
                                        + " ".join(grid.warnings))
            self.budget_warning.show()
        else:
            self.budget_warning.hide()
        changed = adjustments(grid)
        self.adjustment_model.set_rows(changed)
        self.adjustments_box.setVisible(bool(changed))
        closed = sorted(grid.closed)
        if closed:
            names = ", ".join(m.label for m in closed) if len(closed) <= 2 else \
                f"{closed[0].label} t/m {closed[-1].label}" if len(closed) == closed[-1].index - closed[0].index + 1 \
                else ", ".join(m.label for m in closed)
            self.closed_hint.setText(f"Afgesloten, dus niet te wijzigen: {names}. Gemarkeerd: maanden met een "
                                     "afwijkende afspraak; de status zegt of de maanden nog optellen tot de jaaruren.")
        else:
            self.closed_hint.setText("Gemarkeerd: maanden met een afwijkende afspraak; de status zegt of de "
                                     "maanden nog optellen tot de jaaruren. Enter of dubbelklik op een maand om "
                                     "hem aan te passen.")

    # ------------------------------------------------------------------ actions
    def import_setup(self) -> None:
        """Read a setup workbook into a school year (a new one, or the set-up of one without activity)."""
        path, _filter = QFileDialog.getOpenFileName(self, "Opzet-werkmap inlezen", str(Path.home()),
                                                    "Excel-werkmap (*.xlsx)")
        if not path:
            return
        from .operations import import_setup

        label = import_setup(parent=self, runner=self.runner, dialogs=self.dialogs, path=Path(path))
        if label is not None:
            self._show_year(label)

    def save_setup_template(self) -> None:
        """The empty set-up workbook to fill in, saved where the reports go (Rapporten's own action)."""
        exports_for(self).export_setup_template()

    def new_year(self) -> NewYearDialog:
        """Enter a school year by hand; the names of the year shown are filled in already."""
        from .year_dialog import NewYearDialog

        dialog = NewYearDialog(self.runner, self.runner.read(lookup.year_labels), self.allocation,
                               self.window(), dialogs=self.dialogs)
        dialog.accepted.connect(lambda: self._show_year(dialog.created))
        self._open(dialog)
        return dialog

    def edit_month_budget(self) -> MonthBudgetDialog | None:
        """Set the chosen month of the chosen board x provider by hand (an afwijkende afspraak)."""
        from .month_budget_dialog import MonthBudgetDialog

        if self.grid is None or not self.grid.pairs or self.runner.read_only:
            return None
        grid = self.grid
        index = self.month_table.currentIndex()
        pair = index.siblingAtColumn(0).data(ROW_ROLE) if index.isValid() else None
        pair = pair or grid.pairs[0]
        column = index.column() - 2 if index.isValid() else -1
        if 0 <= column < len(grid.months):
            month = grid.months[column]
        else:  # the first month that is still open
            month = next((m for m in grid.months if m not in grid.closed), grid.months[0])
        dialog = MonthBudgetDialog(self.runner, grid, pair.board, pair.provider, month, self.window(),
                                   dialogs=self.dialogs)
        self._open(dialog)
        return dialog

    def _edit_adjustment(self, index: QModelIndex) -> None:
        row = index.siblingAtColumn(0).data(ROW_ROLE)
        if row is not None and self.grid is not None and not self.runner.read_only:
            from .month_budget_dialog import MonthBudgetDialog

            self._open(MonthBudgetDialog(self.runner, self.grid, row.board, row.provider, row.month, self.window(),
                                         dialogs=self.dialogs))

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # type: ignore[attr-defined]

    def _show_year(self, label: str | None) -> None:
        """Show the year just made: choose it in the main window's year picker."""
        picker = self.window().findChild(QComboBox, "yearPicker")
        if label and picker is not None and picker.findText(label) >= 0:
            picker.setCurrentText(label)
