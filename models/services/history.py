"""The figures of every school year side by side (DOMAIN.md point 13): per board and provider the yearly hours,
reserve granted, used, lapsed and use in %, read from the ALV overview's figures so the two never disagree."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..domain.months import status_word
from ..domain.names import name_key
from . import lookup, reports


@dataclass(frozen=True)
class HistoryRow:
    year: str
    board: str
    provider: str
    figures: reports.Figures
    final: bool  # every budget month of the year is closed

    @property
    def status(self) -> str:
        return status_word(self.final)


def history(session: Session, today: dt.date, *, board: str | None = None) -> list[HistoryRow]:
    """Every school year in order, board by board and provider by provider; only one board's rows when named
    (refused when no board of that name exists)."""
    only = name_key(lookup.board(session, board).name) if board else None
    rows = []
    for label in lookup.year_labels(session):
        overview = reports.year_figures(session, label, today)
        for section in overview.boards:
            if only is None or name_key(section.board) == only:
                rows += [HistoryRow(label, line.board, line.provider, line.figures, overview.final)
                         for line in section.lines]
    return rows
