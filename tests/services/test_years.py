"""Setting up a school year: create, replace while it holds nothing else, refuse afterwards."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.db import Database
from models.domain.errors import Conflict
from models.domain.months import Month
from models.domain.setup import YearSetup
from models.orm import Board, Provider, SchoolYear, YearBoard, YearProvider
from models.services import budgets, demo, lookup, months, reporting, years
from models.services.innovation import network_budgets, regional_networks, support_questions, theme_settings, year_data
from tests.services.helpers import YEAR, act, add_agreement, add_grant, read, refused


def _count(db: Database, table: type) -> int:
    return read(db, lambda s: s.scalar(select(func.count()).select_from(table)))


def test_create_stores_the_reference_setup(empty_db: Database) -> None:
    assert read(empty_db, years.is_empty)
    act(empty_db, lambda s: years.create_or_replace(s, demo.reference_setup()))
    assert not read(empty_db, years.is_empty)
    year = read(empty_db, lambda s: (lambda y: (y.first_month, y.last_month, y.rounding, y.is_demo))(
        lookup.year(s, YEAR)))
    assert year == ("2016-09", "2017-07", "per cel", False)
    assert _count(empty_db, YearBoard) == 6 and _count(empty_db, YearProvider) == 3
    contracts = read(empty_db, lambda s: [(yp.provider.name, yp.contract_minutes, yp.reserve_minutes)
                                          for yp in lookup.year(s, YEAR).providers])
    assert contracts == [("Kameleon", 806 * 60, 70 * 60), ("Mytyschool", 1277 * 60, 100 * 60),
                         ("Driespan", 2393 * 60, 200 * 60)]
    assert read(empty_db, years.count_years) == 1


def test_replace_while_empty_replaces_the_setup(reference_db: Database) -> None:
    setup = demo.reference_setup()
    boards = tuple(replace(b, key=None) for b in setup.boards)  # take the suggestion this time
    changed = replace(setup, boards=boards, last_month=Month(2017, 6),
                      providers=setup.providers[:2])
    act(reference_db, lambda s: years.create_or_replace(s, changed))
    assert read(reference_db, years.count_years) == 1
    keys = read(reference_db, lambda s: [yb.key_share for yb in lookup.year(s, YEAR).boards])
    assert keys == [2700, 2000, 2200, 1900, 700, 500]
    assert _count(reference_db, YearProvider) == 2
    alloc = read(reference_db, lambda s: reporting.allocation(s, YEAR))
    assert len(alloc.months) == 10
    assert [p.name for p in alloc.providers] == ["Kameleon", "Mytyschool"]


def test_names_are_shared_across_years_case_insensitively(reference_db: Database) -> None:
    setup = demo.reference_setup()
    next_year = replace(setup, label="2017-2018", first_month=Month(2017, 9), last_month=Month(2018, 7),
                        providers=tuple(replace(p, name=f"  {p.name.upper()} ") for p in setup.providers))
    act(reference_db, lambda s: years.create_or_replace(s, next_year))
    assert _count(reference_db, Provider) == 3
    assert _count(reference_db, Board) == 6
    assert _count(reference_db, SchoolYear) == 2
    assert read(reference_db, lambda s: lookup.provider(s, "kameleon").name) == "Kameleon"


@pytest.mark.parametrize("activity", ["agreement", "grant", "closed", "reopened", "budget"])
def test_replace_refused_once_the_year_holds_more(reference_db: Database, activity: str) -> None:
    today = dt.date(2017, 1, 15)
    if activity == "agreement":
        add_agreement(reference_db, confirmed=None)
    elif activity == "grant":
        add_grant(reference_db, "KPO", "Kameleon", "2016-10", 60)
    elif activity in ("closed", "reopened"):
        act(reference_db, lambda s: months.close(s, YEAR, "2016-09", today))
        if activity == "reopened":
            act(reference_db, lambda s: months.reopen(s, YEAR, "2016-09", "Late opgave"))
    else:
        act(reference_db, lambda s: budgets.set_month_budget(s, budgets.MonthBudgetInput(
            YEAR, "KPO", "Kameleon", Month(2016, 10), 20 * 60, "Afwijkende afspraak")))
    error = refused(reference_db, lambda s: years.create_or_replace(s, demo.reference_setup()), Conflict)
    assert YEAR in error.message and "niet meer worden vervangen" in error.message


# ---------------------------------------------------------------- the innovation scheme counts too

NEXT = "2017-2018"


def _next_setup() -> YearSetup:
    return replace(demo.reference_setup(), label=NEXT, first_month=Month(2017, 9), last_month=Month(2018, 7))


def test_opening_a_year_in_the_innovation_scheme_alone_does_not_block_a_reimport(demo_db: Database) -> None:
    act(demo_db, lambda s: years.create_or_replace(s, _next_setup()))
    assert act(demo_db, lambda s: year_data.open_year(s, NEXT)) > 0  # settings, budgets, membership copied
    assert read(demo_db, lambda s: years.activity(s, lookup.year(s, NEXT).id)) == []
    act(demo_db, lambda s: years.create_or_replace(s, _next_setup()))


def _question(session: Session) -> None:
    support_questions.submit_question(session, support_questions.QuestionInput(
        year=NEXT, network="Zuid", title="Meer uitdaging in groep 5-8", description="Plusaanbod",
        theme="Hoogbegaafdheid", schools=(("KPO", "Basisschool Het Kompas"), ("OBO", "OBS De Springplank")),
        executors=(("Anna Vermeulen", 200_000), ("Ingrid Smit", 150_000)), submitted_on=dt.date(2017, 10, 2)),
        dt.date(2017, 10, 2))


def _theme(session: Session) -> None:
    gedrag = next(t for t in theme_settings.list_themes(session, NEXT) if t.name == "Gedrag")
    theme_settings.set_theme(session, NEXT, "Gedrag", standard=gedrag.standard + 100_000, rate=gedrag.rate,
                             basis=gedrag.basis)


INNOVATION_ACTIVITY: dict[str, Callable[[Session], object]] = {
    "ondersteuningsvragen": _question,
    "leerlingaantallen van scholen": lambda s: regional_networks.set_pupils(s, NEXT, "KPO", "Basisschool Het Kompas",
                                                                           240),
    "eigen budgetten van netwerken": lambda s: network_budgets.set_network_budget(
        s, NEXT, "Noord", "Gedrag", entered=2_000_000, basis="vast bedrag"),
    "aangepaste instellingen van innovatiethema's": _theme,
    "een eigen indeling van scholen in netwerken": lambda s: regional_networks.unassign_school(
        s, NEXT, "Zuid", "KPO", "Basisschool Het Kompas"),
}


@pytest.mark.parametrize("what", list(INNOVATION_ACTIVITY))
def test_replace_refused_once_the_year_holds_innovation_data(demo_db: Database, what: str) -> None:
    act(demo_db, lambda s: years.create_or_replace(s, _next_setup()))
    act(demo_db, INNOVATION_ACTIVITY[what])
    assert read(demo_db, lambda s: years.activity(s, lookup.year(s, NEXT).id)) == [what]
    error = refused(demo_db, lambda s: years.create_or_replace(s, _next_setup()), Conflict)
    assert error.message == f"Schooljaar {NEXT} bevat al {what}; de opzet kan niet meer worden vervangen."


def test_the_demo_year_names_what_it_holds(demo_db: Database) -> None:
    error = refused(demo_db, lambda s: years.create_or_replace(s, demo.reference_setup()), Conflict)
    assert error.message.startswith(f"Schooljaar {YEAR} bevat al overeenkomsten, reservetoekenningen, ")
    assert "ondersteuningsvragen" in error.message
    assert error.message.endswith("; de opzet kan niet meer worden vervangen.")
