"""Help → Handleiding (F1): the Dutch manual, bundled HTML under resources/manual, in a QTextBrowser beside its
table of contents. F1 on a page opens the chapter of that page (PageEntry.manual)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSplitter,
    QTextBrowser, QVBoxLayout, QWidget,
)

#: The chapters in the order of the table of contents (file names in resources/manual).
CHAPTER_FILES = (
    "aan-de-slag.html",
    "schooljaar.html",
    "overeenkomsten.html",
    "uren.html",
    "reserve.html",
    "maand-afsluiten.html",
    "urenlijsten.html",
    "overzicht.html",
    "maandupdate.html",
    "alv.html",
    "innovatie.html",
    "expertise.html",
    "logboek.html",
    "back-up.html",
    "meer-gebruikers.html",
)
WELCOME = "aan-de-slag.html#welkom"  # F1 on the welcome page of an empty database


def manual_folder() -> Path:
    """resources/manual, as a folder on disk (also in the frozen bundle, where resources are plain files)."""
    return Path(str(resources.files("resources").joinpath("manual")))


@dataclass(frozen=True)
class Chapter:
    file: str
    title: str
    text: str  # what the reader sees, without tags: for the search


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(style|title)>.*?</\1>", " ", markup)))


@cache
def chapters() -> tuple[Chapter, ...]:
    found = []
    for name in CHAPTER_FILES:
        markup = (manual_folder() / name).read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", markup, re.S)
        found.append(Chapter(name, html.unescape(title.group(1).strip()) if title else name, _plain(markup)))
    return tuple(found)


def target_url(target: str) -> QUrl:
    """'uren.html#uren' as a file URL in the manual's folder."""
    name, _, anchor = target.partition("#")
    url = QUrl.fromLocalFile(str(manual_folder() / name))
    if anchor:
        url.setFragment(anchor)
    return url


class ManualWindow(QDialog):
    """The manual beside the app (not modal): the reader can follow the steps in the main window."""

    def __init__(self, parent: QWidget | None = None, *, start: str = CHAPTER_FILES[0]) -> None:
        super().__init__(parent)
        self.setObjectName("manualWindow")
        self.setWindowTitle("Handleiding – SWV Uren")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.contents = QListWidget()
        self.contents.setObjectName("manualContents")
        self.contents.setAccessibleName("Inhoud van de handleiding")
        self.contents.setWordWrap(True)  # a long chapter title on two lines rather than cut off
        self.contents.setSpacing(1)
        for number, chapter in enumerate(chapters(), start=1):
            item = QListWidgetItem(f"{number}. {chapter.title}")
            item.setData(Qt.ItemDataRole.UserRole, chapter.file)
            self.contents.addItem(item)
        self.contents.currentRowChanged.connect(self._chapter_chosen)

        self.search = QLineEdit()
        self.search.setObjectName("manualSearch")
        self.search.setPlaceholderText("Zoeken in de handleiding…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._find_next)
        self.found = QLabel()
        self.found.setObjectName("hint")
        self.found.setWordWrap(True)

        self.browser = QTextBrowser()
        self.browser.setObjectName("manualText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(manual_folder())])
        self.browser.document().setDefaultStyleSheet(
            (manual_folder() / "handleiding.css").read_text(encoding="utf-8"))
        self.browser.document().setDocumentMargin(16)
        self.browser.sourceChanged.connect(self._source_changed)

        self.back_button = QPushButton("← Terug")
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button = QPushButton("Vooruit →")
        self.forward_button.setEnabled(False)
        self.forward_button.clicked.connect(self.browser.forward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.next_button = QPushButton("Volgende treffer")
        self.next_button.setToolTip("Het gezochte woord verderop in dit hoofdstuk (Enter in het zoekveld)")
        self.next_button.setEnabled(False)
        self.next_button.clicked.connect(self._find_next)

        left = QWidget()
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.search)
        side.addWidget(self.contents, 1)
        side.addWidget(self.found)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 960])

        buttons = QDialogButtonBox()
        close = buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.next_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self.resize(1200, 780)  # the text column fits the pictures (870 px wide)
        self.show_target(start)
        self.browser.clearHistory()  # 'Terug' starts from the chapter first opened

    # ------------------------------------------------------------------ navigation
    def show_target(self, target: str) -> None:
        """Open a chapter, at its anchor when one is given ('uren.html#uren')."""
        url = target_url(target)
        if url != self.browser.source():
            self.browser.setSource(url)  # another chapter, or another anchor in this one (it scrolls there)
        elif url.hasFragment():  # the same place asked again: back to it, wherever the reader scrolled to
            self.browser.scrollToAnchor(url.fragment())
        else:
            self.browser.verticalScrollBar().setValue(0)

    def chapter(self) -> str:
        """The file of the chapter on show."""
        return self.browser.source().fileName()

    def _chapter_chosen(self, row: int) -> None:
        item = self.contents.item(row)
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        if name != self.chapter():
            self.browser.setSource(target_url(name))
        if self.search.text().strip():
            self._find_first()

    def _source_changed(self, url: QUrl) -> None:
        for row in range(self.contents.count()):
            if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == url.fileName():
                self.contents.blockSignals(True)
                self.contents.setCurrentRow(row)
                self.contents.blockSignals(False)

    # ------------------------------------------------------------------ search
    def _filter(self, text: str) -> None:
        """Only the chapters that hold every word typed; the first hit in the chapter on show is selected."""
        words = text.lower().split()
        hits = 0
        for row, chapter in enumerate(chapters()):
            match = all(word in chapter.text.lower() for word in words)
            self.contents.item(row).setHidden(not match)
            hits += match
        self.next_button.setEnabled(bool(words) and hits > 0)
        if not words:
            self.found.setText("")
        elif hits:
            self.found.setText(f"In {hits} van de {len(chapters())} hoofdstukken.")
        else:
            self.found.setText("Niet gevonden. Probeer een ander woord, bijvoorbeeld 'reserve' of 'back-up'.")
        if words and hits:
            current = self.contents.currentItem()
            if current is None or current.isHidden():
                first = next(r for r in range(self.contents.count()) if not self.contents.item(r).isHidden())
                self.contents.setCurrentRow(first)  # shows the chapter and its first hit
            else:
                self._find_first()

    def _find_first(self) -> None:
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        self._find_next()

    def _find_next(self) -> None:
        words = self.search.text().split()
        if not words:
            return
        if not self.browser.find(words[0]):  # past the last hit: from the top of the chapter again
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            self.browser.find(words[0], QTextDocument.FindFlag(0))
