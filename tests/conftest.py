"""Shared fixtures: real SQLite files in tmp_path, copied from templates built once per session."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.db import Database, open_database, to_url

TODAY = dt.date(2025, 1, 15)  # a fixed "today", long after the demo year
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).with_name("fixtures")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under `make mutate` (mutmut names the mutant in MUTANT_UNDER_TEST) the tests that killed other mutants of
    the same function run first (mutmut runs a function's mutants one after another), then the quick tests of the
    rules, so that most mutants are killed before any database is made, and then the other tests from the
    quickest to the slowest as mutmut timed them (mutmut stops at the first failure)."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if mutant:
        durations = _mutmut_durations()
        killers = _killers(_function_of(mutant))
        items.sort(key=lambda item: (-killers.get(item.nodeid, 0),
                                     not item.nodeid.startswith("tests/domain/"),
                                     item.nodeid.startswith("tests/domain/test_properties.py"),
                                     durations.get(item.nodeid, 0.0)))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Under `make mutate`: the test that killed a mutant, for the next mutants of its function."""
    function = _function_of(os.environ.get("MUTANT_UNDER_TEST", ""))
    if function and report.failed:
        with open(KILLS, "a", encoding="utf-8") as log:  # one short line: appends of the two workers stay whole
            log.write(f"{function}\t{report.nodeid}\n")


def _mutmut_durations() -> dict[str, float]:
    """Seconds per test of mutmut's own timing run (mutants/mutmut-stats.json; mutmut runs the tests in mutants/)."""
    import json

    try:
        return dict(json.loads(Path("mutmut-stats.json").read_text(encoding="utf-8"))["duration_by_test"])
    except (OSError, ValueError, KeyError):
        return {}


KILLS = ROOT / "mutmut-kills.txt"  # ROOT is mutants/ under mutmut (its copy of tests/); `make mutate` starts without it


def _function_of(mutant: str) -> str:
    """'models.domain.money.x_parse__mutmut_3' -> 'models.domain.money.x_parse'; '' for mutmut's own runs."""
    function, found, number = mutant.rpartition("__mutmut_")
    return function if found and number.isdigit() else ""


def _killers(function: str) -> dict[str, int]:
    """How many mutants of `function` each test killed so far in this run."""
    counts: dict[str, int] = {}
    try:
        lines = Path(KILLS).read_text(encoding="utf-8").splitlines()
    except OSError:
        return counts
    for line in lines:
        name, _, nodeid = line.partition("\t")
        if name == function and nodeid:
            counts[nodeid] = counts.get(nodeid, 0) + 1
    return counts


@pytest.fixture(scope="session", autouse=True)
def _server_copies_in_a_temp_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Copies of server databases before an upgrade go to a temporary folder, not the user's data folder
    (also for the commands run as subprocesses, which inherit the environment)."""
    from models.db import SERVER_COPIES_ENV

    os.environ[SERVER_COPIES_ENV] = str(tmp_path_factory.mktemp("server-copies"))
    os.environ["SWV_UREN_LOGS"] = str(tmp_path_factory.mktemp("logs"))  # desktop.log: not the user's Logs folder
    os.environ["SWV_UREN_TEMP"] = str(tmp_path_factory.mktemp("geopend"))  # opened reports: not the user's cache


# `make mutate` runs every mutant as a new test session: the templates are built once into this folder and
# reused there, instead of migrating and filling the demo year again for each of a thousand mutants.
TEMPLATES_ENV = "SWV_UREN_TEST_TEMPLATES"


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Databases every test copies instead of building: empty (migrated), reference (the published
    2016-2017 set-up) and demo."""
    from models.services import demo, years

    kept = os.environ.get(TEMPLATES_ENV)
    folder = Path(kept) if kept else tmp_path_factory.mktemp("templates")
    result = {name: folder / f"{name}.sqlite" for name in ("empty", "reference", "demo")}
    if kept and all(path.exists() for path in result.values()):
        return result
    folder.mkdir(parents=True, exist_ok=True)
    building = tmp_path_factory.mktemp("building")
    empty = building / "empty.sqlite"
    open_database(to_url(empty), create=True).dispose()
    reference = building / "reference.sqlite"
    shutil.copy(empty, reference)
    db = Database(to_url(reference))
    with db.write() as session:
        years.create_or_replace(session, demo.reference_setup())
    db.dispose()
    demo_file = building / "demo.sqlite"
    shutil.copy(empty, demo_file)
    db = Database(to_url(demo_file))
    with db.write() as session:
        demo.fill(session, TODAY)
    db.dispose()
    for name, path in (("empty", empty), ("reference", reference), ("demo", demo_file)):
        shutil.copy(path, result[name].with_suffix(".part"))
        os.replace(result[name].with_suffix(".part"), result[name])  # whole or not at all
    return result


@pytest.fixture
def empty_path(tmp_path: Path, _templates: dict[str, Path], request: pytest.FixtureRequest) -> Path:
    """The database file of the test: empty, or with the reference set-up when the test uses reference_db."""
    path = tmp_path / "swv.sqlite"
    shutil.copy(_templates["reference" if "reference_db" in request.fixturenames else "empty"], path)
    return path


@pytest.fixture
def demo_path(tmp_path: Path, _templates: dict[str, Path]) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(_templates["demo"], path)
    return path


@pytest.fixture
def empty_db(empty_path: Path):
    db = open_database(to_url(empty_path))
    yield db
    db.dispose()


