"""The forecast rule (DOMAIN.md point 12) over hand-made months and agreements."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.domain.agreements import Status
from models.domain.budget import MonthUse
from models.domain.forecast import Forecast, Promise, forecast
from models.domain.months import Month, month_range

H = 60
MONTHS = month_range(Month(2016, 9), Month(2017, 7))


def _year(used: dict[str, int] | None = None, reserve: dict[str, int] | None = None,
          closed: tuple[str, ...] = ()) -> list[tuple[MonthUse, bool]]:
    """Ten hours a month, with the used and reserve minutes given per 'YYYY-MM'."""
    used, reserve = used or {}, reserve or {}
    return [(MonthUse(m, 10 * H, reserve.get(str(m), 0), used.get(str(m), 0)), str(m) in closed) for m in MONTHS]


def test_left_counts_the_open_months_from_the_running_month() -> None:
    months = _year(used={"2017-02": 4 * H, "2017-05": 12 * H}, reserve={"2017-05": 3 * H, "2017-06": 2 * H},
                   closed=("2016-09", "2016-10"))
    result = forecast(months, [], Month(2017, 2))
    # February 6, March 10, April 10, May max(0, 13 - 12) = 1, June 12, July 10
    assert result == Forecast(lapses_this_month=6 * H, left=49 * H, committed=0)
    assert (result.not_committed, result.over_committed) == (49 * H, 0)


def test_a_month_used_beyond_its_budget_counts_nothing_not_less_than_nothing() -> None:
    months = _year(used={"2017-03": 15 * H}, reserve={"2017-03": 5 * H})
    assert forecast(months, [], Month(2017, 3)).lapses_this_month == 0
    assert forecast(months, [], Month(2017, 3)).left == 4 * 10 * H


def test_a_closed_running_month_still_says_what_lapses_but_is_not_left() -> None:
    months = _year(used={"2017-02": 4 * H}, closed=("2017-02",))
    result = forecast(months, [], Month(2017, 2))
    assert result.lapses_this_month == 6 * H  # what `budgets` shows as vervallen for that month
    assert result.left == 5 * 10 * H


@pytest.mark.parametrize("status, counted", [
    (Status.REPORTED, True), (Status.REGISTERED, True), (Status.CONFIRMED, True),
    (Status.DONE, False), (Status.WITHDRAWN, False)])
def test_only_agreements_that_still_promise_count(status: Status, counted: bool) -> None:
    promise = Promise(status, Month(2017, 7), 30 * H, 12 * H)
    assert forecast(_year(), [promise], Month(2017, 2)).committed == (18 * H if counted else 0)


@pytest.mark.parametrize("last, counted", [("2017-01", False), ("2017-02", True), ("2017-07", True)])
def test_agreements_that_ended_before_the_running_month_promise_nothing(last: str, counted: bool) -> None:
    promise = Promise(Status.CONFIRMED, Month.parse(last), 30 * H, 0)
    assert forecast(_year(), [promise], Month(2017, 2)).committed == (30 * H if counted else 0)


def test_an_agreement_used_up_promises_nothing_more() -> None:
    promise = Promise(Status.CONFIRMED, Month(2017, 7), 30 * H, 30 * H)
    assert forecast(_year(), [promise], Month(2017, 2)).committed == 0


def test_over_commitment() -> None:
    promises = [Promise(Status.CONFIRMED, Month(2017, 7), 50 * H, 5 * H),
                Promise(Status.REGISTERED, Month(2017, 6), 30 * H, 0)]
    result = forecast(_year(), promises, Month(2017, 4))
    assert (result.left, result.committed) == (40 * H, 75 * H)
    assert (result.not_committed, result.over_committed) == (0, 35 * H)


def test_a_month_before_the_year_counts_from_the_first_month() -> None:
    months = _year(used={"2016-09": 2 * H}, closed=("2016-09",))
    promise = Promise(Status.CONFIRMED, Month(2016, 12), 20 * H, 2 * H)
    result = forecast(months, [promise], Month(2016, 6))
    assert result == Forecast(lapses_this_month=0, left=10 * 10 * H, committed=18 * H)
    assert forecast(months, [promise], Month(2016, 9)).left == result.left


def test_a_month_after_the_year_gives_zeros() -> None:
    promise = Promise(Status.CONFIRMED, Month(2017, 7), 20 * H, 0)
    assert forecast(_year(), [promise], Month(2017, 8)) == Forecast(0, 0, 0)


@given(st.lists(st.integers(0, 30 * H), min_size=11, max_size=11), st.integers(0, 40 * H), st.integers(0, 10))
def test_the_two_warnings_never_both_and_add_up(used: list[int], agreed: int, at: int) -> None:
    months = [(MonthUse(m, 10 * H, 0, u), False) for m, u in zip(MONTHS, used)]
    result = forecast(months, [Promise(Status.CONFIRMED, Month(2017, 7), agreed, 0)], MONTHS[at])
    assert result.not_committed == 0 or result.over_committed == 0
    assert result.not_committed - result.over_committed == result.left - result.committed
    assert all(isinstance(v, int) for v in (result.left, result.committed, result.lapses_this_month))
