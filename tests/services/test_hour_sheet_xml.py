"""Reading an hour sheet's XML as other programs than Excel write it: rows and cells without their `r`
numbers, rows and cells out of order, shared and inline strings, and the row limit (a parameter of
read_sheet, so a small sheet shows it). Each file is a workbook openpyxl wrote, with its Uren sheet's XML
rewritten by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from models.domain.errors import Refusal
from models.services import hour_sheets
from tests.services.hour_sheet_support import PROVIDER, YEAR, row, write_rows

KPO = "2016-001"
OBO = "2016-002"
WHAT = "De urenlijst is geweigerd, er is niets ingelezen: "


def _refusal(path: Path, max_rows: int = 20_000) -> str:
    with pytest.raises(Refusal) as refused:
        hour_sheets.read_sheet(path, max_rows)
    message = refused.value.message
    assert message.startswith(WHAT), message
    return message.removeprefix(WHAT)


def _read(path: Path, max_rows: int = 20_000) -> list[tuple[int, str, str, int | None]]:
    data = hour_sheets.read_sheet(path, max_rows)
    assert (data.provider, data.year) == (PROVIDER, YEAR)
    return [(r.row, r.agreement, str(r.month), r.minutes) for r in data.rows]


def test_the_row_limit_counts_data_rows_on_the_xml(tmp_path: Path) -> None:
    three = [row(KPO, "2016-10", None), row(KPO, "2016-11", 1), row(OBO, "2016-10", None)]
    assert _read(write_rows(tmp_path / "drie.xlsx", three), max_rows=3) == [
        (2, KPO, "2016-10", 0), (3, KPO, "2016-11", 60), (4, OBO, "2016-10", 0)]
    four = write_rows(tmp_path / "vier.xlsx", three + [row(OBO, "2016-11", 2)])
    assert _refusal(four, max_rows=3) == ("werkblad Uren, rij 5: te veel rijen (meer dan 3); een urenlijst hoort "
                                          "klein te zijn.")
    assert _read(four, max_rows=4)[-1] == (5, OBO, "2016-11", 120)
    limit = write_rows(tmp_path / "duizend.xlsx", [row(KPO, "2016-10", None)] * 1001)
    assert _refusal(limit, max_rows=1000) == ("werkblad Uren, rij 1002: te veel rijen (meer dan 1.000); een "
                                              "urenlijst hoort klein te zijn.")


# ---------------------------------------------------------------- the Uren sheet written by hand

HEADER = ["Overeenkomst", "Bestuur", "School", "Soort", "Omschrijving", "Maand", "Uren", "Opmerking"]


def _cell(value: object, r: str | None = None, *, first: str = "") -> str:
    """A cell as other programs write it: an inline string or a number, `r` where given (after the
    attributes in `first`, so that r is not always the first attribute)."""
    at = f' r="{r}"' if r else ""
    if isinstance(value, str):
        return f'<c{first}{at} t="inlineStr"><is><t>{value}</t></is></c>'
    return f"<c{first}{at}><v>{value}</v></c>"


def _row(cells: list[str], r: int | None = None) -> str:
    return (f'<row r="{r}">' if r else "<row>") + "".join(cells) + "</row>"


def _plain_row(values: list[object]) -> str:
    """A row without numbers on the row or its cells (the reader counts them)."""
    return _row([_cell(v) for v in values])


def _sheet(path: Path, rows: list[str]) -> Path:
    """A workbook whose Uren sheet holds exactly these rows (its Gegevens sheet as the app writes it)."""
    import re
    import zipfile

    base = write_rows(path.with_suffix(".base.xlsx"), [row(KPO, "2016-10", 1)])
    with zipfile.ZipFile(base) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb"<sheetData>.*</sheetData>|<sheetData/>", lambda _: (
        "<sheetData>" + "".join(rows) + "</sheetData>").encode(), parts[sheet], flags=re.S)
    parts[sheet] = re.sub(rb"<dimension [^>]*/>", b"", parts[sheet])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _data(agreement: str, month: str, hours: object) -> list[object]:
    return [agreement, "", "", "", "", month, hours]


def test_rows_and_cells_without_numbers_are_counted(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "zonder-r.xlsx", [
        _plain_row(HEADER), _plain_row(_data(KPO, "2016-10", 1)), _plain_row(_data(OBO, "2016-10", 2.5)),
        _row([_cell(KPO, "A5"), _cell("2016-11", "F5"), _cell(0.5, "G5")], 5),  # row 4 left out
        _plain_row(_data(OBO, "2016-11", "x")),  # row 6
        _row([_cell(KPO), _cell("KPO"), _cell("De Regenboog", "C7"), _cell("2016-12", "F7"), _cell(1, "G7")], 7)])
    data = hour_sheets.read_sheet(path)
    assert [(r.row, r.agreement, r.board, str(r.month), r.minutes) for r in data.rows] == [
        (2, KPO, "", "2016-10", 60), (3, OBO, "", "2016-10", 150), (5, KPO, "", "2016-11", 30),
        (6, OBO, "", "2016-11", None), (7, KPO, "KPO", "2016-12", 60)]
    assert [(p.column, p.message) for p in data.rows[3].problems] == [
        ("Uren", "'x' is geen getal; schrijf bijvoorbeeld 12,5 (zonder duizendtalscheiding)")]


def test_rows_without_numbers_count_for_the_row_limit(tmp_path: Path) -> None:
    rows = [_plain_row(HEADER)] + [_plain_row(_data(KPO, "2016-10", 1))] * 3
    assert len(hour_sheets.read_sheet(_sheet(tmp_path / "drie.xlsx", rows), 3).rows) == 3
    assert _refusal(_sheet(tmp_path / "vier.xlsx", [*rows, _plain_row(_data(KPO, "2016-10", 1))]), 3) == (
        "werkblad Uren, rij 5: te veel rijen (meer dan 3); een urenlijst hoort klein te zijn.")


@pytest.mark.parametrize(("rows", "problem"), [
    # a row without a number after row 3 is row 4: a row numbered 4 after it comes twice
    ([_row([_cell(v) for v in HEADER], 1), _plain_row(_data(KPO, "2016-10", 1)), _row([_cell(KPO, "A3")], 3),
      _plain_row(_data(KPO, "2016-10", 1)), _row([_cell(KPO, "A4")], 4)],
     "werkblad Uren, rij 4: de rijen staan niet op volgorde"),
    ([_row([_cell(v) for v in HEADER], 1), _row([_cell(KPO, "A3")], 3), _row([_cell(KPO, "A3")], 3)],
     "werkblad Uren, rij 3: de rijen staan niet op volgorde"),
    ([_row([_cell(v) for v in HEADER], 1), _row([_cell(KPO, "A3")], 3), _row([_cell(KPO, "A2")], 2)],
     "werkblad Uren, rij 2: de rijen staan niet op volgorde"),
    # a cell that names another row than its own
    ([_plain_row(HEADER), _row([_cell(KPO, "A2"), _cell("2016-10", "F3"), _cell(1, "G3")], 2)],
     "werkblad Uren, rij 2: de cellen van deze rij staan niet op volgorde"),
    # cells without numbers take the next column: B, C; then B again
    ([_plain_row(HEADER), _row([_cell(KPO), _cell("KPO"), _cell("x", "B2")], 2)],
     "werkblad Uren, rij 2: de cellen van deze rij staan niet op volgorde"),
    ([_plain_row(HEADER), _row([_cell(KPO), _cell("KPO"), _cell("x"), _cell("y", "C2")], 2)],
     "werkblad Uren, rij 2: de cellen van deze rij staan niet op volgorde"),
    # r after other attributes: still read
    ([_plain_row(HEADER), _row([_cell(KPO, "A2"), _cell(1, "G2", first=' s="0"'),
                                _cell("2016-10", "F2", first=' s="0"')], 2)],
     "werkblad Uren, rij 2: de cellen van deze rij staan niet op volgorde"),
    # columns past Z: A, AA, then B
    ([_plain_row(HEADER), _row([_cell(KPO, "A2"), _cell("x", "AA2"), _cell("KPO", "B2")], 2)],
     "werkblad Uren, rij 2: de cellen van deze rij staan niet op volgorde"),
    ([_plain_row(HEADER), _row([_cell(KPO, "A2"), _cell("x", "BA2"), _cell("y", "AZ2")], 2)],
     "werkblad Uren, rij 2: de cellen van deze rij staan niet op volgorde"),
])
def test_rows_and_cells_out_of_order_are_refused(tmp_path: Path, rows: list[str], problem: str) -> None:
    message = _refusal(_sheet(tmp_path / "door-elkaar.xlsx", rows))
    assert message.startswith(problem + "; open het bestand in Excel en sla het opnieuw op"), message


def test_cells_in_order_across_many_columns_are_read(tmp_path: Path) -> None:
    """The usual coordinates quickly, any other form (lower case) as openpyxl reads it."""
    wide = ["A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "AAB", "ABA"]
    header = [_cell(title, f"{column}1") for title, column in zip(HEADER, "ABCDEFGH")]
    path = _sheet(tmp_path / "breed.xlsx", [
        _row(header + [_cell(f"extra {c}", f"{c}1") for c in ["Z", "AA", "ZZ", "AAA"]], 1),
        _row([_cell(KPO, "A2"), _cell("KPO", "B2"), _cell("2016-10", "F2"), _cell(1.5, "G2")]
             + [_cell(f"x{c}", f"{c}2") for c in wide[3:]], 2),
        _row([_cell(OBO, "a3"), _cell("2016-11", "f3"), _cell(2, "g3"), _cell("noot", "h3")], 3)])
    data = hour_sheets.read_sheet(path)
    assert [(r.row, r.agreement, r.board, str(r.month), r.minutes, r.note) for r in data.rows] == [
        (2, KPO, "KPO", "2016-10", 90, ""), (3, OBO, "", "2016-11", 120, "noot")]


def test_the_gegevens_sheet_is_read_whatever_size_it_claims(tmp_path: Path) -> None:
    """Its dimension says one row (A1:B1): the year on row 2 is read all the same."""
    import re
    import zipfile

    path = write_rows(tmp_path / "lijst.xlsx", [row(KPO, "2016-10", 1)])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    info = "xl/worksheets/sheet2.xml"
    assert b"Schooljaar" in parts[info] or b"Schooljaar" in parts.get("xl/sharedStrings.xml", b"")
    parts[info] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B1"', parts[info])
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    data = hour_sheets.read_sheet(path)
    assert (data.provider, data.year, data.provider_row, data.year_row) == (PROVIDER, YEAR, 1, 2)


def test_attributes_of_other_programs_are_passed_over(tmp_path: Path) -> None:
    """Only the attribute named r numbers a row or cell, also after one whose value is 'r'."""
    path = _sheet(tmp_path / "spans.xlsx", [
        _plain_row(HEADER),
        '<row spans="r" r="2">' + "".join([_cell(KPO, "A2"), _cell("2016-10", "F2"), _cell(1, "G2")]) + "</row>",
        '<row spans="r" r="4">' + "".join([_cell(OBO, "A4"), _cell("2016-10", "F4"), _cell(2, "G4")]) + "</row>"])
    assert [(r.row, r.agreement, r.minutes) for r in hour_sheets.read_sheet(path).rows] == [(2, KPO, 60), (4, OBO, 120)]


def test_a_row_refused_for_its_number_shows_it_as_typed(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lijst.xlsx", [row(" 16-1 ", "2016-10", 1), row(None, "2016-10", 1),
                                                row(f" {KPO} ", "2016-10", 1)])
    rows = hour_sheets.read_sheet(path).rows
    assert [(r.agreement, [p.column for p in r.problems]) for r in rows] == [
        ("16-1", ["Overeenkomst"]), ("", ["Overeenkomst"]), (KPO, [])]


@pytest.mark.parametrize("title", ["Uren", "Gegevens"])
def test_a_workbook_without_one_of_its_sheets_is_refused(tmp_path: Path, title: str) -> None:
    def without(wb: object) -> None:
        del wb[title]  # type: ignore[attr-defined]

    path = write_rows(tmp_path / "lijst.xlsx", [row(KPO, "2016-10", 1)], change=without)
    assert _refusal(path) == f"werkblad {title}: dit werkblad ontbreekt."
