"""'Urenlijst maken…': the provider and the month, then where to save; the sheet holds that month's rows, each
with the hours still left on the agreement and in the month."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from models.domain.errors import Refusal
from models.domain.months import Month
from models.services import hour_sheets, lookup
from models.services import months as months_service
from models.services.hour_sheets import HourSheetTemplate

from ..forms import FormDialog, choice_picker, month_picker
from ..loading import PageLoader
from .months import EMPTY_LINE
from ..operations import attempt
from ..ports import Dialogs, Runner


def sheet_months(runner: Runner, year: str) -> tuple[list[Month], Month | None]:
    """The months a sheet can ask for (begun and open) and the one to start on: the last month that has ended
    (the month before this one), else the nearest open month before it, else the latest."""
    today = Month.of(runner.today())
    months = [s.month for s in runner.read(months_service.states, year, runner.today()) if s.started and not s.closed]
    ended = [m for m in months if m < today]
    return months, (ended or months or [None])[-1]


class MakeSheetDialog(FormDialog):
    """Dienstverlener and maand of the sheet; 'Opslaan…' checks there is something to fill in, then asks where."""

    def __init__(self, runner: Runner, year: str, providers: list[str], months: list[Month], month: Month | None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Urenlijst maken", parent, ok_text="Opslaan…")
        self.setObjectName("makeSheetDialog")
        self.runner = runner
        self.year = year
        self.provider = self.add_row("provider", "&Dienstverlener", choice_picker([(p, p) for p in providers]))
        self.month = self.add_row("month", "&Maand", month_picker(months, month))
        for picker in (self.provider, self.month):  # one width: the two read as one question
            picker.setMinimumContentsLength(24)
        self.note = self.add_note(EMPTY_LINE)  # room for "Bezig met laden…" over it while the read takes a while
        self.template: HourSheetTemplate | None = None
        # What the sheet will hold is read off the UI thread (a large year takes a while); 'Opslaan…' reads it
        # again itself, so it does not wait for this.
        self.loader = PageLoader(self, runner, cover=self.note)
        self.provider.currentIndexChanged.connect(self._update_note)
        self.month.currentIndexChanged.connect(self._update_note)
        self._update_note()
        self.setMinimumWidth(460)

    def _read(self) -> HourSheetTemplate:
        return self.runner.read(hour_sheets.template_rows, *self._question())

    def _question(self) -> tuple[str, str, dt.date, Month]:
        return self.year, self.provider.currentData(), self.runner.today(), self.month.currentData()

    def _update_note(self) -> None:
        """What the sheet will hold, before the user saves it."""
        self.loader.load(hour_sheets.template_rows, *self._question(), then=self._show_note, refused=self._refused)

    def _show_note(self, template: HourSheetTemplate) -> None:
        agreements = len({r.agreement for r in template.rows})
        self.note.setText(f"{agreements} bevestigde {'overeenkomst' if agreements == 1 else 'overeenkomsten'} "
                          f"met uren te boeken in {template.month.label if template.month else ''}; per rij staat "
                          "erbij hoeveel uur er nog over is op de overeenkomst en in de maand.")
        self.fit_height()

    def _refused(self, refusal: Refusal) -> None:
        self.note.setText(refusal.message)
        self.fit_height()

    def submit(self) -> None:
        self.template = self._read()


def make_template(runner: Runner, parent: QWidget, year: str, *, dialogs: Dialogs) -> MakeSheetDialog | None:
    """Ask provider and month (window-modal); once chosen, ask where and write the sheet."""
    providers = runner.read(lookup.provider_names, year)
    months, month = sheet_months(runner, year)
    if not providers or not months:
        dialogs.info(parent, "Geen urenlijst te maken",
                      f"In {year} is nog geen open maand begonnen; een urenlijst vraagt gerealiseerde uren."
                      if providers else f"{year} heeft nog geen dienstverleners.")
        return None
    dialog = MakeSheetDialog(runner, year, providers, months, month, parent)
    dialog.accepted.connect(lambda: _save(parent, dialog.template, dialogs))
    dialog.open()
    return dialog


def _save(parent: QWidget, template: HourSheetTemplate | None, dialogs: Dialogs) -> None:
    """The save dialog in the export folder used last, under 'Urenlijst <provider> <month>.xlsx'."""
    from exports.hour_sheet_xlsx import hour_sheet_file_name, write_hour_sheet

    from ..export_actions import exports_for

    if template is None:
        return
    path = exports_for(parent).ask_path("Urenlijst opslaan", hour_sheet_file_name(template), "Excel-werkmap (*.xlsx)")
    if path is None:
        return
    written = attempt(lambda: write_hour_sheet(template, path), parent=parent, dialogs=dialogs,
                      refusal_title="Geen urenlijst gemaakt")
    if written is not None:
        dialogs.saved(parent, written)
