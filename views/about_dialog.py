"""Help → Over SWV Uren: the version, where the data lives (database, its size, the back-ups) and the libraries
the app ships with their licences (read from the installed packages, models.licences)."""
from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from models.domain import dutch
from models.version import version
from models import backup, licences



@dataclass(frozen=True)
class DataFacts:
    """Where the data lives, as the dialog says it."""

    location: str
    size: str
    backup_folder: str
    last_backup: str
    folder: Path | None  # the database's folder, None on a server
    backups: Path | None


def size_text(size: int) -> str:
    """1.234.567 bytes as '1,2 MB' (Dutch decimal comma); below a megabyte in whole kB."""
    if size < 1024 * 1024:
        return f"{dutch.whole(max(1, round(size / 1024)) if size else 0)} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def data_facts(path: Path | None, location: str) -> DataFacts:
    if path is None:
        return DataFacts(location, "op de server", "door de beheerder van de server (pg_dump)",
                         "zie de beheerder van de server", None, None)
    size = path.stat().st_size if path.exists() else 0
    copies = backup.listing(path)
    folder = backup.folder_of(path)
    last = f"{copies[0].label} ({copies[0].path.name})" if copies else "nog geen back-up"
    return DataFacts(str(path), size_text(size), str(folder), last, path.parent, folder)


def _path(text: str, name: str) -> QLineEdit:
    """A value (a path above all) as the user can read, select and copy it whole: a long one scrolls instead of
    being cut at a hyphen or widening the dialog. Every value is one, so they line up."""
    field = QLineEdit(text)
    field.setObjectName(name)
    field.setReadOnly(True)
    field.setFrame(False)
    field.setToolTip(text)
    field.setStyleSheet("QLineEdit { background: transparent; }")
    field.setCursorPosition(0)
    return field


class AboutDialog(QDialog):
    def __init__(self, facts: DataFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("Over SWV Uren")
        self.facts = facts
        title = QLabel("SWV Uren")
        title.setObjectName("welcomeTitle")
        intro = QLabel("Expertise-uren van een samenwerkingsverband passend onderwijs: verdeling, maandbudgetten, "
                       "overeenkomsten, gerealiseerde uren, innovatiebudgetten en de expertisegids.")
        intro.setWordWrap(True)

        self.version_label = _path(version(), "aboutVersion")
        self.database_label = _path(facts.location, "aboutDatabase")
        self.size_label = _path(facts.size, "aboutSize")
        self.backup_folder_label = _path(facts.backup_folder, "aboutBackupFolder")
        self.last_backup_label = _path(facts.last_backup, "aboutLastBackup")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Versie:", self.version_label)
        form.addRow("Database:", self.database_label)
        form.addRow("Grootte:", self.size_label)
        form.addRow("Back-upmap:", self.backup_folder_label)
        form.addRow("Laatste back-up:", self.last_backup_label)

        heading = QLabel("Gebruikte onderdelen en hun licenties")
        heading.setObjectName("sectionTitle")
        heading.setStyleSheet("font-weight: 600; color: #1f3a5f;")
        self.libraries = self._library_table()
        note = QLabel("SWV Uren is gemaakt met deze vrije software. De licentieteksten staan bij elk onderdeel "
                      "op de website van het project; Qt en PySide6 vallen onder de LGPL, versie 3.")
        note.setObjectName("hint")
        note.setWordWrap(True)

        self.folder_button = QPushButton("Map van de database openen")
        self.folder_button.clicked.connect(self._open_folder)
        self.backups_button = QPushButton("Back-upmap openen")
        self.backups_button.clicked.connect(self._open_backups)
        self.folder_button.setEnabled(facts.folder is not None)
        self.backups_button.setEnabled(facts.backups is not None and facts.backups.exists())
        buttons = QDialogButtonBox()
        close = buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.folder_button)
        bottom.addWidget(self.backups_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(heading)
        layout.addWidget(self.libraries, 1)
        layout.addWidget(note)
        layout.addLayout(bottom)
        self.resize(760, 640)

    def _library_table(self) -> QTableWidget:
        rows = [("Python", platform.python_version(), "PSF-2.0", "https://www.python.org"),
                ("Qt", qVersion(), "LGPL-3.0-only", "https://www.qt.io")]
        for library in licences.shipped():
            name = library.name
            if name.lower().startswith("pyside6"):
                name = f"{name} (Qt for Python {pyside_version})"
            rows.append((name, library.version, library.licence or "onbekend", library.url))
        table = QTableWidget(len(rows), 3)
        table.setObjectName("aboutLibraries")
        table.setHorizontalHeaderLabels(["Onderdeel", "Versie", "Licentie"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        for row, (name, version_, licence, url) in enumerate(rows):
            for column, text in enumerate((name, version_, licence)):
                item = QTableWidgetItem(text)
                if url:
                    item.setToolTip(url)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        return table

    def library_names(self) -> list[str]:
        return [self.libraries.item(row, 0).text() for row in range(self.libraries.rowCount())]

    def _open_folder(self) -> None:
        if self.facts.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.facts.folder)))

    def _open_backups(self) -> None:
        if self.facts.backups is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.facts.backups)))
