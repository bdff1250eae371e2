"""What a page shows is made in its reading worker (`PageLoader.load_all(..., prepare=...)`): the UI thread only
fills its tables with the rows and texts made there; a superseded answer is dropped, prepared or not. And the
yearly hours of Verdeling are widened from their texts as the view's own size hint would. The mechanism, not
the timing."""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt

from tests.views.uren_helpers import wait_loaded
from views.loading import PageLoader


def _go(qtbot, window, title: str):  # type: ignore[no-untyped-def]
    nav = window.nav
    row = next(i for i in range(nav.count()) if nav.item(i).text() == title)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    return window.stack.currentWidget()


def test_the_hours_grid_is_made_in_the_worker_and_shown_as_made(qtbot, make_window, demo_db,
                                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import views.hours.page as hours_page
    from views.hours.grid import hours_grid

    made = []

    def in_worker(answers):  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread(), "the grid made on the UI thread"
        made.append(hours_grid(answers))
        return made[-1]

    monkeypatch.setattr(hours_page, "hours_grid", in_worker)
    window = make_window(demo_db)
    page = _go(qtbot, window, "Uren")
    wait_loaded(qtbot, window)
    assert len(made) == 1
    grid = made[0]
    assert grid.rows and grid.total is not None
    model = page.table.model()
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert shown == [[row.board, row.provider, *(row.texts[s.month] for s in grid.states), row.year_text]
                     for row in [*grid.rows, grid.total]]
    assert f"{len(grid.rows)} combinaties bestuur × dienstverlener" in page.subtitle.text()
    assert f"{grid.full} cellen vol, {grid.over} over" in page.subtitle.text()
    # The cells' words agree with their figures: "vol" exactly at budget + reserve, "over" above it.
    for row in grid.rows:
        for month, cell in row.cells.items():
            assert row.texts[month].endswith(" vol") == (cell.used == cell.limit > 0)
            assert row.texts[month].endswith(" over") == (cell.used > cell.limit)


def test_a_prepared_answer_of_a_superseded_read_is_dropped(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    page = _go(qtbot, window, "Verloop")
    wait_loaded(qtbot, window)
    loader = page.findChild(PageLoader)
    shown: list[str] = []
    prepared_in: list[bool] = []
    first_started = threading.Event()

    def slow_first(_session) -> str:  # type: ignore[no-untyped-def]
        first_started.set()
        time.sleep(0.3)
        return "eerste"

    def prepare(answers: tuple[str, ...]) -> str:
        prepared_in.append(threading.current_thread() is threading.main_thread())
        return " + ".join(answers).upper()

    loader.load_all((slow_first,), prepare=prepare, then=shown.append)
    qtbot.waitUntil(first_started.is_set, timeout=5_000)  # its worker starts once the window has painted
    loader.load_all((lambda _session: "tweede",), (lambda _session: "derde",), prepare=prepare, then=shown.append)
    wait_loaded(qtbot, window)
    assert shown == ["TWEEDE + DERDE"]
    assert prepared_in and not any(prepared_in)


def test_the_yearly_hours_are_as_wide_as_the_views_own_hint_asks(make_window, reference_db) -> None:  # type: ignore[no-untyped-def]
    """'2.194 van 2.193' (bold, in the totals row) is not cut: every column at least 6 pixels wider than Qt's own
    size hint for its cells, worked out from the texts rather than by asking the view for every cell."""
    from tests.views.uren_helpers import wait_all_loaded

    window = make_window(reference_db)
    page = window.go_to("AllocationPage")
    wait_all_loaded()
    table = page.year_table
    hints = [table.sizeHintForColumn(i) for i in range(table.model().columnCount())]
    widths = [table.columnWidth(i) for i in range(len(hints))]
    assert all(width >= hint + 6 for width, hint in zip(widths, hints)), (widths, hints)
    # At least one column is exactly that wide: its content, not its title, set its width.
    assert any(width == hint + 6 for width, hint in zip(widths, hints)), (widths, hints)
