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


# ---------------------------------------------------------------- edges

@pytest.mark.parametrize(("text", "month"), [
    ("2017-01", Month(2017, 1)), ("2016-12", Month(2016, 12)), ("2016-10", Month(2016, 10)),
    ("0001-01", Month(1, 1)),
])
def test_month_parse_january_to_december_as_text(text: str, month: Month) -> None:
    assert Month.parse(text) == month
    assert str(Month.parse(text)) == text


def test_month_parse_names_what_was_asked() -> None:
    with pytest.raises(InvalidInput) as refused:
        Month.parse("2016-13", what="Eerste maand")
    assert refused.value.message == "Eerste maand: '2016-13' is geen maand; schrijf JJJJ-MM, bijvoorbeeld 2016-09."
    with pytest.raises(InvalidInput) as refused:
        Month.parse(None)
    assert refused.value.message == "Maand: '' is geen maand; schrijf JJJJ-MM, bijvoorbeeld 2016-09."


@pytest.mark.parametrize("month", [0, 13, -1])
def test_no_month_outside_1_to_12(month: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        Month(2016, month)
    assert refused.value.message == f"Maand {month} bestaat niet."


@pytest.mark.parametrize(("month", "label"), [
    (1, "januari"), (2, "februari"), (3, "maart"), (4, "april"), (5, "mei"), (6, "juni"), (7, "juli"),
    (8, "augustus"), (9, "september"), (10, "oktober"), (11, "november"), (12, "december"),
])
def test_every_month_name(month: int, label: str) -> None:
    assert Month(2016, month).label == f"{label} 2016"
    assert Month(2016, month).first_day() == dt.date(2016, month, 1)


def test_month_index_and_plus_over_year_ends() -> None:
    assert Month(2016, 1).index == 2016 * 12
    assert Month(2016, 12).index == 2016 * 12 + 11
    assert Month(2016, 12).plus(0) == Month(2016, 12)
    assert Month(2016, 1).plus(-1) == Month(2015, 12)
    assert Month(2016, 1).plus(11) == Month(2016, 12)
    assert Month(2016, 1).plus(12) == Month(2017, 1)
    assert Month(2016, 12).plus(-12) == Month(2015, 12)
    assert str(Month(987, 3)) == "0987-03"


def test_iter_months_is_the_range() -> None:
    from models.domain.months import iter_months

    assert list(iter_months(Month(2016, 11), Month(2017, 2))) == [
        Month(2016, 11), Month(2016, 12), Month(2017, 1), Month(2017, 2)]
    assert list(iter_months(Month(2016, 11), Month(2016, 10))) == []


def test_format_date_day_month_year_without_zeros() -> None:
    assert format_date(dt.date(2016, 12, 31)) == "31-12-2016"
    assert format_date(dt.date(2017, 1, 9)) == "9-1-2017"


def test_check_month_names_its_field_and_one_minute_too_many() -> None:
    use = MonthUse(Month(2016, 10), budget=18 * 60, reserve=0, used=18 * 60 - 1)
    check_month(use, 1)
    with pytest.raises(BudgetExceeded) as refused:
        check_month(use, 2)
    assert refused.value.field == "hours"
    assert refused.value.message == ("Nog 0,02 uur over in oktober 2016: budget 18, gebruikt 17,98, gevraagd 0,03. "
                                     "Vraag zo nodig reserve aan.")
    assert (refused.value.left, refused.value.requested) == (1, 2)


def test_reserve_grant_exactly_the_rest_and_the_field() -> None:
    check_reserve_grant(70 * 60, 69 * 60, 60, "Kameleon")
    with pytest.raises(Conflict) as refused:
        check_reserve_grant(70 * 60, 69 * 60, 61, "Kameleon")
    assert refused.value.field == "hours"
    with pytest.raises(Conflict) as refused:
        check_reserve_grant(70 * 60, 80 * 60, 1, "Kameleon")  # already over (a file edited by hand)
    assert "al toegekend 80, nog 0 over, gevraagd 0,02." in refused.value.message


def test_budget_not_below_what_is_used() -> None:
    from models.domain.budget import check_budget_covers_use

    use = MonthUse(Month(2016, 10), budget=18 * 60, reserve=0, used=15 * 60)
    check_budget_covers_use(use, 15 * 60)  # exactly what is used
    with pytest.raises(Conflict) as refused:
        check_budget_covers_use(use, 15 * 60 - 1)
    assert refused.value.message == "Het budget van oktober 2016 kan niet lager dan 15 uur: er is al 15 uur gebruikt."
    assert refused.value.field == "hours"
    with_reserve = MonthUse(Month(2016, 10), budget=18 * 60, reserve=2 * 60, used=15 * 60)
    check_budget_covers_use(with_reserve, 13 * 60)
    with pytest.raises(Conflict) as refused:
        check_budget_covers_use(with_reserve, 13 * 60 - 1)
    assert refused.value.message == ("Het budget van oktober 2016 kan niet lager dan 13 uur: er is al 15 uur "
                                     "gebruikt en 2 uur reserve toegekend.")
    assert refused.value.field == "hours"
    check_budget_covers_use(MonthUse(Month(2016, 10), 0, 0, 0), 0)  # 0 where nothing is used


def test_budgets_gap_and_a_year_of_zero_hours() -> None:
    months = month_range(Month(2016, 9), Month(2017, 7))
    assert list(default_month_budgets(0, months).values()) == [0] * 11
    assert budgets_gap(0, [0] * 11) == 0
    assert budgets_gap(60, [0] * 11) == -60
    assert list(default_month_budgets(12, months).values()) == [120] + [60] * 10
    assert list(default_month_budgets(10, months).values()) == [60] * 10 + [0]


def test_names_trim_collapse_and_casefold_every_kind_of_space() -> None:
    assert clean_name("\tDe\n Waarden\u00a0 ") == "De Waarden"
    assert clean_name(42) == "42"  # type: ignore[arg-type]
    assert name_key(" KPO\tNoord ") == "kpo noord"


def test_a_refusal_is_its_message_and_field() -> None:
    from models.domain.errors import NotFound, Refusal

    error = NotFound("Overeenkomst 2016-404 bestaat niet.", field="agreement")
    assert str(error) == error.message == "Overeenkomst 2016-404 bestaat niet."
    assert error.field == "agreement" and isinstance(error, Refusal)
    assert InvalidInput("x").field is None
    exceeded = BudgetExceeded("oktober 2016", 60, 30, 100, 5)
    assert (exceeded.budget, exceeded.reserve, exceeded.used, exceeded.requested, exceeded.left) == (60, 30, 100, 5, 0)
    assert exceeded.field == "hours"
    assert exceeded.message == ("Nog 0 uur over in oktober 2016: budget 1 + reserve 0,5, gebruikt 1,67, gevraagd "
                                "0,08. Vraag zo nodig reserve aan.")


@pytest.mark.parametrize(("closed", "final", "word"), [
    ([], False, "voorlopig"),
    ([Month(2016, 9)], False, "voorlopig"),
    ([Month(2016, 9), Month(2016, 10)], True, "definitief"),  # every month closed: exactly the months
    ([Month(2016, 8), Month(2016, 9), Month(2016, 10)], True, "definitief"),  # and a month outside them
])
def test_figures_are_final_once_every_month_is_closed(closed: list[Month], final: bool, word: str) -> None:
    from models.domain.months import is_final, status_word

    assert is_final([Month(2016, 9), Month(2016, 10)], iter(closed)) is final
    assert status_word(is_final([Month(2016, 9), Month(2016, 10)], closed)) == word


def test_a_refusal_repeats_at_most_40_characters_of_what_was_typed() -> None:
    from models.domain.errors import clip, quoted

    assert clip(" een\n  twee ") == "een twee"
    assert clip("x" * 40) == "x" * 40 and clip("x" * 41) == "x" * 39 + "…"
    assert quoted("abcdefghij", 5) == "'abcd…'" and quoted("abcde", 5) == "'abcde'"
    assert clip(10 ** 5000) == "(een getal van duizenden cijfers)"  # too long for str(): Python refuses
