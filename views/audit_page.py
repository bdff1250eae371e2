"""Logboek: who changed what and when, filtered on kind, user, days and text; the details of one change;
an export of what is shown to Excel."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSplitter, QVBoxLayout, QWidget,
)

from models.domain import dutch
from models.domain.errors import Refusal
from models.services import audit_log as service
from models.services.audit_log import AuditFilter, AuditResult, AuditRow, FieldChange

from . import richtext
from .forms import date_field, date_of, select_data
from .loading import PageLoader
from .operations import attempt
from .page import Page, SearchField, page_header
from .ports import Changes, Dialogs, Runner
from .tables import Column, RowsModel, make_table, select_where, selected_row

UNKNOWN_USER = "(onbekend)"
SEARCH_DELAY_MS = 300  # query once the user pauses typing, not at every key


def _moment(at: dt.datetime) -> str:
    return f"{dutch.date(at.date())} {at:%H:%M}"


COLUMNS: list[Column[AuditRow]] = [
    Column("Wanneer", lambda r: (r.at, r.id), width=136, text=lambda r: _moment(r.at),
           cell_tooltip=lambda r: f"{dutch.date(r.at.date())} {r.at:%H:%M:%S} · wijziging {r.id}"),
    Column("Wie", lambda r: r.user, width=96, text=lambda r: r.user or UNKNOWN_USER),
    Column("Actie", lambda r: r.action, width=92),
    Column("Soort", lambda r: r.entity, width=124),
    Column("Samenvatting", lambda r: r.summary, width=300, cell_tooltip=lambda r: r.summary, size="stretch"),
]

CHANGE_COLUMNS: list[Column[FieldChange]] = [
    Column("Veld", lambda c: c.label, width=190),
    Column("Was", lambda c: c.before, width=300, cell_tooltip=lambda c: c.before),
    Column("Wordt", lambda c: c.after, width=300, cell_tooltip=lambda c: c.after),
]


class AuditPage(Page):
    title = "Logboek"
    depends_on = tuple(Changes.__dataclass_fields__)  # every change adds to the trail

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(runner, parent, dialogs=dialogs)
        self.limit = service.DEFAULT_LIMIT
        self.result: service.AuditResult | None = None
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.export_button = QPushButton("Exporteren naar Excel…")
        self.export_button.setToolTip("De wijzigingen die aan de filters voldoen opslaan als Excel-werkmap")
        self.export_button.clicked.connect(self.export)

        self.entity_filter = QComboBox()
        self.entity_filter.setObjectName("auditEntity")
        self.entity_filter.setMinimumContentsLength(14)
        self.user_filter = QComboBox()
        self.user_filter.setObjectName("auditUser")
        self.user_filter.setMinimumContentsLength(12)
        today = runner.today()
        self.since_check = QCheckBox("&Van")
        self.since = date_field(today - dt.timedelta(days=30))
        self.until_check = QCheckBox("t/&m")
        self.until = date_field(today)
        for check, field in ((self.since_check, self.since), (self.until_check, self.until)):
            field.setEnabled(False)
            check.toggled.connect(field.setEnabled)
            check.toggled.connect(self._filters_changed)
            field.dateChanged.connect(self._filters_changed)
        self.search = SearchField("Zoek nummer, naam of tekst… (Ctrl+F)")
        self.search.setObjectName("auditSearch")
        self.search.setToolTip("Zoekt in wat er veranderde, en vindt ook een overeenkomstnummer (met de uren erop), "
                               "een bestuur of dienstverlener, een maand ('oktober 2016') of een veld "
                               "('leerlingcode')")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._filters_changed)
        self.entity_filter.currentIndexChanged.connect(self._filters_changed)
        self.user_filter.currentIndexChanged.connect(self._filters_changed)
        self.filter_error = QLabel()
        self.filter_error.setObjectName("fieldError")
        self.filter_error.hide()

        self.model: RowsModel[AuditRow] = RowsModel(COLUMNS)
        self.table, self.proxy = make_table(self.model, object_name="auditTable")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.more_button = QPushButton("Meer tonen")
        self.more_button.setToolTip("Nog eens zoveel oudere wijzigingen laden")
        self.more_button.clicked.connect(self.show_more)
        self.more_button.hide()
        self.details_title = QLabel()
        self.details_title.setWordWrap(True)
        self.details_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes_model: RowsModel[FieldChange] = RowsModel(CHANGE_COLUMNS)
        self.changes_table, _ = make_table(self.changes_model, object_name="auditChanges", sortable=False)
        self.changes_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Logboek", self.subtitle, self.export_button))
        for row in self._filter_rows():
            layout.addLayout(row)
        layout.addWidget(self.filter_error)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        more_row = QHBoxLayout()
        more_row.addStretch(1)
        more_row.addWidget(self.more_button)
        top_layout.addLayout(more_row)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.setSpacing(2)
        bottom_layout.addWidget(self.details_title)
        bottom_layout.addWidget(self.changes_table, 1)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 210])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        self.notice.hide()
        hint = QLabel("Elke wijziging wordt vastgelegd met wie (de inlognaam) en wanneer, samen met de wijziging "
                      "zelf. Leerlingcodes staan niet in het logboek.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(self.notice)
        layout.addWidget(hint)
        for first, second in ((self.export_button, self.search), (self.search, self.entity_filter)):
            self.setTabOrder(first, second)  # top to bottom, as the page reads
        self.loader = PageLoader(self, runner, cover=self.table)
        self._show_selected()

    def _filter_rows(self) -> list[QHBoxLayout]:
        """Two rows, so that the page fits a 1024 pixels wide screen: what to search for, then the pickers
        (kind, user) and the days."""
        search = QHBoxLayout()
        search.setContentsMargins(0, 0, 0, 0)
        search.addWidget(self.search, 1)
        search.addStretch(1)
        pickers = QHBoxLayout()
        pickers.setContentsMargins(0, 0, 0, 0)
        for caption, widget in (("&Soort:", self.entity_filter), ("&Gebruiker:", self.user_filter)):
            label = QLabel(caption)
            label.setBuddy(widget)
            pickers.addWidget(label)
            pickers.addWidget(widget)
            pickers.addSpacing(8)
        for check, field in ((self.since_check, self.since), (self.until_check, self.until)):
            pickers.addWidget(check)
            pickers.addWidget(field)
        pickers.addStretch(1)
        return [search, pickers]

    # ------------------------------------------------------------------ reading
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            entity=self.entity_filter.currentData(), user=self.user_filter.currentData(),
            since=date_of(self.since) if self.since_check.isChecked() else None,
            until=date_of(self.until) if self.until_check.isChecked() else None,
            text=self.search.text().strip(), limit=self.limit)

    def refresh(self) -> None:
        """The kinds and users to filter on and the changes, read off the UI thread."""
        flt = self.current_filter()
        self.loader.load_all((service.entities,), (service.users,), (service.entries, flt),
                             then=lambda answers: self._loaded(flt, answers), refused=self._refused)

    def _loaded(self, flt: AuditFilter, answers: tuple[list[str], list[str | None], AuditResult]) -> None:
        entities, users, result = answers
        self._show_choices(entities, users)
        if self.current_filter() != flt:  # a kind or user no longer there: the filter went back to 'Alle'
            self._load_rows()
        else:
            self._show_rows(result)

    def _show_choices(self, entities: list[str], users: list[str | None]) -> None:
        for box, everything, values in ((self.entity_filter, "Alle soorten", entities),
                                        (self.user_filter, "Alle gebruikers", users)):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for value in values:
                box.addItem(value or UNKNOWN_USER, value)
            if current is None or not select_data(box, current):
                box.setCurrentIndex(0)
            box.blockSignals(False)

    def _filters_changed(self, *_args: object) -> None:
        self._search_timer.stop()
        self.limit = service.DEFAULT_LIMIT
        self._load_rows()

    def show_more(self) -> None:
        self.limit += service.DEFAULT_LIMIT
        self._load_rows()

    def _load_rows(self) -> None:
        self.loader.load(service.entries, self.current_filter(), then=self._show_rows, refused=self._refused)

    def _refused(self, refusal: Refusal) -> None:
        """A filter the log cannot be searched on (a period that ends before it starts): said beside it."""
        self.filter_error.setText(refusal.message)
        self.filter_error.show()
        self.result = None
        self.model.set_rows([])
        self._show_selected()
        self.subtitle.setText(self._describe())

    def _show_rows(self, result: AuditResult) -> None:
        keep = selected_row(self.table)
        self.filter_error.hide()
        self.result = result
        self.model.set_rows(result.rows)
        if not (keep is not None and select_where(self.table, lambda r: r.id == keep.id)) and result.rows:
            self.table.selectRow(0)
        self.more_button.setVisible(result.more)
        self._show_selected()
        self.subtitle.setText(self._describe())

    def filtered(self) -> bool:
        flt = self.current_filter()
        return bool(flt.entity or flt.user is not None or flt.since or flt.until or flt.text)

    def describe_filter(self) -> str:
        """What the rows are filtered on, in words (also the second line of the workbook)."""
        flt = self.current_filter()
        parts = []
        if flt.entity:
            parts.append(f"soort {flt.entity}")
        if flt.user is not None:
            parts.append(f"gebruiker {flt.user or UNKNOWN_USER}")
        if flt.since and flt.until:
            parts.append(f"van {dutch.date(flt.since)} t/m {dutch.date(flt.until)}")
        elif flt.since:
            parts.append(f"vanaf {dutch.date(flt.since)}")
        elif flt.until:
            parts.append(f"t/m {dutch.date(flt.until)}")
        if flt.text:
            parts.append(f"zoekterm ‘{flt.text}’")
        return ("gefilterd op " + ", ".join(parts)) if parts else "alle wijzigingen"

    def _describe(self) -> str:
        words = self.describe_filter()
        head = words[:1].upper() + words[1:]
        if self.result is None:
            return head
        count = len(self.result.rows)
        if self.result.more:
            return f"{head} · de nieuwste {count} getoond; er zijn er meer: verfijn de filters of kies ‘Meer tonen’"
        return f"{head} · {count} wijziging{'en' if count != 1 else ''}, nieuwste eerst"

    def selected(self) -> AuditRow | None:
        row = selected_row(self.table)
        return row if isinstance(row, AuditRow) else None

    def _show_selected(self) -> None:
        row = self.selected()
        if row is None:
            self.changes_model.set_rows([])
            if self.result is not None and not self.result.rows:
                self.details_title.setText("Geen wijzigingen die aan de filters voldoen." if self.filtered()
                                           else "Nog geen wijzigingen vastgelegd.")
            else:
                self.details_title.setText("Selecteer een wijziging om te zien welke velden veranderden.")
            return
        self.details_title.setText(
            f"<b>{richtext.plain(row.summary)}</b><br>{row.action.capitalize()} door "
            f"{richtext.plain(row.user or UNKNOWN_USER)} op "
            f"{dutch.date(row.at.date())} om {row.at:%H:%M:%S} · wijziging {row.id}")
        self.changes_model.set_rows(row.changes)
        # An addition has nothing before, a deletion nothing after: no empty column.
        self.changes_table.setColumnHidden(1, row.action == "toegevoegd")
        self.changes_table.setColumnHidden(2, row.action == "verwijderd")

    # ------------------------------------------------------------------ export
    def export(self) -> Path | None:
        """Every row that passes the filters (not only those shown) to a workbook the user names."""
        suggested = Path.home() / f"Logboek {self.runner.today():%Y-%m-%d}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, "Logboek exporteren naar Excel", str(suggested),
                                              "Excel-werkmap (*.xlsx)")
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".xlsx")
        flt = replace(self.current_filter(), limit=None)

        def export() -> tuple[tuple[AuditRow, ...], Path]:
            rows = self.runner.read(service.entries, flt).rows
            from exports.audit_xlsx import write_audit_xlsx  # openpyxl only when exporting

            return rows, write_audit_xlsx(rows, path, shown=self.describe_filter(), printed_on=self.runner.today())

        exported = attempt(export, parent=self, dialogs=self.dialogs, refusal_title="Exporteren kan niet")
        if exported is None:
            return None
        rows, written = exported
        text = f"Opgeslagen als {written}."
        self.notice.setText(f"{len(rows)} wijziging{'en' if len(rows) != 1 else ''} geëxporteerd. {text}")
        self.notice.show()
        self.dialogs.info(self, "Logboek geëxporteerd", text)
        return written
