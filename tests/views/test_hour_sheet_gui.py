"""Hour sheets in the app: make the sheet, fill it in, preview every row, import all or none."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import pytest

from models.domain.months import Month
from models.services import reporting
from models.services.hour_sheets import HourSheet, Preview, RowProblem, SheetRow
from tests.conftest import table_dump
from tests.views.uren_helpers import go_loaded, wait_loaded
from views.hours.page import HoursPage

TODAY = dt.date(2017, 1, 20)


def _copy_rows(path: Path, rows: list[int]) -> None:
    """Copy rows of the Uren sheet below the last one, as a provider does to book a month twice."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Uren"]
    for row in rows:
        ws.append([c.value for c in ws[row]])
    wb.save(path)


def _fill(path: Path, hours: dict[int, object]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Uren"]
    header = [c.value for c in ws[1]]
    column = header.index("Uren") + 1
    for row, value in hours.items():
        ws.cell(row=row, column=column, value=value)
    wb.save(path)


def choose(qtbot, box, text: str) -> None:  # type: ignore[no-untyped-def]
    """Pick `text` in a picker with the arrow keys, as a person would after tabbing to it."""
    box.setFocus()
    wanted = box.findText(text)
    assert wanted >= 0, (text, [box.itemText(i) for i in range(box.count())])
    key = Qt.Key.Key_Down if wanted > box.currentIndex() else Qt.Key.Key_Up
    while box.currentIndex() != wanted:
        qtbot.keyClick(box, key)


def make_sheet_dialog(qtbot, page: HoursPage):  # type: ignore[no-untyped-def]
    """Click 'Urenlijst maken…': the dialog that asks provider and month."""
    from views.hours.sheet_make import MakeSheetDialog

    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in page.findChildren(MakeSheetDialog) if d.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def make_sheet(qtbot, page: HoursPage, answers, path: Path, provider: str = "Kameleon",  # type: ignore[no-untyped-def]
               month: str | None = None) -> Path:
    """Click 'Urenlijst maken…', pick the provider (and the month, else the one offered), click 'Opslaan…' and
    save at `path`."""
    dialog = make_sheet_dialog(qtbot, page)
    choose(qtbot, dialog.provider, provider)
    if month is not None:
        choose(qtbot, dialog.month, month)
    answers.save_as = path
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text()
    return path


def import_sheet(qtbot, page: HoursPage, answers, path: Path):  # type: ignore[no-untyped-def]
    """Click 'Urenlijst inlezen…' and pick `path`: the preview it opened, or None when refused."""
    from views.hours.sheet_preview import SheetPreviewDialog

    answers.open_file = path
    before = set(page.findChildren(SheetPreviewDialog))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    opened = [d for d in page.findChildren(SheetPreviewDialog) if d not in before and d.isVisible()]
    return opened[-1] if opened else None


def _setup(qtbot, make_window, reference_db):  # type: ignore[no-untyped-def]
    """Two confirmed agreements at Kameleon, September to June: KPO's (row 2 of a month's sheet), OBO's (row 3)."""
    from models.domain.months import Month
    from models.services import agreements

    numbers = []
    with reference_db.write() as session:
        for board in ("KPO", "OBO"):
            number = agreements.register(session, agreements.AgreementInput(
                "2016-2017", board, "Kameleon", 40 * 60, Month(2016, 9), Month(2017, 6),
                registered_on=dt.date(2016, 9, 1)), TODAY)
            agreements.confirm(session, number, dt.date(2016, 9, 2), TODAY)
            numbers.append(number)
    window = make_window(reference_db, today=TODAY)
    return window, go_loaded(window, HoursPage), numbers[0]


def test_template_preview_and_import(qtbot, make_window, reference_db, tmp_path: Path, recorded_messages, answers) -> None:
    window, page, number = _setup(qtbot, make_window, reference_db)
    sheet = make_sheet(qtbot, page, answers, tmp_path / "lijst.xlsx", month="oktober 2016")
    assert sheet is not None and sheet.exists()
    _fill(sheet, {2: 2.5, 3: "4,25"})  # KPO and OBO in october
    dialog = import_sheet(qtbot, page, answers, sheet)
    assert "2 rijen met samen 6,75 uur worden ingelezen." in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert recorded_messages.shown[-1][1] == "Urenlijst ingelezen"
    rows = reference_db_rows(reference_db)
    assert rows[("KPO", "Kameleon", "2016-10")] == 150 and rows[("OBO", "Kameleon", "2016-10")] == 255


def test_a_row_over_budget_refuses_the_whole_sheet(qtbot, make_window, reference_db, tmp_path: Path,
                                                   recorded_messages, answers) -> None:
    window, page, number = _setup(qtbot, make_window, reference_db)
    sheet = make_sheet(qtbot, page, answers, tmp_path / "lijst.xlsx", month="oktober 2016")
    _fill(sheet, {2: 30, 3: 2})  # 30 hours for KPO in october: budget 18
    before = table_dump(Path(str(reference_db.path)))
    dialog = import_sheet(qtbot, page, answers, sheet)
    assert "1 van de 2 rijen heeft een probleem." in dialog.summary.text()
    assert "niets ingelezen" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    problems = [dialog.model.index(r, 5).data() for r in range(dialog.model.rowCount())]
    assert any("Nog 18 uur over in oktober 2016" in p for p in problems)
    assert table_dump(Path(str(reference_db.path))) == before


def test_the_preview_shows_each_problem_in_full_and_empty_cells_empty(qtbot, make_window, reference_db,
                                                                       tmp_path: Path, answers) -> None:
    """A long Controle text is cut in its cell: the pane under the table holds the chosen row's problems in
    full (the first row with a problem is chosen at the start). A row skipped for lack of hours shows no 0."""
    from views.hours.sheet_preview import SKIPPED

    window, page, number = _setup(qtbot, make_window, reference_db)
    sheet = make_sheet(qtbot, page, answers, tmp_path / "lijst.xlsx", month="oktober 2016")
    _copy_rows(sheet, [2, 3, 2])  # a provider copies rows to book more; these stay empty
    _fill(sheet, {2: 2, 3: 30})  # 30 hours for OBO in october: budget 14
    dialog = import_sheet(qtbot, page, answers, sheet)
    dialog.resize(1280, 800)
    column = {dialog.model.headerData(c, Qt.Orientation.Horizontal): c for c in range(dialog.model.columnCount())}
    cells = [[dialog.model.index(r, c).data() for c in range(dialog.model.columnCount())]
             for r in range(dialog.model.rowCount())]
    problem = cells[1][column["Controle"]]
    assert "Nog 14 uur over in oktober 2016" in problem
    assert dialog.details.isVisible() and dialog.table.currentIndex().row() == 1  # the row with the problem
    shown = dialog.details.text()
    assert "Rij 3" in shown and "OBO · oktober 2016 · 30 uur" in shown
    assert problem in shown.replace("&#x27;", "'")  # in full, not cut with …
    skipped = [row for row in cells if row[column["Controle"]] == SKIPPED]
    assert len(skipped) == 3 and all(row[column["Uren"]] == "" for row in skipped)  # empty cells stay empty
    dialog.table.selectRow(3)
    assert "Rij 5" in dialog.details.text() and "Geen uren: overgeslagen" in dialog.details.text()
    dialog.table.selectRow(0)
    assert "In orde: wordt ingelezen." in dialog.details.text() and "2 uur" in dialog.details.text()
    dialog.reject()


def reference_db_rows(db) -> dict[tuple[str, str, str], int]:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return {(r.board, r.provider, str(r.month)): r.used
                for r in reporting.budget_rows(session, "2016-2017", TODAY)}


def test_a_month_sheet_over_budget_granted_from_the_preview_and_imported(
        qtbot, make_window, reference_db, tmp_path: Path, recorded_messages, answers, settings, app_style) -> None:  # type: ignore[no-untyped-def]
    """The secretary's round, by clicks and keys only: make November's sheet for Kameleon in the folder used
    last, the provider fills it in (KPO 30 hours: its November budget is 18), read it in, see the refusal,
    grant the 12 hours short from the row, see the sheet checked again and in order, import it."""
    from views.grant_dialog import GrantDialog

    window, page, number = _setup(qtbot, make_window, reference_db)
    last_folder = tmp_path / "urenlijsten"
    settings.setValue("export_folder", str(last_folder))

    dialog = make_sheet_dialog(qtbot, page)
    assert dialog.month.currentText() == "december 2016"  # the last month that has ended (today: 20-1-2017)
    shown_months = [dialog.month.itemText(i) for i in range(dialog.month.count())]
    assert shown_months == ["september 2016", "oktober 2016", "november 2016", "december 2016", "januari 2017"]
    dialog.activateWindow()  # the keyboard goes to the active window
    qtbot.waitUntil(dialog.isActiveWindow)  # (qWaitForWindowActive is content with the main window, its parent)
    assert dialog.provider.hasFocus()  # the cursor starts in the first field
    qtbot.keyClicks(dialog.provider, "Kameleon")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # &Maand
    assert dialog.month.hasFocus()
    qtbot.keyClick(dialog.month, Qt.Key.Key_Up)
    assert (dialog.provider.currentText(), dialog.month.currentText()) == ("Kameleon", "november 2016")
    wait_loaded(qtbot, dialog)  # what the sheet will hold is read off the UI thread
    assert "2 bevestigde overeenkomsten met uren te boeken in november 2016" in dialog.note.text()
    dialog.grab().save(str(tmp_path / "make.png"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert answers.suggested[-1] == str(last_folder / "Urenlijst Kameleon november 2016.xlsx")
    sheet = answers.saved[-1]
    assert sheet.exists() and recorded_messages.shown[-1][:2] == ("info", "Opgeslagen")

    wb = openpyxl.load_workbook(sheet)
    ws = wb["Uren"]
    heads = [c.value for c in ws[1]]
    rows = [dict(zip(heads, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]
    assert [(r["Bestuur"], r["Maand"], r["Nog over op overeenkomst"], r["Nog over in maand"]) for r in rows] == [
        ("KPO", "2016-11", 40, 18), ("OBO", "2016-11", 40, 14)]  # November's rows only, with what is left
    _fill(sheet, {2: 30, 3: 2})

    before = table_dump(Path(str(reference_db.path)))
    preview = import_sheet(qtbot, page, answers, sheet)
    preview.resize(1180, 640)
    assert preview.windowTitle() == "Urenlijst Kameleon november 2016.xlsx inlezen"
    assert "1 van de 2 rijen heeft een probleem." in preview.summary.text()
    assert not preview.import_button.isEnabled() and preview.reserve_button.isVisible()
    preview.grab().save(str(tmp_path / "preview.png"))
    table = preview.table

    def click_row(row: int) -> None:
        rect = table.visualRect(preview.proxy.index(row, 2))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    click_row(1)  # OBO's row is fine: nothing to grant there
    assert not preview.reserve_button.isEnabled()
    click_row(0)  # KPO's row, refused for lack of budget
    assert preview.reserve_button.isEnabled()
    assert table_dump(Path(str(reference_db.path))) == before  # the refusal changed nothing

    qtbot.mouseClick(preview.reserve_button, Qt.MouseButton.LeftButton)
    grant = next(d for d in preview.findChildren(GrantDialog) if d.isVisible())
    assert (grant.board.currentText(), grant.provider.currentText(), grant.first_month.currentText(),
            grant.last_month.currentText(), grant.hours.text()) == ("KPO", "Kameleon", "november 2016",
                                                                    "november 2016", "12")
    assert grant.focusWidget() is grant.reason  # the figures are in: the cursor waits in Reden
    qtbot.keyClicks(grant.reason, "Urenlijst november: extra begeleiding")
    qtbot.mouseClick(grant.ok_button, Qt.MouseButton.LeftButton)
    assert not grant.isVisible(), grant.error_text()

    assert preview.summary.text().startswith("Reserve toegekend: 12 uur aan KPO bij Kameleon (november 2016); de "
                                             "lijst is opnieuw gecontroleerd.")
    assert "2 rijen met samen 32 uur worden ingelezen." in preview.summary.text()  # the same file, checked again
    assert preview.summary.objectName() != "warning"
    assert preview.import_button.isEnabled() and not preview.reserve_button.isVisible()
    preview.grab().save(str(tmp_path / "preview-after-grant.png"))
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert recorded_messages.shown[-1][1] == "Urenlijst ingelezen"
    assert "Urenlijst Urenlijst" not in recorded_messages.shown[-1][2]
    stored = reference_db_rows(reference_db)
    assert stored[("KPO", "Kameleon", "2016-11")] == 30 * 60 and stored[("OBO", "Kameleon", "2016-11")] == 2 * 60
    with reference_db.read() as session:
        kpo = next(r for r in reporting.budget_rows(session, "2016-2017", TODAY, board="KPO", provider="Kameleon")
                   if str(r.month) == "2016-11")
    assert (kpo.budget, kpo.reserve, kpo.used) == (18 * 60, 12 * 60, 30 * 60)


def _preview_of(*rows: SheetRow) -> Preview:
    sheet = HourSheet("lijst.xlsx", "Kameleon", "2016-2017", rows)
    return Preview(sheet, rows)


def _row(number: int, minutes: int, problem: bool = False) -> SheetRow:
    problems = (RowProblem("Uren", "te veel"),) if problem else ()
    return SheetRow(number, "2016-001", "KPO", Month(2016, 11), minutes, "", problems)


@pytest.mark.parametrize(("rows", "expected"), [
    ((_row(2, 60, True), _row(3, 60)), "1 van de 2 rijen heeft een probleem."),
    ((_row(2, 60, True), _row(3, 60, True), _row(4, 60)), "2 van de 3 rijen hebben een probleem."),
    ((_row(2, 60, True), _row(3, 60, True)), "alle 2 rijen hebben een probleem."),
    ((_row(2, 60, True),), "de enige rij heeft een probleem."),
    ((_row(2, 90),), "1 rij met samen 1,5 uur wordt ingelezen."),
    ((_row(2, 90), _row(3, 0)), "1 rij met samen 1,5 uur wordt ingelezen, 1 lege rij wordt overgeslagen."),
    ((_row(2, 90), _row(3, 30), _row(4, 0), _row(5, 0)),
     "2 rijen met samen 2 uur worden ingelezen, 2 lege rijen worden overgeslagen."),
    ((_row(2, 0),), "er staan geen uren in de lijst (1 rij is leeg of 0); er is niets om in te lezen."),
    ((_row(2, 0), _row(3, 0)), "er staan geen uren in de lijst (2 rijen zijn leeg of 0); er is niets om in te lezen."),
])
def test_the_summary_speaks_of_one_row_or_of_rows(rows: tuple[SheetRow, ...], expected: str) -> None:
    from views.hours.sheet_preview import summary_text

    text = summary_text(_preview_of(*rows)).replace("<b>", "").replace("</b>", "")
    assert expected in text
