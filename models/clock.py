"""Today: the local date, or SWV_UREN_TODAY (YYYY-MM-DD) so tests can fix it."""
from __future__ import annotations

import datetime as dt
import os
import re

from .domain.errors import quoted

ENV = "SWV_UREN_TODAY"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # fromisoformat alone also takes 20160901, 2016-W36


def parse_date(text: str) -> dt.date:
    """Strictly YYYY-MM-DD; anything else raises ValueError."""
    text = text.strip()
    if not _ISO_DATE.match(text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def today() -> dt.date:
    value = os.environ.get(ENV)
    if not value:
        return dt.date.today()
    try:
        return parse_date(value)
    except ValueError:
        raise ValueError(f"{ENV}={quoted(value)} is geen datum; schrijf JJJJ-MM-DD.") from None
