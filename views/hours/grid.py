"""The month grid of the hours page: one row per board x provider, one cell per month (used against budget +
reserve), in words as well as colour, and its columns."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from models.domain import dutch
from models.domain.months import Month
from models.domain.usage import Usage, usage
from models.services.months import MonthEventRow, MonthState
from models.services.reporting import BudgetRow

from ..tables import BAD, WARN, Column


CLOSED = QColor("#e9ecf0")

@dataclass(frozen=True)
class Cell:
    """One board at one provider in one month (minutes); its state is worked out once, where it is made."""

    month: Month
    budget: int
    reserve: int
    used: int
    closed: bool
    #: In words as well as colour: 'over' above budget + reserve, 'vol' when exactly used up, else "".
    state: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "state", _STATES.get(usage(self.used, self.limit), ""))

    @property
    def limit(self) -> int:
        return self.budget + self.reserve


_STATES = {Usage.OVER: "over", Usage.USED_UP: "vol"}


@dataclass(frozen=True)
class GridRow:
    """A board at a provider over the year's months, with the texts its cells show (made once, off the UI
    thread: the grid's columns only look them up)."""

    board: str
    provider: str
    cells: dict[Month, Cell] = field(default_factory=dict)
    is_total: bool = False
    used: int = field(init=False)
    limit: int = field(init=False)
    #: Per month: what the cell shows ("281,75" over "/ 379", with "vol" or "over" outside the totals row).
    texts: dict[Month, str] = field(init=False)
    #: The year column's text.
    year_text: str = field(init=False)

    def __post_init__(self) -> None:
        used = sum(c.used for c in self.cells.values())
        limit = sum(c.limit for c in self.cells.values())
        texts = {}
        for month, cell in self.cells.items():
            text = used_of(cell.used, cell.limit)
            texts[month] = f"{text} {cell.state}" if cell.state and not self.is_total else text
        for name, value in (("used", used), ("limit", limit), ("texts", texts),
                            ("year_text", used_of(used, limit))):
            object.__setattr__(self, name, value)


def grid_rows(rows: list[BudgetRow]) -> tuple[list[GridRow], GridRow | None, list[Month]]:
    """budget_rows regrouped: one row per board x provider, one cell per month, and a totals row."""
    pairs: dict[tuple[str, str], dict[Month, Cell]] = {}
    months: dict[Month, None] = {}
    for r in rows:
        pairs.setdefault((r.board, r.provider), {})[r.month] = Cell(r.month, r.budget, r.reserve, r.used, r.closed)
        months[r.month] = None
    grid = [GridRow(board, provider, cells) for (board, provider), cells in pairs.items()]
    if not grid:
        return [], None, list(months)
    totals = {m: Cell(m, sum(g.cells[m].budget for g in grid), sum(g.cells[m].reserve for g in grid),
                      sum(g.cells[m].used for g in grid), grid[0].cells[m].closed) for m in months}
    return grid, GridRow("Totaal", "", totals, is_total=True), list(months)


@dataclass(frozen=True)
class HoursGrid:
    """What the hours page shows of a year, worked out in the reading worker: the months' states, the grid
    with its totals row, the cells used up and over, and the history of closing and reopening (latest first)."""

    states: list[MonthState]
    rows: list[GridRow]
    total: GridRow | None
    full: int
    over: int
    history: list[MonthEventRow]


def hours_grid(answers: tuple[list[MonthState], list[BudgetRow], list[MonthEventRow]]) -> HoursGrid:
    """The page's reads (months.states, reporting.budget_rows, months.history) made into what it shows."""
    states, budget_rows, history = answers
    grid, total, _ = grid_rows(budget_rows)
    states_seen = [c.state for g in grid for c in g.cells.values()]
    return HoursGrid(states, grid, total, states_seen.count("vol"), states_seen.count("over"),
                     list(reversed(history)))


def used_of(used: int, limit: int) -> str:
    """Two lines, so that 11 months and the year fit a 1280 pixels wide window: the hours used, and under them
    the budget + reserve ("281,75" over "/ 379")."""
    return f"{dutch.hours(used)}\n/ {dutch.hours(limit)}"


def cell_text(row: GridRow, month: Month) -> str:
    return row.texts[month]


def cell_colour(row: GridRow, month: Month) -> QColor | None:
    cell = row.cells[month]
    if not row.is_total and cell.state:
        return BAD if cell.state == "over" else WARN
    return CLOSED if cell.closed else None


def cell_tooltip(row: GridRow, month: Month) -> str:
    cell = row.cells[month]
    who = "Alle besturen en dienstverleners" if row.is_total else f"{row.board} bij {row.provider}"
    limit = f"budget {dutch.hours(cell.budget)}"
    if cell.reserve:
        limit += f" + reserve {dutch.hours(cell.reserve)}"
    state = {"over": " · over budget", "vol": " · vol"}.get(cell.state, "") if not row.is_total else ""
    closed = " (afgesloten)" if cell.closed else ""
    return (f"{who}, {month.label}{closed}: {limit}; gebruikt {dutch.hours(cell.used)}, "
            f"over {dutch.hours(max(cell.limit - cell.used, 0))}{state}")


def month_column(month: Month, closed: bool) -> Column[GridRow]:
    title = dutch.month_abbr(month).replace(" ", "\n") + ("\nafgesl." if closed else "")
    tooltip = f"{month.label}: " + ("afgesloten; geen nieuwe of gewijzigde uren tot de maand wordt heropend"
                                    if closed else "open")
    return Column(title, lambda r: r.cells[month].used, "hours", tooltip,
                  text=lambda r: r.texts[month], background=lambda r: cell_colour(r, month),
                  cell_tooltip=lambda r: cell_tooltip(r, month), size="spread")  # a wide screen: roomier months


def grid_columns(states: list[MonthState]) -> list[Column[GridRow]]:
    return [Column("Bestuur", lambda r: r.board, width=136, cell_tooltip=lambda r: r.board),
            Column("Dienst-\nverlener", lambda r: r.provider, width=92),
            *(month_column(s.month, s.closed) for s in states),
            Column("Jaar", lambda r: r.used, "hours", width=64, text=lambda r: r.year_text,
                   size="spread",
                   tooltip="Gebruikt in het hele jaar / jaaruren + reserve")]
