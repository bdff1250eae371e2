"""The command line: agreements, hours, reserve, months and the budgets CSV."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models.db import Database, to_url
from models.domain.agreements import Status
from models.services import agreements
from tests.cli.conftest import confirmed_agreement, ok, prepare, refused, refused_all, wrong_use
from tests.conftest import TODAY, table_dump

YEAR = "2016-2017"
D = dt.date
ADD = ["agreement", "add", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon"]
BUDGET_HEADER = "bestuur;dienstverlener;maand;budget;reserve;gebruikt;vervallen"


def _agreement(path: Path, number: str) -> agreements.AgreementRow:
    db = Database(to_url(path))
    try:
        with db.read() as session:
            return agreements.get(session, number)
    finally:
        db.dispose()


def _add(path: Path, *extra: str, hours: str = "40", first: str = "2016-09", last: str = "2017-07",
         today: dt.date | str = TODAY) -> str:
    result = ok(*ADD, "--hours", hours, "--from", first, "--to", last, *extra, db=path, today=today)
    return result.stdout.strip()


def _budgets(path: Path, today: dt.date | str = TODAY, board: str = "KPO",
             provider: str = "Kameleon") -> dict[str, list[str]]:
    lines = ok("budgets", "--year", YEAR, db=path, today=today).stdout.splitlines()
    assert lines[0] == BUDGET_HEADER
    assert len(lines) == 1 + 6 * 3 * 11
    return {f[2]: f[3:] for f in (line.split(";") for line in lines[1:]) if f[:2] == [board, provider]}


# ---------------------------------------------------------------- agreement add

def test_agreement_add_prints_the_number_alone(ref_file: Path) -> None:
    first = ok(*ADD, "--hours", "12,5", "--from", "2016-09", "--to", "2016-12", db=ref_file)
    assert first.stdout == "2016-001\n"
    second = ok(*ADD, "--hours", "7.25", "--from", "2016-10", "--to", "2016-10", "--school", "Basisschool X",
                "--kind", "coaching", "--description", "Coaching groep 4", db=ref_file)
    assert second.stdout == "2016-002\n"
    row = _agreement(ref_file, "2016-002")
    assert (row.minutes, row.kind.value, row.school, row.description) == (435, "coaching", "Basisschool X",
                                                                          "Coaching groep 4")
    assert _agreement(ref_file, "2016-001").minutes == 750


def test_agreement_add_date_defaults(ref_file: Path) -> None:
    plain = _add(ref_file)
    row = _agreement(ref_file, plain)
    assert (row.status, row.registered_on, row.reported_on) == (Status.REGISTERED, TODAY, TODAY)
    registered = _add(ref_file, "--registered", "2016-09-05")
    row = _agreement(ref_file, registered)
    assert (row.registered_on, row.reported_on) == (D(2016, 9, 5), D(2016, 9, 5))
    both = _add(ref_file, "--reported", "2016-09-01", "--registered", "2016-09-05")
    row = _agreement(ref_file, both)
    assert (row.reported_on, row.registered_on, row.confirmed_on) == (D(2016, 9, 1), D(2016, 9, 5), None)
    reported = _add(ref_file, "--reported", "2016-09-01")
    assert (_agreement(ref_file, reported).reported_on, _agreement(ref_file, reported).registered_on) == (
        D(2016, 9, 1), TODAY)


def test_agreement_add_refused(ref_file: Path) -> None:
    cases = [
        (["--registered", "2025-01-16"], "na vandaag"),
        (["--reported", "2025-01-16"], "na vandaag"),
        (["--reported", "2016-09-06", "--registered", "2016-09-05"], "vóór de datum gemeld"),
        (["--registered", "20160905"], "JJJJ-MM-DD"),
        (["--registered", "2016-02-30"], "JJJJ-MM-DD"),
        (["--kind", "cursus"], "kies uit arrangement"),
        (["--board", "Onbekend"], "Onbekend"),
        (["--provider", "kameleon2"], "kameleon2"),
        (["--year", "2017-2018"], "2017-2018"),
    ]
    messages = refused_all([ADD + ["--hours", "10", "--from", "2016-09", "--to", "2016-12", *extra]
                            for extra, _ in cases], db=ref_file)
    for (extra, words), message in zip(cases, messages):
        assert words in message, (extra, message)


def test_agreement_add_refused_values(ref_file: Path) -> None:
    cases = [("0", "2016-09", "2016-12"), ("0,01", "2016-09", "2016-12"), ("-2", "2016-09", "2016-12"),
             ("1.000", "2016-09", "2016-12"), ("tien", "2016-09", "2016-12"), ("10", "2016-9", "2016-12"),
             ("10", "2016-08", "2016-12"), ("10", "2016-12", "2016-11"), ("10", "2016-09", "2017-08")]
    refused_all([ADD + ["--hours", hours, "--from", first, "--to", last] for hours, first, last in cases],
                db=ref_file)


def test_names_match_loosely(ref_file: Path) -> None:
    number = ok("agreement", "add", "--year", YEAR, "--board", "  kroevendonk   /  SPCO ", "--provider",
                "DRIESPAN", "--hours", "5", "--from", "2016-09", "--to", "2016-10", db=ref_file).stdout.strip()
    row = _agreement(ref_file, number)
    assert (row.board, row.provider) == ("Kroevendonk / SPCO", "Driespan")


# ---------------------------------------------------------------- confirm, complete, withdraw

def test_confirm(ref_file: Path) -> None:
    number = confirmed_agreement(ref_file, registered=D(2016, 9, 5), confirmed=None)
    early, late = refused_all([["agreement", "confirm", number, "--date", "2016-09-04"],
                               ["agreement", "confirm", number, "--date", "2025-01-16"]], db=ref_file)
    assert "vóór de datum geregistreerd" in early and "na vandaag" in late
    result = ok("agreement", "confirm", number, "--date", "2016-09-06", db=ref_file)
    assert result.stdout == ""
    row = _agreement(ref_file, number)
    assert (row.status, row.confirmed_on) == (Status.CONFIRMED, D(2016, 9, 6))
    assert refused_all([["agreement", "confirm", number], ["agreement", "confirm", "2016-999"]], db=ref_file) == [
        f"Overeenkomst {number} is bevestigd; bevestigen kan niet (meer).", "Overeenkomst 2016-999 bestaat niet."]


def test_confirm_defaults_to_today(ref_file: Path) -> None:
    number = confirmed_agreement(ref_file, registered=D(2016, 9, 20), confirmed=None)
    ok("agreement", "confirm", number, db=ref_file, today="2016-09-21")
    assert _agreement(ref_file, number).confirmed_on == D(2016, 9, 21)


def test_complete_and_withdraw(ref_file: Path) -> None:
    registered = confirmed_agreement(ref_file, confirmed=None)
    done = confirmed_agreement(ref_file)
    gone = confirmed_agreement(ref_file)
    refused("agreement", "complete", registered, "--date", "2017-07-01", db=ref_file)  # not yet confirmed
    ok("agreement", "complete", done, "--date", "2017-07-01", db=ref_file)
    assert _agreement(ref_file, done).status is Status.DONE
    ok("agreement", "withdraw", gone, "--date", "2016-10-01", db=ref_file)
    assert _agreement(ref_file, gone).status is Status.WITHDRAWN
    refused_all([["agreement", "withdraw", gone], ["agreement", "withdraw", done]], db=ref_file)


# ---------------------------------------------------------------- hours

def test_hours(ref_file: Path) -> None:
    waiting = confirmed_agreement(ref_file, confirmed=None)
    number = confirmed_agreement(ref_file, registered=D(2016, 9, 20), confirmed=D(2016, 10, 3), hours_agreed=30)
    not_yet, outside = refused_all([["hours", "add", "--agreement", waiting, "--month", "2016-10", "--hours", "2"],
                                    ["hours", "add", "--agreement", number, "--month", "2016-09", "--hours", "2"]],
                                   db=ref_file)
    assert "nog niet bevestigd" in not_yet and "september 2016 valt daarbuiten" in outside
    result = ok("hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "15,5", db=ref_file)
    assert result.stdout == ""
    ok("hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "0.25", db=ref_file)
    # October: budget 18, used 15,75
    message = refused("hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "2,5", db=ref_file)
    assert message == ("Nog 2,25 uur over in oktober 2016: budget 18, gebruikt 15,75, gevraagd 2,5. "
                       "Vraag zo nodig reserve aan.")
    ok("hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "2,25", db=ref_file)
    ok("hours", "add", "--agreement", number, "--month", "2016-11", "--hours", "11", db=ref_file)
    # 29 of 30 hours agreed are booked now
    message = refused("hours", "add", "--agreement", number, "--month", "2016-12", "--hours", "1,25", db=ref_file)
    assert "heeft 30 uur afgesproken, al gebruikt 29, nog 1 over" in message
    refused_all([["hours", "add", "--agreement", number, "--month", "2016-12", "--hours", bad]
                 for bad in ("0", "0,01", "abc", "-1")] +
                [["hours", "add", "--agreement", number, "--month", "2016-13", "--hours", "1"],
                 ["hours", "add", "--agreement", "2016-404", "--month", "2016-12", "--hours", "1"]], db=ref_file)
    rows = _budgets(ref_file)
    assert rows["2016-10"] == ["18", "0", "18", "0"]
    assert rows["2016-11"] == ["18", "0", "11", "7"]


def test_hours_not_for_a_month_not_yet_begun(ref_file: Path) -> None:
    today = "2016-11-15"
    number = confirmed_agreement(ref_file)
    assert "nog niet begonnen" in refused("hours", "add", "--agreement", number, "--month", "2016-12",
                                          "--hours", "1", db=ref_file, today=today)
    ok("hours", "add", "--agreement", number, "--month", "2016-11", "--hours", "1", db=ref_file, today=today)


# ---------------------------------------------------------------- reserve and months

GRANT = ["reserve", "grant", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon"]


def test_reserve_and_closed_months(ref_file: Path) -> None:
    from models.domain.months import Month
    from models.services import hours

    number = confirmed_agreement(ref_file, hours_agreed=100)
    prepare(ref_file, lambda s: hours.register(s, hours.HoursInput(number, Month(2016, 10), 18 * 60), TODAY))
    refused("hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "1", db=ref_file)
    result = ok(*GRANT, "--month", "2016-10", "--hours", "1,5", "--reason", "Extra leerling", db=ref_file)
    assert result.stdout == ""
    ok("hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "1", db=ref_file)
    message = refused("hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "1", db=ref_file)
    assert "budget 18 + reserve 1,5, gebruikt 19" in message
    # the provider's reserve is 70 hours a year
    messages = refused_all([GRANT + ["--month", "2016-11", "--hours", "68,75", "--reason", "Te veel"],
                            GRANT + ["--month", "2016-11", "--hours", "0", "--reason", "Niets"],
                            GRANT + ["--month", "2016-11", "--hours", "1", "--reason", "  "],
                            GRANT + ["--month", "2017-08", "--hours", "1", "--reason", "Buiten het jaar"]],
                           db=ref_file)
    assert messages[0] == ("De reserve van Kameleon is niet toereikend: reserve 70, al toegekend 1,5, nog 68,5 "
                           "over, gevraagd 68,75.")
    # closing October
    assert ok("month", "close", "--year", YEAR, "--month", "2016-10", db=ref_file).stdout == ""
    twice, no_hours, no_grant, not_closed, no_reason = refused_all([
        ["month", "close", "--year", YEAR, "--month", "2016-10"],
        ["hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "0,5"],
        GRANT + ["--month", "2016-10", "--hours", "1", "--reason", "Laat"],
        ["month", "reopen", "--year", YEAR, "--month", "2016-11", "--reason", "X"],
        ["month", "reopen", "--year", YEAR, "--month", "2016-10", "--reason", " "]], db=ref_file)
    assert twice == "Oktober 2016 is al afgesloten."
    assert "afgesloten" in no_hours and "afgesloten" in no_grant
    assert "niet afgesloten" in not_closed and "reden" in no_reason
    ok("month", "reopen", "--year", YEAR, "--month", "2016-10", "--reason", "Late opgave", db=ref_file)
    ok("hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "0,5", db=ref_file)
    events = table_dump(ref_file)["month_event"]
    assert [(e[2], e[3], e[4]) for e in sorted(events)] == [("2016-10", "afgesloten", ""),
                                                            ("2016-10", "heropend", "Late opgave")]


def test_month_close_refused(ref_file: Path) -> None:
    messages = refused_all([["month", "close", "--year", YEAR, "--month", "2016-12"],
                            ["month", "close", "--year", YEAR, "--month", "2017-08"],
                            ["month", "close", "--year", "2020-2021", "--month", "2020-09"]],
                           db=ref_file, today="2016-11-30")
    assert "nog niet begonnen" in messages[0]


# ---------------------------------------------------------------- budgets

def test_budgets_csv_and_what_lapses(ref_file: Path) -> None:
    from models.domain.months import Month
    from models.services import hours, reserve

    today = "2016-11-15"
    number = confirmed_agreement(ref_file)

    def book(session: object) -> None:
        hours.register(session, hours.HoursInput(number, Month(2016, 9), 165), D(2016, 11, 15))  # type: ignore
        hours.register(session, hours.HoursInput(number, Month(2016, 11), 45), D(2016, 11, 15))  # type: ignore
        reserve.grant(session, reserve.GrantInput(YEAR, "KPO", "Kameleon", Month(2016, 9), 90, "Extra"),  # type: ignore
                      D(2016, 11, 15))

    prepare(ref_file, book)
    rows = _budgets(ref_file, today=today)
    assert rows["2016-09"] == ["18", "1,5", "2,75", "16,75"]  # ended: what is left lapsed
    assert rows["2016-10"] == ["18", "0", "0", "18"]
    assert rows["2016-11"] == ["18", "0", "0,75", "0"]      # the current month: nothing lapsed yet
    assert rows["2016-12"] == ["18", "0", "0", "0"]
    assert rows["2017-01"] == ["17", "0", "0", "0"]
    assert sum(int(r[0]) for r in rows.values()) == 191
    # a closed month lapses at once
    ok("month", "close", "--year", YEAR, "--month", "2016-11", db=ref_file, today=today)
    assert _budgets(ref_file, today=today)["2016-11"] == ["18", "0", "0,75", "17,25"]
    # seen from a later date every month has ended
    assert _budgets(ref_file)["2017-07"] == ["17", "0", "0", "17"]


def test_budgets_of_the_demo(demo_path: Path) -> None:
    lines = ok("budgets", "--year", YEAR, db=demo_path).stdout.splitlines()
    assert lines[0] == BUDGET_HEADER
    for line in lines[1:]:
        fields = line.split(";")
        assert len(fields) == 7 and len(fields[2]) == 7 and fields[2][4] == "-"
        for value in fields[3:]:
            assert "." not in value and not value.endswith(",") and not (", " in value)
            if "," in value:
                assert not value.endswith("0")


def test_budgets_unknown_year(ref_file: Path) -> None:
    assert refused("budgets", "--year", "2017-2018", db=ref_file) == "Schooljaar 2017-2018 bestaat niet."
    wrong_use("budgets", db=ref_file)


# ---------------------------------------------------------------- side by side

def test_simultaneous_commands_keep_numbers_and_caps(ref_file: Path) -> None:
    """Scripts may run side by side: numbers stay unique and the month cap holds."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.conftest import run_cli

    with ThreadPoolExecutor(max_workers=6) as pool:
        adds = list(pool.map(lambda _: run_cli(*ADD, "--hours", "40", "--from", "2016-09", "--to", "2017-07",
                                               "--registered", "2016-09-01", db=ref_file), range(6)))
    assert all(r.returncode == 0 for r in adds), [r.stderr for r in adds]
    assert sorted(r.stdout for r in adds) == [f"2016-{i:03d}\n" for i in range(1, 7)]
    for number in ("2016-001", "2016-002", "2016-003"):
        prepare(ref_file, lambda s, n=number: agreements.confirm(s, n, D(2016, 9, 1), TODAY))
    # six entries of 4 hours on October's 18: exactly four fit, whatever the order
    numbers = ["2016-001", "2016-002", "2016-003"] * 2
    with ThreadPoolExecutor(max_workers=6) as pool:
        entries = list(pool.map(lambda n: run_cli("hours", "add", "--agreement", n, "--month", "2016-10",
                                                  "--hours", "4", db=ref_file), numbers))
    assert sorted(r.returncode for r in entries) == [0, 0, 0, 0, 1, 1], [r.stderr for r in entries]
    assert all("Vraag zo nodig reserve aan" in r.stderr for r in entries if r.returncode == 1)
    assert _budgets(ref_file)["2016-10"] == ["18", "0", "16", "2"]
