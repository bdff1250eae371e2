"""`swv-uren forecast` as a subprocess: the CSV of CLI.md, the running month, refusals and wrong use."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.cli.conftest import confirmed_agreement, ok, refused, wrong_use

YEAR = "2016-2017"
HEADER = "bestuur;dienstverlener;maand;vervalt_deze_maand;over;belegd;niet_belegd;overbelegd"


def _forecast(path: Path, *extra: str, today: dt.date | str = dt.date(2017, 2, 15)) -> dict[tuple[str, str], list[str]]:
    out = ok("forecast", "--year", YEAR, *extra, db=path, today=today).stdout
    assert not out.startswith("\ufeff") and "\r" not in out
    lines = out.splitlines()
    assert lines[0] == HEADER
    assert len(lines) == 1 + 6 * 3
    return {(f[0], f[1]): f[2:] for f in (line.split(";") for line in lines[1:])}


def test_forecast_csv(ref_file: Path) -> None:
    number = confirmed_agreement(ref_file, hours_agreed=40, first="2016-09", last="2017-06")
    ok("hours", "add", "--agreement", number, "--month", "2017-02", "--hours", "0,75", db=ref_file)
    ok("hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "2", db=ref_file)
    ok("reserve", "grant", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon", "--month", "2017-05",
       "--hours", "2,5", "--reason", "Extra vraag", db=ref_file)
    ok("month", "close", "--year", YEAR, "--month", "2017-03", db=ref_file)
    rows = _forecast(ref_file)  # the month of today: February 2017
    # February 17 - 0,75; March closed; April, June, July 17; May 17 + 2,5: 86,75 over, 40 - 2,75 promised
    assert rows[("KPO", "Kameleon")] == ["2017-02", "16,25", "86,75", "37,25", "49,5", "0"]
    # OBO at Driespan: 461 a year, 42 a month and 41 in July; March closed
    assert rows[("OBO", "Driespan")] == ["2017-02", "42", "209", "0", "209", "0"]
    assert _forecast(ref_file, "--month", "2017-07")[("KPO", "Kameleon")] == ["2017-07", "17", "17", "0", "17", "0"]


def test_over_commitment_and_months_outside_the_year(ref_file: Path) -> None:
    confirmed_agreement(ref_file, hours_agreed=150, first="2017-01", last="2017-07")
    assert _forecast(ref_file)[("KPO", "Kameleon")] == ["2017-02", "17", "102", "150", "0", "48"]
    before = _forecast(ref_file, "--month", "2016-06")[("KPO", "Kameleon")]
    assert before == ["2016-06", "0", "191", "150", "41", "0"]
    assert all(row[1:] == ["0"] * 5 for row in _forecast(ref_file, "--month", "2017-08").values())


def test_the_running_month_defaults_to_today(ref_file: Path) -> None:
    assert {row[0] for row in _forecast(ref_file, today="2016-11-30").values()} == {"2016-11"}


def test_an_unknown_year_is_refused(ref_file: Path) -> None:
    assert refused("forecast", "--year", "2017-2018", db=ref_file) == "Schooljaar 2017-2018 bestaat niet."


@pytest.mark.parametrize("month", ["2017-13", "2017-2", "februari", "2017/02", ""])
def test_a_malformed_month_is_wrong_use(ref_file: Path, month: str) -> None:
    assert "JJJJ-MM" in wrong_use("forecast", "--year", YEAR, "--month", month, db=ref_file) or not month


def test_the_year_is_required(ref_file: Path) -> None:
    wrong_use("forecast", db=ref_file)
