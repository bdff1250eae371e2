"""Nieuw schooljaar: a school year entered by hand — months, rounding, providers and boards."""
from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from models.domain import dutch
from models.domain.allocation import FULL, KeyInput, Rounding, suggest_keys
from models.domain.errors import InvalidInput, Refusal
from models.domain.months import Month
from models.domain.setup import BoardSetup, ProviderSetup, YearSetup, check_year_months, next_label, parse_label
from models.domain.units import MINUTES_PER_HOUR, format_hundredths, parse_percent, parse_whole_hours
from models.services.reporting import Allocation

from ..forms import FormDialog, choice_picker, run_parse
from ..ports import Dialogs, Runner
from .edit_table import EditTable
from .operations import create_year


# Columns of the two grids.
P_NAME, P_CLUSTER, P_CONTRACT, P_RESERVE, P_AVAILABLE = range(5)
B_NAME, B_PUPILS, B_MINIMUM, B_KEY, B_SUGGESTION = range(5)


def _cell(where: str, parse: Callable[[], object]) -> object:
    """Parse one cell; a refusal names the row it came from."""
    try:
        return parse()
    except InvalidInput as error:
        raise InvalidInput(f"{where}: {error.message}") from None


class NewYearDialog(FormDialog):
    """Enter a school year by hand; it is stored as one transaction, or refused with the input intact."""

    def __init__(self, runner: Runner, existing: Sequence[str], template: Allocation | None = None,
                 parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__("Nieuw schooljaar", parent, ok_text="Schooljaar aanmaken", dialogs=dialogs)
        self.runner = runner
        self.existing = list(existing)
        self.created: str | None = None
        label = next_label(self.existing, runner.today())
        start = int(label[:4])
        self.label_field = QLineEdit(label)
        self.label_field.setPlaceholderText("bijv. 2017-2018")
        self.label_field.setMaximumWidth(140)
        self.first_month = QComboBox()
        self.last_month = QComboBox()
        for box in (self.first_month, self.last_month):
            box.setMinimumContentsLength(14)
        months = QWidget()
        row = QHBoxLayout(months)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.first_month)
        until = QLabel("t/m")
        row.addWidget(until)
        row.addWidget(self.last_month)
        self.month_count = QLabel()
        self.month_count.setObjectName("hint")
        row.addWidget(self.month_count)
        row.addStretch(1)
        self.rounding = choice_picker([(r.label, r) for r in Rounding], Rounding.PER_CELL)
        self.rounding.setToolTip("Half naar boven per cel geeft de gepubliceerde tabel; grootste rest laat "
                                 "elke kolom precies optellen tot de beschikbare uren.")
        self.providers = EditTable(["Dienstverlener", "Cluster", "Contracturen", "Reserve", "Beschikbaar"],
                                   numeric=[P_CONTRACT, P_RESERVE, P_AVAILABLE], read_only=[P_AVAILABLE],
                                   object_name="newYearProviders",
                                   shown={P_CONTRACT: _shown_hours, P_RESERVE: _shown_hours})
        self.providers.set_column_width(P_NAME, 200)
        self.providers.fit_rows(5)
        self.providers_total = self.providers.total
        self.boards = EditTable(["Bestuur", "Percentage leerlingen", "Minimum (%)", "Verdeling (%)", "Voorstel (%)"],
                                numeric=[B_PUPILS, B_MINIMUM, B_KEY, B_SUGGESTION], read_only=[B_SUGGESTION],
                                object_name="newYearBoards",
                                shown={B_PUPILS: _shown_percent, B_MINIMUM: _shown_percent, B_KEY: _shown_percent})
        self.boards.set_column_width(B_NAME, 200)
        self.boards.fit_rows(7)
        self.boards_total = self.boards.total

        self.add_row("label", "&Schooljaar", self.label_field)
        self.add_row("months", "&Budgetmaanden", months)
        self.form.labelForField(self.errors["months"].parentWidget()).setBuddy(self.first_month)
        self.add_row("rounding", "&Afronding", self.rounding)
        self.add_row("providers", "&Dienstverleners", self.providers)
        self.form.labelForField(self.errors["providers"].parentWidget()).setBuddy(self.providers.table)
        self.add_row("boards", "B&esturen", self.boards)
        self.form.labelForField(self.errors["boards"].parentWidget()).setBuddy(self.boards.table)

        self._fill_months(start)
        self._fill_from(template)
        self.label_field.textChanged.connect(self._label_changed)
        self.first_month.currentIndexChanged.connect(self._update_month_count)
        self.last_month.currentIndexChanged.connect(self._update_month_count)
        self.providers.table.itemChanged.connect(self._update_providers)
        self.boards.table.itemChanged.connect(self._update_boards)
        self._update_providers()
        self._update_boards()
        self._update_month_count()
        self.setTabOrder(self.label_field, self.first_month)
        self.setTabOrder(self.first_month, self.last_month)
        self.setTabOrder(self.last_month, self.rounding)
        self.setTabOrder(self.rounding, self.providers.table)
        self.setTabOrder(self.providers.table, self.providers.add_button)
        self.setTabOrder(self.providers.add_button, self.providers.remove_button)
        self.setTabOrder(self.providers.remove_button, self.boards.table)
        self.setTabOrder(self.boards.table, self.boards.add_button)
        self.setTabOrder(self.boards.add_button, self.boards.remove_button)

    def showEvent(self, event: QShowEvent) -> None:
        """As wide as both grids need, measured in the style shown: a window is first sized to at most two
        thirds of the screen (853 pixels on 1280 x 800), which would hide the suggestion column."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.setMinimumWidth(max(layout.minimumSize().width(), 860))
            if self.width() < self.minimumWidth():
                self.resize(self.minimumWidth(), self.height())
        super().showEvent(event)

    # ------------------------------------------------------------------ filling in
    def _fill_from(self, template: Allocation | None) -> None:
        """Take the names (not the figures) of the year shown, so only this year's figures need typing."""
        providers = template.providers if template else ()
        boards = template.boards if template else ()
        for p in providers:
            self.providers.add_row([p.name, p.cluster])
        for b in boards:
            self.boards.add_row([b.name, "", dutch.percent_figure(b.minimum) if b.minimum is not None else ""])
        for table, count in ((self.providers, 3), (self.boards, 4)):
            while table.table.rowCount() < count:
                table.add_row()
        self.template_year = template.year if template else ""

    def _fill_months(self, start: int) -> None:
        """The months from August of the first year to August of the next; September to July chosen."""
        first_index = max(self.first_month.currentIndex(), 1)
        last_index = self.last_month.currentIndex() if self.last_month.count() else 11
        months = [Month(start, 8).plus(i) for i in range(13)]
        for box, index in ((self.first_month, first_index), (self.last_month, last_index)):
            box.blockSignals(True)
            box.clear()
            for month in months:
                box.addItem(month.label, month)
            box.setCurrentIndex(index)
            box.blockSignals(False)
        self._update_month_count()

    def _label_changed(self, text: str) -> None:
        try:
            label = parse_label(text)
        except InvalidInput:
            return
        self._fill_months(int(label[:4]))

    def _update_month_count(self) -> None:
        first, last = self.first_month.currentData(), self.last_month.currentData()
        if isinstance(first, Month) and isinstance(last, Month) and first <= last:
            self.month_count.setText(f"{last.index - first.index + 1} budgetmaanden")
        else:
            self.month_count.setText("")

    def _update_providers(self) -> None:
        table = self.providers
        table.table.blockSignals(True)
        totals = [0, 0, 0]
        for row in range(table.table.rowCount()):
            contract = _whole(table.text(row, P_CONTRACT))
            reserve = _whole(table.text(row, P_RESERVE))
            available = contract - reserve if contract is not None and reserve is not None else None
            table.set_text(row, P_AVAILABLE, dutch.hours(available * MINUTES_PER_HOUR) if available is not None else "")
            for i, value in enumerate((contract, reserve, available)):
                totals[i] += value or 0
        table.table.blockSignals(False)
        self.providers_total.setText(
            f"Totaal: contracturen {dutch.whole(totals[0])} · reserve {dutch.whole(totals[1])} · "
            f"beschikbaar {dutch.whole(totals[2])}")

    def _update_boards(self) -> None:
        """Totals and, once the pupil shares add up to 100, the suggested key beside the key typed."""
        table = self.boards
        rows = range(table.table.rowCount())
        pupils = [_percent(table.text(r, B_PUPILS)) for r in rows]
        minimums = [_percent(table.text(r, B_MINIMUM)) for r in rows]
        keys = [_percent(table.text(r, B_KEY)) for r in rows]
        named = [r for r in rows if table.text(r, B_NAME)]
        suggestion: dict[int, int] = {}
        problem = ""
        if named and all(pupils[r] is not None for r in named) and sum(pupils[r] or 0 for r in named) == FULL:
            try:
                values = suggest_keys([KeyInput(pupils[r] or 0, minimums[r]) for r in named])
                suggestion = dict(zip(named, values))
            except InvalidInput as error:
                problem = error.message
        table.table.blockSignals(True)
        for r in rows:
            table.set_text(r, B_SUGGESTION, dutch.percent_figure(suggestion[r]) if r in suggestion else "")
        table.table.blockSignals(False)
        pupil_total = format_hundredths(sum(p or 0 for p in pupils))
        key_total = format_hundredths(sum(k or 0 for k in keys))
        text = (f"Totaal: percentage leerlingen {pupil_total} % · verdeling {key_total} % (beide moeten 100 zijn). "
                "Laat de verdeling bij alle besturen leeg om het voorstel over te nemen.")
        if self.template_year:
            text += f" De namen komen uit {self.template_year}; vul de cijfers van het nieuwe jaar in."
        if problem:
            text += " " + problem
        self.boards_total.setText(text)

    # ------------------------------------------------------------------ submitting
    def setup(self) -> YearSetup:
        """The year as typed; a refusal names the field (and row) it concerns."""
        label = run_parse(lambda: parse_label(self.label_field.text()), "label")
        first, last = self.first_month.currentData(), self.last_month.currentData()
        run_parse(lambda: check_year_months(label, first, last), "months")
        rounding = Rounding(self.rounding.currentData())  # the picker holds the plain text value
        providers = run_parse(self._providers, "providers")
        boards = run_parse(self._boards, "boards")
        return YearSetup(label, first, last, tuple(providers), tuple(boards), rounding)

    def _providers(self) -> list[ProviderSetup]:
        result = []
        for number, texts in self.providers.filled_rows():
            where = f"Rij {number}" + (f" ({texts[P_NAME]})" if texts[P_NAME] else "")
            if not texts[P_NAME]:
                raise InvalidInput(f"{where}: de naam van de dienstverlener ontbreekt.")
            contract = _cell(where, lambda t=texts: parse_whole_hours(_required(t[P_CONTRACT], "de contracturen ontbreken"),
                                                                      what="contracturen"))
            reserve = _cell(where, lambda t=texts: parse_whole_hours(_required(t[P_RESERVE], "de reserve ontbreekt"),
                                                                     what="reserve"))
            assert isinstance(contract, int) and isinstance(reserve, int)
            if reserve > contract:
                raise InvalidInput(f"{where}: de reserve ({dutch.hours(reserve)}) is groter dan de contracturen "
                                   f"({dutch.hours(contract)}).")
            result.append(ProviderSetup(texts[P_NAME], contract // MINUTES_PER_HOUR, reserve // MINUTES_PER_HOUR,
                                        texts[P_CLUSTER]))
        if not result:
            raise InvalidInput("Vul minstens één dienstverlener in.")
        return result

    def _boards(self) -> list[BoardSetup]:
        result = []
        for number, texts in self.boards.filled_rows():
            where = f"Rij {number}" + (f" ({texts[B_NAME]})" if texts[B_NAME] else "")
            if not texts[B_NAME]:
                raise InvalidInput(f"{where}: de naam van het bestuur ontbreekt.")
            pupils = _cell(where, lambda t=texts: parse_percent(_required(t[B_PUPILS], "het percentage leerlingen ontbreekt"),
                                                                what="percentage leerlingen"))
            minimum = _cell(where, lambda t=texts: parse_percent(t[B_MINIMUM], what="minimum")
                            if t[B_MINIMUM] else None)
            key = _cell(where, lambda t=texts: parse_percent(t[B_KEY], what="verdeling") if t[B_KEY] else None)
            assert isinstance(pupils, int)
            result.append(BoardSetup(texts[B_NAME], pupils, key if isinstance(key, int) else None,
                                     minimum if isinstance(minimum, int) else None))
        if not result:
            raise InvalidInput("Vul minstens één schoolbestuur in.")
        return result

    def submit(self) -> None:
        setup = self.setup()
        if setup.label in self.existing and not self.dialogs.ask(
                self, "Nieuw schooljaar",
                f"Schooljaar {setup.label} bestaat al. Wilt u de opzet ervan vervangen door wat u hier invulde?",
                yes="Vervangen"):
            raise Refusal(f"Schooljaar {setup.label} bestaat al; kies een ander schooljaar.", field="label")
        try:
            self.created = create_year(runner=self.runner, setup=setup)
        except Refusal as refusal:
            refusal.field = refusal.field or _field_of(refusal.message)
            raise


def _field_of(message: str) -> str | None:
    """Which grid a refusal of the set-up as a whole concerns, so it shows beside that grid."""
    text = message.casefold()
    if "dienstverlener" in text:
        return "providers"
    if any(word in text for word in ("leerlingen", "verdeling", "minimum", "schoolbest")):
        return "boards"
    return None


def _required(text: str, missing: str) -> str:
    if not text:
        raise InvalidInput(f"{missing}.")
    return text


def _whole(text: str) -> int | None:
    try:
        return parse_whole_hours(text, what="uren") // MINUTES_PER_HOUR if text else None
    except InvalidInput:
        return None


def _percent(text: str) -> int | None:
    try:
        return parse_percent(text) if text else None
    except InvalidInput:
        return None


def _shown_hours(text: str) -> str:
    """Whole hours as typed (2393) as the grid shows them (2.393); "" when they cannot be read."""
    whole = _whole(text)
    return "" if whole is None else dutch.whole(whole)


def _shown_percent(text: str) -> str:
    """A percentage as typed (31.50) as the grid shows it (31,5); "" when it cannot be read."""
    return dutch.percent_figure(_percent(text))
