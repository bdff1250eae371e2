"""Hour sheets in the app: make the sheet, fill it in, preview every row, import all or none."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from models.services import reporting
from tests.conftest import table_dump
from views.hours_page import HoursPage

TODAY = dt.date(2017, 1, 20)


def _fill(path: Path, hours: dict[int, object]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Uren"]
    header = [c.value for c in ws[1]]
    column = header.index("Uren") + 1
    for row, value in hours.items():
        ws.cell(row=row, column=column, value=value)
    wb.save(path)


def make_sheet(qtbot, page: HoursPage, answers, path: Path, provider: str = "Kameleon") -> Path:  # type: ignore[no-untyped-def]
    """Click 'Urenlijst maken…', pick the provider, save at `path`."""
    answers.item, answers.save_as = provider, path
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    return path


def import_sheet(qtbot, page: HoursPage, answers, path: Path):  # type: ignore[no-untyped-def]
    """Click 'Urenlijst inlezen…' and pick `path`: the preview it opened, or None when refused."""
    from views.hour_sheet_dialog import SheetPreviewDialog

    answers.open_file = path
    before = set(page.findChildren(SheetPreviewDialog))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    opened = [d for d in page.findChildren(SheetPreviewDialog) if d not in before and d.isVisible()]
    return opened[-1] if opened else None


def _setup(qtbot, make_window, reference_db):  # type: ignore[no-untyped-def]
    from models.domain.months import Month
    from models.services import agreements

    with reference_db.write() as session:
        number = agreements.register(session, agreements.AgreementInput(
            "2016-2017", "KPO", "Kameleon", 40 * 60, Month(2016, 9), Month(2017, 6),
            registered_on=dt.date(2016, 9, 1)), TODAY)
        agreements.confirm(session, number, dt.date(2016, 9, 2), TODAY)
    window = make_window(reference_db, today=TODAY)
    return window, window.go_to(HoursPage), number


def test_template_preview_and_import(qtbot, make_window, reference_db, tmp_path: Path, recorded_messages, answers) -> None:
    window, page, number = _setup(qtbot, make_window, reference_db)
    sheet = make_sheet(qtbot, page, answers, tmp_path / "lijst.xlsx")
    assert sheet is not None and sheet.exists()
    _fill(sheet, {2: 2.5, 3: "4,25"})  # september and october
    dialog = import_sheet(qtbot, page, answers, sheet)
    assert "2 rijen met samen 6,75 uur" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert recorded_messages.shown[-1][1] == "Urenlijst ingelezen"
    rows = reference_db_rows(reference_db)
    assert rows[("KPO", "Kameleon", "2016-09")] == 150 and rows[("KPO", "Kameleon", "2016-10")] == 255


def test_a_row_over_budget_refuses_the_whole_sheet(qtbot, make_window, reference_db, tmp_path: Path,
                                                   recorded_messages, answers) -> None:
    window, page, number = _setup(qtbot, make_window, reference_db)
    sheet = make_sheet(qtbot, page, answers, tmp_path / "lijst.xlsx")
    _fill(sheet, {2: 2, 3: 30})  # 30 hours in october: budget 18
    before = table_dump(Path(str(reference_db.path)))
    dialog = import_sheet(qtbot, page, answers, sheet)
    assert "1 van de" in dialog.summary.text() and "niets ingelezen" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    problems = [dialog.model.index(r, 5).data() for r in range(dialog.model.rowCount())]
    assert any("Nog 18 uur over in oktober 2016" in p for p in problems)
    assert table_dump(Path(str(reference_db.path))) == before


def test_the_preview_shows_each_problem_in_full_and_empty_cells_empty(qtbot, make_window, reference_db,
                                                                       tmp_path: Path, answers) -> None:
    """A long Controle text is cut in its cell: the pane under the table holds the chosen row's problems in
    full (the first row with a problem is chosen at the start). A row skipped for lack of hours shows no 0."""
    from views.hour_sheet_dialog import SKIPPED

    window, page, number = _setup(qtbot, make_window, reference_db)
    sheet = make_sheet(qtbot, page, answers, tmp_path / "lijst.xlsx")
    _fill(sheet, {2: 2, 3: 30})  # 30 hours in october: budget 18; november to january stay empty
    dialog = import_sheet(qtbot, page, answers, sheet)
    dialog.resize(1280, 800)
    column = {dialog.model.headerData(c, Qt.Orientation.Horizontal): c for c in range(dialog.model.columnCount())}
    cells = [[dialog.model.index(r, c).data() for c in range(dialog.model.columnCount())]
             for r in range(dialog.model.rowCount())]
    problem = cells[1][column["Controle"]]
    assert "Nog 18 uur over in oktober 2016" in problem
    assert dialog.details.isVisible() and dialog.table.currentIndex().row() == 1  # the row with the problem
    shown = dialog.details.text()
    assert "Rij 3" in shown and f"{number} · KPO · oktober 2016 · 30 uur" in shown
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
