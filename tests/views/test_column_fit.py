"""Tables that fit the window as a user sees them: Overeenkomsten with a column chooser on its header, Uren Per
maand with its 11 months and Jaar, Maandbudgetten, the questions of Innovatie, Logboek at 1024 x 768."""
from __future__ import annotations


import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QTableView

from models.domain.agreements import Kind
from tests.views.uren_helpers import go_loaded
from views.agreements.page import AgreementsPage
from views.allocation.page import AllocationPage
from views.audit_page import AuditPage
from views.expertise.page import ExpertisePage
from views.hours.page import HoursPage
from views.innovation.page import InnovationPage
from views.tables import Column, ColumnChooser, RowsModel, make_table

pytestmark = pytest.mark.usefixtures("app_style")  # the app's own style: its paddings count



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
    font = index.data(Qt.ItemDataRole.FontRole)  # bold only: the rest is the table's (as the delegate draws it)
    metrics = QFontMetrics(font.resolve(view.font())) if isinstance(font, QFont) else view.fontMetrics()
    lines = (index.data() or "").split("\n")
    return max(metrics.horizontalAdvance(line) for line in lines) + cell_margin(view)


def cut_cells(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())
            if text_width(view, model.index(r, column)) > view.columnWidth(column)]


def fits_without_scrolling(view: QTableView) -> bool:
    return used_width(view) <= view.viewport().width()


def no_sideways_scrolling(view: QTableView) -> bool:
    """The columns fit and the table shows no horizontal scroll bar (nor needs one)."""
    bar = view.horizontalScrollBar()
    return fits_without_scrolling(view) and bar.maximum() == 0 and not bar.isVisible()


def number_columns(view: QTableView) -> list[int]:
    """The shown columns of figures (right-aligned): their cells are never cut."""
    model = view.model()
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return [c for c in shown_columns(view)
            if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) == right]


# ---------------------------------------------------------------- Overeenkomsten

DATES = ("Gemeld", "Geregistreerd", "Bevestigd", "Afgerond / ingetrokken")


def header_menu(qtbot, view: QTableView):  # type: ignore[no-untyped-def]
    """Right-click on the header, as the user does: the menu that pops up."""
    header = view.horizontalHeader()
    header.customContextMenuRequested.emit(header.rect().center())
    chooser = view.findChild(ColumnChooser)
    qtbot.waitUntil(lambda: chooser.menu is not None and chooser.menu.isVisible())
    return chooser.menu


def menu_items(menu) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    return {a.text(): a.isChecked() for a in menu.actions() if a.isCheckable()}


