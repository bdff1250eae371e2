"""Click everything: the app as started (its controller, backups and all), on the demo year (once answering
every question yes, once no), on an empty database, and read-only beside another user. Every page, tab,
button, table, menu and toolbar action, keyboard shortcut and every button of every dialog those open is
reached through Qt's own events. No click may end in 'Er ging iets mis' (the recorded messages fail the test),
an exception in a slot (pytest-qt fails the test) or a traceback on stderr; every file a save reports exists
and opens. A button or action that the walk does not reach fails the test, so a new one cannot hide."""
from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget

from desktop.app import Controller
from desktop.lock import DatabaseLock
from models.db import to_url
from tests.views.clicker import Walker, label, menu_actions, shortcuts, visible_buttons
from tests.views.uren_helpers import wait_loaded
from views.main_window import PAGES

#: Buttons the demo walk cannot reach, and why (each is reached in a test of its own).
NOT_IN_THE_DEMO = {
    "Logboek: Meer tonen": "shows only when the trail has more than one page of changes",
    "Overeenkomsten: Registreren…": "the demo holds no agreement that is only reported (test_agreements_page)",
}
DEMO_BUTTON = "Eerst rondkijken in het demojaar 2016-2017"
#: Actions that end or replace the window: triggered last, in this order.
LAST = ("Back-up terugzetten…", "Demojaar bekijken", "Afsluiten")


def _open_saved(path: Path) -> None:
    """The file a save reported opens in the program a user would use."""
    assert path.exists(), path
    if path.is_dir():
        for child in path.iterdir():
            _open_saved(child)
    elif path.suffix == ".pdf":
        assert PdfReader(path).pages
    elif path.suffix == ".xlsx":
        assert openpyxl.load_workbook(path).sheetnames
    elif path.suffix == ".eml":
        assert email.message_from_bytes(path.read_bytes(), policy=policy.default)["Subject"]


def _go(walker: Walker, window, row: int) -> None:  # type: ignore[no-untyped-def]
    """Click a page's row in the navigation."""
    nav = window.nav
    walker.qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    QApplication.processEvents()
    wait_loaded(walker.qtbot, window)  # as a person looks: until the page's figures, read off the UI thread, show


def _walk_pages(walker: Walker, window) -> None:  # type: ignore[no-untyped-def]
    for row, entry in enumerate(PAGES):
        _go(walker, window, row)
        page = window.stack.currentWidget()
        assert type(page).__name__ in (entry.class_name, "WelcomePage")
        walker.show_everything(page)
        walker.reached.append(f"Navigatie: {entry.title}")
        if type(page).__name__ == "WelcomePage":  # an empty database: every page waits for a school year
            walker.buttons("Welkom", page, skip=frozenset({DEMO_BUTTON}))  # it replaces the window: clicked last
            break
        tab_sets = [t for t in page.findChildren(QTabWidget)] or [None]
        for tabs in tab_sets:
            for index in range(tabs.count() if tabs is not None else 1):
                if tabs is not None:
                    walker.show_tab(tabs, index)
                walker.buttons(entry.title, page, back=lambda r=row: _go(walker, window, r))
                walker.tables(entry.title, page)


def _press_shortcuts(walker: Walker, window) -> None:  # type: ignore[no-untyped-def]
    for name, sequence, widget, owner in shortcuts(window):
        if name == "Afsluiten":
            continue  # the window's end: its menu action is triggered last
        if widget is not window and not widget.isVisible():
            _bring_into_view(walker, window, widget)
        if widget is window or widget.isVisible():
            walker.press(f"Sneltoets {name}", widget, sequence, owner)


def _bring_into_view(walker: Walker, window, widget) -> None:  # type: ignore[no-untyped-def]
    """Go to the page (and tab) that holds the widget, by clicking as the user would."""
    for row, _entry in enumerate(PAGES):
        page = window.page_at(row) if hasattr(window, "page_at") else None
        if page is None:
            window.nav.setCurrentRow(row)
            page = window.stack.currentWidget()
        if page.isAncestorOf(widget):
            nav = window.nav
            walker.qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton,
                                    pos=nav.visualItemRect(nav.item(row)).center())
            for tabs in page.findChildren(QTabWidget):
                for index in range(tabs.count()):
                    if tabs.widget(index).isAncestorOf(widget):
                        walker.show_tab(tabs, index)
            QApplication.processEvents()
            return


def _inventory(window) -> set[str]:  # type: ignore[no-untyped-def]
    """Every button on every built page, as 'Page: text' (what the walk must have reached)."""
    found: set[str] = set()
    for row, entry in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        tab_sets = page.findChildren(QTabWidget) or [None]
        for tabs in tab_sets:
            for index in range(tabs.count() if tabs is not None else 1):
                if tabs is not None:
                    tabs.setCurrentIndex(index)
                QApplication.processEvents()
                found |= {f"{entry.title}: {label(b.text()) or b.objectName() or label(b.toolTip())}"
                          for b in visible_buttons(page)}
    return found


