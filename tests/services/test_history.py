"""The figures over the years (DOMAIN.md point 13): two school years side by side."""
from __future__ import annotations

import datetime as dt

from models.db import Database
from models.domain.errors import NotFound
from models.services import history
from tests.services.helpers import BOARDS, NEXT_YEAR, PROVIDERS, YEAR, read, refused, two_years

H = 60
TODAY = dt.date(2018, 1, 15)


def test_every_year_board_and_provider(empty_db: Database) -> None:
    two_years(empty_db)
    rows = read(empty_db, lambda s: history.history(s, TODAY))
    assert [(r.year, r.board, r.provider) for r in rows] == (
        [(YEAR, b, p) for b in BOARDS for p in PROVIDERS] + [(NEXT_YEAR, b, "Kameleon") for b in ("KPO", "OBO")])
    first = rows[0]
    f = first.figures
    assert (f.yearly_hours, f.reserve, f.used, f.lapsed) == (191, 9 * H, 5 * H, 195 * H)
    assert f.utilisation == 3  # 5 / 200 = 2,5 %: half up
    assert first.status == "definitief"
    later = next(r for r in rows if (r.year, r.board) == (NEXT_YEAR, "KPO"))
    f = later.figures
    # 60 a year: 6 in September to January, 5 after; lapsed in the months that ended before January (or closed)
    assert (f.yearly_hours, f.reserve, f.used, f.lapsed) == (60, 0, 3 * H, 21 * H)
    assert f.utilisation == 5
    assert later.status == "voorlopig"


def test_one_board(empty_db: Database) -> None:
    two_years(empty_db)
    rows = read(empty_db, lambda s: history.history(s, TODAY, board=" obo "))
    assert [(r.year, r.provider) for r in rows] == [(YEAR, p) for p in PROVIDERS] + [(NEXT_YEAR, "Kameleon")]
    assert {r.board for r in rows} == {"OBO"}


def test_an_unknown_board_is_refused(empty_db: Database) -> None:
    two_years(empty_db)
    error = refused(empty_db, lambda s: history.history(s, TODAY, board="Nergens"), NotFound)
    assert error.message == "Schoolbestuur 'Nergens' bestaat niet."


def test_no_years_no_rows(empty_db: Database) -> None:
    assert read(empty_db, lambda s: history.history(s, TODAY)) == []
