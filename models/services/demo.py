"""The demo year 2016-2017: the published figures plus invented agreements and hours, marked as demo."""
from __future__ import annotations

import csv
import datetime as dt
import random
from importlib import resources

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..domain.agreements import Kind
from ..domain.errors import Conflict
from ..domain.months import Month, month_range
from ..domain.setup import BoardSetup, ProviderSetup, YearSetup
from ..domain.units import MINUTES_PER_HOUR, parse_percent
from ..orm import Agreement
from . import agreements, hours, lookup, months, reporting, reserve, years

LABEL = "2016-2017"
FIRST, LAST = Month(2016, 9), Month(2017, 7)

SCHOOLS = {
    "KPO": ["Basisschool De Regenboog", "Basisschool Sint-Jozef", "Basisschool Het Kompas"],
    "OBO": ["OBS De Vlinder", "OBS Het Palet", "OBS De Springplank"],
    "Borgesius": ["Basisschool De Wegwijzer", "Basisschool Pius X"],
    "De Waarden": ["Basisschool De Schakel", "Basisschool Het Anker"],
    "Kroevendonk / SPCO": ["CBS Kroevendonk"],
    "Zilverlinde / Pallas": ["Basisschool Zilverlinde"],
}
CONTACTS = {
    "KPO": ("M. de Bruijn", "m.debruijn@kpo.example"),
    "OBO": ("A. Jansen", "a.jansen@obo.example"),
    "Borgesius": ("R. van Dijk", "r.vandijk@borgesius.example"),
    "De Waarden": ("S. Visser", "s.visser@dewaarden.example"),
    "Kroevendonk / SPCO": ("P. Bakker", "p.bakker@spco.example"),
    "Zilverlinde / Pallas": ("L. Smit", "l.smit@pallas.example"),
}
PROVIDER_CONTACTS = {
    "Kameleon": ("J. Verhoeven", "ambulant@kameleon.example"),
    "Mytyschool": ("H. de Wit", "ab@mytyschool.example"),
    "Driespan": ("E. Mulder", "begeleiding@driespan.example"),
}
DESCRIPTIONS = {
    Kind.ARRANGEMENT: ["Begeleiding leerling groep {g} bij taal-spraakproblemen",
                       "Ondersteuning leerling groep {g} met motorische beperking",
                       "Begeleiding leerling groep {g} bij gedragsproblemen"],
    Kind.PREVENTIVE: ["Observatie en advies groep {g}", "Preventieve ondersteuning in groep {g}"],
    Kind.COACHING: ["Coaching leerkracht groep {g} bij klassenmanagement",
                    "Coaching leerkracht groep {g}: omgaan met prikkelgevoelige leerlingen"],
    Kind.TEAM_TRAINING: ["Teamscholing over gedragsproblemen in de klas", "Teamscholing over motorische ontwikkeling"],
}


