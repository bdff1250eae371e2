"""The command line: `hours template` and `hours import` (all rows or none), hostile files refused in one line."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop import cli_sheets
from tests.cli.conftest import ok, refused, refused_all, wrong_use
from tests.conftest import table_dump
from tests.fixtures.hostile import corpus
from tests.services.hour_sheet_support import (  # noqa: F401 - fixtures
    PROVIDER, PUPIL, YEAR, Base, fill, hostile, row, sheet_base, sheet_path, write_rows,
)

TEMPLATE = ["hours", "template", "--year", YEAR, "--provider", PROVIDER]


def _template(db: Path, target: Path, **kwargs: object) -> Path:
    result = ok(*TEMPLATE, "-o", str(target), db=db, **kwargs)  # type: ignore[arg-type]
    assert result.stdout == ""
    assert result.stderr.strip() == f"Opgeslagen als {target} (17 rijen)."
    return target


def _budget(db: Path, board: str, month: str) -> list[str]:
    lines = ok("budgets", "--year", YEAR, db=db).stdout.splitlines()
    return next(line.split(";") for line in lines if line.startswith(f"{board};{PROVIDER};{month};"))


def test_template_fill_in_import(sheet_path: Path, sheet_base: Base, tmp_path: Path) -> None:
    path = fill(_template(sheet_path, tmp_path / "Kameleon.xlsx"), {
        (sheet_base.kpo, "2016-09"): 1.5, (sheet_base.kpo, "2016-10"): 0.25, (sheet_base.obo, "2016-10"): 2})
    result = ok("hours", "import", str(path), db=sheet_path)
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Urenlijst Kameleon.xlsx van Kameleon (2016-2017) ingelezen: 3 rijen, samen 3,75 uur; 14 lege rijen "
        "overgeslagen."]
    # bestuur;dienstverlener;maand;budget;reserve;gebruikt;vervallen
    assert _budget(sheet_path, "KPO", "2016-09") == ["KPO", PROVIDER, "2016-09", "18", "0", "1,5", "16,5"]
    assert _budget(sheet_path, "KPO", "2016-10") == ["KPO", PROVIDER, "2016-10", "18", "0", "0,25", "17,75"]
    assert _budget(sheet_path, "OBO", "2016-10") == ["OBO", PROVIDER, "2016-10", "14", "0", "2", "12"]
    again = ok("hours", "import", str(path), db=sheet_path)  # adds up again, with a warning
    assert again.stderr.splitlines()[1].startswith("Let op: voor de overeenkomst en maand van rij 2 en op 2 andere "
                                                   "rijen zijn al eerder uren ingelezen")
    assert _budget(sheet_path, "KPO", "2016-09")[5] == "3"


def test_template_holds_no_pupil_reference(sheet_path: Path, tmp_path: Path) -> None:
    import zipfile

    path = _template(sheet_path, tmp_path / "Kameleon.xlsx")
    with zipfile.ZipFile(path) as archive:
        assert all(PUPIL.encode() not in archive.read(name) for name in archive.namelist())


def test_an_over_budget_row_refuses_all(sheet_path: Path, sheet_base: Base, tmp_path: Path) -> None:
    path = fill(_template(sheet_path, tmp_path / "Kameleon.xlsx"), {
        (sheet_base.kpo, "2016-09"): 2, (sheet_base.obo, "2016-10"): 1, (sheet_base.obo, "2016-11"): 14.5})
    message = refused("hours", "import", str(path), db=sheet_path)  # exit 1, one line, database unchanged
    assert message == ("De urenlijst is geweigerd, er is niets ingelezen: werkblad Uren, rij 14, kolom Uren: Nog 14 "
                       "uur over in november 2016: budget 14, gebruikt 0, gevraagd 14,5. Vraag zo nodig reserve aan.")
    assert _budget(sheet_path, "KPO", "2016-09")[5] == "0"


def test_many_problems_named_in_one_line(sheet_path: Path, sheet_base: Base, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lijst.xlsx", [
        row(sheet_base.kpo, "2016-09", "anderhalf"), row(sheet_base.other_provider, "2016-09", 1),
        row(sheet_base.kpo, "2016-9", 1), row(sheet_base.kpo, "2016-09", "=1+1"), row(sheet_base.kpo, "2016-09", 1)])
    message = refused("hours", "import", str(path), db=sheet_path)
    assert message.startswith("De urenlijst is geweigerd, er is niets ingelezen: werkblad Uren, rij 2, kolom Uren: "
                              "'anderhalf' is geen getal")
    assert "werkblad Uren, rij 3, kolom Overeenkomst: Overeenkomst 2016-003 is van Mytyschool" in message
    assert "werkblad Uren, rij 4, kolom Maand: '2016-9' is geen maand" in message
    assert message.endswith("(en nog 1).")


def test_hostile_files(sheet_path: Path, hostile: dict[str, Path]) -> None:
    names = sorted(corpus.EXPECTED)
    messages = refused_all([["hours", "import", str(hostile[name])] for name in names], db=sheet_path)
    for name, message in zip(names, messages):
        assert corpus.EXPECTED[name] in message, (name, message)
        assert corpus.SECRET not in message
    ok("hours", "import", str(hostile["geldig.xlsx"]), db=sheet_path)  # the sheet they are built on is valid


def test_template_refusals(sheet_path: Path, tmp_path: Path) -> None:
    (tmp_path / "map.xlsx").mkdir()
    before = table_dump(sheet_path)
    cases = [
        ["hours", "template", "--year", YEAR, "--provider", "Nergens", "-o", str(tmp_path / "a.xlsx")],
        ["hours", "template", "--year", "2030-2031", "--provider", PROVIDER, "-o", str(tmp_path / "a.xlsx")],
        ["hours", "template", "--year", YEAR, "--provider", "Driespan", "-o", str(tmp_path / "a.xlsx")],
        [*TEMPLATE, "-o", str(tmp_path / "a.csv")],
        [*TEMPLATE, "-o", str(tmp_path / "geen-map" / "a.xlsx")],
        [*TEMPLATE, "-o", str(tmp_path / "map.xlsx")],
    ]
    messages = refused_all(cases, db=sheet_path)
    assert messages == [
        "Dienstverlener 'Nergens' bestaat niet.",
        "Schooljaar 2030-2031 bestaat niet.",
        "Driespan heeft in 2016-2017 geen bevestigde overeenkomsten met een open maand tot en met deze maand; er is "
        "geen urenlijst te maken.",
        "a.csv: kies een bestandsnaam die eindigt op .xlsx.",
        f"De map {tmp_path / 'geen-map'} bestaat niet; maak hem eerst aan of kies een andere map.",
        f"{tmp_path / 'map.xlsx'} is een map; geef een bestandsnaam op.",
    ]
    assert not (tmp_path / "a.xlsx").exists()
    assert table_dump(sheet_path) == before


def test_template_replaces_an_existing_file(sheet_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "uit" / "Kameleon.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"oud")
    _template(sheet_path, target)
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in target.parent.iterdir()] == ["Kameleon.xlsx"]


def test_import_refusals_and_wrong_use(sheet_path: Path, tmp_path: Path) -> None:
    assert "bestaat niet" in refused("hours", "import", str(tmp_path / "weg.xlsx"), db=sheet_path)
    assert "bestaat niet" in refused("hours", "import", str(tmp_path / "weg.xlsx"), db=tmp_path / "geen.sqlite")
    assert not (tmp_path / "geen.sqlite").exists()
    wrong_use("hours", "import", db=sheet_path)
    wrong_use("hours", "template", "--year", YEAR, "-o", str(tmp_path / "a.xlsx"), db=sheet_path)


def test_template_months_follow_today(sheet_path: Path, tmp_path: Path) -> None:
    """In november 2016 the sheet holds the months begun so far: KPO september to november, OBO october and
    november (confirmed in october)."""
    path = tmp_path / "Kameleon.xlsx"
    result = ok(*TEMPLATE, "-o", str(path), db=sheet_path, today=dt.date(2016, 11, 15))
    assert result.stderr.strip() == f"Opgeslagen als {path} (5 rijen)."


def test_handlers_and_parser_without_the_command_line(sheet_path: Path, sheet_base: Base, tmp_path: Path) -> None:
    """The module on its own: add_commands on an `hours` group, handlers called with (db, args, today)."""
    import argparse

    from models.db import open_database, to_url
    from tests.conftest import TODAY

    parser = argparse.ArgumentParser(prog="swv-uren")
    cli_sheets.add_commands(parser.add_subparsers(dest="action"))
    target = tmp_path / "Kameleon.xlsx"
    args = parser.parse_args(["template", "--year", YEAR, "--provider", PROVIDER, "-o", str(target)])
    db = open_database(to_url(sheet_path))
    try:
        assert cli_sheets.COMMANDS[("hours", args.action)](db, args, TODAY) is None
        fill(target, {(sheet_base.kpo, "2016-09"): 3})
        args = parser.parse_args(["import", str(target)])
        cli_sheets.COMMANDS[("hours", args.action)](db, args, TODAY)
        with db.read() as session:
            from models.services import reporting

            used = {(r.board, str(r.month)): r.used
                    for r in reporting.budget_rows(session, YEAR, TODAY, provider=PROVIDER)}
        assert used[("KPO", "2016-09")] == 180
    finally:
        db.dispose()


@pytest.mark.parametrize("name", ["miljoen-rijen.xlsx", "zipbom.xlsx", "billion-laughs.xlsx"])
def test_the_worst_files_quickly(sheet_path: Path, hostile: dict[str, Path], name: str) -> None:
    import time

    started = time.perf_counter()
    refused("hours", "import", str(hostile[name]), db=sheet_path)
    assert time.perf_counter() - started < 15


def test_template_for_one_month(sheet_path: Path, sheet_base: Base, tmp_path: Path) -> None:
    """`--month` (an addition to CLI.md): that month's rows only; a month that cannot take hours is refused."""
    import openpyxl

    from models.domain import hour_sheet as layout

    target = tmp_path / "oktober.xlsx"
    result = ok(*TEMPLATE, "--month", "2016-10", "-o", str(target), db=sheet_path)
    assert result.stderr.strip() == f"Opgeslagen als {target} (2 rijen)."
    ws = openpyxl.load_workbook(target)[layout.HOURS_SHEET]
    month = layout.TEMPLATE_COLUMNS.index(layout.MONTH) + 1
    assert [(ws.cell(r, 1).value, ws.cell(r, month).value) for r in range(2, ws.max_row + 1)] == [
        (sheet_base.kpo, "2016-10"), (sheet_base.obo, "2016-10")]
    assert refused(*TEMPLATE, "--month", "2017-08", "-o", str(tmp_path / "x.xlsx"), db=sheet_path) == \
        "augustus 2017 hoort niet bij schooljaar 2016-2017."
    assert refused(*TEMPLATE, "--month", "2016-13", "-o", str(tmp_path / "x.xlsx"), db=sheet_path) == \
        "--month: '2016-13' is geen maand; schrijf JJJJ-MM, bijvoorbeeld 2016-09."
