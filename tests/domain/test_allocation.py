"""Distribution: rounding half up, the suggested key, largest remainder, month budgets."""
from __future__ import annotations

from fractions import Fraction

import pytest

from models.domain.allocation import (
    FULL, KeyInput, Rounding, available_hours, average_per_month, check_keys_total, column_gap,
    exact_suggestion, split_over_months, suggest_keys, yearly_hours,
)
from models.domain.errors import InvalidInput
from models.domain.rounding import div_half_up, round_half_up

# The 2016-2017 pupil shares and minimums, in board order (hundredths of a percent).
BOARDS_2016 = [
    KeyInput(2940), KeyInput(2240), KeyInput(2480), KeyInput(2070), KeyInput(230, 700), KeyInput(40, 500),
]
KEYS_2016 = [2600, 2100, 2200, 1900, 700, 500]


def pct(*values: float | int) -> list[int]:
    return [int(round(v * 100)) for v in values]


# ---------------------------------------------------------------- rounding

@pytest.mark.parametrize(("numerator", "denominator", "expected"), [
    (1, 2, 1),      # 0,5 -> 1 (banker's would give 0)
    (5, 2, 3),      # 2,5 -> 3 (banker's would give 2)
    (3, 2, 2),
    (7, 2, 4),
    (-1, 2, -1),    # halves away from zero
    (-5, 2, -3),
    (191, 11, 17),  # 17,36
    (306, 11, 28),  # 27,8
    (190, 11, 17),  # 17,27
    (0, 7, 0),
    (49, 100, 0),
    (50, 100, 1),
    (149, 100, 1),
    (150, 100, 2),
    (250, 100, 3),
])
def test_div_half_up(numerator: int, denominator: int, expected: int) -> None:
    assert div_half_up(numerator, denominator) == expected


@pytest.mark.parametrize("value", [Fraction(1, 2), Fraction(5, 2), Fraction(9, 2), Fraction(-5, 2)])
def test_round_half_up_is_not_bankers(value: Fraction) -> None:
    assert round_half_up(value) == (int(value) + (1 if value > 0 else -1))
    assert round_half_up(value) != round(value) or abs(round(value)) % 2 == 1


def test_div_half_up_refuses_bad_denominator() -> None:
    with pytest.raises(ValueError):
        div_half_up(1, 0)


# ---------------------------------------------------------------- available hours and keys

def test_available_hours() -> None:
    assert available_hours(806, 70) == 736
    assert available_hours(1277, 100) == 1177
    assert available_hours(2393, 200) == 2193
    assert available_hours(10, 0) == 10
    assert available_hours(10, 10) == 0


@pytest.mark.parametrize(("contract", "reserve"), [(806, 807), (10, -1)])
def test_available_hours_refuses_reserve_out_of_range(contract: int, reserve: int) -> None:
    with pytest.raises(InvalidInput, match="reserve"):
        available_hours(contract, reserve)


def test_keys_must_add_up_to_100() -> None:
    check_keys_total(KEYS_2016)
    with pytest.raises(InvalidInput, match="99"):
        check_keys_total([2600, 2100, 2200, 1900, 700, 400])
    with pytest.raises(InvalidInput, match="100,5"):
        check_keys_total([5050, 5000])


# ---------------------------------------------------------------- yearly hours

@pytest.mark.parametrize(("available", "expected", "gap"), [
    (736, [191, 155, 162, 140, 52, 37], 1),
    (1177, [306, 247, 259, 224, 82, 59], 0),
    (2193, [570, 461, 482, 417, 154, 110], 1),
])
def test_yearly_hours_per_cell_reproduces_published_table(available: int, expected: list[int], gap: int) -> None:
    yearly = yearly_hours(available, KEYS_2016)
    assert yearly == expected
    assert column_gap(available, yearly) == gap


def test_per_cell_rounds_halves_up() -> None:
    # 50 x 7 % = 3,5 -> 4; 150 x 5 % = 7,5 -> 8; both halves go up.
    assert yearly_hours(50, [700, 9300]) == [4, 47]
    assert yearly_hours(150, [500, 9500]) == [8, 143]


