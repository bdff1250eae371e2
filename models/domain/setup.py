"""The set-up of a school year: providers with contracts, boards with keys; validated as a whole."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from .allocation import FULL, KeyInput, Rounding, available_hours, suggest_keys
from .errors import InvalidInput, quoted
from .months import Month, month_range
from .names import clean_name, name_key
from .units import format_hundredths

_LABEL = re.compile(r"^(\d{4})-(\d{4})$", re.ASCII)


@dataclass(frozen=True)
class ProviderSetup:
    name: str
    contract_hours: int  # whole hours
    reserve_hours: int
    cluster: str = ""


@dataclass(frozen=True)
class BoardSetup:
    name: str
    pupil_share: int  # hundredths of a percent
    key: int | None  # hundredths; None: take the suggestion
    minimum: int | None = None
    contact_person: str = ""
    email: str = ""


@dataclass(frozen=True)
class YearSetup:
    label: str
    first_month: Month
    last_month: Month
    providers: tuple[ProviderSetup, ...]
    boards: tuple[BoardSetup, ...]
    rounding: Rounding = Rounding.PER_CELL
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def months(self) -> list[Month]:
        return month_range(self.first_month, self.last_month)

    @property
    def first_calendar_year(self) -> int:
        return int(self.label[:4])


def next_label(existing: Sequence[str], today: dt.date) -> str:
    """The school year to set up next: the one after the latest, else (in an empty database) the one that starts
    this summer (from March on) or the one running now."""
    starts = [int(label[:4]) for label in existing if label[:4].isdigit()]
    start = max(starts) + 1 if starts else today.year if today.month >= 3 else today.year - 1
    return f"{start}-{start + 1}"


def usual_months(label: str) -> tuple[Month, Month]:
    """The budget months of most school years: September to July."""
    start = int(label[:4])
    return Month(start, 9), Month(start + 1, 7)


def parse_label(text: str) -> str:
    text = str(text).strip()
    match = _LABEL.match(text)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise InvalidInput(f"Schooljaar {quoted(text)} is ongeldig; schrijf bijvoorbeeld 2016-2017.")
    return text


def check_year_months(label: str, first: Month, last: Month) -> None:
    start = int(label[:4])
    if first > last:
        raise InvalidInput(f"De eerste maand ({first.label}) ligt na de laatste maand ({last.label}).")
    if first.year not in (start, start + 1) or last.year not in (start, start + 1):
        raise InvalidInput(f"De budgetmaanden moeten in schooljaar {label} vallen.")
    if last.index - first.index + 1 > 12:
        raise InvalidInput("Een schooljaar heeft hoogstens 12 budgetmaanden.")


def validate(setup: YearSetup) -> YearSetup:
    """Check the set-up as a whole and fill in the suggested key when none was given."""
    label = parse_label(setup.label)
    check_year_months(label, setup.first_month, setup.last_month)
    if not setup.providers:
        raise InvalidInput("Er is geen dienstverlener opgegeven.")
    if not setup.boards:
        raise InvalidInput("Er is geen schoolbestuur opgegeven.")
    _check_unique([p.name for p in setup.providers], "dienstverlener", "dienstverleners")
    _check_unique([b.name for b in setup.boards], "schoolbestuur", "schoolbesturen")
    for p in setup.providers:
        if p.contract_hours <= 0:  # only the reserve may be 0
            raise InvalidInput(f"Dienstverlener {clean_name(p.name)}: geef contracturen boven 0.")
        try:
            available_hours(p.contract_hours, p.reserve_hours)
        except InvalidInput as error:
            raise InvalidInput(f"Dienstverlener {p.name}: {error.message}") from None
    pupils = sum(b.pupil_share for b in setup.boards)
    if pupils != FULL:
        raise InvalidInput(f"De percentages leerlingen tellen op tot {format_hundredths(pupils)}, niet tot 100.")
    given = [b.key is not None for b in setup.boards]
    if any(given) and not all(given):
        missing = ", ".join(b.name for b in setup.boards if b.key is None)
        raise InvalidInput(f"De verdeling ontbreekt bij {missing}; vul hem bij alle besturen in of bij geen.")
    boards = setup.boards
    if not any(given):
        keys = suggest_keys([KeyInput(b.pupil_share, b.minimum) for b in boards])
        boards = tuple(replace(b, key=k) for b, k in zip(boards, keys))
    total = sum(b.key or 0 for b in boards)
    if total != FULL:
        raise InvalidInput(f"De verdeling telt op tot {format_hundredths(total)}, niet tot 100.")
    return replace(
        setup, label=label,
        providers=tuple(replace(p, name=clean_name(p.name)) for p in setup.providers),
        boards=tuple(replace(b, name=clean_name(b.name)) for b in boards),
    )


def _check_unique(names: list[str], what: str, plural: str) -> None:
    seen: dict[str, str] = {}
    for name in names:
        if not clean_name(name):
            raise InvalidInput(f"Een {what} heeft geen naam.")
        key = name_key(name)
        if key in seen:
            raise InvalidInput(f"De naam {quoted(clean_name(name))} komt twee keer voor bij de {plural}.")
        seen[key] = name
