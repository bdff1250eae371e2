"""Verloop: the figures of every school year per board and provider, the `history` CSV cell for cell, filtered
by board and provider through the pickers, with a chart per board of its use over the years."""
from __future__ import annotations

import datetime as dt
import io

from PySide6.QtCore import Qt

from desktop import csvout
from models.services import history
from tests.services.helpers import two_years
from tests.views.uren_helpers import choose, wait_loaded
from views.history_page import HistoryPage

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
