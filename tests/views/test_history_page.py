"""Verloop: the figures of every school year per board and provider, the `history` CSV cell for cell, filtered
by board and provider through the pickers, with a chart per board of its use over the years."""
from __future__ import annotations

import datetime as dt
import io
import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from desktop import csvout
from models.services import history
from models.services.reports import total
from tests.services.helpers import two_years
from tests.views.uren_helpers import choose, wait_loaded
from views.history_page import HistoryPage
from views.use_chart import BoardUse, UseChart, UseChartArea, YearUse, fitted_font, year_label

TODAY = dt.date(2018, 1, 15)


def _shown(page: HistoryPage) -> list[list[str]]:
    model = page.proxy
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _csv(db, board: str | None = None) -> list[list[str]]:  # type: ignore[no-untyped-def]
    with db.read() as session:
        rows = history.history(session, TODAY, board=board)
    out = io.StringIO()
    csvout.history(out, rows)
    return [line.split(";") for line in out.getvalue().splitlines()[1:]]


def _as_csv(cells: list[str]) -> list[str]:
    """A screen row in the CSV's form: no thousands dots, the percentage without its sign."""
    return [c.replace(".", "") if i >= 3 else c for i, c in enumerate(cells[:7])] + [
        cells[7].removesuffix(" %"), cells[8]]


def test_every_year_as_the_history_csv_and_the_filters(qtbot, make_window, empty_db) -> None:  # type: ignore[no-untyped-def]
    two_years(empty_db)
    window = make_window(empty_db, today=TODAY)
    nav = window.nav
    row = next(i for i in range(nav.count()) if nav.item(i).text() == "Verloop")
    assert nav.item(row - 1).text() == "Overzicht"
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    page = window.stack.currentWidget()
    assert isinstance(page, HistoryPage)
    wait_loaded(qtbot, page)
    assert [_as_csv(r) for r in _shown(page)] == _csv(empty_db) and len(_shown(page)) == 20
    assert "2 schooljaren" in page.subtitle.text()

    choose(page.board_filter, "KPO")
    assert [_as_csv(r) for r in _shown(page)] == _csv(empty_db, "KPO")
    assert [(u.board, [(y.year, y.percent, y.final) for y in u.years]) for u in page.chart.boards] == [
        ("KPO", [("2016-2017", 0, True), ("2017-2018", 5, False)])]
    choose(page.provider_filter, "Kameleon")
    assert [(r[0], r[2], r[7], r[8]) for r in _shown(page)] == [
        ("2016-2017", "Kameleon", "3 %", "definitief"), ("2017-2018", "Kameleon", "5 %", "voorlopig")]
    choose(page.board_filter, "Alle besturen")
    assert {r[1] for r in _shown(page)} == {"KPO", "OBO", "Borgesius", "De Waarden", "Kroevendonk / SPCO",
                                            "Zilverlinde / Pallas"}
    assert [u.board for u in page.chart.boards][:2] == ["KPO", "OBO"]
    # Sortable on the figure (the raw percentage, not its text).
    page.table.horizontalHeader().setSortIndicator(7, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, 7).data() == "5 %"


