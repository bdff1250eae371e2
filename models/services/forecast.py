"""The forecast per board and provider for a running month (DOMAIN.md point 12), from the one reporting service."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..domain.budget import MonthUse
from ..domain.forecast import Forecast, Promise, forecast
from ..domain.months import Month
from ..domain.names import name_key
from . import agreements as agreement_service
from . import lookup, reporting


@dataclass(frozen=True)
class ForecastRow:
    board_id: int
    board: str
    provider_id: int
    provider: str
    month: Month  # the running month
    figures: Forecast


def forecast_rows(session: Session, label: str, running: Month, today: dt.date, *,
                  board: str | None = None) -> list[ForecastRow]:
    """Every board x provider of a year (or one board's providers), in the order of the allocation."""
    year = lookup.year(session, label)
    board_id = lookup.year_board(session, year, board).board_id if board else None
    alloc = reporting.allocation_of(session, year)
    months: dict[tuple[int, int], list[tuple[MonthUse, bool]]] = defaultdict(list)
    for row in reporting.budget_rows_of(session, year, today, alloc, board_id):
        months[(row.board_id, row.provider_id)].append((row.use, row.closed))
    promises: dict[tuple[str, str], list[Promise]] = defaultdict(list)
    for a in agreement_service.list_agreements(session, agreement_service.AgreementFilter(year.label)):
        promises[(name_key(a.board), name_key(a.provider))].append(
            Promise(a.status, a.last_month, a.minutes, a.booked))
    return [ForecastRow(c.board_id, c.board, c.provider_id, c.provider, running,
                        forecast(months[(c.board_id, c.provider_id)],
                                 promises.get((name_key(c.board), name_key(c.provider)), ()), running))
            for c in alloc.cells if board_id is None or c.board_id == board_id]
