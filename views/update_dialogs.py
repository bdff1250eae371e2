"""Rapporten → Maandupdate besturen… and Urenlijsten opvragen… (DOMAIN.md point 11): the e-mail drafts of a
month, previewed per board or provider (recipient, subject, text), then written as `<naam> <JJJJ-MM>.eml` into a
folder the user picks, through the same code as `updates boards` and `updates providers`. Boards are recorded as
given their update; a board without an address can get one right here."""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Callable, Generic, TypeVar

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from models.domain import dutch
from models.domain.months import Month
from models.services import lookup, masterdata, updates

from .background import Task, run_task
from .forms import month_picker
from .loading import PageLoader
from .masterdata_dialogs import BoardDialog
from .ports import Runner
from .update_drafts import Draft, Reads, board_drafts, board_reads, last_ended_month, provider_drafts, provider_reads

T = TypeVar("T")


class DraftsDialog(QDialog, Generic[T]):
    """The frame both dialogs share: month, the list of drafts, the selected draft's text, and writing them. It
    shows at once; the drafts are read and made in a worker ("Bezig met laden…" over them meanwhile)."""

    object_name = ""
    title = ""
    saved_what = "concepten"

    def __init__(self, runner: Runner, year: str, folder: Path, remember_folder: Callable[[Path], None],
                 swv_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.setWindowTitle(self.title)
        self.runner = runner
        self.year = year
        self.folder = folder
        self.remember_folder = remember_folder
        self.swv_name = swv_name
        self.drafts: list[Draft[T]] = []
        self.written: dict[str, Path] = {}  # name -> the file written for it
        self.written_folder: Path | None = None
        self.resize(1000, 640)
        months = runner.read(lookup.months, year)
        self.month_picker: QComboBox = month_picker(months, last_ended_month(months, runner.today()))
        self.month_picker.setObjectName("draftsMonth")
        self.month_picker.currentIndexChanged.connect(self._month_chosen)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("draftsList")
        self.list.currentRowChanged.connect(self._show_draft)
        self.to = QLabel()
        self.subject = QLabel()
        self.attachment = QLabel()
        for label in (self.to, self.subject, self.attachment):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("fieldError")
        self.note.setWordWrap(True)
        self.body = QPlainTextEdit()
        self.body.setObjectName("draftsBody")
        self.body.setReadOnly(True)
        self.extra = QHBoxLayout()  # buttons that act on the selected draft (an address to fill in)
        self.add_extra()
        self.extra.addStretch(1)
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.save_button = QPushButton("Opslaan…")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.folder_button = QPushButton("Map openen")
        self.folder_button.setToolTip("De map met de opgeslagen concepten openen")
        self.folder_button.clicked.connect(self.open_folder)
        self.open_button = QPushButton("Concept openen")
        self.open_button.setToolTip("Het opgeslagen concept van de gekozen regel openen in uw e-mailprogramma")
        self.open_button.clicked.connect(self.open_draft)
        buttons = QDialogButtonBox()
        for button in (self.save_button, self.folder_button, self.open_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)

        top = QHBoxLayout()
        caption = QLabel("&Maand:")
        caption.setBuddy(self.month_picker)
        top.addWidget(caption)
        top.addWidget(self.month_picker)
        top.addStretch(1)
        self.preview = preview = QWidget()
        self.form = form = QFormLayout(preview)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Aan:", self.to)
        form.addRow("Onderwerp:", self.subject)
        form.addRow("Bijlage:", self.attachment)
        form.addRow(self.note)
        form.addRow(self.extra)
        form.addRow(self.body)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.list)
        split.addWidget(preview)
        split.setSizes([260, 720])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self.loader = PageLoader(self, runner, cover=preview)  # not the splitter: it would take the sheet in as a pane
        self._show_draft(-1)  # none yet: shown as the drafts will be (no note, no extra buttons)
        self.load()

    # ---- each dialog says what its drafts are and how they are written
    def reads(self, month: Month) -> Reads:
        """What is read for the drafts of `month`."""
        raise NotImplementedError

    def make_drafts(self, month: Month) -> Callable[[tuple[Any, ...]], list[Draft[T]]]:
        """What makes the answers of `reads` into drafts, in the reading worker (a module's function, no Qt)."""
        raise NotImplementedError

    def write_drafts(self, month: Month, folder: Path, task: Task) -> Any:
        """In a worker thread: write the drafts; a `Written`, or None when stopped."""
        raise NotImplementedError

    def describe(self, month: Month) -> str:
        raise NotImplementedError

    def can_save(self) -> bool:
        return any(not d.note or d.to for d in self.drafts)

    # ---- showing
    @property
    def month(self) -> Month:
        return self.month_picker.currentData()

    def _month_chosen(self, _index: int) -> None:
        self.written, self.written_folder = {}, None
        self.notice.hide()
        self.load()

    def load(self) -> None:
        """The drafts of the month chosen, read and made in a worker; nothing is saved until they are shown."""
        month = self.month
        self.loader.load_all(*self.reads(month), prepare=self.make_drafts(month), then=self._loaded)
        self._enable()

    def _loaded(self, drafts: list[Draft[T]]) -> None:
        """The drafts shown, the selected one kept."""
        current = self.list.currentItem().data(Qt.ItemDataRole.UserRole) if self.list.currentItem() else None
        self.drafts = drafts
        self.list.blockSignals(True)
        self.list.clear()
        for draft in self.drafts:
            saved = " — opgeslagen" if draft.name in self.written else ""
            item = QListWidgetItem(draft.name + (f" — {draft.note}" if draft.note else "") + saved, self.list)
            item.setData(Qt.ItemDataRole.UserRole, draft.name)
            item.setToolTip(draft.note or draft.to)
        self.list.blockSignals(False)
        names = [d.name for d in self.drafts]
        self.list.setCurrentRow(names.index(current) if current in names else 0 if names else -1)
        self._show_draft(self.list.currentRow())
        self.summary.setText(self.describe(self.month))
        self._enable()
        self._relayout()

    def _relayout(self) -> None:
        """Laid out again at once, as when the texts came before the dialog showed: else the wrapped labels'
        two-line size hints (QLabel balances its lines) make the rows above the text taller."""
        self.layout().activate()
        self.form.invalidate()
        self.form.activate()

    def _show_draft(self, row: int) -> None:
        draft = self.drafts[row] if 0 <= row < len(self.drafts) else None
        self.to.setText(draft.to or "(geen e-mailadres)" if draft else "")
        self.subject.setText(draft.subject if draft else "")
        self.attachment.setText(draft.attachment if draft else "")
        self.note.setText(draft.why if draft else "")
        self.note.setVisible(bool(draft and draft.why))
        self.body.setPlainText(draft.body if draft else "")
        self.show_extra(draft)
        self._relayout()
        self._enable()

    def add_extra(self) -> None:
        """Add buttons for the selected draft to `self.extra`."""

    def show_extra(self, draft: Draft[T] | None) -> None:
        """Show or hide the buttons for the selected draft."""

    def _selected(self) -> Draft[T] | None:
        row = self.list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def _enable(self) -> None:
        self.save_button.setEnabled(not self.loader.waiting and self.can_save())
        self.folder_button.setEnabled(self.written_folder is not None)
        draft = self._selected()
        self.open_button.setEnabled(draft is not None and draft.name in self.written)

    # ---- actions
    def save(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Map voor de e-mailconcepten", str(self.folder))
        if not chosen:
            return
        folder = Path(chosen)
        self.folder = folder
        self.remember_folder(folder)
        month = self.month
        written = run_task(self, f"Bezig met de {self.saved_what} van {month.label}…",
                           lambda task: self.write_drafts(month, folder, task), title=self.windowTitle(),
                           refusal_title="Niet opgeslagen", wait_on_cancel=True)
        if written is None:
            return
        self.written = {name: path for (name, _email), path in zip(written.given, written.paths)}
        self.written_folder = folder
        notes = "".join(f" Let op: {note}; geen concept gemaakt." for note in written.skipped)
        self.notice.setText(f"{dutch.count(len(written.paths), 'concept', 'concepten')} opgeslagen in {folder}."
                            f"{notes} Open een concept in uw e-mailprogramma om het te versturen.")
        self.notice.show()
        self.load()

    def open_folder(self) -> None:
        if self.written_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written_folder)))

    def open_draft(self) -> None:
        draft = self._selected()
        if draft is not None and draft.name in self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written[draft.name])))

    def progress(self, task: Task, what: str) -> Callable[[int, int, str], bool]:
        def report(done: int, total: int, name: str) -> bool:
            task.report(done, total, f"Bezig met {what} voor {name} ({done + 1} van {total})…")
            return not task.cancelled

        return report