@pytest.mark.parametrize("available", [736, 1177, 2193, 0, 1, 7, 999])
def test_largest_remainder_closes_the_column(available: int) -> None:
    yearly = yearly_hours(available, KEYS_2016, Rounding.LARGEST_REMAINDER)
    assert sum(yearly) == available
    exact = [Fraction(available * k, FULL) for k in KEYS_2016]
    assert all(int(e) <= y <= int(e) + 1 for e, y in zip(exact, yearly))


def test_largest_remainder_2016_columns() -> None:
    # Kameleon: 191,36 / 154,56 / 161,92 / 139,84 / 51,52 / 36,8 -> the 737th hour is not handed out.
    assert yearly_hours(736, KEYS_2016, Rounding.LARGEST_REMAINDER) == [191, 155, 162, 140, 51, 37]
    assert yearly_hours(2193, KEYS_2016, Rounding.LARGEST_REMAINDER) == [570, 461, 482, 417, 153, 110]


def test_largest_remainder_ties_larger_key_first() -> None:
    # 10 x 25 % = 2,5 and 10 x 75 % = 7,5: equal remainders, the larger key gets the hour.
    assert yearly_hours(10, [2500, 7500], Rounding.LARGEST_REMAINDER) == [2, 8]
    assert yearly_hours(10, [7500, 2500], Rounding.LARGEST_REMAINDER) == [8, 2]


def test_largest_remainder_ties_equal_keys_board_order() -> None:
    assert yearly_hours(3, [5000, 5000], Rounding.LARGEST_REMAINDER) == [2, 1]
    assert yearly_hours(1, [2500, 2500, 2500, 2500], Rounding.LARGEST_REMAINDER) == [1, 0, 0, 0]
    assert yearly_hours(2, [2500, 2500, 2500, 2500], Rounding.LARGEST_REMAINDER) == [1, 1, 0, 0]


def test_largest_remainder_largest_remainder_wins_before_key() -> None:
    # 10 x 36 % = 3,6 (rest ,6) beats 10 x 64 % = 6,4 (rest ,4) despite the smaller key.
    assert yearly_hours(10, [3600, 6400], Rounding.LARGEST_REMAINDER) == [4, 6]


def test_rounding_labels() -> None:
    assert Rounding("per cel") is Rounding.PER_CELL
    assert Rounding("grootste rest") is Rounding.LARGEST_REMAINDER
    assert Rounding.PER_CELL.label and Rounding.LARGEST_REMAINDER.label


# ---------------------------------------------------------------- per month

@pytest.mark.parametrize(("yearly", "months", "published"), [
    (191, 11, 17), (306, 11, 28), (570, 11, 52), (37, 11, 3), (59, 11, 5), (110, 11, 10), (11, 11, 1),
    (66, 12, 6), (6, 12, 1), (5, 10, 1), (4, 10, 0),
])
def test_average_per_month(yearly: int, months: int, published: int) -> None:
    assert average_per_month(yearly, months) == published


def test_split_191_over_11() -> None:
    parts = split_over_months(191, 11)
    assert parts == [18] * 4 + [17] * 7
    assert sum(parts) == 191


@pytest.mark.parametrize(("total", "count", "expected"), [
    (0, 11, [0] * 11),
    (11, 11, [1] * 11),
    (10, 11, [1] * 10 + [0]),
    (37, 11, [4] * 4 + [3] * 7),
    (12, 1, [12]),
    (5, 12, [1] * 5 + [0] * 7),
])
def test_split_over_months(total: int, count: int, expected: list[int]) -> None:
    assert split_over_months(total, count) == expected


def test_split_needs_a_month() -> None:
    with pytest.raises(InvalidInput, match="budgetmaand"):
        split_over_months(10, 0)


# ---------------------------------------------------------------- suggested key

