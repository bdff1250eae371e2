"""The month grid of the hours page: one row per board x provider, one cell per month (used against budget +
reserve), in words as well as colour, and its columns."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from models.domain import dutch
from models.domain.months import Month
from models.domain.usage import Usage, usage
from models.services.months import MonthState
from models.services.reporting import BudgetRow

from ..tables import BAD, WARN, Column


CLOSED = QColor("#e9ecf0")

@dataclass(frozen=True)
class Cell:
    """One board at one provider in one month (minutes)."""

    month: Month
    budget: int
    reserve: int
    used: int
    closed: bool

    @property
    def limit(self) -> int:
        return self.budget + self.reserve

    @property
    def state(self) -> str:
        """In words as well as colour: 'over' above budget + reserve, 'vol' when exactly used up."""
        return {Usage.OVER: "over", Usage.USED_UP: "vol"}.get(usage(self.used, self.limit), "")


@dataclass(frozen=True)
class GridRow:
    board: str
    provider: str
    cells: dict[Month, Cell] = field(default_factory=dict)
    is_total: bool = False

    @property
    def used(self) -> int:
        return sum(c.used for c in self.cells.values())

    @property
    def limit(self) -> int:
        return sum(c.limit for c in self.cells.values())


def grid_rows(rows: list[BudgetRow]) -> tuple[list[GridRow], GridRow | None, list[Month]]:
    """budget_rows regrouped: one row per board x provider, one cell per month, and a totals row."""
    pairs: dict[tuple[str, str], dict[Month, Cell]] = {}
    months: list[Month] = []
    for r in rows:
        pairs.setdefault((r.board, r.provider), {})[r.month] = Cell(r.month, r.budget, r.reserve, r.used, r.closed)
        if r.month not in months:
            months.append(r.month)
    grid = [GridRow(board, provider, cells) for (board, provider), cells in pairs.items()]
    if not grid:
        return [], None, months
    totals = {m: Cell(m, sum(g.cells[m].budget for g in grid), sum(g.cells[m].reserve for g in grid),
                      sum(g.cells[m].used for g in grid), grid[0].cells[m].closed) for m in months}
    return grid, GridRow("Totaal", "", totals, is_total=True), months


def used_of(used: int, limit: int) -> str:
    """Two lines, so that 11 months and the year fit a 1280 pixels wide window: the hours used, and under them
    the budget + reserve ("281,75" over "/ 379")."""
    return f"{dutch.hours(used)}\n/ {dutch.hours(limit)}"


def cell_text(row: GridRow, month: Month) -> str:
    cell = row.cells[month]
    text = used_of(cell.used, cell.limit)
    return f"{text} {cell.state}" if cell.state and not row.is_total else text


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
                  text=lambda r: cell_text(r, month), background=lambda r: cell_colour(r, month),
                  cell_tooltip=lambda r: cell_tooltip(r, month), size="spread")  # a wide screen: roomier months


def grid_columns(states: list[MonthState]) -> list[Column[GridRow]]:
    return [Column("Bestuur", lambda r: r.board, width=136, cell_tooltip=lambda r: r.board),
            Column("Dienst-\nverlener", lambda r: r.provider, width=92),
            *(month_column(s.month, s.closed) for s in states),
            Column("Jaar", lambda r: r.used, "hours", width=64, text=lambda r: used_of(r.used, r.limit),
                   size="spread",
                   tooltip="Gebruikt in het hele jaar / jaaruren + reserve")]
