"""Tables that fit the window as a user sees them: Overeenkomsten with a column chooser on its header, Uren Per
maand with its 11 months and Jaar, Maandbudgetten, the questions of Innovatie, Logboek at 1024 x 768."""
from __future__ import annotations

from importlib import resources

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QTableView

from views.allocation_page import AllocationPage
from views.innovation_page import InnovationPage


@pytest.fixture(autouse=True)
def app_style(qapp):  # type: ignore[no-untyped-def]
    """The style the app starts with (Fusion and style.qss: its header paddings), undone afterwards."""
    style, sheet = qapp.style().name(), qapp.styleSheet()
    qapp.setStyle("Fusion")
    qapp.setStyleSheet(resources.files("resources").joinpath("style.qss").read_text(encoding="utf-8"))
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)


def shown_at(qtbot, window, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    qtbot.wait(20)  # the table's resize reaches its columns
    QApplication.processEvents()


def titles(view: QTableView) -> list[str]:
    model = view.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def shown_columns(view: QTableView) -> list[int]:
    return [c for c in range(view.model().columnCount()) if not view.isColumnHidden(c)]


def used_width(view: QTableView) -> int:
    return sum(view.columnWidth(c) for c in shown_columns(view))


def cell_margin(view: QTableView) -> int:
    return 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 1


def text_width(view: QTableView, index: QModelIndex) -> int:
    """What the text of a cell needs, as drawn: its font (bold in a totals row), its widest line, the margins."""
    font = index.data(Qt.ItemDataRole.FontRole)
    metrics = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
    lines = (index.data() or "").split("\n")
    return max(metrics.horizontalAdvance(line) for line in lines) + cell_margin(view)


def cut_cells(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())
            if text_width(view, model.index(r, column)) > view.columnWidth(column)]


def fits_without_scrolling(view: QTableView) -> bool:
    return used_width(view) <= view.viewport().width()


# ---------------------------------------------------------------- Verdeling, Maandbudgetten

@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_month_budgets_fit_1280_with_whole_names(qtbot, make_window, demo_db, size) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = window.go_to(AllocationPage)
    page.tabs.setCurrentIndex(1)
    shown_at(qtbot, window, size)
    view = page.month_table
    assert fits_without_scrolling(view), (used_width(view), view.viewport().width())
    for c in shown_columns(view):
        assert cut_cells(view, c) == [], titles(view)[c]


# ---------------------------------------------------------------- Innovatie

def test_the_question_title_takes_the_spare_width(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Not "Scholen (bestuur)": the title is what the secretariat reads a question by (on a wide screen all
    schools fit, and the room that is over goes to the title)."""
    window = make_window(demo_db)
    page = window.go_to(InnovationPage)
    shown_at(qtbot, window, (2560, 1440))
    view, heads = page.question_table, titles(page.question_table)
    assert view.model().rowCount() > 0
    title, schools = heads.index("Titel"), heads.index("Scholen (bestuur)")
    widest_schools = max(text_width(view, view.model().index(r, schools)) for r in range(view.model().rowCount()))
    assert view.columnWidth(schools) <= max(widest_schools, 230) + 8  # no spare width beside the schools
    assert cut_cells(view, title) == []
    assert used_width(view) == view.viewport().width()  # what is over went to the title
