"""Thin Qt table models over plain lists of rows, with typed columns (after napari's item models).

A column knows how to show a row's value (Dutch format), how to sort it (the raw value),
how to align it (numbers right) and, optionally, a status word and a colour.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from . import format as fmt

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

# Calm colours, always paired with a word (colour-blind users, black-and-white print).
WARN = QColor("#fff4cc")
BAD = QColor("#f8d7d3")
MUTED = QColor("#6b6b6b")
TOTAL = QColor("#eef2f6")


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    value: Callable[[R], Any]
    kind: str = "text"  # text | hours | int | percent | date | month
    tooltip: str = ""
    background: Callable[[R], QColor | None] | None = None
    width: int | None = None
    #: The text shown when it is not simply the value in Dutch format (the value still sorts).
    text: Callable[[R], str] | None = None
    #: A tooltip per cell (e.g. the figures behind it); falls back to `tooltip`.
    cell_tooltip: Callable[[R], str] | None = None

    def display(self, row: R) -> str:
        if self.text is not None:
            return self.text(row)
        value = self.value(row)
        if value is None:
            return ""
        match self.kind:
            case "hours":
                return fmt.hours(value)
            case "percent":
                return fmt.percent(value)
            case "date":
                return fmt.date(value)
            case "month":
                return fmt.month(value)
            case "int":
                return f"{value:,}".replace(",", ".")
            case _:
                return str(value)

    @property
    def numeric(self) -> bool:
        return self.kind in ("hours", "int", "percent")


class RowsModel(QAbstractTableModel, Generic[R]):
    """A table over a list of rows, with an optional totals row; `set_rows` replaces them all."""

    def __init__(self, columns: Sequence[Column[R]], rows: Sequence[R] = ()) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows: list[R] = list(rows)
        self.total_row: R | None = None

    def set_columns(self, columns: Sequence[Column[R]], rows: Sequence[R] = (), total: R | None = None) -> None:
        """Replace the columns too (e.g. one per month of the chosen year); call `fit_columns` after."""
        self.beginResetModel()
        self.columns = list(columns)
        self.rows = list(rows)
        self.total_row = total
        self.endResetModel()

    def set_rows(self, rows: Sequence[R], total: R | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.total_row = total
        self.endResetModel()

    def row_at(self, index: int) -> R | None:
        if 0 <= index < len(self.rows):
            return self.rows[index]
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows) + (1 if self.total_row is not None else 0)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def _row(self, index: int) -> tuple[R, bool]:
        if index < len(self.rows):
            return self.rows[index], False
        assert self.total_row is not None
        return self.total_row, True

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, is_total = self._row(index.row())
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == SORT_ROLE:
            value = column.value(row)
            # The totals row always sorts last.
            return (1 if is_total else 0, value if value is not None else "")
        if role == ROW_ROLE:
            return None if is_total else row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if is_total:
                return QBrush(TOTAL)
            if column.background is not None:
                colour = column.background(row)
                return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.cell_tooltip is not None:
                return column.cell_tooltip(row) or column.tooltip or None
            return column.tooltip or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
                return column.tooltip
            if role == Qt.ItemDataRole.TextAlignmentRole:
                horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
                return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None


class SortFilterProxy(QSortFilterProxyModel):
    """Sorts on raw values (not the Dutch text); filters on any column's text, case-insensitively."""

    def __init__(self, source: RowsModel[Any]) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a[0] != b[0]:  # the totals row stays at the bottom in either order
            return (a[0] < b[0]) == (self.sortOrder() == Qt.SortOrder.AscendingOrder)
        try:
            return bool(a[1] < b[1])
        except TypeError:
            return str(a[1]) < str(b[1])

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RowsModel)
        if source_row >= len(model.rows):
            return True  # totals stay visible
        return super().filterAcceptsRow(source_row, source_parent)


def make_table(model: RowsModel[Any], *, object_name: str, sortable: bool = True) -> tuple[QTableView, SortFilterProxy]:
    """A table view the way every page shows one: sortable, whole rows selected, numbers right."""
    proxy = SortFilterProxy(model)
    view = _table_view(proxy, object_name, sortable)
    fit_columns(view, model.columns)
    return view, proxy


def _table_view(model: QAbstractItemModel, object_name: str, sortable: bool) -> QTableView:
    view = QTableView()
    view.setObjectName(object_name)
    view.setModel(model)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the source order
    view.setSortingEnabled(sortable)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab goes on to the next control; arrows move between cells
    return view


def fit_columns(view: QTableView, columns: Sequence[Column[Any]]) -> None:
    """Each column its set width, never narrower than its (bold) title plus the sort arrow."""
    bold = view.font()
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    for i, column in enumerate(columns):
        title = max((metrics.horizontalAdvance(line) for line in column.title.split("\n")), default=0)
        view.setColumnWidth(i, max(column.width or 0, title + 26))


def select_where(view: QTableView, wanted: Callable[[Any], bool]) -> bool:
    """Select the first row whose row object satisfies `wanted` (e.g. the same number after a refresh)."""
    model = view.model()
    for r in range(model.rowCount()):
        row = model.index(r, 0).data(ROW_ROLE)
        if row is not None and wanted(row):
            view.selectRow(r)
            view.scrollTo(model.index(r, 0))
            return True
    return False


