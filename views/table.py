"""Thin Qt table models over plain lists of rows, with typed columns (after napari's item models).

A column knows how to show a row's value (Dutch format), how to sort it (the raw value),
how to align it (numbers right) and, optionally, a status word and a colour.

Column widths follow one policy (`ColumnSizer`): dates, numbers, months and other short values are as wide as
their widest value and title, so that they are never cut; text columns (names, descriptions) share what is
left, each up to its own widest value; the one main text column (a description, say) takes what is over.
Widths the user set (or the window remembered) stay.

Every table has a column chooser (`ColumnChooser`), as in Excel and Outlook: a right-click on the header shows
every column as a checkable item ("Kolommen tonen"). Columns marked `hidden` start hidden (details that are
shown elsewhere, say); what the user shows or hides is part of the header's state, which the window remembers.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Collection, Generic, Sequence, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel, QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex,
    QSortFilterProxyModel, Qt, QTimer,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QStyle, QTableView

from models.domain.months import Month

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
    #: How the column is sized (see ColumnSizer): "fit" its content, "share" the width left with the other text
    #: columns, "stretch" (the main text column: it takes what is over), or "spread": fitted, and in a table
    #: without a main text column the "spread" columns share what is over, as wide as each other up to `SPREAD`
    #: pixels more than the widest (a grid of months on a wide screen). None: "fit" for dates, numbers and
    #: months (by kind, or by value for a text column such as a period or a moment), else "share".
    size: str | None = None
    #: Hidden until the user shows it with the header's menu ("Kolommen tonen"); e.g. dates the details show.
    hidden: bool = False
    #: Shown in bold in these rows (e.g. the amount that is in force); the totals row is always bold.
    bold: Callable[[R], bool] | None = None

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
                return fmt.whole(value)
            case _:
                return str(value)

    @property
    def numeric(self) -> bool:
        return self.kind in ("hours", "int", "percent")

    def fitted(self, rows: Sequence[R]) -> bool:
        """Sized to its content: dates, numbers, months, and text columns whose values are one of them."""
        if self.size is not None:
            return self.size in ("fit", "spread")
        if self.kind != "text":
            return True
        values = [v for v in (self.value(r) for r in rows[:20]) if v is not None and v != ""]
        return bool(values) and all(_short_value(v) for v in values)


def _short_value(value: Any) -> bool:
    """A value of a known, short width once shown: a date or moment, a month, a number."""
    if isinstance(value, tuple) and value:
        value = value[0]  # e.g. (moment, id): sorted by moment, then id
    return isinstance(value, (dt.date, Month, int, float)) and not isinstance(value, bool)


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
        if role == Qt.ItemDataRole.FontRole and (is_total or (column.bold is not None and column.bold(row))):
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
    """A table view the way every page shows one: sortable, whole rows selected, numbers right, columns sized
    by `ColumnSizer`."""
    proxy = SortFilterProxy(model)
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


#: Beside a title: the header's padding (style.qss) and its border; in the column sorted on, the sort arrow too.
TITLE_PADDING = 14
SORT_ARROW = 12


def title_width(view: QTableView, column: Column[Any], arrow: bool = True) -> int:
    """The (bold) title's widest line plus the header's padding and, with `arrow`, room for the sort arrow."""
    bold = view.font()
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    widest = max((metrics.horizontalAdvance(line) for line in column.title.split("\n")), default=0)
    return widest + TITLE_PADDING + (SORT_ARROW if arrow else 0)


def text_width(metrics: QFontMetrics, text: str) -> int:
    """The widest line of a cell's text (a cell may show two lines, e.g. used hours above the budget)."""
    return max(metrics.horizontalAdvance(line) for line in text.split("\n"))


def cell_margin(view: QTableView) -> int:
    """What a cell needs beside its text: the style's text margin on either side and the grid line."""
    return 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 1


