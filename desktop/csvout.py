"""CSV of the command line: semicolons, one header line, decimal comma, trailing zeros dropped."""
from __future__ import annotations

import csv
from typing import IO, TYPE_CHECKING, Iterable, Sequence

from models.domain import dutch

if TYPE_CHECKING:  # the app starts through desktop.cli without importing the services it does not show yet
    from models.services.forecast import ForecastRow
    from models.services.history import HistoryRow
    from models.services.reporting import Allocation, BudgetRow


def write(out: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def allocation(out: IO[str], alloc: Allocation) -> None:
    write(out, ["bestuur", "dienstverlener", "verdeling", "jaaruren", "per_maand"],
          ([c.board, c.provider, dutch.percent_figure(c.key), c.yearly_hours, c.per_month] for c in alloc.cells))


def budgets(out: IO[str], rows: Iterable[BudgetRow]) -> None:
    write(out, ["bestuur", "dienstverlener", "maand", "budget", "reserve", "gebruikt", "vervallen"],
          ([r.board, r.provider, str(r.month), dutch.hours_plain(r.budget), dutch.hours_plain(r.reserve),
            dutch.hours_plain(r.used), dutch.hours_plain(r.lapsed)] for r in rows))



def forecast(out: IO[str], rows: Iterable[ForecastRow]) -> None:
    write(out, ["bestuur", "dienstverlener", "maand", "vervalt_deze_maand", "over", "belegd", "niet_belegd",
                "overbelegd"],
          ([r.board, r.provider, str(r.month),
            *(dutch.hours_plain(minutes) for minutes in (r.figures.lapses_this_month, r.figures.left,
                                                         r.figures.committed, r.figures.not_committed,
                                                         r.figures.over_committed))]
           for r in rows))


def history(out: IO[str], rows: Iterable[HistoryRow]) -> None:
    """A use of 0 + 0 hours has no percentage: its field stays empty."""
    write(out, ["schooljaar", "bestuur", "dienstverlener", "jaaruren", "reserve", "gebruikt", "vervallen", "benutting",
                "status"],
          ([r.year, r.board, r.provider,
            *(dutch.hours_plain(minutes) for minutes in (r.figures.yearly, r.figures.reserve, r.figures.used,
                                                         r.figures.lapsed)),
            "" if r.figures.utilisation is None else r.figures.utilisation, r.status] for r in rows))
