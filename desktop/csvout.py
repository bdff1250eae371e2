"""CSV of the command line: semicolons, one header line, decimal comma, trailing zeros dropped."""
from __future__ import annotations

import csv
from typing import IO, Iterable, Sequence

from models.domain.units import format_hours, format_percent
from models.services.reporting import Allocation, BudgetRow


def write(out: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def allocation(out: IO[str], alloc: Allocation) -> None:
    write(out, ["bestuur", "dienstverlener", "verdeling", "jaaruren", "per_maand"],
          ([c.board, c.provider, format_percent(c.key), c.yearly_hours, c.per_month] for c in alloc.cells))


def budgets(out: IO[str], rows: Iterable[BudgetRow]) -> None:
    write(out, ["bestuur", "dienstverlener", "maand", "budget", "reserve", "gebruikt", "vervallen"],
          ([r.board, r.provider, str(r.month), format_hours(r.budget), format_hours(r.reserve),
            format_hours(r.used), format_hours(r.lapsed)] for r in rows))