class ColumnSizer(QObject):
    """One sizing policy for every table (see the module): fitted columns as wide as their widest value or title;
    text columns share the width that is left, each between its least (its set width, never less than its
    title) and its widest value, so that short words (a status, a kind) show whole before long texts get more;
    what is over goes to the main text column (the one set to "stretch", else the text column with the longest
    values when they are long), not to the last column. Too little room for each at its least (a narrow window):
    the text columns with a set width whose whole text is in the cell's tooltip (names, descriptions) give up
    some of it, down to their title, the widest first, when that makes the table fit; else each stays at its
    least and the table scrolls sideways. Figures, dates and short words (a status) stay whole.

    A width the user dragged, or the window restored from the last session, stays: a column whose width is not
    the one set here last is the user's (a fitted column is still never narrower than its content). The main
    column keeps filling the width that is over, as the last column used to."""

    #: Rows measured for the widest value (the first ones, and the totals row).
    SAMPLE = 500
    #: A text column stretches only when its values are this long: a column of short names does not need
    #: the room (spread out, it would set the figures far from the names they belong to).
    LONG_TEXT = 240
    SLACK = 4  # a few pixels more than the text needs: no "…" from rounding
    NEARLY = 32  # pixels: a text column this much wider than its set width is not cut, even when room is short
    SPREAD = 40  # pixels: what a "spread" column gets at most beside its content (figures stay near their row)

    def __init__(self, view: QTableView, model: RowsModel[Any]) -> None:
        super().__init__(view)
        self.setObjectName("columnSizer")
        self.view = view
        self.model = model
        self._applied: dict[int, int] = {}  # the width set here last, per column
        self._users: set[int] = set()  # the columns whose width the user set (or the window restored)
        self._natural: list[int] | None = None  # per column: its widest value or title (cached per data)
        self._least: list[int] = []
        self._fitted: list[bool] = []
        self._titles: list[int] = []  # per column: its title's width without the sort arrow
        self._floor: list[int] = []  # per column: how narrow it may get when room is short (see the class)
        self._stretch_order: list[int] = []  # the main text column, then the next one should it be hidden
        self._applying = False
        view.viewport().installEventFilter(self)
        for signal in (model.modelReset, model.layoutChanged, model.columnsInserted, model.columnsRemoved):
            signal.connect(self._data_changed)
        model.rowsInserted.connect(self._rows_inserted)
        # A restored header (the window's remembered widths) announces itself with its sort indicator.
        view.horizontalHeader().sortIndicatorChanged.connect(lambda *_: QTimer.singleShot(0, self._later))
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._natural = None  # measured in another font (the style sheet's comes when the table is shown)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange) \
                and not self._applying:
            self.apply()
        return False

    def forget_user_widths(self) -> None:
        """New columns: no width is the user's any more."""
        self._applied = {}
        self._users = set()
        self._natural = None

    def _data_changed(self, *_: Any) -> None:
        self._natural = None
        self.apply()

    def _rows_inserted(self, _parent: Any, first: int, _last: int) -> None:
        if first < self.SAMPLE:  # rows further down are not measured
            self._data_changed()

    def _later(self) -> None:
        try:
            self.apply()
        except RuntimeError:  # the table went meanwhile
            pass

    def _measure(self) -> None:
        view, model = self.view, self.model
        columns, rows = model.columns, model.rows[:self.SAMPLE]
        metrics = view.fontMetrics()
        bold = view.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        margin = cell_margin(view) + self.SLACK
        self._natural, self._least, self._fitted, self._titles, self._floor = [], [], [], [], []
        for column in columns:
            # A cell shown in bold (the totals row, an amount in force) is measured in bold: else it is cut.
            bold_rows = [r for r in rows if column.bold(r)] if column.bold is not None else []
            texts = {column.display(r) for r in rows}
            bold_texts = {column.display(r) for r in bold_rows}
            if column.kind == "date":
                texts.add("28-12-2028")  # the widest date: never cut, whichever dates came first
            if model.total_row is not None:
                bold_texts.add(column.display(model.total_row))
            widest = max([text_width(metrics, t) for t in texts - bold_texts]
                         + [text_width(bold_metrics, t) for t in bold_texts], default=0)
            # Room for the sort arrow only in the column sorted on (`apply`): titles of short figures (months,
            # say) stay as narrow as their words.
            title = title_width(view, column, arrow=False)
            self._titles.append(title)
            # No rows yet: as wide as set, so that an empty table (details not chosen yet) does not shrink.
            natural = max(title, widest + margin) if texts else max(title, column.width or 0)
            fitted = column.fitted(rows)
            self._natural.append(natural)
            self._fitted.append(fitted)
            least = max(title, column.width or natural)
            # A text only a little wider than its set width is shown whole: cutting it would save next to nothing.
            self._least.append(natural if fitted or least < natural <= least + self.NEARLY else least)
            squeezable = column.width is not None and column.cell_tooltip is not None and not fitted
            self._floor.append(min(title, self._least[-1]) if squeezable else self._least[-1])
        shared = [i for i, c in enumerate(columns) if not self._fitted[i]]
        chosen = [i for i in shared if columns[i].size == "stretch"]
        long = sorted((i for i in shared if self._natural[i] >= self.LONG_TEXT and i not in chosen),
                      key=lambda i: (self._natural[i], columns[i].width or 0), reverse=True)
        self._stretch_order = chosen + long

    def apply(self) -> None:
        """Set every column's width by the policy (on new rows, new columns, a new window width)."""
        header = self.view.horizontalHeader()
        count = len(self.model.columns)
        if count == 0 or header.count() != count:
            return
        if header.stretchLastSection():
            # A header state of before this policy (remembered by the window): the last width was the stretch's.
            header.setStretchLastSection(False)
            self._applied.pop(count - 1, None)
            self._users.discard(count - 1)
        if self._natural is None or len(self._natural) != count:
            self._measure()
        assert self._natural is not None
        hidden = {i for i in range(count) if header.isSectionHidden(i)}
        self._users.update(i for i, width in self._applied.items()
                           if i < count and i not in hidden and width != header.sectionSize(i))
        user = {i: header.sectionSize(i) for i in self._users if i < count and i not in hidden}
        widths = self._widths(self.view.viewport().width(), user, hidden, self._sorted_on())
        self._applying = True
        try:
            for i, width in enumerate(widths):
                if i not in hidden and header.sectionSize(i) != width:
                    header.resizeSection(i, width)
        finally:
            self._applying = False
        self._applied = {i: header.sectionSize(i) for i in range(count) if i not in hidden}

    def needed(self) -> int:
        """The width of the shown columns, each whole (its widest value or title; the sort arrow where sorted)."""
        header = self.view.horizontalHeader()
        count = len(self.model.columns)
        if count == 0 or header.count() != count:
            return 0
        if self._natural is None or len(self._natural) != count:
            self._measure()
        assert self._natural is not None
        sorted_on = self._sorted_on()
        widths = [natural if self._fitted[i] else max(natural, self._least[i])
                  for i, natural in enumerate(self._natural)]
        return sum(max(width, self._titles[i] + SORT_ARROW) if i == sorted_on else width
                   for i, width in enumerate(widths) if not header.isSectionHidden(i))

    def _sorted_on(self) -> int | None:
        """The column whose title shows the sort arrow, if any."""
        header = self.view.horizontalHeader()
        section = header.sortIndicatorSection()
        if not (self.view.isSortingEnabled() and header.isSortIndicatorShown()) or not 0 <= section < header.count():
            return None
        return section

    def _widths(self, room: int, user: dict[int, int], hidden: Collection[int] = (),
                sorted_on: int | None = None) -> list[int]:
        assert self._natural is not None
        natural, least_of, floor_of = list(self._natural), list(self._least), list(self._floor)
        if sorted_on is not None and sorted_on < len(natural):
            arrow = self._titles[sorted_on] + SORT_ARROW
            natural[sorted_on] = max(natural[sorted_on], arrow)
            least_of[sorted_on] = max(least_of[sorted_on], arrow)
            floor_of[sorted_on] = max(floor_of[sorted_on], arrow)
        count = len(natural)
        widths = [0] * count
        shared: list[int] = []
        for i in range(count):
            if i in hidden:
                continue
            if self._fitted[i]:
                widths[i] = max(user.get(i, 0), natural[i])  # never cut, even when dragged narrower
            elif i in user and i != self._stretch_among(hidden):
                widths[i] = user[i]
            else:
                shared.append(i)
        left = room - sum(widths)
        least = {i: least_of[i] for i in shared}
        most = {i: max(natural[i], least[i]) for i in shared}
        floor = {i: min(floor_of[i], least[i]) for i in shared}
        if shared and sum(floor.values()) <= left < sum(least.values()):
            # Too narrow for each at its least, and giving up set widths makes it fit: the widest give up theirs
            # first, down to their title (else each stays at its least and the table scrolls sideways).
            level = _water_level(left, floor, least)
            for i in shared:
                widths[i] = min(max(level, floor[i]), least[i])
        elif shared:
            level = _water_level(left, least, most)
            for i in shared:
                widths[i] = min(max(level, least[i]), most[i])
        stretch = self._stretch_among(hidden)
        if stretch is not None and stretch in shared:
            widths[stretch] += max(0, room - sum(widths))
        elif stretch is None:
            spread = [i for i, c in enumerate(self.model.columns[:count])
                      if c.size == "spread" and i not in hidden and i not in user]
            if spread and room > sum(widths):  # as wide as each other, up to SPREAD more than the widest
                least = {i: widths[i] for i in spread}
                most = {i: max(least.values()) + self.SPREAD for i in spread}
                level = _water_level(room - sum(widths) + sum(least.values()), least, most)
                for i in spread:
                    widths[i] = min(max(level, least[i]), most[i])
        return widths

    def _stretch_among(self, hidden: Collection[int]) -> int | None:
        """The main text column that is shown (the next one when the user hid it)."""
        return next((i for i in self._stretch_order if i not in hidden), None)