def test_agreements_fit_1280_without_scrolling_sideways(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = go_loaded(window, AgreementsPage)
    shown_at(qtbot, window, (1280, 800))
    view, heads = page.table, titles(page.table)
    assert fits_without_scrolling(view), (used_width(view), view.viewport().width())
    assert [h.replace("-\n", "") for h in heads if not view.isColumnHidden(heads.index(h))] == [
        "Nummer", "Bestuur", "School", "Dienstverlener", "Soort", "Omschrijving", "Uren", "Gebruikt", "Over",
        "Status", "Looptijd"]
    for title in DATES:  # in the details pane below; shown on request
        assert view.isColumnHidden(heads.index(title))
    for title in ("Nummer", "Uren", "Gebruikt", "Over", "Status", "Looptijd"):
        assert cut_cells(view, heads.index(title)) == [], title


def test_agreements_show_whole_names_and_kinds_at_1920(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = go_loaded(window, AgreementsPage)
    shown_at(qtbot, window, (1920, 1080))
    view, heads = page.table, titles(page.table)
    assert fits_without_scrolling(view)
    for title in ("Bestuur", "School", "Dienst-\nverlener", "Soort", "Omschrijving"):
        assert cut_cells(view, heads.index(title)) == [], title
    kinds = {view.model().index(r, heads.index("Soort")).data() for r in range(view.model().rowCount())}
    assert kinds - {""} <= {k.label for k in Kind} and "Preventieve ondersteuning" in kinds  # as in the PDF
    description = heads.index("Omschrijving")
    assert view.columnWidth(description) == max(view.columnWidth(c) for c in shown_columns(view))


def test_the_header_menu_shows_and_hides_columns_and_the_choice_is_remembered(
        qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = go_loaded(window, AgreementsPage)  # a page built after start-up
    shown_at(qtbot, window, (1280, 800))
    view, heads = page.table, titles(page.table)
    menu = header_menu(qtbot, view)
    items = menu_items(menu)
    assert list(items) == [h.replace("-\n", "").replace("\n", " ") for h in heads]  # every column
    assert "Kolommen tonen" in [a.text() for a in menu.actions()]
    assert {t for t, on in items.items() if not on} == set(DATES)
    next(a for a in menu.actions() if a.text() == "Bevestigd").trigger()
    school = next(a for a in menu.actions() if a.text() == "School")
    school.trigger()
    menu.close()
    assert not view.isColumnHidden(heads.index("Bevestigd")) and view.isColumnHidden(heads.index("School"))
    assert cut_cells(view, heads.index("Bevestigd")) == []
    assert fits_without_scrolling(view)  # the room of School went to the others
    window.close()  # remembers the header, hidden columns and all

    again = make_window(demo_db)
    page = go_loaded(again, AgreementsPage)
    shown_at(qtbot, again, (1280, 800))
    view = page.table
    assert not view.isColumnHidden(heads.index("Bevestigd"))
    assert view.isColumnHidden(heads.index("School")) and view.isColumnHidden(heads.index("Gemeld"))
    menu = header_menu(qtbot, view)
    assert menu_items(menu)["School"] is False and menu_items(menu)["Bevestigd"] is True
    next(a for a in menu.actions() if a.text() == "Standaardkolommen").trigger()
    menu.close()
    assert not view.isColumnHidden(heads.index("School")) and view.isColumnHidden(heads.index("Bevestigd"))


def test_every_table_has_the_menu_and_the_last_column_stays(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = go_loaded(window, AuditPage)
    view = page.table
    menu = header_menu(qtbot, view)
    for action in [a for a in menu.actions() if a.isCheckable()][1:]:
        action.trigger()
    menu.close()
    assert [c for c in range(view.model().columnCount()) if not view.isColumnHidden(c)] == [0]
    menu = header_menu(qtbot, view)
    assert not [a for a in menu.actions() if a.isCheckable()][0].isEnabled()  # one column stays
    menu.close()
    window.close()
    again = make_window(demo_db)
    view = go_loaded(again, AuditPage).table
    assert [c for c in range(view.model().columnCount()) if not view.isColumnHidden(c)] == [0]


def test_a_table_whose_columns_come_later_gets_its_remembered_columns(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Uren, Per maand has a column per month of the year, made after the page is built: the header the window
    remembered is restored when they come."""
    window = make_window(demo_db)
    view = go_loaded(window, HoursPage).table
    qtbot.waitUntil(lambda: view.model().columnCount() > 0)
    year = view.model().columnCount() - 1
    menu = header_menu(qtbot, view)
    next(a for a in menu.actions() if a.text() == "Jaar").trigger()
    menu.close()
    assert view.isColumnHidden(year)
    window.close()

    again = make_window(demo_db)
    page = go_loaded(again, HoursPage)
    view = page.table
    qtbot.waitUntil(lambda: view.model().columnCount() > 0)
    assert view.isColumnHidden(year)
    page.refresh()  # new figures, the same columns
    assert view.isColumnHidden(year) and not view.isColumnHidden(year - 1)


def test_columns_remembered_before_the_chooser_start_with_the_defaults(
        qtbot, make_window, demo_db, settings) -> None:  # type: ignore[no-untyped-def]
    """A header saved by an older version showed every column: its widths stay, the dates are hidden."""
    window = make_window(demo_db)
    page = go_loaded(window, AgreementsPage)
    view, heads = page.table, titles(page.table)
    for title in DATES:
        view.findChild(ColumnChooser).show_column(heads.index(title), True)
    view.horizontalHeader().resizeSection(heads.index("School"), 230)
    window.close()
    settings.remove("columnsChosen")  # as an older version left the settings

    again = make_window(demo_db)
    view = go_loaded(again, AgreementsPage).table
    assert all(view.isColumnHidden(heads.index(t)) for t in DATES)
    assert view.columnWidth(heads.index("School")) == 230


# ---------------------------------------------------------------- Uren, Per maand

@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_the_month_grid_fits_1280_with_every_month_and_the_year(qtbot, make_window, demo_db, size) -> None:  # type: ignore[no-untyped-def]
    """11 months and Jaar side by side without scrolling sideways; the used hours over the budget on two lines
    ("281,75" over "/ 379" in the totals row), rows tall enough for both; names and figures whole."""
    window = make_window(demo_db)
    page = go_loaded(window, HoursPage)
    shown_at(qtbot, window, size)
    view, heads = page.table, titles(page.table)
    assert [h.split("\n")[0] for h in heads[2:]] == ["sep", "okt", "nov", "dec", "jan", "feb", "mrt", "apr", "mei",
                                                     "jun", "jul", "Jaar"]
    assert fits_without_scrolling(view), (used_width(view), view.viewport().width())
    for c in shown_columns(view):
        assert cut_cells(view, c) == [], heads[c]
    model = view.model()
    total = model.index(model.rowCount() - 1, heads.index("Jaar"))
    assert total.data().count("\n") == 1 and total.data().split("\n")[1].startswith("/ ")
    lines = 2 * view.fontMetrics().lineSpacing()
    assert all(view.rowHeight(r) >= lines for r in range(model.rowCount()))


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_the_months_share_the_width_that_is_over(qtbot, make_window, demo_db, size) -> None:  # type: ignore[no-untyped-def]
    """No empty band right of the grid (at 1920 it was 718 px, at 1280 78): the months are equally wide and
    share what is over with Jaar, up to 40 px more than the widest needs (the figures stay near their names); the
    names keep their widths."""
    window = make_window(demo_db)
    page = go_loaded(window, HoursPage)
    shown_at(qtbot, window, (1024, 768))
    view, heads = page.table, titles(page.table)
    names = [view.columnWidth(0), view.columnWidth(1)]
    shown_at(qtbot, window, size)
    months = [view.columnWidth(c) for c in range(2, len(heads))]
    assert len(set(months[:-1])) == 1 and months[-1] >= months[0], months  # Jaar: its bigger figures
    assert no_sideways_scrolling(view)
    assert [view.columnWidth(0), view.columnWidth(1)] == names
    widest = max(max(text_width(view, view.model().index(r, c)) for r in range(view.model().rowCount()))
                 for c in range(2, len(heads)))
    assert months[0] <= widest + 40 + 14 + 4  # the room of the widest title beside its figures, and no more
    if size == (1920, 1080):
        assert view.viewport().width() - used_width(view) <= 120
    else:
        assert view.viewport().width() - used_width(view) <= len(heads)  # whole pixels


def test_the_sort_arrow_gets_room_in_the_column_sorted_on(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Titles are as narrow as their words; the column sorted on widens for its arrow, and stays whole."""
    window = make_window(demo_db)
    page = go_loaded(window, HoursPage)
    shown_at(qtbot, window, (1280, 800))
    view, heads = page.table, titles(page.table)
    april = heads.index(next(h for h in heads if h.startswith("apr")))
    bold = view.font()
    bold.setBold(True)
    words = max(QFontMetrics(bold).horizontalAdvance(line) for line in heads[april].split("\n"))
    before = view.columnWidth(april)
    view.sortByColumn(april, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: view.columnWidth(april) >= words + 14 + 12)
    assert view.columnWidth(april) >= before
    assert fits_without_scrolling(view)


# ---------------------------------------------------------------- Verdeling, Maandbudgetten

@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_month_budgets_fit_1280_with_whole_names(qtbot, make_window, demo_db, size) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = go_loaded(window, AllocationPage)
    page.tabs.setCurrentIndex(1)
    shown_at(qtbot, window, size)
    view = page.month_table
    assert fits_without_scrolling(view), (used_width(view), view.viewport().width())
    for c in shown_columns(view):
        assert cut_cells(view, c) == [], titles(view)[c]


# ---------------------------------------------------------------- Verdeling, Jaarverdeling

def test_the_year_allocation_tables_fit_1280(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Dienstverleners beside Besturen, and the yearly hours below: no table scrolls sideways (Dienstverleners
    was a few pixels narrower than its columns), no figure cut, the bold totals ('2.194 van 2.193') included."""
    window = make_window(demo_db)
    page = go_loaded(window, AllocationPage)
    page.tabs.setCurrentIndex(0)
    shown_at(qtbot, window, (1280, 800))
    for view in (page.provider_table, page.board_table, page.year_table):
        assert no_sideways_scrolling(view), (view.objectName(), used_width(view), view.viewport().width())
        assert len(number_columns(view)) >= 3
        for c in shown_columns(view):
            assert cut_cells(view, c) == [], (view.objectName(), titles(view)[c])


# ---------------------------------------------------------------- Innovatie

def test_bold_cells_are_measured_in_bold(qtbot, app_style) -> None:  # type: ignore[no-untyped-def]
    """A cell shown in bold (the amount in force) is as wide as its bold text, not its plain one."""
    rows = [("€ 28.000,00", True), ("€ 6.000,00", False)]
    model = RowsModel([Column("Bedrag", lambda r: r[0], "int", text=lambda r: r[0], bold=lambda r: r[1])], rows)
    view, _proxy = make_table(model, object_name="boldTable")
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    QApplication.processEvents()
    bold = view.model().index(0, 0)
    assert bold.data(Qt.ItemDataRole.FontRole).bold()
    assert text_width(view, bold) > view.fontMetrics().horizontalAdvance(rows[0][0]) + cell_margin(view)
    assert cut_cells(view, 0) == []


def test_the_exhaustion_fits_1280_with_its_bold_amounts_whole(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Uitputting: every amount whole, the bold one in force too ('€ 28.000,00' was cut to '€ 28.000,…'); Soort
    (standaard or eigen bedrag) is shown on request and in the tooltip of the fixed amount."""
    window = make_window(demo_db)
    page = go_loaded(window, InnovationPage)
    shown_at(qtbot, window, (1280, 800))
    view, heads = page.budget_table, titles(page.budget_table)
    model = view.model()
    assert no_sideways_scrolling(view), (used_width(view), view.viewport().width())
    fixed, per_pupil = heads.index("Vast\nbedrag"), heads.index("Per\nleerling")
    bold = [r for r in range(model.rowCount() - 1)
            for c in (fixed, per_pupil) if (font := model.index(r, c).data(Qt.ItemDataRole.FontRole)) and font.bold()]
    assert len(bold) == model.rowCount() - 1  # one amount in force per row
    assert {fixed, per_pupil} <= set(number_columns(view)) and len(number_columns(view)) == 6
    for c in shown_columns(view):
        assert cut_cells(view, c) == [], heads[c]
    assert view.isColumnHidden(heads.index("Soort"))
    assert model.index(0, fixed).data(Qt.ItemDataRole.ToolTipRole) == "Soort: standaard"


def test_the_question_title_takes_the_spare_width(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Not "Scholen (bestuur)": the title is what the secretariat reads a question by (on a wide screen all
    schools fit, and the room that is over goes to the title)."""
    window = make_window(demo_db)
    page = go_loaded(window, InnovationPage)
    shown_at(qtbot, window, (2560, 1440))
    view, heads = page.question_table, titles(page.question_table)
    assert view.model().rowCount() > 0
    title, schools = heads.index("Titel"), heads.index("Scholen (bestuur)")
    widest_schools = max(text_width(view, view.model().index(r, schools)) for r in range(view.model().rowCount()))
    assert view.columnWidth(schools) <= max(widest_schools, 230) + 8  # no spare width beside the schools
    assert cut_cells(view, title) == []
    assert used_width(view) == view.viewport().width()  # what is over went to the title


# ---------------------------------------------------------------- Expertise

def test_the_expertise_guide_fits_1280(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Nine columns did not fit: the contact person (in the details under the table) is shown on request, the
    phone numbers are never cut, long names elide with their whole text as the tooltip."""
    window = make_window(demo_db)
    page = go_loaded(window, ExpertisePage)
    shown_at(qtbot, window, (1280, 800))
    view, heads = page.table, titles(page.table)
    assert no_sideways_scrolling(view), (used_width(view), view.viewport().width())
    assert view.isColumnHidden(heads.index("Contactpersoon"))
    for title in ("Soort", "Aangetoond", "Telefoon", "Plaats"):
        assert cut_cells(view, heads.index(title)) == [], title
    model = view.model()
    for c in shown_columns(view):
        for r in range(model.rowCount()):
            index = model.index(r, c)
            if text_width(view, index) > view.columnWidth(c):  # elided: the tooltip has the whole text
                assert index.data() in (index.data(Qt.ItemDataRole.ToolTipRole) or ""), (heads[c], index.data())


# ---------------------------------------------------------------- a narrow window (1024 x 768)

def test_at_1024_names_give_up_their_set_widths_when_that_makes_the_table_fit(
        qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Expertise at 1024: the same columns as at 1280, none scrolled out of sight; names, organisations and
    addresses elide (their whole text in the tooltip), the kind, evidence and phone numbers stay whole."""
    window = make_window(demo_db)
    page = go_loaded(window, ExpertisePage)
    shown_at(qtbot, window, (1280, 800))
    view, heads = page.table, titles(page.table)
    at_1280 = shown_columns(view)
    shown_at(qtbot, window, (1024, 768))
    assert shown_columns(view) == at_1280  # the defaults stay; the columns are narrower
    assert no_sideways_scrolling(view), (used_width(view), view.viewport().width())
    for title in ("Soort", "Aangetoond", "Telefoon"):
        assert cut_cells(view, heads.index(title)) == [], title
    model = view.model()
    for c in shown_columns(view):
        assert view.columnWidth(c) >= QFontMetrics(view.font()).horizontalAdvance(heads[c])  # titles whole
        for r in range(model.rowCount()):
            index = model.index(r, c)
            if text_width(view, index) > view.columnWidth(c):
                assert index.data() in (index.data(Qt.ItemDataRole.ToolTipRole) or ""), (heads[c], index.data())


@pytest.mark.parametrize("page_type", [AgreementsPage, HoursPage])
def test_at_1024_a_table_that_cannot_fit_scrolls_with_its_names_and_figures_whole(
        qtbot, make_window, demo_db, page_type) -> None:  # type: ignore[no-untyped-def]
    """Overeenkomsten (1,019 px at the least) and the month grid (998 px: 12 columns of figures) do not fit the
    820 px of a 1024 window even with every name down to its title: they scroll sideways, and nothing is cut
    for nothing (the same columns as at 1280, names at their set widths, figures whole)."""
    window = make_window(demo_db)
    page = go_loaded(window, page_type)
    shown_at(qtbot, window, (1280, 800))
    view, heads = page.table, titles(page.table)
    at_1280 = shown_columns(view)
    shown_at(qtbot, window, (1024, 768))
    assert shown_columns(view) == at_1280
    assert view.horizontalScrollBar().maximum() > 0
    for c in number_columns(view):
        assert cut_cells(view, c) == [], heads[c]
    source = view.model().sourceModel()
    for c in shown_columns(view):
        if source.columns[c].width is not None and not source.columns[c].fitted(source.rows):  # the names
            assert view.columnWidth(c) >= source.columns[c].width, heads[c]


def test_a_column_hidden_by_default_since_the_header_was_remembered_starts_hidden(
        qtbot, make_window, demo_db, settings) -> None:  # type: ignore[no-untyped-def]
    """Expertise remembered by the version before (every column shown, Contactpersoon not yet hidden by default):
    Contactpersoon starts hidden and the table fits 1280; what the user hid stays hidden."""
    window = make_window(demo_db)
    view = go_loaded(window, ExpertisePage).table
    heads = titles(view)
    chooser = view.findChild(ColumnChooser)
    chooser.show_column(heads.index("Contactpersoon"), True)  # as the version before showed it
    window.close()
    settings.remove("columnsHiddenByDefault")  # the version before did not remember the defaults
    again = make_window(demo_db)
    page = go_loaded(again, ExpertisePage)
    shown_at(qtbot, again, (1280, 800))
    view = page.table
    assert view.isColumnHidden(heads.index("Contactpersoon"))
    assert no_sideways_scrolling(view)

    chooser = view.findChild(ColumnChooser)
    chooser.show_column(heads.index("Contactpersoon"), True)  # the user's own choice now: it stays
    chooser.show_column(heads.index("Plaats"), False)
    again.close()
    assert settings.value("columnsHiddenByDefault/expertTable") == "Contactpersoon"
    third = make_window(demo_db)
    view = go_loaded(third, ExpertisePage).table
    assert not view.isColumnHidden(heads.index("Contactpersoon")) and view.isColumnHidden(heads.index("Plaats"))
    third.close()

    settings.setValue("columnsHiddenByDefault/expertTable", "")  # saved when nothing was hidden by default
    fourth = make_window(demo_db)
    view = go_loaded(fourth, ExpertisePage).table
    assert view.isColumnHidden(heads.index("Contactpersoon")) and view.isColumnHidden(heads.index("Plaats"))
