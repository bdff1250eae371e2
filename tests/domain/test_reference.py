"""The published 2016-2017 table, reproduced cell for cell from available hours and keys."""
from __future__ import annotations

import csv

import pytest

from models.domain.allocation import Rounding, average_per_month, available_hours, yearly_hours
from models.domain.units import parse_percent
from tests.conftest import FIXTURES


def _rows(name: str) -> list[dict[str, str]]:
    with open(FIXTURES / name, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


PROVIDERS = {r["dienstverlener"]: r for r in _rows("po3002-2016-2017-providers.csv")}
PUBLISHED = _rows("po3002-2016-2017.csv")
BOARDS = list(dict.fromkeys(r["bestuur"] for r in PUBLISHED))
KEYS = [parse_percent(next(r["verdeling"] for r in PUBLISHED if r["bestuur"] == b)) for b in BOARDS]


def test_available_is_contract_minus_reserve() -> None:
    for p in PROVIDERS.values():
        assert available_hours(int(p["contracturen"]), int(p["reserve"])) == int(p["beschikbaar"])


@pytest.mark.parametrize("row", PUBLISHED, ids=lambda r: f"{r['bestuur']}-{r['dienstverlener']}")
def test_every_published_cell(row: dict[str, str]) -> None:
    available = int(PROVIDERS[row["dienstverlener"]]["beschikbaar"])
    yearly = yearly_hours(available, KEYS)[BOARDS.index(row["bestuur"])]
    assert yearly == int(row["jaaruren"])
    assert average_per_month(yearly, 11) == int(row["per_maand"])


def test_largest_remainder_closes_every_column() -> None:
    for p in PROVIDERS.values():
        available = int(p["beschikbaar"])
        assert sum(yearly_hours(available, KEYS, Rounding.LARGEST_REMAINDER)) == available
