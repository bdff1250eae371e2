"""Innovation budgets (DOMAIN.md, the second scheme): pure rules over names, ints (cents) and dates.

Regional networks get drawing rights per theme; a support question (ondersteuningsvraag) is drawn
up by schools of at least two boards, carried out by at least two experts from the pool, and its
amounts are committed against its network's theme budget. Every refusal names the rule, in Dutch.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Sequence

from .errors import Conflict, InvalidInput, quoted
from .money import format_euros
from .months import Month, format_date
from .units import format_count

# Statuses of a support question, as shown everywhere.
INGEDIEND = "ingediend"
LOPEND = "lopend"
VERSLAG_ONTVANGEN = "verslag ontvangen"
BETAALD = "betaald"
INGETROKKEN = "ingetrokken"
QUESTION_STATUSES = (INGEDIEND, LOPEND, VERSLAG_ONTVANGEN, BETAALD, INGETROKKEN)
EDITABLE = (INGEDIEND, LOPEND)  # schools, executors and amounts change only while the work has not ended

# How a network's theme budget comes about.
BASIS_ENTERED = "vast bedrag"
BASIS_PER_PUPIL = "per leerling"
BASES = (BASIS_ENTERED, BASIS_PER_PUPIL)
# Where a network's fixed amount comes from: the theme's standard of the year, or an amount of its own.
AMOUNT_STANDARD = "standaard"
AMOUNT_OWN = "eigen bedrag"

# The budget for questions of schools in more than one network (seed 000: "Voor bovenregionale innovaties is
# een apart budget in de begroting opgenomen"): an amount per school year and theme, tied to no network. It is
# chosen where a network is chosen, by this word, so no network may be called so.
SUPRA_REGIONAL = "Bovenregionaal"

# The themes a new database starts with, and their 2019 amounts per network (cents).
BASE_THEME = "Innovatie"
DEFAULT_THEMES = (("Innovatie", True, 2_800_000), ("Gedrag", False, 1_800_000), ("Hoogbegaafdheid", False, 600_000))

# The expert pool (Gouden Gids).
KINDS = ("regulier", "SBO", "SO", "voorschool", "VO")
EVIDENCE = ("certificaat", "diploma", "ervaring", "anders")
DEFAULT_AREAS = (
    "gedrag", "hoogbegaafdheid", "fysieke beperkingen", "taal en dyslexie", "rekenen en dyscalculie", "autisme",
    "jonge kind", "motoriek", "hoorproblemen", "slechtziendheid", "ernstige meervoudige beperkingen",
)

TITLE_LENGTH = 200


# ---------------------------------------------------------------- numbers

def format_question_number(first_year: int, sequence: int) -> str:
    """'2016-I01': the first calendar year of the school year, 'I' for innovation, a sequence per year
    of at least two digits (the hundredth question of a year is '2016-I100')."""
    return f"{first_year}-I{sequence:02d}"


_NUMBER = re.compile(r"^\d{4}-I\d{2,}$", re.ASCII)


def parse_question_number(text: str) -> str:
    number = str(text).strip()
    if not _NUMBER.match(number):
        raise InvalidInput(f"{quoted(number)} is geen nummer van een ondersteuningsvraag; schrijf bijvoorbeeld "
                           "2016-I01.", field="number")
    return number


# ---------------------------------------------------------------- choices

def check_choice(value: str, choices: Sequence[str], what: str, field: str) -> str:
    """One of a fixed list, matched case-insensitively; returns the list's spelling."""
    text = " ".join(str(value).split())
    for choice in choices:
        if text.casefold() == choice.casefold():
            return choice
    raise InvalidInput(f"{what} {quoted(text)} bestaat niet; kies uit {', '.join(choices)}.", field=field)


def check_kind(value: str) -> str:
    return check_choice(value, KINDS, "Soort", "kind")


def check_evidence(value: str) -> str:
    return check_choice(value, EVIDENCE, "Bewijs van deskundigheid", "evidence")


def check_basis(value: str) -> str:
    return check_choice(value, BASES, "Grondslag", "basis")


def check_pupils(pupils: object) -> int:
    if isinstance(pupils, bool) or not isinstance(pupils, int):
        raise InvalidInput(f"Leerlingenaantal {quoted(pupils)} is geen heel getal.", field="pupils")
    if pupils < 0:
        raise InvalidInput(f"Leerlingenaantal {pupils} is negatief; geef 0 of meer.", field="pupils")
    return pupils


