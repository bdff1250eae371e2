"""A support question: new, changed while ingediend or lopend, or shown read-only; its executors with their amounts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from models.domain import dutch
from models.domain.errors import InvalidInput
from models.domain.months import Month
from models.services import directory, lookup, supra_budget
from models.services.innovation import network_budgets, support_questions, theme_settings
from models.services.innovation_report import SUPRA_REGIONAL, InnovationReport, QuestionLine, ThemeBudget

from ..forms import FormDialog, choice_picker, date_field, date_of, select_data
from ..ports import Runner
from . import operations
from .fields import EDITABLE, euro_field, euros_of, hline, school_label


class ExecutorRows(QWidget):
    """Executors of a question: an expert picker and an amount per row; rows can be added and removed."""

    def __init__(self, experts: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.experts = list(experts)
        self.rows: list[tuple[QWidget, QComboBox, QLineEdit]] = []
        self.lines = QVBoxLayout()
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.lines.setSpacing(4)
        self.add_button = QPushButton("Uitvoerder &toevoegen")
        self.add_button.setToolTip("Nog een deskundige of organisatie die de vraag mee uitvoert")
        self.add_button.clicked.connect(lambda: self.add_row())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.lines)
        layout.addWidget(hline(self.add_button))

    def add_row(self, expert: str | None = None, cents: int | None = None) -> tuple[QComboBox, QLineEdit]:
        picker = choice_picker([("— kies een uitvoerder —", None)] + [(e, e) for e in self.experts])
        picker.setMinimumContentsLength(26)
        picker.setAccessibleName(f"Uitvoerder {len(self.rows) + 1}")
        if expert:
            select_data(picker, expert)
        amount = euro_field(cents)
        amount.setAccessibleName(f"Bedrag voor uitvoerder {len(self.rows) + 1}")
        remove = QPushButton("Verwijderen")
        remove.setToolTip("Deze uitvoerder weghalen")
        holder = hline(picker, QLabel("€"), amount, remove)
        remove.clicked.connect(lambda: self.remove_row(holder))
        self.rows.append((holder, picker, amount))
        self.lines.addWidget(holder)
        previous = self.rows[-2][0].findChildren(QPushButton)[-1] if len(self.rows) > 1 else None
        if previous is not None:
            QWidget.setTabOrder(previous, picker)
        QWidget.setTabOrder(picker, amount)
        QWidget.setTabOrder(amount, remove)
        QWidget.setTabOrder(remove, self.add_button)
        return picker, amount

    def remove_row(self, holder: QWidget) -> None:
        self.rows = [row for row in self.rows if row[0] is not holder]
        holder.hide()
        holder.deleteLater()
        window = self.window()
        if isinstance(window, FormDialog):
            window.fit_height()

    def executors(self) -> tuple[tuple[str, int], ...]:
        """(expert, cents) per filled row; a refusal beside the list for a row without an expert or amount."""
        result: list[tuple[str, int]] = []
        for number, (_, picker, amount) in enumerate(self.rows, start=1):
            expert = picker.currentData()
            if expert is None and not amount.text().strip():
                continue  # an empty row is no executor
            if expert is None:
                raise InvalidInput(f"Uitvoerder {number}: kies een deskundige of organisatie.", field="executors")
            cents = euros_of(amount, f"Bedrag voor {expert}", "executors")
            assert cents is not None
            result.append((str(expert), cents))
        return tuple(result)


@dataclass(frozen=True)
class QuestionChoices:
    """What the question dialog offers: networks with their schools, themes, experts, and what is left."""

    year: str
    networks: dict[str, tuple[tuple[str, str], ...]]  # network -> ((board, school), ...)
    themes: tuple[str, ...]  # themes other than the base budget
    base_theme: str
    experts: tuple[str, ...]
    report: InnovationReport
    months: tuple[Month, ...] = ()  # the school year's budget months: a question is submitted within them
    supra: tuple[ThemeBudget, ...] = ()  # the supra-regional budget per theme

    def schools_of(self, network: str | None) -> list[tuple[str, str, str]]:
        """(board, school, network) to tick: the network's schools, or for Bovenregionaal those of every network."""
        if network == SUPRA_REGIONAL:
            return sorted(((board, school, name) for name, schools in self.networks.items()
                           for board, school in schools), key=lambda s: (s[2].casefold(), s[1].casefold()))
        return [(board, school, str(network)) for board, school in self.networks.get(str(network), ())]

    def budget(self, network: str | None, theme: str) -> ThemeBudget | None:
        if network == SUPRA_REGIONAL:
            return next((b for b in self.supra if b.theme == theme), None)
        row = next((n for n in self.report.networks if n.network == network), None)
        return next((t for t in row.themes if t.theme == theme), None) if row else None

    def default_day(self, today: dt.date) -> dt.date:
        """Today, or the nearest day of the school year when today lies outside it."""
        if not self.months:
            return today
        first = dt.date(self.months[0].year, self.months[0].month, 1)
        last = self.months[-1].plus(1)
        end = dt.date(last.year, last.month, 1) - dt.timedelta(days=1)
        return min(max(today, first), end)


