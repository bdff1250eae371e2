"""Dutch display formats for the screens (the same as the reports use)."""
from __future__ import annotations

import datetime as dt
import html

from models.domain.months import Month, format_date
from models.domain.units import format_hours, format_hundredths, format_percent

__all__ = ["hours", "whole", "percent", "date", "month", "month_short", "share"]

SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def hours(minutes: int | None) -> str:
    return "" if minutes is None else format_hours(minutes, thousands=True)


def whole(number: int | None) -> str:
    """A whole number with Dutch thousands: 2393 -> '2.393'."""
    return "" if number is None else format_hundredths(number * 100, thousands=True)


def percent(hundredths: int | None) -> str:
    return "" if hundredths is None else format_percent(hundredths)


def date(day: dt.date | None) -> str:
    return format_date(day)


def month(value: Month | None) -> str:
    return "" if value is None else value.label


def months(values: list[Month] | tuple[Month, ...]) -> str:
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


def month_short(value: Month | None) -> str:
    """'okt 2016': for column titles and month ranges where the full name does not fit."""
    return "" if value is None else f"{SHORT_MONTHS[value.month - 1]} {value.year}"


def share(part: int, whole: int) -> int | None:
    """part / whole as a whole percentage, half up; None when whole is 0."""
    if whole <= 0:
        return None
    return (200 * part + whole) // (2 * whole)


def count(number: int, one: str, many: str) -> str:
    """'1 overeenkomst', '12 overeenkomsten', '1.000.000 regels': the word agrees with the number."""
    return f"1 {one}" if number == 1 else f"{whole(number)} {many}"


def text(value: object) -> str:
    """User text inside a rich-text label: '<', '&' and quotes show as typed, never as markup."""
    return html.escape(str(value))
