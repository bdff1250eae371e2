"""A page's first show builds its widgets from the page down: each widget is put in a box that is in its place
already, so that the window's style sheet does not style it again at every box it is moved into (a table moved
through five boxes was restyled five times: most of a tenth of a second on the UI thread). The mechanism,
counted in the changes of style and font the widgets are told of, not the time."""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.views.uren_helpers import wait_loaded
from views.tables import ColumnChooser


class StyleChanges(QObject):
    """Counts the changes of style and font the widgets are told of."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: Counter[str] = Counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and isinstance(watched, QWidget):
            self.seen[event.type().name] += 1
        return False


def _go(qtbot, window, title: str):  # type: ignore[no-untyped-def]
    nav = window.nav
    row = next(i for i in range(nav.count()) if nav.item(i).text() == title)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    return window.stack.currentWidget()


@pytest.mark.parametrize("title", ["Innovatie", "Verdeling"])
def test_a_first_show_restyles_no_widget_at_every_box(qtbot, app_style, make_window, demo_db,
                                                    title: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    wait_loaded(qtbot, window)
    counter = StyleChanges()
    QApplication.instance().installEventFilter(counter)
    try:
        page = _go(qtbot, window, title)
        wait_loaded(qtbot, window)
    finally:
        QApplication.instance().removeEventFilter(counter)
    assert page.title == title
    # Moved into its place once, shown once: six or seven changes per widget (a page built from the boxes up was
    # told of some fifteen per widget, each box it was moved into restyling all of it again).
    widgets = len(page.findChildren(QWidget)) + 1
    told = sum(counter.seen.values())
    assert told <= 9 * widgets, (told, widgets)


def test_a_header_restored_as_it_was_sorts_no_rows_again(qtbot, make_window, demo_db,
                                                          monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Making a table sortable, and the window restoring its remembered header (no column sorted), leave the rows
    in the order they came: no new layout, so nothing measured again (Verdeling's 1,500 month rows were sorted
    into the same order and measured once more)."""
    window = make_window(demo_db)
    page = _go(qtbot, window, "Verdeling")
    wait_loaded(qtbot, window)
    status = page.month_model.columnCount() - 1
    page.month_table.findChild(ColumnChooser).show_column(status, False)  # "Kolommen tonen": Status off
    _go(qtbot, window, "Overzicht")
    window.save_state()
    window.close()

    from views.tables import RowsModel

    relaid: list[str] = []
    made = RowsModel.__init__

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        made(self, *args, **kwargs)
        self.layoutChanged.connect(lambda *_: relaid.append(type(self).__name__))

    monkeypatch.setattr(RowsModel, "__init__", counted)
    again = make_window(demo_db)
    wait_loaded(qtbot, again)
    page = _go(qtbot, again, "Verdeling")
    wait_loaded(qtbot, again)
    assert page.month_model.rows and page.month_table.isColumnHidden(status)  # the header was restored
    assert relaid == []
    came = [row.board for row in page.month_model.rows]
    header = page.month_table.horizontalHeader()  # a click on a title still sorts
    x = header.sectionViewportPosition(0) + header.sectionSize(0) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert relaid == ["RowsModel"]
    boards = [row.board for row in page.month_model.rows]
    assert boards == sorted(boards) != came
