"""A thin wrapper around message boxes, so that tests can answer them (after Picard)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Messages:
    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def ask(self, parent: QWidget | None, title: str, text: str, yes: str = "Ja", no: str = "Annuleren") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no_button)
        box.exec()
        return box.clickedButton() is yes_button


messages = Messages()