def test_suggestion_2016_2017() -> None:
    assert suggest_keys(BOARDS_2016) == pct(27, 20, 22, 19, 7, 5)


def test_exact_suggestion_2016_2017() -> None:
    exact = exact_suggestion(BOARDS_2016)
    assert sum(exact) == FULL
    assert exact[4] == 700 and exact[5] == 500
    rest, pupils = Fraction(FULL - 1200), Fraction(2940 + 2240 + 2480 + 2070)
    assert exact[0] == rest * 2940 / pupils


def test_suggestion_without_minimums_follows_pupils() -> None:
    # 29,4 / 22,4 / 24,8 / 20,7 / 2,3 / 0,4: the ,8 and ,7 first, then of the three ,4s the largest share.
    assert suggest_keys([KeyInput(2940), KeyInput(2240), KeyInput(2480), KeyInput(2070), KeyInput(230),
                         KeyInput(40)]) == pct(30, 22, 25, 21, 2, 0)


def test_suggestion_minimum_above_share_is_kept() -> None:
    # A board above its minimum keeps its pupil share; the minimum only lifts.
    assert suggest_keys([KeyInput(6000, 1000), KeyInput(4000)]) == pct(60, 40)
    assert suggest_keys([KeyInput(500, 1000), KeyInput(9500)]) == pct(10, 90)


def test_suggestion_repeats_until_no_board_falls_below() -> None:
    # First round: A gets 10 (minimum); the rest 90 by pupils puts B at 5,4 < 6: B is fixed too.
    boards = [KeyInput(100, 1000), KeyInput(600, 600), KeyInput(9300)]
    assert suggest_keys(boards) == pct(10, 6, 84)
    exact = exact_suggestion(boards)
    assert exact[0] == 1000 and exact[1] == 600 and exact[2] == 8400


@pytest.mark.parametrize("boards", [
    [KeyInput(5000, 6000), KeyInput(5000, 5000)],           # minimums 110 %
    [KeyInput(100, 5000), KeyInput(100, 5000), KeyInput(9800)],  # minimums take all 100 %
    [KeyInput(100, 6000), KeyInput(100, 4000), KeyInput(9800)],  # idem, one round
    [KeyInput(0), KeyInput(0)],                                   # no pupils to share by
])
def test_suggestion_refused_when_minimums_leave_nothing(boards: list[KeyInput]) -> None:
    with pytest.raises(InvalidInput) as refused:
        suggest_keys(boards)
    assert "minimum" in refused.value.message.lower()


def test_suggestion_minimums_that_only_just_fit() -> None:
    # Minimums of 100 % together that do not bind are no problem: every board sits at its share.
    assert suggest_keys([KeyInput(5000, 5000), KeyInput(5000, 5000)]) == pct(50, 50)
    assert suggest_keys([KeyInput(100, 9000), KeyInput(9900, 1000)]) == pct(90, 10)
    assert suggest_keys([KeyInput(0, 2000), KeyInput(10000, 8000), KeyInput(0)]) == pct(20, 80, 0)


def test_suggestion_minimums_above_100_message() -> None:
    with pytest.raises(InvalidInput, match="meer dan 100"):
        suggest_keys([KeyInput(5000, 6000), KeyInput(5000, 5000)])


def test_suggestion_ties_larger_exact_share_first() -> None:
    # 12,5 / 37,5 / 50: remainders ,5 and ,5; the larger exact share (37,5) gets the percent.
    assert suggest_keys([KeyInput(1250), KeyInput(3750), KeyInput(5000)]) == pct(12, 38, 50)
    assert suggest_keys([KeyInput(3750), KeyInput(1250), KeyInput(5000)]) == pct(38, 12, 50)


def test_suggestion_ties_equal_shares_board_order() -> None:
    assert suggest_keys([KeyInput(1250), KeyInput(1250), KeyInput(7500)]) == pct(13, 12, 75)
    assert suggest_keys([KeyInput(2500), KeyInput(2500), KeyInput(2500), KeyInput(2500)]) == pct(25, 25, 25, 25)
    assert suggest_keys([KeyInput(3333), KeyInput(3333), KeyInput(3334)]) == pct(33, 33, 34)


