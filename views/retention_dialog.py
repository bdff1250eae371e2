"""Privacy (AVG): clear the pupil codes of school years that ended longer ago than the retention period."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from models.domain import dutch
from models.services import retention
from models.services.retention import RetentionPreview

from .forms import FormDialog
from .ports import Runner



def _agreements(count: int) -> str:
    return f"{count} overeenkomst{'en' if count != 1 else ''}"


def _years(labels: tuple[str, ...]) -> str:
    if len(labels) == 1:
        return f"schooljaar {labels[0]}"
    return "de schooljaren " + ", ".join(labels[:-1]) + f" en {labels[-1]}"


def clear_pupil_refs(*, runner: Runner, years: int, today: dt.date) -> int:
    """Clear the pupil references of the school years that ended more than `years` years before `today`, as one
    transaction: how many agreements. A refusal rises, to show beside its field."""
    return runner.write(retention.clear_pupil_refs, years, today)


class RetentionDialog(FormDialog):
    """Asks for the retention period, says which agreements it concerns, and asks once more before clearing.

    `cleared` holds the number of codes cleared once the dialog is accepted; `years_value()` the period
    chosen (for the setting)."""

    def __init__(self, runner: Runner, parent: QWidget | None = None, *,
                 years: int = retention.DEFAULT_YEARS) -> None:
        super().__init__("Leerlingcodes wissen (AVG)", parent, ok_text="Leerlingcodes wissen…")
        self.runner = runner
        self.cleared: int | None = None
        self.preview: RetentionPreview | None = None
        intro = QLabel("Een leerlingcode is alleen nodig zolang de ondersteuning loopt. Hier wist u de codes van "
                       "schooljaren die langer geleden zijn afgelopen dan de bewaartermijn. De overeenkomsten en "
                       "de geboekte uren blijven staan; alleen de code verdwijnt, ook uit het databasebestand.")
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.years = QSpinBox()
        self.years.setObjectName("retentionYears")
        self.years.setRange(0, retention.MAX_YEARS)
        self.years.setSuffix(" jaar")
        self.years.setValue(max(0, min(years, retention.MAX_YEARS)))
        self.years.setMaximumWidth(120)
        self.add_row("years", "&Bewaartermijn:", self.years)
        self.summary = self.add_note()
        self.summary.setObjectName("retentionSummary")
        self.years.valueChanged.connect(self._update)
        self._update()

    def years_value(self) -> int:
        return self.years.value()

    def _update(self) -> None:
        self.clear_errors()
        today = self.runner.today()
        preview = self.runner.read(retention.preview, self.years.value(), today)
        self.preview = preview
        ended = f"afgelopen vóór {dutch.date(preview.cutoff)}"
        if not preview.years:
            text = f"Geen schooljaar is {ended}; er valt niets te wissen."
        elif not preview.agreements:
            text = f"In {_years(preview.years)} ({ended}) staan geen leerlingcodes meer."
        else:
            text = (f"{_agreements(preview.agreements)} in {_years(preview.years)} ({ended}) "
                    f"{'hebben' if preview.agreements != 1 else 'heeft'} een leerlingcode die wordt gewist.")
        if self.runner.read_only:
            text += " De database is alleen-lezen geopend; wissen kan nu niet."
        self.summary.setText(text)
        self.ok_button.setEnabled(bool(preview.agreements) and not self.runner.read_only)
        self.fit_height()

    def _try_submit(self) -> None:
        """Ask before anything is cleared; 'Annuleren' leaves the dialog open and the data as it was."""
        preview = self.preview
        if preview is None or not preview.agreements:
            return
        if self._database() is not None:
            copies = ("De codes worden ook gewist uit de back-ups en de opzijgezette bestanden in de map van de "
                      "database; alleen kopieën die u elders bewaart (zoals met 'swv-uren backup -o' gemaakt) "
                      "bevatten ze dan nog.")
        else:
            copies = "Kopieën van de database op de server (pg_dump) bevatten de codes nog, tot ze worden opgeruimd."
        question = (f"De leerlingcodes van {_agreements(preview.agreements)} in {_years(preview.years)} wissen?\n\n"
                    f"De overeenkomsten en de uren blijven staan. Dit kan niet ongedaan worden gemaakt. {copies}")
        if self.dialogs.ask(self, "Leerlingcodes wissen", question, yes="Wissen", no="Annuleren"):
            super()._try_submit()

    def submit(self) -> None:
        today = self.runner.today()
        self.cleared = clear_pupil_refs(runner=self.runner, years=self.years.value(), today=today)
        text = f"De leerlingcodes van {_agreements(self.cleared)} zijn gewist."
        database = self._database()
        if database is not None:  # committed: now the same clearing in every copy beside the database
            copies = retention.clear_copies(database, self.years.value(), today)
            if copies.cleared:
                count = len(copies.cleared)
                text += (f" Ook uit {count} {'kopie' if count == 1 else 'kopieën'} in de map van de database "
                         "(back-ups en opzijgezette bestanden).")
            if copies.failed:
                text += (" Uit deze bestanden konden ze niet worden gewist (beschadigd of in gebruik); verwijder "
                         "ze zelf als u ze niet meer nodig hebt: " + ", ".join(p.name for p in copies.failed) + ".")
        self.dialogs.info(self, "Leerlingcodes gewist", text)

    def _database(self) -> Path | None:
        """The SQLite file, whose copies are cleared too; None on a server."""
        return getattr(self.runner, "db_path", None)