def _water_level(room: int, least: dict[int, int], most: dict[int, int]) -> int:
    """The width L at which the columns, each clamped between its least and most, together fill `room` (as
    near as whole pixels allow): short columns get their whole content, long ones an equal share."""
    def total(level: int) -> int:
        return sum(min(max(level, least[i]), most[i]) for i in least)

    low, high = 0, max(most.values(), default=0)
    if total(high) <= room:
        return high
    while low < high:
        middle = (low + high + 1) // 2
        if total(middle) <= room:
            low = middle
        else:
            high = middle - 1
    return low


class ColumnChooser(QObject):
    """The header's menu, as in Excel and Outlook: a right-click on a column title shows every column as a
    checkable item ("Kolommen tonen"), and "Standaardkolommen" brings back the columns the table starts with.
    The last shown column cannot be hidden. Hidden columns are part of the header's state (saveState), which
    the window remembers per table."""

    TITLE = "Kolommen tonen"

    def __init__(self, view: QTableView, model: RowsModel[Any]) -> None:
        super().__init__(view)
        self.setObjectName("columnChooser")
        self.view = view
        self.model = model
        self.menu: QMenu | None = None
        self._pending: Any = None  # a remembered header state for columns that are still to come
        model.modelReset.connect(self._restore_pending)
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._popup)
        header.setToolTip("Rechtsklik op een kolomtitel om kolommen te tonen of te verbergen")
        self.use_defaults()

    def restore(self, state: Any, defaults: bool = False, hidden_then: Collection[str] | None = None) -> None:
        """The header as the window remembered it (widths, order, hidden columns). A table whose columns come
        later (one per month of the year chosen) gets it when they come. With `defaults`, the columns shown are
        the table's own (a state of before the chooser showed every column). `hidden_then` are the columns
        hidden by default when the state was saved (`hidden_by_default`): a column hidden by default since
        then starts hidden too (the user never chose to show it). None: not known (saved by an older version);
        a state that shows every column then gets the defaults of now."""
        header = self.view.horizontalHeader()
        if header.count() == 0:
            self._pending = (state, defaults, hidden_then)
            return
        if not header.restoreState(state):
            return
        if defaults or header.hiddenSectionCount() >= header.count() or (
                hidden_then is None and header.hiddenSectionCount() == 0):
            self.use_defaults()
            return
        if hidden_then is not None:
            for i, column in enumerate(self.model.columns):
                if column.hidden and column.title not in hidden_then:
                    self.view.setColumnHidden(i, True)
            self._resized()

    def hidden_by_default(self) -> list[str]:
        """The titles of the columns the table starts without (remembered with the header, see `restore`)."""
        return [column.title for column in self.model.columns if column.hidden]

    def _restore_pending(self) -> None:
        if self._pending is not None and self.view.horizontalHeader().count():
            state, defaults, hidden_then = self._pending
            self._pending = None
            self.restore(state, defaults, hidden_then)

    def use_defaults(self) -> None:
        """The columns the table starts with: all but those marked hidden."""
        for i, column in enumerate(self.model.columns):
            self.view.setColumnHidden(i, column.hidden)
        self._resized()

    def build_menu(self) -> QMenu:
        """The menu as the right-click shows it (also for tests): a checkable item per column."""
        menu = QMenu(self.view)
        menu.setObjectName("columnMenu")
        menu.setToolTipsVisible(True)
        menu.addSection(self.TITLE)
        header = self.view.horizontalHeader()
        shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        for i, column in enumerate(self.model.columns):
            action = QAction(column.title.replace("-\n", "").replace("\n", " "), menu)
            action.setCheckable(True)
            action.setChecked(i in shown)
            action.setEnabled(shown != [i])  # the last shown column stays
            if column.tooltip:
                action.setToolTip(column.tooltip)
            action.toggled.connect(lambda on, i=i: self.show_column(i, on))
            menu.addAction(action)
        menu.addSeparator()
        defaults = menu.addAction("Standaardkolommen")
        defaults.setToolTip("De kolommen tonen waarmee de tabel begint")
        defaults.triggered.connect(self.use_defaults)
        self.menu = menu
        return menu

    def show_column(self, index: int, shown: bool) -> None:
        self.view.setColumnHidden(index, not shown)
        self._resized()

    def _resized(self) -> None:
        sizer = self.view.findChild(ColumnSizer)
        if sizer is not None:
            sizer.apply()

    def _popup(self, pos: Any) -> None:
        menu = self.build_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.horizontalHeader().mapToGlobal(pos))


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
    ColumnSizer(view, model)
    ColumnChooser(view, model)
    return view
