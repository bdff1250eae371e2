"""Helpers for the Overeenkomsten, Uren and Reserve view tests: data set up through the services, and
reading what a table shows the way a user reads it (by column title and row text)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt

from models.db import Database
from models.domain.agreements import Kind
from models.domain.months import Month
from models.services import agreements, hours
from tests.conftest import TODAY

YEAR = "2016-2017"


def wait_loaded(qtbot: Any, widget: Any, timeout: int = 10_000) -> None:
    """Wait, as a user looks at the screen, until no page in `widget` is still reading (views/loading.py)."""
    from PySide6.QtTest import QTest

    from views.loading import loaders_in

    def loaded() -> bool:
        return not any(loader.waiting for loader in loaders_in(widget))

    if qtbot is not None:
        qtbot.waitUntil(loaded, timeout=timeout)
        return
    for _ in range(timeout // 10):
        if loaded():
            return
        QTest.qWait(10)
    raise AssertionError("the page is still loading")


def go_loaded(window: Any, page: Any) -> Any:
    """`window.go_to(page)`, once the page has read what it shows (as a person waits for "Bezig met laden…")."""
    shown = window.go_to(page)
    wait_loaded(None, window)
    return shown


def wait_all_loaded(timeout: int = 10_000) -> None:
    """Wait until no page of any open window is still reading: what a user does before reading a table."""
    import shiboken6
    from PySide6.QtWidgets import QApplication

    for window in QApplication.topLevelWidgets():
        if shiboken6.isValid(window) and window.isVisible():
            wait_loaded(None, window, timeout)


def act(db: Database, fn: Any) -> Any:
    with db.write() as session:
        return fn(session)


def read(db: Database, fn: Any) -> Any:
    with db.read() as session:
        return fn(session)


def add_agreement(db: Database, *, board: str = "KPO", provider: str = "Kameleon", hours_agreed: int = 40,
                  first: Month = Month(2016, 9), last: Month = Month(2017, 7),
                  confirmed: dt.date | None = dt.date(2016, 9, 2), description: str = "Begeleiding groep 4") -> str:
    cmd = agreements.AgreementInput(YEAR, board, provider, hours_agreed * 60, first, last, school="De Regenboog",
                                    kind=Kind.ARRANGEMENT, description=description, reported_on=dt.date(2016, 8, 29),
                                    registered_on=dt.date(2016, 9, 1))
    number = act(db, lambda s: agreements.register(s, cmd, TODAY))
    if confirmed is not None:
        act(db, lambda s: agreements.confirm(s, number, confirmed, TODAY))
    return number


def add_hours(db: Database, number: str, month: Month, minutes: int) -> None:
    act(db, lambda s: hours.register(s, hours.HoursInput(number, month, minutes), TODAY))


def titles(model: QAbstractItemModel) -> list[str]:
    wait_all_loaded()  # the columns of what is shown, once no page is still reading
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def head(title: str) -> str:
    """A column title as one word: 'Dienst-\nverlener' -> 'Dienstverlener', 'okt\n2016\nafgesl.' -> 'okt'."""
    return title.replace("-\n", "").split("\n")[0]


def column(model: QAbstractItemModel, title: str) -> int:
    return next(c for c, t in enumerate(titles(model)) if head(t) == title)


def rows(model: QAbstractItemModel) -> list[dict[str, str]]:
    """Every row as the user reads it, once it is shown (no page still reading): column title -> text shown."""
    wait_all_loaded()
    heads = [head(t) for t in titles(model)]
    return [{heads[c]: model.index(r, c).data() for c in range(model.columnCount())}
            for r in range(model.rowCount())]


def find_row(model: QAbstractItemModel, **match: str) -> int:
    """The index of the only row showing these texts, e.g. find_row(model, Bestuur="KPO")."""
    found = [i for i, row in enumerate(rows(model)) if all(row[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, found)
    return found[0]


def click(qtbot: Any, button: Any) -> None:
    """A left click on a button, as the user gives it (the slot gets what a real click sends)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def register_by_click(qtbot: Any, page: Any) -> Any:
    """Click 'Uren registreren…' on the Uren page; the dialog it opened, once it shows its list of agreements (read
    off the UI thread, as a person waits for "Bezig met laden…" to go)."""
    click(qtbot, page.register_button)
    wait_loaded(qtbot, page.dialog)
    return page.dialog


def choose(picker: Any, text: str) -> None:
    """Pick an item of a drop-down with the keyboard, as a user would: from the top, down until it shows."""
    from PySide6.QtTest import QTest

    picker.setFocus()
    QTest.keyClick(picker, Qt.Key.Key_Home)
    while picker.currentText() != text:
        before = picker.currentIndex()
        QTest.keyClick(picker, Qt.Key.Key_Down)
        assert picker.currentIndex() != before, f"{text} is not in the list"
    wait_loaded(None, picker.window())  # what the choice sets off: a page that reads its figures again


class EventsSeen(QObject):
    """Counts the events sent anywhere in the app that `counted(watched, event)` accepts, while in a `with`
    (Qt sends every event through the application's filters)."""

    def __init__(self, counted: Any) -> None:
        super().__init__()
        self.counted = counted
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.counted(watched, event):
            self.count += 1
        return False

    def __enter__(self) -> EventsSeen:
        from PySide6.QtWidgets import QApplication

        QApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.instance().removeEventFilter(self)


def counted_when_read(monkeypatch: Any, module: Any, name: str, seen: EventsSeen) -> list[int]:
    """`module.name` (a service a page or dialog reads) notes, as its worker starts it, how many events `seen`
    had counted by then."""
    real = getattr(module, name)
    noted: list[int] = []

    def read(*args: Any, **named: Any) -> Any:
        noted.append(seen.count)
        return real(*args, **named)

    monkeypatch.setattr(module, name, read)
    return noted