def check_cents(amount: object, what: str, field: str, *, allow_zero: bool = True) -> int:
    """An amount in whole cents, 0 or more (above 0 unless allow_zero)."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidInput(f"{what}: {quoted(amount)} is geen bedrag in hele centen.", field=field)
    if amount < 0:
        raise InvalidInput(f"{what}: {format_euros(amount)} is negatief; geef een bedrag van 0 of meer.", field=field)
    if amount == 0 and not allow_zero:
        raise InvalidInput(f"{what}: geef een bedrag boven € 0,00.", field=field)
    return amount


def check_title(text: str, what: str = "De ondersteuningsvraag", field: str = "title") -> str:
    title = " ".join(str(text).split())
    if not title:
        raise InvalidInput(f"{what} heeft een titel nodig.", field=field)
    if len(title) > TITLE_LENGTH:
        raise InvalidInput(f"De titel is te lang (hoogstens {format_count(TITLE_LENGTH)} tekens).", field=field)
    return title


# ---------------------------------------------------------------- budgets

def fixed_amount(own: int | None, standard: int) -> int:
    """A network's fixed amount: its own amount, or (None) the theme's standard of that year."""
    return standard if own is None else own


def computed_budget(rate: int | None, pupils: int) -> int | None:
    """Rate per pupil x pupils, exact in cents; None when the theme has no rate."""
    return None if rate is None else rate * pupils


def budget_in_force(entered: int, computed: int | None, basis: str, theme: str) -> int:
    """The entered amount, or the amount computed per pupil, whichever the basis says."""
    if basis == BASIS_PER_PUPIL:
        if computed is None:
            raise InvalidInput(f"Thema {theme} heeft geen bedrag per leerling; kies '{BASIS_ENTERED}' of stel "
                               "eerst een bedrag per leerling in.", field="basis")
        return computed
    return entered


def budget_name(theme: str, network: str | None) -> str:
    """'het budget Gedrag van netwerk Noord', or (None) 'het bovenregionale budget Gedrag'."""
    return f"het bovenregionale budget {theme}" if network is None else f"het budget {theme} van netwerk {network}"


class CommitmentExceeded(Conflict):
    """A question's amount above what is left of its network's theme budget (None: the supra-regional one)."""

    def __init__(self, theme: str, network: str | None, budget: int, committed: int, requested: int) -> None:
        left = budget - committed
        super().__init__(
            f"Nog {format_euros(max(left, 0))} over van {budget_name(theme, network)} "
            f"(budget {format_euros(budget)}, vastgelegd {format_euros(committed)}); "
            f"gevraagd {format_euros(requested)}.", field="executors")
        self.budget, self.committed, self.requested, self.left = budget, committed, requested, left


def check_commitment(theme: str, network: str | None, budget: int, committed_by_others: int, requested: int) -> None:
    """A question may commit no more than is left of its network's theme budget (None: the supra-regional one)."""
    if requested > budget - committed_by_others:
        raise CommitmentExceeded(theme, network, budget, committed_by_others, requested)


def check_budget_covers(theme: str, network: str | None, budget: int, committed: int) -> None:
    """A budget may not be lowered below what questions have already committed."""
    if budget < committed:
        name = budget_name(theme, network)
        raise Conflict(
            f"{name[0].upper()}{name[1:]} kan niet lager dan wat al is vastgelegd: "
            f"budget {format_euros(budget)}, vastgelegd {format_euros(committed)}.", field="budget")


# ---------------------------------------------------------------- support questions

@dataclass(frozen=True)
class ChosenSchool:
    board: str
    school: str
    network: str | None  # the network the school belongs to, None when it belongs to none

    @property
    def label(self) -> str:
        return f"{self.school} ({self.board})"


def check_schools(schools: Sequence[ChosenSchool], network: str | None) -> None:
    """At least two schools, of at least two different boards, all of the question's network; for a
    supra-regional question (network None) every school in a network, and the schools of at least two networks."""
    seen = set()
    for school in schools:
        key = (school.board.casefold(), school.school.casefold())
        if key in seen:
            raise InvalidInput(f"School {school.label} staat twee keer bij de ondersteuningsvraag.", field="schools")
        seen.add(key)
    rule = "Een ondersteuningsvraag wordt opgesteld door scholen van minstens twee verschillende besturen"
    if len(schools) < 2:
        raise InvalidInput(f"{rule}; kies minstens twee scholen.", field="schools")
    boards = {s.board.casefold() for s in schools}
    if len(boards) < 2:
        raise InvalidInput(f"{rule}; alle gekozen scholen horen bij {schools[0].board}.", field="schools")
    if network is None:
        _check_supra_regional(schools)
        return
    for school in schools:
        if school.network is None or school.network.casefold() != network.casefold():
            raise InvalidInput(f"School {school.label} hoort niet bij netwerk {network}.", field="schools")


