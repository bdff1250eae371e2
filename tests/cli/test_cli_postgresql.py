"""Every command of CLI.md end to end on a PostgreSQL server (`--db postgresql://...`), as scripts run them.

The server is the suite's own throw-away one (tests/pg.py); each test gets a fresh database.
"""
from __future__ import annotations

import re

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import pg
from tests.conftest import run_cli
from tests.services.helpers import setup_workbook

pytestmark = pytest.mark.postgresql

YEAR = "2016-2017"
ADD = ["agreement", "add", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon"]
GRANT = ["reserve", "grant", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon"]
BUDGET_HEADER = "bestuur;dienstverlener;maand;budget;reserve;gebruikt;vervallen"


def _run(url: str, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, db=url, **kwargs)  # type: ignore[arg-type]


def ok(url: str, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = _run(url, *args, **kwargs)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result


def _one_line(result: subprocess.CompletedProcess[str], args: tuple[str, ...] | list[str]) -> str:
    assert result.returncode == 1, (args, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), (args, result.stderr)
    assert result.stdout == "", args
    return lines[0]


def refused(url: str, *args: str, **kwargs: object) -> str:
    """Exit 1, one Dutch line on stderr, nothing on stdout, and the server database unchanged."""
    before = pg.table_dump(url)
    message = _one_line(_run(url, *args, **kwargs), args)
    assert pg.table_dump(url) == before
    return message


def refused_all(url: str, cases: list[list[str]], **kwargs: object) -> list[str]:
    """Several refusals side by side (each changes nothing)."""
    before = pg.table_dump(url)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda args: _run(url, *args, **kwargs), cases))
    messages = [_one_line(result, args) for args, result in zip(cases, results)]
    assert pg.table_dump(url) == before
    return messages


def _plain(url: str) -> str:
    """The same database written as `postgresql://` (no driver): the app maps it to psycopg."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _budgets(url: str, board: str = "KPO", provider: str = "Kameleon") -> dict[str, list[str]]:
    lines = ok(url, "budgets", "--year", YEAR).stdout.splitlines()
    assert lines[0] == BUDGET_HEADER
    return {f[2]: f[3:] for f in (line.split(";") for line in lines[1:]) if f[:2] == [board, provider]}


def test_demo_gives_the_same_figures_as_on_sqlite(pg_url: str, demo_path: Path, tmp_path: Path) -> None:
    """`demo` on a new server database migrates it and fills it; allocation and budgets print exactly what
    they print for the demo on a SQLite file (same order, same figures); every report and export runs."""
    assert refused(pg_url, "budgets", "--year", YEAR).startswith("Database ")  # no SWV Uren tables yet
    ok(_plain(pg_url), "demo")
    assert "bevat al gegevens" in refused(pg_url, "demo")
    for command in (["allocation", "--year", YEAR], ["budgets", "--year", YEAR],
                    ["forecast", "--year", YEAR, "--month", "2017-06"], ["history"]):
        on_server = ok(pg_url, *command)
        on_file = run_cli(*command, db=demo_path)
        assert on_server.stdout == on_file.stdout and on_server.stderr == on_file.stderr, command
    assert ok(pg_url, "check").returncode == 0
    outputs = {"innovation.pdf": ["report", "innovation", "--year", YEAR],
               "innovation.xlsx": ["export", "innovation", "--year", YEAR],
               "directory.pdf": ["report", "directory"],
               "kameleon.pdf": ["report", "provider", "--year", YEAR, "--provider", "Kameleon"],
               "boards": ["export", "boards", "--year", YEAR],
               "updates": ["updates", "boards", "--year", YEAR, "--month", "2017-05"]}
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda item: _run(pg_url, *item[1], "-o", str(tmp_path / item[0])),
                                outputs.items()))
    for command, result in zip(outputs.values(), results):
        assert result.returncode == 0 and "Traceback" not in result.stderr, (command, result.stderr)
    assert (tmp_path / "innovation.pdf").read_bytes()[:5] == b"%PDF-"
    assert len(list((tmp_path / "boards").glob("*.xlsx"))) == 6
    assert len(list((tmp_path / "updates").glob("*.eml"))) == 6


def test_year_import_and_the_daily_work(pg_url: str, tmp_path: Path) -> None:
    ok(pg_url, "year", "import", str(setup_workbook(tmp_path / "opzet.xlsx")))
    # a refused re-import with a broken workbook changes nothing
    broken = setup_workbook(tmp_path / "kapot.xlsx", lambda sheets: sheets.pop("Besturen"))
    assert "Besturen" in refused(pg_url, "year", "import", str(broken))

    number = ok(pg_url, *ADD, "--hours", "30", "--from", "2016-09", "--to", "2017-07",
                "--registered", "2016-09-20").stdout.strip()
    assert number == "2016-001"
    assert ok(pg_url, "agreement", "confirm", number, "--date", "2016-10-03").stdout == ""
    assert "bevestigen kan niet" in refused(pg_url, "agreement", "confirm", number, "--date", "2016-10-04")

    ok(pg_url, "hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "15,5")
    ok(pg_url, "hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "0.25")
    # October: budget 18, used 15,75 - over budget is refused and changes nothing
    assert refused(pg_url, "hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "2,5") == (
        "Nog 2,25 uur over in oktober 2016: budget 18, gebruikt 15,75, gevraagd 2,5. Vraag zo nodig reserve aan.")
    ok(pg_url, "hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "2,25")
    ok(pg_url, *GRANT, "--month", "2016-10", "--hours", "1,5", "--reason", "Extra leerling")
    ok(pg_url, "hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "1")
    assert "budget 18 + reserve 1,5, gebruikt 19" in refused(
        pg_url, "hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "1")
    messages = refused_all(pg_url, [
        GRANT + ["--month", "2016-11", "--hours", "68,75", "--reason", "Te veel"],
        ["hours", "add", "--agreement", "2016-404", "--month", "2016-11", "--hours", "1"],
        ["budgets", "--year", "2017-2018"],
        ["hours", "add", "--agreement", number, "--month", "2016-11", "--hours", "0,01"]])
    assert messages[0] == ("De reserve van Kameleon is niet toereikend: reserve 70, al toegekend 1,5, nog 68,5 "
                           "over, gevraagd 68,75.")
    assert messages[2] == "Schooljaar 2017-2018 bestaat niet."

    assert ok(pg_url, "month", "close", "--year", YEAR, "--month", "2016-10").stdout == ""
    twice, no_hours = refused_all(pg_url, [
        ["month", "close", "--year", YEAR, "--month", "2016-10"],
        ["hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "0,5"]])
    assert twice == "Oktober 2016 is al afgesloten." and "afgesloten" in no_hours
    ok(pg_url, "month", "reopen", "--year", YEAR, "--month", "2016-10", "--reason", "Late opgave")
    ok(pg_url, "hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "0,25")

    rows = _budgets(pg_url)
    assert rows["2016-10"] == ["18", "1,5", "19,25", "0,25"]
    allocation = ok(pg_url, "allocation", "--year", YEAR).stdout.splitlines()
    assert allocation[0] == "bestuur;dienstverlener;verdeling;jaaruren;per_maand" and len(allocation) == 1 + 6 * 3
    events = pg.table_dump(pg_url)["month_event"]
    assert sorted((e[2], e[3], e[4]) for e in events) == [("2016-10", "afgesloten", ""),
                                                          ("2016-10", "heropend", "Late opgave")]

    alv, board = tmp_path / "alv.pdf", tmp_path / "kpo.xlsx"
    ok(pg_url, "report", "alv", "--year", YEAR, "-o", str(alv))
    ok(pg_url, "export", "board", "--year", YEAR, "--board", "KPO", "-o", str(board))
    assert alv.read_bytes()[:5] == b"%PDF-" and board.read_bytes()[:2] == b"PK"
    assert ok(pg_url, "check").stdout.strip() == "De database is in orde."


def test_simultaneous_commands_keep_numbers_and_caps(pg_reference_url: str) -> None:
    """Scripts on several machines at once: numbers stay unique and the month cap holds on the server."""
    url = pg_reference_url
    with ThreadPoolExecutor(max_workers=6) as pool:
        adds = list(pool.map(lambda _: _run(url, *ADD, "--hours", "40", "--from", "2016-09", "--to", "2017-07",
                                            "--registered", "2016-09-01"), range(6)))
    assert all(r.returncode == 0 for r in adds), [r.stderr for r in adds]
    assert sorted(r.stdout for r in adds) == [f"2016-{i:03d}\n" for i in range(1, 7)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        confirms = list(pool.map(lambda n: _run(url, "agreement", "confirm", n, "--date", "2016-09-01"),
                                 ("2016-001", "2016-002", "2016-003")))
    assert all(r.returncode == 0 for r in confirms), [r.stderr for r in confirms]
    # six entries of 4 hours on October's 18: exactly four fit, whatever the order
    with ThreadPoolExecutor(max_workers=6) as pool:
        entries = list(pool.map(lambda n: _run(url, "hours", "add", "--agreement", n, "--month", "2016-10",
                                               "--hours", "4"), ["2016-001", "2016-002", "2016-003"] * 2))
    assert sorted(r.returncode for r in entries) == [0, 0, 0, 0, 1, 1], [r.stderr for r in entries]
    assert all("Vraag zo nodig reserve aan" in r.stderr for r in entries if r.returncode == 1)
    assert _budgets(url)["2016-10"] == ["18", "0", "16", "2"]


def test_check_and_backup(pg_demo_url: str, pg_url: str, pg_server: pg.Server, tmp_path: Path) -> None:
    assert ok(pg_demo_url, "check").stdout.strip() == "De database is in orde."
    # a server database without SWV Uren tables is not sound; check changes nothing there
    assert "geen SWV Uren-database" in refused(pg_url, "check")
    assert pg.table_dump(pg_url) == {}
    # a copy with pg_dump (custom format), and it restores into a new database
    target = tmp_path / "kopie.dump"
    result = ok(pg_demo_url, "backup", "-o", str(target))
    assert result.stdout == "" and "pg_dump" in result.stderr
    assert target.read_bytes()[:5] == b"PGDMP" and not target.with_name("kopie.dump.part").exists()
    restored = pg_server.create()
    restore = subprocess.run([str(Path(pg.find_bin_dir() or "") / "pg_restore"), "--no-owner", "-d",
                              pg_server.dsn(restored), str(target)], capture_output=True, text=True)
    assert restore.returncode == 0, restore.stderr
    assert pg.table_dump(pg_server.url(restored)) == pg.table_dump(pg_demo_url)
    pg_server.drop(restored)


def test_a_missing_server_database_is_refused(pg_server: pg.Server, tmp_path: Path) -> None:
    """A database that is not on the server, or a server that is not there: one Dutch line, exit 1."""
    missing = pg_server.url("bestaat_niet")
    nowhere = "postgresql://swv@127.0.0.1:1/swv"  # nothing listens on port 1
    cases = [(url, command) for url in (missing, nowhere)
             for command in (["budgets", "--year", YEAR], ["demo"], ["check"])]
    cases.append((missing, ["backup", "-o", str(tmp_path / "x.dump")]))
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda case: _run(case[0], *case[1]), cases))
    for (url, command), result in zip(cases, results):
        message = _one_line(result, command)
        assert "Traceback" not in result.stderr
        assert ("bestaat_niet" in message) if url == missing else ("niet bereikbaar" in message), message
        # The server's, libpq's and pg_dump's own words stay out (issue 12): Dutch reasons only.
        assert not re.search(r"\b(connection|failed|refused|does not exist|error|fatal)\b", message, re.I), message
    assert not (tmp_path / "x.dump").exists() and not (tmp_path / "x.dump.part").exists()


def test_copy_from_the_file_to_the_server_and_back(demo_path: Path, pg_url: str, tmp_path: Path) -> None:
    """`copy --to`: the practical move from the SQLite file to a server; the server then works on."""
    from tests.conftest import table_dump

    result = run_cli("copy", "--to", _plain(pg_url), db=demo_path)
    assert result.returncode == 0 and "rijen gekopieerd" in result.stderr, result.stderr
    for command in (["allocation", "--year", YEAR], ["budgets", "--year", YEAR],
                    ["forecast", "--year", YEAR, "--month", "2017-06"], ["history"]):
        assert ok(pg_url, *command).stdout == run_cli(*command, db=demo_path).stdout
    # a second copy into a database that holds data is refused, and changes nothing
    before = pg.table_dump(pg_url)
    message = _one_line(run_cli("copy", "--to", pg_url, db=demo_path), ["copy"])
    assert "bevat al gegevens" in message and pg.table_dump(pg_url) == before
    # back into a new file: the same rows, ids and all
    back = tmp_path / "terug.sqlite"
    ok(pg_url, "copy", "--to", str(back))
    assert table_dump(back) == table_dump(demo_path)
    # the server hands out new ids past the copied ones
    number = ok(pg_url, *ADD, "--hours", "1", "--from", "2017-01", "--to", "2017-01",
                "--registered", "2017-01-02").stdout.strip()
    assert number.startswith("2016-") and ok(pg_url, "agreement", "confirm", number, "--date", "2017-01-03")


def test_the_app_opens_a_server_database(pg_demo_url: str, pg_server: pg.Server, tmp_path: Path) -> None:
    """`swv-uren --db postgresql://... --smoke`: the main window on the server (no lock file, no back-up
    folder); a server database that is not there: exit 1."""
    env = {"QT_QPA_PLATFORM": "offscreen", "SWV_UREN_SETTINGS": str(tmp_path / "s.ini")}
    result = run_cli("--smoke", db=_plain(pg_demo_url), env=env)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert run_cli("--smoke", db=pg_server.url("bestaat_niet"), env=env).returncode == 1  # type: ignore[arg-type]


def test_hour_sheet_template_and_import(pg_reference_url: str, tmp_path: Path) -> None:
    """`hours template` and `hours import` (all rows or none, its rows locked FOR UPDATE) on the server."""
    import datetime as dt

    from models.db import Database
    from models.domain.months import Month
    from models.services import agreements
    from tests.conftest import TODAY
    from tests.services.hour_sheet_support import fill

    db = Database(pg_reference_url)
    with db.write() as session:
        numbers = []
        for board, hours_agreed in (("KPO", 40), ("OBO", 30)):
            number = agreements.register(session, agreements.AgreementInput(
                YEAR, board, "Kameleon", hours_agreed * 60, Month(2016, 9), Month(2017, 3),
                registered_on=dt.date(2016, 9, 1)), TODAY)
            agreements.confirm(session, number, dt.date(2016, 9, 2), TODAY)
            numbers.append(number)
    db.dispose()
    kpo, obo = numbers
    template = tmp_path / "Kameleon.xlsx"
    ok(pg_reference_url, "hours", "template", "--year", YEAR, "--provider", "Kameleon", "-o", str(template))
    over = fill(template, {(kpo, "2016-09"): 2, (obo, "2016-10"): 14.5})  # OBO's October budget is 14
    assert "2016" in refused(pg_reference_url, "hours", "import", str(over))
    good = fill(template, {(kpo, "2016-09"): 1.5, (obo, "2016-10"): 2})
    assert "2 rijen" in ok(pg_reference_url, "hours", "import", str(good)).stderr
    assert _budgets(pg_reference_url)["2016-09"][2] == "1,5"
    assert _budgets(pg_reference_url, board="OBO")["2016-10"][2] == "2"


def test_a_url_that_cannot_be_used_is_wrong_use() -> None:
    """--db with an unsupported or malformed URL: exit 2, one Dutch line, no password echoed."""
    for url in ("mysql://u@localhost/db", "postgresql://u:geheim@host:geenpoort/db",
                "postgresql+psycopg2://u:geheim@localhost/db", "sqlite+aiosqlite:///kopie.sqlite"):
        result = run_cli("budgets", "--year", YEAR, db=url)  # type: ignore[arg-type]
        assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
        assert "geheim" not in result.stderr and "Traceback" not in result.stderr


def test_an_older_schema_is_upgraded_once_when_two_start_together(pg_url: str) -> None:
    """Two users start a new version at the same moment on a database of an older schema: one migrates, the
    other waits for it and finds the work done; neither fails."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from models.db import MIGRATIONS, _head_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    engine.dispose()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: _run(pg_url, "budgets", "--year", YEAR), range(2)))
    assert [_one_line(r, ["budgets"]) for r in results] == [f"Schooljaar {YEAR} bestaat niet."] * 2
    assert pg.table_dump(pg_url)["alembic_version"] == [(_head_revision(),)]


def test_a_refused_import_leaves_a_new_server_database_as_it_was_handed_over(pg_url: str, tmp_path: Path) -> None:
    """The server's counterpart of "a refused `year import` on a new file leaves no file behind"."""
    bad = setup_workbook(tmp_path / "opzet.xlsx", lambda sheets: sheets.pop("Besturen"))
    assert "werkblad Besturen" in _one_line(_run(pg_url, "year", "import", str(bad)), ["year", "import"])
    assert pg.table_dump(pg_url) == {}
    ok(pg_url, "year", "import", str(setup_workbook(tmp_path / "goed.xlsx")))  # and it can still be set up
    assert ok(pg_url, "allocation", "--year", YEAR).stdout.startswith("bestuur;dienstverlener;verdeling;")


def test_a_colleagues_data_is_never_dropped_by_that_clean_up(pg_url: str) -> None:
    """Between the check that the database was new and a refusal, a colleague may have filled it: then the
    clean-up keeps every table (it drops only under the writers' lock, and only tables without a row)."""
    from models.db import empty_server

    ok(pg_url, "demo")  # the colleague, meanwhile
    before = pg.table_dump(pg_url)
    assert empty_server(pg_url) is False
    assert pg.table_dump(pg_url) == before