def _reference(name: str) -> list[dict[str, str]]:
    text = resources.files("resources").joinpath("reference", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


def reference_setup() -> YearSetup:
    """The published 2016-2017 set-up: contracts, reserves, pupil shares, keys and minimums."""
    providers = tuple(ProviderSetup(r["dienstverlener"], int(r["contracturen"]), int(r["reserve"]), r["cluster"])
                      for r in _reference("po3002-2016-2017-providers.csv"))
    boards: dict[str, BoardSetup] = {}
    for r in _reference("po3002-2016-2017.csv"):
        if r["bestuur"] not in boards:
            contact, email = CONTACTS.get(r["bestuur"], ("", ""))
            boards[r["bestuur"]] = BoardSetup(
                r["bestuur"], parse_percent(r["percentage_leerlingen"]), parse_percent(r["verdeling"]),
                parse_percent(r["minimum"]) if r["minimum"] else None, contact, email)
    return YearSetup(LABEL, FIRST, LAST, providers, tuple(boards.values()))


def fill(session: Session, today: dt.date) -> None:
    """Fill an empty database with the demo year; refused when it holds data."""
    if not years.is_empty(session):
        raise Conflict("De database bevat al gegevens; de demo kan alleen in een lege database.")
    setup = reference_setup()
    years.create_or_replace(session, setup, is_demo=True)
    for name, (contact, email) in PROVIDER_CONTACTS.items():
        provider = lookup.provider(session, name)
        provider.contact_person, provider.email = contact, email
    rng = random.Random(2016)
    now = min(today, dt.date(2017, 7, 31))
    numbers = _agreements(session, setup, rng, now)
    session.execute(update(Agreement).values(is_demo=True))
    reserve.grant(session, reserve.GrantInput(
        LABEL, "KPO", "Driespan", Month(2017, 3), 12 * MINUTES_PER_HOUR,
        "Extra begeleiding na instroom van twee leerlingen (demo)"), today=min(today, dt.date(2017, 3, 2)))
    _hours(session, numbers, rng, today)
    for month in month_range(FIRST, Month(2017, 5)):
        if month < Month.of(today):
            months.close(session, LABEL, str(month), today)


def _agreements(session: Session, setup: YearSetup, rng: random.Random, now: dt.date) -> list[str]:
    numbers = []
    kinds = list(Kind)
    for i in range(42):
        board = setup.boards[i % len(setup.boards)] if i < 30 else setup.boards[rng.randrange(4)]
        provider = setup.providers[rng.randrange(len(setup.providers))]
        kind = kinds[0] if rng.random() < 0.55 else rng.choice(kinds[1:])
        first = FIRST.plus(rng.choice([0, 0, 1, 2, 3, 4, 5]))
        last = min(first.plus(rng.choice([2, 4, 6, 9, 10])), LAST)
        reported = first.first_day() - dt.timedelta(days=rng.randrange(5, 20))
        if reported > now:
            continue
        registered = min(reported + dt.timedelta(days=rng.randrange(1, 5)), now)
        hours_agreed = rng.choice([20, 30, 40, 60, 80, 100, 120])
        number = agreements.register(session, agreements.AgreementInput(
            year=LABEL, board=board.name, provider=provider.name, minutes=hours_agreed * MINUTES_PER_HOUR,
            first_month=first, last_month=last, school=rng.choice(SCHOOLS[board.name]), kind=kind,
            description=rng.choice(DESCRIPTIONS[kind]).format(g=rng.randrange(1, 9)) + " (demo)",
            pupil_ref=f"L{rng.randrange(100, 999)}" if kind is Kind.ARRANGEMENT else "",
            reported_on=reported, registered_on=registered, board_contact=board.contact_person,
            provider_contact=f"Ambulant begeleider {provider.name}"), today=now)
        numbers.append(number)
        if i % 9 == 8:
            continue  # a few stay registered, not yet confirmed
        confirmed = min(registered + dt.timedelta(days=rng.randrange(1, 6)), now)
        agreements.confirm(session, number, confirmed, now)
    return numbers


def _hours(session: Session, numbers: list[str], rng: random.Random, today: dt.date) -> None:
    for number in numbers:
        row = agreements.get(session, number)
        if row.confirmed_on is None:
            continue
        start = max(row.first_month, Month.of(row.confirmed_on))
        for month in month_range(start, row.last_month):
            if month > Month.of(today):
                break
            year = reporting.lookup.year(session, LABEL)
            use = reporting.month_use(session, year, _board_id(session, row.board), _provider_id(session, row.provider),
                                      month)
            agreed_left = row.minutes - agreements.get(session, number).booked
            share = rng.choice([25, 40, 50, 60, 75, 90])  # percent of the month's budget
            minutes = min(use.budget * share // 100, use.left, agreed_left)
            minutes -= minutes % 15  # quarter hours, as providers report them
            if minutes > 0:
                hours.register(session, hours.HoursInput(number, month, minutes, source="demo"), today)
    for number in numbers[-3:]:
        if agreements.get(session, number).status.value == "bevestigd":
            agreements.complete(session, number, min(today, dt.date(2017, 7, 14)), today)
            break


def _board_id(session: Session, name: str) -> int:
    return reporting.lookup.board(session, name).id


def _provider_id(session: Session, name: str) -> int:
    return reporting.lookup.provider(session, name).id
