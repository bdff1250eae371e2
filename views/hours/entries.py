"""The hours page's tab 'Alle regels': every entry of the year (or of every year), searched and sorted in SQL,
paged in off the UI thread as it scrolls into view, with the search's count and total."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from models.domain import dutch
from models.domain.errors import Refusal
from models.services import hour_list
from models.services.hour_list import COUNT_LIMIT, HourLine, HourListQuery, HourListStart

from ..latest_read import LatestRead
from ..booking.operations import remove_booking
from ..page import Page
from ..ports import Runner
from ..tables import Column, LazyRowsModel, make_lazy_table, on_delete, selected_row


SOURCES = {"app": "app", "import": "urenlijst"}

#: The list of every entry of the year, and what each column sorts on in SQL (services.hour_list).
ENTRY_COLUMNS: list[tuple[Column[HourLine], str]] = [
    (Column("Overeenkomst", lambda e: e.agreement, width=100), "agreement"),
    (Column("Bestuur", lambda e: e.board, width=150), "board"),
    (Column("Dienstverlener", lambda e: e.provider, width=150), "provider"),
    (Column("Maand", lambda e: e.month, "month", width=135), "month"),
    (Column("Uren", lambda e: e.minutes, "hours", width=60), "minutes"),
    (Column("Bron", lambda e: SOURCES.get(e.source, e.source), width=80), "source"),
    (Column("Ingevoerd", lambda e: e.created_at, width=135,
            text=lambda e: f"{dutch.date(e.created_at.date())} {e.created_at:%H:%M}"), "created_at"),
    (Column("Notitie", lambda e: e.note, width=200, cell_tooltip=lambda e: e.note, size="stretch"), "note"),
]


def count_text(count: int, one: str = "regel", many: str = "regels") -> str:
    """'1.000.000 regels', '1 regel'."""
    return dutch.count(count, one, many)


class EntriesPage(Page):
    """A page with the tab 'Alle regels' (the hours page is one): every entry of the year, paged in as it scrolls
    into view, searched and sorted in SQL, read off the UI thread; Delete removes the selected one."""

    notice: QLabel
    tabs: QTabWidget

    def build_entries(self, runner: Runner) -> None:
        """The tab's widgets and readers (called where the page builds them, so that Tab keeps its order)."""
        # Every entry of the year: paged in as it scrolls into view, searched and sorted in SQL.
        self.entries_search = QLineEdit()
        self.entries_search.setObjectName("entriesSearch")
        self.entries_search.setPlaceholderText("Zoek overeenkomst, bestuur, dienstverlener, maand (2016-10) of "
                                               "notitie… (Ctrl+F)")
        self.entries_search.setClearButtonEnabled(True)
        self.entries_search.setMinimumWidth(360)
        self.entries_count = QLabel()
        self.entries_count.setObjectName("entriesCount")
        self.entries_total = QLabel()  # the hours of every row that matches, not only of those paged in
        self.entries_total.setObjectName("entriesTotal")
        self.entries_total.setToolTip("De uren van alle regels die passen bij het schooljaar en de zoekterm")
        self.entries_model: LazyRowsModel[HourLine] = LazyRowsModel([c for c, _ in ENTRY_COLUMNS],
                                                                    [k for _, k in ENTRY_COLUMNS])
        self.entries = make_lazy_table(self.entries_model, object_name="hourEntries")
        # A new search, sort or year is read off the UI thread (over every year it may take a while); only the
        # latest answer is shown. Further pages too: a few milliseconds each, but over every year in an order
        # without an index of its own (Ingevoerd, Bestuur, ...) a second and more.
        self.entries_loader = LatestRead(runner, self)
        self.entries_loader.busy.connect(self._entries_busy)
        self.pages_loader = LatestRead(runner, self)
        self.pages_loader.busy.connect(self._pages_busy)
        self.entries_model.reload = self.load_entries
        self.entries_model.in_background = lambda work, deliver: self.pages_loader.call(
            work, on_result=deliver, on_error=self._entries_refused)
        self.entries_progress = QWidget()
        self.entries_progress.setObjectName("entriesProgress")
        progress_bar = QProgressBar()
        progress_bar.setRange(0, 0)  # busy, without an end in sight
        progress_bar.setTextVisible(False)
        progress_bar.setMaximumWidth(80)
        self.entries_cancel = QPushButton("Annuleren")
        self.entries_cancel.setToolTip("Het zoeken of laden afbreken")
        self.entries_cancel.clicked.connect(self.cancel_entries)
        progress_layout = QHBoxLayout(self.entries_progress)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        self.entries_progress_text = QLabel("Bezig met zoeken…")
        progress_layout.addWidget(self.entries_progress_text)
        progress_layout.addWidget(progress_bar)
        progress_layout.addWidget(self.entries_cancel)
        self.entries_progress.hide()
        self._entries_stale = True
        self._entries_timer = QTimer(self)
        self._entries_timer.setSingleShot(True)
        self._entries_timer.setInterval(250)  # search after a pause in typing, not at every key
        self._entries_timer.timeout.connect(self.load_entries)
        self.entries_search.textChanged.connect(lambda _text: self._entries_timer.start())
        self.entries_search.returnPressed.connect(self.load_entries)
        self.all_years = QCheckBox("Alle schooljaren")
        self.all_years.setToolTip("Ook de regels van andere schooljaren tonen")
        self.all_years.toggled.connect(lambda _on: self._reload_entries())
        on_delete(self.entries, self.remove_selected_entry)

    def entries_tab(self) -> QWidget:
        """The tab: its search, the count and total, and the list."""
        entries_tab = QWidget()
        entries_layout = QVBoxLayout(entries_tab)
        entries_layout.setContentsMargins(0, 4, 0, 0)
        entries_bar = QHBoxLayout()
        entries_bar.addWidget(self.entries_search)
        entries_bar.addWidget(self.all_years)
        entries_bar.addWidget(self.entries_count)
        entries_bar.addWidget(self.entries_total)
        entries_bar.addWidget(self.entries_progress)
        entries_bar.addStretch(1)
        entries_layout.addLayout(entries_bar)
        entries_layout.addWidget(self.entries, 1)
        return entries_tab

    def show_entries(self) -> None:
        """The tab with every entry of the year (loads its first page)."""
        self.tabs.setCurrentIndex(1)

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self._entries_stale:
            self.load_entries()

    def _entries_query(self) -> HourListQuery | None:
        if not self.year:
            return None
        model = self.entries_model
        return HourListQuery(None if self.all_years.isChecked() else self.year, self.entries_search.text().strip(),
                             model.sort_key or "id", model.descending)

    def _reload_entries(self) -> None:
        self.load_entries()

    def remove_selected_entry(self) -> bool:
        """Delete asks first and says what is lost; a closed month refuses, with its reason."""
        entry: HourLine | None = selected_row(self.entries)
        if entry is None or self.runner.read_only:
            return False
        done = remove_booking(parent=self, runner=self.runner, dialogs=self.dialogs, entry=entry,
                              about=f" ({entry.board} bij {entry.provider})")
        if done:
            self.notice.setText(done)
        return done is not None

    def load_entries(self) -> None:
        """Read the first page and the count of what matches, off the UI thread; the rest comes in as it
        scrolls into view. Typing on meanwhile asks again, and only the latest answer is shown."""
        self._entries_timer.stop()
        self._entries_stale = False
        query = self._entries_query()
        if query is None:
            self.entries_loader.cancel()
            self.entries_model.load(None, 0)
            self.entries_count.setText("")
            self.entries_total.setText("")
            return
        self.pages_loader.cancel()
        self.entries_model.pause()  # the rows shown stay until the answer comes, but page no further
        self.entries_loader.request(hour_list.start, query, self.entries_model.page_size,
                                    on_result=lambda start: self._show_entries(query, start),
                                    on_error=self._entries_refused)

    def _show_entries(self, query: HourListQuery, start: HourListStart) -> None:
        runner = self.runner

        def fetch(sort: str | None, descending: bool, after: HourLine | None, limit: int) -> list[HourLine]:
            ordered = HourListQuery(query.year, query.search, sort or "id", descending)
            return runner.read(hour_list.page, ordered, after.key if after is not None else None, limit)

        self.entries.scrollToTop()
        self.entries_model.load(fetch, None if start.more else start.matching, first=start.lines)
        where = " in alle schooljaren" if query.year is None else ""
        if query.search:
            matching = (f"meer dan {count_text(COUNT_LIMIT, '', '').strip()}" if start.more
                        else count_text(start.matching, '', '').strip())
            self.entries_count.setText(f"zoekterm ‘{query.search}’: {matching} van {count_text(start.total)}{where}")
        else:
            self.entries_count.setText(count_text(start.total) + where)
        self.entries_total.setText(f"· samen <b>{dutch.hours(start.minutes)} uur</b>")

    def _entries_refused(self, error: BaseException) -> None:
        if not isinstance(error, Refusal):
            raise error
        self.entries_model.load(None, 0)
        self.entries_count.setText("")
        self.entries_total.setText("")
        self.dialogs.error(self, "Zoeken kan niet", error.message)

    def _entries_busy(self, busy: bool) -> None:
        """While a read takes long: "Bezig met zoeken…" with Annuleren instead of the count, and the rows of
        before greyed (they are not the answer to what is typed now)."""
        self.entries_progress_text.setText("Bezig met zoeken…")
        self.entries_progress.setVisible(busy)
        self.entries_count.setVisible(not busy)
        self.entries_total.setVisible(not busy)
        self.entries.setEnabled(not busy)

    def _pages_busy(self, busy: bool) -> None:
        """A further page that takes long: "Bezig met laden…" beside the count; the rows shown stay usable."""
        if self.entries_loader.waiting:
            return  # a new search is on its way; its own progress is shown
        self.entries_progress_text.setText("Bezig met laden…")
        self.entries_progress.setVisible(busy)
        self.entries_total.setVisible(not busy)  # the bar keeps its width: the window never widens for it

    def cancel_entries(self) -> None:
        """Annuleren while searching: the list is emptied; Enter in the search field searches again. While
        a further page is read: that page is dropped; scrolling on asks for it again."""
        if not self.entries_loader.waiting:
            self.pages_loader.cancel()
            self.entries_model.cancel_fetch()
            return
        self._entries_timer.stop()  # a search typed just before is cancelled too
        self.entries_loader.cancel()
        self.entries_model.load(None, 0)
        self.entries_count.setText("Zoeken geannuleerd; Enter zoekt opnieuw.")
        self.entries_total.setText("")