def _over_budget_sheet(path: Path, folder: Path) -> Path | None:
    """A provider's sheet of an open month of the demo, one row over what is left in the month: 'Urenlijst
    inlezen…' then shows a refusal with 'Reserve toekennen…' for the walk to click."""
    import datetime as dt

    from exports.hour_sheet_xlsx import write_hour_sheet
    from models.db import open_database
    from models.domain import hour_sheet as layout
    from models.services import hour_sheets, lookup
    from models.services import months as months_service

    db = open_database(to_url(path))
    try:
        with db.read() as session:
            year = lookup.choices(session, "2016-2017")
            open_months = [s.month for s in months_service.states(session, year.year, dt.date.today()) if not s.closed]
            templates = [hour_sheets.template_rows(session, year.year, year.providers[0], dt.date.today(), m)
                         for m in open_months[:1]]
    finally:
        db.dispose()
    row = next((i for t in templates for i, r in enumerate(t.rows)
                if r.month_left is not None and r.agreement_left is not None and r.agreement_left > r.month_left), None)
    if row is None:
        return None
    sheet = write_hour_sheet(templates[0], folder / "ingevuld.xlsx")
    wb = openpyxl.load_workbook(sheet)
    over = templates[0].rows[row]
    minutes = min(over.agreement_left, over.month_left + 60)  # type: ignore[operator]
    wb[layout.HOURS_SHEET].cell(row + 2, layout.TEMPLATE_COLUMNS.index(layout.HOURS) + 1, minutes / 60)
    wb.save(sheet)
    return sheet


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWV_UREN_SETTINGS", str(tmp_path / "settings.ini"))


@pytest.mark.parametrize("case", ["demo, ja", "demo, nee", "leeg", "alleen-lezen"])
def test_click_everything(case: str, qtbot, tmp_path: Path, demo_path: Path, empty_path: Path,  # type: ignore[no-untyped-def]
                          recorded_messages, answers, monkeypatch: pytest.MonkeyPatch, capfd) -> None:
    walker = Walker(qtbot)
    opened: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: walker.exec_dialog(self))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()) or True))
    path = empty_path if case == "leeg" else demo_path
    held = DatabaseLock(path) if case == "alleen-lezen" else None
    if held is not None:
        assert held.acquire()
    if case != "leeg":  # 'Urenlijst inlezen…' picks a sheet with a row over budget
        answers.open_file = _over_budget_sheet(path, tmp_path)
        assert answers.open_file is not None
    recorded_messages.answer = True  # 'Alleen-lezen openen' for the read-only case
    controller = Controller(to_url(path))
    recorded_messages.answer = case != "demo, nee"
    try:
        window = controller.window
        assert controller.runner.read_only == (case == "alleen-lezen")
        window.resize(1280, 800)
        qtbot.waitExposed(window)
        _walk_pages(walker, window)
        expected_keys = {f"Sneltoets {name}: {key.toString()}" for name, key, _w, owner in shortcuts(window)
                         if name != "Afsluiten" and getattr(owner, "isEnabled", lambda: True)()}
        _press_shortcuts(walker, window)
        missed_keys = expected_keys - set(walker.reached)
        window = controller.window
        inventory = _inventory(window)
        actions = menu_actions(window)
        for where, action in sorted(actions, key=lambda a: label(a[1].text()) in LAST):
            if label(action.text()) in LAST[:2]:
                continue
            if label(action.text()) == "Afsluiten":
                continue
            walker.trigger(where, action)
        # Read now: the last actions replace the window, and its actions go with it once events run.
        enabled_actions = {label(a.text()) for _w, a in actions if a.isEnabled()}
        for text in LAST:
            window = controller.window
            if window is None:
                break
            if text == "Demojaar bekijken" and window.welcome.isVisible():
                walker.click("Welkom", window.welcome.demo_button)
                window = controller.window  # the demo's window, in the place of the one deleted
            action = next(a for _, a in menu_actions(window) if label(a.text()) == text)
            walker.trigger("Bestand", action)
    finally:
        controller.close_current()
        if held is not None:
            held.release()

    (tmp_path / "geklikt.txt").write_text("\n".join(walker.reached), encoding="utf-8")
    err = capfd.readouterr().err
    assert "Traceback" not in err, err
    # What a save reported exists and opens; so does every file a save dialog was answered with.
    reported = [Path(m.group(1).strip()) for _k, title, text in recorded_messages.shown if title == "Opgeslagen"
                for m in [re.search(r"(/[^\n]+)$", text)] if m]
    for written in reported + [p for p in answers.saved if p.exists()]:
        _open_saved(written)
    reached = set(walker.reached)
    if case == "demo, ja":
        unreached = {name for name in inventory if name not in reached and name not in NOT_IN_THE_DEMO}
        assert not unreached, f"buttons the walk did not reach: {sorted(unreached)}"
        assert len(reached) > 150 and walker.dialogs >= {"AgreementDialog", "HoursDialog"}
        assert reported, "the walk saved no report"
        assert any(r.startswith("SheetPreviewDialog") and r.endswith(": Reserve toekennen…") for r in reached)
        assert any(r.startswith("GrantDialog") for r in reached)  # opened from the preview's row
    assert not missed_keys, f"shortcuts that did not reach their action: {sorted(missed_keys)}"
    missing = enabled_actions - {r.split(": ", 1)[1] for r in reached}
    assert not missing, f"actions not triggered: {sorted(missing)}"
