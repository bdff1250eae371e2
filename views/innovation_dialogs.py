"""Dialogs of Innovatie: a support question, its status steps, the year's budgets and the networks."""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget, QHeaderView,
)

from models.domain.errors import InvalidInput, Refusal
from models.domain.innovation import check_title
from models.domain.money import format_euros, parse_euros
from models.domain.months import Month
from models.services import directory, lookup, report_library, supra_budget
from models.services.innovation import network_budgets, regional_networks, support_questions, theme_settings, year_data
from models.services.innovation_report import (
    AMOUNT_OWN, AMOUNT_STANDARD, BASIS_ENTERED, BASIS_PER_PUPIL, INGEDIEND, LOPEND, SUPRA_REGIONAL, InnovationReport,
    QuestionLine, ThemeBudget,
)

from . import format as fmt
from .forms import FormDialog, choice_picker, date_field, date_of, run_parse, select_data
from .messages import messages
from .ports import Runner
from .report_upload import FILE_PATTERN, read_upload

EDITABLE = (INGEDIEND, LOPEND)
BASES = ((BASIS_ENTERED, BASIS_ENTERED), (BASIS_PER_PUPIL, BASIS_PER_PUPIL))
AMOUNT_KINDS = ((AMOUNT_STANDARD, AMOUNT_STANDARD), (AMOUNT_OWN, AMOUNT_OWN))


def euro_field(cents: int | None = None, placeholder: str = "bijv. 2.500") -> QLineEdit:
    field = QLineEdit(format_euros(cents, symbol=False) if cents is not None else "")
    field.setPlaceholderText(placeholder)
    field.setAlignment(Qt.AlignmentFlag.AlignRight)
    field.setFixedWidth(120)  # amounts line up under each other
    return field


def basis_picker(basis: str) -> QComboBox:
    picker = choice_picker(BASES, basis)
    picker.setFixedWidth(130)
    return picker


def euros_of(field: QLineEdit, what: str, key: str, *, allow_zero: bool = False, empty: int | None = None) -> int | None:
    """The cents typed in a money field; a refusal tagged with `key` so it shows beside the field."""
    text = field.text().strip()
    if not text:
        if empty is not None or allow_zero:
            return empty
        raise InvalidInput(f"{what}: vul een bedrag in, bijvoorbeeld 2.500.", field=key)
    return run_parse(lambda: parse_euros(text, what=what, allow_zero=allow_zero), key)


def _school_label(school: str, board: str) -> str:
    return f"{school} ({board})"


def _hline(*widgets: QWidget, stretch: bool = True) -> QWidget:
    box = QWidget()
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    if stretch:
        line.addStretch(1)
    return box


# ---------------------------------------------------------------------------------------------- a question

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
        layout.addWidget(_hline(self.add_button))

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
        holder = _hline(picker, QLabel("€"), amount, remove)
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
            label = _school_label(school, board) + (f" · {network}" if supra else "")
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
            self.budget_note.setText(f"{whose}: nog {format_euros(e.left)} over (budget {format_euros(e.budget)}, "
                                     f"vastgelegd {format_euros(e.committed)}).")
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
        cmd = self.command()
        today = self.runner.today()
        if self.number is None:
            self.number = self.runner.write(support_questions.submit_question, cmd, today)
        else:
            self.runner.write(support_questions.update_question, self.number, cmd, today)


