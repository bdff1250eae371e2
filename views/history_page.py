"""Verloop: every school year's figures per board and provider side by side (DOMAIN.md point 13), as the
`history` CSV has them, with a small chart per board of its use over the years: does the key still fit?"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from models.domain import dutch
from models.services import history
from models.services.history import HistoryRow
from models.services.reports import Figures

from .loading import PageLoader
from .page import Page, page_header
from .ports import Dialogs, Runner
from .tables import Column, RowsModel, make_table
from .use_chart import BoardUse, UseChart, UseChartArea, YearUse

ALL_BOARDS = "Alle besturen"
ALL_PROVIDERS = "Alle dienstverleners"


def _provisional(row: HistoryRow) -> QColor | None:
    return None if row.final else QColor("#f3f5f8")


COLUMNS: list[Column[HistoryRow]] = [
    Column("Schooljaar", lambda r: r.year, size="fit"),
    Column("Bestuur", lambda r: r.board, width=150),
    Column("Dienstverlener", lambda r: r.provider, width=110),
    Column("Jaaruren", lambda r: r.figures.yearly, "hours"),
    Column("Reserve", lambda r: r.figures.reserve, "hours", "Reserve toegekend in dat schooljaar"),
    Column("Gebruikt", lambda r: r.figures.used, "hours"),
    Column("Vervallen", lambda r: r.figures.lapsed, "hours",
           "Ongebruikte uren van maanden die voorbij of afgesloten zijn"),
    Column("Benutting", lambda r: r.figures.utilisation, "int", "Gebruikt ÷ (jaaruren + reserve toegekend)",
           text=lambda r: "" if r.figures.utilisation is None else f"{r.figures.utilisation} %"),
    Column("Status", lambda r: r.status, size="fit", background=_provisional,
           tooltip="Definitief zodra elke budgetmaand van het schooljaar is afgesloten; tot dan voorlopig"),
]


def board_uses(rows: Iterable[HistoryRow]) -> list[BoardUse]:
    """Per board (in the order of the rows) its use per year over the providers in `rows`: the use of their
    figures summed (Figures.utilisation needs only the yearly hours, the reserve and the hours used)."""
    summed: dict[str, dict[str, list[int]]] = defaultdict(dict)
    final: dict[str, bool] = {}
    for r in rows:
        f = r.figures
        acc = summed[r.board].get(r.year)
        if acc is None:
            summed[r.board][r.year] = [f.yearly_hours, f.reserve, f.used]
        else:
            acc[0] += f.yearly_hours
            acc[1] += f.reserve
            acc[2] += f.used
        final[r.year] = r.final
    return [BoardUse(board, tuple(YearUse(year, Figures(yearly_hours=hours, reserve=reserve, used=used).utilisation,
                                          final[year])
                                  for year, (hours, reserve, used) in sorted(years.items())))
            for board, years in summed.items()]


@dataclass(frozen=True)
class Shown:
    """What Verloop shows of every year's rows, made in the reading worker: the pickers' names, the number of
    years and each board's use over all its providers (the chart as long as no provider is chosen)."""

    rows: list[HistoryRow]
    boards: tuple[str, ...]
    providers: tuple[str, ...]
    years: int
    uses: dict[str, BoardUse]


def shown_of(answers: tuple[list[HistoryRow]]) -> Shown:
    rows, = answers
    return Shown(rows, tuple(dict.fromkeys(r.board for r in rows)), tuple(dict.fromkeys(r.provider for r in rows)),
                 len(dict.fromkeys(r.year for r in rows)), {use.board: use for use in board_uses(rows)})


class HistoryPage(Page):
    title = "Verloop"
    depends_on = ("years", "setup", "hours", "reserve", "months", "budgets", "agreements", "masterdata")

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(runner, parent, dialogs=dialogs)
        self.shown = Shown([], (), (), 0, {})
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.board_filter = QComboBox()
        self.board_filter.setObjectName("historyBoard")
        self.board_filter.setMinimumContentsLength(18)
        self.provider_filter = QComboBox()
        self.provider_filter.setObjectName("historyProvider")
        self.provider_filter.setMinimumContentsLength(16)
        for picker in (self.board_filter, self.provider_filter):
            picker.currentIndexChanged.connect(self._filter_chosen)
        self.model: RowsModel[HistoryRow] = RowsModel(COLUMNS)
        self.table, self.proxy = make_table(self.model, object_name="historyTable")
        self.chart = UseChart()
        chart_title = QLabel("Benutting per bestuur over de jaren")
        chart_title.setStyleSheet("font-weight: 600; margin-top: 4px;")
        hint = QLabel("Per schooljaar: jaaruren, reserve toegekend, gebruikt, vervallen en benutting (gebruikt ÷ "
                      "(jaaruren + reserve)). Een jaar is <b>voorlopig</b> zolang niet elke maand is afgesloten "
                      "(gearceerd, met ‘v’), daarna <b>definitief</b>.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for text, picker in (("&Bestuur:", self.board_filter), ("&Dienstverlener:", self.provider_filter)):
            label = QLabel(text)
            label.setBuddy(picker)
            filters.addWidget(label)
            filters.addWidget(picker)
            filters.addSpacing(12)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Verloop", self.subtitle))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(chart_title)
        layout.addWidget(UseChartArea(self.chart))
        layout.addWidget(hint)
        self.loader = PageLoader(self, runner, cover=self.table)

    def set_year(self, label: str | None) -> None:
        """Every school year is shown here: choosing another one in the toolbar changes nothing."""
        self.year = label

    def refresh(self) -> None:
        """Every year's figures are read off the UI thread (a decade of hours takes a while), and made there into
        what the page shows."""
        self.loader.load_all((history.history, self.runner.today()), prepare=shown_of, then=self._loaded)

    @property
    def rows(self) -> list[HistoryRow]:
        return self.shown.rows

    def _loaded(self, shown: Shown) -> None:
        self.shown = shown
        for picker, everything, names in ((self.board_filter, ALL_BOARDS, shown.boards),
                                          (self.provider_filter, ALL_PROVIDERS, shown.providers)):
            chosen = picker.currentData()
            picker.blockSignals(True)
            picker.clear()
            picker.addItem(everything, None)
            for name in names:
                picker.addItem(name, name)
            found = picker.findText(chosen) if chosen else 0
            picker.setCurrentIndex(max(found, 0))
            picker.blockSignals(False)
        self._show()

    def _filter_chosen(self, _index: int) -> None:
        self._show()

    def _show(self) -> None:
        board, provider = self.board_filter.currentData(), self.provider_filter.currentData()
        if board is None and provider is None:
            shown = self.rows
            uses = list(self.shown.uses.values())
        else:
            shown = [r for r in self.rows if board in (None, r.board) and provider in (None, r.provider)]
            uses = board_uses(shown) if provider is not None else [self.shown.uses[board]]
        self.model.set_rows(shown)
        self.chart.set_boards(uses)
        what = " · ".join(part for part in (board, provider) if part) or "alle besturen en dienstverleners"
        self.subtitle.setText(
            f"{dutch.count(self.shown.years, 'schooljaar', 'schooljaren')} · {what} · "
            f"{dutch.count(len(shown), 'regel', 'regels')}")
