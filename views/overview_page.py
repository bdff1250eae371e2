"""Overzicht: one month per board x provider — budget, used, left, lapsed so far — with limits marked."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.domain.months import Month
from models.services import overview as service
from models.services.overview import OverviewRow

from .loading import PageLoader
from .page import Page, SearchField, page_header
from .ports import Dialogs, Runner
from .tables import BAD, ROW_ROLE, WARN, Column, RowsModel, make_table, search_texts


def _status_colour(row: OverviewRow) -> QColor | None:
    return {"over budget": BAD, "op": WARN, "bijna op": WARN}.get(row.status)


def _commitment_colour(row: OverviewRow) -> QColor | None:
    return {"overbelegd": BAD, "niet belegd": WARN}.get(row.commitment)


def _not_committed_colour(row: OverviewRow) -> QColor | None:
    return WARN if row.not_committed else None


def _over_committed_colour(row: OverviewRow) -> QColor | None:
    return BAD if row.over_committed else None


COLUMNS: list[Column[OverviewRow]] = [
    Column("Bestuur", lambda r: r.board, width=150),
    Column("Dienstverlener", lambda r: r.provider, width=110),
    Column("Maand-\nbudget", lambda r: r.budget, "hours"),
    Column("Reserve", lambda r: r.reserve, "hours", "Reservetoekenningen voor deze maand"),
    Column("Gebruikt", lambda r: r.used, "hours", background=_status_colour),
    # What is left this month is what lapses at its end: shown as "Vervalt deze maand" beside the forecast.
    Column("Over", lambda r: r.left, "hours", "Wat er deze maand nog over is (gelijk aan ‘Vervalt deze maand’)",
           background=_status_colour, hidden=True),
    Column("Status", lambda r: r.status, width=95, background=_status_colour),
    Column("Vervallen dit jaar", lambda r: r.lapsed_so_far, "hours",
           "Ongebruikte uren van afgelopen of afgesloten maanden tot en met deze maand", hidden=True),
    Column("Gebruikt dit jaar", lambda r: r.used_so_far, "hours", hidden=True),
    Column("Jaaruren", lambda r: r.yearly, "hours", hidden=True),
    # The forecast with the month shown as the running month (DOMAIN.md point 12; the `forecast` CSV).
    Column("Vervalt\ndeze maand", lambda r: r.lapses_this_month, "hours",
           "Wat aan het eind van deze maand vervalt: budget + reserve − gebruikt, niet onder 0"),
    Column("Nog over\ndit jaar", lambda r: r.left_in_year, "hours",
           "Wat de open maanden vanaf deze maand tot het eind van het schooljaar nog kunnen hebben"),
    Column("Belegd", lambda r: r.committed, "hours",
           "Wat lopende overeenkomsten (gemeld, geregistreerd of bevestigd) nog beloven"),
    Column("Niet\nbelegd", lambda r: r.not_committed, "hours",
           "Nog over min belegd: deze uren vervallen als er geen nieuwe overeenkomsten bij komen",
           background=_not_committed_colour),
    Column("Over-\nbelegd", lambda r: r.over_committed, "hours",
           "Belegd min nog over: de overeenkomsten beloven meer dan de budgetten toelaten",
           background=_over_committed_colour),
    Column("Belegging", lambda r: r.commitment, width=85, background=_commitment_colour,
           text=lambda r: r.commitment if r.provider else ""),  # not for the totals row
]

_SUMMED = ("budget", "reserve", "used", "left", "lapsed_so_far", "used_so_far", "yearly")
_FORECAST = ("lapses_this_month", "left_in_year", "committed", "not_committed", "over_committed")


def _total(rows: list[OverviewRow]) -> OverviewRow | None:
    if not rows:
        return None
    def summed(names: tuple[str, ...]) -> list[int]:
        return [sum(getattr(r, name) for r in rows) for name in names]

    return OverviewRow("Totaal", "", rows[0].month, *summed(_SUMMED), False, *summed(_FORECAST))


Shown = tuple[service.Overview, list[OverviewRow], OverviewRow | None, list[str]]


def _with_total(answers: tuple[service.Overview]) -> Shown:
    """The overview read, its rows, their totals row and what a search looks through (made in the reading
    worker: typing in the search field then only filters)."""
    data, = answers
    rows = list(data.rows)
    return data, rows, _total(rows), search_texts(COLUMNS, rows)


class OverviewPage(Page):
    #: Double-click or Enter on a row: that board's agreements at that provider (the window opens them).
    pair_opened = Signal(str, str)
    title = "Overzicht"
    depends_on = ("setup", "hours", "reserve", "months", "budgets", "agreements", "masterdata")

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(runner, parent, dialogs=dialogs)
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
        self.table, self.proxy = make_table(self.model, object_name="overviewTable", searched=True)
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
                             "<b>over budget</b>. Ongebruikte uren vervallen aan het eind van de maand. "
                             "Vanaf deze maand tot het eind van het jaar: <b>nog over</b> in de open maanden, "
                             "<b>belegd</b> in lopende overeenkomsten; <b>niet belegd</b> vervalt als er geen "
                             "overeenkomsten bij komen, <b>overbelegd</b>: de overeenkomsten beloven meer dan er "
                             "over is.")
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Overzicht", self.subtitle, self.alv_button))
        layout.addWidget(picker)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        self.loader = PageLoader(self, runner, cover=self.table)

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
            self.loader.cancel()
            self.model.set_rows([])
            return
        self.loader.load_all((service.overview, self.year, self._month, self.runner.today()), prepare=_with_total,
                             then=self._show)

    def _show(self, shown: Shown) -> None:
        data, rows, total, search = shown
        self._month = data.month
        self.month_picker.blockSignals(True)
        self.month_picker.clear()
        for month in data.months:
            self.month_picker.addItem(month.label, month)
        self.month_picker.setCurrentIndex(list(data.months).index(data.month))
        self.month_picker.blockSignals(False)
        self.model.set_rows(rows, total, search)
        marked = sum(1 for r in rows if r.status or r.commitment)
        state = "afgesloten" if data.closed else "open"
        self.subtitle.setText(
            f"Schooljaar {data.year} · {data.month.label} ({state}) · {len(rows)} combinaties bestuur × "
            f"dienstverlener · {marked} gemarkeerd")
