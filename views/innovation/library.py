"""Verslagen: every received report over all years and networks, filtered by theme, network, year and kind of
school, searched over the full text with the passage shown; a report opened, saved or replaced, its earlier
versions listed; the list saved as a workbook."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from models.domain import dutch
from models.services import masterdata, report_library
from models.services.report_library import LibraryEntry

from .. import richtext
from ..messages import default_dialogs
from ..ports import Dialogs, Runner
from ..tables import Column, RowsModel, make_table, selected_row
from . import operations
from .report_upload import FILE_PATTERN
from .report_versions import ReportVersionsDialog, size_text

ALL = None


def _size(entry: LibraryEntry) -> str:
    return size_text(entry.size_bytes)


COLUMNS: list[Column[LibraryEntry]] = [
    # The year is in the number (2016-I04) and the year filter; the file in the line under the table: both can be
    # shown with the header's menu, so the report's title and its schools have room at 1280 pixels.
    Column("Jaar", lambda e: e.year, width=80, hidden=True),
    Column("Nummer", lambda e: e.number, width=80),
    Column("Verslag", lambda e: e.report_title, width=200, size="stretch",
           cell_tooltip=lambda e: f"{e.report_title}\nVraag: {e.question_title}"),
    Column("Netwerk", lambda e: e.network, width=90),
    Column("Thema", lambda e: e.theme, width=90),
    Column("Scholen (bestuur, soort)", lambda e: "; ".join(e.schools), width=220,
           cell_tooltip=lambda e: "\n".join(e.schools)),
    Column("Uitvoerders (soort)", lambda e: "; ".join(e.executors), width=180,
           cell_tooltip=lambda e: "\n".join(e.executors)),
    Column("Ontvangen", lambda e: e.received_on, "date", width=84),
    Column("Bestand", lambda e: e.file_name, width=140, hidden=True,
           cell_tooltip=lambda e: f"{e.file_name} · {e.kind} · {_size(e)} · versie {e.version} · toegevoegd "
                                  f"{dutch.date(e.added_at.date())} door {e.added_by or 'onbekend'}"),
    Column("Versie", lambda e: e.version, "int", width=56),
]


class ReportLibraryPanel(QWidget):
    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportLibrary")
        self.runner = runner
        #: The user's message boxes (the app's own when none is given).
        self.dialogs: Dialogs = dialogs if dialogs is not None else default_dialogs()
        self.entries: list[LibraryEntry] = []
        self.theme = QComboBox()
        self.theme.setAccessibleName("Filter op thema")
        self.network = QComboBox()
        self.network.setAccessibleName("Filter op netwerk")
        self.year = QComboBox()
        self.year.setAccessibleName("Filter op schooljaar")
        self.kind = QComboBox()
        self.kind.setObjectName("reportSchoolKind")
        self.kind.setAccessibleName("Filter op soort school")
        self.kind.setToolTip("Alleen verslagen van vragen met een school van deze soort")
        self.search = QLineEdit()
        self.search.setObjectName("reportSearch")
        self.search.setPlaceholderText("Zoek in de tekst van de verslagen, bijv. prikkelarm")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        for box in (self.theme, self.network, self.year, self.kind):
            box.setMinimumContentsLength(12)
            box.currentIndexChanged.connect(lambda _i: self.show_entries())
        self.search.returnPressed.connect(self.show_entries)
        self.search.textChanged.connect(lambda text: None if text.strip() else self.show_entries())
        self.search_button = QPushButton("Zoeken")
        self.search_button.setToolTip("Zoek de woorden in de volledige tekst van de verslagen (Enter)")
        self.search_button.clicked.connect(self.show_entries)

        self.model: RowsModel[LibraryEntry] = RowsModel(COLUMNS)
        self.table, self.proxy = make_table(self.model, object_name="reportLibraryTable")
        self.table.activated.connect(lambda _index: self.open_report())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.passage = QLabel()
        self.passage.setObjectName("reportPassage")
        self.passage.setWordWrap(True)
        self.passage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passage.setMinimumHeight(40)
        self.passage.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.open_button = QPushButton("Openen")
        self.open_button.setToolTip("Het verslag openen in het programma dat bij het bestand hoort (Enter)")
        self.open_button.clicked.connect(self.open_report)
        self.save_button = QPushButton("Opslaan als…")
        self.save_button.setToolTip("Het verslag als bestand opslaan, bijv. om te mailen")
        self.save_button.clicked.connect(self.save_report)
        self.replace_button = QPushButton("Vervangen…")
        self.replace_button.setToolTip("Een nieuwe versie van het verslag bewaren; de vorige blijft bewaard")
        self.replace_button.clicked.connect(self.replace_report)
        self.versions_button = QPushButton("Eerdere versies…")
        self.versions_button.setToolTip("De versies van het verslag die bewaard zijn toen het werd vervangen, met "
                                        "datum en bestand; elk te openen of op te slaan")
        self.versions_button.clicked.connect(self.show_versions)
        self.versions_dialog: ReportVersionsDialog | None = None  # the dialog open now (tests drive it)
        self.export_button = QPushButton("Lijst naar Excel…")
        self.export_button.setToolTip("De getoonde verslagen als Excel-werkmap")
        self.export_button.clicked.connect(self.export_list)

        searching = QHBoxLayout()  # the search on a line of its own: the four filters keep their words whole
        searching.setContentsMargins(0, 0, 0, 0)
        searching.addWidget(self.search, 1)
        searching.addWidget(self.search_button)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(QLabel("Filter:"))
        for widget in (self.theme, self.network, self.year, self.kind):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filters.addWidget(widget)
        filters.addStretch(1)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (self.open_button, self.save_button, self.replace_button, self.versions_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(searching)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.passage)
        layout.addLayout(actions)
        self._show_selected()

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        everything = self.runner.read(report_library.library)
        self._fill(self.theme, "Alle thema's", sorted({e.theme for e in everything}, key=str.casefold))
        self._fill(self.network, "Alle netwerken", sorted({e.network for e in everything}, key=str.casefold))
        self._fill(self.year, "Alle schooljaren", sorted({e.year for e in everything}, reverse=True))
        self._fill(self.kind, "Alle soorten scholen", list(masterdata.SCHOOL_KINDS))
        self.show_entries()

    @staticmethod
    def _fill(box: QComboBox, everything: str, values: list[str]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, ALL)
        for value in values:
            box.addItem(value, value)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)

    def filters(self) -> dict[str, str | None]:
        return {"theme": self.theme.currentData(), "network": self.network.currentData(),
                "year": self.year.currentData(), "kind": self.kind.currentData()}

    def show_entries(self) -> None:
        words = self.search.text().strip()
        self.entries = self.runner.read(report_library.search, words, **self.filters())
        self.model.set_rows(self.entries)
        if self.entries:
            self.table.selectRow(0)
        self.summary.setText(self.describe())
        self._show_selected()

    def describe(self) -> str:
        n = len(self.entries)
        parts = ["1 verslag" if n == 1 else f"{n} verslagen"]
        parts += [f"{what} {value}" for what, value in zip(("thema", "netwerk", "schooljaar", "soort school"),
                                                           self.filters().values()) if value]
        if self.search.text().strip():
            parts.append(f"zoekterm ‘{self.search.text().strip()}’")
        return " · ".join(parts)

    def selected(self) -> LibraryEntry | None:
        row = selected_row(self.table)
        return row if isinstance(row, LibraryEntry) else None

    def _show_selected(self) -> None:
        entry = self.selected()
        for button in (self.open_button, self.save_button, self.versions_button):
            button.setEnabled(entry is not None)
        self.replace_button.setEnabled(entry is not None and not self.runner.read_only)
        self.export_button.setEnabled(bool(self.entries))
        if entry is None:
            self.passage.setText("Nog geen verslagen: een verslag komt in de bibliotheek bij ‘Verslag ontvangen…’."
                                 if not self.entries and not self.search.text().strip() else "")
            return
        t = richtext.plain
        lines = [f"<b>{t(entry.number)}</b> · {t(entry.question_title)} · {t(entry.file_name)} ({entry.kind}, "
                 f"{_size(entry)}, versie {entry.version})",
                 f"Scholen: {t('; '.join(entry.schools))} · Uitvoerders: {t('; '.join(entry.executors))}"]
        if entry.passage:
            shown = t(entry.passage).replace("«", "<b>").replace("»", "</b>")
            lines.append(f"Passage: {shown}")
        self.passage.setText("<br>".join(lines))

    # ------------------------------------------------------------------ acting
    def _content(self) -> tuple[str, bytes] | None:
        entry = self.selected()
        if entry is None:
            return None
        return self.runner.read(report_library.report_content, entry.report_id)

    def open_report(self) -> Path | None:
        """Write a copy into the app's folder for opened files and open it with the program that goes with it."""
        content = self._content()
        return None if content is None else operations.open_report(parent=self, dialogs=self.dialogs, name=content[0],
                                                                   data=content[1])

    def save_report(self) -> Path | None:
        content = self._content()
        return None if content is None else operations.save_report(parent=self, dialogs=self.dialogs, name=content[0],
                                                                   data=content[1])

    def show_versions(self) -> ReportVersionsDialog | None:
        entry = self.selected()
        if entry is None:
            return None
        dialog = ReportVersionsDialog(self.runner, entry.number, entry.report_title or entry.question_title,
                                      self.window(), dialogs=self.dialogs)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.versions_dialog = dialog
        dialog.open()
        return dialog

    def replace_report(self) -> bool:
        entry = self.selected()
        if entry is None:
            return False
        chosen, _ = QFileDialog.getOpenFileName(self, f"Nieuwe versie van het verslag van {entry.number}", "",
                                                FILE_PATTERN)
        if not chosen:
            return False
        return operations.replace_report(parent=self, runner=self.runner, dialogs=self.dialogs, number=entry.number,
                                         path=Path(chosen)) is not None

    def export_list(self) -> Path | None:
        return operations.save_library_list(parent=self, runner=self.runner, dialogs=self.dialogs,
                                            entries=self.entries, shown=self.describe())