def _check_supra_regional(schools: Sequence[ChosenSchool]) -> None:
    for school in schools:
        if school.network is None:
            raise InvalidInput(f"School {school.label} hoort bij geen regionaal netwerk; een bovenregionale vraag "
                               "wordt opgesteld door scholen uit regionale netwerken.", field="schools")
    networks = {s.network.casefold() for s in schools if s.network is not None}
    if len(networks) < 2:
        raise InvalidInput(f"Een bovenregionale ondersteuningsvraag wordt opgesteld door scholen uit minstens twee "
                           f"netwerken; alle gekozen scholen horen bij {schools[0].network}. Kies dan netwerk "
                           f"{schools[0].network} in plaats van {SUPRA_REGIONAL}.", field="schools")


@dataclass(frozen=True)
class ChosenExecutor:
    expert: str
    amount: int  # cents
    active: bool = True


def check_executors(executors: Sequence[ChosenExecutor]) -> int:
    """At least two distinct, active experts from the pool, each with an amount above 0; returns the total."""
    seen = set()
    for executor in executors:
        key = executor.expert.casefold()
        if key in seen:
            raise InvalidInput(f"Uitvoerder {executor.expert} staat twee keer bij de ondersteuningsvraag.",
                               field="executors")
        seen.add(key)
        if not executor.active:
            raise InvalidInput(f"Uitvoerder {executor.expert} staat op niet actief in de pool van deskundigen.",
                               field="executors")
        check_cents(executor.amount, f"Bedrag voor {executor.expert}", "executors", allow_zero=False)
    if len(executors) < 2:
        raise InvalidInput("Een ondersteuningsvraag wordt uitgevoerd door minstens twee partijen uit de pool van "
                           "deskundigen; kies minstens twee uitvoerders.", field="executors")
    return sum(executor.amount for executor in executors)


def check_editable(number: str, status: str) -> None:
    if status not in EDITABLE:
        raise Conflict(f"Ondersteuningsvraag {number} is {status}; scholen, uitvoerders en bedragen kunnen alleen "
                       "worden gewijzigd zolang de vraag is ingediend of lopend.")


# Which step leads from which status to which.
START, RECEIVE, PAY, WITHDRAW = "starten", "verslag ontvangen", "betalen", "intrekken"
_STEPS: dict[str, tuple[tuple[str, ...], str]] = {
    START: ((INGEDIEND,), LOPEND),
    RECEIVE: ((LOPEND,), VERSLAG_ONTVANGEN),
    PAY: ((VERSLAG_ONTVANGEN,), BETAALD),
    WITHDRAW: ((INGEDIEND, LOPEND), INGETROKKEN),
}


def next_status(current: str, step: str, number: str) -> str:
    """The status after a step; a step that does not follow (or was done already) is refused."""
    allowed, target = _STEPS[step]
    if current in allowed:
        return target
    if step == PAY and current in (INGEDIEND, LOPEND):
        raise Conflict("Betalen kan pas nadat het verslag is ontvangen.", field="paid_on")
    if current == target:
        raise Conflict(f"Ondersteuningsvraag {number} is al {current}.")
    if step == RECEIVE and current == INGEDIEND:
        raise Conflict(f"Ondersteuningsvraag {number} is nog niet gestart; een verslag ontvangen kan pas "
                       "als de vraag lopend is.")
    raise Conflict(f"Ondersteuningsvraag {number} is {current}; {step} kan niet (meer).")


def allowed_steps(current: str) -> list[str]:
    return [step for step, (allowed, _) in _STEPS.items() if current in allowed]


def check_in_school_year(day: dt.date, label: str, first: Month, last: Month) -> dt.date:
    """A question is submitted in the school year whose drawing rights it uses."""
    if not first <= Month.of(day) <= last:
        raise InvalidInput(f"De datum van indiening ({format_date(day)}) valt buiten schooljaar {label} "
                           f"({first.label} t/m {last.label}); kies een datum in dat schooljaar.",
                           field="submitted_on")
    return day


def check_step_date(day: dt.date, today: dt.date, what: str, previous: dt.date | None = None,
                    previous_what: str = "", field: str = "day") -> dt.date:
    """A date of a step: not after today, not before the step before it."""
    if not isinstance(day, dt.date):
        raise InvalidInput(f"Geef een datum voor {what}.", field=field)
    if day > today:
        raise InvalidInput(f"De datum van {what} ({format_date(day)}) ligt na vandaag ({format_date(today)}).",
                           field=field)
    if previous is not None and day < previous:
        raise InvalidInput(f"De datum van {what} ({format_date(day)}) ligt vóór {previous_what} "
                           f"({format_date(previous)}).", field=field)
    return day
