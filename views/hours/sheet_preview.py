"""Provider hour sheets in the app: read a filled-in sheet back with a preview of every row and its problems;
all rows are imported, or none. (Making the sheet: sheet_make.)"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from models.domain import dutch
from models.domain.errors import Refusal
from models.services import hour_sheets
from models.services.hour_sheets import HourSheet, Preview, SheetRow, Shortfall, sheet_title

from .. import richtext
from ..background import read_in_background, write_in_background
from ..ports import Dialogs, Runner
from ..tables import BAD, ROW_ROLE, Column, RowsModel, make_table

SKIPPED = "geen uren: overgeslagen"


def _problem_lines(row: SheetRow) -> list[str]:
    return [f"{p.column}: {p.message}" if p.column else p.message for p in row.problems]


def _problems(row: SheetRow) -> str:
    if row.skipped:
        return SKIPPED
    return "; ".join(_problem_lines(row)) or "in orde"


def _hours(row: SheetRow) -> str:
    """A skipped row's hours cell held nothing (or 0): it stays empty rather than showing a 0 never typed."""
    return "" if row.skipped or row.minutes is None else dutch.hours(row.minutes)


COLUMNS: list[Column[SheetRow]] = [
    Column("Rij", lambda r: r.row, "int", width=50),
    Column("Overeenkomst", lambda r: r.agreement, width=105),
    Column("Bestuur", lambda r: r.board, width=140),
    Column("Maand", lambda r: r.month, "month", width=120),
    Column("Uren", lambda r: r.minutes, "hours", width=60, text=_hours),
    Column("Controle", _problems, background=lambda r: BAD if r.problems else None, cell_tooltip=_problems,
           width=260, size="stretch"),  # cut with … when long: the pane under the table holds it whole
]


def row_details(row: SheetRow | None, can_grant: bool = False) -> str:
    """The chosen row in full under the table: what it holds, then every problem on a line of its own."""
    if row is None:
        return "Kies een rij om de controle ervan volledig te lezen."
    held = [f"<b>Rij {row.row}</b>", richtext.plain(row.agreement or "(geen overeenkomst)")]
    held += [richtext.plain(part) for part in (row.board, dutch.month(row.month), _hours(row) and f"{_hours(row)} uur")
             if part]
    lines = [" · ".join(held)]
    if row.problems:
        lines += [f"• {richtext.plain(line)}" for line in _problem_lines(row)]
        short = shortfall_of(row)
        if short is not None and can_grant:
            lines.append(f"Tekort: <b>{dutch.hours(short.minutes)} uur</b>. Kies ‘Reserve toekennen…’ om het aan "
                         f"{richtext.plain(short.board)} toe te kennen voor {short.month.label}; daarna wordt de lijst "
                         "opnieuw gecontroleerd.")
    else:
        lines.append(SKIPPED.capitalize() if row.skipped else "In orde: wordt ingelezen.")
    return "<br>".join(lines)


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary_text(preview: Preview) -> str:
    """The line above the rows: what is wrong, or what will be imported; singular and plural as Dutch has them."""
    who = f"<b>{richtext.plain(preview.provider)}, schooljaar {richtext.plain(preview.year)}:"
    bad = sum(1 for r in preview.rows if r.problems)
    total = len(preview.rows)
    if bad:
        if total == 1:
            head = "de enige rij heeft een probleem."
        elif bad == total:
            head = f"alle {total} rijen hebben een probleem."
        else:
            head = f"{bad} van de {total} rijen {'heeft' if bad == 1 else 'hebben'} een probleem."
        return (f"{who} {head}</b> Er wordt niets ingelezen tot alle rijen in orde zijn; pas de lijst aan en lees "
                "hem opnieuw in" + (", of ken reserve toe waar het budget op is." if shortfalls(preview) else "."))
    rows = len(preview.to_import)
    if not rows:
        return f"{who}</b> er staan geen uren in de lijst ({_count(total, 'rij is', 'rijen zijn')} leeg of 0); " \
               "er is niets om in te lezen."
    skipped = preview.skipped
    return (f"{who}</b> {_count(rows, 'rij', 'rijen')} met samen {dutch.hours(preview.minutes)} uur "
            f"{'wordt' if rows == 1 else 'worden'} ingelezen"
            + (f", {_count(skipped, 'lege rij wordt', 'lege rijen worden')} overgeslagen." if skipped else "."))


def shortfalls(preview: Preview) -> list[Shortfall]:
    return [p.shortfall for r in preview.rows for p in r.problems if p.shortfall is not None]


def shortfall_of(row: SheetRow | None) -> Shortfall | None:
    return next((p.shortfall for p in row.problems if p.shortfall is not None), None) if row else None


