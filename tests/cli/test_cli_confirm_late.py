"""`agreement confirm` after the agreement's last month: allowed (scripts rely on it), with one Dutch warning line
on stderr that no hours can be used on it any more."""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ok

LATE = "Let op: overeenkomst 2016-009 liep t/m februari 2017; na de bevestiging op 15-3-2017 kunnen er geen uren " \
       "meer op worden geboekt."


def test_confirm_with_letter_after_the_last_month_warns(demo_path: Path, tmp_path: Path) -> None:
    result = ok("agreement", "confirm", "2016-009", "--date", "2017-03-15", "--letter", str(tmp_path / "brieven"),
                db=demo_path)
    assert LATE in result.stderr.splitlines()
    assert sum("Let op: overeenkomst" in line for line in result.stderr.splitlines()) == 1
    assert (tmp_path / "brieven" / "Bevestiging 2016-009.pdf").exists()


def test_confirm_with_letter_in_time_says_nothing_extra(demo_path: Path, tmp_path: Path) -> None:
    result = ok("agreement", "confirm", "2016-009", "--date", "2017-02-01", "--letter", str(tmp_path / "brieven"),
                db=demo_path)
    assert "geen uren meer" not in result.stderr


def test_confirm_after_the_last_month_warns(demo_path: Path) -> None:
    result = ok("agreement", "confirm", "2016-009", "--date", "2017-03-15", db=demo_path)
    assert result.stderr.splitlines() == [LATE]
    assert result.stdout == ""
