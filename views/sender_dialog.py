"""Rapporten → Afzender en ondertekening…: the SWV's sending address and the signature under its e-mail
drafts, kept in the database for every user and the command line (`settings`)."""
from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from models.services import settings

from .forms import FormDialog
from .ports import Runner


def set_sender(*, runner: Runner, email: str, signature: str) -> None:
    """The address the e-mail drafts come from and the signature under them, both or (refused) neither."""
    runner.write(settings.set_sender, email, signature)


class SenderDialog(FormDialog):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__("Afzender en ondertekening", parent)
        self.runner = runner
        self.email = self.add_row("email", "&Afzender (e-mail)", QLineEdit(runner.read(settings.sender_email)))
        self.email.setPlaceholderText("bijv. secretariaat@swv.nl")
        self.add_note("Staat als afzender in de e-mailconcepten. Leeg: uw e-mailprogramma vult de afzender in.")
        self.signature = self.add_row("signature", "&Ondertekening", QPlainTextEdit(runner.read(settings.signature)))
        self.signature.setPlaceholderText("bijv.\nM. Jansen\nSecretariaat\n010-1234567")
        self.signature.setTabChangesFocus(True)
        self.signature.setFixedHeight(5 * self.signature.fontMetrics().lineSpacing() + 12)
        self.add_note(f"Onder ‘Met vriendelijke groet,’; hoogstens {settings.NAME_LENGTH} tekens. Leeg: "
                      "‘Secretariaat’ en de naam van het samenwerkingsverband.")
        self.ok_button.setEnabled(not runner.read_only)

    def submit(self) -> None:
        set_sender(runner=self.runner, email=self.email.text(), signature=self.signature.toPlainText())
