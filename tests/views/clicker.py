"""Click everything a person can click in the window, through Qt's own events: the navigation, every visible
button of every page and tab, every menu and toolbar action, every keyboard shortcut, the double-click and
Enter of every table, and every button of every dialog that opens (dialogs within dialogs too).

What it reached is kept in `reached`; what the window offered in `offered`, so a test can fail when a new
button or action is not reached. Modal `exec()` dialogs are walked in place of their event loop."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QDialog, QDialogButtonBox, QHeaderView, QLineEdit, QMenu,
    QProgressDialog, QPushButton, QTabBar, QTabWidget, QWidget,
)

from tests.views.uren_helpers import wait_loaded

MAX_DEPTH = 3  # a dialog opened from a dialog opened from a dialog


def shown(widget: QWidget) -> bool:
    """Still there (a dialog may delete itself on close) and visible."""
    return shiboken6.isValid(widget) and widget.isVisible()


def label(text: str) -> str:
    """A widget's text as the user reads it: no '&' accelerators, one line."""
    return " ".join(re.sub(r"&(?!&)", "", text).split())


def is_internal(button: QAbstractButton) -> bool:
    """Qt's own parts of other widgets: a table's corner, a tab bar's arrows, a line edit's clear button."""
    parent = button.parentWidget()
    return (button.objectName().startswith("qt_") or isinstance(parent, (QTabBar, QLineEdit, QHeaderView))
            or button.objectName() in ("ScrollLeftButton", "ScrollRightButton")
            or (not button.text() and not button.toolTip() and not button.objectName()))


def button_name(button: QAbstractButton) -> str:
    return label(button.text()) or button.objectName() or label(button.toolTip())


def visible_buttons(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if b.isVisible() and not is_internal(b)
            and b.window() is root.window()]


def open_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and not isinstance(w, QProgressDialog)]


