"""Reserve grants, closing and reopening months, month budgets set by hand, and what lapses."""
from __future__ import annotations

import datetime as dt

import pytest

from models.db import Database
from models.domain.errors import Conflict, InvalidInput, NotFound
from models.domain.months import Month
from models.services import budgets, months, reporting, reserve
from tests.conftest import TODAY
from tests.services.helpers import YEAR, act, add_agreement, add_grant, add_hours, read, refused

D = dt.date


def _grant_cmd(**changes: object) -> reserve.GrantInput:
    values: dict = dict(year=YEAR, board="KPO", provider="Kameleon", month=Month(2016, 10), minutes=60,
                        reason="Extra begeleiding")
    values.update(changes)
    return reserve.GrantInput(**values)


def _budget_cmd(minutes: int, month: Month = Month(2016, 10), note: str = "Afwijkende afspraak",
                board: str = "KPO", provider: str = "Kameleon") -> budgets.MonthBudgetInput:
    return budgets.MonthBudgetInput(YEAR, board, provider, month, minutes, note)


def _rows(db: Database, today: dt.date = TODAY, board: str = "KPO",
          provider: str = "Kameleon") -> dict[str, reporting.BudgetRow]:
    rows = read(db, lambda s: reporting.budget_rows(s, YEAR, today, board=board, provider=provider))
    return {str(r.month): r for r in rows}


# ---------------------------------------------------------------- reserve

def test_grants_up_to_the_providers_reserve(reference_db: Database) -> None:
    add_grant(reference_db, "KPO", "Kameleon", "2016-10", 40 * 60)
    add_grant(reference_db, "OBO", "Kameleon", "2017-03", 29 * 60 + 45)
    error = refused(reference_db, lambda s: reserve.grant(s, _grant_cmd(minutes=30), TODAY), Conflict)
    assert error.message == ("De reserve van Kameleon is niet toereikend: reserve 70, al toegekend 69,75, "
                             "nog 0,25 over, gevraagd 0,5.")
    add_grant(reference_db, "De Waarden", "Kameleon", "2016-11", 15)  # exactly the last quarter
    refused(reference_db, lambda s: reserve.grant(s, _grant_cmd(minutes=15), TODAY), Conflict)
    add_grant(reference_db, "KPO", "Mytyschool", "2016-10", 100 * 60)  # another provider, its own reserve
    lines = read(reference_db, lambda s: reserve.reserve_lines(s, YEAR))
    assert [(r.provider, r.reserve, r.granted, r.left) for r in lines] == [
        ("Kameleon", 4200, 4200, 0), ("Mytyschool", 6000, 6000, 0), ("Driespan", 12000, 0, 12000)]
    grants = read(reference_db, lambda s: reserve.grants(s, YEAR))
    assert [(g.board, g.provider, str(g.month), g.minutes) for g in grants] == [
        ("KPO", "Kameleon", "2016-10", 2400), ("KPO", "Mytyschool", "2016-10", 6000),
        ("De Waarden", "Kameleon", "2016-11", 15), ("OBO", "Kameleon", "2017-03", 1785)]
    assert all(g.reason == "Extra vraag" and g.granted_on == TODAY for g in grants)


def test_grant_shows_in_the_month_budgets(reference_db: Database) -> None:
    add_grant(reference_db, "KPO", "Kameleon", "2016-10", 90)
    add_grant(reference_db, "KPO", "Kameleon", "2016-10", 30)
    rows = _rows(reference_db)
    assert rows["2016-10"].reserve == 120
    assert rows["2016-11"].reserve == 0