class QuestionStepDialog(FormDialog):
    """Verslag ontvangen (title and date), betalen (date) or intrekken (reason and date)."""

    def __init__(self, runner: Runner, question: QuestionLine, step: str, parent: QWidget | None = None) -> None:
        titles = {"verslag": ("Verslag ontvangen", "Vastleggen"), "betalen": ("Betalen", "Betaald"),
                  "intrekken": ("Intrekken", "Intrekken")}
        title, ok = titles[step]
        super().__init__(f"{title}: ondersteuningsvraag {question.number}", parent, ok_text=ok)
        self.setObjectName("questionStepDialog")
        self.runner = runner
        self.question = question
        self.step = step
        about = QLabel(f"<b>{html.escape(question.number)}</b> · {html.escape(question.title)} · "
                       f"{html.escape(question.network)} · {format_euros(question.amount)}")
        about.setWordWrap(True)
        self.form.addRow(about)
        today = runner.today()
        self.report_title: QLineEdit | None = None
        self.reason: QLineEdit | None = None
        if step == "verslag":
            self.report_title = self.add_row("title", "&Titel van het verslag", QLineEdit())
            self.report_title.setPlaceholderText("bijv. Eindverslag pilot gedrag")
            self.date = self.add_row("received_on", "&Ontvangen op", date_field(today))
            self.file = QLineEdit()
            self.file.setReadOnly(True)
            self.file.setPlaceholderText("PDF, DOCX of ODT, hoogstens 25 MB")
            self.file.setAccessibleName("Bestand van het verslag")
            self.choose_button = QPushButton("Bestand &kiezen…")
            self.choose_button.setToolTip("Het verslag zelf: het wordt in de database bewaard (Verslagen)")
            self.choose_button.clicked.connect(self.choose_file)
            self.add_row("file", "&Verslag", _hline(self.file, self.choose_button, stretch=False))
            self.add_note("Het verslag wordt bewaard en is te vinden onder Verslagen; het mag geen leerlinggegevens "
                          "bevatten (geen BSN, geen geboortedatum). Na het verslag kunnen de uitvoerders worden "
                          "betaald.")
        elif step == "betalen":
            self.date = self.add_row("paid_on", "&Betaald op", date_field(today))
            lines = ", ".join(f"{e.expert} {format_euros(e.amount)}" for e in question.executors)
            self.add_note(f"Uit te betalen: {lines}.")
        else:
            self.reason = self.add_row("reason", "&Reden", QLineEdit())
            self.reason.setPlaceholderText("Waarom de vraag wordt ingetrokken")
            self.date = self.add_row("day", "&Ingetrokken op", date_field(today))
            self.add_note(f"Het vastgelegde bedrag ({format_euros(question.amount)}) komt weer vrij in het budget "
                          f"van {question.network}. Intrekken kan niet ongedaan worden gemaakt.")
        self.field_aliases.update({"date": "received_on" if step == "verslag" else "paid_on" if step == "betalen"
                                   else "day", "report_title": "title", "received_on": "received_on"})

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, f"Verslag van {self.question.number}", "", FILE_PATTERN)
        if chosen:
            self.file.setText(chosen)
            if self.report_title is not None and not self.report_title.text().strip():
                self.report_title.setText(Path(chosen).stem)

    def submit(self) -> None:
        number, today, day = self.question.number, self.runner.today(), date_of(self.date)
        if self.step == "verslag":
            assert self.report_title is not None
            check_title(self.report_title.text(), "Het verslag", "title")  # the title first, as the form reads
            if not self.file.text():
                raise InvalidInput("Kies het verslag zelf als bestand (PDF, DOCX of ODT).", field="file")
            upload = read_upload(Path(self.file.text()))
            self.runner.write(report_library.receive_report, number, title=self.report_title.text(),
                              received_on=day, today=today, upload=upload)
        elif self.step == "betalen":
            self.runner.write(support_questions.pay_question, number, paid_on=day, today=today)
        else:
            assert self.reason is not None
            self.runner.write(support_questions.withdraw_question, number, reason=self.reason.text(), day=day,
                              today=today)


# ---------------------------------------------------------------------------------------------- budgets