@dataclass
class Walker:
    qtbot: Any
    reached: list[str] = field(default_factory=list)
    offered: set[str] = field(default_factory=set)
    dialogs: set[str] = field(default_factory=set)
    _walking: list[QDialog] = field(default_factory=list)

    # ------------------------------------------------------------------ the pieces
    def settle(self) -> None:
        """Let queued work happen, then walk each dialog that opened (an `open()` dialog returns at once)."""
        QApplication.processEvents()
        for window in QApplication.topLevelWidgets():  # a page's reads off the UI thread: wait for them
            if shiboken6.isValid(window) and window.isVisible():
                wait_loaded(self.qtbot, window)
        for dialog in open_dialogs():
            if shiboken6.isValid(dialog) and dialog not in self._walking:
                self.walk_dialog(dialog)

    def click(self, context: str, button: QAbstractButton) -> None:
        if not (shown(button) and button.isEnabled()):
            return
        self.reached.append(f"{context}: {button_name(button)}")
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
        self.settle()

    def trigger(self, context: str, action: QAction) -> None:
        if not action.isEnabled():
            return
        self.reached.append(f"{context}: {label(action.text())}")
        action.trigger()
        self.settle()

    def press(self, context: str, target: QWidget, sequence: QKeySequence, shortcut: QObject) -> None:
        """A keyboard shortcut as the user types it, to the widget that has the focus; it must reach its
        action or shortcut (else the walk reports it as not reached)."""
        combination = sequence[0]
        fired: list[bool] = []
        signal = shortcut.triggered if isinstance(shortcut, QAction) else shortcut.activated  # type: ignore[attr-defined]
        signal.connect(lambda *_: fired.append(True))
        # As a person would: wait until no modal window (a progress dialog of work just done) is in the way.
        self.qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10_000)
        target.activateWindow()
        QTest.qWaitForWindowActive(target.window())
        target.setFocus()
        QApplication.processEvents()
        focus = QApplication.focusWidget()  # the key goes where the user's typing goes
        receiver = focus if focus is not None and focus.window() is target.window() else target
        QTest.keyClick(receiver, combination.key(), combination.keyboardModifiers())
        if fired:
            self.reached.append(f"{context}: {sequence.toString()}")
        self.settle()

    def tables(self, context: str, root: QWidget) -> None:
        """Each visible table with rows: select the first row, double-click it, press Enter on it."""
        for view in root.findChildren(QAbstractItemView):
            if isinstance(view, QHeaderView) or not shown(view) or view.window() is not root.window():
                continue
            model = view.model()
            if model is None or model.rowCount() == 0:
                continue
            name = view.objectName() or type(view).__name__
            index = model.index(0, min(2, model.columnCount() - 1))
            view.scrollTo(index)
            centre = view.visualRect(index).center()
            self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
            self.settle()
            if not shown(view):
                continue
            self.reached.append(f"{context}: {name} dubbelklik")
            self.qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
            self.settle()
            if shown(view):
                self.reached.append(f"{context}: {name} Enter")
                view.setFocus()
                QTest.keyClick(view, Qt.Key.Key_Return)
                self.settle()

    def select_first_rows(self, root: QWidget) -> None:
        """So that the buttons that act on a selection are enabled."""
        for view in root.findChildren(QAbstractItemView):
            if isinstance(view, QHeaderView) or not shown(view):
                continue
            model = view.model()
            if model is not None and model.rowCount() and view.selectionModel() is not None \
                    and not view.selectionModel().hasSelection():
                index = model.index(0, 0)
                self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
        QApplication.processEvents()

    def buttons(self, context: str, root: QWidget, back: Any = None, skip: frozenset[str] = frozenset()) -> None:
        """Every visible button of `root`, each once. The list is read again after each click (a click may show
        or enable others); a button that waits for a selection is reached by selecting row after row of the
        tables until it is enabled."""
        done: set[str] = {f"{context}: {name}" for name in skip}
        rows = self._row_choices(root)
        self.select_first_rows(root)
        for _ in range(400):
            if not shown(root) and back is not None:
                back()  # the click went to another page (Stamgegevens' 'toevoegen' opens Verdeling)
            if not shown(root):
                return
            waiting = self._waiting(context, root, done)
            enabled = [b for b in waiting if b.isEnabled()]
            if enabled:
                button = enabled[0]
                done.add(f"{context}: {button_name(button)}")
                if isinstance(button, QPushButton) and button.menu() is not None:
                    self.reached.append(f"{context}: {button_name(button)}")
                    for action in button.menu().actions():
                        if not action.isSeparator():
                            self.trigger(f"{context}: {button_name(button)}", action)
                else:
                    self.click(context, button)
                continue
            if not waiting or not rows:
                return
            view, row = rows.pop(0)
            if shown(view) and row < view.model().rowCount():
                index = view.model().index(row, 0)
                view.scrollTo(index)
                self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
                QApplication.processEvents()
                self.select_first_rows(root)  # a table that follows this one (an agreement's bookings)

    def _waiting(self, context: str, root: QWidget, done: set[str]) -> list[QAbstractButton]:
        """The visible buttons of `root` not clicked yet, each noted as offered."""
        waiting = [b for b in visible_buttons(root) if f"{context}: {button_name(b)}" not in done]
        self.offered.update(f"{context}: {button_name(b)}" for b in waiting)
        return waiting

    @staticmethod
    def _row_choices(root: QWidget, most: int = 80) -> list[tuple[QAbstractItemView, int]]:
        """Rows to select in turn, a table at a time."""
        choices: list[tuple[QAbstractItemView, int]] = []
        for view in root.findChildren(QAbstractItemView):
            if isinstance(view, QHeaderView) or not shown(view) or view.model() is None:
                continue
            choices += [(view, row) for row in range(1, min(view.model().rowCount(), most))]
        return choices

    def show_everything(self, root: QWidget) -> None:
        """Filters back to 'Alle …' with the keyboard: a page reached through another (Overzicht's double-click
        opens one pair's agreements) shows all its rows again, as the user would make it."""
        for combo in root.findChildren(QComboBox):
            if shown(combo) and combo.count() and combo.itemText(0).startswith("Alle") and combo.currentIndex():
                combo.setFocus()
                QTest.keyClick(combo, Qt.Key.Key_Home)
        QApplication.processEvents()
        wait_loaded(self.qtbot, root.window())  # all rows again, read off the UI thread

    def tabs(self, root: QWidget) -> list[tuple[QTabWidget, int]]:
        return [(t, i) for t in root.findChildren(QTabWidget) if t.window() is root.window() for i in range(t.count())]

    def show_tab(self, tabs: QTabWidget, index: int) -> None:
        bar = tabs.tabBar()
        if tabs.isVisible() and bar.isTabEnabled(index):
            self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
            QApplication.processEvents()

    # ------------------------------------------------------------------ dialogs
    def walk_dialog(self, dialog: QDialog) -> None:
        """Every button of a dialog: its own first, then the button box's (Cancel last); then Escape."""
        name = type(dialog).__name__
        if len(self._walking) >= MAX_DEPTH:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
            return
        self._walking.append(dialog)
        self.dialogs.add(name)
        try:
            context = f"{name} ({label(dialog.windowTitle())})"
            for tabs, index in self.tabs(dialog):
                self.show_tab(tabs, index)
            done: set[str] = set()
            for _ in range(100):
                if not shown(dialog):
                    break
                candidates = [b for b in self._waiting(context, dialog, done) if b.isEnabled()]
                if not candidates:
                    break
                candidates.sort(key=lambda b: _closing_rank(dialog, b))
                button = candidates[0]
                done.add(f"{context}: {button_name(button)}")
                self.click(context, button)
            if shown(dialog):
                self.tables(context, dialog)
            if shown(dialog):
                self.reached.append(f"{context}: Esc")
                QTest.keyClick(dialog, Qt.Key.Key_Escape)
                QApplication.processEvents()
        finally:
            self._walking = [d for d in self._walking if d is not dialog]

    def exec_dialog(self, dialog: QDialog) -> int:
        """Stands in for QDialog.exec: show it and walk it; its result as exec would give it."""
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self.walk_dialog(dialog)
        if not shiboken6.isValid(dialog):
            return 0
        if dialog.isVisible():
            dialog.hide()
        return dialog.result()


