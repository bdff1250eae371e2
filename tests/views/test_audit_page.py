"""Logboek: the trail of the demo database, filtered with the real widgets, the details of a change,
a live update after an action, and the export to Excel read back."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog

from desktop.runner import Runner
from exports.audit_xlsx import HEADER_ROW
from models.db import Database
from models.services import months
from tests.conftest import TODAY
from tests.views.uren_helpers import YEAR, rows, wait_loaded
from views import audit_page
from views.audit_page import AuditPage


def _count(db: Database, where: str = "1") -> int:
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return conn.execute(f"SELECT count(*) FROM audit_entry WHERE {where}").fetchone()[0]


@pytest.fixture
def make_page(qtbot, recorded_messages, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def build(db: Database, *, limit: int | None = None) -> AuditPage:
        if limit is not None:
            monkeypatch.setattr(audit_page.service, "DEFAULT_LIMIT", limit)
        runner = Runner(db)
        monkeypatch.setattr(runner, "today", lambda: TODAY)
        page = AuditPage(runner)
        qtbot.addWidget(page)
        page.resize(1100, 700)
        page.show()
        qtbot.waitExposed(page)
        wait_loaded(qtbot, page)  # the trail is read off the UI thread
        return page

    return build


def _choose(box, text: str) -> None:  # type: ignore[no-untyped-def]
    index = box.findText(text)
    assert index >= 0, f"{text!r} staat niet in de lijst"
    box.setCurrentIndex(index)
    wait_loaded(None, box.window())  # the rows of that choice, read off the UI thread


def _shown(page: AuditPage, title: str) -> list[str]:
    return [r[title] for r in rows(page.proxy)]


def test_the_whole_trail_newest_first(make_page, demo_db: Database) -> None:
    page = make_page(demo_db)
    total = _count(demo_db)
    assert page.proxy.rowCount() == total
    assert page.subtitle.text() == f"Alle wijzigingen · {total} wijzigingen, nieuwste eerst"
    assert [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Wanneer", "Wie", "Actie", "Soort", "Samenvatting"]
    first = rows(page.proxy)[0]
    # The demo's last step: an expert of the directory set to inactive.
    assert first["Samenvatting"] == "deskundige Gert Hoekstra: actief ja → nee"
    assert first["Actie"] == "gewijzigd" and first["Soort"] == "deskundige"
    assert not page.more_button.isVisible()
    assert "deskundige Gert Hoekstra: actief ja → nee" in page.details_title.text()  # the newest is selected at once
    assert [(r["Veld"], r["Was"], r["Wordt"]) for r in rows(page.changes_model)] == [("actief", "ja", "nee")]
    assert not page.changes_table.isColumnHidden(1) and not page.changes_table.isColumnHidden(2)
    assert page.entity_filter.itemText(0) == "Alle soorten" and page.user_filter.itemText(0) == "Alle gebruikers"


def test_filter_on_kind_and_user_says_so(make_page, demo_db: Database) -> None:
    page = make_page(demo_db)
    _choose(page.entity_filter, "uren")
    assert set(_shown(page, "Soort")) == {"uren"}
    assert page.proxy.rowCount() == _count(demo_db, "entity = 'uren'")
    assert all(s.startswith("uren: ") and " uur in " in s for s in _shown(page, "Samenvatting"))
    assert page.subtitle.text().startswith("Gefilterd op soort uren · ")
    user = page.user_filter.itemText(1)
    _choose(page.user_filter, user)
    assert page.subtitle.text().startswith(f"Gefilterd op soort uren, gebruiker {user} · ")
    _choose(page.entity_filter, "Alle soorten")
    _choose(page.user_filter, "Alle gebruikers")
    assert page.proxy.rowCount() == _count(demo_db)


def test_the_details_show_each_field_before_and_after(qtbot, make_page, demo_db: Database) -> None:
    page = make_page(demo_db)
    _choose(page.entity_filter, "overeenkomst")
    summaries = _shown(page, "Samenvatting")
    row = next(i for i, s in enumerate(summaries) if s.endswith("status bevestigd → afgerond"))
    page.table.selectRow(row)
    changes = [(r["Veld"], r["Was"], r["Wordt"]) for r in rows(page.changes_model)]
    assert changes[0] == ("status", "bevestigd", "afgerond")
    assert changes[1][0] == "afgerond of ingetrokken op" and changes[1][1] == ""
    assert "Gewijzigd door" in page.details_title.text()
    assert not page.changes_table.isColumnHidden(1) and not page.changes_table.isColumnHidden(2)


def test_search_as_the_user_types(qtbot, make_page, demo_db: Database) -> None:
    page = make_page(demo_db)
    page.focus_search()
    assert page.focusWidget() is page.search
    qtbot.keyClicks(page.search, "2016-017")
    qtbot.waitUntil(lambda: page.proxy.rowCount() < _count(demo_db), timeout=3000)
    shown = _shown(page, "Samenvatting")
    assert shown and all("2016-017" in s for s in shown)
    assert {r["Soort"] for r in rows(page.proxy)} == {"overeenkomst", "uren"}
    assert "zoekterm ‘2016-017’" in page.subtitle.text()
    page.search.clear()
    qtbot.keyClicks(page.search, "niets-dat-bestaat")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter searches at once
    wait_loaded(qtbot, page)
    assert page.proxy.rowCount() == 0
    assert page.details_title.text() == "Geen wijzigingen die aan de filters voldoen."


def test_days_from_and_until(qtbot, make_page, demo_db: Database) -> None:
    page = make_page(demo_db)
    assert not page.since.isEnabled()
    page.since_check.setChecked(True)
    assert page.since.isEnabled()
    # The trail holds the real time of each change: the day the demo database was made (a run may pass midnight).
    assert demo_db.path is not None
    with sqlite3.connect(demo_db.path) as conn:
        first, last = conn.execute("SELECT min(date(at)), max(date(at)) FROM audit_entry").fetchone()
    assert first == last
    today = dt.date.fromisoformat(last)
    page.since.setDate(QDate(today.year, today.month, today.day).addDays(1))
    wait_loaded(qtbot, page)
    assert page.proxy.rowCount() == 0
    page.since.setDate(QDate(today.year, today.month, today.day))
    wait_loaded(qtbot, page)
    assert page.proxy.rowCount() == _count(demo_db)
    page.until_check.setChecked(True)
    page.until.setDate(QDate(today.year, today.month, today.day).addDays(-1))
    wait_loaded(qtbot, page)
    assert page.filter_error.isVisible() and "einddatum" in page.filter_error.text()
    assert page.proxy.rowCount() == 0
    page.until.setDate(QDate(today.year, today.month, today.day))
    wait_loaded(qtbot, page)
    assert not page.filter_error.isVisible()
    assert page.proxy.rowCount() == _count(demo_db)
    assert f"van {today.day}-{today.month}-{today.year} t/m {today.day}-{today.month}-{today.year}" in \
        page.subtitle.text()


def test_a_limit_and_more(qtbot, make_page, demo_db: Database) -> None:
    page = make_page(demo_db, limit=100)
    total = _count(demo_db)
    assert page.proxy.rowCount() == 100 and page.more_button.isVisible()
    assert "de nieuwste 100 getoond; er zijn er meer" in page.subtitle.text()
    while page.more_button.isVisible():
        qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
        wait_loaded(qtbot, page)  # the longer list, read off the UI thread
    assert page.proxy.rowCount() == total
    assert page.subtitle.text().endswith(f"{total} wijzigingen, nieuwste eerst")


def test_sort_on_a_column(make_page, demo_db: Database) -> None:
    page = make_page(demo_db)
    page.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.AscendingOrder)  # as a click on the title
    shown = _shown(page, "Samenvatting")
    assert shown == sorted(shown)
    page.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
    assert _shown(page, "Soort") == sorted(_shown(page, "Soort"), reverse=True)


def test_a_new_change_appears_on_top(make_page, demo_db: Database) -> None:
    page = make_page(demo_db)
    page.table.selectRow(1)
    chosen = page.selected()
    assert chosen is not None
    page.runner.write(months.reopen, YEAR, "2017-05", "Uren nagekomen")
    assert rows(page.proxy)[0]["Samenvatting"] == "maand mei 2017 heropend, reden: Uren nagekomen"
    assert page.selected() == chosen  # the user's choice stays selected
    assert chosen.summary in page.details_title.text()


def test_export_what_passes_the_filters(qtbot, make_page, demo_db: Database, recorded_messages,  # type: ignore[no-untyped-def]
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = make_page(demo_db, limit=50)
    _choose(page.entity_filter, "uren")
    asked = []

    def save_as(parent, caption, suggested, filters):  # type: ignore[no-untyped-def]
        asked.append((caption, Path(suggested).name, filters))
        return str(tmp_path / "uren-logboek"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "uren-logboek.xlsx"
    assert asked == [("Logboek exporteren naar Excel", "Logboek 2025-01-15.xlsx", "Excel-werkmap (*.xlsx)")]
    assert recorded_messages.shown == [("info", "Logboek geëxporteerd", f"Opgeslagen als {target}.")]
    ws = openpyxl.load_workbook(target).active
    expected = _count(demo_db, "entity = 'uren'")
    assert expected > 50 and ws.max_row == HEADER_ROW + expected  # every row, not only the 50 shown
    assert {ws.cell(r, 4).value for r in range(HEADER_ROW + 1, ws.max_row + 1)} == {"uren"}
    assert ws["A2"].value.endswith("· gefilterd op soort uren")
    assert f"Opgeslagen als {target}" in page.notice.text()


def test_export_cancelled_or_refused(qtbot, make_page, demo_db: Database, recorded_messages,  # type: ignore[no-untyped-def]
                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = make_page(demo_db)
    answer = {"name": ""}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (answer["name"], "")))
    assert page.export() is None and recorded_messages.shown == []
    answer["name"] = str(tmp_path / "bestaat-niet" / "logboek.xlsx")
    assert page.export() is None
    assert recorded_messages.shown[0][:2] == ("error", "Exporteren kan niet")
    assert "bestaat niet" in recorded_messages.shown[0][2]
    answer["name"] = str(tmp_path / "logboek.csv")
    assert page.export() is None and "eindigt op .xlsx" in recorded_messages.shown[1][2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"]  # nothing written


def test_an_empty_trail_says_so(make_page, empty_db: Database) -> None:
    page = make_page(empty_db)
    assert page.proxy.rowCount() == 0
    assert page.subtitle.text() == "Alle wijzigingen · 0 wijzigingen, nieuwste eerst"
    assert page.details_title.text() == "Nog geen wijzigingen vastgelegd."
    assert [page.entity_filter.itemText(i) for i in range(page.entity_filter.count())] == ["Alle soorten"]
