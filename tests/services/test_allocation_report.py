"""The distribution report: the published table, the rounding gap, the suggestion, largest remainder."""
from __future__ import annotations

from dataclasses import replace

import pytest

from models.db import Database
from models.domain.allocation import Rounding
from models.domain.errors import NotFound
from models.services import demo, reporting, years
from tests.services.helpers import BOARDS, PROVIDERS, YEAR, act, published, read

PUBLISHED = published()


@pytest.fixture
def alloc(reference_db: Database) -> reporting.Allocation:
    return read(reference_db, lambda s: reporting.allocation(s, YEAR))


def test_all_36_published_figures(alloc: reporting.Allocation) -> None:
    cells = [(c.board, c.provider, c.key, c.yearly_hours, c.per_month) for c in alloc.cells]
    expected = [(r["bestuur"], r["dienstverlener"], int(r["verdeling"]) * 100, int(r["jaaruren"]),
                 int(r["per_maand"])) for r in PUBLISHED]
    assert len(expected) == 18
    assert cells == expected  # 18 yearly figures and 18 per-month figures, in the published order


def test_providers_and_boards(alloc: reporting.Allocation) -> None:
    assert [(p.name, p.contract_hours, p.reserve_hours, p.available_hours) for p in alloc.providers] == [
        ("Kameleon", 806, 70, 736), ("Mytyschool", 1277, 100, 1177), ("Driespan", 2393, 200, 2193)]
    assert [p.handed_out_hours for p in alloc.providers] == [737, 1177, 2194]
    assert [p.gap for p in alloc.providers] == [1, 0, 1]
    assert [b.name for b in alloc.boards] == BOARDS
    assert [b.key for b in alloc.boards] == [2600, 2100, 2200, 1900, 700, 500]
    assert [b.minimum for b in alloc.boards] == [None, None, None, None, 700, 500]
    assert len(alloc.months) == 11


def test_suggestion_shown_beside_the_key_in_force(alloc: reporting.Allocation) -> None:
    assert [b.suggested for b in alloc.boards] == [2700, 2000, 2200, 1900, 700, 500]
    assert alloc.suggestion_problem is None


def test_rounding_gap_warnings(alloc: reporting.Allocation) -> None:
    assert alloc.warnings == [
        "Kameleon: de jaaruren tellen op tot 737, beschikbaar is 736 (1 uur meer door afronden per cel).",
        "Driespan: de jaaruren tellen op tot 2194, beschikbaar is 2193 (1 uur meer door afronden per cel).",
    ]


def test_largest_remainder_option_closes_every_column(reference_db: Database) -> None:
    setup = replace(demo.reference_setup(), rounding=Rounding.LARGEST_REMAINDER)
    act(reference_db, lambda s: years.create_or_replace(s, setup))
    alloc = read(reference_db, lambda s: reporting.allocation(s, YEAR))
    assert alloc.rounding is Rounding.LARGEST_REMAINDER
    assert alloc.warnings == []
    for p in alloc.providers:
        column = [c.yearly_hours for c in alloc.cells if c.provider_id == p.provider_id]
        assert sum(column) == p.available_hours
    kameleon = [c.yearly_hours for c in alloc.cells if c.provider == "Kameleon"]
    assert kameleon == [191, 155, 162, 140, 51, 37]
    # the month budgets follow the yearly hours of the chosen method
    budgets = read(reference_db, lambda s: reporting.budget_rows(s, YEAR, reporting.dt.date(2025, 1, 1),
                                                                 board="Kroevendonk / SPCO",
                                                                 provider="Kameleon"))
    assert sum(r.budget for r in budgets) == 51 * 60


def test_unknown_year(reference_db: Database) -> None:
    with pytest.raises(NotFound, match="Schooljaar 2030-2031 bestaat niet"):
        read(reference_db, lambda s: reporting.allocation(s, "2030-2031"))


def test_cells_by_board_and_provider(alloc: reporting.Allocation) -> None:
    by_name = {(c.board, c.provider): c for c in alloc.cells}
    assert set(by_name) == {(b, p) for b in BOARDS for p in PROVIDERS}
    cell = by_name[("KPO", "Kameleon")]
    assert alloc.cell(cell.board_id, cell.provider_id) == cell
