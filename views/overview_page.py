"""Overzicht: one month per board x provider — budget, used, left, lapsed so far — with limits marked."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.domain.months import Month
from models.services import overview as service
from models.services.overview import OverviewRow

from .page import Page, SearchField, page_header
from .ports import Runner
from .table import BAD, ROW_ROLE, WARN, Column, RowsModel, make_table


def _status_colour(row: OverviewRow) -> QColor | None:
    return {"over budget": BAD, "op": WARN, "bijna op": WARN}.get(row.status)


COLUMNS: list[Column[OverviewRow]] = [
    Column("Bestuur", lambda r: r.board, width=150),
    Column("Dienstverlener", lambda r: r.provider, width=110),
    Column("Maandbudget", lambda r: r.budget, "hours"),
    Column("Reserve", lambda r: r.reserve, "hours", "Reservetoekenningen voor deze maand"),
    Column("Gebruikt", lambda r: r.used, "hours", background=_status_colour),
    Column("Over", lambda r: r.left, "hours", background=_status_colour),
    Column("Status", lambda r: r.status, width=95, background=_status_colour),
    Column("Vervallen dit jaar", lambda r: r.lapsed_so_far, "hours",
           "Ongebruikte uren van afgelopen of afgesloten maanden tot en met deze maand"),
    Column("Gebruikt dit jaar", lambda r: r.used_so_far, "hours"),
    Column("Jaaruren", lambda r: r.yearly, "hours"),
]


def _total(rows: list[OverviewRow]) -> OverviewRow | None:
    if not rows:
        return None
    return OverviewRow("Totaal", "", rows[0].month, *(sum(getattr(r, f) for r in rows) for f in (
        "budget", "reserve", "used", "left", "lapsed_so_far", "used_so_far", "yearly")), False)


class OverviewPage(Page):
    #: Double-click or Enter on a row: that board's agreements at that provider (the window opens them).
    pair_opened = Signal(str, str)
    title = "Overzicht"
    depends_on = ("setup", "hours", "reserve", "months", "budgets", "agreements")

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._month: Month | None = None
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)  # a long summary wraps instead of widening the window
        self.month_picker = QComboBox()
        self.month_picker.setObjectName("overviewMonth")
        self.month_picker.setMinimumContentsLength(16)
        self.month_picker.currentIndexChanged.connect(self._month_chosen)
        self.search = SearchField("Zoek bestuur of dienstverlener…")
        self.search.setToolTip("Zoek bestuur of dienstverlener (Ctrl+F)")
        self.alv_button = QPushButton("ALV-overzicht maken…")
        self.alv_button.setObjectName("overviewAlv")
        self.alv_button.setToolTip("Het ALV-overzicht van dit schooljaar als PDF opslaan (Ctrl+E)")
        self.alv_button.setDefault(True)
        self.alv_button.setEnabled(False)
        self.alv_button.clicked.connect(self.export_alv)
        self.model: RowsModel[OverviewRow] = RowsModel(COLUMNS)
        self.table, self.proxy = make_table(self.model, object_name="overviewTable")
        self.table.setToolTip("Dubbelklik of Enter op een regel: de overeenkomsten van dat bestuur bij die "
                              "dienstverlener")
        self.table.activated.connect(self._row_activated)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        picker = QWidget()
        row = QHBoxLayout(picker)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Maand:")
        label.setBuddy(self.month_picker)
        row.addWidget(label)
        row.addWidget(self.month_picker)
        row.addSpacing(12)
        row.addWidget(self.search)
        row.addStretch(1)
        self.legend = QLabel("Gemarkeerd: <b>bijna op</b> vanaf 90 % van budget + reserve, <b>op</b>, "
                             "<b>over budget</b>. Ongebruikte uren vervallen aan het eind van de maand.")
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Overzicht", self.subtitle, self.alv_button))
        layout.addWidget(picker)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _month_chosen(self, index: int) -> None:
        month = self.month_picker.itemData(index)
        if month is not None and month != self._month:
            self._month = month
            self.refresh()

    def _row_activated(self, index: QModelIndex) -> None:
        row = index.siblingAtColumn(0).data(ROW_ROLE)
        if isinstance(row, OverviewRow) and row.provider:  # not the totals row
            self.pair_opened.emit(row.board, row.provider)

    def export_alv(self) -> None:
        """The page's primary action: the ALV overview of the year shown, through the window's Rapporten action."""
        from .export_actions import exports_for

        exports_for(self).alv.trigger()

    def refresh(self) -> None:
        self.alv_button.setEnabled(bool(self.year))
        if not self.year:
            self.model.set_rows([])
            return
        data = self.runner.read(service.overview, self.year, self._month, self.runner.today())
        self._month = data.month
        self.month_picker.blockSignals(True)
        self.month_picker.clear()
        for month in data.months:
            self.month_picker.addItem(month.label, month)
        self.month_picker.setCurrentIndex(list(data.months).index(data.month))
        self.month_picker.blockSignals(False)
        rows = list(data.rows)
        self.model.set_rows(rows, _total(rows))
        marked = sum(1 for r in rows if r.status)
        state = "afgesloten" if data.closed else "open"
        self.subtitle.setText(
            f"Schooljaar {data.year} · {data.month.label} ({state}) · {len(rows)} combinaties bestuur × "
            f"dienstverlener · {marked} gemarkeerd")
