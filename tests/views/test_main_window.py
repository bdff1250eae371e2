"""The frame: welcome on an empty database, the year picker, pages, remembered state."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.views.uren_helpers import wait_loaded
from views.overview_page import OverviewPage


def test_empty_database_greets_with_next_steps(make_window, empty_db) -> None:
    window = make_window(empty_db)
    assert window.stack.currentWidget() is window.welcome
    assert "Opzet-werkmap inlezen" in window.welcome.import_button.text()
    assert not window.nav.isEnabled()
    assert not window.new_agreement_action.isEnabled()


def test_demo_year_opens_on_overview_with_every_pair(make_window, demo_db) -> None:
    window = make_window(demo_db)
    assert window.year_picker.currentText() == "2016-2017"
    page = window.stack.currentWidget()
    assert isinstance(page, OverviewPage)
    model = page.proxy
    assert model.rowCount() == 18 + 1  # 6 boards x 3 providers, and the totals row
    assert model.index(18, 0).data() == "Totaal"
    assert "juli 2017" in page.subtitle.text()


def test_overview_month_picker_and_search(qtbot, make_window, demo_db) -> None:
    window = make_window(demo_db)
    page = window.stack.currentWidget()
    page.month_picker.setCurrentIndex(0)
    wait_loaded(qtbot, page)
    assert "september 2016" in page.subtitle.text()
    # The first row of september: KPO at Kameleon with the even spread: 191 = 4 x 18 + 7 x 17.
    assert page.proxy.index(0, 0).data() == "KPO"
    assert page.proxy.index(0, 2).data() == "18"
    qtbot.keyClicks(page.search, "Zilverlinde")
    assert page.proxy.rowCount() == 3 + 1


def test_window_remembers_page_and_size(qtbot, make_window, demo_db, settings) -> None:
    window = make_window(demo_db)
    window.resize(1000, 700)
    window.nav.setCurrentRow(2)
    window.close()
    again = make_window(demo_db)
    assert again.nav.currentRow() == 2
    # offscreen Qt restores the geometry only approximately (frame margins); the default is 1280 x 800
    assert again.size().width() < 1100 and again.size().height() < 760
    assert settings.value("year") == "2016-2017"


def test_overview_sorts_on_numbers_not_text_and_keeps_totals_last(make_window, demo_db) -> None:
    window = make_window(demo_db)
    page = window.stack.currentWidget()
    page.table.sortByColumn(9, Qt.SortOrder.DescendingOrder)  # Jaaruren
    assert page.proxy.index(0, 9).data() == "570"
    assert page.proxy.index(page.proxy.rowCount() - 1, 0).data() == "Totaal"


def test_qt_own_dialog_texts_are_dutch(qapp) -> None:
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from desktop.app import _dutch

    _dutch(QApplication.instance())
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Open)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuleren"


def test_start_up_loads_no_report_libraries_and_only_the_first_page(demo_path, tmp_path) -> None:
    """reportlab and openpyxl are imported only when exporting, the other pages when first shown, and the
    command parsers not at all when the app is opened (start-up stays quick)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    later = ["openpyxl", "reportlab", "alembic", "views.agreements.page", "views.hours.page",
             "views.innovation.page", "views.expertise.page", "views.audit_page", "desktop.cli_reports"]
    # What is loaded once the window shows, before --smoke-all goes on to open every page.
    code = ("import sys; sys.argv = ['swv-uren', '--db', sys.argv[1], '--smoke-all']; from desktop.cli import main\n"
            "import desktop.smoke as smoke; real = smoke.every_page; seen = []\n"
            f"smoke.every_page = lambda w: (seen.extend([[n for n in {later!r} if n in sys.modules], "
            "'views.overview_page' in sys.modules]), real(w))\n"
            "code = main(); print(code, *seen)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SWV_UREN_SETTINGS": str(tmp_path / "s.ini")}
    out = subprocess.run([sys.executable, "-c", code, str(demo_path)], capture_output=True, text=True, env=env,
                         timeout=120, cwd=Path(__file__).resolve().parents[2])  # this checkout's modules
    assert out.stdout.split() == ["0", "[]", "True"], out.stderr


def test_every_navigation_row_builds_its_page_when_first_shown(qtbot, make_window, demo_db) -> None:
    from views.main_window import PAGES

    window = make_window(demo_db)
    for row, entry in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert type(page).__name__ == entry.class_name
        assert page.title == entry.title == window.nav.item(row).text()
    assert len(window.pages) == len(PAGES)


