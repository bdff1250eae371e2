"""A table over more rows than fit in memory: pages come in as the view scrolls to them, and sorting is the
source's (e.g. SQL)."""
from __future__ import annotations

from typing import Any, Callable, Sequence, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from .chooser import ColumnChooser
from .columns import Column
from .model import RowsModel
from .sizer import ColumnSizer
from .view import _table_view

R = TypeVar("R")


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
