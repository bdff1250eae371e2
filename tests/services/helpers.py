"""Helpers for service and CLI tests: actions in one transaction each, refusals that change nothing,
and setup workbooks written with openpyxl."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any, Callable

import pytest
from sqlalchemy.orm import Session

from models.db import Database
from models.domain.agreements import Kind
from models.domain.errors import Refusal
from models.domain.months import Month
from models.services import agreements, hours, reserve
from tests.conftest import FIXTURES, TODAY, table_dump

YEAR = "2016-2017"
BOARDS = ["KPO", "OBO", "Borgesius", "De Waarden", "Kroevendonk / SPCO", "Zilverlinde / Pallas"]
PROVIDERS = ["Kameleon", "Mytyschool", "Driespan"]


def published() -> list[dict[str, str]]:
    with open(FIXTURES / "po3002-2016-2017.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def published_providers() -> list[dict[str, str]]:
    with open(FIXTURES / "po3002-2016-2017-providers.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def act(db: Database, action: Callable[[Session], Any]) -> Any:
    """One user action in one transaction, as the runner and the CLI do it."""
    with db.write() as session:
        return action(session)


def read(db: Database, query: Callable[[Session], Any]) -> Any:
    with db.read() as session:
        return query(session)


def refused(db: Database, action: Callable[[Session], Any], kind: type[Refusal] = Refusal) -> Refusal:
    """The action is refused with a one-line Dutch message, and the database is unchanged."""
    assert db.path is not None
    before = table_dump(db.path)
    with pytest.raises(kind) as caught:
        act(db, action)
    assert table_dump(db.path) == before
    message = caught.value.message
    assert message and "\n" not in message
    return caught.value


def add_agreement(db: Database, *, board: str = "KPO", provider: str = "Kameleon", hours_agreed: int = 40,
                  first: str = "2016-09", last: str = "2017-07", registered: dt.date = dt.date(2016, 9, 1),
                  confirmed: dt.date | None = dt.date(2016, 9, 2), today: dt.date = TODAY,
                  minutes: int | None = None, **extra: Any) -> str:
    """Register (and by default confirm) an agreement; returns its number."""
    cmd = agreements.AgreementInput(
        year=YEAR, board=board, provider=provider,
        minutes=minutes if minutes is not None else hours_agreed * 60,
        first_month=Month.parse(first), last_month=Month.parse(last), registered_on=registered, **extra)
    number = act(db, lambda s: agreements.register(s, cmd, today))
    if confirmed is not None:
        act(db, lambda s: agreements.confirm(s, number, confirmed, today))
    return number


def add_hours(db: Database, number: str, month: str, minutes: int, today: dt.date = TODAY) -> int:
    return act(db, lambda s: hours.register(s, hours.HoursInput(number, Month.parse(month), minutes), today))


def add_grant(db: Database, board: str, provider: str, month: str, minutes: int, reason: str = "Extra vraag",
              today: dt.date = TODAY) -> int:
    cmd = reserve.GrantInput(YEAR, board, provider, Month.parse(month), minutes, reason)
    return act(db, lambda s: reserve.grant(s, cmd, today))


def agreement_input(**changes: Any) -> agreements.AgreementInput:
    values: dict[str, Any] = dict(year=YEAR, board="KPO", provider="Kameleon", minutes=40 * 60,
                                  first_month=Month(2016, 9), last_month=Month(2017, 7), kind=Kind.ARRANGEMENT)
    values.update(changes)
    return agreements.AgreementInput(**values)


def get_agreement(db: Database, number: str) -> agreements.AgreementRow:
    return read(db, lambda s: agreements.get(s, number))


def register_agreement(db: Database, today: dt.date = TODAY, **changes: Any) -> str:
    """Register an agreement of `agreement_input(**changes)`; its number."""
    return act(db, lambda s: agreements.register(s, agreement_input(**changes), today))


# ---------------------------------------------------------------- setup workbooks

Rows = list[list[Any]]


def reference_sheets() -> dict[str, Rows]:
    """The three sheets of a setup workbook holding the published 2016-2017 set-up."""
    boards: dict[str, list[Any]] = {}
    for r in published():
        if r["bestuur"] not in boards:
            boards[r["bestuur"]] = [r["bestuur"], _number(r["percentage_leerlingen"]), _number(r["verdeling"]),
                                    _number(r["minimum"]) if r["minimum"] else None]
    return {
        "Schooljaar": [["Schooljaar", YEAR], ["Eerste maand", "2016-09"], ["Laatste maand", "2017-07"]],
        "Dienstverleners": [["Naam", "Cluster", "Contracturen", "Reserve"]] + [
            [p["dienstverlener"], p["cluster"], int(p["contracturen"]), int(p["reserve"])]
            for p in published_providers()],
        "Besturen": [["Naam", "Percentage leerlingen", "Verdeling", "Minimum"]] + list(boards.values()),
    }


def _number(text: str) -> int | float:
    """A number cell as Excel stores it (29,4 -> 29.4)."""
    value = text.replace(",", ".")
    return float(value) if "." in value else int(value)


def write_workbook(path: Path, sheets: dict[str, Rows]) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    workbook.save(path)
    return path


def setup_workbook(path: Path, change: Callable[[dict[str, Rows]], None] | None = None) -> Path:
    """The reference workbook, after `change` has edited its sheets in place."""
    sheets = reference_sheets()
    if change is not None:
        change(sheets)
    return write_workbook(path, sheets)


# ---------------------------------------------------------------- two school years

NEXT_YEAR = "2017-2018"


def two_years(db: Database) -> None:
    """The published 2016-2017 set-up, every month closed, with KPO at Kameleon given 9 hours of reserve in
    October and using 5 of its 200 hours; and 2017-2018 (Kameleon only, 110 contract hours - 10 reserve: KPO 60,
    OBO 40) with 3 hours used by KPO in October and only September closed."""
    from models.domain.setup import BoardSetup, ProviderSetup, YearSetup
    from models.services import demo, months, years

    act(db, lambda s: years.create_or_replace(s, demo.reference_setup()))
    number = add_agreement(db, hours_agreed=20, first="2016-10", last="2016-12")
    add_grant(db, "KPO", "Kameleon", "2016-10", 9 * 60)
    add_hours(db, number, "2016-10", 5 * 60)
    for month in Month(2016, 9), *(Month(2016, 9).plus(i) for i in range(1, 11)):
        act(db, lambda s, m=month: months.close(s, YEAR, str(m), TODAY))
    following = YearSetup(NEXT_YEAR, Month(2017, 9), Month(2018, 7), (ProviderSetup("Kameleon", 110, 10),),
                          (BoardSetup("KPO", 6000, 6000), BoardSetup("OBO", 4000, 4000)))
    act(db, lambda s: years.create_or_replace(s, following))
    cmd = agreements.AgreementInput(NEXT_YEAR, "KPO", "Kameleon", 10 * 60, Month(2017, 9), Month(2018, 6),
                                    registered_on=dt.date(2017, 9, 1))
    later = act(db, lambda s: agreements.register(s, cmd, TODAY))
    act(db, lambda s: agreements.confirm(s, later, dt.date(2017, 9, 1), TODAY))
    add_hours(db, later, "2017-10", 3 * 60)
    act(db, lambda s: months.close(s, NEXT_YEAR, "2017-09", TODAY))
