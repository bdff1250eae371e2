"""The tables of a school year's set-up: providers (contract, reserve, available), boards (pupils, key beside the
suggestion) and the yearly hours per board x provider."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from models.domain import dutch
from models.services.reporting import Allocation, BoardLine, ProviderLine

from ..tables import WARN, Column



PROVIDER_COLUMNS: list[Column[ProviderLine]] = [
    Column("Dienstverlener", lambda p: p.name, width=126),
    Column("Cluster", lambda p: p.cluster, width=60),
    Column("Contracturen", lambda p: p.contract_hours, "int", width=110),
    Column("Reserve", lambda p: p.reserve_hours, "int"),
    Column("Beschikbaar", lambda p: p.available_hours, "int", "Contracturen min reserve: wat de besturen krijgen"),
]


def key_difference(board: BoardLine) -> str:
    """The key in force against the suggestion, in words ('1 lager': one percentage point below it)."""
    if board.suggested is None:
        return "geen voorstel"
    difference = board.key - board.suggested
    if difference == 0:
        return "gelijk"
    return f"{dutch.percent_figure(abs(difference))} {'hoger' if difference > 0 else 'lager'}"


def _differs(board: BoardLine) -> QColor | None:
    return WARN if board.suggested is not None and board.key != board.suggested else None


BOARD_COLUMNS: list[Column[BoardLine]] = [
    Column("Bestuur", lambda b: b.name, width=150),
    Column("Percentage\nleerlingen", lambda b: b.pupil_share, "percent",
           "Het aandeel van het bestuur in de leerlingen van het samenwerkingsverband (%)"),
    Column("Minimum\n(%)", lambda b: b.minimum, "percent", "Gegarandeerd minimum voor kleine besturen"),
    Column("Verdeling\n(%)", lambda b: b.key, "percent", "De verdeling die geldt (vastgesteld door het SWV)",
           background=_differs),
    Column("Voorstel\n(%)", lambda b: b.suggested, "percent",
           "Berekend: minimums eerst, de rest naar leerlingaantal, hele procenten met de grootste rest",
           background=_differs),
    Column("Verschil", lambda b: key_difference(b) if b.board_id else "", "text",
           "De verdeling tegenover het voorstel, in procentpunten", background=_differs, width=80),
]


# ---------------------------------------------------------------- yearly hours per board x provider

@dataclass(frozen=True)
class BoardYear:
    """One board's yearly hours and published average per month at each provider (whole hours)."""

    board: str
    key: int
    yearly: tuple[int, ...]
    per_month: tuple[int, ...]
    available: tuple[int, ...] = ()  # the totals row only: what each provider has available
    warnings: tuple[str, ...] = ()  # the totals row only: the rounding warning per provider, or ""

    def yearly_text(self, i: int) -> str:
        """A total that differs from what is available says so: '737 van 736' (handed out of available)."""
        text = dutch.whole(self.yearly[i])
        if self.available and self.available[i] != self.yearly[i]:
            text += f" van {dutch.whole(self.available[i])}"
        return text


def year_columns(alloc: Allocation) -> list[Column[BoardYear]]:
    months = len(alloc.months)
    columns: list[Column[BoardYear]] = [
        Column("Bestuur", lambda r: r.board, width=150),
        Column("Verdeling\n(%)", lambda r: r.key, "percent"),
    ]
    for i, p in enumerate(alloc.providers):
        columns.append(Column(f"{p.name}\njaaruren", lambda r, i=i: r.yearly[i], "int",
                              f"Jaaruren bij {p.name}: beschikbaar {p.available_hours} × verdeling, "
                              f"{alloc.rounding.label}", text=lambda r, i=i: r.yearly_text(i),
                              cell_tooltip=lambda r, i=i: r.warnings[i] if r.warnings else ""))
        columns.append(Column(f"{p.name}\nper maand", lambda r, i=i: r.per_month[i], "int",
                              f"Gemiddeld per maand bij {p.name}: jaaruren ÷ {months} budgetmaanden, "
                              "half naar boven (het gepubliceerde cijfer)"))
    columns.append(Column("Totaal\njaaruren", lambda r: sum(r.yearly), "int", "Alle dienstverleners samen"))
    return columns


def board_years(alloc: Allocation) -> list[BoardYear]:
    return [BoardYear(b.name, b.key,
                      tuple(alloc.cell(b.board_id, p.provider_id).yearly_hours for p in alloc.providers),
                      tuple(alloc.cell(b.board_id, p.provider_id).per_month for p in alloc.providers))
            for b in alloc.boards]