def test_rows_pickers_and_chart_are_made_in_the_reading_worker(qtbot, make_window, empty_db,
                                                               monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The UI thread only sets what the worker made; choosing a board or provider reads nothing again, and each
    board's use over its providers is that of their figures summed (reports.total), year by year."""
    import views.history_page as history_page

    two_years(empty_db)
    made: list[history_page.Shown] = []
    reads: list[int] = []
    real_shown, real_read = history_page.shown_of, history.history

    def in_worker(answers):  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread(), "made on the UI thread"
        made.append(real_shown(answers))
        return made[-1]

    def read(*args, **named):  # type: ignore[no-untyped-def]
        reads.append(1)
        return real_read(*args, **named)

    monkeypatch.setattr(history_page, "shown_of", in_worker)
    monkeypatch.setattr(history, "history", read)
    window = make_window(empty_db, today=TODAY)
    nav = window.nav
    row = next(i for i in range(nav.count()) if nav.item(i).text() == "Verloop")
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    page = window.stack.currentWidget()
    wait_loaded(qtbot, page)
    assert len(made) == 1 and len(reads) == 1
    shown = made[0]
    assert page.chart.boards == tuple(shown.uses.values()) and page.model.rows == shown.rows
    assert [page.board_filter.itemText(i) for i in range(page.board_filter.count())] == [
        "Alle besturen", "KPO", "OBO", "Borgesius", "De Waarden", "Kroevendonk / SPCO", "Zilverlinde / Pallas"]
    assert [page.provider_filter.itemText(i) for i in range(page.provider_filter.count())] == [
        "Alle dienstverleners", "Kameleon", "Mytyschool", "Driespan"]
    for use in page.chart.boards:
        assert [(y.year, y.percent, y.final) for y in use.years] == [
            (year, total(r.figures for r in shown.rows if (r.board, r.year) == (use.board, year)).utilisation,
             year == "2016-2017")
            for year in dict.fromkeys(r.year for r in shown.rows if r.board == use.board)]
    assert [y.percent for y in page.chart.boards[0].years] == [0, 5]  # KPO: 5 h of its three providers; 3 of 60 h

    choose(page.board_filter, "KPO")
    choose(page.provider_filter, "Mytyschool")
    assert [(u.board, [y.percent for y in u.years]) for u in page.chart.boards] == [("KPO", [0])]
    choose(page.board_filter, "Alle besturen")
    assert len(page.chart.boards) == 6 and len(reads) == 1


def test_many_boards_scroll_in_a_chart_two_rows_high(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A decade's 60 boards are ten rows of charts: the chart scrolls in two rows' height instead of making the
    window taller than the screen; a few boards take only the rows they need."""
    chart = UseChart()
    area = UseChartArea(chart)
    qtbot.addWidget(area)
    area.resize(6 * UseChart.CELL.width() + 40, 600)
    area.show()
    chart.set_boards([BoardUse(f"Bestuur {i}", (YearUse("2016-2017", i, True),)) for i in range(60)])
    assert chart.height() == 10 * UseChart.CELL.height()
    assert area.height() == 2 * UseChart.CELL.height() and area.verticalScrollBar().maximum() > 0
    chart.set_boards([BoardUse(f"Bestuur {i}", (YearUse("2016-2017", i, False),)) for i in range(6)])
    assert area.height() == chart.height() == UseChart.CELL.height()


def test_a_percentage_too_wide_for_its_bar_is_shortened_not_cut(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A decade's 109 % (not final yet) over one of five bars: "109 % v" is wider than the bar's slot, and the
    bars beside it painted over its ends ("l09 % "); it is shortened until it fits, and drawn after every bar."""
    chart = UseChart()
    qtbot.addWidget(chart)
    metrics = chart.fontMetrics()
    slot = (UseChart.CELL.width() - 12) // 5  # as the chart paints a board's five years
    wide = YearUse("2025-2026", 109, False)
    label = year_label(wide, slot, metrics.horizontalAdvance)
    assert label in ("109 % v", "109 %", "109%") and metrics.horizontalAdvance(label) > slot - 2  # too wide here
    assert QFontMetrics(fitted_font(chart.font(), label, slot - 2)).horizontalAdvance(label) <= slot - 2
    assert fitted_font(chart.font(), "9 %", slot - 2) == chart.font()  # what fits keeps its size
    assert year_label(YearUse("2016-2017", 9, False), 3 * slot, metrics.horizontalAdvance) == "9 % v"
    assert year_label(YearUse("2016-2017", None, True), slot, metrics.horizontalAdvance) == "–"
    chart.resize(UseChart.CELL.width(), UseChart.CELL.height())
    chart.set_boards([BoardUse("Stichting Onderwijs 01", tuple(YearUse(f"20{16 + i}-20{17 + i}", 109 + i, i < 4)
                                                               for i in range(5)))])
    chart.show()
    assert not chart.grab().isNull()  # painted: every label after the bars
