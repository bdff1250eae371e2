"""Two writers racing for the last hours of a month never take it over its budget."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
from pathlib import Path

import pytest

from models.db import Database, open_database, to_url
from models.domain.errors import Refusal
from models.domain.months import Month
from models.services import agreements, demo, hours, reporting, years

TODAY = dt.date(2017, 8, 1)
MONTHS = [Month(2016, m) for m in (9, 10, 11, 12)] + [Month(2017, m) for m in range(1, 8)]


def _book(path: str, number: str, month: Month, minutes: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    db = Database(to_url(path))
    barrier.wait()
    try:
        with db.write() as session:
            hours.register(session, hours.HoursInput(number, month, minutes), TODAY)
        results.put("geboekt")
    except Refusal:
        results.put("geweigerd")
    finally:
        db.dispose()


@pytest.mark.skipif(sys.platform == "win32", reason="fork start method")
def test_two_writers_racing_for_the_last_hours(tmp_path: Path) -> None:
    path = tmp_path / "race.sqlite"
    db = open_database(to_url(path), create=True)
    with db.write() as session:
        years.create_or_replace(session, demo.reference_setup())
        numbers = []
        for _ in range(2):  # two agreements of one board at one provider: they share the month budget
            number = agreements.register(session, agreements.AgreementInput(
                "2016-2017", "KPO", "Kameleon", 400 * 60, MONTHS[0], MONTHS[-1],
                registered_on=dt.date(2016, 8, 30)), TODAY)
            agreements.confirm(session, number, dt.date(2016, 8, 31), TODAY)
            numbers.append(number)
    context = multiprocessing.get_context("fork")
    for month in MONTHS:
        with db.read() as session:
            budget = reporting.month_use(session, reporting.lookup.year(session, "2016-2017"),
                                         reporting.lookup.board(session, "KPO").id,
                                         reporting.lookup.provider(session, "Kameleon").id, month).budget
        ask = budget * 2 // 3  # each alone fits; both together do not
        barrier, results = context.Barrier(2), context.Queue()
        workers = [context.Process(target=_book, args=(str(path), n, month, ask, barrier, results))
                   for n in numbers]
        for w in workers:
            w.start()
        for w in workers:
            w.join(60)
            assert w.exitcode == 0
        outcomes = sorted(results.get(timeout=5) for _ in workers)
        assert outcomes == ["geboekt", "geweigerd"], month
        with db.read() as session:
            row = next(r for r in reporting.budget_rows(session, "2016-2017", TODAY, board="KPO",
                                                        provider="Kameleon") if r.month == month)
        assert row.used == ask <= row.budget
    db.dispose()
