"""The status steps with a date (registreren, bevestigen, afronden): their words, service call and dialog."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtWidgets import QLabel, QWidget

from models.domain import dutch
from models.domain.months import Month
from models.services import agreement_hints
from models.services import agreements as service
from models.services.agreements import AgreementRow

from .. import richtext
from ..forms import FormDialog, date_field, date_of
from ..ports import Runner
from .dialog import months_warning
from .operations import take_step


@dataclass(frozen=True)
class Step:
    """A status step with a date: its button, the dialog's words, and the service call."""

    name: str
    button: str
    date_label: str
    explain: str
    action: Callable[..., None]
    date_field: str  # the field name the service uses for a refusal about the date


STEPS = {
    "registreren": Step("registreren", "Registreren…", "Geregistreerd op",
                        "De melding van het bestuur is verwerkt; daarna volgt de bevestiging aan beide partijen.",
                        service.mark_registered, "geregistreerd"),
    "bevestigen": Step("bevestigen", "Bevestigen…", "Bevestigd op",
                       "De bevestiging wordt naar het bestuur en de dienstverlener gestuurd: daarna kunt u de brief "
                       "en de e-mail maken. Vanaf de maand van bevestiging mogen uren worden geboekt.", service.confirm, "bevestigd"),
    "afronden": Step("afronden", "Afronden…", "Afgerond op",
                     "De ondersteuning is klaar. Er kunnen daarna geen uren meer op worden geboekt.",
                     service.complete, "date"),
}


class StepDialog(FormDialog):
    """One status step with its date (registreren, bevestigen, afronden)."""

    def __init__(self, runner: Runner, row: AgreementRow, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(f"Overeenkomst {row.number} {step.name}", parent, ok_text=step.button.rstrip("…"))
        self.setObjectName("stepDialog")
        self.runner = runner
        self.row = row
        self.step = step
        t = richtext.plain
        about = QLabel(f"<b>{t(row.number)}</b> · {t(row.board)} · {t(row.provider)} · {t(row.description)}")
        about.setWordWrap(True)
        self.form.addRow(about)
        self.date = self.add_row("date", f"&{step.date_label}", date_field(runner.today()))
        self.late_warning = self.add_warning()
        self.add_note(step.explain)
        self.field_aliases[step.date_field] = "date"
        if step.name == "bevestigen":  # confirming after the last month is allowed, but nothing can be used then
            self.date.dateChanged.connect(self._warn_when_late)
            self._warn_when_late()

    def _warn_when_late(self) -> None:
        day = date_of(self.date)
        row = self.row
        if Month.of(day) > row.last_month:
            text = (f"Let op: de looptijd eindigt in {row.last_month.label}. Na een bevestiging op "
                    f"{dutch.date(day)} kunnen er geen uren meer op deze overeenkomst worden geboekt; bevestigen kan "
                    "wel.")
        else:
            room = self.runner.read(agreement_hints.months_room, row.year, row.board, row.provider, row.first_month,
                                    row.last_month, Month.of(day), self.runner.today())
            text = months_warning(room, row.board, row.provider, max(0, row.minutes - row.booked),
                                  f"op {dutch.date(day)}")
        self.show_warning(self.late_warning, text)

    def submit(self) -> None:
        self.notice = take_step(runner=self.runner, step=self.step.action, name=self.step.name, number=self.row.number,
                                day=date_of(self.date))
