"""A small chart per board of its use (benutting) in % over the school years, drawn with QPainter: one bar per
year, its percentage above it, a provisional (voorlopig) year hatched and marked 'v' (also in black and white)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

BAR = QColor("#4f7cac")
PROVISIONAL = QColor("#a9c0da")
AXIS = QColor("#9aa5b1")
TEXT = QColor("#333333")


@dataclass(frozen=True)
class YearUse:
    year: str  # '2016-2017'
    percent: int | None  # None: no hours at all
    final: bool


@dataclass(frozen=True)
class BoardUse:
    board: str
    years: tuple[YearUse, ...]


class UseChart(QWidget):
    """Small multiples: one chart per board, as many beside each other as fit, further rows below."""

    CELL = QSize(178, 132)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("useChart")
        self.boards: tuple[BoardUse, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Benutting: gebruikt ÷ (jaaruren + reserve toegekend). Gearceerd met ‘v’: voorlopig "
                        "(nog niet elke maand van dat jaar is afgesloten).")

    def set_boards(self, boards: Sequence[BoardUse]) -> None:
        self.boards = tuple(boards)
        self._fit_height()
        self.update()

    def _columns(self) -> int:
        return max(1, self.width() // self.CELL.width())

    def _fit_height(self) -> None:
        rows = -(-len(self.boards) // self._columns()) if self.boards else 0
        self.setFixedHeight(max(rows, 1) * self.CELL.height())

    def sizeHint(self) -> QSize:
        return QSize(3 * self.CELL.width(), self.height() or self.CELL.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.CELL.width(), self.CELL.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.boards:
            painter.setPen(TEXT)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Geen cijfers om te tonen.")
            return
        columns = self._columns()
        for i, board in enumerate(self.boards):
            cell = QRect((i % columns) * self.CELL.width(), (i // columns) * self.CELL.height(),
                         self.CELL.width(), self.CELL.height())
            if cell.intersects(event.rect()):  # scrolled into view (see UseChartArea)
                self._paint_board(painter, cell.adjusted(4, 2, -8, -2), board)
        painter.end()

    def _paint_board(self, painter: QPainter, cell: QRect, board: BoardUse) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height()
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(TEXT)
        title = metrics.elidedText(board.board, Qt.TextElideMode.ElideRight, cell.width())
        painter.drawText(QRect(cell.left(), cell.top(), cell.width(), line), Qt.AlignmentFlag.AlignLeft, title)
        bold.setBold(False)
        painter.setFont(bold)
        top = cell.top() + line + line  # room for the percentage above a full bar
        bottom = cell.bottom() - line  # the years under the axis
        height = max(bottom - top, 1)
        years = board.years[-5:]
        slot = cell.width() // max(len(years), 1)
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(cell.left(), bottom, cell.right(), bottom)
        labels = []
        for j, use in enumerate(years):
            x = cell.left() + j * slot
            width = max(min(slot - 8, 34), 6)
            left = x + (slot - width) // 2
            percent = use.percent or 0
            bar = min(height, height * min(percent, 150) // 100)  # over 100 % the bar reaches the top
            rect = QRect(left, bottom - bar, width, bar)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(BAR if use.final else PROVISIONAL))
            painter.drawRect(rect)
            if not use.final:
                painter.setBrush(QBrush(BAR, Qt.BrushStyle.BDiagPattern))
                painter.drawRect(rect)
            labels.append((QRect(x, bottom - bar - line, slot, line), year_label(use, slot, metrics.horizontalAdvance)))
            short = use.year[2:4] + "-" + use.year[-2:] if len(use.year) == 9 else use.year  # '16-17'
            labels.append((QRect(x, bottom + 1, slot, line), short))
        painter.setPen(TEXT)
        font = painter.font()
        for place, label in labels:  # after every bar: no bar beside it paints over a label's ends
            painter.setFont(fitted_font(font, label, place.width() - 2))
            painter.drawText(place, Qt.AlignmentFlag.AlignHCenter, label)
        painter.setFont(font)


def year_label(use: YearUse, slot: int, width_of: Callable[[str], int]) -> str:
    """The percentage over a year's bar: "109 % v" (v: not final yet, also shown by the hatching), shortened to
    "109 %" and "109%" when its slot is too narrow for it."""
    if use.percent is None:
        return "–"
    labels = (f"{use.percent} %" + ("" if use.final else " v"), f"{use.percent} %", f"{use.percent}%")
    return next((label for label in labels if width_of(label) <= slot - 2), labels[-1])


def fitted_font(font: QFont, text: str, room: int) -> QFont:
    """`font`, smaller when `text` is wider than `room` pixels (a narrow slot on a small screen)."""
    width = QFontMetrics(font).horizontalAdvance(text)
    if width <= room or font.pointSizeF() <= 0:
        return font
    smaller = QFont(font)
    smaller.setPointSizeF(max(font.pointSizeF() * room / width, 6.0))
    return smaller


class UseChartArea(QScrollArea):
    """The chart, at most MAX_ROWS rows of boards high and scrolled when there are more: a decade's 60 boards
    (ten rows) would make the window taller than the screen and leave the table two rows."""

    MAX_ROWS = 2

    def __init__(self, chart: UseChart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("useChartArea")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWidgetResizable(True)  # the chart as wide as the area: as many boards beside each other as fit
        self.setWidget(chart)
        self.viewport().setAutoFillBackground(False)  # the page's own background, as without the area
        chart.installEventFilter(self)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        self.setFixedHeight(min(self.widget().height(), self.MAX_ROWS * UseChart.CELL.height()))
