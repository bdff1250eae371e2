"""The figures of every school year side by side (DOMAIN.md point 13): per board and provider the yearly hours,
reserve granted, used, lapsed and use in %, the figures of each year's ALV overview (reports.year_figures)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.months import status_word
from ..domain.names import name_key
from ..orm import SchoolYear
from . import lookup, reports
from .reports import Figures


@dataclass(frozen=True)
class HistoryRow:
    year: str
    board: str
    provider: str
    figures: Figures
    final: bool  # every budget month of the year is closed

    @property
    def status(self) -> str:
        return status_word(self.final)


def history(session: Session, today: dt.date, *, board: str | None = None) -> list[HistoryRow]:
    """Every school year in order, board by board and provider by provider, as in each year's ALV overview; only
    one board's rows when named (refused when no board of that name exists)."""
    only = name_key(lookup.board(session, board).name) if board else None
    rows: list[HistoryRow] = []
    for year in session.scalars(select(SchoolYear).order_by(SchoolYear.label)):
        figures = reports.year_figures_of(session, year, today)
        rows += [HistoryRow(figures.year, line.board, line.provider, line.figures, figures.final)
                 for section in figures.boards if only is None or name_key(section.board) == only
                 for line in section.lines]
    return rows
