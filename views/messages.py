"""A thin wrapper around message boxes, so that tests can answer them (after Picard)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

if TYPE_CHECKING:
    from .ports import Dialogs


class Messages:
    #: Without a user (`--smoke`): messages go to stderr and every question is answered "no".
    non_interactive = False

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        if self.non_interactive:
            print(f"{title}: {text}", file=sys.stderr)
            return
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        if self.non_interactive:
            print(f"{title}: {text}", file=sys.stderr)
            return
        QMessageBox.warning(parent, title, text)

    def ask(self, parent: QWidget | None, title: str, text: str, yes: str = "Ja", no: str = "Annuleren", *,
            default_yes: bool = False) -> bool:
        """A question with two answers; Enter gives `no` unless `default_yes` (the usual next step)."""
        if self.non_interactive:
            print(f"{title}: {text} ({no})", file=sys.stderr)
            return False
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes_button if default_yes else no_button)
        box.exec()
        return box.clickedButton() is yes_button

    def saved(self, parent: QWidget | None, path: Path, what: str = "Opgeslagen als") -> None:
        """'Opgeslagen als …' with buttons to open the file or its folder."""
        if self.non_interactive or not isinstance(parent, QWidget) or QApplication.platformName() == "offscreen":
            self.info(parent, "Opgeslagen", f"{what} {path}")
            return
        box = QMessageBox(QMessageBox.Icon.Information, "Opgeslagen", f"{what}\n{path}",
                          QMessageBox.StandardButton.NoButton, parent)
        open_file = box.addButton("Openen", QMessageBox.ButtonRole.AcceptRole) if path.is_file() else None
        open_folder = box.addButton("Map openen", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Sluiten", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if open_file is not None and box.clickedButton() is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path if path.is_dir() else path.parent)))


messages = Messages()


def default_dialogs() -> Dialogs:
    """The app's message boxes, for a page or dialog built without any given (tests record them: conftest)."""
    return messages
