"""The command line: demo, year import, allocation, check, backup, missing databases, wrong use."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import ok, refused, wrong_use
from tests.conftest import FIXTURES, ROOT, TODAY, run_cli, table_dump
from tests.services.helpers import setup_workbook

YEAR = "2016-2017"


def _published_csv() -> str:
    """The reference file's columns bestuur;dienstverlener;verdeling;jaaruren;per_maand."""
    lines = (FIXTURES / "po3002-2016-2017.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(";")
    wanted = [header.index(c) for c in ("bestuur", "dienstverlener", "verdeling", "jaaruren", "per_maand")]
    return "".join(";".join(line.split(";")[i] for i in wanted) + "\n" for line in lines)


# ---------------------------------------------------------------- demo

def test_demo_creates_and_fills_a_new_database(tmp_path: Path) -> None:
    db = tmp_path / "nieuw" / "demo.sqlite"
    ok("demo", db=db)
    assert db.exists()
    dump = table_dump(db)
    assert len(dump["school_year"]) == 1 and dump["agreement"] and dump["hour_entry"]
    message = refused("demo", db=db)
    assert "bevat al gegevens" in message


def test_demo_refused_on_a_database_with_a_year(ref_file: Path) -> None:
    refused("demo", db=ref_file)


def test_allocation_of_the_demo_reproduces_the_reference(demo_path: Path) -> None:
    result = ok("allocation", "--year", YEAR, db=demo_path)
    assert result.stdout == _published_csv()


# ---------------------------------------------------------------- allocation

def test_allocation_csv_and_the_rounding_gap_on_stderr(ref_file: Path) -> None:
    result = ok("allocation", "--year", YEAR, db=ref_file)
    assert result.stdout == _published_csv()
    assert result.stdout.startswith("bestuur;dienstverlener;verdeling;jaaruren;per_maand\n")
    gap = result.stderr.splitlines()
    assert len(gap) == 2
    assert "Kameleon" in gap[0] and "737" in gap[0] and "736" in gap[0]
    assert "Driespan" in gap[1] and "2194" in gap[1] and "2193" in gap[1]


def test_allocation_with_largest_remainder_has_no_gap(empty_path: Path, tmp_path: Path) -> None:
    workbook = setup_workbook(tmp_path / "opzet.xlsx",
                              lambda sheets: sheets["Schooljaar"].append(["Afronding", "grootste rest"]))
    ok("year", "import", str(workbook), db=empty_path)
    result = ok("allocation", "--year", YEAR, db=empty_path)
    assert result.stderr == ""
    rows = [line.split(";") for line in result.stdout.splitlines()[1:]]
    for provider, available in (("Kameleon", 736), ("Mytyschool", 1177), ("Driespan", 2193)):
        assert sum(int(r[3]) for r in rows if r[1] == provider) == available


def test_the_empty_setup_workbook_filled_with_the_reference_imports(empty_path: Path, tmp_path: Path) -> None:
    """'Leeg opzetbestand opslaan…' writes what `year import` reads: filled in with the published 2016-2017 figures
    under its own headers, it imports and reproduces the published table (template and importer cannot drift)."""
    from decimal import Decimal

    import openpyxl

    from exports.setup_template_xlsx import write_setup_template
    from models.services import demo

    path = write_setup_template(tmp_path / "Opzet schooljaar 2016-2017.xlsx", YEAR)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Schooljaar", "Dienstverleners", "Besturen"]
    year = book["Schooljaar"]
    assert [(year.cell(r, 1).value, year.cell(r, 2).value) for r in range(1, 5)] == [
        ("Schooljaar", YEAR), ("Eerste maand", "2016-09"), ("Laatste maand", "2017-07"), ("Afronding", "per cel")]
    providers, boards = book["Dienstverleners"], book["Besturen"]
    provider_heads = [c.value for c in providers[1]]
    board_heads = [c.value for c in boards[1]]
    assert provider_heads == ["Naam", "Cluster", "Contracturen", "Reserve"]
    assert board_heads == ["Naam", "Percentage leerlingen", "Verdeling", "Minimum", "Contactpersoon", "E-mail"]
    assert providers.max_row == boards.max_row == 1  # nothing but the headers

    def share(hundredths: int | None) -> Decimal | None:
        return None if hundredths is None else Decimal(hundredths) / 100  # as typed in Excel: 29,4

    setup = demo.reference_setup()
    for p in setup.providers:
        values = {"Naam": p.name, "Cluster": p.cluster, "Contracturen": p.contract_hours, "Reserve": p.reserve_hours}
        providers.append([values[head] for head in provider_heads])
    for b in setup.boards:
        values = {"Naam": b.name, "Percentage leerlingen": share(b.pupil_share), "Verdeling": share(b.key),
                  "Minimum": share(b.minimum), "Contactpersoon": b.contact_person, "E-mail": b.email}
        boards.append([values[head] for head in board_heads])
    book.save(path)

    ok("year", "import", str(path), db=empty_path)
    result = ok("allocation", "--year", YEAR, db=empty_path)
    assert result.stdout == _published_csv()


def test_allocation_csv_bytes_utf8_decimal_keys(empty_path: Path, tmp_path: Path) -> None:
    def change(sheets: dict) -> None:
        boards = sheets["Besturen"]
        boards[1][0] = "Stichting Ééndracht"
        boards[1][2], boards[2][2] = 26.5, 20.5  # 26,5 and 20,5 still add up to 100 with the others

    ok("year", "import", str(setup_workbook(tmp_path / "opzet.xlsx", change)), db=empty_path)
    env = {k: v for k, v in os.environ.items() if k not in ("SWV_UREN_DB", "SWV_UREN_TODAY")}
    env.update(SWV_UREN_TODAY=str(TODAY), LC_ALL="C", LANG="C", PYTHONIOENCODING="latin-1")
    raw = subprocess.run([sys.executable, "-m", "desktop", "--db", str(empty_path), "allocation", "--year", YEAR],
                         capture_output=True, env=env, cwd=ROOT, timeout=120)
    assert raw.returncode == 0, raw.stderr
    assert raw.stdout.startswith(b"bestuur;dienstverlener;verdeling;jaaruren;per_maand\n")  # no byte-order mark
    assert b"\r" not in raw.stdout
    lines = raw.stdout.decode("utf-8").splitlines()
    assert lines[1] == "Stichting Ééndracht;Kameleon;26,5;195;18"   # 736 x 26,5 % = 195,04
    assert lines[4] == "OBO;Kameleon;20,5;151;14"                    # 736 x 20,5 % = 150,88
    assert len(lines) == 19


def test_allocation_unknown_year(ref_file: Path) -> None:
    assert refused("allocation", "--year", "2030-2031", db=ref_file) == "Schooljaar 2030-2031 bestaat niet."


# ---------------------------------------------------------------- year import

def test_year_import_creates_the_database(tmp_path: Path) -> None:
    db = tmp_path / "swv.sqlite"
    result = ok("year", "import", str(setup_workbook(tmp_path / "opzet.xlsx")), db=db)
    assert result.stdout == ""
    assert ok("allocation", "--year", YEAR, db=db).stdout == _published_csv()


def test_year_import_refused_on_a_new_file_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "swv.sqlite"
    workbook = setup_workbook(tmp_path / "opzet.xlsx",
                              lambda sheets: sheets["Dienstverleners"][1].__setitem__(3, 900))
    message = refused("year", "import", str(workbook), db=db)
    assert "werkblad Dienstverleners, rij 2, kolom Reserve" in message
    assert list(tmp_path.iterdir()) == [workbook]
    refused("year", "import", str(tmp_path / "bestaat-niet.xlsx"), db=db)
    assert list(tmp_path.iterdir()) == [workbook]


def test_year_import_refused_on_an_existing_file_changes_nothing(ref_file: Path, tmp_path: Path) -> None:
    workbook = setup_workbook(tmp_path / "opzet.xlsx", lambda sheets: sheets.pop("Besturen"))
    assert "werkblad Besturen" in refused("year", "import", str(workbook), db=ref_file)


def test_year_import_replaces_only_while_the_year_is_empty(ref_file: Path, tmp_path: Path) -> None:
    workbook = setup_workbook(tmp_path / "opzet.xlsx")
    ok("year", "import", str(workbook), db=ref_file)
    ok("agreement", "add", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon", "--hours", "10",
       "--from", "2016-09", "--to", "2016-12", db=ref_file)
    assert "niet meer worden vervangen" in refused("year", "import", str(workbook), db=ref_file)


# ---------------------------------------------------------------- a database that does not exist

MISSING_DB_COMMANDS = [
    ["allocation", "--year", YEAR],
    ["budgets", "--year", YEAR],
    ["agreement", "add", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon", "--hours", "10",
     "--from", "2016-09", "--to", "2016-12"],
    ["agreement", "confirm", "2016-001"],
    ["agreement", "complete", "2016-001"],
    ["agreement", "withdraw", "2016-001"],
    ["hours", "add", "--agreement", "2016-001", "--month", "2016-10", "--hours", "2"],
    ["reserve", "grant", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon", "--month", "2016-10",
     "--hours", "2", "--reason", "Extra"],
    ["month", "close", "--year", YEAR, "--month", "2016-10"],
    ["month", "reopen", "--year", YEAR, "--month", "2016-10", "--reason", "Late opgave"],
    ["check"],
    ["backup", "-o", "KOPIE"],
    ["report", "alv", "--year", YEAR, "-o", "KOPIE"],
    ["export", "board", "--year", YEAR, "--board", "KPO", "-o", "KOPIE"],
]


@pytest.mark.parametrize("args", MISSING_DB_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_missing_database_is_refused_and_not_created(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "map" / "weg.sqlite"
    args = [str(tmp_path / "kopie.out") if a == "KOPIE" else a for a in args]
    message = refused(*args, db=db)
    assert "bestaat niet" in message
    assert list(tmp_path.iterdir()) == []


def test_missing_database_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "weg.sqlite"
    refused("allocation", "--year", YEAR, env={"SWV_UREN_DB": str(db)})
    assert not db.exists()


def test_database_from_the_environment_and_as_url(ref_file: Path) -> None:
    by_env = ok("allocation", "--year", YEAR, env={"SWV_UREN_DB": str(ref_file)})
    by_url = ok("allocation", "--year", YEAR, db=f"sqlite:///{ref_file}")  # type: ignore[arg-type]
    assert by_env.stdout == by_url.stdout == _published_csv()


# ---------------------------------------------------------------- wrong use

@pytest.mark.parametrize("today", ["morgen", "2025-1-15", "20250115", "2025-W03-3", "2025-02-30", "15-01-2025",
                                   "2025-01-15T10:00"])
def test_malformed_today_is_wrong_use(ref_file: Path, tmp_path: Path, today: str) -> None:
    message = wrong_use("allocation", "--year", YEAR, db=ref_file, today=today)
    assert "SWV_UREN_TODAY" in message
    wrong_use("demo", db=tmp_path / "nieuw.sqlite", today=today)
    assert not (tmp_path / "nieuw.sqlite").exists()


@pytest.mark.parametrize("args", [
    ["vliegen"],
    ["allocation"],
    ["allocation", "--year"],
    ["agreement"],
    ["agreement", "add", "--year", YEAR, "--board", "KPO"],
    ["hours", "add", "--agreement", "2016-001", "--month", "2016-10"],
    ["month", "reopen", "--year", YEAR, "--month", "2016-10"],
    ["reserve", "grant", "--year", YEAR],
    ["budgets", "--year", YEAR, "--extra"],
    ["year", "import"],
    ["backup"],
])
def test_wrong_use_exits_2(ref_file: Path, args: list[str]) -> None:
    wrong_use(*args, db=ref_file)


def test_wrong_use_creates_no_database(tmp_path: Path) -> None:
    wrong_use("demo", "--extra", db=tmp_path / "nieuw.sqlite")
    wrong_use("year", "import", db=tmp_path / "nieuw.sqlite")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- check and backup

def test_check(ref_file: Path, tmp_path: Path) -> None:
    assert ok("check", db=ref_file).stdout.strip()
    broken = tmp_path / "kapot.sqlite"
    broken.write_bytes(b"geen database " * 500)
    result = run_cli("check", db=broken)
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1, result.stderr
    assert broken.read_bytes() == b"geen database " * 500


def test_backup_is_a_consistent_copy(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "kopieen" / "kopie.sqlite"
    result = ok("backup", "-o", str(target), db=demo_path)
    assert result.stdout == ""
    assert table_dump(target) == table_dump(demo_path)
    ok("check", db=target)
    ok("allocation", "--year", YEAR, db=target)
    # an existing copy is replaced
    ok("month", "reopen", "--year", YEAR, "--month", "2016-09", "--reason", "Correctie", db=demo_path)
    ok("backup", "-o", str(target), db=demo_path)
    assert table_dump(target) == table_dump(demo_path)


def test_every_command_refuses_a_file_that_is_no_database(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.sqlite"
    broken.write_bytes(b"geen database " * 500)
    for args in (["allocation", "--year", YEAR], ["demo"], ["budgets", "--year", YEAR]):
        result = run_cli(*args, db=broken)
        assert result.returncode == 1, result.stderr
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert broken.read_bytes() == b"geen database " * 500


def test_a_refused_year_import_leaves_no_new_folder_behind(tmp_path: Path) -> None:
    """The folders made for a new database file go again when the import is refused."""
    bad = setup_workbook(tmp_path / "opzet.xlsx", lambda sheets: sheets.pop("Besturen"))
    db = tmp_path / "nieuw" / "map" / "swv.sqlite"
    message = refused("year", "import", str(bad), db=db)
    assert "werkblad Besturen: dit werkblad ontbreekt" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["opzet.xlsx"]


def test_a_number_too_large_for_the_database_is_refused_by_cell_and_leaves_no_file(tmp_path: Path) -> None:
    """Contract hours beyond any contract are a refusal naming the cell, not an integer overflow in SQLite."""
    workbook = setup_workbook(tmp_path / "opzet.xlsx",
                              lambda sheets: sheets["Dienstverleners"][1].__setitem__(2, 200_000_000_000_000_000))
    db = tmp_path / "nieuw" / "swv.sqlite"
    message = refused("year", "import", str(workbook), db=db)
    assert "werkblad Dienstverleners, rij 2, kolom Contracturen" in message
    assert "maximum van 1.000.000 uur" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["opzet.xlsx"]


def test_hours_beyond_the_maximum_are_refused_in_dutch(ref_file: Path) -> None:
    message = refused("agreement", "add", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon",
                      "--hours", "99999999999999999999", "--from", "2016-10", "--to", "2017-06", db=ref_file)
    assert "maximum van 1.000.000 uur" in message
