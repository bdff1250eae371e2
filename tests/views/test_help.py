"""Help: F1 opens the manual at the chapter of the page on show, the manual's contents and search, and
Over SWV Uren with the version, the database and its back-ups and the libraries' licences. Through the keyboard,
the mouse and QAction.trigger(), on the real window."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from models.version import version
from models import backup
from views.about_dialog import AboutDialog, size_text
from views.main_window import PAGES
from views.manual_window import CHAPTER_FILES, WELCOME, ManualWindow, chapters, manual_folder

#: A word of each page's chapter the reader sees on opening it.
SEEN = {
    "Overzicht": "Vervalt deze maand", "Verloop": "alle schooljaren naast elkaar",
    "Overeenkomsten": "Bevestigingsbrief", "Uren": "Uren registreren", "Verdeling": "Opzet-werkmap inlezen",
    "Reserve": "Toekenning intrekken", "Stamgegevens": "contactpersoon", "Innovatie": "ondersteuningsvraag",
    "Expertise": "Gids afdrukken (PDF)", "Logboek": "Leerlingcodes wissen",
}


def _press_f1(qtbot, window) -> ManualWindow:  # type: ignore[no-untyped-def]
    """F1 as the user types it, in the window that has the focus."""
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    focus = QApplication.focusWidget()
    QTest.keyClick(focus if focus is not None and focus.window() is window else window, Qt.Key.Key_F1)
    manual = window.findChild(ManualWindow)
    assert manual is not None, "F1 opened no manual"
    qtbot.waitUntil(manual.isVisible)
    return manual


def _go(qtbot, window, row: int) -> None:  # type: ignore[no-untyped-def]
    nav = window.nav
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())


def _anchor_top(manual: ManualWindow, anchor: str) -> int:
    """Where the anchor's block starts in the document (pixels from the top)."""
    document = manual.browser.document()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if anchor in it.fragment().charFormat().anchorNames():
                return round(document.documentLayout().blockBoundingRect(block).top())
            it += 1
        block = block.next()
    raise AssertionError(f"anchor {anchor} not in {manual.chapter()}")


