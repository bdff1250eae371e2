"""Provider hour sheets: the template, filling it in, preview and import (all rows or none), and hostile files."""
from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.hour_sheet_xlsx import write_hour_sheet
from models.db import Database
from models.domain import hour_sheet as layout
from models.domain.errors import Conflict, InvalidInput, NotFound, Refusal
from models.domain.months import Month, month_range
from models.services import hour_sheets, hours, reporting, reserve
from tests.conftest import TODAY, table_dump
from tests.fixtures.hostile import corpus
from tests.services.hour_sheet_support import (  # noqa: F401 - fixtures
    preview_and_one_by_one,
    D, PROVIDER, PUPIL, YEAR, Base, close_month, column, fill, hostile, row, sheet_base, sheet_db, sheet_path,
    sheet_rows, write_rows,
)
from tests.services.helpers import act, read

KPO_SEPTEMBER = 18 * 60  # 191 yearly hours over 11 months: 18 in september to december, then 17


def _template(db: Database, path: Path, today: dt.date = TODAY, provider: str = PROVIDER) -> Path:
    data = read(db, lambda s: hour_sheets.template_rows(s, YEAR, provider, today))
    return write_hour_sheet(data, path)


def _import(db: Database, path: Path, today: dt.date = TODAY) -> hour_sheets.ImportResult:
    return act(db, lambda s: hour_sheets.import_sheet(s, path, today))


def _preview(db: Database, source: Path | hour_sheets.HourSheet, today: dt.date = TODAY) -> hour_sheets.Preview:
    return read(db, lambda s: hour_sheets.preview(s, source, today))


def _refused(db: Database, path: Path, today: dt.date = TODAY) -> str:
    """Refused as a whole: one Dutch line, and the database exactly as it was."""
    assert db.path is not None
    before = table_dump(db.path)
    with pytest.raises(Refusal) as caught:
        _import(db, path, today)
    assert table_dump(db.path) == before
    message = caught.value.message
    assert message and "\n" not in message and "Traceback" not in message
    return message


def _used(db: Database, board: str, month: str) -> int:
    rows = read(db, lambda s: reporting.budget_rows(s, YEAR, TODAY, board=board, provider=PROVIDER))
    return next(r.used for r in rows if str(r.month) == month)


# ---------------------------------------------------------------- the template

def test_template_rows_are_the_confirmed_agreements_and_their_bookable_months(sheet_db: Database,
                                                                             sheet_base: Base) -> None:
    close_month(sheet_db, "2016-10")
    data = read(sheet_db, lambda s: hour_sheets.template_rows(s, YEAR, " kameleon ", D(2016, 12, 20)))
    assert (data.year, data.provider, data.made_on) == (YEAR, PROVIDER, D(2016, 12, 20))
    got = [(r.agreement, str(r.month)) for r in data.rows]
    # KPO from september (confirmed 2-9), OBO from october (confirmed 10-10); october is closed; nothing after
    # december (not begun); not the unconfirmed, the withdrawn or Mytyschool's agreement.
    assert got == [(sheet_base.kpo, m) for m in ("2016-09", "2016-11", "2016-12")] + [
        (sheet_base.obo, m) for m in ("2016-11", "2016-12")]
    first = data.rows[0]
    assert (first.board, first.school, first.kind, first.description) == (
        "KPO", "Basisschool De Regenboog", "Arrangement (leerling)", "Begeleiding leerling groep 5")
    assert data.rows[-1].kind == "Coaching leerkracht"


def test_template_refused_when_nothing_can_take_hours(sheet_db: Database) -> None:
    with pytest.raises(Conflict, match="Driespan heeft in 2016-2017 geen bevestigde overeenkomsten"):
        read(sheet_db, lambda s: hour_sheets.template_rows(s, YEAR, "Driespan", TODAY))
    with pytest.raises(NotFound, match="Dienstverlener 'Nergens' bestaat niet"):
        read(sheet_db, lambda s: hour_sheets.template_rows(s, YEAR, "Nergens", TODAY))
    with pytest.raises(NotFound, match="Schooljaar 2030-2031 bestaat niet"):
        read(sheet_db, lambda s: hour_sheets.template_rows(s, "2030-2031", PROVIDER, TODAY))


