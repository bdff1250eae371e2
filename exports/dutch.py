"""Dutch formats for the reports, and user text made safe for PDF markup and spreadsheets."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from xml.sax.saxutils import escape

from models.domain.months import Month, format_date
from models.domain.units import format_hours, format_percent, minutes_to_hundredths

__all__ = ["hours", "percent", "date", "month", "month_short", "markup", "hours_value", "printable", "euros"]


def hours(minutes: int) -> str:
    """1.177 / 17,25 (thousands separated, trailing zeros dropped)."""
    return format_hours(minutes, thousands=True)


def whole(number: int) -> str:
    """A whole number with a thousands dot: 1.177."""
    return f"{number:,}".replace(",", ".")


def percent(value: int | None) -> str:
    """A whole percentage: '87 %'; an en dash when there is nothing to divide by."""
    return "–" if value is None else f"{format_percent(value * 100)} %"


def key(hundredths: int) -> str:
    """A distribution key: '26 %', '31,5 %'."""
    return f"{format_percent(hundredths)} %"


def date(day: dt.date | None) -> str:
    return format_date(day)


def month(value: Month) -> str:
    return value.label


SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def month_short(value: Month) -> str:
    """"mrt '17": the usual Dutch abbreviation, for narrow chart and table columns."""
    return f"{SHORT_MONTHS[value.month - 1]} '{value.year % 100:02d}"


def months_span(first: Month, last: Month) -> str:
    return first.label if first == last else f"{first.label} t/m {last.label}"


def markup(text: object) -> str:
    """User text for a reportlab Paragraph: no tag, entity or line break of the user is obeyed."""
    return escape(printable(str(text)))


def hours_value(minutes: int) -> Decimal:
    """Hours for a spreadsheet cell: exact to two decimals (1035 minutes -> 17.25)."""
    return Decimal(minutes_to_hundredths(minutes)) / 100


# XML 1.0 does not take these; a spreadsheet or PDF writer would fail on them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """User text without the control characters no file format takes (tabs and line breaks stay)."""
    return _ILLEGAL.sub("", text)


def euros(cents: int) -> str:
    """Money for a report: '€ 28.000,00' (integer cents in, no float anywhere)."""
    from models.domain.money import format_euros

    return format_euros(cents)