@pytest.mark.parametrize(("changes", "kind", "words"), [
    (dict(reason="  "), InvalidInput, "reden"),
    (dict(minutes=0), InvalidInput, "boven 0"),
    (dict(month=Month(2017, 8)), NotFound, "geen budgetmaand van schooljaar 2016-2017"),
    (dict(board="Niemand"), NotFound, "Niemand"),
    (dict(provider="Niemand"), NotFound, "Niemand"),
    (dict(year="2017-2018"), NotFound, "2017-2018"),
    (dict(minutes=70 * 60 + 15), Conflict, "niet toereikend"),
])
def test_grant_refused(reference_db: Database, changes: dict, kind: type, words: str) -> None:
    error = refused(reference_db, lambda s: reserve.grant(s, _grant_cmd(**changes), TODAY), kind)
    assert words in error.message


def test_no_grant_in_a_closed_month(reference_db: Database) -> None:
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    error = refused(reference_db, lambda s: reserve.grant(s, _grant_cmd(), TODAY), Conflict)
    assert error.message == "Oktober 2016 is afgesloten; heropen de maand eerst om iets te wijzigen."


def test_provider_without_reserve(empty_db: Database) -> None:
    from dataclasses import replace

    from models.services import demo, years

    setup = demo.reference_setup()
    setup = replace(setup, providers=(replace(setup.providers[0], reserve_hours=0),) + setup.providers[1:])
    act(empty_db, lambda s: years.create_or_replace(s, setup))
    error = refused(empty_db, lambda s: reserve.grant(s, _grant_cmd(minutes=15), TODAY), Conflict)
    assert "reserve 0, al toegekend 0, nog 0 over" in error.message


# ---------------------------------------------------------------- closing months

def test_close_and_reopen_are_recorded(reference_db: Database) -> None:
    act(reference_db, lambda s: months.close(s, YEAR, "2016-09", TODAY))
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    act(reference_db, lambda s: months.reopen(s, YEAR, "2016-09", "  Late opgave Driespan "))
    act(reference_db, lambda s: months.close(s, YEAR, "2016-09", TODAY))
    history = read(reference_db, lambda s: months.history(s, YEAR))
    assert [(str(e.month), e.action, e.reason) for e in history] == [
        ("2016-09", "afgesloten", ""), ("2016-10", "afgesloten", ""),
        ("2016-09", "heropend", "Late opgave Driespan"), ("2016-09", "afgesloten", "")]
    assert all(isinstance(e.at, dt.datetime) for e in history)
    closed = read(reference_db, lambda s: reporting.closed_months(s, reporting.lookup.year(s, YEAR).id))
    assert closed == {Month(2016, 9), Month(2016, 10)}


def test_close_twice_refused(reference_db: Database) -> None:
    act(reference_db, lambda s: months.close(s, YEAR, "2016-09", TODAY))
    error = refused(reference_db, lambda s: months.close(s, YEAR, "2016-09", TODAY), Conflict)
    assert error.message == "September 2016 is al afgesloten."


def test_reopen_needs_a_reason_and_a_closed_month(reference_db: Database) -> None:
    error = refused(reference_db, lambda s: months.reopen(s, YEAR, "2016-09", "Reden"), Conflict)
    assert error.message == "September 2016 is niet afgesloten."
    act(reference_db, lambda s: months.close(s, YEAR, "2016-09", TODAY))
    error = refused(reference_db, lambda s: months.reopen(s, YEAR, "2016-09", "   "), InvalidInput)
    assert "reden" in error.message


@pytest.mark.parametrize(("month", "kind", "words"), [
    ("2016-08", NotFound, "geen budgetmaand"),
    ("2017-13", InvalidInput, "JJJJ-MM"),
    ("2016-12", Conflict, "nog niet begonnen"),
])
def test_close_refused(reference_db: Database, month: str, kind: type, words: str) -> None:
    error = refused(reference_db, lambda s: months.close(s, YEAR, month, D(2016, 11, 30)), kind)
    assert words in error.message


# ---------------------------------------------------------------- budgets and lapsing

