"""The frame: welcome on an empty database, the year picker, pages, remembered state."""
from __future__ import annotations

from PySide6.QtCore import Qt

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

    later = ["openpyxl", "reportlab", "alembic", "views.agreements_page", "views.hours_page",
             "views.innovation_page", "views.expertise_page", "views.audit_page", "desktop.cli_reports"]
    code = ("import sys; sys.argv = ['swv-uren', '--db', sys.argv[1], '--smoke']; from desktop.cli import main; "
            f"code = main(); print(code, [name for name in {later!r} if name in sys.modules], "
            "'views.overview_page' in sys.modules)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SWV_UREN_SETTINGS": str(tmp_path / "s.ini")}
    out = subprocess.run([sys.executable, "-c", code, str(demo_path)], capture_output=True, text=True, env=env,
                         timeout=120)
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
    from views.allocation_page import AllocationPage

    workbook = setup_workbook(tmp_path / "opzet.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(workbook), ""))
    window = make_window(empty_db)
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    assert recorded_messages.shown[-1][1] == "Opzet-werkmap inlezen"
    assert window.year_picker.currentText() == "2016-2017"
    assert isinstance(window.stack.currentWidget(), AllocationPage)
    assert window.nav.currentItem().text() == "Verdeling"
