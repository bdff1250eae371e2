"""A small grid to type rows into (the providers and boards of a new school year), with buttons to add and
remove rows. Typed numbers show in Dutch format once typed (2393 as 2.393); the cell keeps what was typed."""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from PySide6.QtCore import QLocale, QModelIndex, QSize, Qt
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyledItemDelegate, QStyleOptionViewItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

#: From the text typed in a cell to the text shown: "" when it cannot be read (then it shows as typed, and the
#: refusal comes when the dialog is sent).
Shown = Callable[[str], str]


class TypedDelegate(QStyledItemDelegate):
    """Shows a cell's typed text in Dutch format; editing starts from the text as typed."""

    def __init__(self, show: Shown, parent: QWidget) -> None:
        super().__init__(parent)
        self.show = show

    def displayText(self, value: Any, locale: QLocale | QLocale.Language) -> str:
        text = super().displayText(value, locale)
        return self.show(text.strip()) or text


class EditTable(QWidget):
    """A small grid to type rows into, with buttons to add and remove rows.

    Tab leaves the grid (arrows move between cells, typing edits), so every control stays reachable. The grid
    asks room for all its columns, so none is cut off or needs scrolling sideways.
    """

    def __init__(self, headers: Sequence[str], numeric: Sequence[int], *, object_name: str,
                 read_only: Sequence[int] = (), shown: Mapping[int, Shown] | None = None) -> None:
        super().__init__()
        self.numeric = set(numeric)
        self.read_only = set(read_only)
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName(object_name)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        bold = self.table.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        #: The width each column asks for (the last one stretches beyond it).
        self.widths: list[int] = []
        for column, title in enumerate(headers):
            align = Qt.AlignmentFlag.AlignRight if column in self.numeric else Qt.AlignmentFlag.AlignLeft
            self.table.horizontalHeaderItem(column).setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
            self.widths.append(max(metrics.horizontalAdvance(title) + 28, 70))
            self.table.setColumnWidth(column, self.widths[-1])
        for column, show in (shown or {}).items():
            self.table.setItemDelegateForColumn(column, TypedDelegate(show, self.table))
        self.add_button = QPushButton("Rij toevoegen")
        self.remove_button = QPushButton("Rij verwijderen")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_current_row)
        self.total = QLabel()
        self.total.setObjectName("hint")
        self.total.setWordWrap(True)
        below = QHBoxLayout()
        below.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        below.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        below.addSpacing(8)
        below.addWidget(self.total, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addLayout(below)

    def set_column_width(self, column: int, width: int) -> None:
        self.widths[column] = width
        self.table.setColumnWidth(column, width)

    def whole_width(self) -> int:
        """What the grid needs to show every column whole: the row numbers, the columns, the frame, and the
        vertical scroll bar that comes once more rows are added than fit."""
        header = self.table.horizontalHeader()
        columns = sum(max(width, header.sectionSizeHint(c)) for c, width in enumerate(self.widths))
        numbers = self.table.verticalHeader().sizeHint().width()
        return numbers + columns + 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self.whole_width()), hint.height())

    def showEvent(self, event: QShowEvent) -> None:
        """In the style the app shows (its header font and padding), no title is cut off."""
        super().showEvent(event)
        header = self.table.horizontalHeader()
        for column in range(len(self.widths) - 1):
            if header.sectionSize(column) < header.sectionSizeHint(column):
                self.table.setColumnWidth(column, header.sectionSizeHint(column))

    def fit_rows(self, rows: int) -> None:
        """High enough for `rows` rows without scrolling."""
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setMinimumHeight(header + rows * self.table.verticalHeader().defaultSectionSize()
                                    + 2 * self.table.frameWidth() + 4)

    def add_row(self, values: Sequence[str] = ()) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(self.table.columnCount()):
            item = QTableWidgetItem(values[column] if column < len(values) else "")
            align = Qt.AlignmentFlag.AlignRight if column in self.numeric else Qt.AlignmentFlag.AlignLeft
            item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
            if column in self.read_only:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setForeground(Qt.GlobalColor.darkGray)
            self.table.setItem(row, column, item)
        self.updateGeometry()  # the row numbers may have grown a digit
        return row

    def remove_current_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)

    def set_text(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is not None:
            item.setText(text)

    def text(self, row: int, column: int) -> str:
        """The cell's text as typed."""
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def shown(self, row: int, column: int) -> str:
        """The cell's text as the grid paints it (a typed 2393 shows as 2.393)."""
        index: QModelIndex = self.table.model().index(row, column)
        option = QStyleOptionViewItem()
        self.table.itemDelegateForIndex(index).initStyleOption(option, index)
        return option.text

    def filled_rows(self) -> list[tuple[int, list[str]]]:
        """(row number counted from 1, texts) of every row with something typed in it."""
        result = []
        editable = [c for c in range(self.table.columnCount()) if c not in self.read_only]
        for row in range(self.table.rowCount()):
            texts = [self.text(row, c) for c in range(self.table.columnCount())]
            if any(texts[c] for c in editable):
                result.append((row + 1, texts))
        return result
