"""Months, month budgets without carry-over, the budget check and the reserve check."""
from __future__ import annotations

import datetime as dt

import pytest

from models.domain.budget import MonthUse, budgets_gap, check_month, check_reserve_grant, default_month_budgets
from models.domain.errors import BudgetExceeded, Conflict, InvalidInput
from models.domain.months import Month, format_date, month_range
from models.domain.names import clean_name, name_key

# ---------------------------------------------------------------- months


@pytest.mark.parametrize(("value", "month"), [
    ("2016-09", Month(2016, 9)),
    (" 2017-07 ", Month(2017, 7)),
    (dt.date(2016, 9, 30), Month(2016, 9)),
    (dt.datetime(2017, 1, 1, 0, 0), Month(2017, 1)),
    (Month(2016, 12), Month(2016, 12)),
])
def test_month_parse(value: object, month: Month) -> None:
    assert Month.parse(value) == month


@pytest.mark.parametrize("text", ["2016-9", "2016-13", "2016-00", "201609", "09-2016", "sep 2016", "", None,
                                  "2016-09-01", "２０１６-09"])
def test_month_parse_refuses(text: object) -> None:
    with pytest.raises(InvalidInput, match="JJJJ-MM"):
        Month.parse(text)


def test_month_refuses_month_13() -> None:
    with pytest.raises(InvalidInput):
        Month(2016, 13)


def test_month_text_and_label() -> None:
    assert str(Month(2016, 9)) == "2016-09"
    assert Month(2016, 9).label == "september 2016"
    assert Month(2017, 3).label == "maart 2017"
    assert Month(2016, 9).first_day() == dt.date(2016, 9, 1)
    assert Month.of(dt.date(2017, 2, 28)) == Month(2017, 2)


def test_month_order_and_arithmetic() -> None:
    assert Month(2016, 12) < Month(2017, 1)
    assert Month(2016, 12).plus(1) == Month(2017, 1)
    assert Month(2017, 1).plus(-1) == Month(2016, 12)
    assert Month(2016, 9).plus(10) == Month(2017, 7)


def test_month_range() -> None:
    months = month_range(Month(2016, 9), Month(2017, 7))
    assert len(months) == 11
    assert months[0] == Month(2016, 9) and months[-1] == Month(2017, 7)
    assert month_range(Month(2016, 9), Month(2016, 9)) == [Month(2016, 9)]
    assert month_range(Month(2016, 9), Month(2016, 8)) == []


def test_format_date() -> None:
    assert format_date(dt.date(2022, 2, 3)) == "3-2-2022"
    assert format_date(None) == ""


# ---------------------------------------------------------------- names

@pytest.mark.parametrize(("a", "b"), [
    ("Kroevendonk / SPCO", "  kroevendonk   /  spco "),
    ("De Waarden", "DE\tWAARDEN"),
    ("Straße", "STRASSE"),  # casefold, not lower
])
def test_names_match_after_trim_collapse_casefold(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_clean_name() -> None:
    assert clean_name("  De   Waarden ") == "De Waarden"
    assert name_key("De Waarden") != name_key("DeWaarden")


# ---------------------------------------------------------------- month budgets

def test_default_month_budgets_191_over_11() -> None:
    months = month_range(Month(2016, 9), Month(2017, 7))
    budgets = default_month_budgets(191, months)
    assert list(budgets) == months
    assert [m // 60 for m in budgets.values()] == [18, 18, 18, 18] + [17] * 7
    assert sum(budgets.values()) == 191 * 60
    assert budgets_gap(191 * 60, list(budgets.values())) == 0
    assert budgets_gap(191 * 60, [18 * 60] * 11) == 7 * 60


def test_month_use_left_and_lapsed() -> None:
    use = MonthUse(Month(2016, 10), budget=17 * 60, reserve=3 * 60, used=15 * 60)
    assert use.limit == 20 * 60
    assert use.left == 5 * 60
    assert use.lapsed(ended_or_closed=True) == 5 * 60
    assert use.lapsed(ended_or_closed=False) == 0
    over = MonthUse(Month(2016, 10), budget=60, reserve=0, used=120)
    assert over.left == 0 and over.lapsed(ended_or_closed=True) == 0


def test_check_month_allows_up_to_the_limit() -> None:
    use = MonthUse(Month(2016, 10), budget=17 * 60, reserve=0, used=15 * 60)
    check_month(use, 2 * 60)
    check_month(MonthUse(Month(2016, 10), 17 * 60, 60, 17 * 60), 60)


def test_budget_exceeded_names_budget_used_left_and_reserve() -> None:
    use = MonthUse(Month(2016, 10), budget=17 * 60, reserve=0, used=15 * 60 + 30)
    with pytest.raises(BudgetExceeded) as refused:
        check_month(use, 2 * 60)
    error = refused.value
    assert error.message == ("Nog 1,5 uur over in oktober 2016: budget 17, gebruikt 15,5, gevraagd 2. "
                             "Vraag zo nodig reserve aan.")
    assert (error.budget, error.used, error.left, error.requested, error.reserve) == (1020, 930, 90, 120, 0)
    assert isinstance(error, Conflict)


def test_budget_exceeded_shows_granted_reserve() -> None:
    with pytest.raises(BudgetExceeded) as refused:
        check_month(MonthUse(Month(2017, 3), budget=52 * 60, reserve=12 * 60, used=60 * 60), 4 * 60 + 15)
    assert refused.value.message == ("Nog 4 uur over in maart 2017: budget 52 + reserve 12, gebruikt 60, "
                                     "gevraagd 4,25. Vraag zo nodig reserve aan.")
    assert "\n" not in refused.value.message


def test_reserve_grant_check() -> None:
    check_reserve_grant(70 * 60, 60 * 60, 10 * 60, "Kameleon")
    with pytest.raises(Conflict) as refused:
        check_reserve_grant(70 * 60, 60 * 60, 10 * 60 + 15, "Kameleon")
    assert refused.value.message == (
        "De reserve van Kameleon is niet toereikend: reserve 70, al toegekend 60, nog 10 over, gevraagd 10,25.")
    with pytest.raises(Conflict):
        check_reserve_grant(0, 0, 15, "Kameleon")
