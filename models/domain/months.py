"""Calendar months, the unit of every budget."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from .errors import InvalidInput, quoted

MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
_PATTERN = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise InvalidInput(f"Maand {self.month} bestaat niet.")

    @classmethod
    def parse(cls, value: object, *, what: str = "Maand") -> "Month":
        """`2016-09`, or a date cell of a workbook (which counts as its month)."""
        if isinstance(value, Month):
            return value
        if isinstance(value, (dt.date, dt.datetime)):
            return cls(value.year, value.month)
        text = str(value).strip() if value is not None else ""
        match = _PATTERN.match(text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise InvalidInput(f"{what}: {quoted(text)} is geen maand; schrijf JJJJ-MM, bijvoorbeeld 2016-09.")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> "Month":
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """Dutch: 'september 2016'."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    def plus(self, months: int) -> "Month":
        y, m = divmod(self.index + months, 12)
        return Month(y, m + 1)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


def month_range(first: Month, last: Month) -> list[Month]:
    """All months from first to last, both included."""
    return [first.plus(i) for i in range(last.index - first.index + 1)]


def iter_months(first: Month, last: Month) -> Iterator[Month]:
    return iter(month_range(first, last))


def format_date(day: dt.date | None) -> str:
    """Dutch short date: 3-2-2022."""
    return "" if day is None else f"{day.day}-{day.month}-{day.year}"


def is_final(months: Iterable[Month], closed: Iterable[Month]) -> bool:
    """A year's figures are definitief once every budget month is closed; voorlopig before (DOMAIN.md point 13)."""
    return set(months) <= set(closed)


def status_word(final: bool) -> str:
    return "definitief" if final else "voorlopig"
