"""A thin wrapper around message boxes, so that tests can answer them (after Picard)."""
from __future__ import annotations

import sys

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

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


messages = Messages()


def default_dialogs() -> Dialogs:
    """The app's message boxes, for a page or dialog built without any given (tests record them: conftest)."""
    return messages
