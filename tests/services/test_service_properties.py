"""Whatever the secretariat does, in any order: no hour is created or lost, no cap is ever passed.

A random sequence of reserve grants, hour registrations (valid or not), withdrawals, budget edits and
month closings runs against the reference year, each in its own transaction. A small model of the
rules predicts for every action whether it must be accepted; afterwards the stored figures must equal
the model's, and the invariants must hold.
"""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from models.db import Database, to_url
from models.domain.budget import default_month_budgets
from models.domain.errors import Refusal
from models.domain.months import Month, month_range
from models.services import agreements, budgets, demo, hours, months, reporting, reserve, years
from tests.conftest import TODAY
from tests.services.helpers import BOARDS, PROVIDERS, YEAR, published

MONTHS = month_range(Month(2016, 9), Month(2017, 7))
RESERVE = {"Kameleon": 70 * 60, "Mytyschool": 100 * 60, "Driespan": 200 * 60}
YEARLY = {(r["bestuur"], r["dienstverlener"]): int(r["jaaruren"]) for r in published()}
# (board, provider, hours agreed, first month, last month, confirmed on or None)
AGREEMENTS = [
    ("KPO", "Kameleon", 120, "2016-09", "2017-07", dt.date(2016, 9, 1)),
    ("KPO", "Kameleon", 40, "2016-10", "2016-12", dt.date(2016, 9, 1)),
    ("Zilverlinde / Pallas", "Kameleon", 30, "2016-09", "2017-07", dt.date(2016, 11, 10)),
    ("OBO", "Driespan", 300, "2016-09", "2017-07", dt.date(2016, 9, 1)),
    ("Kroevendonk / SPCO", "Mytyschool", 60, "2016-09", "2017-03", dt.date(2016, 9, 5)),
    ("De Waarden", "Mytyschool", 50, "2016-09", "2017-07", None),
]


@pytest.fixture(scope="module")
def base_file(tmp_path_factory: pytest.TempPathFactory, _templates: dict[str, Path]) -> Path:
    path = tmp_path_factory.mktemp("properties") / "base.sqlite"
    shutil.copy(_templates["empty"], path)
    db = Database(to_url(path))
    with db.write() as session:
        years.create_or_replace(session, demo.reference_setup())
        for board, provider, agreed, first, last, confirmed in AGREEMENTS:
            number = agreements.register(session, agreements.AgreementInput(
                YEAR, board, provider, agreed * 60, Month.parse(first), Month.parse(last),
                registered_on=dt.date(2016, 9, 1)), TODAY)
            if confirmed is not None:
                agreements.confirm(session, number, confirmed, TODAY)
    db.dispose()
    return path


@dataclass
class Model:
    """The rules, restated as plainly as possible."""

    budget: dict[tuple[str, str, Month], int] = field(default_factory=dict)
    edited: set[tuple[str, str]] = field(default_factory=set)
    reserve: dict[tuple[str, str, Month], int] = field(default_factory=lambda: defaultdict(int))
    granted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    used: dict[tuple[str, str, Month], int] = field(default_factory=lambda: defaultdict(int))
    booked: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    withdrawn: set[int] = field(default_factory=set)
    closed: set[Month] = field(default_factory=set)

    def __post_init__(self) -> None:
        for (board, provider), yearly in YEARLY.items():
            for month, minutes in default_month_budgets(yearly, MONTHS).items():
                self.budget[(board, provider, month)] = minutes

    def hours_allowed(self, index: int, month: Month, minutes: int) -> bool:
        board, provider, agreed, first, last, confirmed = AGREEMENTS[index]
        if confirmed is None or index in self.withdrawn:
            return False
        if not max(Month.parse(first), Month.of(confirmed)) <= month <= Month.parse(last):
            return False
        if month in self.closed or self.booked[index] + minutes > agreed * 60:
            return False
        cell = (board, provider, month)
        return self.used[cell] + minutes <= self.budget[cell] + self.reserve[cell]


PAIRS = sorted({(a[0], a[1]) for a in AGREEMENTS})
# Mostly the pairs that have agreements, so grants and budget edits meet the hours registered there.
pairs = st.one_of(st.sampled_from(PAIRS), st.tuples(st.sampled_from(BOARDS), st.sampled_from(PROVIDERS)))
month_values = st.one_of(st.sampled_from(MONTHS[2:4]), st.sampled_from(MONTHS))  # actions meet in a month
quarters = st.integers(1, 120).map(lambda q: q * 15)
agreement_index = st.integers(0, len(AGREEMENTS) - 1)
actions = st.one_of(
    st.tuples(st.just("grant"), pairs, month_values, st.integers(1, 240).map(lambda q: q * 15)),
    st.tuples(st.just("hours"), agreement_index, month_values, quarters),
    st.tuples(st.just("hours"), agreement_index, month_values, quarters),
    st.tuples(st.just("hours"), agreement_index, month_values, quarters),
    st.tuples(st.just("withdraw"), agreement_index),
    st.tuples(st.just("budget"), pairs, month_values,
              st.one_of(st.integers(0, 4), st.integers(0, 40)).map(lambda h: h * 60)),
    st.tuples(st.just("close"), month_values),
    st.tuples(st.just("reopen"), month_values),
)


