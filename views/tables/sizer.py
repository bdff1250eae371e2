"""One sizing policy for every table (`ColumnSizer`): dates, numbers, months and other short values are as wide
as their widest value and title, so that they are never cut; text columns (names, descriptions) share what is
left, each up to its own widest value; the one main text column (a description, say) takes what is over.
Widths the user set (or the window remembered) stay."""
from __future__ import annotations

from typing import Any, Collection, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from .columns import Column
from .model import RowsModel


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


def _widest_line(metrics: QFontMetrics, texts: Collection[str], known: dict[str, int] | None = None) -> int:
    """The widest line of any of `texts`, each distinct line measured once (many cells share a line); with
    `known`, the widths measured before in this font, kept for the next time."""
    lines = {line for text in texts for line in text.split("\n")}
    if known is None:
        return max(map(metrics.horizontalAdvance, lines), default=0)
    widest = 0
    for line in lines:
        width = known.get(line)
        if width is None:
            width = known[line] = metrics.horizontalAdvance(line)
        widest = max(widest, width)
    return widest


def column_texts(column: Column[Any], rows: Sequence[Any], shown: dict[tuple[str, type, Any], str]) -> set[str]:
    """The texts `column` shows in `rows`: each distinct value formatted once (`shown`: over the columns of
    one measuring, as months share their budgets), unless the column makes its text from the whole row."""
    if column.text is not None:
        return {column.display(r) for r in rows}
    try:
        values = {column.value(r) for r in rows}
    except TypeError:  # a value that cannot be a key
        return {column.display(r) for r in rows}
    texts: set[str] = set()
    for value in values:
        key = (column.kind, type(value), value)
        text = shown.get(key)
        if text is None:
            text = shown[key] = column.show(value)
        texts.add(text)
    return texts


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
    KNOWN_LINES = 50_000  # line widths kept for the next measuring, at most

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
        self._widths_known: dict[tuple[str, bool], dict[str, int]] = {}  # per font and boldness: line -> width
        self._measured_in: tuple[str, int] | None = None  # the font and cell margin of the last measuring
        view.viewport().installEventFilter(self)
        for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved):
            signal.connect(self._data_changed)
        model.layoutChanged.connect(self._order_changed)
        model.rowsInserted.connect(self._rows_inserted)
        # A restored header (the window's remembered widths) announces itself with its sort indicator.
        view.horizontalHeader().sortIndicatorChanged.connect(lambda *_: QTimer.singleShot(0, self._later))
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) \
                and self._measured_in != self._measuring_in():
            self._natural = None  # measured in another font (the style sheet's comes when the table is shown)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange) \
                and not self._applying:
            self.apply()
        return False

    def forget_user_widths(self) -> None:
        """New columns: no width is the user's any more (their content was measured when they came)."""
        self._applied = {}
        self._users = set()

    def _data_changed(self, *_: Any) -> None:
        self._natural = None
        self.apply()

    def _order_changed(self, *_: Any) -> None:
        """Sorted: the rows measured are the same ones unless there are more than are measured."""
        if len(self.model.rows) > self.SAMPLE:
            self._natural = None
        self.apply()

    def _measuring_in(self) -> tuple[str, int]:
        """What the widths measured depend on besides the texts: the font, and the cell's margin."""
        return self.view.font().key(), cell_margin(self.view)

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
        self._measured_in = self._measuring_in()
        margin = self._measured_in[1] + self.SLACK
        if sum(map(len, self._widths_known.values())) > self.KNOWN_LINES:
            self._widths_known.clear()  # a long session of searches: start again rather than grow
        plain_known = self._widths_known.setdefault((view.font().key(), False), {})
        bold_known = self._widths_known.setdefault((bold.key(), True), {})
        shown: dict[tuple[str, type, Any], str] = {}
        self._natural, self._least, self._fitted, self._titles, self._floor = [], [], [], [], []
        for column in columns:
            # A cell shown in bold (the totals row, an amount in force) is measured in bold: else it is cut.
            bold_rows = [r for r in rows if column.bold(r)] if column.bold is not None else []
            texts = column_texts(column, rows, shown)
            bold_texts = {column.display(r) for r in bold_rows}
            if column.kind == "date":
                texts.add("28-12-2028")  # the widest date: never cut, whichever dates came first
            if model.total_row is not None:
                bold_texts.add(column.display(model.total_row))
            widest = max(_widest_line(metrics, texts - bold_texts, plain_known),
                         _widest_line(bold_metrics, bold_texts, bold_known))
            # Room for the sort arrow only in the column sorted on (`apply`): titles of short figures (months,
            # say) stay as narrow as their words.
            title = _widest_line(bold_metrics, column.title.split("\n"), bold_known) + TITLE_PADDING
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
