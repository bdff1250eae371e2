"""Agreements and their status steps (DOMAIN.md point 7)."""
from __future__ import annotations

import datetime as dt
import enum
import re

from .errors import Conflict, InvalidInput, quoted
from .months import Month, format_date
from .units import format_hours


class Status(enum.StrEnum):
    REPORTED = "gemeld"
    REGISTERED = "geregistreerd"
    CONFIRMED = "bevestigd"
    DONE = "afgerond"
    WITHDRAWN = "ingetrokken"


class Kind(enum.StrEnum):
    ARRANGEMENT = "arrangement"
    PREVENTIVE = "preventief"
    COACHING = "coaching"
    TEAM_TRAINING = "teamtraining"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> "Kind":
        key = text.strip().casefold()
        for kind in cls:
            if key in (kind.value, kind.label.casefold()):
                return kind
        choices = ", ".join(k.value for k in cls)
        raise InvalidInput(f"Soort {quoted(text)} bestaat niet; kies uit {choices}.", field="kind")


KIND_LABELS = {
    Kind.ARRANGEMENT: "Arrangement (leerling)",
    Kind.PREVENTIVE: "Preventieve ondersteuning",
    Kind.COACHING: "Coaching leerkracht",
    Kind.TEAM_TRAINING: "Teamscholing",
}

# Which step leads from which status.
_STEPS: dict[str, tuple[set[Status], Status]] = {
    "registreren": ({Status.REPORTED}, Status.REGISTERED),
    "bevestigen": ({Status.REGISTERED}, Status.CONFIRMED),
    "afronden": ({Status.CONFIRMED}, Status.DONE),
    "intrekken": ({Status.REPORTED, Status.REGISTERED, Status.CONFIRMED}, Status.WITHDRAWN),
}


def next_status(current: Status, step: str, number: str) -> Status:
    allowed, target = _STEPS[step]
    if current not in allowed:
        raise Conflict(f"Overeenkomst {number} is {current.value}; {step} kan niet (meer).")
    return target


def allowed_steps(current: Status) -> list[str]:
    return [step for step, (allowed, _) in _STEPS.items() if current in allowed]


def format_number(first_year: int, sequence: int) -> str:
    return f"{first_year}-{sequence:03d}"


_NUMBER = re.compile(r"^(\d{4})-(\d{3,})$", re.ASCII)


def parse_number(text: str) -> str:
    text = text.strip()
    if not _NUMBER.match(text):
        raise InvalidInput(f"{quoted(text)} is geen nummer van een overeenkomst; schrijf bijvoorbeeld 2016-017.")
    return text


def check_dates(reported: dt.date | None, registered: dt.date | None, confirmed: dt.date | None,
                today: dt.date) -> None:
    """reported <= registered <= confirmed, none after today."""
    named = [("gemeld", reported), ("geregistreerd", registered), ("bevestigd", confirmed)]
    for name, day in reversed(named):  # the latest date first: an earlier one may only be derived from it
        if day is not None and day > today:
            raise InvalidInput(f"De datum {name} ({format_date(day)}) ligt na vandaag.", field=name)
    present = [(n, d) for n, d in named if d is not None]
    for (n1, d1), (n2, d2) in zip(present, present[1:]):
        if d1 > d2:
            raise InvalidInput(
                f"De datum {n2} ({format_date(d2)}) ligt vóór de datum {n1} ({format_date(d1)}).", field=n2
            )


def check_months(first: Month, last: Month, year_first: Month, year_last: Month, year_label: str) -> None:
    if first > last:
        raise InvalidInput(f"De eerste maand ({first.label}) ligt na de laatste ({last.label}).", field="months")
    if first < year_first or last > year_last:
        raise InvalidInput(
            f"De maanden moeten binnen schooljaar {year_label} vallen "
            f"({year_first.label} t/m {year_last.label}).",
            field="months",
        )


def first_bookable_month(first: Month, confirmed_on: dt.date) -> Month:
    """Hours count from the later of the agreement's first month and the month of confirmation."""
    return max(first, Month.of(confirmed_on))


def check_hours_on_agreement(*, number: str, status: Status, first: Month, last: Month,
                             confirmed_on: dt.date | None, month: Month, today: dt.date,
                             agreed: int, booked: int, requested: int) -> None:
    """Refuse hours the agreement does not allow (status, months, hours agreed)."""
    if status is not Status.CONFIRMED:
        if status in (Status.REPORTED, Status.REGISTERED):
            raise Conflict(
                f"Overeenkomst {number} is nog niet bevestigd aan beide partijen; "
                "pas na de bevestiging mogen uren worden geboekt.", field="agreement")
        raise Conflict(f"Overeenkomst {number} is {status.value}; er kunnen geen uren meer op.",
                       field="agreement")
    assert confirmed_on is not None
    start = first_bookable_month(first, confirmed_on)
    if not start <= month <= last:
        raise Conflict(
            f"Overeenkomst {number} loopt van {start.label} t/m {last.label}; "
            f"{month.label} valt daarbuiten.", field="month")
    if month > Month.of(today):
        raise Conflict(f"{month.label.capitalize()} is nog niet begonnen; registreer alleen gerealiseerde uren.",
                       field="month")
    if booked + requested > agreed:
        raise Conflict(
            f"Overeenkomst {number} heeft {format_hours(agreed)} uur afgesproken, al gebruikt "
            f"{format_hours(booked)}, nog {format_hours(max(agreed - booked, 0))} over; "
            f"{format_hours(requested)} past niet.", field="hours")
