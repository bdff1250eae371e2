"""A support question's status steps: verslag ontvangen (with the report's file), betalen, intrekken."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPushButton, QWidget

from models.domain import dutch
from models.domain.errors import InvalidInput
from models.domain.innovation import check_title
from models.services.innovation_report import QuestionLine

from ..forms import FormDialog, date_field, date_of
from ..ports import Runner
from . import operations
from .fields import hline
from .report_upload import FILE_PATTERN, read_upload


class QuestionStepDialog(FormDialog):
    """Verslag ontvangen (title and date), betalen (date) or intrekken (reason and date)."""

    def __init__(self, runner: Runner, question: QuestionLine, step: str, parent: QWidget | None = None) -> None:
        titles = {"verslag": ("Verslag ontvangen", "Vastleggen"), "betalen": ("Betalen", "Betaald"),
                  "intrekken": ("Intrekken", "Intrekken")}
        title, ok = titles[step]
        super().__init__(f"{title}: ondersteuningsvraag {question.number}", parent, ok_text=ok)
        self.setObjectName("questionStepDialog")
        self.runner = runner
        self.question = question
        self.step = step
        about = QLabel(f"<b>{html.escape(question.number)}</b> · {html.escape(question.title)} · "
                       f"{html.escape(question.network)} · {dutch.euros(question.amount)}")
        about.setWordWrap(True)
        self.form.addRow(about)
        today = runner.today()
        self.report_title: QLineEdit | None = None
        self.reason: QLineEdit | None = None
        if step == "verslag":
            self.report_title = self.add_row("title", "&Titel van het verslag", QLineEdit())
            self.report_title.setPlaceholderText("bijv. Eindverslag pilot gedrag")
            self.date = self.add_row("received_on", "&Ontvangen op", date_field(today))
            self.file = QLineEdit()
            self.file.setReadOnly(True)
            self.file.setPlaceholderText("PDF, DOCX of ODT, hoogstens 25 MB")
            self.file.setAccessibleName("Bestand van het verslag")
            self.choose_button = QPushButton("Bestand &kiezen…")
            self.choose_button.setToolTip("Het verslag zelf: het wordt in de database bewaard (Verslagen)")
            self.choose_button.clicked.connect(self.choose_file)
            self.add_row("file", "&Verslag", hline(self.file, self.choose_button, stretch=False))
            self.add_note("Het verslag wordt bewaard en is te vinden onder Verslagen; het mag geen leerlinggegevens "
                          "bevatten (geen BSN, geen geboortedatum). Na het verslag kunnen de uitvoerders worden "
                          "betaald.")
        elif step == "betalen":
            self.date = self.add_row("paid_on", "&Betaald op", date_field(today))
            lines = ", ".join(f"{e.expert} {dutch.euros(e.amount)}" for e in question.executors)
            self.add_note(f"Uit te betalen: {lines}.")
        else:
            self.reason = self.add_row("reason", "&Reden", QLineEdit())
            self.reason.setPlaceholderText("Waarom de vraag wordt ingetrokken")
            self.date = self.add_row("day", "&Ingetrokken op", date_field(today))
            self.add_note(f"Het vastgelegde bedrag ({dutch.euros(question.amount)}) komt weer vrij in het budget "
                          f"van {question.network}. Intrekken kan niet ongedaan worden gemaakt.")
        self.field_aliases.update({"date": "received_on" if step == "verslag" else "paid_on" if step == "betalen"
                                   else "day", "report_title": "title", "received_on": "received_on"})

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, f"Verslag van {self.question.number}", "", FILE_PATTERN)
        if chosen:
            self.file.setText(chosen)
            if self.report_title is not None and not self.report_title.text().strip():
                self.report_title.setText(Path(chosen).stem)

    def submit(self) -> None:
        number, day = self.question.number, date_of(self.date)
        if self.step == "verslag":
            assert self.report_title is not None
            check_title(self.report_title.text(), "Het verslag", "title")  # the title first, as the form reads
            if not self.file.text():
                raise InvalidInput("Kies het verslag zelf als bestand (PDF, DOCX of ODT).", field="file")
            self.notice = operations.receive_report(runner=self.runner, number=number,
                                                    title=self.report_title.text(), day=day,
                                                    upload=read_upload(Path(self.file.text())))
        elif self.step == "betalen":
            self.notice = operations.pay_question(runner=self.runner, number=number, day=day)
        else:
            assert self.reason is not None
            self.notice = operations.withdraw_question(runner=self.runner, number=number, reason=self.reason.text(),
                                                       day=day)
