"""Today: the local date, or SWV_UREN_TODAY (YYYY-MM-DD) so tests can fix it."""
from __future__ import annotations

import datetime as dt
import os

ENV = "SWV_UREN_TODAY"


def today() -> dt.date:
    value = os.environ.get(ENV)
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{ENV}='{value}' is geen datum; schrijf JJJJ-MM-DD.") from None
