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


def month_short(value: Month | None) -> str:
    """'okt 2016': for column titles and month ranges where the full name does not fit."""
    return "" if value is None else f"{SHORT_MONTHS[value.month - 1]} {value.year}"


def share(part: int, whole: int) -> int | None:
    """part / whole as a whole percentage, half up; None when whole is 0."""
    if whole <= 0:
        return None
    return (200 * part + whole) // (2 * whole)


def text(value: object) -> str:
    """User text inside a rich-text label: '<', '&' and quotes show as typed, never as markup."""
    return html.escape(str(value))
