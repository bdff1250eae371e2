"""Reports and exports from the app: the ALV overview, the board workbooks, the provider overview.

Each action asks where to save, builds the report data through the one reporting service,
writes the file (the writers use a temporary name and move it into place), and then offers
to open the file or its folder. Exporting all boards shows a progress dialog that can be
cancelled; the files written until then are complete.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QFileDialog, QInputDialog, QMenu, QWidget,
)

from models.domain.errors import Refusal

from .background import Task, run_task
from .messages import default_dialogs
from .operations import attempt, perform
from .ports import Dialogs, Runner


#: The tooltip of 'Leeg opzetbestand opslaan…', on the welcome page and on Verdeling.
SETUP_TEMPLATE_TIP = ("Een lege opzet-werkmap met de werkbladen Schooljaar, Dienstverleners en Besturen en hun "
                      "kopregels: vul hem in (of laat hem invullen) en lees hem daarna in")


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def move_swv_name(*, runner: Runner, name: str) -> bool:
    """The SWV's name this computer kept in its own settings, into the database; False when it is refused there
    (the settings keep it)."""
    from models.services import settings as swv_settings

    try:
        runner.write(swv_settings.set_swv_name, name)
    except Refusal:
        return False
    return True


class ExportActions(QObject):
    """The Rapporten menu. `year()` gives the year in the picker."""

    def __init__(self, parent: QWidget, runner: Runner, settings: QSettings, year: Callable[[], str | None], *,
                 dialogs: Dialogs | None = None) -> None:
        super().__init__(parent)
        self.window = parent
        self.runner = runner
        self.dialogs: Dialogs = dialogs if dialogs is not None else default_dialogs()
        self.settings = settings
        self.year = year
        self.alv = self._action("ALV-overzicht (PDF)…", self.export_alv, "Ctrl+E")
        self.board = self._action("Werkmap voor één bestuur…", self.export_board)
        self.boards = self._action("Werkmappen voor alle besturen…", self.export_boards)
        self.provider = self._action("Overzicht voor een dienstverlener…", self.export_provider)
        self.board_updates = self._action("Maandupdate besturen…", self.show_board_updates)
        self.provider_requests = self._action("Urenlijsten opvragen…", self.show_provider_requests)
        self.name = self._action("Naam van het samenwerkingsverband…", self.ask_swv_name)
        self.sender = self._action("Afzender en ondertekening…", self.ask_sender)
        #: The reports of a school year: disabled while the database has none (they would do nothing).
        self.year_reports = (self.alv, self.board, self.boards, self.provider, self.board_updates,
                             self.provider_requests)
        self.set_has_year(bool(year()))

    def set_has_year(self, has_year: bool) -> None:
        """Enable the reports of a school year when there is one, Ctrl+E included."""
        for action in self.year_reports:
            action.setEnabled(has_year)
            action.setToolTip("" if has_year else "Er is nog geen schooljaar: maak er eerst een op de welkomstpagina")

    def _action(self, text: str, slot: Callable[[], Any], shortcut: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def fill(self, menu: QMenu) -> None:
        for action in (self.alv, self.board, self.boards, self.provider, None, self.board_updates,
                       self.provider_requests, None, self.name, self.sender):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)

    # ------------------------------------------------------------------ helpers
    def _export_folder(self) -> Path:
        """The folder the user saved an export in last; Documents at first."""
        return Path(str(self.settings.value("export_folder", "") or _documents()))

    def ask_path(self, title: str, name: str, pattern: str) -> Path | None:
        """The save dialog, starting in the folder chosen last ('export_folder'), which it then remembers."""
        folder = str(self._export_folder())
        chosen, _ = QFileDialog.getSaveFileName(self.window, title, str(Path(folder) / name), pattern)
        if not chosen:
            return None
        self.settings.setValue("export_folder", str(Path(chosen).parent))
        return Path(chosen)

    def _run(self, work: Callable[[], Path]) -> Path | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return attempt(work, parent=self.window, dialogs=self.dialogs, refusal_title="Niet opgeslagen")
        finally:
            QApplication.restoreOverrideCursor()

    def _run_in_worker(self, label: str, work: Callable[[], Path]) -> Path | None:
        """As `_run`, with `work` (its imports too: reportlab or openpyxl take 0.15-0.2 s the first time) in a
        worker thread, the window painting meanwhile; "Bezig met …" shows when it takes longer than a moment."""
        return run_task(self.window, label, lambda _task: work(), refusal_title="Niet opgeslagen",
                        dialogs=self.dialogs)

    def _names(self, kind: str) -> list[str]:
        from models.services import reporting

        year = self.year()
        alloc = self.runner.read(reporting.allocation, year)
        return [b.name for b in alloc.boards] if kind == "board" else [p.name for p in alloc.providers]

    # ------------------------------------------------------------------ actions
    # The menu's slots take no arguments (a click hands `checked` to the first one); each asks what it needs
    # and hands it to the method that does the work.
    def export_alv(self) -> Path | None:
        """Rapporten → ALV-overzicht (PDF)…: ask where, then write."""
        year = self.year()
        if not year:
            return None
        path = self.ask_path("ALV-overzicht opslaan", f"ALV-overzicht {year}.pdf", "PDF (*.pdf)")
        return self.write_alv(year, path) if path is not None else None

    def export_board(self) -> Path | None:
        """Rapporten → Werkmap voor één bestuur…: ask the board and where, then write."""
        from exports.files import board_file_name

        year = self.year()
        board = self._choose(year, "board", "Werkmap voor één bestuur", "Bestuur:")
        if not year or board is None:
            return None
        path = self.ask_path("Werkmap opslaan", board_file_name(board, year), "Excel-werkmap (*.xlsx)")
        return self.write_board(year, board, path) if path is not None else None

    def export_boards(self) -> list[Path]:
        """Rapporten → Werkmappen voor alle besturen…: ask the folder, then write one workbook per board."""
        year = self.year()
        if not year:
            return []
        chosen = QFileDialog.getExistingDirectory(self.window, "Map voor de werkmappen", str(self._export_folder()))
        if not chosen:
            return []
        self.settings.setValue("export_folder", chosen)
        return self.write_boards(year, Path(chosen))

    def export_provider(self) -> Path | None:
        """Rapporten → Overzicht voor een dienstverlener…: ask the provider and where, then write."""
        year = self.year()
        provider = self._choose(year, "provider", "Overzicht voor een dienstverlener", "Dienstverlener:")
        if not year or provider is None:
            return None
        path = self.ask_path("Overzicht opslaan", f"{provider} {year}.pdf", "PDF (*.pdf);;Excel-werkmap (*.xlsx)")
        return self.write_provider(year, provider, path) if path is not None else None

    def _choose(self, year: str | None, kind: str, title: str, label: str) -> str | None:
        """A board or provider of the year, picked from a list; None when cancelled (or there is no year)."""
        if not year:
            return None
        chosen, ok = QInputDialog.getItem(self.window, title, label, self._names(kind), 0, False)
        return chosen if ok and chosen else None

    # ------------------------------------------------------------------ writers
    def write_alv(self, year: str, path: Path) -> Path | None:
        from exports.alv_pdf import write_alv_pdf
        from models.services import reports

        today, name = self.runner.today(), self.swv_name()
        runner, target = self.runner, path

        def work(task: Task) -> Path:
            # In a worker thread: the report in a read transaction of its own, the PDF into a file beside
            # the target; only when not cancelled does it take the target's place.
            report = runner.read(reports.alv_report, year, today, swv_name=name)
            task.check()
            part = target.with_name(f".{target.name}.{threading.get_ident()}.bezig")  # one per export
            try:
                write_alv_pdf(report, part)
                task.commit()
                part.replace(target)
            finally:
                part.unlink(missing_ok=True)
            return target

        written = run_task(self.window, f"Bezig met het ALV-overzicht {year}…", work, title="ALV-overzicht",
                           refusal_title="Niet opgeslagen", dialogs=self.dialogs)
        if written:
            self.dialogs.saved(self.window, written)
        return written

    def write_board(self, year: str, board: str, path: Path) -> Path | None:
        from models.services import reports

        report = self.runner.read(reports.board_report, year, board, self.runner.today(),
                                  swv_name=self.swv_name())

        def work() -> Path:
            from exports.board_xlsx import write_board_xlsx

            return write_board_xlsx(report, path)

        written = self._run_in_worker("Bezig met de werkmap…", work)
        if written:
            self.dialogs.saved(self.window, written)
        return written

    def write_boards(self, year: str, folder: Path) -> list[Path]:
        from exports.board_xlsx import write_board_workbooks
        from models.services import reports

        today, name, runner = self.runner.today(), self.swv_name(), self.runner

        def work(task: Task) -> tuple[list[Path], int, bool]:
            # In a worker thread; a cancel stops after the workbook being written (the files are complete).
            task.report(0, 0, "Bezig met de gegevens van alle besturen…")
            data = runner.read(reports.board_reports, year, today, swv_name=name)

            def progress(done: int, total: int, board: str) -> bool:
                task.report(done, total, f"Bezig met de werkmap voor {board} ({done + 1} van {total})…")
                return not task.cancelled

            written = write_board_workbooks(data, folder, progress=progress)
            return written, len(data), task.cancelled

        outcome = run_task(self.window, "Bezig met de werkmappen…", work, title="Werkmappen per bestuur",
                           refusal_title="Niet opgeslagen", wait_on_cancel=True, dialogs=self.dialogs)
        if outcome is None:
            return []
        written, total, cancelled = outcome
        what = (f"Geannuleerd na {len(written)} van {total} werkmappen; die staan in"
                if cancelled else f"{len(written)} werkmappen opgeslagen in")
        self.dialogs.saved(self.window, folder, what=what)
        return written

    def write_provider(self, year: str, provider: str, path: Path) -> Path | None:
        from models.services import reports

        report = self.runner.read(reports.provider_report, year, provider, self.runner.today(),
                                  swv_name=self.swv_name())

        def work() -> Path:
            from exports.provider_report import write_provider_report

            return write_provider_report(report, path)

        written = self._run_in_worker("Bezig met het overzicht…", work)
        if written:
            self.dialogs.saved(self.window, written)
        return written

    def export_letter(self, number: str, folder: Path | None = None) -> tuple[Path, Path] | None:
        """The confirmation to both parties: a letter (PDF) and an e-mail draft (.eml) with it attached."""
        from models.services import reports

        if folder is None:  # no question to answer: letters go where the user saved an export last
            folder = self._export_folder()
        letter = self.runner.read(reports.confirmation_letter, number, swv_name=self.swv_name())
        written: list[tuple[Path, Path]] = []

        def work() -> Path:
            from exports.letter import write_confirmation

            written.append(write_confirmation(letter, folder))
            return folder

        if self._run_in_worker("Bezig met de brief…", work) is None:
            return None
        from exports.letter import recipients

        _, problems = recipients(letter)
        pdf, eml = written[0]
        note = (" Let op: " + " ".join(problems)) if problems else ""
        if self.dialogs.ask(self.window, "E-mail openen",
                            f"De brief en de e-mail aan het bestuur en de dienstverlener staan in {folder}.{note}\n\n"
                            f"De e-mail ({eml.name}) nu openen in uw e-mailprogramma, om te versturen?",
                            yes="E-mail openen", no="Niet nu", default_yes=True):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(eml)))
        else:
            self.dialogs.saved(self.window, pdf, what=f"Brief en e-mail ({eml.name}: open die in uw e-mailprogramma) "
                                                      f"opgeslagen.{note} De brief:")
        return pdf, eml

    def export_innovation(self, kind: str, path: Path | None = None) -> Path | None:
        """Uitputting per regionaal netwerk with the payment list: 'pdf' or 'xlsx'."""
        from models.services import innovation_report as reports

        year = self.year()
        if not year:
            return None
        pdf = kind == "pdf"
        path = path or self.ask_path("Uitputting opslaan", f"Uitputting innovatie {year}.{'pdf' if pdf else 'xlsx'}",
                                      "PDF (*.pdf)" if pdf else "Excel-werkmap (*.xlsx)")
        if path is None:
            return None
        if pdf:
            from exports.innovation_pdf import write_innovation_pdf as write
        else:
            from exports.innovation_xlsx import write_innovation_xlsx as write
        # A handful of networks and questions: quick, so no worker thread; a refusal is shown, not raised.
        written = self._run(lambda: write(self.runner.read(reports.innovation_report, year, self.runner.today(),
                                                           swv_name=self.swv_name()), path))
        if written:
            self.dialogs.saved(self.window, written)
        return written

    def export_directory(self, kind: str, path: Path | None = None) -> Path | None:
        """The Gouden Gids of experts and organisations: 'pdf' (to print) or 'xlsx'."""
        from models.services import innovation_report as reports

        pdf = kind == "pdf"
        path = path or self.ask_path("Gouden Gids opslaan", f"Gouden Gids.{'pdf' if pdf else 'xlsx'}",
                                      "PDF (*.pdf)" if pdf else "Excel-werkmap (*.xlsx)")
        if path is None:
            return None
        if pdf:
            from exports.directory_pdf import write_directory_pdf as write
        else:
            from exports.directory_xlsx import write_directory_xlsx as write
        written = self._run(lambda: write(self.runner.read(reports.directory_report, self.runner.today(),
                                                           swv_name=self.swv_name()), path))
        if written:
            self.dialogs.saved(self.window, written)
        return written

    def export_setup_template(self) -> Path | None:
        """'Leeg opzetbestand opslaan…': the empty set-up workbook for the next school year, to fill in and read in
        with 'Opzet-werkmap inlezen…'."""
        from models.domain.setup import next_label
        from models.services import lookup

        label = next_label(self.runner.read(lookup.year_labels), self.runner.today())
        path = self.ask_path("Leeg opzetbestand opslaan", f"Opzet schooljaar {label}.xlsx", "Excel-werkmap (*.xlsx)")
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":  # it is read in as a workbook only
            path = path.with_name(path.name + ".xlsx")

        def work() -> Path:
            from exports.setup_template_xlsx import write_setup_template

            return write_setup_template(path, label)

        written = self._run_in_worker("Bezig met het opzetbestand…", work)
        if written:
            self.dialogs.saved(self.window, written)
        return written

    def swv_name(self) -> str:
        """The SWV's name from the database, shared by every user and the command line. A name this computer
        kept in its own settings (earlier versions did) moves into the database the first time."""
        from models.services import settings as swv_settings

        kept = " ".join(str(self.settings.value("swv_name", "") or "").split())
        if kept and not self.runner.read_only and not self.runner.read(swv_settings.has_swv_name):
            if not move_swv_name(runner=self.runner, name=kept):
                return kept
            self.settings.remove("swv_name")
        return self.runner.read(swv_settings.swv_name)

    def ask_swv_name(self) -> None:
        from models.services import settings as swv_settings

        name, ok = QInputDialog.getText(self.window, "Naam van het samenwerkingsverband",
                                        "Deze naam staat boven het ALV-overzicht en in de brieven, voor iedereen "
                                        "die met deze database werkt:", text=self.swv_name())
        if not ok:
            return
        perform(swv_settings.set_swv_name, name, parent=self.window, runner=self.runner, dialogs=self.dialogs,
                refusal_title="Naam van het samenwerkingsverband")


    def ask_sender(self) -> None:
        """Rapporten → Afzender en ondertekening…: the From and the signature of the e-mail drafts."""
        from .sender_dialog import SenderDialog

        dialog = SenderDialog(self.runner, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()

    def show_board_updates(self) -> None:
        """Rapporten → Maandupdate besturen…: preview and write the boards' drafts of a month."""
        from .update_dialogs import BoardUpdatesDialog

        self._drafts_dialog(BoardUpdatesDialog)

    def show_provider_requests(self) -> None:
        """Rapporten → Urenlijsten opvragen…: preview and write the providers' requests of a month."""
        from .update_dialogs import ProviderRequestsDialog

        self._drafts_dialog(ProviderRequestsDialog)

    def _drafts_dialog(self, cls: Any) -> None:
        year = self.year()
        if not year:
            return
        dialog = cls(self.runner, year, self._export_folder(),
                     lambda folder: self.settings.setValue("export_folder", str(folder)), self.swv_name(),
                     self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()


def exports_for(page: QWidget) -> ExportActions:
    """The report actions of the window the page is in (its settings and year picker); a page on its own gets its
    own, on the application's settings and the page's year."""
    found = getattr(page.window(), "exports", None)
    if isinstance(found, ExportActions):
        return found
    own = page.findChild(ExportActions, "pageExports")
    if own is None:
        own = ExportActions(page, page.runner, QSettings(), lambda: getattr(page, "year", None))  # type: ignore[attr-defined]
        own.setObjectName("pageExports")
    return own
