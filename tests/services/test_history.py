"""The figures over the years (DOMAIN.md point 13): two school years side by side."""
from __future__ import annotations

import datetime as dt

from models.db import Database
from models.domain.errors import NotFound
from models.services import history
from tests.services.helpers import BOARDS, NEXT_YEAR, PROVIDERS, YEAR, act, read, refused, two_years

H = 60
TODAY = dt.date(2018, 1, 15)


def test_every_year_board_and_provider(empty_db: Database) -> None:
    two_years(empty_db)
    rows = read(empty_db, lambda s: history.history(s, TODAY))
    assert [(r.year, r.board, r.provider) for r in rows] == (
        [(YEAR, b, p) for b in BOARDS for p in PROVIDERS] + [(NEXT_YEAR, b, "Kameleon") for b in ("KPO", "OBO")])
    first = rows[0]
    f = first.figures
    assert (f.yearly_hours, f.reserve, f.used, f.lapsed) == (191, 9 * H, 5 * H, 195 * H)
    assert f.utilisation == 3  # 5 / 200 = 2,5 %: half up
    assert first.status == "definitief"
    later = next(r for r in rows if (r.year, r.board) == (NEXT_YEAR, "KPO"))
    f = later.figures
    # 60 a year: 6 in September to January, 5 after; lapsed in the months that ended before January (or closed)
    assert (f.yearly_hours, f.reserve, f.used, f.lapsed) == (60, 0, 3 * H, 21 * H)
    assert f.utilisation == 5
    assert later.status == "voorlopig"


def test_one_board(empty_db: Database) -> None:
    two_years(empty_db)
    rows = read(empty_db, lambda s: history.history(s, TODAY, board=" obo "))
    assert [(r.year, r.provider) for r in rows] == [(YEAR, p) for p in PROVIDERS] + [(NEXT_YEAR, "Kameleon")]
    assert {r.board for r in rows} == {"OBO"}


def test_an_unknown_board_is_refused(empty_db: Database) -> None:
    two_years(empty_db)
    error = refused(empty_db, lambda s: history.history(s, TODAY, board="Nergens"), NotFound)
    assert error.message == "Schoolbestuur 'Nergens' bestaat niet."


def test_no_years_no_rows(empty_db: Database) -> None:
    assert read(empty_db, lambda s: history.history(s, TODAY)) == []


def test_every_figure_is_the_alv_overviews(empty_db: Database) -> None:
    """Summed pair by pair without the overview's budget rows (reporting.pair_sums), every figure (also budget,
    still open, the agreements) is still the one the year's ALV overview sums from its rows: with a month budget
    set by hand above and below the spread, reserve, use and closed months, on a day in each year and after both."""
    from models.domain.months import Month
    from models.services import budgets, reports, reserve

    two_years(empty_db)
    for month, minutes in (("2017-11", 0), ("2017-12", 25 * H), ("2018-03", 2 * H)):
        act(empty_db, lambda s, m=month, n=minutes: budgets.set_month_budget(s, budgets.MonthBudgetInput(
            NEXT_YEAR, "OBO", "Kameleon", Month.parse(m), n, "Projectweek")))
    grant = reserve.GrantInput(NEXT_YEAR, "OBO", "Kameleon", Month(2017, 12), 2 * H, "Extra vraag")
    act(empty_db, lambda s: reserve.grant(s, grant, TODAY))
    for today in (dt.date(2016, 11, 2), TODAY, dt.date(2019, 1, 1)):
        rows = read(empty_db, lambda s, d=today: history.history(s, d))
        expected = [(year.year, line.board, line.provider, line.figures, year.final)
                    for year in read(empty_db, lambda s, d=today: [reports.alv_report(s, y, d)
                                                                   for y in (YEAR, NEXT_YEAR)])
                    for section in year.boards for line in section.lines]
        assert [(r.year, r.board, r.provider, r.figures, r.final) for r in rows] == expected
    obo = next(r for r in rows if (r.year, r.board) == (NEXT_YEAR, "OBO"))
    assert (obo.figures.budget, obo.figures.reserve) == (40 * H - 4 * H + 25 * H - 4 * H + 2 * H - 4 * H, 2 * H)
