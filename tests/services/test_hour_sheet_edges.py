"""Hour sheets at their edges: a sheet for the month that is running, the words of the summary for one row, and
which providers' sheets brought hours for a month."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from models.db import Database
from models.domain import hour_sheet as layout
from models.domain.errors import NotFound, Refusal
from models.domain.months import Month
from models.services import hour_sheets, hours
from tests.conftest import TODAY
from tests.services.hour_sheet_support import (  # noqa: F401 - fixtures
    preview_and_one_by_one,
    D, PROVIDER, YEAR, Base, row, sheet_base, sheet_db, sheet_path, write_rows,
)
from tests.services.helpers import act, read


def test_a_sheet_for_the_month_that_is_running(sheet_db: Database, sheet_base: Base) -> None:
    data = read(sheet_db, lambda s: hour_sheets.template_rows(s, YEAR, PROVIDER, D(2016, 11, 1), Month(2016, 11)))
    assert [(r.agreement, str(r.month)) for r in data.rows] == [(sheet_base.kpo, "2016-11"), (sheet_base.obo, "2016-11")]


@pytest.mark.parametrize(("hours_per_row", "summary"), [
    ([2, None], "1 rij, samen 2 uur; 1 lege rij overgeslagen."),
    ([2, 0.5, None, 0], "2 rijen, samen 2,5 uur; 2 lege rijen overgeslagen."),
    ([1.25], "1 rij, samen 1,25 uur."),
])
def test_the_summary_counts_rows_in_words(sheet_db: Database, sheet_base: Base, tmp_path: Path,
                                          hours_per_row: list[float | None], summary: str) -> None:
    path = write_rows(tmp_path / "Kameleon.xlsx", [row(sheet_base.kpo, "2016-10", h) for h in hours_per_row])
    result = act(sheet_db, lambda s: hour_sheets.import_sheet(s, path, TODAY))
    assert result.summary == f"Urenlijst Kameleon.xlsx van Kameleon (2016-2017) ingelezen: {summary}"


def test_the_providers_whose_sheet_brought_hours_for_a_month(sheet_db: Database, sheet_base: Base,
                                                             tmp_path: Path) -> None:
    def read_in(month: Month) -> list[str]:
        return read(sheet_db, lambda s: hour_sheets.sheets_read_in(s, YEAR, month))

    act(sheet_db, lambda s: hours.register(s, hours.HoursInput(sheet_base.kpo, Month(2016, 10), 60), TODAY))
    assert read_in(Month(2016, 10)) == []  # typed in, not read from a sheet
    myty = write_rows(tmp_path / "m.xlsx", [row(sheet_base.other_provider, "2016-10", 1)], provider="Mytyschool")
    act(sheet_db, lambda s: hour_sheets.import_sheet(s, myty, TODAY))
    kameleon = write_rows(tmp_path / "k.xlsx", [row(sheet_base.kpo, "2016-10", 1), row(sheet_base.obo, "2016-10", 1),
                                                row(sheet_base.kpo, "2016-11", 1)])
    act(sheet_db, lambda s: hour_sheets.import_sheet(s, kameleon, TODAY))
    assert read_in(Month(2016, 10)) == ["Kameleon", "Mytyschool"]  # by name, each once however many rows
    assert read_in(Month(2016, 11)) == ["Kameleon"]
    assert read_in(Month(2016, 9)) == []
    with pytest.raises(NotFound):
        read(sheet_db, lambda s: hour_sheets.sheets_read_in(s, "2030-2031", Month(2030, 10)))


def test_a_row_over_budget_says_what_the_reserve_would_have_to_give(sheet_db: Database, sheet_base: Base,
                                                                    tmp_path: Path) -> None:
    """The shortfall of a row refused for lack of budget counts the rows above it; other refusals have none."""
    path = write_rows(tmp_path / "lijst.xlsx", [row(sheet_base.kpo, "2016-09", 10), row(sheet_base.kpo, "2016-09", 9),
                                                row(sheet_base.obo, "2016-09", 1), row(sheet_base.obo, "2016-10", 31)])
    rows = read(sheet_db, lambda s: hour_sheets.preview(s, path, TODAY)).rows
    assert [r.problems for r in rows[:1]] == [()]
    [over_budget], [outside], [over_agreed] = (r.problems for r in rows[1:])
    assert over_budget.column == "Uren" and over_budget.shortfall == hour_sheets.Shortfall(
        "KPO", PROVIDER, Month(2016, 9), 60)  # 18 h budget, 10 h above: 9 asked, 8 left
    assert (outside.column, outside.shortfall) == ("Maand", None)
    assert (over_agreed.column, over_agreed.shortfall) == ("Uren", None)


def test_hours_read_in_before_are_warned_of_once_per_agreement_and_month(sheet_db: Database, sheet_base: Base,
                                                                         tmp_path: Path) -> None:
    first = write_rows(tmp_path / "eerste.xlsx", [row(sheet_base.kpo, "2016-10", 1.5), row(sheet_base.kpo, "2016-10", 1),
                                                  row(sheet_base.obo, "2016-10", 2), row(sheet_base.obo, "2016-11", 3)])
    act(sheet_db, lambda s: hour_sheets.import_sheet(s, first, TODAY))
    act(sheet_db, lambda s: hours.register(s, hours.HoursInput(sheet_base.kpo, Month(2016, 9), 60), TODAY))
    again = write_rows(tmp_path / "tweede.xlsx", [
        row(sheet_base.kpo, "2016-09", 1),  # typed in before, not read in: no warning
        row(sheet_base.kpo, "2016-10", 0),  # skipped
        row(sheet_base.obo, "2016-11", 1), row(sheet_base.kpo, "2016-10", 1), row(sheet_base.obo, "2016-11", 1),
        row(sheet_base.obo, "2016-10", 1), row("2099-001", "2016-10", 1)])
    preview = read(sheet_db, lambda s: hour_sheets.preview(s, again, TODAY))
    assert preview.earlier_imports == ((4, 180), (5, 150), (7, 120))
    assert preview.warnings == ["voor de overeenkomst en maand van rij 4 en op 2 andere rijen zijn al eerder uren "
                                "ingelezen (3 uur); controleer dat deze lijst niet twee keer wordt ingelezen"]
    single = write_rows(tmp_path / "derde.xlsx", [row(sheet_base.obo, "2016-11", 1)])
    assert read(sheet_db, lambda s: hour_sheets.preview(s, single, TODAY)).warnings == [
        "voor de overeenkomst en maand van rij 2 zijn al eerder uren ingelezen (3 uur); controleer dat deze lijst "
        "niet twee keer wordt ingelezen"]


def _info(*rows: tuple[object, ...]) -> Callable[[Any], None]:
    """Make the Gegevens sheet hold exactly these rows (key in column A, value in column B)."""
    def change(wb: Any) -> None:
        del wb[layout.INFO_SHEET]
        info = wb.create_sheet(layout.INFO_SHEET)
        for values in rows:
            info.append(list(values))
    return change


FILLER = [("Toelichting", f"regel {i}") for i in range(1, 98)]  # 97 rows before the keys


@pytest.mark.parametrize(("info", "problems"), [
    ([("  dienstverlener ", " Kameleon "), ("SCHOOL  JAAR", "x"), (" schooljaar", "2016-2017")], None),
    ([("Dienstverlener", "Kameleon"), ("Schooljaar", "2016-2017"), ("Dienstverlener", "Nergens"),
      ("schooljaar", "2030-2031")], None),  # the first of each key counts
    ([*FILLER, (42, "Kameleon"), ("Dienstverlener", "Kameleon"), ("Schooljaar", "2016-2017")], None),  # rows 98-100
    ([("Dienstverlener", "Kameleon", "zoals in het contract"), ("Schooljaar", "2016-2017", None, "toelichting")],
     None),  # columns after B are a provider's own
    ([*FILLER, ("Schooljaar", "2016-2017"), ("Opmerking", "x"), ("Opmerking", "y"), ("Dienstverlener", "Kameleon")],
     "werkblad Gegevens, kolom A: de regel 'Dienstverlener' ontbreekt"),  # row 101 is not read
    ([("Schooljaar", "2016-2017")], "werkblad Gegevens, kolom A: de regel 'Dienstverlener' ontbreekt"),
    ([], "werkblad Gegevens, kolom A: de regel 'Dienstverlener' ontbreekt; werkblad Gegevens, kolom A: de regel "
         "'Schooljaar' ontbreekt"),
    ([("Dienstverlener", "  "), ("Schooljaar", None)],
     "werkblad Gegevens, rij 1, kolom B: deze waarde ontbreekt; werkblad Gegevens, rij 2, kolom B: deze waarde "
     "ontbreekt"),
    ([("Dienstverlener", "=B2"), ("Schooljaar", "2016-2017")],
     "werkblad Gegevens, rij 1, kolom B: een formule is niet toegestaan; typ de waarde zelf"),
    ([("x", 1), ("Schooljaar", "2016-2017"), ("y", 2), ("Dienstverlener", "Nergens")],
     "werkblad Gegevens, rij 4, kolom B: Dienstverlener 'Nergens' bestaat niet"),
    ([("Dienstverlener", "Kameleon"), ("x", 1), ("Schooljaar", "2030-2031")],
     "werkblad Gegevens, rij 3, kolom B: Schooljaar 2030-2031 bestaat niet"),
])
def test_the_gegevens_sheet_is_read_by_its_keys(sheet_db: Database, sheet_base: Base, tmp_path: Path,
                                                info: list[tuple[object, ...]], problems: str | None) -> None:
    path = write_rows(tmp_path / "lijst.xlsx", [row(sheet_base.kpo, "2016-10", 1)], change=_info(*info))
    if problems is None:
        preview = read(sheet_db, lambda s: hour_sheets.preview(s, path, TODAY))
        assert (preview.provider, preview.year, preview.ok) == (PROVIDER, YEAR, True)
        return
    with pytest.raises(Refusal) as refused:
        read(sheet_db, lambda s: hour_sheets.preview(s, path, TODAY))
    assert refused.value.message == f"De urenlijst is geweigerd, er is niets ingelezen: {problems}."


def test_a_skipped_row_is_shown_as_it_was_read(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    import datetime as dt

    path = write_rows(tmp_path / "lijst.xlsx", [
        row(sheet_base.kpo, dt.datetime(2016, 10, 1), None, board="  KPO  Noord "),
        row(None, "2016-13", 0),
        row(dt.date(2016, 11, 5), "2016-11", "  "),
        row(sheet_base.kpo, "2016-10", 1, note="x" * 500),  # the longest note
    ])
    preview = read(sheet_db, lambda s: hour_sheets.preview(s, path, TODAY))
    assert [(r.agreement, r.board, r.month, r.minutes, r.note, r.skipped) for r in preview.rows] == [
        (sheet_base.kpo, "KPO Noord", Month(2016, 10), 0, "", True),
        ("", "", None, 0, "", True),
        ("2016-11", "", Month(2016, 11), 0, "", True),
        (sheet_base.kpo, "", Month(2016, 10), 60, "x" * 500, False)]
    assert preview.ok and preview.skipped == 3 and preview.minutes == 60


@pytest.mark.parametrize(("month", "message", "field"), [
    (None, "Driespan heeft in 2016-2017 geen bevestigde overeenkomsten met een open maand tot en met deze maand; er "
           "is geen urenlijst te maken.", "provider"),
    (Month(2016, 11), "Driespan heeft in november 2016 geen bevestigde overeenkomsten waarop uren te boeken zijn; er "
                      "is geen urenlijst te maken.", "month"),
])
def test_no_template_without_agreements_to_book_on(sheet_db: Database, month: Month | None, message: str,
                                                   field: str) -> None:
    with pytest.raises(Refusal) as refused:
        read(sheet_db, lambda s: hour_sheets.template_rows(s, YEAR, "Driespan", D(2016, 12, 20), month))
    assert (refused.value.message, refused.value.field) == (message, field)


@pytest.mark.parametrize(("column", "cells"), [
    ("Overeenkomst", {"agreement": "=A3"}), ("Bestuur", {"board": "=B3"}), ("Maand", {"month": "=F3"}),
    ("Uren", {"hours": "=2+2"}), ("Opmerking", {"note": "=H3"}),
])
def test_a_formula_is_refused_in_every_column_that_is_read(sheet_db: Database, sheet_base: Base, tmp_path: Path,
                                                          column: str, cells: dict[str, str]) -> None:
    values: dict[str, Any] = {"agreement": sheet_base.kpo, "month": "2016-10", "hours": 1, "board": "KPO",
                              "note": "", **cells}
    path = write_rows(tmp_path / "lijst.xlsx", [row(values["agreement"], values["month"], values["hours"],
                                                    board=values["board"], note=values["note"])])
    assert read(sheet_db, lambda s: hour_sheets.preview(s, path, TODAY)).problems == [
        f"werkblad Uren, rij 2, kolom {column}: een formule is niet toegestaan; typ de waarde zelf"]


def test_a_sheet_read_before_is_judged_as_registering_its_rows_one_by_one(sheet_db: Database,
                                                                          sheet_base: Base) -> None:
    """An example of the property test of test_hour_sheets (marked slow): a sheet already read, previewed
    row by row, refuses exactly what registering the rows one by one would refuse, with the same words."""
    rows = [("kpo", "2016-09", 900), ("kpo", "2016-09", 480), ("obo", "2016-10", 1200), ("klein", "2016-12", 180),
            ("klein", "2016-12", 90), ("unconfirmed", "2016-10", 60), ("withdrawn", "2016-09", 15),
            ("2099-001", "2016-09", 15), ("kpo", "2016-08", 60), ("obo", "2016-10", 600), ("kpo", "2016-10", 60),
            ("obo", "2017-04", 15), ("kpo", "2016-09", 180), ("klein", "2016-09", 60)]
    got, expected = preview_and_one_by_one(sheet_db, sheet_base, rows, TODAY, close_october=True)
    assert [g is None for g in got] == [e is None for e in expected] == [
        True, False, False, True, False, False, False, False, False, False, False, False, True, True]  # 15 + 3 = 18
    for g, e in zip(got, expected):
        assert g is None or e is None or g.startswith(e), (g, e)
    assert got[1] == ("Nog 3 uur over in september 2016: budget 18, gebruikt 15, gevraagd 8. Vraag zo nodig "
                      "reserve aan (gebruikt telt 15 uur van rijen hierboven mee)")
    assert got[4] == ("Overeenkomst 2016-006 heeft 4 uur afgesproken, al gebruikt 3, nog 1 over; 1,5 past niet "
                      "(gebruikt telt 3 uur van rijen hierboven mee)")


def test_only_rows_that_would_be_imported_are_warned_of(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    """A row with a problem of its own is not imported, so hours read in before on its month are not warned of."""
    first = write_rows(tmp_path / "eerste.xlsx", [row(sheet_base.kpo, "2016-10", 1)])
    act(sheet_db, lambda s: hour_sheets.import_sheet(s, first, TODAY))
    again = write_rows(tmp_path / "tweede.xlsx", [row(sheet_base.kpo, "2016-10", 1, note="x" * 501),
                                                  row(sheet_base.obo, "2016-10", 1)])
    preview = read(sheet_db, lambda s: hour_sheets.preview(s, again, TODAY))
    assert [r.ok for r in preview.rows] == [False, True]
    assert (preview.earlier_imports, preview.warnings) == ((), [])
    fixed = write_rows(tmp_path / "derde.xlsx", [row(sheet_base.kpo, "2016-10", 1, note="x" * 500),
                                                 row(sheet_base.obo, "2016-10", 1)])
    assert read(sheet_db, lambda s: hour_sheets.preview(s, fixed, TODAY)).earlier_imports == ((2, 60),)
