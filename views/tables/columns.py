"""A table's typed columns: how a row's value shows (Dutch format), sorts (the raw value), aligns (numbers
right) and is coloured; the roles and the calm colours every table shares."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from models.domain import dutch
from models.domain.months import Month


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
        return self.show(self.value(row))

    def show(self, value: Any) -> str:
        """A value as a cell shows it, in Dutch format (a column without its own `text`)."""
        if value is None:
            return ""
        match self.kind:
            case "hours":
                return dutch.hours(value)
            case "percent":
                return dutch.percent_figure(value)
            case "date":
                return dutch.date(value)
            case "month":
                return dutch.month(value)
            case "int":
                return dutch.whole(value)
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
