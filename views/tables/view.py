"""The table view every page shows (`make_table`): sortable, whole rows selected, columns sized and chosen;
fitting its columns again, and selecting, finding and deleting rows."""
from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from .chooser import ColumnChooser
from .columns import ROW_ROLE, Column
from .model import RowsModel, SortFilterProxy, SortProxy
from .sizer import ColumnSizer, title_width


def make_table(model: RowsModel[Any], *, object_name: str, sortable: bool = True,
               searched: bool = False) -> tuple[QTableView, SortProxy]:
    """A table view the way every page shows one: sortable, whole rows selected, numbers right, columns sized
    by `ColumnSizer`. `searched`: a search field filters it (`proxy.setFilterFixedString`); a table that is not
    searched leaves which rows show to Qt (SortProxy), with no call into Python per row at every reset."""
    proxy = SortFilterProxy(model) if searched else SortProxy(model)
    view = _table_view(proxy, object_name, sortable)
    ColumnSizer(view, model)
    ColumnChooser(view, model)
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
    header.setStretchLastSection(False)  # the spare width goes to the main text column (ColumnSizer)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab goes on to the next control; arrows move between cells
    return view


def whole_width(view: QTableView) -> int:
    """The width a table of `make_table` needs to show its columns whole without scrolling sideways: the
    columns, the frame and, when it shows, the vertical scroll bar (for a small table beside another one)."""
    sizer = view.findChild(ColumnSizer)
    needed = sizer.needed() if sizer is not None else view.horizontalHeader().length()
    bar = view.verticalScrollBar()
    return needed + 2 * view.frameWidth() + (bar.sizeHint().width() if bar.isVisible() else 0)


def fit_columns(view: QTableView, columns: Sequence[Column[Any]]) -> None:
    """Size the columns again after new ones came (`RowsModel.set_columns`): by `ColumnSizer` for a table of
    `make_table`, else each its set width, never narrower than its title plus the sort arrow."""
    sizer = view.findChild(ColumnSizer)
    if sizer is not None:
        sizer.forget_user_widths()
        sizer.apply()
        return
    for i, column in enumerate(columns):
        view.setColumnWidth(i, max(column.width or 0, title_width(view, column)))


def select_where(view: QTableView, wanted: Callable[[Any], bool]) -> bool:
    """Select the first row whose row object satisfies `wanted` (e.g. the same number after a refresh)."""
    model = view.model()
    source = model.sourceModel() if isinstance(model, SortProxy) else None
    if isinstance(source, RowsModel):
        # The rows themselves, in the order shown (the model sorts them; the proxy only filters): no call through
        # Qt per row, which took a large year a good part of a tenth of a second when no row was the one wanted.
        for i, row in enumerate(source.rows):
            if wanted(row):
                shown = model.mapFromSource(source.index(i, 0))
                if shown.isValid():
                    view.selectRow(shown.row())
                    view.scrollTo(shown)
                    return True
        return False
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