def test_template_workbook(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    (tmp_path / "uit").mkdir()
    path = _template(sheet_db, tmp_path / "uit" / "Kameleon.xlsx")
    assert [p.name for p in path.parent.iterdir()] == ["Kameleon.xlsx"]  # no temporary file left behind
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [layout.HOURS_SHEET, layout.INFO_SHEET]
    assert wb.active.title == layout.HOURS_SHEET
    assert all(ws.sheet_state == "visible" for ws in wb.worksheets)
    ws = wb[layout.HOURS_SHEET]
    rows = sheet_rows(path)
    assert rows[0] == list(layout.TEMPLATE_COLUMNS)
    assert len(rows) == 1 + 11 + 6
    # what is left: 40 hours on the agreement, 18 in KPO's september budget at Kameleon
    assert rows[1] == [sheet_base.kpo, "KPO", "Basisschool De Regenboog", "Arrangement (leerling)",
                       "Begeleiding leerling groep 5", "2016-09", 40, 18, None, None]
    assert [r[5] for r in rows[1:12]] == [str(m) for m in month_range(Month(2016, 9), Month(2017, 7))]
    month_cell = ws.cell(2, column(layout.MONTH))
    assert month_cell.data_type == "s" and month_cell.value == "2016-09"  # text, not a date Excel made up
    assert ws.freeze_panes == "A2"
    assert all(ws.column_dimensions[c].width and ws.column_dimensions[c].width >= 9 for c in "ABCDEFGHIJ")
    rules = ws.data_validations.dataValidation
    assert len(rules) == 1
    rule = rules[0]
    assert (rule.type, rule.operator, rule.formula1, rule.allow_blank, rule.showErrorMessage) == (
        "decimal", "greaterThanOrEqual", "0", True, True)
    assert str(rule.sqref) == f"I2:I{layout.MAX_ROWS + 1}"
    info = wb[layout.INFO_SHEET]
    assert [info.cell(r, 1).value for r in (1, 2, 3)] == [layout.INFO_PROVIDER, layout.INFO_YEAR,
                                                          layout.INFO_MADE_ON]
    assert [info.cell(r, 2).value for r in (1, 2, 3)] == [PROVIDER, YEAR, "15-1-2025"]


def test_a_sheet_for_one_month_holds_its_rows_and_what_is_left(sheet_db: Database, sheet_base: Base) -> None:
    """What is left: agreed - booked on the agreement; budget + reserve - used of the board in the month."""
    act(sheet_db, lambda s: hours.register(s, hours.HoursInput(sheet_base.kpo, Month(2016, 11), 165), TODAY))
    act(sheet_db, lambda s: hours.register(s, hours.HoursInput(sheet_base.kpo, Month(2016, 9), 60), TODAY))
    act(sheet_db, lambda s: reserve.grant(s, reserve.GrantInput(YEAR, "KPO", PROVIDER, Month(2016, 11), 120,
                                                                "extra begeleiding"), TODAY))
    data = read(sheet_db, lambda s: hour_sheets.template_rows(s, YEAR, PROVIDER, D(2016, 12, 20), Month(2016, 11)))
    assert data.month == Month(2016, 11)
    assert [(r.agreement, str(r.month), r.agreement_left, r.month_left) for r in data.rows] == [
        (sheet_base.kpo, "2016-11", 40 * 60 - 225, 18 * 60 + 120 - 165),
        (sheet_base.obo, "2016-11", 30 * 60, read(sheet_db, lambda s: next(
            r.left for r in reporting.budget_rows(s, YEAR, TODAY, board="OBO", provider=PROVIDER)
            if r.month == Month(2016, 11))))]


@pytest.mark.parametrize(("month", "error", "message"), [
    (Month(2017, 8), InvalidInput, "augustus 2017 hoort niet bij schooljaar 2016-2017"),
    (Month(2017, 1), InvalidInput, "januari 2017 is nog niet begonnen"),
    (Month(2016, 10), Conflict, "oktober 2016 is afgesloten; heropen de maand eerst"),
])
def test_a_sheet_for_a_month_that_takes_no_hours_is_refused(sheet_db: Database, month: Month, error: type,
                                                             message: str) -> None:
    close_month(sheet_db, "2016-10")
    with pytest.raises(error, match=message) as caught:
        read(sheet_db, lambda s: hour_sheets.template_rows(s, YEAR, PROVIDER, D(2016, 12, 20), month))
    assert caught.value.field == "month"


def test_a_sheet_for_a_month_without_agreements_is_refused(sheet_db: Database) -> None:
    with pytest.raises(Conflict, match="Driespan heeft in november 2016 geen bevestigde overeenkomsten") as caught:
        read(sheet_db, lambda s: hour_sheets.template_rows(s, YEAR, "Driespan", D(2016, 12, 20), Month(2016, 11)))
    assert caught.value.field == "month"
    assert hour_sheets.sheet_title("Urenlijst Kameleon maart 2017.xlsx") == "Urenlijst Kameleon maart 2017.xlsx"
    assert hour_sheets.sheet_title("lijst.xlsx") == "Urenlijst lijst.xlsx"


def test_template_holds_no_pupil_reference(sheet_db: Database, tmp_path: Path) -> None:
    path = _template(sheet_db, tmp_path / "Kameleon.xlsx")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            assert PUPIL.encode() not in archive.read(name), name


def test_an_empty_template_imports_nothing(sheet_db: Database, tmp_path: Path) -> None:
    path = _template(sheet_db, tmp_path / "leeg.xlsx")
    preview = _preview(sheet_db, path)
    assert preview.ok and preview.skipped == 17 and not preview.to_import
    assert all(row.month is not None for row in preview.rows)  # a skipped row shows the month it was read with
    assert "er staan geen uren in" in _refused(sheet_db, path)


# ---------------------------------------------------------------- template, fill in, import

def test_fill_in_and_import(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    path = fill(_template(sheet_db, tmp_path / "Kameleon.xlsx"), {
        (sheet_base.kpo, "2016-09"): 1.5,
        (sheet_base.kpo, "2016-10"): "2,25",  # text with a decimal comma, as CLI.md allows
        (sheet_base.obo, "2016-10"): 3,
        (sheet_base.obo, "2016-11"): 0,  # 0: skipped
    }, notes={(sheet_base.kpo, "2016-09"): "  Observatie in de klas  "})
    preview = _preview(sheet_db, path)
    assert preview.ok and preview.problems == [] and preview.warnings == []
    assert [(r.row, r.minutes) for r in preview.to_import] == [(2, 90), (3, 135), (13, 180)]
    assert preview.minutes == 405 and preview.skipped == 14

    result = _import(sheet_db, path)
    assert (result.provider, result.year, result.entries, result.minutes, result.skipped) == (
        PROVIDER, YEAR, 3, 405, 14)
    assert result.months == (Month(2016, 9), Month(2016, 10))
    assert result.summary == ("Urenlijst Kameleon.xlsx van Kameleon (2016-2017) ingelezen: 3 rijen, samen 6,75 uur; "
                              "14 lege rijen overgeslagen.")
    assert _used(sheet_db, "KPO", "2016-09") == 90
    assert _used(sheet_db, "KPO", "2016-10") == 135
    assert _used(sheet_db, "OBO", "2016-10") == 180
    entries = read(sheet_db, lambda s: hours.entries(s, sheet_base.kpo))
    assert [(str(e.month), e.minutes, e.note, e.source) for e in entries] == [
        ("2016-09", 90, "Observatie in de klas", "import"), ("2016-10", 135, "", "import")]


def test_import_what_the_preview_showed(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    """The app previews, then imports the sheet it read: a file changed in between does not matter."""
    path = fill(_template(sheet_db, tmp_path / "Kameleon.xlsx"), {(sheet_base.kpo, "2016-09"): 2})
    preview = _preview(sheet_db, path)
    fill(path, {(sheet_base.kpo, "2016-09"): 99})
    result = act(sheet_db, lambda s: hour_sheets.import_sheet(s, preview.sheet, TODAY))
    assert result.minutes == 120 and _used(sheet_db, "KPO", "2016-09") == 120


def test_importing_twice_warns(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    path = fill(_template(sheet_db, tmp_path / "Kameleon.xlsx"), {(sheet_base.kpo, "2016-09"): 2,
                                                                  (sheet_base.obo, "2016-10"): 1})
    assert _import(sheet_db, path).warnings == ()
    again = _import(sheet_db, path)  # several entries in a month add up: allowed, but said
    assert again.warnings == ("voor de overeenkomst en maand van rij 2 en op 1 andere rij zijn al eerder uren "
                              "ingelezen (2 uur); controleer dat deze lijst niet twee keer wordt ingelezen",)
    assert _used(sheet_db, "KPO", "2016-09") == 240


def test_rows_the_provider_added_and_moved(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    """Column order is free, extra columns are ignored, a copied row adds up, a month may be a date cell."""
    def change(wb: Any) -> None:
        ws = wb[layout.HOURS_SHEET]
        ws.move_range("A1:J40", cols=1)
        ws["A1"] = "Eigen kolom"
        ws.append(["x", sheet_base.kpo, "KPO", None, None, None, dt.datetime(2016, 9, 1), None, None, 0.5,
                   "tweede keer"])

    path = fill(_template(sheet_db, tmp_path / "Kameleon.xlsx"), {(sheet_base.kpo, "2016-09"): 1}, change=change)
    assert _import(sheet_db, path).entries == 2
    assert _used(sheet_db, "KPO", "2016-09") == 90


# ---------------------------------------------------------------- all rows or none

def test_an_over_budget_row_refuses_the_whole_sheet(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    path = fill(_template(sheet_db, tmp_path / "Kameleon.xlsx"), {
        (sheet_base.kpo, "2016-10"): 2,
        (sheet_base.obo, "2016-10"): 1,
        (sheet_base.kpo, "2016-09"): 19,  # budget 18
    })
    message = _refused(sheet_db, path)
    assert message == ("De urenlijst is geweigerd, er is niets ingelezen: werkblad Uren, rij 2, kolom Uren: Nog 18 uur "
                       "over in september 2016: budget 18, gebruikt 0, gevraagd 19. Vraag zo nodig reserve aan.")
    assert _used(sheet_db, "KPO", "2016-10") == 0 and _used(sheet_db, "OBO", "2016-10") == 0


def test_rows_above_count_for_the_rows_below(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lijst.xlsx", [
        row(sheet_base.kpo, "2016-09", 10),
        row(sheet_base.obo, "2016-10", 1),
        row(sheet_base.kpo, "2016-09", 9),  # 10 + 9 > 18
    ])
    preview = _preview(sheet_db, path)
    assert preview.problems == [
        "werkblad Uren, rij 4, kolom Uren: Nog 8 uur over in september 2016: budget 18, gebruikt 10, gevraagd 9. "
        "Vraag zo nodig reserve aan (gebruikt telt 10 uur van rijen hierboven mee)"]
    _refused(sheet_db, path)
    act(sheet_db, lambda s: reserve.grant(s, reserve.GrantInput(YEAR, "KPO", PROVIDER, Month(2016, 9), 60,
                                                                "Drukke maand"), TODAY))
    assert _import(sheet_db, path).entries == 3  # with an hour of reserve it fits
    assert _used(sheet_db, "KPO", "2016-09") == 19 * 60


def test_hours_agreed_count_over_the_months(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lijst.xlsx", [row(sheet_base.obo, m, 10) for m in ("2016-10", "2016-11", "2016-12")]
                      + [row(sheet_base.obo, "2017-01", 0.25)])
    assert _preview(sheet_db, path).problems == [
        "werkblad Uren, rij 5, kolom Uren: Overeenkomst 2016-002 heeft 30 uur afgesproken, al gebruikt 30, nog 0 "
        "over; 0,25 past niet (gebruikt telt 30 uur van rijen hierboven mee)"]


def _problem_of(db: Database, path: Path, today: dt.date = TODAY) -> str:
    problems = _preview(db, path, today).problems
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize("cells, expected", [
    (("2099-001", "2016-10", 1), "rij 2, kolom Overeenkomst: Overeenkomst 2099-001 bestaat niet"),
    (("other_provider", "2016-10", 1), "rij 2, kolom Overeenkomst: Overeenkomst 2016-003 is van Mytyschool, niet van "
                                       "Kameleon; op deze lijst staan alleen overeenkomsten van die dienstverlener"),
    (("unconfirmed", "2016-10", 1), "rij 2, kolom Overeenkomst: Overeenkomst 2016-004 is nog niet bevestigd aan "
                                    "beide partijen; pas na de bevestiging mogen uren worden geboekt"),
    (("withdrawn", "2016-10", 1), "rij 2, kolom Overeenkomst: Overeenkomst 2016-005 is ingetrokken; er kunnen geen "
                                  "uren meer op"),
    (("obo", "2016-09", 1), "rij 2, kolom Maand: Overeenkomst 2016-002 loopt van oktober 2016 t/m maart 2017; "
                            "september 2016 valt daarbuiten"),
    (("obo", "2017-04", 1), "rij 2, kolom Maand: Overeenkomst 2016-002 loopt van oktober 2016 t/m maart 2017; "
                            "april 2017 valt daarbuiten"),
    (("kpo", "2017-13", 1), "rij 2, kolom Maand: '2017-13' is geen maand; schrijf JJJJ-MM, bijvoorbeeld 2016-09"),
    (("kpo", None, 1), "rij 2, kolom Maand: de maand ontbreekt"),
    ((None, "2016-10", 1), "rij 2, kolom Overeenkomst: het nummer van de overeenkomst ontbreekt"),
    (("16-1", "2016-10", 1), "rij 2, kolom Overeenkomst: '16-1' is geen nummer van een overeenkomst; schrijf "
                             "bijvoorbeeld 2016-017"),
    ((2016017, "2016-10", 1), "rij 2, kolom Overeenkomst: '2016017' is geen nummer van een overeenkomst"),
    (("kpo", "2016-10", -1), "rij 2, kolom Uren: -1 is negatief; geef een getal van 0 of meer"),
    (("kpo", "2016-10", "-1,5"), "rij 2, kolom Uren: '-1,5' is negatief; geef een getal van 0 of meer"),
    (("kpo", "2016-10", 1.125), "rij 2, kolom Uren: '1,125' heeft meer dan twee decimalen"),
    (("kpo", "2016-10", "0,01"), "rij 2, kolom Uren: '0,01' uur is geen heel aantal minuten; gebruik bijvoorbeeld "
                                 "0,25 of 0,1"),
    (("kpo", "2016-10", "1.000,5"), "rij 2, kolom Uren: '1.000,5' is geen getal"),
    (("kpo", "2016-10", "12 uur"), "rij 2, kolom Uren: '12 uur' is geen getal"),
    (("kpo", "2016-10", "=2+2"), "rij 2, kolom Uren: een formule is niet toegestaan; typ de waarde zelf"),
    (("kpo", "=\"2016-10\"", 1), "rij 2, kolom Maand: een formule is niet toegestaan"),
    (("kpo", "2016-10", dt.time(1, 30)), "rij 2, kolom Uren: een datum of tijd is geen aantal uren"),
])
def test_each_rule_names_sheet_row_and_column(sheet_db: Database, sheet_base: Base, tmp_path: Path,
                                              cells: tuple[Any, Any, Any], expected: str) -> None:
    agreement, month, amount = cells
    number = getattr(sheet_base, agreement) if isinstance(agreement, str) and hasattr(sheet_base, agreement) \
        else agreement
    path = write_rows(tmp_path / "lijst.xlsx", [row(number, month, amount)])
    problem = _problem_of(sheet_db, path)
    assert problem.startswith(f"werkblad Uren, {expected}"), problem
    assert "werkblad Uren, rij 2" in _refused(sheet_db, path)


def test_board_column_catches_a_wrong_number(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lijst.xlsx", [row(sheet_base.kpo, "2016-10", 1, board=" obo ")])
    assert _problem_of(sheet_db, path) == ("werkblad Uren, rij 2, kolom Bestuur: Overeenkomst 2016-001 is van KPO, "
                                           "niet van obo; controleer het nummer van de overeenkomst")
    path = write_rows(tmp_path / "lijst.xlsx", [row(sheet_base.kpo, "2016-10", 1, board=" kpo ")])
    assert _preview(sheet_db, path).ok


def test_closed_month_and_month_not_begun(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    close_month(sheet_db, "2016-10")
    path = write_rows(tmp_path / "lijst.xlsx", [row(sheet_base.kpo, "2016-10", 1), row(sheet_base.kpo, "2016-12", 1)])
    assert _preview(sheet_db, path, D(2016, 11, 20)).problems == [
        "werkblad Uren, rij 2, kolom Maand: Oktober 2016 is afgesloten; heropen de maand eerst om iets te wijzigen",
        "werkblad Uren, rij 3, kolom Maand: December 2016 is nog niet begonnen; registreer alleen gerealiseerde uren"]


def test_notes_too_long_or_with_a_citizen_number(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lijst.xlsx", [
        row(sheet_base.kpo, "2016-10", 1, note="x" * 501),
        row(sheet_base.kpo, "2016-10", 1, note="Gesprek met ouders, BSN 111222333"),  # passes the elfproef
        row(sheet_base.kpo, "2016-10", 1, note="Factuur 123456789; 2 x 45 minuten"),  # nine digits, no BSN
        row(sheet_base.kpo, "2016-10", 1, note="Leerling geb. 2008-03-12"),  # a birth date: the same rule as typed
        row(sheet_base.kpo, "2016-10", 1, note="Gesprek in oktober 2016"),  # month and year are fine
    ])
    assert _preview(sheet_db, path).problems == [
        "werkblad Uren, rij 2, kolom Opmerking: de opmerking is te lang (501 tekens, hoogstens 500)",
        "werkblad Uren, rij 3, kolom Opmerking: de opmerking bevat iets dat op een BSN lijkt; leg geen "
        "leerlinggegevens vast (AVG): laat het nummer weg",
        "werkblad Uren, rij 5, kolom Opmerking: de opmerking bevat een datum, mogelijk een geboortedatum; leg geen "
        "leerlinggegevens vast (AVG): noem alleen maand en jaar, bijvoorbeeld 'vanaf oktober 2016'"]


def test_every_problem_in_the_preview_the_first_three_in_the_refusal(sheet_db: Database, sheet_base: Base,
                                                                     tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lijst.xlsx", [
        row(sheet_base.kpo, "2016-10", 1),
        row(sheet_base.kpo, "2016-10", "x"),
        row(sheet_base.kpo, "2016-10", None),  # skipped
        row("2099-001", "2016-10", 1),
        row(sheet_base.obo, "2016-09", 1),
        row(sheet_base.kpo, "2016-13", 1),
        row(sheet_base.kpo, "2016-10", 0),  # skipped
    ])
    preview = _preview(sheet_db, path)
    assert [(r.row, r.ok, r.skipped) for r in preview.rows] == [
        (2, True, False), (3, False, False), (4, True, True), (5, False, False), (6, False, False),
        (7, False, False), (8, True, True)]
    assert [p.split(":")[0] for p in preview.problems] == [
        "werkblad Uren, rij 3, kolom Uren", "werkblad Uren, rij 5, kolom Overeenkomst",
        "werkblad Uren, rij 6, kolom Maand", "werkblad Uren, rij 7, kolom Maand"]
    message = _refused(sheet_db, path)
    assert message.startswith("De urenlijst is geweigerd, er is niets ingelezen: werkblad Uren, rij 3, kolom Uren: ")
    assert message.endswith("(en nog 1).")


def test_the_sheet_itself(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    rows = [row(sheet_base.kpo, "2016-10", 1)]
    unknown = write_rows(tmp_path / "a.xlsx", rows, provider="Nergens")
    assert _refused(sheet_db, unknown) == ("De urenlijst is geweigerd, er is niets ingelezen: werkblad Gegevens, rij 1, "
                                           "kolom B: Dienstverlener 'Nergens' bestaat niet.")
    other_year = write_rows(tmp_path / "b.xlsx", rows, year="2017-2018")
    assert "werkblad Gegevens, rij 2, kolom B: Schooljaar 2017-2018 bestaat niet" in _refused(sheet_db, other_year)
    bad_year = write_rows(tmp_path / "c.xlsx", rows, year="2016")
    assert "werkblad Gegevens, rij 2, kolom B: Schooljaar '2016' is ongeldig" in _refused(sheet_db, bad_year)

    def without_info(wb: Any) -> None:
        del wb[layout.INFO_SHEET]

    assert "werkblad Gegevens: dit werkblad ontbreekt" in _refused(
        sheet_db, write_rows(tmp_path / "d.xlsx", rows, change=without_info))

    def without_hours_column(wb: Any) -> None:
        wb[layout.HOURS_SHEET]["G1"] = "Aantal"

    assert "werkblad Uren, rij 1, kolom Uren: deze kolom ontbreekt" in _refused(
        sheet_db, write_rows(tmp_path / "e.xlsx", rows, change=without_hours_column))
    assert "bestaat niet" in _refused(sheet_db, tmp_path / "nergens.xlsx")


def test_an_agreement_of_another_year(sheet_db: Database, tmp_path: Path) -> None:
    from dataclasses import replace

    from models.services import agreements, demo, years

    def next_year(s: Any) -> str:
        years.create_or_replace(s, replace(demo.reference_setup(), label="2017-2018", first_month=Month(2017, 9),
                                           last_month=Month(2018, 7)))
        number = agreements.register(s, agreements.AgreementInput(
            "2017-2018", "KPO", PROVIDER, 600, Month(2017, 9), Month(2018, 7), registered_on=D(2017, 9, 1)), TODAY)
        agreements.confirm(s, number, D(2017, 9, 1), TODAY)
        return number

    number = act(sheet_db, next_year)
    path = write_rows(tmp_path / "lijst.xlsx", [row(number, "2017-10", 1)])
    assert _problem_of(sheet_db, path) == ("werkblad Uren, rij 2, kolom Overeenkomst: Overeenkomst 2017-001 hoort bij "
                                           "schooljaar 2017-2018, niet bij 2016-2017")


# ---------------------------------------------------------------- the same rules as hours one by one

# Few months and large amounts, so that rows often meet in a month and budgets and hours agreed run out;
# "klein" is an agreement of 4 hours added for the test.
KAMELEON_MONTHS = ["2016-08", "2016-09", "2016-10", "2016-12", "2017-04"]
ROWS = st.lists(st.tuples(st.sampled_from(["kpo", "kpo", "obo", "klein", "klein", "unconfirmed", "withdrawn",
                                           "2099-001"]),
                          st.sampled_from(KAMELEON_MONTHS), st.sampled_from([15, 60, 90, 480, 900, 1200])),
                min_size=1, max_size=12)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS, today=st.sampled_from([TODAY, D(2016, 11, 15)]), close_october=st.booleans())
def test_rows_are_judged_as_registering_them_one_by_one(sheet_db: Database, sheet_base: Base,
                                                        rows: list[tuple[str, str, int]], today: dt.date,
                                                        close_october: bool) -> None:
    """Row by row, the import refuses exactly what services.hours.register would refuse if the rows above that
    passed had been registered, with the same message."""
    got, expected = preview_and_one_by_one(sheet_db, sheet_base, rows, today, close_october=close_october)
    for g, e in zip(got, expected):
        assert (g is None) == (e is None), (got, expected)
        if e is not None:
            assert g is not None and g.startswith(e), (g, e)


# ---------------------------------------------------------------- hostile files

@pytest.mark.parametrize("name", sorted(corpus.EXPECTED))
def test_hostile_files_are_refused(sheet_db: Database, hostile: dict[str, Path], name: str) -> None:
    started = time.perf_counter()
    message = _refused(sheet_db, hostile[name])
    assert corpus.EXPECTED[name] in message, message
    assert corpus.SECRET not in message
    assert time.perf_counter() - started < 10


def test_the_corpus_base_is_valid(sheet_db: Database, hostile: dict[str, Path]) -> None:
    """Each hostile file is this sheet plus one trick: the refusals above come from the tricks."""
    result = _import(sheet_db, hostile["geldig.xlsx"])
    assert (result.entries, result.minutes) == (2, 210)


def test_entities_are_refused_by_defusedxml_not_by_luck(hostile: dict[str, Path]) -> None:
    """A parser without defusedxml would expand the entity: the file really holds the trick."""
    import xml.etree.ElementTree as plain

    from defusedxml.ElementTree import iterparse as defused_iterparse
    from openpyxl.xml import functions

    with zipfile.ZipFile(hostile["entiteit-in-werkblad.xlsx"]) as archive:
        root = plain.fromstring(archive.read(corpus.SHEET))
    values = [v.text for v in root.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}v")]
    assert "7" in values  # <!ENTITY uren "7"> expanded into the Uren cell
    assert functions.iterparse is defused_iterparse
    assert functions.fromstring.__module__.startswith("defusedxml")
    with pytest.raises(InvalidInput, match="XML die niet is toegestaan"):
        hour_sheets.read_sheet(hostile["entiteit-in-werkblad.xlsx"])


def test_no_reading_without_defusedxml(monkeypatch: pytest.MonkeyPatch, hostile: dict[str, Path]) -> None:
    import xml.etree.ElementTree as plain

    from openpyxl.xml import functions

    monkeypatch.setattr(functions, "iterparse", plain.iterparse)
    with pytest.raises(Refusal, match="defusedxml"):
        hour_sheets.read_sheet(hostile["formule.xlsx"])


def test_a_lying_dimension_hides_no_rows(sheet_db: Database, hostile: dict[str, Path]) -> None:
    problems = _preview(sheet_db, hostile["liegt-over-afmeting.xlsx"]).problems
    assert problems == ["werkblad Uren, rij 30, kolom Uren: 'veel' is geen getal; schrijf bijvoorbeeld 12,5 "
                        "(zonder duizendtalscheiding)"]


@pytest.mark.slow
def test_row_limit(sheet_db: Database, sheet_base: Base, tmp_path: Path) -> None:
    """At most MAX_ROWS data rows, counted on the sheet's XML before any cell is read."""
    limit = [row(sheet_base.kpo, "2016-10", None)] * layout.MAX_ROWS
    assert _preview(sheet_db, write_rows(tmp_path / "vol.xlsx", limit)).skipped == layout.MAX_ROWS
    message = _refused(sheet_db, write_rows(tmp_path / "te-vol.xlsx", limit + [row(sheet_base.kpo, "2016-10", 1)]))
    assert message == ("De urenlijst is geweigerd, er is niets ingelezen: werkblad Uren, rij 20002: te veel rijen "
                       "(meer dan 20.000); een urenlijst hoort klein te zijn.")


# ---------------------------------------------------------------- a long sheet

@pytest.mark.slow
def test_ten_thousand_rows(sheet_db: Database, tmp_path: Path) -> None:
    """10,000 filled-in rows on six boards' agreements at Driespan: read, checked and stored in seconds."""
    from models.services import agreements

    boards = ["KPO", "OBO", "Borgesius", "De Waarden", "Kroevendonk / SPCO", "Zilverlinde / Pallas"]

    def register(s: Any) -> list[str]:
        numbers = []
        for board in boards:
            number = agreements.register(s, agreements.AgreementInput(
                YEAR, board, "Driespan", 120 * 60, Month(2016, 9), Month(2017, 7), registered_on=D(2016, 9, 1)),
                TODAY)
            agreements.confirm(s, number, D(2016, 9, 1), TODAY)
            numbers.append(number)
        return numbers

    numbers = act(sheet_db, register)
    months = [str(m) for m in month_range(Month(2016, 9), Month(2017, 7))]
    rows = [row(numbers[i % 6], months[(i // 6) % 11], 0.05) for i in range(10_000)]  # 3 minutes each
    # One row more than the budget allows refuses all 10,001: Zilverlinde has 10 h in september, the rows above
    # take 7,6 h of it.
    too_much = write_rows(tmp_path / "te-veel.xlsx", rows + [row(numbers[5], "2016-09", 10)], provider="Driespan")
    started = time.perf_counter()
    message = _refused(sheet_db, too_much)
    refused_in = time.perf_counter() - started
    assert message == ("De urenlijst is geweigerd, er is niets ingelezen: werkblad Uren, rij 10002, kolom Uren: Nog "
                       "2,4 uur over in september 2016: budget 10, gebruikt 7,6, gevraagd 10. Vraag zo nodig reserve "
                       "aan (gebruikt telt 7,6 uur van rijen hierboven mee).")
    path = write_rows(tmp_path / "lang.xlsx", rows, provider="Driespan")
    started = time.perf_counter()
    result = _import(sheet_db, path)
    imported_in = time.perf_counter() - started
    assert (result.entries, result.minutes) == (10_000, 30_000)
    assert refused_in < 30 and imported_in < 60, (refused_in, imported_in)
    print(f"10.000 rijen: geweigerd in {refused_in:.1f} s, ingelezen in {imported_in:.1f} s")
