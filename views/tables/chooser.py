"""The column chooser (`ColumnChooser`), as in Excel and Outlook: a right-click on the header shows every column
as a checkable item ("Kolommen tonen"). Columns marked `hidden` start hidden (details that are shown elsewhere,
say); what the user shows or hides is part of the header's state, which the window remembers; a state saved by
an older version is brought up to date (`restore`)."""
from __future__ import annotations

from typing import Any, Collection

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

from .model import RowsModel
from .sizer import ColumnSizer


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
