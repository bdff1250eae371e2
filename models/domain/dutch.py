"""The Dutch formats of every figure the user reads: on the screen, in the PDFs, workbooks, e-mails and CSV.

One module, so that a figure reads the same everywhere; each name means one thing. Built on the number rules
of units, money and months (exact: minutes, hundredths and cents in, text out)."""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from .money import format_euros
from .months import Month, format_date
from .units import format_count, format_hours, format_percent

__all__ = ["hours", "hours_plain", "whole", "percent", "percent_figure", "key", "euros", "date", "month",
           "months", "months_span", "month_abbr", "month_narrow", "count"]

NO_FIGURE = "–"  # an en dash: a percentage with nothing to divide by
SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def hours(minutes: int | None) -> str:
    """Hours with a thousands dot, trailing zeros dropped: '1.177', '17,25'; '' for nothing."""
    return "" if minutes is None else format_hours(minutes, thousands=True)


def hours_plain(minutes: int) -> str:
    """Hours as the command line's CSV writes them: no thousands separator ('1177', '17,25')."""
    return format_hours(minutes)


def whole(number: int | None) -> str:
    """A whole number with a thousands dot: 2393 -> '2.393'; '' for nothing."""
    return "" if number is None else format_count(number)


def percent(value: int | None) -> str:
    """A whole percentage: '87 %'; an en dash when there is nothing to divide by."""
    return NO_FIGURE if value is None else f"{format_percent(value * 100)} %"


def percent_figure(hundredths: int | None) -> str:
    """A percentage in hundredths as a figure, for a column headed '%' and for CSV: 3150 -> '31,5'."""
    return "" if hundredths is None else format_percent(hundredths)


def key(hundredths: int) -> str:
    """A distribution key or pupil share: '26 %', '31,5 %'."""
    return f"{format_percent(hundredths)} %"


def euros(cents: int) -> str:
    """Money: '€ 28.000,00' (integer cents in, no float anywhere)."""
    return format_euros(cents)


def date(day: dt.date | None) -> str:
    """'3-2-2022'; '' for nothing."""
    return format_date(day)


def month(value: Month | None) -> str:
    """'september 2016'; '' for nothing."""
    return "" if value is None else value.label


def months(values: Iterable[Month]) -> str:
    """Months as the user says them: 'september t/m december 2016', 'oktober 2016 en maart 2017'."""
    runs: list[list[Month]] = []
    for value in sorted(values):
        if runs and runs[-1][-1].plus(1) == value:
            runs[-1].append(value)
        else:
            runs.append([value])
    parts = [run[0].label if len(run) == 1 else
             f"{run[0].label.split()[0] if run[0].year == run[-1].year else run[0].label} t/m {run[-1].label}"
             for run in runs]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} en {parts[-1]}" if parts else ""


def months_span(first: Month, last: Month) -> str:
    """'september 2016 t/m juli 2017'; one month alone when first is last."""
    return first.label if first == last else f"{first.label} t/m {last.label}"


def month_abbr(value: Month | None) -> str:
    """'okt 2016': for column titles and month ranges on the screen where the full name does not fit."""
    return "" if value is None else f"{SHORT_MONTHS[value.month - 1]} {value.year}"


def month_narrow(value: Month) -> str:
    """"mrt '17": the usual Dutch abbreviation, for the narrow columns of a printed chart or table."""
    return f"{SHORT_MONTHS[value.month - 1]} '{value.year % 100:02d}"


def count(number: int, one: str, many: str) -> str:
    """'1 overeenkomst', '12 overeenkomsten', '1.000.000 regels': the word agrees with the number."""
    return f"1 {one}" if number == 1 else f"{format_count(number)} {many}"