def test_a_year_read_from_the_welcome_page_opens_on_verdeling(qtbot, make_window, empty_db, tmp_path,
                                                              monkeypatch, recorded_messages) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.services.helpers import setup_workbook
    from views.allocation.page import AllocationPage

    workbook = setup_workbook(tmp_path / "opzet.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(workbook), ""))
    window = make_window(empty_db)
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    assert recorded_messages.shown[-1][1] == "Opzet-werkmap inlezen"
    assert window.year_picker.currentText() == "2016-2017"
    assert isinstance(window.stack.currentWidget(), AllocationPage)
    assert window.nav.currentItem().text() == "Verdeling"


def _cell_centre(view, row: int, column: int):  # type: ignore[no-untyped-def]
    return view.visualRect(view.model().index(row, column)).center()


def test_double_click_or_enter_on_an_overview_row_opens_that_pairs_agreements(qtbot, make_window, demo_db) -> None:
    from tests.views.uren_helpers import rows
    from views.agreements.page import AgreementsPage

    window = make_window(demo_db)
    page = window.stack.currentWidget()
    assert isinstance(page, OverviewPage)
    view = page.table
    first = rows(view.model())[0]
    # A person's double-click: press and release, then the second press (QTest's mouseDClick alone is only
    # the second, which an item view ignores).
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_cell_centre(view, 0, 1))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_cell_centre(view, 0, 1))
    agreements = window.stack.currentWidget()
    assert isinstance(agreements, AgreementsPage)
    wait_loaded(qtbot, window)  # the year's choices and that pair's agreements are read off the UI thread
    assert (agreements.board_filter.currentText(), agreements.provider_filter.currentText(),
            agreements.status_filter.currentText()) == (first["Bestuur"], first["Dienstverlener"], "Alle statussen")
    shown = rows(agreements.proxy)
    agreements_shown = [r for r in shown if r["Nummer"] != "Totaal"]
    assert agreements_shown and all((r["Bestuur"], r["Dienstverlener"]) == (first["Bestuur"], first["Dienstverlener"])
                                    for r in agreements_shown)

    window.nav.setCurrentRow(0)
    view.setCurrentIndex(view.model().index(2, 0))
    second = rows(view.model())[2]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is agreements
    wait_loaded(qtbot, window)
    assert (agreements.board_filter.currentText(), agreements.provider_filter.currentText()) == (
        second["Bestuur"], second["Dienstverlener"])


def test_ctrl_u_takes_the_selected_agreement_and_the_grid_cells_month(qtbot, make_window, demo_db) -> None:
    """Ctrl+U books on what is selected: on Overeenkomsten the agreement, on Uren the cell's pair and month."""
    from models.domain.months import Month
    from tests.views.uren_helpers import column
    from views.agreements.page import AgreementsPage
    from PySide6.QtWidgets import QApplication

    from views.hours.page import HoursPage

    window = make_window(demo_db)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)  # a shortcut reaches the active window
    agreements = window.go_to(AgreementsPage)
    agreements.search.setText("2016-003")  # confirmed in the demo year
    wait_loaded(qtbot, window)
    view = agreements.table
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_cell_centre(view, 0, 0))
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = agreements.dialog
    assert dialog is not None and dialog.isVisible()
    wait_loaded(qtbot, dialog)  # its list of agreements, read off the UI thread
    assert dialog.chosen().number == "2016-003"
    assert dialog.agreement.lineEdit().cursorPosition() == 0  # the number shows, not the end of the text
    dialog.reject()

    hours = window.go_to(HoursPage)
    grid = hours.table
    jan = column(grid.model(), "jan")  # waits, as a person looks, until the grid is read
    window.activateWindow()  # a person clicks into the window after closing the dialog: it is active again
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=_cell_centre(grid, 0, jan))
    qtbot.keyClick(grid, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = hours.dialog
    assert dialog is not None and dialog.isVisible()
    wait_loaded(qtbot, dialog)
    board, provider = grid.model().index(0, 0).data(), grid.model().index(0, 1).data()
    if dialog.chosen() is None:  # the pair has several agreements: the list is narrowed to them, pick one
        assert dialog.agreement.currentText() == f"{board} · {provider}"
        assert all((a.board, a.provider) == (board, provider) for a in dialog.matching())
        popup = dialog.agreement.completer().popup()
        qtbot.waitUntil(popup.isVisible)  # the pair's agreements, to pick from
        assert popup.model().rowCount() == len(dialog.matching()) > 1
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    chosen = dialog.chosen()
    assert chosen is not None and (chosen.board, chosen.provider) == (board, provider)
    assert dialog.month.currentData() == Month(2017, 1) or Month(2017, 1) not in chosen.months
    dialog.reject()


def test_the_app_has_python_switch_threads_every_millisecond(tmp_path) -> None:
    """While a page's worker reads, the UI thread's calls into a model wait for Python's lock until the worker is
    made to give it up: the app asks for that after 1 ms instead of Python's 5 (a new process: the app's own)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys; before = sys.getswitchinterval()\n"
            "from desktop.app import _application\n"
            "_application(); print(before, sys.getswitchinterval())")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SWV_UREN_SETTINGS": str(tmp_path / "s.ini")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["0.005", "0.001"], out.stderr