def test_f1_opens_the_chapter_of_every_page(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    for row, entry in enumerate(PAGES):
        _go(qtbot, window, row)
        manual = _press_f1(qtbot, window)
        file, _, anchor = entry.manual.partition("#")
        assert manual.chapter() == file, entry.title
        assert manual.browser.source().fragment() == anchor
        # The chapter's heading is at the top of the text (or the text is scrolled as far as it goes).
        qtbot.waitUntil(lambda: manual.browser.verticalScrollBar().value() > 0 or _anchor_top(manual, anchor) < 40)
        bar = manual.browser.verticalScrollBar()
        top = _anchor_top(manual, anchor)
        assert abs(bar.value() - top) < 40 or bar.value() == bar.maximum(), (entry.title, bar.value(), top)
        assert SEEN[entry.title] in manual.browser.toPlainText(), entry.title
        current = manual.contents.currentItem()
        assert current is not None and current.data(Qt.ItemDataRole.UserRole) == file
        qtbot.mouseClick(_button(manual, "Sluiten"), Qt.MouseButton.LeftButton)
        assert not manual.isVisible()
    assert window.manual_action.shortcut().toString() == "F1"


def _button(root, text: str) -> QPushButton:  # type: ignore[no-untyped-def]
    return next(b for b in root.findChildren(QPushButton) if b.text() == text)


def test_f1_on_the_welcome_page_explains_the_first_steps(qtbot, make_window, empty_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(empty_db)
    assert window.stack.currentWidget() is window.welcome
    manual = _press_f1(qtbot, window)
    assert f"{manual.chapter()}#{manual.browser.source().fragment()}" == WELCOME
    text = manual.browser.toPlainText()
    assert "Opzet-werkmap inlezen…" in text and "Eerst rondkijken in het demojaar 2016-2017" in text
    assert manual.windowTitle() == "Handleiding – SWV Uren"


def test_the_help_menu_opens_the_manual_and_its_contents_and_search_work(qtbot, make_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    assert [a.text() for a in window.help_menu.actions() if not a.isSeparator()] == ["&Handleiding", "&Over SWV Uren"]
    window.manual_action.trigger()
    manual = window.findChild(ManualWindow)
    assert manual.isVisible() and manual.chapter() == "overzicht.html"  # the demo opens on Overzicht
    # A chapter from the table of contents, then back.
    contents = manual.contents
    row = CHAPTER_FILES.index("back-up.html")
    qtbot.mouseClick(contents.viewport(), Qt.MouseButton.LeftButton, pos=contents.visualItemRect(contents.item(row)).center())
    assert manual.chapter() == "back-up.html"
    assert "Back-up terugzetten…" in manual.browser.toPlainText()
    assert manual.back_button.isEnabled()
    qtbot.mouseClick(manual.back_button, Qt.MouseButton.LeftButton)
    assert manual.chapter() == "overzicht.html"
    # Searching keeps the chapters that hold the word and selects it in the text.
    qtbot.keyClicks(manual.search, "heropenen")
    shown = [contents.item(r).data(Qt.ItemDataRole.UserRole) for r in range(contents.count())
             if not contents.item(r).isHidden()]
    assert "maand-afsluiten.html" in shown and "expertise.html" not in shown
    assert manual.browser.textCursor().selectedText().lower() == "heropenen"
    assert manual.found.text().startswith("In ")
    manual.search.clear()
    qtbot.keyClicks(manual.search, "xyzzy")
    assert manual.found.text().startswith("Niet gevonden") and not manual.next_button.isEnabled()


def test_every_page_has_a_chapter_and_every_link_and_picture_exists() -> None:
    folder = manual_folder()
    assert [c.file for c in chapters()] == list(CHAPTER_FILES)
    for entry in PAGES:
        file, _, anchor = entry.manual.partition("#")
        assert file in CHAPTER_FILES, entry.title
        assert f'<a name="{anchor}">' in (folder / file).read_text(encoding="utf-8"), entry.manual
    for name in CHAPTER_FILES:
        markup = (folder / name).read_text(encoding="utf-8")
        for picture in re.findall(r'<img src="([^"]+)"', markup):
            assert (folder / picture).is_file(), f"{name}: {picture}"
        for link in re.findall(r'<a href="([^"]+)"', markup):
            target, _, anchor = link.partition("#")
            assert target in CHAPTER_FILES, f"{name}: {link}"
            if anchor:
                assert f'<a name="{anchor}">' in (folder / target).read_text(encoding="utf-8"), f"{name}: {link}"
    pictures = {p.name for p in (folder / "img").glob("*.png")}
    used = {Path(p).name for name in CHAPTER_FILES
            for p in re.findall(r'<img src="([^"]+)"', (folder / name).read_text(encoding="utf-8"))}
    assert used <= pictures
    assert sum((folder / "img" / p).stat().st_size for p in pictures) < 1_000_000  # kept small (scaled, 256 colours)


def test_the_manual_speaks_dutch() -> None:
    """No English left in what the reader sees (a few words that are Dutch too are allowed)."""
    english = re.compile(r"\b(the|and|click|button|file|save|open the|settings|you)\b", re.IGNORECASE)
    for chapter in chapters():
        found = english.findall(chapter.text)
        assert not found, f"{chapter.file}: {found}"


def test_about_shows_version_database_size_and_backups(qtbot, make_window, demo_db, demo_path: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    taken = backup.take(demo_path, "handmatig")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    window = make_window(demo_db)
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Over SWV Uren"
    assert dialog.version_label.text() == version()
    assert dialog.database_label.text() == str(demo_path)
    assert dialog.size_label.text() == size_text(demo_path.stat().st_size)
    assert dialog.size_label.text().endswith(" kB") or dialog.size_label.text().endswith(" MB")
    assert dialog.backup_folder_label.text() == str(demo_path.parent / "backups")
    assert taken.name in dialog.last_backup_label.text()
    names = dialog.library_names()
    assert names[:2] == ["Python", "Qt"]
    licence = {dialog.libraries.item(r, 0).text().split(" (")[0].lower(): dialog.libraries.item(r, 2).text()
               for r in range(dialog.libraries.rowCount())}
    assert licence["sqlalchemy"] == "MIT" and licence["alembic"] == "MIT" and licence["openpyxl"] == "MIT"
    assert "BSD" in licence["reportlab"]
    assert "LGPL-3.0" in licence["pyside6_essentials"] and licence["qt"] == "LGPL-3.0-only"
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.backups_button, Qt.MouseButton.LeftButton)
    assert opened == [str(demo_path.parent), str(demo_path.parent / "backups")]
    qtbot.mouseClick(_button(dialog, "Sluiten"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is None)  # closed and gone


def test_about_before_any_backup_and_on_a_server() -> None:
    from views.about_dialog import data_facts

    assert size_text(0) == "0 kB" and size_text(2048) == "2 kB" and size_text(3 * 1024 * 1024 + 300_000) == "3,3 MB"
    server = data_facts(None, "postgresql://secretariaat@dbserver/swv_uren")
    assert server.size == "op de server" and server.folder is None and "beheerder" in server.backup_folder
