"""Eerdere versies: every version of a question's report kept in the library (a replaced report stays), with
the day it was added and its file, each to open in the system's viewer or save as a file (operations.open_report,
save_report: the Verslagen list uses them for the newest version)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.domain import dutch
from models.services import report_library
from models.services.report_library import ReportVersion

from .. import richtext
from ..messages import default_dialogs
from ..ports import Dialogs, Runner
from ..tables import Column, RowsModel, make_table, selected_row
from . import operations


def size_text(size_bytes: int) -> str:
    kb = (size_bytes + 1023) // 1024
    return f"{dutch.whole(kb)} kB" if kb < 1024 else f"{dutch.whole(kb // 1024)} MB"


COLUMNS: list[Column[ReportVersion]] = [
    Column("Versie", lambda v: v.version, "int", width=56),
    Column("Toegevoegd", lambda v: v.added_at, text=lambda v: f"{dutch.date(v.added_at.date())} "
                                                            f"{v.added_at:%H:%M}", size="fit"),
    Column("Bestand", lambda v: v.file_name, width=200, size="stretch", cell_tooltip=lambda v: v.file_name),
    Column("Type", lambda v: v.kind, width=50),
    Column("Grootte", lambda v: v.size_bytes, "int", text=lambda v: size_text(v.size_bytes), size="fit"),
    Column("Door", lambda v: v.added_by, width=90),
    Column("Status", lambda v: "huidige versie" if v.current else "eerdere versie", width=100),
]


class ReportVersionsDialog(QDialog):
    """The versions of one question's report, newest first; Openen and Opslaan als… act on the chosen row."""

    def __init__(self, runner: Runner, number: str, title: str, parent: QWidget | None = None, *,
                 dialogs: Dialogs | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        #: The user's message boxes (the app's own when none is given).
        self.dialogs: Dialogs = dialogs if dialogs is not None else default_dialogs()
        self.number = number
        self.setWindowTitle(f"Versies van het verslag van {number}")
        self.setObjectName("reportVersionsDialog")
        self.versions = runner.read(report_library.versions, number)
        earlier = len(self.versions) - 1
        heading = QLabel(f"<b>{richtext.plain(number)}</b> · {richtext.plain(title)}")
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
        return None if content is None else operations.open_report(parent=self, dialogs=self.dialogs, name=content[0],
                                                                   data=content[1])

    def save_version(self) -> Path | None:
        content = self._content()
        return None if content is None else operations.save_report(parent=self, dialogs=self.dialogs, name=content[0],
                                                                   data=content[1])