def test_suggestion_never_rounds_below_a_decimal_minimum() -> None:
    # A minimum of 7,5 % that binds: the whole percent may not be 7.
    keys = suggest_keys([KeyInput(100, 750), KeyInput(4950), KeyInput(4950)])
    assert keys[0] >= 750
    assert sum(keys) == FULL
    assert all(k % 100 == 0 for k in keys)


def test_suggestion_refused_when_no_whole_percents_fit_the_minimums() -> None:
    # 7,5 + 7,5 + 85: each minimum needs 8, leaving 84 for a board whose share is exactly 85.
    with pytest.raises(InvalidInput):
        suggest_keys([KeyInput(100, 750), KeyInput(100, 750), KeyInput(9800)])


# ---------------------------------------------------------------- what the refusals say

def test_the_refusals_name_the_figures() -> None:
    with pytest.raises(InvalidInput) as refused:
        available_hours(806, 807)
    assert refused.value.message == "De reserve (807) moet tussen 0 en de contracturen (806) liggen."
    with pytest.raises(InvalidInput) as refused:
        available_hours(806, -1)
    assert refused.value.message == "De reserve (-1) moet tussen 0 en de contracturen (806) liggen."
    with pytest.raises(InvalidInput) as refused:
        check_keys_total([2600, 2100, 2200, 1900, 700, 400])
    assert refused.value.message == "De verdeling telt op tot 99 %, niet tot 100 %; pas de percentages aan."
    with pytest.raises(InvalidInput) as refused:
        split_over_months(191, 0)
    assert refused.value.message == "Een schooljaar heeft minstens één budgetmaand."
    with pytest.raises(InvalidInput) as refused:
        split_over_months(191, -1)
    with pytest.raises(InvalidInput) as refused:
        suggest_keys([KeyInput(5000, 6000), KeyInput(5000, 4001)])
    assert refused.value.message == "De minimums tellen op tot meer dan 100 %; verlaag ze."
    with pytest.raises(InvalidInput) as refused:
        exact_suggestion([KeyInput(5000, 10000), KeyInput(5000)])
    assert refused.value.message == (
        "Geen voorstel voor de verdeling mogelijk: de minimums laten niets over om naar leerlingaantal te verdelen. "
        "Vul de verdeling zelf in of verlaag de minimums.")


def test_minimums_of_exactly_100_percent_are_the_suggestion() -> None:
    assert suggest_keys([KeyInput(5000, 6000), KeyInput(5000, 4000)]) == [6000, 4000]


def test_a_column_without_hours_and_a_single_board() -> None:
    assert yearly_hours(0, [5000, 5000]) == [0, 0]
    assert yearly_hours(0, [5000, 5000], Rounding.LARGEST_REMAINDER) == [0, 0]
    assert yearly_hours(736, [FULL], Rounding.LARGEST_REMAINDER) == [736]
    assert yearly_hours(736, [FULL]) == [736]
    assert column_gap(736, [737]) == 1 and column_gap(736, [735]) == -1 and column_gap(0, []) == 0
    assert average_per_month(0, 11) == 0 and average_per_month(5, 11) == 0 and average_per_month(6, 11) == 1


def test_whole_percents_that_do_not_fit_the_minimums_say_so() -> None:
    with pytest.raises(InvalidInput) as refused:
        suggest_keys([KeyInput(100, 750), KeyInput(100, 750), KeyInput(9800)])
    assert refused.value.message == (
        "Geen voorstel voor de verdeling in hele procenten mogelijk: de minimums, naar boven afgerond, laten te "
        "weinig over. Vul de verdeling zelf in of pas de minimums aan.")


def test_minimums_that_leave_one_hundredth_share_it() -> None:
    assert exact_suggestion([KeyInput(5000, 9999), KeyInput(5000)]) == [Fraction(9999), Fraction(1)]