def _closing_rank(dialog: QDialog, button: QAbstractButton) -> int:
    """Buttons that keep the dialog open first, then accepting ones, the rejecting one last."""
    for box in dialog.findChildren(QDialogButtonBox):
        if button in box.buttons():
            role = box.buttonRole(button)
            return 2 if role in (QDialogButtonBox.ButtonRole.RejectRole,) else 1
    return 0


def menu_actions(window: QWidget) -> list[tuple[str, QAction]]:
    """Every action of the menu bar (submenus included) and the toolbars, each once, in menu order."""
    found: list[tuple[str, QAction]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} > {label(action.text())}")
            elif not action.isSeparator() and id(action) not in seen:
                seen.add(id(action))
                found.append((path, action))

    for top in window.menuBar().actions():  # type: ignore[attr-defined]
        walk(top.menu(), label(top.text()))
    for bar in window.findChildren(QWidget, "mainToolbar"):
        for action in bar.actions():
            if not action.isSeparator() and action.text() and id(action) not in seen:
                seen.add(id(action))
                found.append(("Werkbalk", action))
    return found


def shortcuts(window: QWidget) -> list[tuple[str, QKeySequence, QWidget, QObject]]:
    """Every keyboard shortcut of the window: those of its actions and the QShortcuts of its widgets, as
    (name, key, the widget to type it in, the action or shortcut it must reach)."""
    found: list[tuple[str, QKeySequence, QWidget, QObject]] = []
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                found.append((label(action.text()), sequence, window, action))
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if isinstance(parent, QWidget) and not shortcut.key().isEmpty() \
                and not isinstance(parent.window(), QProgressDialog):  # one on its way out (deleteLater)
            found.append((parent.objectName() or type(parent).__name__, shortcut.key(), parent, shortcut))
    return found


def centre(widget: QWidget) -> QPoint:
    return widget.rect().center()
