"""The caps of the scheme over what is stored (services.invariants), on real SQLite files where rows that
break them are written with raw SQL, as a damaged or foreign write would."""
from __future__ import annotations

import datetime as dt
import sqlite3

from sqlalchemy import text

from models.db import Database
from models.services import invariants
from tests.services.helpers import add_agreement, read

D = dt.date


def _write(db: Database, sql: str, *rows: tuple) -> None:
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    try:
        with conn:
            conn.executemany(sql, rows)
    finally:
        conn.close()


def _entries(db: Database, *rows: tuple[str, str, int]) -> None:
    """(agreement number, month, minutes), straight into the table."""
    _write(db, "INSERT INTO hour_entry (agreement_id, month, minutes, note, source, created_at) "
               "SELECT id, ?, ?, '', 'script', '2017-01-01 00:00:00' FROM agreement WHERE number = ?",
           *((month, minutes, number) for number, month, minutes in rows))


def _grants(db: Database, *rows: tuple[str, str, int]) -> None:
    """(provider, month, minutes) for KPO in 2016-2017, straight into the table."""
    _write(db, "INSERT INTO reserve_grant (year_id, board_id, provider_id, month, minutes, reason, granted_on, "
               "created_at) "
               "SELECT (SELECT id FROM school_year WHERE label = '2016-2017'), (SELECT id FROM board WHERE name = 'KPO'), "
               "id, ?, ?, 'Script', '2017-01-01', '2017-01-01 00:00:00' FROM provider WHERE name = ?",
           *((month, minutes, provider) for provider, month, minutes in rows))


def _problems(db: Database, **kwargs: int) -> list[str]:
    return read(db, lambda s: invariants.problems(s, **kwargs))


def test_the_demo_and_an_empty_database_have_no_problems(demo_db: Database, empty_db: Database) -> None:
    assert _problems(demo_db) == []
    assert _problems(empty_db) == []


def test_a_sound_database_with_reserve_in_use_has_no_problems(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=40)
    _grants(reference_db, ("Kameleon", "2016-10", 2 * 60))
    _entries(reference_db, (number, "2016-10", 20 * 60))  # budget 18 + reserve 2: exactly full
    assert _problems(reference_db) == []


def test_month_over_budget_plus_reserve(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=100)
    _entries(reference_db, (number, "2016-10", 15 * 60), (number, "2016-10", 5 * 60 + 15),
             (number, "2016-11", 18 * 60))
    assert _problems(reference_db) == ["KPO bij Kameleon in oktober 2016: 20,25 uur gebruikt, meer dan budget 18."]
    _grants(reference_db, ("Kameleon", "2016-10", 2 * 60))
    assert _problems(reference_db) == [
        "KPO bij Kameleon in oktober 2016: 20,25 uur gebruikt, meer dan budget 18 + reserve 2."]


def test_agreement_over_its_hours(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=10)
    _entries(reference_db, (number, "2016-10", 6 * 60), (number, "2016-11", 4 * 60 + 30))
    assert _problems(reference_db) == [
        f"Op overeenkomst {number} is 10,5 uur gebruikt, meer dan de 10 uur die zijn afgesproken."]


def test_grants_over_the_providers_reserve(reference_db: Database) -> None:
    _grants(reference_db, ("Kameleon", "2016-10", 40 * 60), ("Kameleon", "2016-11", 30 * 60 + 15),
            ("Mytyschool", "2016-10", 100 * 60))  # exactly Mytyschool's reserve
    assert _problems(reference_db) == [
        "Van de reserve van Kameleon in 2016-2017 is 70,25 uur toegekend, meer dan de reserve van 70 uur."]


def test_months_that_do_not_exist_or_lie_outside_the_year(reference_db: Database) -> None:
    number = add_agreement(reference_db, hours_agreed=40, last="2017-07")
    _entries(reference_db, (number, "2016-99", 60), (number, "2017-08", 60))
    _grants(reference_db, ("Kameleon", "2016-13", 60), ("Kameleon", "2016-08", 60))
    assert _problems(reference_db) == [
        f"Er zijn uren geboekt in maand '2016-99', die niet bestaat (overeenkomst {number}).",
        f"Er zijn uren geboekt in augustus 2017, buiten schooljaar 2016-2017 (overeenkomst {number}).",
        f"Op overeenkomst {number} zijn uren geboekt in augustus 2017, na de laatste maand (juli 2017).",
        "Er is reserve toegekend in augustus 2016, buiten schooljaar 2016-2017.",
        "Er is reserve toegekend in maand '2016-13', die niet bestaat (schooljaar 2016-2017)."]


def test_hours_before_the_agreement_may_be_carried_out(reference_db: Database) -> None:
    early = add_agreement(reference_db, first="2016-10", registered=D(2016, 9, 1), confirmed=D(2016, 9, 2))
    late = add_agreement(reference_db, first="2016-09", registered=D(2016, 9, 1), confirmed=D(2016, 11, 3))
    never = add_agreement(reference_db, confirmed=None)
    _entries(reference_db, (early, "2016-09", 60), (late, "2016-10", 60), (late, "2016-11", 60),
             (never, "2016-12", 60))
    assert _problems(reference_db) == [
        f"Op overeenkomst {early} zijn uren geboekt in september 2016, vóór oktober 2016, de eerste maand waarin "
        "ze mocht worden uitgevoerd.",
        f"Op overeenkomst {late} zijn uren geboekt in oktober 2016, vóór november 2016, de eerste maand waarin ze "
        "mocht worden uitgevoerd.",
        f"Op overeenkomst {never} zijn uren geboekt, maar ze is nooit bevestigd."]


def test_output_is_limited(reference_db: Database) -> None:
    numbers = [add_agreement(reference_db, hours_agreed=1, board=board, provider=provider)
               for board in ("KPO", "OBO", "Borgesius", "De Waarden", "Kroevendonk / SPCO") for provider in
               ("Kameleon", "Mytyschool", "Driespan")]  # 15 agreements of one hour
    _entries(reference_db, *((number, "2016-10", 90) for number in numbers))
    found = _problems(reference_db, limit=10)
    assert len(found) == 11 and found[-1] == "En nog 5 andere problemen met de gegevens."
    assert len(_problems(reference_db)) == 15


def test_wide_damage_is_summed_in_sql(demo_db: Database) -> None:
    """Many rows over the caps: one line per agreement and per month, never one per entry."""
    number = read(demo_db, lambda s: s.scalar(text(
        "SELECT number FROM agreement WHERE confirmed_on IS NOT NULL ORDER BY number LIMIT 1")))
    _entries(demo_db, *((number, "2017-03", 60) for _ in range(5_000)))
    found = _problems(demo_db, limit=1_000)
    assert len(found) == 2, found
