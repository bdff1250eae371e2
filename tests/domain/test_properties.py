"""Properties of the rules, for any input: no hour is created or lost."""
from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from models.domain.allocation import (
    FULL, KeyInput, Rounding, exact_suggestion, split_over_months, suggest_keys, yearly_hours,
)
from models.domain.budget import default_month_budgets
from models.domain.errors import InvalidInput
from models.domain.months import Month, month_range
from models.domain.rounding import div_half_up
from models.domain.units import format_hours, parse_hours

SETTINGS = settings(max_examples=150, deadline=None)


@st.composite
def keys_adding_to_100(draw: st.DrawFn, min_boards: int = 1, max_boards: int = 12) -> list[int]:
    """Keys in hundredths of a percent that add up to exactly 100 %."""
    count = draw(st.integers(min_boards, max_boards))
    cuts = sorted(draw(st.lists(st.integers(0, FULL), min_size=count - 1, max_size=count - 1)))
    bounds = [0, *cuts, FULL]
    return [b - a for a, b in zip(bounds, bounds[1:])]


@SETTINGS
@given(yearly=st.integers(0, 100_000), count=st.integers(1, 12), start=st.integers(1, 12))
def test_month_budgets_add_up_to_the_yearly_hours(yearly: int, count: int, start: int) -> None:
    months = month_range(Month(2016, start), Month(2016, start).plus(count - 1))
    budgets = default_month_budgets(yearly, months)
    values = list(budgets.values())
    assert list(budgets) == months
    assert sum(values) == yearly * 60
    assert all(v % 60 == 0 for v in values)  # whole hours per month
    assert max(values) - min(values) <= 60
    assert values == sorted(values, reverse=True)  # the extra hours go to the earliest months
    assert split_over_months(yearly, count) == [v // 60 for v in values]


@SETTINGS
@given(available=st.integers(0, 50_000), keys=keys_adding_to_100())
def test_largest_remainder_always_hands_out_exactly_what_is_available(available: int, keys: list[int]) -> None:
    result = yearly_hours(available, keys, Rounding.LARGEST_REMAINDER)
    assert sum(result) == available
    for key, hours in zip(keys, result):
        exact = Fraction(available * key, FULL)
        assert exact - 1 < hours < exact + 1


@SETTINGS
@given(available=st.integers(0, 50_000), keys=keys_adding_to_100())
def test_per_cell_is_each_cell_half_up(available: int, keys: list[int]) -> None:
    result = yearly_hours(available, keys, Rounding.PER_CELL)
    for key, hours in zip(keys, result):
        exact = Fraction(available * key, FULL)
        assert abs(exact - hours) <= Fraction(1, 2)
        if exact - int(exact) == Fraction(1, 2):
            assert hours == int(exact) + 1  # halves up, never to even
    # each cell is at most half an hour off, so the column is off by at most half an hour per board
    assert abs(sum(result) - available) <= len(keys) // 2 + 1


@st.composite
def board_inputs(draw: st.DrawFn) -> list[KeyInput]:
    shares = draw(keys_adding_to_100(min_boards=2, max_boards=8))
    minimums = draw(st.lists(st.one_of(st.none(), st.integers(0, 3000)), min_size=len(shares),
                             max_size=len(shares)))
    return [KeyInput(s, m) for s, m in zip(shares, minimums)]


@settings(max_examples=200, deadline=None)
@given(boards=board_inputs())
def test_suggestion_is_whole_percents_adding_to_100_never_below_a_minimum(boards: list[KeyInput]) -> None:
    try:
        keys = suggest_keys(boards)
    except InvalidInput as refused:
        assert "minimum" in refused.message.lower()
        return
    assert sum(keys) == FULL
    assert all(k % 100 == 0 and k >= 0 for k in keys)
    exact = exact_suggestion(boards)
    assert sum(exact) == FULL
    for board, key, share in zip(boards, keys, exact):
        if board.minimum is not None:
            assert key >= board.minimum
            assert share >= board.minimum
        assert abs(share - key) < 100  # the exact share rounded down or up to a whole percent
    # largest remainder: a board rounded up (and not only lifted to its minimum) never has a smaller
    # remainder than a board rounded down
    rest = [share / 100 - int(share / 100) for share in exact]
    up = [i for i, (k, share) in enumerate(zip(keys, exact)) if k > share
          and not (boards[i].minimum is not None and int(share / 100) * 100 < boards[i].minimum)]
    down = [i for i, (k, share) in enumerate(zip(keys, exact)) if k < share]
    assert all(rest[u] >= rest[d] for u in up for d in down)


@settings(max_examples=200, deadline=None)
@given(boards=board_inputs())
def test_suggestion_without_binding_minimums_is_largest_remainder(boards: list[KeyInput]) -> None:
    plain = [KeyInput(b.pupil_share) for b in boards]
    keys = suggest_keys(plain)
    for board, key in zip(plain, keys):
        assert abs(Fraction(board.pupil_share) - key) < 100


@SETTINGS
@given(hundredths=st.integers(1, 10_000_00))
def test_parse_hours_round_trips_whole_minutes(hundredths: int) -> None:
    text = f"{hundredths // 100},{hundredths % 100:02d}"
    if (hundredths * 60) % 100:
        try:
            parse_hours(text)
        except InvalidInput:
            return
        raise AssertionError(f"{text} is not a whole number of minutes and must be refused")
    minutes = parse_hours(text)
    assert minutes * 100 == hundredths * 60
    assert parse_hours(text.replace(",", ".")) == minutes
    assert parse_hours(format_hours(minutes)) == minutes


@SETTINGS
@given(numerator=st.integers(-10**9, 10**9), denominator=st.integers(1, 10**6))
def test_div_half_up_is_nearest_with_halves_away_from_zero(numerator: int, denominator: int) -> None:
    result = div_half_up(numerator, denominator)
    exact = Fraction(numerator, denominator)
    assert abs(exact - result) <= Fraction(1, 2)
    if abs(exact - result) == Fraction(1, 2):
        assert abs(result) > abs(exact)