class BudgetsDialog(FormDialog):
    """The year's budgets: per theme the standard amount, rate per pupil and basis; per network and theme the
    amount entered and the basis in force. Saved as one transaction."""

    def __init__(self, runner: Runner, year: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Budgetten {year}", parent, ok_text="Opslaan")
        self.setObjectName("budgetsDialog")
        self.runner = runner
        self.year = year
        self.themes = runner.read(theme_settings.list_themes, year)
        self.networks = runner.read(network_budgets.network_year, year)
        self.theme_fields: dict[str, tuple[QLineEdit, QLineEdit, QComboBox]] = {}
        self.network_fields: dict[tuple[str, str], tuple[QLineEdit, QComboBox]] = {}
        #: per network and theme: 'standaard' (follows the theme's standard) or 'eigen bedrag'
        self.amount_kinds: dict[tuple[str, str], QComboBox] = {}

        self.form.addRow(self._section("Thema's: standaard per netwerk"))
        for theme in self.themes:
            standard = euro_field(theme.standard)
            standard.setAccessibleName(f"Standaardbedrag {theme.name}")
            rate = euro_field(theme.rate, "geen")
            rate.setAccessibleName(f"Bedrag per leerling {theme.name}")
            basis = basis_picker(theme.basis)
            basis.setAccessibleName(f"Grondslag {theme.name}")
            self.theme_fields[theme.name] = (standard, rate, basis)
            label = f"{theme.name} (basis)" if theme.is_base else theme.name
            self.add_row(f"theme:{theme.name}", label,
                         _hline(QLabel("vast €"), standard, QLabel("  per leerling €"), rate, QLabel("  grondslag"),
                                basis))
        self.new_theme = self.add_row("new_theme", "&Nieuw thema", QLineEdit())
        self.new_theme.setPlaceholderText("bijv. Dyslexie (mag leeg)")
        self.new_theme.setMaximumWidth(260)

        if self.networks:
            self.form.addRow(self._section(f"Per netwerk in {year}"))
        for row in self.networks:
            for budget in row.budgets:
                kind = choice_picker(AMOUNT_KINDS, budget.amount_kind)
                kind.setFixedWidth(120)
                kind.setAccessibleName(f"Soort bedrag {budget.theme} {row.network}")
                kind.setToolTip("standaard: volgt het standaardbedrag van het thema in dit schooljaar; "
                                "eigen bedrag: blijft staan als het standaardbedrag verandert")
                entered = euro_field(budget.entered)
                entered.setAccessibleName(f"Vast bedrag {budget.theme} {row.network}")
                basis = basis_picker(budget.basis)
                basis.setAccessibleName(f"Grondslag {budget.theme} {row.network}")
                computed = ("per leerling " + format_euros(budget.computed) + f" ({fmt.whole(row.pupils)} ll.)"
                            if budget.computed is not None else "geen bedrag per leerling")
                self.network_fields[(row.network, budget.theme)] = (entered, basis)
                self.amount_kinds[(row.network, budget.theme)] = kind
                self._link_amount(budget.theme, kind, entered)
                self.add_row(f"budget:{row.network}:{budget.theme}", f"{row.network} · {budget.theme}",
                             _hline(QLabel("vast"), kind, QLabel("€"), entered, QLabel("  grondslag"), basis,
                                    QLabel("  " + computed)))
        self.supra_fields: dict[str, QLineEdit] = {}
        if len(self.networks) > 1:
            self.form.addRow(self._section(f"{SUPRA_REGIONAL} in {year}: vragen van scholen uit meer dan één netwerk"))
            for budget in runner.read(supra_budget.supra_year, year).budgets:
                amount = euro_field(budget.entered, "0")
                amount.setAccessibleName(f"{SUPRA_REGIONAL} budget {budget.theme}")
                self.supra_fields[budget.theme] = amount
                committed = QLabel(f"  vastgelegd {format_euros(budget.exhaustion.committed)}")
                self.add_row(f"supra:{budget.theme}", f"{SUPRA_REGIONAL} · {budget.theme}",
                             _hline(QLabel("vast €"), amount, committed))
        if not self.networks:
            self.add_note("Nog geen regionale netwerken: maak ze eerst aan via Netwerken…")
        else:
            self.add_note("Vast ‘standaard’ volgt het standaardbedrag van het thema in dit schooljaar, ook als dat "
                          "later verandert; een ‘eigen bedrag’ blijft staan. Typ een bedrag om het netwerk een eigen "
                          "bedrag te geven, kies ‘standaard’ om het weer te laten volgen. De grondslag zegt welk "
                          "bedrag geldt: het vaste bedrag of het bedrag per leerling × het aantal leerlingen van het "
                          "netwerk in dit schooljaar.")
        self.setMinimumWidth(1020)

    def _link_amount(self, theme: str, kind: QComboBox, entered: QLineEdit) -> None:
        """Typing an amount makes it the network's own; 'standaard' shows the theme's standard as typed above."""
        standard = self.theme_fields[theme][0] if theme in self.theme_fields else None

        def follow() -> None:
            if kind.currentData() == AMOUNT_STANDARD and standard is not None:
                entered.setText(standard.text())

        entered.textEdited.connect(lambda _text: select_data(kind, AMOUNT_OWN))
        kind.currentIndexChanged.connect(lambda _index: follow())
        if standard is not None:
            standard.textChanged.connect(lambda _text: follow())

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        return label

    def submit(self) -> None:
        themes: list[tuple[str, int, int | None, str]] = []
        for name, (standard, rate, basis) in self.theme_fields.items():
            key = f"theme:{name}"
            themes.append((name, euros_of(standard, f"Standaardbedrag {name}", key, allow_zero=True, empty=0) or 0,
                           euros_of(rate, f"Bedrag per leerling {name}", key, allow_zero=True),
                           str(basis.currentData())))
        budgets: list[tuple[str, str, int | None, str]] = []
        for (network, theme), (entered, basis) in self.network_fields.items():
            key = f"budget:{network}:{theme}"
            own = None
            if self.amount_kinds[(network, theme)].currentData() == AMOUNT_OWN:
                own = euros_of(entered, f"{theme} van {network}", key, allow_zero=True, empty=0) or 0
            budgets.append((network, theme, own, str(basis.currentData())))
        supra = [(theme, euros_of(field, f"{SUPRA_REGIONAL} budget {theme}", f"supra:{theme}", allow_zero=True,
                                  empty=0) or 0) for theme, field in self.supra_fields.items()]
        new_theme = self.new_theme.text().strip()
        self.runner.write(_save_budgets, self.year, themes, budgets, supra, new_theme)


def _save_budgets(session: Any, year: str, themes: list[tuple[str, int, int | None, str]],
                  budgets: list[tuple[str, str, int | None, str]], supra: list[tuple[str, int]],
                  new_theme: str) -> None:
    """Every change of the budgets dialog in one transaction; a refusal names the row it concerns."""
    for name, standard, rate, basis in themes:
        _tagged(f"theme:{name}", theme_settings.set_theme, session, year, name, standard=standard, rate=rate,
                basis=basis)
    for network, theme, entered, basis in budgets:
        _tagged(f"budget:{network}:{theme}", network_budgets.set_network_budget, session, year, network, theme,
                entered=entered, basis=basis)
    for theme, amount in supra:
        _tagged(f"supra:{theme}", supra_budget.set_supra_budget, session, year, theme, amount)
    if new_theme:
        _tagged("new_theme", theme_settings.add_theme, session, new_theme)


def _tagged(key: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except Refusal as refusal:
        refusal.field = key
        raise


# ---------------------------------------------------------------------------------------------- networks

class NetworksDialog(QDialog):
    """Regional networks: add, rename, remove; the schools of the chosen network and their pupils in the chosen
    school year (membership is kept per year).

    Each button is one action (one transaction); 'Scholen opslaan' saves the school list and pupil counts.
    """

    def __init__(self, runner: Runner, year: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Regionale netwerken ({year})")
        self.setObjectName("networksDialog")
        self.setModal(True)
        self.runner = runner
        self.year = year
        self.changed = False

        self.list = QListWidget()
        self.list.setObjectName("networkList")
        self.list.setAccessibleName("Regionale netwerken")
        self.list.setMinimumWidth(200)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Naam van een netwerk")
        self.name.setAccessibleName("Naam van het netwerk")
        self.add_button = QPushButton("&Toevoegen")
        self.rename_button = QPushButton("Naam &wijzigen")
        self.remove_button = QPushButton("&Verwijderen")
        self.add_button.setToolTip("Een nieuw netwerk met de getypte naam")
        self.rename_button.setToolTip("Het gekozen netwerk krijgt de getypte naam")
        self.remove_button.setToolTip("Het gekozen netwerk verwijderen (alleen zonder ondersteuningsvragen)")
        self.add_button.clicked.connect(self.add_network)
        self.rename_button.clicked.connect(self.rename_network)
        self.remove_button.clicked.connect(self.remove_network)

        self.schools_title = QLabel("Scholen")
        self.schools_title.setStyleSheet("font-weight: 600;")
        self.schools = QTableWidget(0, 3)
        self.schools.setObjectName("networkSchools")
        self.schools.setHorizontalHeaderLabels(["School (bestuur)", "Leerlingen", "In ander netwerk"])
        self.schools.verticalHeader().setVisible(False)
        self.schools.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.schools.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.schools.setColumnWidth(1, 96)
        self.schools.setColumnWidth(2, 150)
        self.schools.setTabKeyNavigation(False)
        self.save_schools_button = QPushButton("Scholen en leerlingen &opslaan")
        self.save_schools_button.clicked.connect(self.save_schools)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        close.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(QLabel("Netwerken"))
        left.addWidget(self.list, 1)
        left.addWidget(self.name)
        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.rename_button, 0, 1)
        buttons.addWidget(self.remove_button, 1, 0, 1, 2)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.schools_title)
        right.addWidget(self.schools, 1)
        hint = QLabel(f"Vink de scholen van het netwerk aan en vul het aantal leerlingen in {year} in; dat telt "
                      f"voor een budget per leerling. De indeling geldt voor schooljaar {year}: andere schooljaren "
                      "houden hun eigen indeling.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        right.addWidget(hint)
        self.source_note = QLabel()
        self.source_note.setObjectName("hint")
        self.source_note.setWordWrap(True)
        right.addWidget(self.source_note)
        right.addWidget(_hline(self.save_schools_button))
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addWidget(close)
        for first, second in ((self.list, self.name), (self.name, self.add_button),
                              (self.add_button, self.rename_button), (self.rename_button, self.remove_button),
                              (self.remove_button, self.schools), (self.schools, self.save_schools_button)):
            QWidget.setTabOrder(first, second)
        self.list.currentRowChanged.connect(lambda _row: self._show_schools())
        self.resize(900, 560)
        self.reload()

    # ------------------------------------------------------------------ showing
    def reload(self, select: str | None = None) -> None:
        current = select or self.current()
        self.networks = self.runner.read(regional_networks.list_networks, self.year)
        self.year_rows = {row.network: row for row in self.runner.read(network_budgets.network_year, self.year)}
        self.all_schools = self.runner.read(regional_networks.list_schools, self.year)
        source = self.runner.read(year_data.membership_year, self.year)
        self.source_note.setText(f"{self.year} heeft nog geen eigen indeling: hier staat die van {source}. Wat u "
                                 f"opslaat, geldt alleen voor {self.year}." if source not in (None, self.year) else "")
        self.source_note.setVisible(bool(self.source_note.text()))
        self.list.blockSignals(True)
        self.list.clear()
        for network in self.networks:
            QListWidgetItem(network.name, self.list)
        self.list.blockSignals(False)
        names = [n.name for n in self.networks]
        self.list.setCurrentRow(names.index(current) if current in names else (0 if names else -1))
        self._show_schools()

    def current(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item is not None else None

    def _show_schools(self) -> None:
        network = self.current()
        writable = not self.runner.read_only
        for button in (self.rename_button, self.remove_button, self.save_schools_button):
            button.setEnabled(network is not None and writable)
        self.add_button.setEnabled(writable)
        if network is not None:
            self.name.setText(network)
        members = {}
        for row in self.networks:
            for school in row.schools:
                members.setdefault((school.board, school.school), row.name)
        pupils = {(s.board, s.school): s.pupils for row in self.year_rows.values() for s in row.schools}
        self.schools.setRowCount(0)
        self.schools_title.setText(f"Scholen van {network} in {self.year}" if network
                                   else "Scholen (kies eerst een netwerk)")
        if network is None:
            return
        self.schools.setRowCount(len(self.all_schools))
        chain: list[QWidget] = [self.schools]  # Tab goes from the list through every pupil count
        for r, school in enumerate(self.all_schools):
            key = (school.board, school.school)
            item = QTableWidgetItem(_school_label(school.school, school.board))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if members.get(key) == network else Qt.CheckState.Unchecked)
            self.schools.setItem(r, 0, item)
            count = QSpinBox()
            count.setRange(0, 99999)
            count.setGroupSeparatorShown(True)
            count.setValue(pupils.get(key, 0))
            count.setAccessibleName(f"Leerlingen {school.school}")
            self.schools.setCellWidget(r, 1, count)
            chain.append(count)
            elsewhere = members.get(key)
            other = QTableWidgetItem(elsewhere if elsewhere and elsewhere != network else "")
            other.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.schools.setItem(r, 2, other)
        for first, second in zip(chain, chain[1:] + [self.save_schools_button]):
            QWidget.setTabOrder(first, second)

    def school_row(self, school: str) -> int:
        return next(r for r in range(self.schools.rowCount())
                    if self.schools.item(r, 0).data(Qt.ItemDataRole.UserRole)[1] == school)

    def set_school(self, school: str, checked: bool, pupils: int | None = None) -> None:
        """Tick a school and fill in its pupils (as a user would)."""
        r = self.school_row(school)
        self.schools.item(r, 0).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if pupils is not None:
            spin = self.schools.cellWidget(r, 1)
            assert isinstance(spin, QSpinBox)
            spin.setValue(pupils)

    # ------------------------------------------------------------------ acting
    def _write(self, fn: Any, *args: Any, select: str | None = None, done: str = "") -> bool:
        self.error.hide()
        try:
            self.runner.write(fn, *args)
        except Refusal as refusal:
            self.error.setText(refusal.message)
            self.error.show()
            return False
        self.changed = True
        self.notice.setText(done)
        self.reload(select)
        return True

    def add_network(self) -> None:
        name = " ".join(self.name.text().split())
        self._write(regional_networks.add_network, name, select=name, done=f"Netwerk {name} is toegevoegd.")

    def rename_network(self) -> None:
        old, new = self.current(), " ".join(self.name.text().split())
        if old is not None:
            self._write(regional_networks.rename_network, old, new, select=new, done=f"{old} heet nu {new}.")

    def remove_network(self) -> None:
        name = self.current()
        if name is None:
            return
        row = next((n for n in self.networks if n.name == name), None)
        schools = len(row.schools) if row else 0
        if not messages.ask(self, "Netwerk verwijderen",
                            f"Netwerk {name} verwijderen? De indeling van {schools} scholen en de budgetten van het "
                            "netwerk gaan verloren.", yes="Verwijderen"):
            return
        self._write(regional_networks.remove_network, name, done=f"Netwerk {name} is verwijderd.")

    def save_schools(self) -> None:
        network = self.current()
        if network is None:
            return
        row = next((n for n in self.networks if n.name == network), None)
        before = {(s.board, s.school) for s in row.schools} if row else set()
        pupils_before = {(s.board, s.school): s.pupils for r in self.year_rows.values() for s in r.schools}
        wanted: set[tuple[str, str]] = set()
        counts: dict[tuple[str, str], int] = {}
        for r in range(self.schools.rowCount()):
            item = self.schools.item(r, 0)
            key = tuple(item.data(Qt.ItemDataRole.UserRole))
            spin = self.schools.cellWidget(r, 1)
            assert isinstance(spin, QSpinBox)
            if item.checkState() == Qt.CheckState.Checked:
                wanted.add(key)  # type: ignore[arg-type]
                counts[key] = spin.value()  # type: ignore[index]
        changes_pupils = {k: v for k, v in counts.items() if pupils_before.get(k, 0) != v or k not in before}
        self._write(_save_schools, self.year, network, sorted(wanted - before), sorted(before - wanted),
                    changes_pupils, select=network,
                    done=f"Scholen van {network} opgeslagen: {len(wanted)} scholen, "
                         f"{fmt.whole(sum(counts.values()))} leerlingen.")


def _save_schools(session: Any, year: str, network: str, add: list[tuple[str, str]],
                  remove: list[tuple[str, str]], pupils: dict[tuple[str, str], int]) -> None:
    """A network's school list and pupil counts, as one transaction."""
    for board, school in remove:
        regional_networks.unassign_school(session, year, network, board, school)
    for board, school in add:
        regional_networks.assign_school(session, year, network, board, school)
    for (board, school), count in pupils.items():
        regional_networks.set_pupils(session, year, board, school, count)