def test_budget_rows_and_what_lapses(reference_db: Database) -> None:
    today = D(2016, 11, 15)
    number = add_agreement(reference_db, today=today)
    add_hours(reference_db, number, "2016-09", 10 * 60, today=today)
    add_hours(reference_db, number, "2016-11", 5 * 60, today=today)
    add_grant(reference_db, "KPO", "Kameleon", "2016-09", 2 * 60, today=today)
    rows = _rows(reference_db, today=today)
    assert list(rows) == ["2016-09", "2016-10", "2016-11", "2016-12", "2017-01", "2017-02", "2017-03",
                          "2017-04", "2017-05", "2017-06", "2017-07"]
    figures = {m: (r.budget, r.reserve, r.used, r.lapsed) for m, r in rows.items()}
    assert figures["2016-09"] == (18 * 60, 120, 600, 20 * 60 - 600)  # ended: the rest lapsed
    assert figures["2016-10"] == (18 * 60, 0, 0, 18 * 60)            # ended, nothing used
    assert figures["2016-11"] == (18 * 60, 0, 300, 0)                # the current month: not yet
    assert figures["2017-01"] == (17 * 60, 0, 0, 0)                  # future
    assert sum(r.budget for r in rows.values()) == 191 * 60
    # closing the current month makes its rest lapse at once
    act(reference_db, lambda s: months.close(s, YEAR, "2016-11", today))
    assert _rows(reference_db, today=today)["2016-11"].lapsed == 13 * 60
    assert _rows(reference_db, today=today)["2016-11"].closed



def test_what_closing_a_month_would_do(reference_db: Database) -> None:
    """The figures 'Maand afsluiten…' shows: the month's use, its budgets with reserve, what would lapse, and
    the providers without hours in it, summed over every board and provider of that month only."""
    today = D(2016, 11, 15)
    number = add_agreement(reference_db, today=today)
    add_hours(reference_db, number, "2016-09", 10 * 60, today=today)
    add_hours(reference_db, number, "2016-10", 3 * 60, today=today)  # another month: not counted in September
    add_grant(reference_db, "KPO", "Kameleon", "2016-09", 2 * 60, today=today)
    september = Month(2016, 9)
    every = read(reference_db, lambda s: reporting.budget_rows(s, YEAR, today))
    cells = [r for r in every if r.month == september]
    providers = tuple(dict.fromkeys(r.provider for r in cells))
    assert len(providers) > 1 and "Kameleon" in providers
    figures = read(reference_db, lambda s: months.closing_figures(s, YEAR, september, today))
    assert figures is not None and figures.month == september
    assert figures.used == 10 * 60
    assert figures.limit == sum(r.budget for r in cells) + 2 * 60
    assert figures.lapses == figures.limit - 10 * 60 == sum(r.left for r in cells)
    assert figures.providers == providers
    assert figures.silent == tuple(p for p in providers if p != "Kameleon")
    assert read(reference_db, lambda s: months.closing_figures(s, YEAR, Month(2017, 8), today)) is None


def test_every_pair_and_month(reference_db: Database) -> None:
    rows = read(reference_db, lambda s: reporting.budget_rows(s, YEAR, TODAY))
    assert len(rows) == 6 * 3 * 11
    alloc = read(reference_db, lambda s: reporting.allocation(s, YEAR))
    for cell in alloc.cells:
        pair = [r for r in rows if (r.board, r.provider) == (cell.board, cell.provider)]
        assert sum(r.budget for r in pair) == cell.yearly_hours * 60
        assert all(r.lapsed == r.budget for r in pair)  # long ago, nothing used


