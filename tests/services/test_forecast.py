"""The forecast service (DOMAIN.md point 12) on a real database: hand-made agreements, hours, grants and
closed months on the published 2016-2017 set-up."""
from __future__ import annotations

import datetime as dt

import pytest

from models.db import Database
from models.domain.errors import NotFound
from models.domain.forecast import Forecast
from models.domain.months import Month
from models.services import agreements, forecast, months
from tests.conftest import TODAY
from tests.services.helpers import BOARDS, PROVIDERS, YEAR, act, add_agreement, add_grant, add_hours, read, refused

H = 60


def _figures(db: Database, month: str, board: str = "KPO", provider: str = "Kameleon") -> Forecast:
    rows = read(db, lambda s: forecast.forecast_rows(s, YEAR, Month.parse(month), TODAY))
    assert [(r.board, r.provider) for r in rows] == [(b, p) for b in BOARDS for p in PROVIDERS]
    return next(r.figures for r in rows if (r.board, r.provider) == (board, provider))


@pytest.fixture
def scenario(reference_db: Database) -> Database:
    """KPO at Kameleon (month budgets 18 in September to December, 17 in January to July):
    - 2016-001: 40 hours, September to December (ends before the year does), 10 used in October;
    - 2016-002: 30 hours, October to June, 5 used in January and 3 in February;
    - 2016-003: 20 hours, withdrawn after 2 hours in November;
    - 2016-004: 10 hours, March to July, only reported (gemeld);
    - 2016-005: 8 hours, done (afgerond) after 8 hours in December;
    - 6 hours of reserve granted for April; September to January closed."""
    db = reference_db
    first = add_agreement(db, hours_agreed=40, first="2016-09", last="2016-12")
    add_hours(db, first, "2016-10", 10 * H)
    second = add_agreement(db, hours_agreed=30, first="2016-10", last="2017-06")
    add_hours(db, second, "2017-01", 5 * H)
    add_hours(db, second, "2017-02", 3 * H)
    third = add_agreement(db, hours_agreed=20, first="2016-10", last="2017-07")
    add_hours(db, third, "2016-11", 2 * H)
    act(db, lambda s: agreements.withdraw(s, third, dt.date(2016, 12, 1), TODAY))
    add_agreement(db, hours_agreed=10, first="2017-03", last="2017-07", confirmed=None, register=False)
    fifth = add_agreement(db, hours_agreed=8, first="2016-12", last="2016-12")
    add_hours(db, fifth, "2016-12", 8 * H)
    act(db, lambda s: agreements.complete(s, fifth, dt.date(2017, 1, 5), TODAY))
    add_grant(db, "KPO", "Kameleon", "2017-04", 6 * H)
    for month in ("2016-09", "2016-10", "2016-11", "2016-12", "2017-01"):
        act(db, lambda s, m=month: months.close(s, YEAR, m, TODAY))
    return db


def test_the_running_month(scenario: Database) -> None:
    # left: February 17 - 3 = 14, March 17, April 17 + 6, May, June, July 17 each: 105
    # promised: 2016-002 30 - 8 = 22, 2016-004 10 (reported only); not 001 (ended), 003 (withdrawn), 005 (done)
    assert _figures(scenario, "2017-02") == Forecast(lapses_this_month=14 * H, left=105 * H, committed=32 * H)
    assert (_figures(scenario, "2017-02").not_committed, _figures(scenario, "2017-02").over_committed) == (73 * H, 0)


def test_a_later_running_month(scenario: Database) -> None:
    # April 23, May to July 51; 2016-002 still runs (June), 2016-004 too
    assert _figures(scenario, "2017-04") == Forecast(lapses_this_month=23 * H, left=74 * H, committed=32 * H)
    # July: 2016-002 ended in June
    assert _figures(scenario, "2017-07") == Forecast(lapses_this_month=17 * H, left=17 * H, committed=10 * H)


def test_a_closed_running_month(scenario: Database) -> None:
    act(scenario, lambda s: months.close(s, YEAR, "2017-02", TODAY))
    figures = _figures(scenario, "2017-02")
    assert figures.lapses_this_month == 14 * H  # what `budgets` shows as vervallen for February once closed
    assert figures.left == 91 * H  # the closed month stays out
    # an earlier, closed month: its own lapse (18 - 8), only the open months from it on, and 2016-001 (to
    # December, 40 - 10) still promises
    assert _figures(scenario, "2016-12") == Forecast(lapses_this_month=10 * H, left=91 * H, committed=62 * H)


def test_months_outside_the_year(scenario: Database) -> None:
    # before the year: every open month (February to July) and every promising agreement (2016-001 too)
    assert _figures(scenario, "2016-08") == Forecast(lapses_this_month=0, left=105 * H, committed=62 * H)
    assert _figures(scenario, "2017-08") == Forecast(0, 0, 0)
    assert _figures(scenario, "2017-02", board="OBO") == Forecast(14 * H, 6 * 14 * H, 0)  # 155 a year: 15, 10 x 14


def test_over_commitment(reference_db: Database) -> None:
    # KPO at Mytyschool: 306 yearly hours, 28 a month to May, 27 in June and July
    add_agreement(reference_db, provider="Mytyschool", hours_agreed=200, first="2017-03", last="2017-07")
    figures = _figures(reference_db, "2017-03", provider="Mytyschool")
    assert (figures.left, figures.committed) == (138 * H, 200 * H)
    assert (figures.not_committed, figures.over_committed) == (0, 62 * H)


def test_one_board(scenario: Database) -> None:
    rows = read(scenario, lambda s: forecast.forecast_rows(s, YEAR, Month(2017, 2), TODAY, board="kpo"))
    assert [(r.board, r.provider) for r in rows] == [("KPO", p) for p in PROVIDERS]
    assert rows[0].figures.committed == 32 * H


def test_an_unknown_year_or_board(reference_db: Database) -> None:
    error = refused(reference_db, lambda s: forecast.forecast_rows(s, "2030-2031", Month(2030, 9), TODAY),
                    NotFound)
    assert error.message == "Schooljaar 2030-2031 bestaat niet."
    refused(reference_db, lambda s: forecast.forecast_rows(s, YEAR, Month(2017, 2), TODAY, board="Nergens"),
            NotFound)
