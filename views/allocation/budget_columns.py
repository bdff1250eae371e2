"""The month budgets per board x provider (with the status of each pair: do its months still add up to the yearly
hours?), the afwijkende afspraken, and sizing those tables to their contents."""
from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Any

from PySide6.QtGui import QColor, QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import QTableView

from models.domain import dutch
from models.domain.months import Month
from models.services.budget_grid import BudgetGrid, PairMonths

from ..tables import BAD, WARN, Column, RowsModel, cell_margin, column_texts



MONTH_WIDTH = 46  # a month column: its short name and a two- or three-digit budget


def pair_status(pair: PairMonths) -> str:
    """Whether a pair's months still add up to its yearly hours, in words (the totals row: only a gap)."""
    if pair.gap > 0:
        return f"{dutch.hours(pair.gap)} uur te veel"
    if pair.gap < 0:
        return f"{dutch.hours(-pair.gap)} uur te weinig"
    if not pair.provider:
        return ""
    if pair.adjusted:
        return "afwijkend, telt op"
    return "gelijk verdeeld"


def _status_colour(pair: PairMonths) -> QColor | None:
    if pair.gap:
        return BAD
    return WARN if pair.adjusted else None


def month_columns(grid: BudgetGrid) -> list[Column[PairMonths]]:
    columns: list[Column[PairMonths]] = [
        Column("Bestuur", lambda p: p.board, width=136),
        Column("Dienst-\nverlener", lambda p: p.provider, width=92),  # two lines: the months fit 1280 pixels
    ]
    for i, month in enumerate(grid.months):
        closed = " (afgesloten)" if month in grid.closed else ""
        columns.append(Column(
            dutch.month_abbr(month).split()[0], lambda p, i=i: p.budgets[i], "hours",
            f"Maandbudget {month.label}{closed}",
            background=lambda p, i=i: WARN if p.notes[i] else None,
            cell_tooltip=lambda p, i=i, m=month: f"Afwijkende afspraak in {m.label}: {p.notes[i]} (gelijk verdeeld "
                                                 f"{dutch.hours(p.spread[i])})" if p.notes[i] else "",
            width=MONTH_WIDTH))
    columns += [
        Column("Totaal", lambda p: p.total, "hours", "De maandbudgetten samen", background=_status_colour,
               width=66),
        Column("Jaaruren", lambda p: p.yearly_minutes, "hours", width=80),
        Column("Status", pair_status, "text", "Tellen de maanden op tot de jaaruren?", background=_status_colour),
    ]
    return columns


@dataclass(frozen=True)
class Adjustment:
    board: str
    provider: str
    month: Month
    budget: int
    spread: int
    note: str


ADJUSTMENT_COLUMNS: list[Column[Adjustment]] = [
    Column("Bestuur", lambda a: a.board, width=140),
    Column("Dienstverlener", lambda a: a.provider, width=100),
    Column("Maand", lambda a: a.month, "month", width=110),
    Column("Maandbudget", lambda a: a.budget, "hours"),
    Column("Gelijk verdeeld", lambda a: a.spread, "hours"),
    Column("Notitie", lambda a: a.note, width=300),
]


def adjustments(grid: BudgetGrid) -> list[Adjustment]:
    return [Adjustment(p.board, p.provider, grid.months[i], p.budgets[i], p.spread[i], p.notes[i])
            for p in grid.pairs for i in p.adjusted]


def widen_to_contents(view: QTableView, model: RowsModel[Any]) -> None:
    """After fit_columns: wider where a cell (e.g. '2.194 van 2.193') needs it, by 6 pixels more than the view's
    own size hint would ask. Worked out from the rows' texts (each distinct line measured once, in whole pixels
    up as the view's delegate measures it, bold where the cell is bold) instead of asking the view for every
    cell, which took a fifth of a second for a large year."""
    plain = QFontMetricsF(view.font())
    font = view.font()
    font.setBold(True)
    bold = QFontMetricsF(font)
    margin = cell_margin(view)
    shown: dict[tuple[str, type, Any], str] = {}  # each distinct value formatted once
    for i, column in enumerate(model.columns):
        heavy = [r for r in model.rows if column.bold(r)] if column.bold is not None else []
        bold_texts = {column.display(r) for r in heavy}
        texts = column_texts(column, model.rows, shown) - bold_texts
        if model.total_row is not None:
            bold_texts.add(column.display(model.total_row))
        widest = max(_widest_up(plain, texts), _widest_up(bold, bold_texts))
        view.setColumnWidth(i, max(view.columnWidth(i), widest + margin + 6))


def _widest_up(metrics: QFontMetricsF, texts: set[str]) -> int:
    lines = {line for text in texts for line in text.split("\n")}
    return max((ceil(metrics.horizontalAdvance(line)) for line in lines), default=0)


def tight_columns(view: QTableView, columns: list[Column[Any]]) -> int:
    """Small tables: each column as wide as its (bold, perhaps two-line) title or set width; returns the
    width the whole table needs, so that both fit beside each other in a 1280 pixels wide window."""
    bold = view.font()
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    total = 2 * view.frameWidth()
    for i, column in enumerate(columns):
        title = max(metrics.horizontalAdvance(line) for line in column.title.split("\n"))
        width = max(column.width or 0, title + 18)
        view.setColumnWidth(i, width)
        total += width
    return total


def fit_height(view: QTableView, rows: int) -> None:
    """A short table exactly as high as its rows (and a scroll bar when the window is too narrow)."""
    def fit() -> None:
        scroll = view.horizontalScrollBar()
        bar = scroll.sizeHint().height() if scroll.maximum() > 0 else 0
        view.setFixedHeight(view.horizontalHeader().sizeHint().height() + bar + 2 * view.frameWidth()
                            + int(view.property("fit_rows")) * view.verticalHeader().defaultSectionSize())

    if view.property("fit_rows") is None:  # refit when the header is laid out or a scroll bar comes or goes
        view.horizontalScrollBar().rangeChanged.connect(lambda *_: fit())
        view.horizontalHeader().geometriesChanged.connect(fit)
    view.setProperty("fit_rows", rows)
    fit()
