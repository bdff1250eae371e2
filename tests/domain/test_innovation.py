"""The rules of the innovation budgets: schools of two boards, two executors, commitments, status steps."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.domain import innovation as rules
from models.domain.errors import Conflict, InvalidInput
from models.domain.innovation import ChosenExecutor, ChosenSchool
from models.domain.months import Month

TODAY = dt.date(2017, 3, 1)
NOORD = "Noord"


def school(board: str, name: str, network: str | None = NOORD) -> ChosenSchool:
    return ChosenSchool(board, name, network)


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("first_year, sequence, number", [
    (2016, 1, "2016-I01"), (2016, 12, "2016-I12"), (2019, 99, "2019-I99"), (2019, 100, "2019-I100")])
def test_question_numbers(first_year: int, sequence: int, number: str) -> None:
    assert rules.format_question_number(first_year, sequence) == number
    assert rules.parse_question_number(f" {number} ") == number


@pytest.mark.parametrize("text", ["2016-01", "2016-I1", "I01", "2016-X01", "", "2016-I01x", "x2016-I01",
                                  "２０１６-I01", "2016-I０1"])
def test_malformed_question_numbers(text: str) -> None:
    with pytest.raises(InvalidInput, match="geen nummer van een ondersteuningsvraag"):
        rules.parse_question_number(text)


# ---------------------------------------------------------------- schools

def test_schools_of_two_boards_in_the_network_are_fine() -> None:
    rules.check_schools([school("KPO", "De Regenboog"), school("OBO", "De Vlinder")], NOORD)
    rules.check_schools([school("KPO", "A"), school("KPO", "B"), school("OBO", "C")], "noord")


@pytest.mark.parametrize("schools, message", [
    ([], "minstens twee verschillende besturen; kies minstens twee scholen."),
    ([school("KPO", "A")], "minstens twee verschillende besturen; kies minstens twee scholen."),
    ([school("KPO", "A"), school("kpo", "B")],
     "Een ondersteuningsvraag wordt opgesteld door scholen van minstens twee verschillende besturen; alle gekozen "
     "scholen horen bij KPO."),
    ([school("KPO", "A"), school("KPO", "B"), school("KPO", "C")], "alle gekozen scholen horen bij KPO."),
    ([school("KPO", "A"), school("OBO", "B", "Zuid")], "School B (OBO) hoort niet bij netwerk Noord."),
    ([school("KPO", "A"), school("OBO", "B", None)], "School B (OBO) hoort niet bij netwerk Noord."),
    ([school("KPO", "A"), school("kpo", "a"), school("OBO", "B")], "School a (kpo) staat twee keer"),
])
def test_schools_refused(schools: list[ChosenSchool], message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.check_schools(schools, NOORD)
    assert message in caught.value.message
    assert caught.value.field == "schools"
    assert "\n" not in caught.value.message


def test_a_supra_regional_question_takes_schools_of_two_networks_or_more() -> None:
    rules.check_schools([school("KPO", "A"), school("OBO", "B", "Zuid")], None)
    rules.check_schools([school("KPO", "A", "Noord"), school("OBO", "B", "noord"), school("SPO", "C", "Zuid")], None)


SUPRA_ONE_NETWORK = ("Een bovenregionale ondersteuningsvraag wordt opgesteld door scholen uit minstens twee netwerken; "
                     "alle gekozen scholen horen bij {0}. Kies dan netwerk {0} in plaats van Bovenregionaal.")


@pytest.mark.parametrize("schools, message", [
    ([school("KPO", "A"), school("OBO", "B", None)],
     "School B (OBO) hoort bij geen regionaal netwerk; een bovenregionale vraag wordt opgesteld door scholen uit "
     "regionale netwerken."),
    ([school("KPO", "A", None), school("OBO", "B"), school("SPO", "C", "Zuid")],
     "School A (KPO) hoort bij geen regionaal netwerk; een bovenregionale vraag wordt opgesteld door scholen uit "
     "regionale netwerken."),
    ([school("KPO", "A"), school("OBO", "B")], SUPRA_ONE_NETWORK.format("Noord")),
    ([school("KPO", "A", "Zuid"), school("OBO", "B", "zuid")], SUPRA_ONE_NETWORK.format("Zuid")),
    ([school("KPO", "A", "zuid"), school("OBO", "B", "Zuid"), school("SPO", "C", "ZUID")],
     SUPRA_ONE_NETWORK.format("zuid")),  # named as the first school has it
])
def test_a_supra_regional_question_refused(schools: list[ChosenSchool], message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.check_schools(schools, None)
    assert (caught.value.message, caught.value.field) == (message, "schools")


@pytest.mark.parametrize(("network", "name"), [
    (None, "het bovenregionale budget Gedrag"), ("Noord", "het budget Gedrag van netwerk Noord")])
def test_a_budget_is_named_by_its_theme_and_network(network: str | None, name: str) -> None:
    assert rules.budget_name("Gedrag", network) == name


# ---------------------------------------------------------------- executors

def test_executors_total() -> None:
    assert rules.check_executors([ChosenExecutor("Kameleon", 400_000), ChosenExecutor("Bas Kok", 1)]) == 400_001


@pytest.mark.parametrize("executors, message", [
    ([], "minstens twee partijen uit de pool van deskundigen; kies minstens twee uitvoerders."),
    ([ChosenExecutor("Kameleon", 100)], "kies minstens twee uitvoerders"),
    ([ChosenExecutor("Kameleon", 100), ChosenExecutor("kameleon", 200)], "Uitvoerder kameleon staat twee keer"),
    ([ChosenExecutor("Kameleon", 100), ChosenExecutor("Bas Kok", 0)], "Bedrag voor Bas Kok: geef een bedrag boven"),
    ([ChosenExecutor("Kameleon", -5), ChosenExecutor("Bas Kok", 10)], "Bedrag voor Kameleon: € -0,05 is negatief"),
    ([ChosenExecutor("Kameleon", 100), ChosenExecutor("Bas Kok", 100, active=False)],
     "Uitvoerder Bas Kok staat op niet actief"),
])
def test_executors_refused(executors: list[ChosenExecutor], message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.check_executors(executors)
    assert message in caught.value.message
    assert caught.value.field == "executors"


# ---------------------------------------------------------------- budgets and commitments

def test_commitment_up_to_what_is_left() -> None:
    rules.check_commitment("Gedrag", NOORD, 1_800_000, 1_450_000, 350_000)
    rules.check_commitment("Gedrag", NOORD, 1_800_000, 0, 1_800_000)


def test_commitment_above_what_is_left_is_refused_with_figures() -> None:
    with pytest.raises(rules.CommitmentExceeded) as caught:
        rules.check_commitment("Gedrag", NOORD, 1_800_000, 1_450_000, 500_000)
    assert caught.value.message == (
        "Nog € 3.500,00 over van het budget Gedrag van netwerk Noord (budget € 18.000,00, vastgelegd € 14.500,00); "
        "gevraagd € 5.000,00.")
    assert (caught.value.budget, caught.value.committed, caught.value.requested, caught.value.left) == (
        1_800_000, 1_450_000, 500_000, 350_000)
    assert isinstance(caught.value, Conflict)


def test_commitment_when_a_budget_is_already_overdrawn_says_nothing_is_left() -> None:
    with pytest.raises(rules.CommitmentExceeded, match=r"^Nog € 0,00 over"):
        rules.check_commitment("Innovatie", NOORD, 100, 200, 1)


def test_budget_not_below_committed() -> None:
    rules.check_budget_covers("Gedrag", NOORD, 1_450_000, 1_450_000)
    with pytest.raises(Conflict) as caught:
        rules.check_budget_covers("Gedrag", NOORD, 1_000_000, 1_450_000)
    assert caught.value.message == ("Het budget Gedrag van netwerk Noord kan niet lager dan wat al is vastgelegd: "
                                    "budget € 10.000,00, vastgelegd € 14.500,00.")


@pytest.mark.parametrize("entered, rate, pupils, basis, in_force", [
    (2_800_000, None, 1000, "vast bedrag", 2_800_000),
    (2_800_000, 1_500, 1043, "per leerling", 1_564_500),
    (2_800_000, 1_500, 1043, "vast bedrag", 2_800_000),
    (0, 2_999, 7, "per leerling", 20_993),  # exact cents, no rounding
    (0, 1_500, 0, "per leerling", 0),
])
def test_budget_in_force(entered: int, rate: int | None, pupils: int, basis: str, in_force: int) -> None:
    computed = rules.computed_budget(rate, pupils)
    assert rules.budget_in_force(entered, computed, basis, "Gedrag") == in_force


@pytest.mark.parametrize("own, standard, fixed", [
    (None, 2_800_000, 2_800_000),  # follows the standard
    (2_800_000, 3_000_000, 2_800_000),  # its own amount, even when it once equalled the standard
    (0, 2_800_000, 0),  # an own amount of nothing is still an own amount
])
def test_fixed_amount_follows_the_standard_only_without_an_own_amount(own: int | None, standard: int,
                                                                      fixed: int) -> None:
    assert rules.fixed_amount(own, standard) == fixed


def test_per_pupil_without_a_rate_is_refused() -> None:
    with pytest.raises(InvalidInput, match="Thema Gedrag heeft geen bedrag per leerling"):
        rules.budget_in_force(100, rules.computed_budget(None, 50), "per leerling", "Gedrag")


@given(st.integers(0, 10_000_000), st.integers(0, 10_000_000), st.integers(0, 10_000_000))
def test_commitment_accepted_exactly_when_it_fits(budget: int, committed: int, requested: int) -> None:
    try:
        rules.check_commitment("Innovatie", NOORD, budget, committed, requested)
        accepted = True
    except rules.CommitmentExceeded as error:
        accepted = False
        assert error.left == budget - committed
    assert accepted == (committed + requested <= budget)


# ---------------------------------------------------------------- choices and values

@pytest.mark.parametrize("check, value, expected", [
    (rules.check_kind, "sbo", "SBO"), (rules.check_kind, " Voorschool ", "voorschool"),
    (rules.check_evidence, "Certificaat", "certificaat"), (rules.check_basis, "PER LEERLING", "per leerling"),
])
def test_choices(check, value: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert check(value) == expected


@pytest.mark.parametrize("check, value, message", [
    (rules.check_kind, "basisschool", "Soort 'basisschool' bestaat niet; kies uit regulier, SBO, SO, voorschool, VO."),
    (rules.check_evidence, "", "Bewijs van deskundigheid '' bestaat niet"),
    (rules.check_basis, "per school", "Grondslag 'per school' bestaat niet"),
])
def test_choices_refused(check, value: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as caught:
        check(value)
    assert caught.value.message.startswith(message)


@pytest.mark.parametrize("value, message", [(-1, "negatief"), ("12", "geen heel getal"), (True, "geen heel getal"),
                                            (1.5, "geen heel getal")])
def test_pupils_refused(value: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        rules.check_pupils(value)


@pytest.mark.parametrize("value, message", [(-1, "negatief"), (1.5, "hele centen"), ("100", "hele centen")])
def test_cents_refused(value: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        rules.check_cents(value, "Budget", "entered")


def test_title() -> None:
    assert rules.check_title("  Samen   lezen ") == "Samen lezen"
    with pytest.raises(InvalidInput, match="De ondersteuningsvraag heeft een titel nodig."):
        rules.check_title("  ")
    with pytest.raises(InvalidInput, match="Het verslag heeft een titel nodig."):
        rules.check_title("", "Het verslag", "report_title")
    with pytest.raises(InvalidInput, match="te lang"):
        rules.check_title("x" * 201)


# ---------------------------------------------------------------- status steps

@pytest.mark.parametrize("current, step, target", [
    ("ingediend", rules.START, "lopend"),
    ("lopend", rules.RECEIVE, "verslag ontvangen"),
    ("verslag ontvangen", rules.PAY, "betaald"),
    ("ingediend", rules.WITHDRAW, "ingetrokken"),
    ("lopend", rules.WITHDRAW, "ingetrokken"),
])
def test_status_steps(current: str, step: str, target: str) -> None:
    assert rules.next_status(current, step, "2016-I01") == target
    assert step in rules.allowed_steps(current)


@pytest.mark.parametrize("current, step, message", [
    ("ingediend", rules.PAY, "Betalen kan pas nadat het verslag is ontvangen."),
    ("lopend", rules.PAY, "Betalen kan pas nadat het verslag is ontvangen."),
    ("lopend", rules.START, "Ondersteuningsvraag 2016-I01 is al lopend."),
    ("verslag ontvangen", rules.RECEIVE, "Ondersteuningsvraag 2016-I01 is al verslag ontvangen."),
    ("betaald", rules.PAY, "Ondersteuningsvraag 2016-I01 is al betaald."),
    ("ingetrokken", rules.WITHDRAW, "Ondersteuningsvraag 2016-I01 is al ingetrokken."),
    ("ingediend", rules.RECEIVE, "is nog niet gestart"),
    ("verslag ontvangen", rules.WITHDRAW, "Ondersteuningsvraag 2016-I01 is verslag ontvangen; intrekken kan niet"),
    ("betaald", rules.WITHDRAW, "is betaald; intrekken kan niet (meer)."),
    ("ingetrokken", rules.START, "is ingetrokken; starten kan niet (meer)."),
    ("ingetrokken", rules.PAY, "is ingetrokken; betalen kan niet (meer)."),
])
def test_status_steps_refused(current: str, step: str, message: str) -> None:
    with pytest.raises(Conflict) as caught:
        rules.next_status(current, step, "2016-I01")
    assert message in caught.value.message
    assert step not in rules.allowed_steps(current)


@pytest.mark.parametrize("status", ["verslag ontvangen", "betaald", "ingetrokken"])
def test_only_open_questions_are_editable(status: str) -> None:
    with pytest.raises(Conflict, match=f"Ondersteuningsvraag 2016-I01 is {status}; scholen, uitvoerders en bedragen"):
        rules.check_editable("2016-I01", status)
    rules.check_editable("2016-I01", "ingediend")
    rules.check_editable("2016-I01", "lopend")


def test_step_dates() -> None:
    assert rules.check_step_date(TODAY, TODAY, "de start", dt.date(2017, 3, 1), "de indiening") == TODAY
    with pytest.raises(InvalidInput, match=r"De datum van de start \(2-3-2017\) ligt na vandaag \(1-3-2017\)."):
        rules.check_step_date(dt.date(2017, 3, 2), TODAY, "de start")
    with pytest.raises(InvalidInput, match=r"ligt vóór de indiening \(10-2-2017\)"):
        rules.check_step_date(dt.date(2017, 2, 9), TODAY, "de start", dt.date(2017, 2, 10), "de indiening")
    with pytest.raises(InvalidInput, match="Geef een datum"):
        rules.check_step_date(None, TODAY, "de start")  # type: ignore[arg-type]


@pytest.mark.parametrize("day", [dt.date(2016, 9, 1), dt.date(2017, 1, 10), dt.date(2017, 7, 31)])
def test_a_question_is_submitted_within_its_school_year(day: dt.date) -> None:
    assert rules.check_in_school_year(day, "2016-2017", Month(2016, 9), Month(2017, 7)) == day


@pytest.mark.parametrize("day", [dt.date(2016, 8, 31), dt.date(2017, 8, 1), dt.date(2010, 1, 1)])
def test_a_submission_outside_the_school_year_is_refused(day: dt.date) -> None:
    with pytest.raises(InvalidInput, match=r"valt buiten schooljaar 2016-2017 \(september 2016 t/m juli 2017\)"):
        rules.check_in_school_year(day, "2016-2017", Month(2016, 9), Month(2017, 7))


# ---------------------------------------------------------------- edges, and the field each refusal names

def test_zero_pupils_and_zero_cents_where_allowed() -> None:
    assert rules.check_pupils(0) == 0
    assert rules.check_pupils(1043) == 1043
    assert rules.check_cents(0, "Budget", "entered") == 0
    assert rules.check_cents(1, "Budget", "entered", allow_zero=False) == 1
    with pytest.raises(InvalidInput) as refused:
        rules.check_cents(0, "Budget", "entered", allow_zero=False)
    assert (refused.value.message, refused.value.field) == ("Budget: geef een bedrag boven € 0,00.", "entered")


@pytest.mark.parametrize(("value", "message"), [
    (-1, "Leerlingenaantal -1 is negatief; geef 0 of meer."),
    ("12", "Leerlingenaantal '12' is geen heel getal."),
    (True, "Leerlingenaantal 'True' is geen heel getal."),
])
def test_pupils_refusals_name_their_field(value: object, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.check_pupils(value)
    assert (refused.value.message, refused.value.field) == (message, "pupils")


@pytest.mark.parametrize(("value", "message"), [
    (-150, "Budget: € -1,50 is negatief; geef een bedrag van 0 of meer."),
    ("100", "Budget: '100' is geen bedrag in hele centen."),
    (False, "Budget: 'False' is geen bedrag in hele centen."),
])
def test_cents_refusals_name_their_field(value: object, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.check_cents(value, "Budget", "entered")
    assert (refused.value.message, refused.value.field) == (message, "entered")


def test_a_title_of_exactly_200_characters() -> None:
    assert rules.TITLE_LENGTH == 200
    assert rules.check_title("x" * 200) == "x" * 200
    assert rules.check_title(" ".join(["abcd"] * 40)) == " ".join(["abcd"] * 40)  # 199 after collapsing
    with pytest.raises(InvalidInput) as refused:
        rules.check_title("x" * 201, field="report_title")
    assert (refused.value.message, refused.value.field) == ("De titel is te lang (hoogstens 200 tekens).",
                                                            "report_title")
    with pytest.raises(InvalidInput) as refused:
        rules.check_title("x" * 201)
    assert refused.value.field == "title"
    with pytest.raises(InvalidInput) as refused:
        rules.check_title(" \t ")
    assert (refused.value.message, refused.value.field) == ("De ondersteuningsvraag heeft een titel nodig.", "title")


@pytest.mark.parametrize(("check", "value", "field", "message"), [
    (rules.check_kind, "basisschool", "kind", "Soort 'basisschool' bestaat niet; kies uit regulier, SBO, SO, voorschool, VO."),
    (rules.check_evidence, " dip  loma ", "evidence",
     "Bewijs van deskundigheid 'dip loma' bestaat niet; kies uit certificaat, diploma, ervaring, anders."),
    (rules.check_basis, "per school", "basis", "Grondslag 'per school' bestaat niet; kies uit vast bedrag, per leerling."),
])
def test_choice_refusals_name_their_field(check, value: str, field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as refused:
        check(value)
    assert (refused.value.message, refused.value.field) == (message, field)


def test_check_choice_names_the_field_it_is_given() -> None:
    assert rules.check_choice(" Lopend ", rules.QUESTION_STATUSES, "Status", "status") == "lopend"
    with pytest.raises(InvalidInput) as refused:
        rules.check_choice("klaar", rules.QUESTION_STATUSES, "Status", "status")
    assert refused.value.field == "status"


def test_question_number_refusal_names_its_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.parse_question_number(" 2016-1 ")
    assert (refused.value.message, refused.value.field) == (
        "'2016-1' is geen nummer van een ondersteuningsvraag; schrijf bijvoorbeeld 2016-I01.", "number")


def test_budget_refusals_name_their_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.budget_in_force(100, None, rules.BASIS_PER_PUPIL, "Gedrag")
    assert (refused.value.message, refused.value.field) == (
        "Thema Gedrag heeft geen bedrag per leerling; kies 'vast bedrag' of stel eerst een bedrag per leerling in.",
        "basis")
    with pytest.raises(Conflict) as refused:
        rules.check_budget_covers("Gedrag", NOORD, 1_449_999, 1_450_000)
    assert refused.value.field == "budget"
    with pytest.raises(rules.CommitmentExceeded) as refused:
        rules.check_commitment("Gedrag", NOORD, 100, 0, 101)
    assert refused.value.field == "executors"
    assert refused.value.message == ("Nog € 1,00 over van het budget Gedrag van netwerk Noord (budget € 1,00, "
                                     "vastgelegd € 0,00); gevraagd € 1,01.")
    assert rules.computed_budget(0, 1000) == 0


def test_an_executor_with_nothing_to_do_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.check_executors([ChosenExecutor("Kameleon", 100), ChosenExecutor("Bas Kok", 0)])
    assert (refused.value.message, refused.value.field) == ("Bedrag voor Bas Kok: geef een bedrag boven € 0,00.",
                                                            "executors")
    with pytest.raises(InvalidInput) as refused:
        rules.check_executors([ChosenExecutor("Kameleon", 100)])
    assert refused.value.message == ("Een ondersteuningsvraag wordt uitgevoerd door minstens twee partijen uit de pool "
                                     "van deskundigen; kies minstens twee uitvoerders.")


def test_the_step_refusals_say_what_to_do() -> None:
    with pytest.raises(Conflict) as refused:
        rules.next_status("ingediend", rules.RECEIVE, "2016-I01")
    assert refused.value.message == ("Ondersteuningsvraag 2016-I01 is nog niet gestart; een verslag ontvangen kan pas "
                                     "als de vraag lopend is.")
    with pytest.raises(Conflict) as refused:
        rules.next_status("lopend", rules.PAY, "2016-I01")
    assert (refused.value.message, refused.value.field) == ("Betalen kan pas nadat het verslag is ontvangen.", "paid_on")
    with pytest.raises(Conflict) as refused:
        rules.next_status("betaald", rules.RECEIVE, "2016-I01")  # a receipt after payment: the general refusal
    assert refused.value.message == "Ondersteuningsvraag 2016-I01 is betaald; verslag ontvangen kan niet (meer)."
    with pytest.raises(Conflict) as refused:
        rules.check_editable("2016-I01", "betaald")
    assert refused.value.message == ("Ondersteuningsvraag 2016-I01 is betaald; scholen, uitvoerders en bedragen kunnen "
                                     "alleen worden gewijzigd zolang de vraag is ingediend of lopend.")


def test_date_refusals_name_their_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.check_in_school_year(dt.date(2017, 8, 1), "2016-2017", Month(2016, 9), Month(2017, 7))
    assert (refused.value.message, refused.value.field) == (
        "De datum van indiening (1-8-2017) valt buiten schooljaar 2016-2017 (september 2016 t/m juli 2017); kies "
        "een datum in dat schooljaar.", "submitted_on")
    for day, previous in ((None, None), (dt.date(2017, 3, 2), None), (dt.date(2017, 2, 9), dt.date(2017, 2, 10))):
        with pytest.raises(InvalidInput) as refused:
            rules.check_step_date(day, TODAY, "de betaling", previous, "het verslag")  # type: ignore[arg-type]
        assert refused.value.field == "day"
        with pytest.raises(InvalidInput) as refused:
            rules.check_step_date(day, TODAY, "de betaling", previous, "het verslag", field="paid_on")  # type: ignore[arg-type]
        assert refused.value.field == "paid_on"
    assert refused.value.message == "De datum van de betaling (9-2-2017) ligt vóór het verslag (10-2-2017)."
    with pytest.raises(InvalidInput) as refused:
        rules.check_step_date(None, TODAY, "de betaling")  # type: ignore[arg-type]
    assert refused.value.message == "Geef een datum voor de betaling."
    assert rules.check_step_date(dt.date(2017, 2, 10), TODAY, "de betaling", dt.date(2017, 2, 10)) == dt.date(2017, 2, 10)


def test_the_2019_amounts_per_network() -> None:
    """DOMAIN.md: EUR 28,000 per network, plus EUR 18,000 for behaviour and EUR 6,000 for giftedness."""
    from models.domain.money import format_euros

    assert [(theme, base, format_euros(cents)) for theme, base, cents in rules.DEFAULT_THEMES] == [
        ("Innovatie", True, "€ 28.000,00"), ("Gedrag", False, "€ 18.000,00"), ("Hoogbegaafdheid", False, "€ 6.000,00")]