def give_board_updates(*, runner: Runner, year: str, month: Month, folder: Path, swv_name: str,
                       progress: Callable[[int, int, str], bool]) -> Any:
    """Write each board's e-mail draft of `month` into `folder` and record which board got which month's update,
    as one transaction: what was written (a refusal or a stop leaves nothing recorded)."""
    from exports.update_drafts import board_drafts, write_board_drafts

    return runner.write(updates.give_board_updates, year, str(month), runner.today(),
                        lambda found: write_board_drafts(board_drafts(found, month), folder, progress),
                        swv_name=swv_name)


class BoardUpdatesDialog(DraftsDialog[updates.BoardUpdate]):
    """Maandupdate besturen: per board the state of its hours after the month, its workbook attached."""

    object_name = "boardUpdatesDialog"
    title = "Maandupdate besturen"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.save_button.setToolTip("Per bestuur een e-mailconcept (.eml) met de werkmap opslaan in een map die u "
                                    "kiest; de update telt dan als gegeven")

    def reads(self, month: Month) -> Reads:
        return board_reads(self.year, month, self.runner.today(), self.swv_name)

    def make_drafts(self, month: Month) -> Callable[[tuple[Any, ...]], list[Draft[updates.BoardUpdate]]]:
        return partial(board_drafts, month)

    def describe(self, month: Month) -> str:
        missing = sum(1 for d in self.drafts if not d.to)
        given = sum(1 for d in self.drafts if d.note.startswith("al gegeven"))
        parts = [f"De stand na {month.label} voor {dutch.count(len(self.drafts), 'bestuur', 'besturen')}"]
        if given:
            parts.append(f"{given} kreeg deze maand al" if given == 1 else f"{given} kregen deze maand al")
        if missing:
            parts.append(f"{missing} zonder e-mailadres (geen concept)")
        return " · ".join(parts) + ". Elk concept bevat alleen de cijfers van dat bestuur."

    def can_save(self) -> bool:
        return not self.runner.read_only and any(d.to for d in self.drafts)

    def add_extra(self) -> None:
        self.address_button = QPushButton("E-mailadres invullen…")
        self.address_button.setToolTip("Het e-mailadres van de contactpersoon van dit bestuur invullen "
                                       "(Stamgegevens)")
        self.address_button.clicked.connect(self.fill_in_address)
        self.extra.addWidget(self.address_button)

    def show_extra(self, draft: Draft[updates.BoardUpdate] | None) -> None:
        self.address_button.setVisible(draft is not None and not draft.to)
        self.address_button.setEnabled(not self.runner.read_only)

    def fill_in_address(self) -> None:
        draft = self._selected()
        if draft is None or self.runner.read_only:
            return
        row = next((b for b in self.runner.read(masterdata.master_data).boards if b.name == draft.name), None)
        if row is None:
            return
        dialog = BoardDialog(self.runner, row, self)
        dialog.setObjectName("updateAddressDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.email.setFocus()
        dialog.accepted.connect(self.load)
        dialog.open()

    def write_drafts(self, month: Month, folder: Path, task: Task) -> Any:
        return give_board_updates(runner=self.runner, year=self.year, month=month, folder=folder,
                                  swv_name=self.swv_name, progress=self.progress(task, "het concept"))


class ProviderRequestsDialog(DraftsDialog[updates.ProviderRequest]):
    """Urenlijsten opvragen: per provider the request for its hours of the month, its hour sheet attached."""

    object_name = "providerRequestsDialog"
    title = "Urenlijsten opvragen"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.save_button.setToolTip("Per dienstverlener een e-mailconcept (.eml) met de urenlijst opslaan in een "
                                    "map die u kiest")

    def reads(self, month: Month) -> Reads:
        return provider_reads(self.year, month, self.runner.today(), self.swv_name)

    def make_drafts(self, month: Month) -> Callable[[tuple[Any, ...]], list[Draft[updates.ProviderRequest]]]:
        return partial(provider_drafts, month)

    def describe(self, month: Month) -> str:
        ready = sum(1 for d in self.drafts if not d.note)
        return (f"Het verzoek om de uren van {month.label}: {ready} van "
                f"{dutch.count(len(self.drafts), 'dienstverlener', 'dienstverleners')} met een concept.")

    def can_save(self) -> bool:
        return any(not d.note for d in self.drafts)

    def write_drafts(self, month: Month, folder: Path, task: Task) -> Any:
        from exports.update_drafts import provider_drafts, write_provider_drafts

        found = self.runner.read(updates.provider_requests, self.year, str(month), self.runner.today(),
                                 swv_name=self.swv_name)
        return write_provider_drafts(provider_drafts(found, month), folder, self.progress(task, "de urenlijst"))
