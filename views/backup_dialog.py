"""Pick a back-up to put back; the current file is moved aside first, never deleted."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from models.domain import dutch
from models import backup



class RestoreDialog(QDialog):
    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Back-up terugzetten")
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for item in backup.listing(database):
            size = item.path.stat().st_size // 1024
            entry = QListWidgetItem(f"{item.label}  ·  {item.path.name}  ·  {dutch.whole(size)} kB")
            entry.setData(256, item.path)
            self.list.addItem(entry)
        explanation = QLabel(
            "Kies de back-up die u wilt terugzetten. Het huidige bestand wordt eerst opzij gezet "
            "(het blijft in dezelfde map staan) en de app opent daarna de teruggezette gegevens.")
        explanation.setWordWrap(True)
        empty = QLabel("Er zijn nog geen back-ups.")
        empty.setVisible(self.list.count() == 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Terugzetten")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.list.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if self.list.count():
            self.list.setCurrentRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.list, 1)
        layout.addWidget(empty)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return item.data(256) if item is not None else None
