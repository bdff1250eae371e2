"""The caps of the scheme, checked over what is stored: part of `swv-uren check`.

The services refuse every action that would break these rules, so a sound database breaks none. A
database written by something else (an old version, a script, a hand edit, a restored copy) may: then
`check` names what is wrong, in Dutch, one line per problem. The entries are summed in SQL (first per
agreement and month, straight off the covering index, then per agreement or per board x provider x month
over those sums), so a million entries cost a few index scans, never a million objects."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import Subquery, func, select
from sqlalchemy.orm import Session

from ..domain.errors import InvalidInput
from ..domain.months import Month
from ..domain.units import format_hours
from ..domain.units import format_percent
from ..orm import Agreement, Board, HourEntry, Provider, ReserveGrant, SchoolYear, YearBoard, YearProvider
from .reporting import pair_budgets

LIMIT = 20  # lines shown; the rest is counted


def problems(session: Session, *, limit: int = LIMIT) -> list[str]:
    """One Dutch line per broken cap, the first `limit` of them and then how many more there are."""
    found = (_keys_not_whole(session) + _months_of_entries(session) + _agreements_over(session)
             + _months_over_budget(session) + _grants_over_reserve(session) + _months_of_grants(session))
    if len(found) > limit:
        return found[:limit] + [f"En nog {len(found) - limit} andere problemen met de gegevens."]
    return found


def _real_month(text: str) -> Month | None:
    try:
        return Month.parse(text)
    except InvalidInput:
        return None


def _per_agreement_month() -> Subquery:
    """Minutes per (agreement, month 'YYYY-MM'): grouped in index order, without a temporary B-tree."""
    return (select(HourEntry.agreement_id, HourEntry.month, func.sum(HourEntry.minutes).label("minutes"))
            .group_by(HourEntry.agreement_id, HourEntry.month).subquery())


def _years(session: Session) -> dict[int, SchoolYear]:
    return {y.id: y for y in session.scalars(select(SchoolYear).order_by(SchoolYear.label))}


def _names(session: Session, model: type[Board] | type[Provider]) -> dict[int, str]:
    return {row_id: name for row_id, name in session.execute(select(model.id, model.name))}


def _months_of_entries(session: Session) -> list[str]:
    """Entries in a month that does not exist ('2016-99') or lies outside their agreement's school year."""
    years = _years(session)
    sums = _per_agreement_month()
    rows = session.execute(
        select(Agreement.year_id, sums.c.month, func.count(), func.min(Agreement.number))
        .join(sums, sums.c.agreement_id == Agreement.id)
        .group_by(Agreement.year_id, sums.c.month).order_by(Agreement.year_id, sums.c.month)).all()
    found = []
    for year_id, text, agreements, number in rows:
        year = years[year_id]
        month = _real_month(text)
        which = (f"overeenkomst {number}" if agreements == 1
                 else f"{agreements} overeenkomsten, waaronder {number}")
        if month is None:
            found.append(f"Er zijn uren geboekt in maand '{text}', die niet bestaat ({which}).")
        elif not year.first_month <= str(month) <= year.last_month:
            found.append(f"Er zijn uren geboekt in {month.label}, buiten schooljaar {year.label} ({which}).")
    return found


def _agreements_over(session: Session) -> list[str]:
    """Per agreement: more hours booked than agreed, or hours in a month it could not be carried out in."""
    booked = (select(HourEntry.agreement_id, func.sum(HourEntry.minutes).label("minutes"),
                     func.min(HourEntry.month).label("first"), func.max(HourEntry.month).label("last"))
              .group_by(HourEntry.agreement_id).subquery())
    rows = session.execute(
        select(Agreement.number, Agreement.minutes, Agreement.first_month, Agreement.last_month,
               Agreement.confirmed_on, booked.c.minutes, booked.c.first, booked.c.last)
        .join(booked, booked.c.agreement_id == Agreement.id).order_by(Agreement.number)).all()
    found = []
    for number, agreed, first, last, confirmed_on, minutes, used_first, used_last in rows:
        if minutes > agreed:
            found.append(f"Op overeenkomst {number} is {_hours(minutes)} uur gebruikt, meer dan de "
                         f"{_hours(agreed)} uur die zijn afgesproken.")
        start = _start(first, confirmed_on)
        if start is None:
            found.append(f"Op overeenkomst {number} zijn uren geboekt, maar ze is nooit bevestigd.")
        elif used_first < start:
            found.append(f"Op overeenkomst {number} zijn uren geboekt in {_label(used_first)}, vóór "
                         f"{_label(start)}, de eerste maand waarin ze mocht worden uitgevoerd.")
        if used_last > last:
            found.append(f"Op overeenkomst {number} zijn uren geboekt in {_label(used_last)}, na de laatste maand "
                         f"({_label(last)}).")
    return found


def _start(first_month: str, confirmed_on: dt.date | str | None) -> str | None:
    """The first month hours may be booked in ('YYYY-MM'): the later of the first month and the month of
    confirmation; None while not confirmed."""
    if confirmed_on is None:
        return None
    return max(first_month, str(confirmed_on)[:7])


