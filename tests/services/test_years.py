"""Setting up a school year: create, replace while it holds nothing else, refuse afterwards."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from models.db import Database
from models.domain.errors import Conflict
from models.domain.months import Month
from models.orm import Board, Provider, SchoolYear, YearBoard, YearProvider
from models.services import budgets, demo, lookup, months, reporting, years
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
