"""Overzicht beside the month's figures: the forecast with the month shown as the running month (DOMAIN.md
point 12), cell for cell the `forecast` CSV of that month, marked in colour and in words."""
from __future__ import annotations

import io

from PySide6.QtCore import Qt

from desktop import csvout
from models.domain.months import Month
from models.services import forecast
from tests.conftest import TODAY
from tests.views.uren_helpers import choose
from views.overview_page import OverviewPage
from views.tables import BAD, WARN

FORECAST_TITLES = ["Vervalt deze maand", "Nog over dit jaar", "Belegd", "Niet belegd", "Overbelegd"]


def _pick_month(page: OverviewPage, label: str) -> None:
    choose(page.month_picker, label)


def _columns(page: OverviewPage) -> dict[str, int]:
    model = page.proxy
    return {" ".join(str(model.headerData(c, Qt.Orientation.Horizontal)).replace("-\n", "").split()): c
            for c in range(model.columnCount())}


def _csv(demo_db, month: Month) -> list[list[str]]:  # type: ignore[no-untyped-def]
    with demo_db.read() as session:
        rows = forecast.forecast_rows(session, "2016-2017", month, TODAY)
    out = io.StringIO()
    csvout.forecast(out, rows)
    return [line.split(";") for line in out.getvalue().splitlines()[1:]]


def test_the_forecast_on_screen_is_the_forecast_csv(make_window, demo_db) -> None:
    window = make_window(demo_db)
    page = window.stack.currentWidget()
    assert isinstance(page, OverviewPage)
    for label, month in (("februari 2017", Month(2017, 2)), ("september 2016", Month(2016, 9))):
        _pick_month(page, label)
        columns = _columns(page)
        model = page.proxy
        shown = [[model.index(r, columns["Bestuur"]).data(), model.index(r, columns["Dienstverlener"]).data(),
                  *(model.index(r, columns[t]).data().replace(".", "") for t in FORECAST_TITLES)]
                 for r in range(model.rowCount() - 1)]
        expected = [[b, p, *figures] for b, p, _m, *figures in _csv(demo_db, month)]
        assert shown == expected and len(shown) == 18


def test_not_committed_and_over_committed_are_marked_in_colour_and_words(make_window, demo_db,
                                                                         app_style) -> None:
    window = make_window(demo_db)
    page = window.stack.currentWidget()
    _pick_month(page, "februari 2017")
    columns = _columns(page)
    model = page.proxy
    seen = set()
    for r in range(model.rowCount() - 1):
        words = model.index(r, columns["Belegging"]).data()
        not_committed = model.index(r, columns["Niet belegd"])
        over = model.index(r, columns["Overbelegd"])
        if over.data() != "0":
            assert words == "overbelegd" and over.data(Qt.ItemDataRole.BackgroundRole).color() == BAD
        elif not_committed.data() != "0":
            assert words == "niet belegd"
            assert not_committed.data(Qt.ItemDataRole.BackgroundRole).color() == WARN
        else:
            assert words == ""
        seen.add(words)
    assert seen >= {"overbelegd", "niet belegd"}
    total = model.rowCount() - 1
    assert model.index(total, 0).data() == "Totaal" and model.index(total, columns["Belegging"]).data() == ""
    assert "niet belegd" in page.legend.text() and "overbelegd" in page.legend.text()
    # Sortable on the figure, the totals row stays last.
    page.table.horizontalHeader().setSortIndicator(columns["Overbelegd"], Qt.SortOrder.DescendingOrder)
    assert model.index(0, columns["Overbelegd"]).data() == "128"
    assert model.index(total, 0).data() == "Totaal"


def test_overview_fits_1280_by_800_without_scrolling_sideways(qtbot, make_window, demo_db, app_style) -> None:
    window = make_window(demo_db)
    window.resize(1280, 800)
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: window.width() == 1280)
    _pick_month(page, "februari 2017")
    view = page.table
    used = sum(view.columnWidth(c) for c in range(view.model().columnCount()) if not view.isColumnHidden(c))
    assert used <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
