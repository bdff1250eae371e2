"""`year import`: a school year from a setup workbook, all or nothing, problems named by sheet, row, column."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

import pytest

from models.db import Database
from models.domain.allocation import Rounding
from models.domain.errors import Conflict, InvalidInput
from models.services import reporting, year_import
from tests.services.helpers import (
    YEAR, Rows, act, add_agreement, published, read, refused, setup_workbook, write_workbook,
)

Sheets = dict[str, Rows]


def _import(db: Database, path: Path) -> str:
    return act(db, lambda s: year_import.import_year(s, path))


def _allocation(db: Database) -> reporting.Allocation:
    return read(db, lambda s: reporting.allocation(s, YEAR))


def test_the_reference_workbook(empty_db: Database, tmp_path: Path) -> None:
    assert _import(empty_db, setup_workbook(tmp_path / "opzet.xlsx")) == YEAR
    alloc = _allocation(empty_db)
    assert [(c.board, c.provider, c.yearly_hours, c.per_month) for c in alloc.cells] == [
        (r["bestuur"], r["dienstverlener"], int(r["jaaruren"]), int(r["per_maand"])) for r in published()]
    assert alloc.rounding is Rounding.PER_CELL
    assert [p.cluster for p in alloc.providers] == ["3", "3", "4"]
    assert [b.minimum for b in alloc.boards] == [None, None, None, None, 700, 500]


def _column(sheet: Rows, name: str) -> int:
    return sheet[0].index(name)


def _set(sheet: Rows, row: int, name: str, value: object) -> None:
    """Set the cell of a data row (row numbers as Excel shows them: the header is row 1)."""
    sheet[row - 1][_column(sheet, name)] = value


def test_column_order_free_extra_columns_ignored_optional_columns(empty_db: Database, tmp_path: Path) -> None:
    def change(sheets: Sheets) -> None:
        boards = sheets["Besturen"]
        order = [3, 2, 0, 1]  # Minimum, Verdeling, Naam, Percentage leerlingen
        sheets["Besturen"] = [[row[i] for i in order] + [extra1, extra2] for row, extra1, extra2 in zip(
            boards, ["Opmerking"] + ["x"] * 6, ["Contactpersoon"] + ["M. de Bruijn"] + [None] * 5)]
        sheets["Besturen"][0][4] = "Opmerking"
        sheets["Dienstverleners"] = [[" reserve ", "NAAM", "Contracturen", "Cluster", "Iets"]] + [
            [r[3], r[0], r[2], r[1], "?"] for r in sheets["Dienstverleners"][1:]]
        sheets["Schooljaar"].insert(0, ["Toelichting", "wordt genegeerd"])
        sheets["Schooljaar"][2][1] = dt.datetime(2016, 9, 1)  # a date cell counts as its month
        sheets["Schooljaar"].append(["afronding", "  Grootste   rest "])

    _import(empty_db, setup_workbook(tmp_path / "opzet.xlsx", change))
    alloc = _allocation(empty_db)
    assert alloc.rounding is Rounding.LARGEST_REMAINDER
    assert [p.available_hours for p in alloc.providers] == [736, 1177, 2193]
    assert [b.key for b in alloc.boards] == [2600, 2100, 2200, 1900, 700, 500]
    assert len(alloc.months) == 11
    from models.services import lookup

    assert read(empty_db, lambda s: lookup.board(s, "KPO").contact_person) == "M. de Bruijn"


def test_optional_columns_may_be_missing_and_cluster_empty(empty_db: Database, tmp_path: Path) -> None:
    def change(sheets: Sheets) -> None:
        sheets["Besturen"] = [row[:3] for row in sheets["Besturen"]]  # no Minimum column
        _set(sheets["Dienstverleners"], 2, "Cluster", None)

    _import(empty_db, setup_workbook(tmp_path / "opzet.xlsx", change))
    alloc = _allocation(empty_db)
    assert [b.minimum for b in alloc.boards] == [None] * 6
    assert [p.cluster for p in alloc.providers] == ["", "3", "4"]


def test_empty_key_everywhere_takes_the_suggestion(empty_db: Database, tmp_path: Path) -> None:
    def change(sheets: Sheets) -> None:
        for row in range(2, 8):
            _set(sheets["Besturen"], row, "Verdeling", None)

    _import(empty_db, setup_workbook(tmp_path / "opzet.xlsx", change))
    assert [b.key for b in _allocation(empty_db).boards] == [2700, 2000, 2200, 1900, 700, 500]


def test_reimport_replaces_while_the_year_is_empty(reference_db: Database, tmp_path: Path) -> None:
    def change(sheets: Sheets) -> None:
        _set(sheets["Dienstverleners"], 2, "Reserve", 36)  # Kameleon 806 - 36 = 770

    _import(reference_db, setup_workbook(tmp_path / "opzet.xlsx", change))
    assert _allocation(reference_db).providers[0].available_hours == 770


def test_reimport_refused_once_the_year_holds_agreements(reference_db: Database, tmp_path: Path) -> None:
    add_agreement(reference_db, confirmed=None)
    path = setup_workbook(tmp_path / "opzet.xlsx")
    error = refused(reference_db, lambda s: year_import.import_year(s, path), Conflict)
    assert "kan niet meer worden vervangen" in error.message


def _blank_keys(rows: list[int]) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        for row in rows:
            _set(sheets["Besturen"], row, "Verdeling", None)
    return change


def _edit(sheet: str, row: int, column: str, value: object) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        _set(sheets[sheet], row, column, value)
    return change


def _setting(row: int, value: object) -> Callable[[Sheets], None]:
    """Column B of the Schooljaar sheet, which has no header row."""
    def change(sheets: Sheets) -> None:
        sheets["Schooljaar"][row - 1][1] = value
    return change


def _no_contract(sheets: Sheets) -> None:
    _set(sheets["Dienstverleners"], 2, "Contracturen", 0)
    _set(sheets["Dienstverleners"], 2, "Reserve", 0)


def _drop_sheet(name: str) -> Callable[[Sheets], None]:
    return lambda sheets: sheets.pop(name) and None


def _drop_column(sheet: str, name: str) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        index = _column(sheets[sheet], name)
        sheets[sheet] = [row[:index] + row[index + 1:] for row in sheets[sheet]]
    return change


def _drop_setting(key: str) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        sheets["Schooljaar"] = [row for row in sheets["Schooljaar"] if row[0] != key]
    return change


def _minimums_leave_nothing(sheets: Sheets) -> None:
    boards = sheets["Besturen"]
    for row in range(2, 8):
        _set(boards, row, "Verdeling", None)
    _set(boards, 6, "Minimum", 60)
    _set(boards, 7, "Minimum", 40)


def _minimums_above_100(sheets: Sheets) -> None:
    _minimums_leave_nothing(sheets)
    _set(sheets["Besturen"], 7, "Minimum", 50)


def _duplicate_board(sheets: Sheets) -> None:
    _set(sheets["Besturen"], 4, "Naam", "  kpo ")  # Borgesius' row now says KPO again


def _duplicate_provider(sheets: Sheets) -> None:
    _set(sheets["Dienstverleners"], 4, "Naam", "DRIE   SPAN")
    _set(sheets["Dienstverleners"], 3, "Naam", "drie span")


CASES = [
    ("missing sheet", _drop_sheet("Besturen"), "werkblad Besturen: dit werkblad ontbreekt"),
    ("missing column", _drop_column("Dienstverleners", "Reserve"),
     "werkblad Dienstverleners, rij 1, kolom Reserve: deze kolom ontbreekt"),
    ("missing cluster column", _drop_column("Dienstverleners", "Cluster"),
     "werkblad Dienstverleners, rij 1, kolom Cluster: deze kolom ontbreekt"),
    ("missing key column", _drop_column("Besturen", "Verdeling"),
     "werkblad Besturen, rij 1, kolom Verdeling: deze kolom ontbreekt"),
    ("missing setting", _drop_setting("Eerste maand"), "werkblad Schooljaar, kolom A: de regel 'Eerste maand'"),
    ("text in contract", _edit("Dienstverleners", 3, "Contracturen", "veel"),
     "werkblad Dienstverleners, rij 3, kolom Contracturen: contracturen: 'veel' is geen getal"),
    ("text in pupils", _edit("Besturen", 2, "Percentage leerlingen", "ongeveer 30"),
     "werkblad Besturen, rij 2, kolom Percentage leerlingen"),
    ("text in key", _edit("Besturen", 5, "Verdeling", "negentien"), "werkblad Besturen, rij 5, kolom Verdeling"),
    ("three decimals", _edit("Besturen", 2, "Percentage leerlingen", 29.444),
     "werkblad Besturen, rij 2, kolom Percentage leerlingen: percentage: '29,444' heeft meer dan twee decimalen"),
    ("half hour of reserve", _edit("Dienstverleners", 2, "Reserve", 70.5),
     "werkblad Dienstverleners, rij 2, kolom Reserve"),
    ("negative reserve", _edit("Dienstverleners", 2, "Reserve", -1), "werkblad Dienstverleners, rij 2, kolom Reserve"),
    ("no contract hours", _no_contract,
     "werkblad Dienstverleners, rij 2, kolom Contracturen"),
    ("reserve above contract", _edit("Dienstverleners", 2, "Reserve", 807),
     "werkblad Dienstverleners, rij 2, kolom Reserve: de reserve is groter dan de contracturen"),
    ("keys 99", _edit("Besturen", 2, "Verdeling", 25),
     "werkblad Besturen, kolom Verdeling: de verdeling telt op tot 99, niet tot 100"),
    ("keys 100,5", _edit("Besturen", 2, "Verdeling", 26.5), "werkblad Besturen, kolom Verdeling"),
    ("pupils 99,9", _edit("Besturen", 2, "Percentage leerlingen", 29.3),
     "werkblad Besturen, kolom Percentage leerlingen: de percentages leerlingen tellen op tot 99,9"),
    ("duplicate board", _duplicate_board, "werkblad Besturen, rij 4, kolom Naam: de naam 'kpo' komt twee keer voor"),
    ("duplicate provider", _duplicate_provider,
     "werkblad Dienstverleners, rij 4, kolom Naam: de naam 'DRIE SPAN' komt twee keer voor"),
    ("some keys empty", _blank_keys([3, 5]), "werkblad Besturen, rij 3, kolom Verdeling"),
    ("minimums leave nothing", _minimums_leave_nothing, "werkblad Besturen, kolom Minimum"),
    ("minimums above 100", _minimums_above_100, "werkblad Besturen, kolom Minimum"),
    ("bad label", _setting(1, "2016/17"), "werkblad Schooljaar, rij 1, kolom B"),
    ("bad month", _setting(2, "september"), "werkblad Schooljaar, rij 2, kolom B"),
    ("month outside the year", _setting(2, "2015-09"), "werkblad Schooljaar, rij 2"),
    ("months reversed", _setting(3, "2016-08"), "werkblad Schooljaar, rij 3"),
    ("bad rounding", lambda sheets: sheets["Schooljaar"].append(["Afronding", "naar beneden"]),
     "werkblad Schooljaar, rij 4, kolom B: afronding 'naar beneden' bestaat niet"),
    ("formula", _edit("Besturen", 2, "Verdeling", "=100-74"), "werkblad Besturen, rij 2, kolom Verdeling: een formule"),
    ("empty name", _edit("Besturen", 3, "Naam", "   "), "werkblad Besturen, rij 3, kolom Naam"),
    ("no providers", lambda sheets: sheets.update(Dienstverleners=sheets["Dienstverleners"][:1]),
     "werkblad Dienstverleners, rij 2: er staat geen dienstverlener in"),
    # The rules the database holds a text to (models.text_rules, models.limits) are named at their cell too.
    ("pupil number in a name", _edit("Besturen", 3, "Naam", "KPO 111222333"),
     "werkblad Besturen, rij 3, kolom Naam: Naam van schoolbestuur bevat iets dat op een BSN lijkt"),
    ("reading direction in a name", _edit("Dienstverleners", 2, "Naam", "Kameleon \u202eteb"),
     "werkblad Dienstverleners, rij 2, kolom Naam: Naam van dienstverlener bevat een onzichtbaar teken"),
    ("cluster too long", _edit("Dienstverleners", 3, "Cluster", "x" * 1300),
     "werkblad Dienstverleners, rij 3, kolom Cluster: Cluster is te lang: 1.300 tekens, hoogstens 50"),
]


@pytest.mark.parametrize(("change", "where"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_workbook_is_refused_as_a_whole(reference_db: Database, tmp_path: Path,
                                                    change: Callable[[Sheets], None], where: str) -> None:
    # On a database that already holds the year (still empty, so it could be replaced): nothing changes.
    path = setup_workbook(tmp_path / "opzet.xlsx", change)
    error = refused(reference_db, lambda s: year_import.import_year(s, path), InvalidInput)
    assert where in error.message
    assert "er is niets ingelezen" in error.message


def test_malformed_workbook_on_an_empty_database(empty_db: Database, tmp_path: Path) -> None:
    path = setup_workbook(tmp_path / "opzet.xlsx", _edit("Dienstverleners", 2, "Reserve", 807))
    refused(empty_db, lambda s: year_import.import_year(s, path), InvalidInput)
    assert read(empty_db, lambda s: reporting.lookup.year_labels(s)) == []


def test_several_problems_are_named_at_once(empty_db: Database, tmp_path: Path) -> None:
    def change(sheets: Sheets) -> None:
        _set(sheets["Dienstverleners"], 2, "Contracturen", "x")
        _set(sheets["Dienstverleners"], 3, "Reserve", "y")
        _set(sheets["Besturen"], 2, "Verdeling", "z")

    path = setup_workbook(tmp_path / "opzet.xlsx", change)
    error = refused(empty_db, lambda s: year_import.import_year(s, path), InvalidInput)
    assert "rij 2, kolom Contracturen" in error.message
    assert "rij 3, kolom Reserve" in error.message
    assert "rij 2, kolom Verdeling" in error.message


@pytest.mark.parametrize(("name", "content", "words"), [
    ("opzet.xlsx", None, "bestaat niet"),
    ("opzet.csv", b"Naam;Reserve\n", "geen Excel-werkmap"),
    ("opzet.xlsx", b"dit is geen zip", "geen geldige Excel-werkmap"),
])
def test_not_a_workbook(empty_db: Database, tmp_path: Path, name: str, content: bytes | None, words: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    error = refused(empty_db, lambda s: year_import.import_year(s, path), InvalidInput)
    assert words in error.message


def test_sheet_names_match_loosely(empty_db: Database, tmp_path: Path) -> None:
    from tests.services.helpers import reference_sheets

    sheets = {f" {name.lower()} ": rows for name, rows in reference_sheets().items()}
    assert _import(empty_db, write_workbook(tmp_path / "opzet.xlsx", sheets)) == YEAR


def test_percentage_formatted_cells_read_as_shown(empty_db: Database, tmp_path: Path) -> None:
    """Excel stores 29,4 % as 0,294; a cell formatted as a percentage means what it shows."""
    import openpyxl

    plain = setup_workbook(tmp_path / "plain.xlsx")
    workbook = openpyxl.load_workbook(plain)
    ws = workbook["Besturen"]
    header = [cell.value for cell in ws[1]]
    for name in ("Percentage leerlingen", "Verdeling", "Minimum"):
        column = header.index(name) + 1
        for row in range(2, ws.max_row + 1):
            cell = ws.cell(row, column)
            if isinstance(cell.value, (int, float)):
                cell.value = cell.value / 100
                cell.number_format = "0.00%"
    workbook.save(tmp_path / "procent.xlsx")
    assert _import(empty_db, tmp_path / "procent.xlsx") == YEAR
    alloc = _allocation(empty_db)
    assert [(c.board, c.provider, c.yearly_hours) for c in alloc.cells] == [
        (r["bestuur"], r["dienstverlener"], int(r["jaaruren"])) for r in published()]
    assert [b.minimum for b in alloc.boards] == [None, None, None, None, 700, 500]


def test_a_percentage_format_elsewhere_changes_nothing(empty_db: Database, tmp_path: Path) -> None:
    """Only the percentage columns read a percent format; contract hours stay what they hold."""
    import openpyxl

    workbook = openpyxl.load_workbook(setup_workbook(tmp_path / "plain.xlsx"))
    workbook["Dienstverleners"]["C2"].number_format = "0%"
    workbook.save(tmp_path / "uren.xlsx")
    assert _import(empty_db, tmp_path / "uren.xlsx") == YEAR
    assert [p.contract_hours for p in _allocation(empty_db).providers][:1] == [806]