class SheetPreviewDialog(QDialog):
    """Every row with its problems; 'Inlezen' only when all rows are in order. A row refused for lack of
    budget offers 'Reserve toekennen…'; after the grant the same file is checked again."""

    def __init__(self, runner: Runner, preview: Preview, parent: QWidget | None = None,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.preview = preview
        self.path = path
        self.setWindowTitle(f"{sheet_title(preview.sheet.file_name)} inlezen")
        self.setObjectName("sheetPreview")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
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
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        # Beside the chosen row's details: it acts on that row (the shortfall of its board and month).
        self.reserve_button = QPushButton("Reserve toekennen…")
        self.reserve_button.setObjectName("grantFromSheet")
        self.reserve_button.clicked.connect(self.grant_shortfall)
        buttons.accepted.connect(self._import)
        buttons.rejected.connect(self.reject)
        self.result_text = ""
        self.notice = ""  # what happened here before the last check (a grant), above the summary
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        row_line = QHBoxLayout()
        row_line.addWidget(details_area, 1)
        row_line.addWidget(self.reserve_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row_line)
        layout.addWidget(buttons)
        self.resize(1180, 640)
        self.show_preview(preview)

    def show_preview(self, preview: Preview) -> None:
        """Show a (re-)checked sheet: the summary, the rows, the first row with a problem chosen."""
        self.preview = preview
        self.summary.setText(self.notice + summary_text(preview))
        self._mark(warning=not preview.ok)
        self.model.set_rows(preview.rows)
        self.import_button.setEnabled(preview.ok and bool(preview.to_import))
        self.reserve_button.setVisible(bool(shortfalls(preview)) and not self.runner.read_only)
        first_bad = next((r for r in range(self.proxy.rowCount()) if self.proxy.index(r, 0).data(ROW_ROLE).problems),
                         None)
        if first_bad is not None:
            self.table.selectRow(first_bad)
        else:
            self.table.clearSelection()
            self._show_row(QModelIndex())

    def _mark(self, *, warning: bool) -> None:
        """The summary in the yellow of a warning, or plain; the style sheet applies the name anew."""
        self.summary.setObjectName("warning" if warning else "sheetSummary")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def selected_row(self) -> SheetRow | None:
        current = self.table.currentIndex()
        return current.data(ROW_ROLE) if current.isValid() else None

    def _show_row(self, current: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        self.details.setText(row_details(row, not self.runner.read_only))
        short = shortfall_of(row)
        self.reserve_button.setEnabled(short is not None)
        self.reserve_button.setToolTip(
            f"{dutch.hours(short.minutes)} uur reserve toekennen aan {short.board} bij {short.provider} in "
            f"{short.month.label}; daarna wordt de lijst opnieuw gecontroleerd" if short else
            "Kies een rij die is geweigerd omdat het budget van de maand op is")

    def grant_shortfall(self) -> None:
        """'Reserve toekennen…': the grant dialog with the chosen row's board, provider, month and shortfall
        filled in; once granted, the same file is checked again."""
        from ..grant_dialog import open_grant_dialog

        short = shortfall_of(self.selected_row())
        if short is None:
            return
        self.grant = open_grant_dialog(self.runner, self.preview.year, self, board=short.board,
                                       provider=short.provider, month=short.month, minutes=short.minutes)
        self.grant.accepted.connect(self._granted)

    def _granted(self) -> None:
        cmd, _count = self.grant.saved
        months = self.grant.months()
        when = months[0].label if len(months) == 1 else f"{months[0].label} t/m {months[-1].label}, per maand"
        self.notice = (f"Reserve toegekend: {dutch.hours(cmd.minutes)} uur aan {richtext.plain(cmd.board)} bij "
                       f"{richtext.plain(cmd.provider)} ({when}); de lijst is opnieuw gecontroleerd.<br>")
        self.recheck()

    def recheck(self) -> None:
        """Check the same file again (after a grant): the rows as they are now."""
        source: Path | HourSheet = self.path if self.path is not None else self.preview.sheet
        preview = read_in_background(self.runner, self, "Bezig met opnieuw controleren…", hour_sheets.preview,
                                     source, self.runner.today(), refusal_title="Urenlijst niet ingelezen")
        if preview is not None:
            self.show_preview(preview)

    def _import(self) -> None:
        rows = len(self.preview.to_import)
        try:
            result = write_in_background(self.runner, self, f"Bezig met inlezen van {_count(rows, 'rij', 'rijen')}…",
                                         hour_sheets.import_sheet, self.preview.sheet, self.runner.today())
        except Refusal as error:
            self.summary.setText(error.message)
            self._mark(warning=True)
            self.import_button.setEnabled(False)
            return
        if result is None:
            self.summary.setText("Inlezen geannuleerd: er is niets ingelezen. Kies ‘Alles inlezen’ om het opnieuw "
                                 "te proberen.")
            return
        self.result_text = result.summary
        self.accept()


def open_preview(runner: Runner, parent: QWidget, path: Path | None = None, *,
                 dialogs: Dialogs) -> SheetPreviewDialog | None:
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
    dialog = SheetPreviewDialog(runner, preview, parent, path)
    dialog.accepted.connect(lambda: dialogs.info(parent, "Urenlijst ingelezen", dialog.result_text))
    dialog.open()
    return dialog
