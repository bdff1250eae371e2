"""`swv-uren history [--board B]` as a subprocess: two school years, the CSV of CLI.md."""
from __future__ import annotations

from pathlib import Path

import pytest

from models.db import Database, to_url
from tests.cli.conftest import ok, refused, wrong_use
from tests.services.helpers import two_years

HEADER = "schooljaar;bestuur;dienstverlener;jaaruren;reserve;gebruikt;vervallen;benutting;status"
TODAY = "2018-01-15"


@pytest.fixture
def years_file(empty_path: Path) -> Path:
    db = Database(to_url(empty_path))
    try:
        two_years(db)
    finally:
        db.dispose()
    return empty_path


def test_history_csv(years_file: Path) -> None:
    out = ok("history", db=years_file, today=TODAY).stdout
    assert not out.startswith("\ufeff")
    lines = out.splitlines()
    assert lines[0] == HEADER
    assert len(lines) == 1 + 18 + 2
    assert lines[1] == "2016-2017;KPO;Kameleon;191;9;5;195;3;definitief"
    assert lines[2] == "2016-2017;KPO;Mytyschool;306;0;0;306;0;definitief"
    assert lines[-2:] == ["2017-2018;KPO;Kameleon;60;0;3;21;5;voorlopig",
                          "2017-2018;OBO;Kameleon;40;0;0;16;0;voorlopig"]


def test_history_sums_the_budgets_csv(years_file: Path) -> None:
    """`vervallen`, `reserve` and `gebruikt` are the `budgets` columns summed over the year."""
    from models.domain.units import format_hours, parse_hours

    for year in ("2016-2017", "2017-2018"):
        sums: dict[tuple[str, str], list[int]] = {}
        for line in ok("budgets", "--year", year, db=years_file, today=TODAY).stdout.splitlines()[1:]:
            board, provider, _, _, reserve, used, lapsed = line.split(";")
            acc = sums.setdefault((board, provider), [0, 0, 0])
            for i, value in enumerate((reserve, used, lapsed)):
                acc[i] += parse_hours(value, allow_zero=True)
        for line in ok("history", db=years_file, today=TODAY).stdout.splitlines()[1:]:
            fields = line.split(";")
            if fields[0] == year:
                assert fields[4:7] == [format_hours(m) for m in sums[(fields[1], fields[2])]]


def test_one_board(years_file: Path) -> None:
    lines = ok("history", "--board", "obo", db=years_file, today=TODAY).stdout.splitlines()
    assert lines[0] == HEADER
    assert [line.split(";")[:3] for line in lines[1:]] == [
        ["2016-2017", "OBO", "Kameleon"], ["2016-2017", "OBO", "Mytyschool"], ["2016-2017", "OBO", "Driespan"],
        ["2017-2018", "OBO", "Kameleon"]]


def test_an_unknown_board_is_refused(years_file: Path) -> None:
    assert refused("history", "--board", "Nergens", db=years_file) == "Schoolbestuur 'Nergens' bestaat niet."
    wrong_use("history", "--board", db=years_file)
