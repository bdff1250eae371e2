"""Eerdere versies: every version of a question's report kept in the library (a replaced report stays), with
the day it was added and its file, each to open in the system's viewer or save as a file. Also the two acts
themselves (open, save), which the Verslagen list uses for the newest version."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.domain.errors import Refusal
from models.services import report_library
from models.services.report_library import ReportVersion

from . import format as fmt
from . import open_copies
from .messages import messages
from .ports import Runner
from .tables import Column, RowsModel, make_table, selected_row


def size_text(size_bytes: int) -> str:
    kb = (size_bytes + 1023) // 1024
    return f"{fmt.whole(kb)} kB" if kb < 1024 else f"{fmt.whole(kb // 1024)} MB"


def open_in_viewer(parent: QWidget, name: str, data: bytes) -> Path | None:
    """Write a copy into the app's folder for opened copies (cleaned at start and end) and open it with the
    program that goes with it."""
    try:
        path = open_copies.write_copy(name, data)
    except OSError as error:
        messages.error(parent, "Niet geopend", f"Het verslag kon niet worden klaargezet om te openen: "
                                               f"{error.strerror or error}.")
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


def save_copy(parent: QWidget, name: str, data: bytes) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getSaveFileName(parent, "Verslag opslaan", str(Path.home() / name))
    if not chosen:
        return None
    from exports.files import write_bytes_atomic

    try:
        write_bytes_atomic(Path(chosen), data)  # never a half-written file where the user expects one
    except Refusal as refusal:
        messages.error(parent, "Niet opgeslagen", f"Het verslag is niet opgeslagen: {refusal.message}")
        return None
    messages.info(parent, "Opgeslagen", f"Opgeslagen als {chosen}")
    return Path(chosen)


COLUMNS: list[Column[ReportVersion]] = [
    Column("Versie", lambda v: v.version, "int", width=56),
    Column("Toegevoegd", lambda v: v.added_at, text=lambda v: f"{fmt.date(v.added_at.date())} "
                                                            f"{v.added_at:%H:%M}", size="fit"),
    Column("Bestand", lambda v: v.file_name, width=200, size="stretch", cell_tooltip=lambda v: v.file_name),
    Column("Type", lambda v: v.kind, width=50),
    Column("Grootte", lambda v: v.size_bytes, "int", text=lambda v: size_text(v.size_bytes), size="fit"),
    Column("Door", lambda v: v.added_by, width=90),
    Column("Status", lambda v: "huidige versie" if v.current else "eerdere versie", width=100),
]


class ReportVersionsDialog(QDialog):
    """The versions of one question's report, newest first; Openen and Opslaan als… act on the chosen row."""

    def __init__(self, runner: Runner, number: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.number = number
        self.setWindowTitle(f"Versies van het verslag van {number}")
        self.setObjectName("reportVersionsDialog")
        self.versions = runner.read(report_library.versions, number)
        earlier = len(self.versions) - 1
        heading = QLabel(f"<b>{fmt.text(number)}</b> · {fmt.text(title)}")
        heading.setWordWrap(True)
        explanation = QLabel(
            ("Eén eerdere versie is bewaard." if earlier == 1 else f"{earlier} eerdere versies zijn bewaard.")
            + " Zoeken in de verslagen gebeurt alleen in de huidige versie."
            if earlier else "Er zijn geen eerdere versies: dit verslag is nooit vervangen.")
        explanation.setObjectName("hint")
        explanation.setWordWrap(True)
        self.model: RowsModel[ReportVersion] = RowsModel(COLUMNS)
        self.table, self.proxy = make_table(self.model, object_name="reportVersionsTable", sortable=False)
        self.model.set_rows(self.versions)
        self.table.activated.connect(lambda _index: self.open_version())
        self.open_button = QPushButton("Openen")
        self.open_button.setToolTip("De gekozen versie openen in het programma dat bij het bestand hoort (Enter)")
        self.open_button.clicked.connect(self.open_version)
        self.save_button = QPushButton("Opslaan als…")
        self.save_button.setToolTip("De gekozen versie als bestand opslaan")
        self.save_button.clicked.connect(self.save_version)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        actions.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        if self.versions:
            self.table.selectRow(earlier and 1)  # the first earlier version, else the only one
        self._enable()
        self.resize(720, 300)
        self.table.setFocus()

    def selected(self) -> ReportVersion | None:
        row = selected_row(self.table)
        return row if isinstance(row, ReportVersion) else None

    def _enable(self) -> None:
        for button in (self.open_button, self.save_button):
            button.setEnabled(self.selected() is not None)

    def _content(self) -> tuple[str, bytes] | None:
        chosen = self.selected()
        return None if chosen is None else self.runner.read(report_library.report_content, chosen.report_id)

    def open_version(self) -> Path | None:
        content = self._content()
        return None if content is None else open_in_viewer(self, *content)

    def save_version(self) -> Path | None:
        content = self._content()
        return None if content is None else save_copy(self, *content)