def test_set_a_month_budget_by_hand(reference_db: Database) -> None:
    act(reference_db, lambda s: budgets.set_month_budget(s, _budget_cmd(25 * 60, note=" Projectweek ")))
    rows = _rows(reference_db)
    assert (rows["2016-10"].budget, rows["2016-10"].note) == (25 * 60, "Projectweek")
    warnings = read(reference_db, lambda s: reporting.budget_warnings(s, YEAR))
    assert warnings == ["KPO bij Kameleon: de maandbudgetten tellen op tot 198 uur, de jaaruren zijn 191."]
    # take the seven hours from another month: the months add up again
    act(reference_db, lambda s: budgets.set_month_budget(s, _budget_cmd(10 * 60, Month(2017, 7))))
    assert read(reference_db, lambda s: reporting.budget_warnings(s, YEAR)) == []
    # setting it again replaces the first edit
    act(reference_db, lambda s: budgets.set_month_budget(s, _budget_cmd(20 * 60, note="Anders")))
    assert _rows(reference_db)["2016-10"].budget == 20 * 60
    act(reference_db, lambda s: budgets.reset_month_budget(s, YEAR, "KPO", "Kameleon", Month(2016, 10)))
    act(reference_db, lambda s: budgets.reset_month_budget(s, YEAR, "KPO", "Kameleon", Month(2017, 7)))
    rows = _rows(reference_db)
    assert (rows["2016-10"].budget, rows["2016-10"].note, rows["2017-07"].budget) == (18 * 60, "", 17 * 60)
    assert read(reference_db, lambda s: reporting.budget_warnings(s, YEAR)) == []


def test_an_edited_budget_is_the_cap(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=100)
    act(reference_db, lambda s: budgets.set_month_budget(s, _budget_cmd(25 * 60)))
    add_hours(reference_db, number, "2016-10", 25 * 60)
    act(reference_db, lambda s: budgets.set_month_budget(s, _budget_cmd(5 * 60, Month(2016, 11))))
    from models.services import hours

    error = refused(reference_db, lambda s: hours.register(s, hours.HoursInput(number, Month(2016, 11), 5 * 60 + 15),
                                                           TODAY), Conflict)
    assert "budget 5, gebruikt 0" in error.message


@pytest.mark.parametrize(("minutes", "note", "kind", "words"), [
    (20 * 60, "   ", InvalidInput, "notitie"),
    (-60, "Afspraak", InvalidInput, "negatief"),
])
def test_budget_edit_refused(reference_db: Database, minutes: int, note: str, kind: type, words: str) -> None:
    error = refused(reference_db, lambda s: budgets.set_month_budget(s, _budget_cmd(minutes, note=note)), kind)
    assert words in error.message


def test_budget_edit_not_in_a_closed_month(reference_db: Database) -> None:
    act(reference_db, lambda s: months.close(s, YEAR, "2016-10", TODAY))
    refused(reference_db, lambda s: budgets.set_month_budget(s, _budget_cmd(20 * 60)), Conflict)
    refused(reference_db, lambda s: budgets.reset_month_budget(s, YEAR, "KPO", "Kameleon", Month(2016, 10)),
            Conflict)


def test_budget_not_below_what_is_used_less_reserve(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=100)
    add_grant(reference_db, "KPO", "Kameleon", "2016-10", 2 * 60)
    add_hours(reference_db, number, "2016-10", 15 * 60)
    error = refused(reference_db, lambda s: budgets.set_month_budget(s, _budget_cmd(13 * 60 - 15)), Conflict)
    assert error.message == ("Het budget van oktober 2016 kan niet lager dan 13 uur: er is al 15 uur gebruikt "
                             "en 2 uur reserve toegekend.")
    act(reference_db, lambda s: budgets.set_month_budget(s, _budget_cmd(13 * 60)))  # used = budget + reserve
    assert _rows(reference_db)["2016-10"].left == 0


def test_budget_reset_not_below_what_is_used(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=100)
    act(reference_db, lambda s: budgets.set_month_budget(s, _budget_cmd(25 * 60)))
    add_hours(reference_db, number, "2016-10", 20 * 60)
    error = refused(reference_db, lambda s: budgets.reset_month_budget(s, YEAR, "KPO", "Kameleon",
                                                                        Month(2016, 10)), Conflict)
    assert "kan niet lager dan 20 uur" in error.message
    refused(reference_db, lambda s: budgets.reset_month_budget(s, YEAR, "KPO", "Kameleon", Month(2017, 8)),
            NotFound)