def on_delete(view: QTableView, remove: Callable[[], object]) -> QShortcut:
    """The Delete key on a table (while it has the focus) calls `remove`, which asks before it removes."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(remove)
    return shortcut


def selected_row(view: QTableView) -> Any:
    """The row object under the current selection, or None (also for the totals row)."""
    index = view.currentIndex()
    if not index.isValid():
        return None
    return index.siblingAtColumn(0).data(ROW_ROLE)


class LazyRowsModel(RowsModel[R]):
    """A table over more rows than fit in memory: pages of rows come in as the view scrolls to them
    (`canFetchMore`/`fetchMore`), and sorting asks the source for a new order instead of sorting here.

    `load(fetch, total)` sets the source: `fetch(sort_key, descending, after, limit)` returns the next `limit`
    rows after the row `after` (None: from the start) in that order, `total` how many there are (None: not
    counted; pages come in until one is short). `first`, when given, is the first page already read (in the
    background, say). Filtering is the source's business too: load it again with a new fetch and total.
    `sort_keys` name, per column, what the source sorts on (None: that column does not sort). With `reload`
    set, a new order is the owner's to load (off the UI thread, say) instead of the model's. With
    `in_background` set, `in_background(work, deliver)` runs each further page's `work()` elsewhere and
    hands its rows to `deliver` on the UI thread; a page that arrives after a new load or order is dropped."""

    def __init__(self, columns: Sequence[Column[R]], sort_keys: Sequence[str | None], page_size: int = 200) -> None:
        super().__init__(columns)
        self.sort_keys = list(sort_keys)
        self.page_size = page_size
        self.sort_key: str | None = None
        self.descending = False
        self.total: int | None = 0
        self.fetches = 0  # pages asked for since the last load (for tests and benchmarks)
        self.reload: Callable[[], None] | None = None
        self.in_background: Callable[[Callable[[], Sequence[R]], Callable[[Sequence[R]], None]], None] | None = None
        self._fetch: Callable[[str | None, bool, R | None, int], Sequence[R]] | None = None
        self._source = 0  # counts loads, sorts and pauses: a page asked for before the last of them is dropped
        self._fetching = False  # a page is on its way (in_background)

    def load(self, fetch: Callable[[str | None, bool, R | None, int], Sequence[R]] | None, total: int | None,
             first: Sequence[R] | None = None) -> None:
        """A new source (or the same one after a change): back to the first page."""
        self._fetch = fetch
        self._new_source()
        self.total = total if fetch is not None else 0
        if first is None:
            self._restart()
            return
        self.beginResetModel()
        self.rows = list(first)
        self.fetches = 0
        if len(self.rows) < self.page_size:
            self.total = len(self.rows)
        self.endResetModel()

    def pause(self) -> None:
        """No more pages from the current source (a new one is on its way); the rows shown stay."""
        self._fetch = None
        self._new_source()

    def cancel_fetch(self) -> None:
        """Drop the page on its way; scrolling on asks for it again."""
        self._new_source()

    @property
    def fetching(self) -> bool:
        return self._fetching

    def _new_source(self) -> None:
        self._source += 1
        self._fetching = False

    def _restart(self) -> None:
        self._new_source()
        self.beginResetModel()
        self.rows = []
        self.fetches = 0
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return (not parent.isValid() and self._fetch is not None and not self._fetching
                and (self.total is None or len(self.rows) < self.total))

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        fetch, sort_key, descending = self._fetch, self.sort_key, self.descending
        after = self.rows[-1] if self.rows else None
        if self.in_background is None or not self.rows:  # the first page of a restart comes at once
            self._append(list(fetch(sort_key, descending, after, self.page_size)))
            return
        source = self._source
        self._fetching = True

        def deliver(page: Sequence[R]) -> None:
            if source == self._source:  # else a new load, order or cancel came first
                self._fetching = False
                self._append(list(page))

        self.in_background(lambda: fetch(sort_key, descending, after, self.page_size), deliver)

    def _append(self, page: list[R]) -> None:
        self.fetches += 1
        if len(page) < self.page_size:
            # The source ran out early (rows removed since the count): no more to fetch.
            self.total = len(self.rows) + len(page)
        if not page:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def fetch_all_until(self, count: int) -> None:
        """Fetch pages until at least `count` rows are in (or all of them)."""
        while len(self.rows) < count and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.sort_keys[column] if 0 <= column < len(self.sort_keys) else None
        if column >= 0 and key is None:
            return  # this column does not sort
        descending = order == Qt.SortOrder.DescendingOrder and key is not None
        if (key, descending) == (self.sort_key, self.descending):
            return
        self.sort_key, self.descending = key, descending
        if self.reload is not None:
            self.reload()
        else:
            self._restart()


def make_lazy_table(model: LazyRowsModel[Any], *, object_name: str) -> QTableView:
    """A table view like `make_table`'s, straight on a lazy model: the model pages rows in and sorts in its
    source, so there is no proxy in between (a proxy would read every row)."""
    view = _table_view(model, object_name, sortable=True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no row measured one by one
    fit_columns(view, model.columns)
    return view
