"""One sizing policy for every table (views.tables.ColumnSizer), looked at as a user does: at 1280x800 and
1920x1080 no date, number or status is cut, the spare width goes to the main text column and not to the
last one, and widths the user set are remembered."""
from __future__ import annotations


import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from tests.views.uren_helpers import go_loaded
from views.agreements.page import AgreementsPage
from views.audit_page import AuditPage
from views.hours.page import HoursPage
from views.overview_page import OverviewPage
from views.tables import ColumnChooser

pytestmark = pytest.mark.usefixtures("app_style")  # the app's own style: its paddings count

SIZES = [(1280, 800), (1920, 1080)]



def shown_at(qtbot, window, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    qtbot.wait(20)  # the table's resize reaches its columns


def titles(view: QTableView) -> list[str]:
    model = view.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def cell_margin(view: QTableView) -> int:
    """The style's text margin on either side of a cell, and the grid line."""
    return 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 1


def title_width(view: QTableView, column: int) -> int:
    """A (bold) title's widest line and room for the sort arrow."""
    bold = view.font()
    bold.setBold(True)
    title = view.model().headerData(column, Qt.Orientation.Horizontal)
    return max(QFontMetrics(bold).horizontalAdvance(line) for line in title.split("\n")) + 26


def text_width(view: QTableView, index: QModelIndex) -> int:
    """What the text of a cell needs, as drawn: its font (bold in a totals row), its widest line, the style's
    margins."""
    font = index.data(Qt.ItemDataRole.FontRole)  # bold only: the rest is the table's (as the delegate draws it)
    metrics = QFontMetrics(font.resolve(view.font())) if isinstance(font, QFont) else view.fontMetrics()
    return max(metrics.horizontalAdvance(line) for line in (index.data() or "").split("\n")) + cell_margin(view)


def widest(view: QTableView, column: int) -> int:
    """The widest cell of a column, or its title when that is wider."""
    model = view.model()
    cells = [text_width(view, model.index(r, column)) for r in range(model.rowCount())]
    return max([title_width(view, column), *cells])


def cut_cells(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())
            if text_width(view, model.index(r, column)) > view.columnWidth(column)]


@pytest.mark.parametrize("size", SIZES)
def test_agreement_dates_are_never_cut_and_the_last_column_is_no_wider_than_it_needs(
        qtbot, make_window, demo_db, size) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = go_loaded(window, AgreementsPage)
    view, heads = page.table, titles(page.table)
    dates = [heads.index(t) for t in ("Gemeld", "Geregistreerd", "Bevestigd", "Afgerond / ingetrokken")]
    for c in dates:  # hidden at first (the details show them): shown as the header's menu does
        view.findChild(ColumnChooser).show_column(c, True)
    shown_at(qtbot, window, size)
    for c in dates:
        assert cut_cells(view, c) == [], heads[c]
    # Short values are whole too: a status, a period, the figures.
    for title in ("Status", "Looptijd", "Uren", "Gebruikt", "Over"):
        assert cut_cells(view, heads.index(title)) == [], title
    last = len(heads) - 1
    assert heads[last] == "Afgerond / ingetrokken"
    assert view.columnWidth(last) <= widest(view, last) + 8
    assert not view.horizontalHeader().stretchLastSection()


@pytest.mark.parametrize("size", SIZES)
def test_overview_figures_stay_beside_their_row(qtbot, make_window, demo_db, size) -> None:  # type: ignore[no-untyped-def]
    """The last column (Belegging, the forecast in words) is as wide as its words: no 550 pixels between a board
    and its figures."""
    window = make_window(demo_db)
    page = go_loaded(window, OverviewPage)
    shown_at(qtbot, window, size)
    view, heads = page.table, titles(page.table)
    last = heads.index("Belegging")
    assert last == len(heads) - 1
    assert view.columnWidth(last) <= widest(view, last) + 8
    for c in range(len(heads)):
        if not view.isColumnHidden(c):
            assert cut_cells(view, c) == [], heads[c]


def test_the_main_text_column_takes_the_spare_width(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Logboek at 1920: Samenvatting reaches the right edge; Wanneer is as wide as a moment."""
    window = make_window(demo_db)
    page = go_loaded(window, AuditPage)
    shown_at(qtbot, window, (1920, 1080))
    view, heads = page.table, titles(page.table)
    widths = [view.columnWidth(c) for c in range(len(heads))]
    assert sum(widths) == view.viewport().width()
    main = heads.index("Samenvatting")
    assert widths[main] == max(widths) > widest(view, main) - 1  # nothing of a summary cut
    for title in ("Wanneer", "Wie", "Actie", "Soort"):
        assert cut_cells(view, heads.index(title)) == [], title  # "ondersteuningsvraag" whole
    moment = heads.index("Wanneer")
    assert view.columnWidth(moment) <= widest(view, moment) + 8


@pytest.mark.parametrize("size", SIZES)
def test_hours_grid_shows_whole_names_and_cells(qtbot, make_window, demo_db, size) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = go_loaded(window, HoursPage)
    shown_at(qtbot, window, size)
    view = page.table
    for c in range(view.model().columnCount()):
        assert cut_cells(view, c) == [], titles(view)[c]


def test_a_width_the_user_set_is_remembered_and_dates_stay_whole(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = go_loaded(window, AgreementsPage)
    shown_at(qtbot, window, (1920, 1080))
    heads = titles(page.table)
    school = heads.index("School")
    page.table.horizontalHeader().resizeSection(school, 260)  # as a drag does
    shown_at(qtbot, window, (1600, 900))
    assert page.table.columnWidth(school) == 260  # a new window width does not undo it
    window.close()  # saves the widths

    again = make_window(demo_db)
    page = go_loaded(again, AgreementsPage)
    shown_at(qtbot, again, (1600, 900))
    assert page.table.columnWidth(school) == 260
    assert cut_cells(page.table, heads.index("Looptijd")) == []
    gemeld = heads.index("Gemeld")
    assert page.table.isColumnHidden(gemeld)
    page.table.findChild(ColumnChooser).show_column(gemeld, True)
    assert cut_cells(page.table, gemeld) == []


def test_widths_remembered_before_this_policy_no_longer_stretch_the_last_column(
        qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """A header state saved by an older version stretched its last column: that width was not the user's."""
    window = make_window(demo_db)
    page = go_loaded(window, OverviewPage)
    shown_at(qtbot, window, (1920, 1080))
    header = page.table.horizontalHeader()
    last = header.count() - 1
    page.table.setColumnWidth(last, 60)
    header.setStretchLastSection(True)  # as every table used to be
    qtbot.waitUntil(lambda: page.table.columnWidth(last) > 300)
    window.save_state()
    window.close()

    again = make_window(demo_db)
    page = go_loaded(again, OverviewPage)
    shown_at(qtbot, again, (1920, 1080))
    qtbot.waitUntil(lambda: not page.table.horizontalHeader().stretchLastSection())
    assert page.table.columnWidth(last) <= widest(page.table, last) + 8