def _hours(minutes: int) -> str:
    return format_hours(minutes, thousands=True)


def _label(text: str) -> str:
    month = _real_month(text)
    return month.label if month is not None else f"'{text}'"


def _months_over_budget(session: Session) -> list[str]:
    """Used minutes of a board at a provider in a month above that month's budget plus granted reserve."""
    years = _years(session)
    sums = _per_agreement_month()
    used = session.execute(
        select(Agreement.year_id, Agreement.board_id, Agreement.provider_id, sums.c.month, func.sum(sums.c.minutes))
        .join(sums, sums.c.agreement_id == Agreement.id)
        .group_by(Agreement.year_id, Agreement.board_id, Agreement.provider_id, sums.c.month)).all()
    reserve = {(y, b, p, m): int(total) for y, b, p, m, total in session.execute(
        select(ReserveGrant.year_id, ReserveGrant.board_id, ReserveGrant.provider_id, ReserveGrant.month,
               func.sum(ReserveGrant.minutes))
        .group_by(ReserveGrant.year_id, ReserveGrant.board_id, ReserveGrant.provider_id, ReserveGrant.month))}
    by_year: dict[int, list[tuple[int, int, str, int]]] = defaultdict(list)
    for year_id, board_id, provider_id, text, minutes in used:
        by_year[year_id].append((board_id, provider_id, text, int(minutes)))
    boards, providers = _names(session, Board), _names(session, Provider)
    found = []
    for year_id, year in years.items():
        if year_id not in by_year:
            continue
        budgets = pair_budgets(session, year)
        for board_id, provider_id, text, minutes in sorted(by_year[year_id], key=lambda r: (r[2], r[0], r[1])):
            month = _real_month(text)
            if month is None or not year.first_month <= text <= year.last_month:
                continue  # named by _months_of_entries
            pair = budgets.get((board_id, provider_id))
            budget = pair.months.get(month, 0) if pair is not None else 0
            granted = reserve.get((year_id, board_id, provider_id, text), 0)
            if minutes > budget + granted:
                limit = f"budget {_hours(budget)}" + (f" + reserve {_hours(granted)}" if granted else "")
                found.append(f"{boards[board_id]} bij {providers[provider_id]} in {month.label}: "
                             f"{_hours(minutes)} uur gebruikt, meer dan {limit}.")
    return found


def _keys_not_whole(session: Session) -> list[str]:
    """The distribution keys of a year add up to exactly 100 % (DOMAIN.md point 2)."""
    rows = session.execute(
        select(SchoolYear.label, func.sum(YearBoard.key_share), func.sum(YearBoard.pupil_share))
        .join(YearBoard, YearBoard.year_id == SchoolYear.id)
        .group_by(SchoolYear.id, SchoolYear.label).order_by(SchoolYear.label)).all()
    found = []
    for label, keys, pupils in rows:
        if keys != 100 * 100:
            found.append(f"De verdeling van {label} telt op tot {format_percent(keys)} % in plaats van 100 %.")
        if pupils != 100 * 100:
            found.append(f"De percentages leerlingen van {label} tellen op tot {format_percent(pupils)} % in "
                         "plaats van 100 %.")
    return found


def _grants_over_reserve(session: Session) -> list[str]:
    """Reserve granted in a year above the provider's reserve of that year."""
    granted = (select(ReserveGrant.year_id, ReserveGrant.provider_id, func.sum(ReserveGrant.minutes).label("minutes"))
               .group_by(ReserveGrant.year_id, ReserveGrant.provider_id).subquery())
    rows = session.execute(
        select(SchoolYear.label, Provider.name, granted.c.minutes, YearProvider.reserve_minutes)
        .select_from(granted)
        .join(SchoolYear, SchoolYear.id == granted.c.year_id)
        .join(Provider, Provider.id == granted.c.provider_id)
        .outerjoin(YearProvider, (YearProvider.year_id == granted.c.year_id)
                   & (YearProvider.provider_id == granted.c.provider_id))
        .order_by(SchoolYear.label, Provider.name)).all()
    return [f"Van de reserve van {provider} in {label} is {_hours(minutes)} uur toegekend, meer dan de "
            f"reserve van {_hours(reserve or 0)} uur."
            for label, provider, minutes, reserve in rows if minutes > (reserve or 0)]


def _months_of_grants(session: Session) -> list[str]:
    """Reserve granted for a month that does not exist or lies outside its school year."""
    years = _years(session)
    found = []
    for year_id, text in session.execute(select(ReserveGrant.year_id, ReserveGrant.month).distinct()
                                         .order_by(ReserveGrant.year_id, ReserveGrant.month)):
        year = years[year_id]
        month = _real_month(text)
        if month is None:
            found.append(f"Er is reserve toegekend in maand '{text}', die niet bestaat (schooljaar {year.label}).")
        elif not year.first_month <= str(month) <= year.last_month:
            found.append(f"Er is reserve toegekend in {month.label}, buiten schooljaar {year.label}.")
    return found
