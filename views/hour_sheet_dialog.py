"""Provider hour sheets in the app: make the sheet to fill in, and read a filled-in sheet back with a
preview of every row and its problems; all rows are imported, or none."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QInputDialog, QLabel, QScrollArea, QVBoxLayout, QWidget,
)

from models.domain.errors import Refusal
from models.services import hour_sheets, reporting
from models.services.hour_sheets import Preview, SheetRow

from . import format as fmt
from .background import read_in_background, write_in_background
from .messages import messages
from .ports import Changes, Runner
from .table import BAD, ROW_ROLE, Column, RowsModel, make_table

SKIPPED = "geen uren: overgeslagen"


def _problem_lines(row: SheetRow) -> list[str]:
    return [f"{p.column}: {p.message}" if p.column else p.message for p in row.problems]


def _problems(row: SheetRow) -> str:
    if row.skipped:
        return SKIPPED
    return "; ".join(_problem_lines(row)) or "in orde"


def _hours(row: SheetRow) -> str:
    """A skipped row's hours cell held nothing (or 0): it stays empty rather than showing a 0 never typed."""
    return "" if row.skipped or row.minutes is None else fmt.hours(row.minutes)


COLUMNS: list[Column[SheetRow]] = [
    Column("Rij", lambda r: r.row, "int", width=50),
    Column("Overeenkomst", lambda r: r.agreement, width=105),
    Column("Bestuur", lambda r: r.board, width=140),
    Column("Maand", lambda r: r.month, "month", width=120),
    Column("Uren", lambda r: r.minutes, "hours", width=60, text=_hours),
    Column("Controle", _problems, background=lambda r: BAD if r.problems else None, cell_tooltip=_problems),
]


def row_details(row: SheetRow | None) -> str:
    """The chosen row in full under the table: what it holds, then every problem on a line of its own."""
    if row is None:
        return "Kies een rij om de controle ervan volledig te lezen."
    held = [f"<b>Rij {row.row}</b>", fmt.text(row.agreement or "(geen overeenkomst)")]
    held += [fmt.text(part) for part in (row.board, fmt.month(row.month), _hours(row) and f"{_hours(row)} uur")
             if part]
    lines = [" · ".join(held)]
    if row.problems:
        lines += [f"• {fmt.text(line)}" for line in _problem_lines(row)]
    else:
        lines.append(SKIPPED.capitalize() if row.skipped else "In orde: wordt ingelezen.")
    return "<br>".join(lines)


class SheetPreviewDialog(QDialog):
    """Every row with its problems; 'Inlezen' only when all rows are in order."""

    def __init__(self, runner: Runner, preview: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.preview = preview
        self.setWindowTitle(f"Urenlijst inlezen: {preview.sheet.file_name}")
        self.setObjectName("sheetPreview")
        bad = [r for r in preview.rows if r.problems]
        summary = QLabel()
        summary.setWordWrap(True)
        if bad:
            summary.setText(f"<b>{fmt.text(preview.provider)}, schooljaar {fmt.text(preview.year)}: {len(bad)} van de "
                            f"{len(preview.rows)} rijen hebben een probleem.</b> Er wordt niets ingelezen tot alle "
                            "rijen in orde zijn; pas de lijst aan en lees hem opnieuw in.")
            summary.setObjectName("warning")
        else:
            summary.setText(f"<b>{fmt.text(preview.provider)}, schooljaar {fmt.text(preview.year)}:</b> "
                            f"{len(preview.to_import)} rijen "
                            f"met samen {fmt.hours(preview.minutes)} uur worden ingelezen"
                            + (f", {preview.skipped} lege rijen worden overgeslagen." if preview.skipped else "."))
        self.summary = summary
        self.model: RowsModel[SheetRow] = RowsModel(COLUMNS, preview.rows)
        self.table, self.proxy = make_table(self.model, object_name="sheetPreviewTable")
        self.details = QLabel()
        self.details.setObjectName("sheetRowDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        details_area = QScrollArea()  # many problems on one row scroll here instead of pushing the buttons away
        details_area.setWidget(self.details)
        details_area.setWidgetResizable(True)
        details_area.setFrameShape(QScrollArea.Shape.NoFrame)
        details_area.setMaximumHeight(96)
        self.table.selectionModel().currentRowChanged.connect(self._show_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Alles inlezen")
        self.import_button.setEnabled(preview.ok and bool(preview.to_import))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self._import)
        buttons.rejected.connect(self.reject)
        self.result_text = ""
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(details_area)
        layout.addWidget(buttons)
        self.resize(1180, 640)
        first_bad = next((r for r in range(self.proxy.rowCount()) if self.proxy.index(r, 0).data(ROW_ROLE).problems),
                         None)
        if first_bad is not None:
            self.table.selectRow(first_bad)
        else:
            self._show_row(QModelIndex())

    def _show_row(self, current: QModelIndex) -> None:
        self.details.setText(row_details(current.data(ROW_ROLE) if current.isValid() else None))

    def _import(self) -> None:
        rows = len(self.preview.to_import)
        try:
            result = write_in_background(self.runner, self, f"Bezig met inlezen van {rows} rijen…",
                                         hour_sheets.import_sheet, self.preview.sheet, self.runner.today(),
                                         changes=Changes(hours=True))
        except Refusal as error:
            self.summary.setText(error.message)
            self.summary.setObjectName("warning")
            self.summary.setStyleSheet("")
            self.import_button.setEnabled(False)
            return
        if result is None:
            self.summary.setText("Inlezen geannuleerd: er is niets ingelezen. Kies ‘Alles inlezen’ om het opnieuw "
                                 "te proberen.")
            return
        self.result_text = result.summary
        self.accept()


def open_preview(runner: Runner, parent: QWidget, path: Path | None = None) -> SheetPreviewDialog | None:
    """Ask for a filled-in sheet, check every row and show the preview (not yet imported)."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(parent, "Urenlijst inlezen", "", "Excel-werkmap (*.xlsx)")
        if not chosen:
            return None
        path = Path(chosen)
    preview = read_in_background(runner, parent, f"Bezig met controleren van {path.name}…", hour_sheets.preview,
                                 path, runner.today(), refusal_title="Urenlijst niet ingelezen")
    if preview is None:  # refused (the message says why) or cancelled
        return None
    dialog = SheetPreviewDialog(runner, preview, parent)
    dialog.accepted.connect(lambda: messages.info(parent, "Urenlijst ingelezen", dialog.result_text))
    dialog.open()
    return dialog


def make_template(runner: Runner, parent: QWidget, year: str, provider: str | None = None,
                  path: Path | None = None) -> Path | None:
    """The provider's sheet to fill in: its confirmed agreements and their months."""
    from exports.hour_sheet_xlsx import write_hour_sheet

    from .export_actions import show_saved

    if provider is None:
        names = [p.name for p in runner.read(reporting.allocation, year).providers]
        provider, ok = QInputDialog.getItem(parent, "Urenlijst maken", "Dienstverlener:", names, 0, False)
        if not ok:
            return None
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(parent, "Urenlijst opslaan", f"Urenlijst {provider} {year}.xlsx",
                                                "Excel-werkmap (*.xlsx)")
        if not chosen:
            return None
        path = Path(chosen)
    try:
        template = runner.read(hour_sheets.template_rows, year, provider, runner.today())
        written = write_hour_sheet(template, path)
    except Refusal as error:
        messages.error(parent, "Geen urenlijst gemaakt", error.message)
        return None
    show_saved(parent, written)
    return written