def _run(db: Database, model: Model, action: tuple) -> None:
    kind = action[0]
    number = f"2016-{action[1] + 1:03d}" if kind in ("hours", "withdraw") else ""
    if kind == "grant":
        _, (board, provider), month, minutes = action
        expected = month not in model.closed and model.granted[provider] + minutes <= RESERVE[provider]
        call = lambda s: reserve.grant(s, reserve.GrantInput(YEAR, board, provider, month, minutes, "Vraag"),  # noqa: E731
                                       TODAY)
    elif kind == "hours":
        _, index, month, minutes = action
        expected = model.hours_allowed(index, month, minutes)
        call = lambda s: hours.register(s, hours.HoursInput(number, month, minutes), TODAY)  # noqa: E731
    elif kind == "withdraw":
        index = action[1]
        expected = index not in model.withdrawn  # registered and confirmed agreements may be withdrawn
        call = lambda s: agreements.withdraw(s, number, TODAY, TODAY)  # noqa: E731
    elif kind == "budget":
        _, (board, provider), month, minutes = action
        cell = (board, provider, month)
        expected = month not in model.closed and minutes + model.reserve[cell] >= model.used[cell]
        call = lambda s: budgets.set_month_budget(s, budgets.MonthBudgetInput(  # noqa: E731
            YEAR, board, provider, month, minutes, "Afwijkende afspraak"))
    elif kind == "close":
        month = action[1]
        expected = month not in model.closed
        call = lambda s: months.close(s, YEAR, str(month), TODAY)  # noqa: E731
    else:
        month = action[1]
        expected = month in model.closed
        call = lambda s: months.reopen(s, YEAR, str(month), "Late opgave")  # noqa: E731

    try:
        with db.write() as session:
            call(session)
        accepted = True
    except Refusal as refusal:
        accepted = False
        assert refusal.message and "\n" not in refusal.message
    event(f"{kind} {'aanvaard' if accepted else 'geweigerd'}")
    assert accepted == expected, (action, accepted)
    if not accepted:
        return
    if kind == "grant":
        model.reserve[(board, provider, month)] += minutes
        model.granted[provider] += minutes
    elif kind == "hours":
        board, provider = AGREEMENTS[index][:2]
        model.used[(board, provider, month)] += minutes
        model.booked[index] += minutes
    elif kind == "withdraw":
        model.withdrawn.add(index)
    elif kind == "budget":
        model.budget[cell] = minutes
        model.edited.add((board, provider))
    elif kind == "close":
        model.closed.add(month)
    else:
        model.closed.discard(month)


def _check_invariants(db: Database, model: Model) -> None:
    with db.read() as session:
        rows = reporting.budget_rows(session, YEAR, TODAY)
        lines = reserve.reserve_lines(session, YEAR)
        listed = agreements.list_agreements(session, agreements.AgreementFilter(YEAR))
        closed = reporting.closed_months(session, reporting.lookup.year(session, YEAR).id)
    assert closed == model.closed
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        cell = (r.board, r.provider, r.month)
        assert (r.budget, r.reserve, r.used) == (model.budget[cell], model.reserve[cell], model.used[cell])
        assert r.used <= r.budget + r.reserve                   # the cap is never passed
        assert r.lapsed == r.budget + r.reserve - r.used        # every month has ended long ago
        totals[(r.board, r.provider)] += r.budget
    for pair, yearly in YEARLY.items():
        if pair not in model.edited:
            assert totals[pair] == yearly * 60                  # no hour created or lost
    for line in lines:
        assert line.granted == model.granted[line.provider] <= line.reserve
    for index, row in enumerate(listed):
        assert row.booked == model.booked[index] <= row.minutes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(actions, min_size=1, max_size=30))
def test_any_sequence_keeps_every_cap(base_file: Path, steps: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "swv.sqlite"
        shutil.copy(base_file, path)
        db = Database(to_url(path))
        try:
            model = Model()
            for action in steps:
                _run(db, model, action)
            _check_invariants(db, model)
        finally:
            db.dispose()