@pytest.fixture
def demo_db(demo_path: Path):
    db = open_database(to_url(demo_path))
    yield db
    db.dispose()


@pytest.fixture
def reference_db(empty_db: Database) -> Database:
    """The published 2016-2017 set-up without any agreements (copied from its template by empty_path)."""
    from models.services import demo, years

    with empty_db.write() as session:
        if years.is_empty(session):  # asked for during the test (getfixturevalue): set it up here
            years.create_or_replace(session, demo.reference_setup())
    return empty_db


def run_cli(*args: str, db: Path | None = None, today: dt.date | str | None = TODAY,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `swv-uren` as a subprocess, as scripts and outside tests do."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("SWV_UREN_DB", "SWV_UREN_TODAY")}
    if today is not None:
        full_env["SWV_UREN_TODAY"] = str(today)
    full_env.update(env or {})
    command = [sys.executable, "-m", "desktop"]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(command + list(args), capture_output=True, text=True, env=full_env, cwd=ROOT,
                          timeout=120)


def downgrade(path_or_url: Path | str, revision: str) -> None:
    """Take a database back to an older schema with the migrations' own downgrades (a file or a server URL)."""
    from alembic import command
    from alembic.config import Config

    from models.db import MIGRATIONS

    db = Database(to_url(path_or_url))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
    db.dispose()


def table_dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, to prove that a refusal changed nothing."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


# ---------------------------------------------------------------- PostgreSQL (tests/pg.py)
# One throw-away server per test process, started on first use; a fresh database per test, copied from a
# migrated template (CREATE DATABASE ... TEMPLATE, a few hundredths of a second).

@pytest.fixture(scope="session")
def pg_server():
    from tests import pg

    bin_dir = pg.find_bin_dir()
    if bin_dir is None:
        reason = "PostgreSQL niet gevonden (initdb/pg_ctl); scripts/setup.sh installeert het pakket postgresql"
        if os.environ.get("SWV_UREN_REQUIRE_POSTGRESQL"):  # `make test` installed it: missing is a failure there
            pytest.fail(reason)
        pytest.skip(reason)  # a bare `pytest` on a machine without the server programs
    pg.Server.reap_orphans(bin_dir)  # servers of earlier runs that were killed (CI cancelled, kill -9)
    server = pg.Server(bin_dir)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _pg_templates(pg_server) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Template databases, built once per test process: `empty` (migrated, no data) and `reference` (the
    published 2016-2017 set-up only)."""
    from models.services import demo, years

    names = {"empty": "tpl_empty", "reference": "tpl_reference"}
    pg_server.create(name=names["empty"])
    open_database(pg_server.url(names["empty"]), create=True).dispose()
    _pg_fill(pg_server, names["empty"], names["reference"],
             lambda s: years.create_or_replace(s, demo.reference_setup()))
    return names


@pytest.fixture(scope="session")
def _pg_demo_template(pg_server, _pg_templates) -> str:  # type: ignore[no-untyped-def]
    """A template database holding the demo year (built only when a test asks for it)."""
    from models.services import demo

    return _pg_fill(pg_server, _pg_templates["empty"], "tpl_demo", lambda s: demo.fill(s, TODAY))


def _pg_fill(pg_server, template: str, name: str, fill) -> str:  # type: ignore[no-untyped-def]
    pg_server.create(template=template, name=name)
    db = Database(pg_server.url(name))
    with db.write() as session:
        fill(session)
    db.dispose()
    return name


POSTGRESQL = pytest.mark.postgresql  # deselected by `make mutate` (-m "not postgresql")


def _pg_database(request: pytest.FixtureRequest, pg_server, template: str | None):  # type: ignore[no-untyped-def]
    if request.node.get_closest_marker("postgresql") is None:
        pytest.fail(f"{request.node.nodeid} gebruikt een PostgreSQL-server: markeer de test met @pytest.mark.postgresql")
    name = pg_server.create(template=template)
    yield pg_server.url(name)
    pg_server.drop(name)


@pytest.fixture
def pg_url(request: pytest.FixtureRequest, pg_server):  # type: ignore[no-untyped-def]
    """A new, empty server database (no tables): what an administrator hands over."""
    yield from _pg_database(request, pg_server, None)


@pytest.fixture
def pg_empty_url(request: pytest.FixtureRequest, pg_server, _pg_templates):  # type: ignore[no-untyped-def]
    yield from _pg_database(request, pg_server, _pg_templates["empty"])


@pytest.fixture
def pg_demo_url(request: pytest.FixtureRequest, pg_server, _pg_demo_template):  # type: ignore[no-untyped-def]
    yield from _pg_database(request, pg_server, _pg_demo_template)


@pytest.fixture
def pg_reference_url(request: pytest.FixtureRequest, pg_server, _pg_templates):  # type: ignore[no-untyped-def]
    yield from _pg_database(request, pg_server, _pg_templates["reference"])


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=POSTGRESQL)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database that does not exist yet on either engine: a SQLite path that is not there, or an empty
    server database. Tests that use it run on both."""
    if request.param == "sqlite":
        return to_url(tmp_path / "swv.sqlite")
    return request.getfixturevalue("pg_url")


def dump(url_or_path: str | Path) -> dict[str, list[tuple]]:
    """table_dump for either engine."""
    from models.db import sqlite_path
    from tests import pg

    if isinstance(url_or_path, Path):
        return table_dump(url_or_path)
    path = sqlite_path(url_or_path)
    return table_dump(path) if path is not None else pg.table_dump(url_or_path)
