"""Innovatie: the exhaustion (uitputting) of each network's budgets in the chosen year and its support questions
(ondersteuningsvragen) with their status steps; budgets and networks are set in dialogs.

The figures come from the one reporting service (innovation_report), the same the PDF and workbook read, read
off the UI thread (views/loading.py).
"""
from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout,
    QWidget,
)

from models.services.innovation import support_questions
from models.services.innovation_report import QUESTION_STATUSES, InnovationReport, QuestionLine, innovation_report

from ..forms import FormDialog, choice_picker
from ..loading import PageLoader
from ..page import Page, page_header
from ..ports import Dialogs, Runner
from ..tables import RowsModel, make_table, select_where, selected_row
from . import operations
from .budgets_dialog import BudgetsDialog
from .columns import BUDGET_COLUMNS, NEXT_STEPS, QUESTION_COLUMNS, BudgetLine, budget_lines, haystack, question_details
from .library import ReportLibraryPanel
from .networks_dialog import NetworksDialog
from .question_dialog import QuestionDialog, question_choices
from .step_dialog import QuestionStepDialog


class InnovationPage(Page):
    title = "Innovatie"
    depends_on = ("innovation", "experts", "masterdata", "years")

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(runner, parent, dialogs=dialogs)
        self.dialog: QWidget | None = None
        self.report: InnovationReport | None = None
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.new_button = QPushButton("Nieuwe ondersteuningsvraag…")
        self.new_button.setToolTip("Een ondersteuningsvraag van scholen uit een regionaal netwerk vastleggen")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_question)
        self.budgets_button = QPushButton("Budgetten…")
        self.budgets_button.setToolTip("Budgetten per thema en per netwerk voor dit schooljaar")
        self.budgets_button.clicked.connect(self.edit_budgets)
        self.networks_button = QPushButton("Netwerken…")
        self.networks_button.setToolTip("Regionale netwerken, hun scholen en leerlingaantallen")
        self.networks_button.clicked.connect(self.edit_networks)
        self.pdf_button = QPushButton("Uitputting (PDF)…")
        self.pdf_button.setToolTip("Overzicht van de uitputting per netwerk en de betaallijst als PDF")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button = QPushButton("Uitputting (Excel)…")
        self.xlsx_button.setToolTip("Dezelfde cijfers als Excel-werkmap")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))

        self.budget_model: RowsModel[BudgetLine] = RowsModel(BUDGET_COLUMNS)
        self.budget_table, self.budget_proxy = make_table(self.budget_model, object_name="innovationBudgetTable")
        self.budget_title = QLabel("Uitputting")
        self.budget_title.setStyleSheet("font-weight: 600;")

        self.network_filter = QComboBox()
        self.network_filter.setAccessibleName("Filter op netwerk")
        self.network_filter.setMinimumContentsLength(16)
        self.status_filter = choice_picker([("Alle statussen", None)] + [(s, s) for s in QUESTION_STATUSES])
        self.status_filter.setAccessibleName("Filter op status")
        self.search = QLineEdit()
        self.search.setObjectName("questionSearch")
        self.search.setPlaceholderText("Zoek op nummer, titel, school, uitvoerder… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.network_filter.currentIndexChanged.connect(lambda _i: self._show_questions())
        self.status_filter.currentIndexChanged.connect(lambda _i: self._show_questions())
        self.search.textChanged.connect(lambda _t: self._show_questions())

        self.question_model: RowsModel[QuestionLine] = RowsModel(QUESTION_COLUMNS)
        self.question_table, self.question_proxy = make_table(self.question_model,
                                                              object_name="innovationQuestionTable")
        self.question_table.activated.connect(lambda _index: self.open_selected())
        self.question_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.questions_title = QLabel("Ondersteuningsvragen")
        self.questions_title.setStyleSheet("font-weight: 600;")

        self.open_button = QPushButton("Openen…")
        self.open_button.setToolTip("De geselecteerde vraag bekijken of, zolang ze is ingediend of lopend, wijzigen "
                                    "(Enter)")
        self.open_button.clicked.connect(self.open_selected)
        self.start_button = QPushButton("Starten")
        self.start_button.setToolTip("De uitvoering begint vandaag: de vraag wordt lopend")
        self.start_button.clicked.connect(self.start_selected)
        self.report_button = QPushButton("Verslag ontvangen…")
        self.report_button.clicked.connect(lambda: self.step_selected("verslag"))
        self.pay_button = QPushButton("Betalen…")
        self.pay_button.clicked.connect(lambda: self.step_selected("betalen"))
        self.withdraw_button = QPushButton("Intrekken…")
        self.withdraw_button.clicked.connect(lambda: self.step_selected("intrekken"))
        self.step_buttons = {"starten": self.start_button, "verslag": self.report_button,
                             "betalen": self.pay_button, "intrekken": self.withdraw_button}
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("questionDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        # ---- layout, from the page down: each widget is added to a box that is in its place already (a box
        # filled first and then put in its place restyles everything in it again, with the window's style sheet)
        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Innovatie", self.subtitle, self.new_button))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("innovationTabs")
        layout.addWidget(self.tabs, 1)
        # Uitputting and questions of the chosen year; Verslagen: the report library over every year
        year_box = QWidget()
        self.tabs.addTab(year_box, "Uitputting en vragen")
        year_layout = QVBoxLayout(year_box)
        year_layout.setContentsMargins(0, 4, 0, 0)
        settings_row = QHBoxLayout()
        settings_row.setContentsMargins(0, 0, 0, 0)
        year_layout.addLayout(settings_row)
        settings_row.addWidget(self.networks_button)
        settings_row.addWidget(self.budgets_button)
        settings_row.addStretch(1)
        settings_row.addWidget(self.pdf_button)
        settings_row.addWidget(self.xlsx_button)
        self.body = QStackedWidget()
        year_layout.addWidget(self.body, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        self.body.addWidget(splitter)
        self.empty = QLabel("Nog geen regionale netwerken. Maak ze aan via Netwerken…")
        self.empty.setObjectName("innovationEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-size: 12pt; color: #4a4a4a;")
        self.body.addWidget(self.empty)

        budget_box = QWidget()
        splitter.addWidget(budget_box)
        budget_layout = QVBoxLayout(budget_box)
        budget_layout.setContentsMargins(0, 0, 0, 0)
        budget_layout.setSpacing(2)
        budget_layout.addWidget(self.budget_title)
        budget_layout.addWidget(self.budget_table, 1)
        question_box = QWidget()
        splitter.addWidget(question_box)
        question_layout = QVBoxLayout(question_box)
        question_layout.setContentsMargins(0, 0, 0, 0)
        question_layout.setSpacing(4)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        question_layout.addLayout(filters)
        filters.addWidget(self.questions_title)
        filters.addSpacing(12)
        filters.addWidget(self.network_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.search, 1)
        question_layout.addWidget(self.question_table, 1)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        question_layout.addLayout(actions)
        for button in (self.open_button, self.start_button, self.report_button, self.pay_button,
                       self.withdraw_button):
            actions.addWidget(button)
        actions.addWidget(self.notice, 1)
        question_layout.addWidget(self.details)
        splitter.setSizes([300, 400])
        self.splitter = splitter

        self.library = ReportLibraryPanel(runner, dialogs=self.dialogs)
        self.tabs.addTab(self.library, "Verslagen")
        self.tabs.currentChanged.connect(lambda _index: self._show_tab())

        order = [self.new_button, self.networks_button, self.budgets_button, self.pdf_button, self.xlsx_button,
                 self.budget_table, self.network_filter, self.status_filter, self.search, self.question_table,
                 self.open_button, self.start_button, self.report_button, self.pay_button, self.withdraw_button]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)
        self._show_selected()
        self.loader = PageLoader(self, runner, cover=self.body)
        self._select_next: str | None = None  # the question to choose once the report being read is shown

    # ------------------------------------------------------------------ reading
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _show_tab(self) -> None:
        if self.tabs.currentWidget() is self.library:
            self.library.refresh()

    def refresh(self) -> None:
        if self.tabs.currentWidget() is self.library:
            self.library.refresh()
        if not self.year:
            self.loader.cancel()
            self.report = None
            self.budget_model.set_rows([])
            self.question_model.set_rows([])
            self.subtitle.setText("")
            self._show_selected()
            return
        self.loader.load(_year_report, self.year, self.runner.today(), then=self._show_report)

    def _show_report(self, report: InnovationReport) -> None:
        self.report = report
        lines, total = budget_lines(report)
        self.budget_model.set_rows(lines, total)
        self._fit_budget_table()
        self._load_network_filter()
        self._show_questions()
        chosen, self._select_next = self._select_next, None
        if chosen:
            select_where(self.question_table, lambda q: q.number == chosen)
            self._show_selected()
        has_networks = bool(report.regional_networks)
        self.body.setCurrentWidget(self.body.widget(0) if has_networks else self.empty)
        writable = not self.runner.read_only
        self.new_button.setEnabled(has_networks and writable)
        self.budgets_button.setEnabled(writable)
        self.networks_button.setEnabled(writable)
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(has_networks)

    def _current_report(self) -> InnovationReport | None:
        """The year's report as shown, unless it is being read again (then read now, for a dialog)."""
        if self.year and self.loader.waiting:
            return self.runner.read(_year_report, self.year, self.runner.today())
        return self.report

    def _fit_budget_table(self) -> None:
        """The exhaustion table as high as its rows (totals included), up to about half the page."""
        sizes = self.splitter.sizes()
        room = sum(sizes)
        if room <= 0:
            return
        rows = self.budget_model.rowCount()
        wanted = (self.budget_title.sizeHint().height() + self.budget_table.horizontalHeader().height()
                  + rows * self.budget_table.verticalHeader().defaultSectionSize() + 8)
        first = min(wanted, room * 55 // 100)
        self.splitter.setSizes([first, room - first])

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._fit_budget_table()

    def _load_network_filter(self) -> None:
        assert self.report is not None
        current = self.network_filter.currentData()
        self.network_filter.blockSignals(True)
        self.network_filter.clear()
        self.network_filter.addItem("Alle netwerken", None)
        for network in self.report.networks:
            self.network_filter.addItem(network.network, network.network)
        index = self.network_filter.findData(current)
        self.network_filter.setCurrentIndex(max(index, 0))
        self.network_filter.blockSignals(False)

    def _filtered(self) -> bool:
        return bool(self.network_filter.currentData() or self.status_filter.currentData()
                    or self.search.text().strip())

    def _show_questions(self) -> None:
        keep = self.selected()
        questions = list(self.report.questions) if self.report else []
        network, status = self.network_filter.currentData(), self.status_filter.currentData()
        words = self.search.text().strip().lower().split()
        shown = [q for q in questions
                 if (network is None or q.network == network) and (status is None or q.status == status)
                 and all(word in haystack(q) for word in words)]
        self.question_model.set_rows(shown)
        if not (keep is not None and select_where(self.question_table, lambda q: q.number == keep.number)) and shown:
            self.question_table.selectRow(0)
        self._show_selected()
        self.subtitle.setText(self._describe(len(shown), len(questions)))

    def _describe(self, shown: int, everything: int) -> str:
        if not self.year or self.report is None:
            return ""
        count = len(self.report.regional_networks)
        if not count:
            return f"Schooljaar {self.year} · nog geen regionale netwerken"
        parts = [f"Schooljaar {self.year}", "1 regionaal netwerk" if count == 1 else f"{count} regionale netwerken"]
        if self._filtered():
            parts.append(f"{shown} van {everything} ondersteuningsvragen")
            if self.network_filter.currentData():
                parts.append(f"netwerk {self.network_filter.currentData()}")
            if self.status_filter.currentData():
                parts.append(f"status {self.status_filter.currentData()}")
            if self.search.text().strip():
                parts.append(f"zoekterm ‘{self.search.text().strip()}’")
        else:
            parts.append("1 ondersteuningsvraag" if everything == 1 else f"alle {everything} ondersteuningsvragen")
        return " · ".join(parts)

    def selected(self) -> QuestionLine | None:
        row = selected_row(self.question_table)
        return row if isinstance(row, QuestionLine) else None

    def _show_selected(self) -> None:
        q = self.selected()
        writable = not self.runner.read_only
        allowed = NEXT_STEPS.get(q.status, ()) if q else ()
        for name, button in self.step_buttons.items():
            button.setEnabled(writable and name in allowed)
        self.open_button.setEnabled(q is not None)
        if q is not None:
            self.details.setText(question_details(q))
        elif self.report is not None and not self.report.questions:
            self.details.setText(f"Nog geen ondersteuningsvragen in {self.year}. Leg de eerste vast met "
                                 "‘Nieuwe ondersteuningsvraag…’.")
        else:
            self.details.setText("Selecteer een ondersteuningsvraag om de scholen, uitvoerders en data te zien.")

    def budget_rows(self) -> list[BudgetLine]:
        return list(self.budget_model.rows)

    # ------------------------------------------------------------------ acting
    def _open(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # type: ignore[attr-defined]
        return dialog

    def new_question(self) -> FormDialog | None:
        report = self._current_report()
        if not self.year or self.runner.read_only or report is None:
            return None
        dialog = QuestionDialog(self.runner, question_choices(self.runner, self.year, report), parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog.number, dialog.notice))
        self._open(dialog)
        return dialog

    def open_selected(self) -> FormDialog | None:
        q = self.selected()
        report = self._current_report()
        if q is None or not self.year or report is None:
            return None
        current = self.runner.read(support_questions.question, q.number)
        dialog = QuestionDialog(self.runner, question_choices(self.runner, self.year, report, current), current,
                                description=current.description, parent=self)
        dialog.accepted.connect(lambda: self._saved(q.number, dialog.notice))
        self._open(dialog)
        return dialog

    def start_selected(self) -> bool:
        q = self.selected()
        if q is None:
            return False
        said = operations.start_question(parent=self, runner=self.runner, dialogs=self.dialogs, number=q.number)
        if said is None:
            return False
        self._saved(q.number, said)
        return True

    def step_selected(self, step: str) -> FormDialog | None:
        q = self.selected()
        if q is None:
            return None
        dialog = QuestionStepDialog(self.runner, q, step, parent=self)
        dialog.accepted.connect(lambda: self._saved(q.number, dialog.notice))
        self._open(dialog)
        return dialog

    def edit_budgets(self) -> FormDialog | None:
        if not self.year or self.runner.read_only:
            return None
        dialog = BudgetsDialog(self.runner, self.year, parent=self)
        dialog.accepted.connect(lambda: self._saved(None, dialog.notice))
        self._open(dialog)
        return dialog

    def edit_networks(self) -> NetworksDialog | None:
        if not self.year or self.runner.read_only:
            return None
        dialog = NetworksDialog(self.runner, self.year, parent=self, dialogs=self.dialogs)
        self._open(dialog)
        return dialog

    def _saved(self, number: str | None, text: str) -> None:
        self.refresh_if_stale()
        if number and self.loader.waiting:
            self._select_next = number
        elif number:
            select_where(self.question_table, lambda q: q.number == number)
            self._show_selected()
        self.notice.setText(text)

    def export(self, kind: str, path: Any = None) -> Any:
        """Uitputting as PDF or workbook, through the window's report actions (save dialog, 'Opgeslagen als')."""
        from ..export_actions import exports_for

        return exports_for(self).export_innovation(kind, path)


#: The page's read: the report without the SWV's name (the page does not show it).
_year_report = partial(innovation_report, swv_name="")