def question_choices(runner: Runner, year: str, report: InnovationReport,
                     question: QuestionLine | None = None) -> QuestionChoices:
    """What the question dialog offers; a question's own executors stay on offer after they were set
    inactive in the directory (the rules allow them on the questions they already carry out)."""
    rows = runner.read(network_budgets.network_year, year)
    networks = {row.network: tuple((s.board, s.school) for s in row.schools) for row in rows}
    themes = runner.read(theme_settings.list_themes, year)
    base = next((t.name for t in themes if t.is_base), "Innovatie")
    experts = runner.read(directory.list_experts)
    names = [e.name for e in experts]
    if question is not None:
        names += [e.expert for e in question.executors if e.expert not in names]
    months = runner.read(lookup.choices, year).months
    supra = runner.read(supra_budget.supra_year, year).budgets
    return QuestionChoices(year, networks, tuple(t.name for t in themes if not t.is_base), base,
                           tuple(sorted(names, key=str.casefold)), report, months, supra)


class QuestionDialog(FormDialog):
    """Nieuwe ondersteuningsvraag, or one still ingediend or lopend changed; any other opens read-only."""

    def __init__(self, runner: Runner, choices: QuestionChoices, question: QuestionLine | None = None,
                 description: str = "", parent: QWidget | None = None) -> None:
        title = f"Ondersteuningsvraag {question.number}" if question else "Nieuwe ondersteuningsvraag"
        super().__init__(title, parent, ok_text="Indienen" if question is None else "Opslaan")
        self.setObjectName("questionDialog")
        self.runner = runner
        self.choices = choices
        self.question = question
        self.number: str | None = question.number if question else None

        # Bovenregionaal (the supra-regional budget) is chosen where a network is: schools of every network
        scopes = [(n, n) for n in choices.networks]
        if len(choices.networks) > 1 or (question and question.network == SUPRA_REGIONAL):
            scopes.append((f"{SUPRA_REGIONAL} (scholen uit meer netwerken)", SUPRA_REGIONAL))
        self.network = self.add_row("network", "Regionaal &netwerk",
                                    choice_picker(scopes, question.network if question else None))
        self.title = self.add_row("title", "&Titel", QLineEdit(question.title if question else ""))
        self.title.setPlaceholderText("Korte titel van de vraag")
        self.description = self.add_row("description", "&Omschrijving", QPlainTextEdit(description))
        self.description.setPlaceholderText("Wat de scholen willen bereiken (geen leerlinggegevens)")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(64)
        theme = question.theme if question and question.theme != choices.base_theme else None
        self.theme = self.add_row("theme", "T&hema",
                                  # the base budget by the name the list of questions shows it by
                                  choice_picker([(choices.base_theme, None)] + [(t, t) for t in choices.themes], theme))
        self.budget_note = self.add_note()
        self.schools = self.add_row("schools", "&Scholen", QListWidget())
        self.schools.setObjectName("questionSchools")
        self.schools.setAccessibleName("Scholen die de vraag indienen")
        self.schools.setFixedHeight(118)
        self.add_note("Minstens twee scholen van minstens twee verschillende besturen.")
        self.executors = self.add_row("executors", "&Uitvoerders", ExecutorRows(choices.experts))
        amounts = {line.expert: line.amount for line in question.executors} if question else {}
        for expert, cents in amounts.items():
            self.executors.add_row(expert, cents)
        while len(self.executors.rows) < 2:
            self.executors.add_row()
        self.add_note("Minstens twee uitvoerders uit de Gouden Gids, elk met het bedrag dat wordt vastgelegd.")
        self.submitted_on = self.add_row("submitted_on", "&Ingediend op",
                                         date_field(question.submitted_on if question
                                                    else choices.default_day(runner.today())))
        self.field_aliases.update({"board": "schools", "boards": "schools", "school": "schools",
                                   "expert": "executors", "amount": "executors", "amounts": "executors",
                                   "budget": "executors", "date": "submitted_on", "day": "submitted_on",
                                   "year": "network"})
        self._chosen_schools: set[tuple[str, str]] = set()
        if question:
            self._chosen_schools = set(question.school_refs)
        self.network.currentIndexChanged.connect(self._network_chosen)
        self.theme.currentIndexChanged.connect(self._show_budget)
        self._network_chosen()
        self.setMinimumWidth(640)
        if question is not None and question.status not in EDITABLE:
            self.read_only(f"Deze vraag is {question.status}; scholen, uitvoerders en bedragen kunnen alleen worden "
                           "gewijzigd zolang de vraag is ingediend of lopend.")
        elif runner.read_only:
            self.read_only("De database is alleen-lezen geopend.")

    def read_only(self, reason: str) -> None:
        for widget in self.findChildren(QWidget):
            if isinstance(widget, (QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QListWidget)) \
                    or widget.inherits("QDateEdit"):
                if widget not in self.buttons.buttons():
                    widget.setEnabled(False)
        self.ok_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Sluiten")
        self.general_error.setObjectName("hint")
        self.general_error.style().unpolish(self.general_error)
        self.general_error.style().polish(self.general_error)
        self.general_error.setText(reason)
        self.general_error.show()

    def _network_chosen(self) -> None:
        """The school list shows the network's schools with their board; for Bovenregionaal those of every network,
        with their network."""
        if self.schools.count():
            self._chosen_schools = set(self.chosen_schools())
        self.schools.clear()
        supra = self.network.currentData() == SUPRA_REGIONAL
        for board, school, network in self.choices.schools_of(self.network.currentData()):
            label = school_label(school, board) + (f" · {network}" if supra else "")
            item = QListWidgetItem(label, self.schools)
            item.setData(Qt.ItemDataRole.UserRole, (board, school))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if (board, school) in self._chosen_schools
                               else Qt.CheckState.Unchecked)
        if not self.schools.count():
            QListWidgetItem("Dit netwerk heeft nog geen scholen (zie Netwerken…).", self.schools)
        self._show_budget()

    def _show_budget(self) -> None:
        network = self.network.currentData()
        theme = self.theme.currentData() or self.choices.base_theme
        budget = self.choices.budget(network, theme)
        if budget is not None:
            e = budget.exhaustion
            whose = f"Bovenregionaal budget {theme}" if network == SUPRA_REGIONAL else f"{theme} van {network}"
            self.budget_note.setText(f"{whose}: nog {dutch.euros(e.left)} over (budget {dutch.euros(e.budget)}, "
                                     f"vastgelegd {dutch.euros(e.committed)}).")
            return
        self.budget_note.setText(f"Zonder thema gaat het bedrag van het {self.choices.base_theme.lower()}budget af."
                                 if theme == self.choices.base_theme else "")

    def chosen_schools(self) -> list[tuple[str, str]]:
        chosen = []
        for i in range(self.schools.count()):
            item = self.schools.item(i)
            data = item.data(Qt.ItemDataRole.UserRole)
            if data and item.checkState() == Qt.CheckState.Checked:
                chosen.append(tuple(data))
        return chosen  # type: ignore[return-value]

    def check_school(self, school: str, checked: bool = True) -> None:
        for i in range(self.schools.count()):
            item = self.schools.item(i)
            data = item.data(Qt.ItemDataRole.UserRole)
            if data and data[1] == school:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def command(self) -> Any:
        network = self.network.currentData()
        if network is None:
            raise InvalidInput("Kies een regionaal netwerk (maak het aan via Netwerken…).", field="network")
        return support_questions.QuestionInput(
            year=self.choices.year, network=network, title=self.title.text(),
            description=self.description.toPlainText(), theme=self.theme.currentData(),
            schools=tuple(self.chosen_schools()), executors=self.executors.executors(),
            submitted_on=date_of(self.submitted_on))

    def submit(self) -> None:
        self.number, self.notice = operations.save_question(runner=self.runner, number=self.number,
                                                            cmd=self.command())
