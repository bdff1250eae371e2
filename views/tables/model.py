"""A thin Qt table model over a plain list of rows, with an optional totals row, and the proxy that sorts on raw
values and filters on any column's text (after napari's item models)."""
from __future__ import annotations

from typing import Any, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QFont

from .columns import ROW_ROLE, SORT_ROLE, TOTAL, Column



R = TypeVar("R")
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ANSWERED = frozenset({_DISPLAY, _ALIGNMENT, _BACKGROUND, _FONT, _TOOLTIP, int(SORT_ROLE), int(ROW_ROLE)})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def search_texts(columns: Sequence[Column[R]], rows: Sequence[R]) -> list[str]:
    """Per row, what a search looks through: every column's text (hidden ones too, as Qt's filter did), in
    lower case, a NUL between columns so that no match runs over two. Plain Python: made where the rows are
    read (`RowsModel.set_rows(..., search=...)`), else on the first search."""
    return ["\0".join(column.display(row) for column in columns).lower() for row in rows]


class RowsModel(QAbstractTableModel, Generic[R]):
    """A table over a list of rows, with an optional totals row; `set_rows` replaces them all."""

    def __init__(self, columns: Sequence[Column[R]], rows: Sequence[R] = ()) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows: list[R] = list(rows)
        self.total_row: R | None = None
        self._given: list[R] = list(rows)  # the rows in the order they came, for "no sort"
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        #: Per row object (by id, the row kept so that its id stays its own): what a search looks through.
        self._searched: dict[int, tuple[R, str]] = {}

    def set_columns(self, columns: Sequence[Column[R]], rows: Sequence[R] = (), total: R | None = None) -> None:
        """Replace the columns too (e.g. one per month of the chosen year); call `fit_columns` after."""
        self.beginResetModel()
        self.columns = list(columns)
        self._given = list(rows)
        self.rows = self._sorted(self._given)
        self.total_row = total
        self._searched = {}
        self.endResetModel()

    def set_rows(self, rows: Sequence[R], total: R | None = None, search: Sequence[str] | None = None) -> None:
        """Replace the rows; `search`, when given, is `search_texts(columns, rows)` made beforehand (in the
        worker that read them), so that the first search does not format every cell on the UI thread."""
        self.beginResetModel()
        self._given = list(rows)
        self.rows = self._sorted(self._given)
        self.total_row = total
        self._searched = {id(row): (row, text) for row, text in zip(self._given, search)} if search else {}
        self.endResetModel()

    def search_text(self, index: int) -> str:
        """What a search looks through in row `index` (of `rows`), made once per row."""
        row = self.rows[index]
        known = self._searched.get(id(row))
        if known is not None and known[0] is row:
            return known[1]
        if len(self._searched) > 2 * len(self.rows) + 1000:  # rows that went (a lazy model's earlier pages)
            self._searched = {}
        text = search_texts(self.columns, [row])[0]
        self._searched[id(row)] = (row, text)
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves on a column's raw value, once per row (a proxy comparing pairs through Qt took
        over a second for 15.000 rows); the totals row stays last, selections follow their rows. The order
        shown already (a header made sortable or restored as it was) changes nothing: no new layout to measure."""
        if (column, order) == self._sort or (column < 0 and self._sort[0] < 0):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.rows
        self.rows = self._sorted(self._given)
        where = {id(row): i for i, row in enumerate(self.rows)}
        old = self.persistentIndexList()
        new = [self.index(where[id(before[i.row()])], i.column()) if i.row() < len(before) else
               self.index(len(self.rows), i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[R]) -> list[R]:
        column, order = self._sort
        if not 0 <= column < len(self.columns):
            return list(rows)
        value = self.columns[column].value
        keys = [value(row) for row in rows]
        descending = order == Qt.SortOrder.DescendingOrder
        try:
            ranked = sorted(range(len(rows)), key=lambda i: (keys[i] is None, keys[i] if keys[i] is not None else 0),
                            reverse=descending)
        except TypeError:  # values of different kinds: as text
            ranked = sorted(range(len(rows)), key=lambda i: str(keys[i]), reverse=descending)
        return [rows[i] for i in ranked]

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
        # Asked some seven times per cell at every paint: roles as plain ints, the roles not answered first out.
        if role not in _ANSWERED or not index.isValid():
            return None
        row, is_total = self._row(index.row())
        column = self.columns[index.column()]
        if role == _DISPLAY:
            return column.display(row)
        if role == _ALIGNMENT:
            return _RIGHT if column.numeric else _LEFT
        if role == _BACKGROUND:
            if is_total:
                return QBrush(TOTAL)
            if column.background is not None:
                colour = column.background(row)
                return QBrush(colour) if colour is not None else None
            return None
        if role == _FONT:
            if is_total or (column.bold is not None and column.bold(row)):
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == SORT_ROLE:
            value = column.value(row)
            # The totals row always sorts last.
            return (1 if is_total else 0, value if value is not None else "")
        if role == ROW_ROLE:
            return None if is_total else row
        if role == _TOOLTIP:
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


class SortProxy(QSortFilterProxyModel):
    """Sorts on raw values (not the Dutch text), for a table that is not searched: which rows show is left to Qt.
    Qt asks `filterAcceptsRow` of every row at every reset of the source, and an answer from Python costs a call
    into Python per row (Verloop's 15,000 rows: 11 ms of a 13 ms reset on the UI thread, all of them shown)."""

    def __init__(self, source: RowsModel[Any]) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    def setFilterFixedString(self, pattern: str) -> None:  # noqa: N802 - Qt's name
        raise TypeError("a table made with make_table(..., searched=False) is not searched")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source sorts its rows (RowsModel.sort); the proxy keeps the source's order and only filters."""
        model = self.sourceModel()
        if isinstance(model, RowsModel):
            super().sort(-1)
            model.sort(column, order)
        else:
            super().sort(column, order)

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a[0] != b[0]:  # the totals row stays at the bottom in either order
            return (a[0] < b[0]) == (self.sortOrder() == Qt.SortOrder.AscendingOrder)
        try:
            return bool(a[1] < b[1])
        except TypeError:
            return str(a[1]) < str(b[1])


class SortFilterProxy(SortProxy):
    """Sorts on raw values; filters on any column's text, case-insensitively (a table with a search field)."""

    def __init__(self, source: RowsModel[Any]) -> None:
        super().__init__(source)
        self._needle: str | None = ""  # the fixed string filtered on, in lower case (None: Qt's own filter)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def setFilterFixedString(self, pattern: str) -> None:  # noqa: N802 - Qt's name
        """Filter on any column's text containing `pattern`, case not counting, as Qt's filter does, but over
        each row's text made once (`RowsModel.search_text`) instead of asking the model for every cell."""
        self._needle = pattern.lower() if isinstance(self.sourceModel(), RowsModel) else None
        QSortFilterProxyModel.setFilterFixedString(self, pattern)

    def setFilterRegularExpression(self, pattern: Any) -> None:  # noqa: N802 - Qt's name
        self._needle = None  # Qt's own filter, over every cell
        super().setFilterRegularExpression(pattern)

    def setFilterWildcard(self, pattern: str) -> None:  # noqa: N802 - Qt's name
        self._needle = None
        super().setFilterWildcard(pattern)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RowsModel)
        if source_row >= len(model.rows):
            return True  # totals stay visible
        if self._needle == "":
            return True  # no search: every row (not a call into Qt per row as a table fills)
        if self._needle is not None and self.filterKeyColumn() == -1 and not source_parent.isValid():
            return self._needle in model.search_text(source_row)
        return super().filterAcceptsRow(source_row, source_parent)
