"""Stamgegevens: boards with contact person, e-mail and schools; providers with cluster and contact.

They hold for every school year. Enter or double-click edits a row, Delete asks before removing
and the service refuses, with the reason, what agreements or a school year still depend on.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from models.domain import dutch
from models.domain.names import name_key
from models.services import masterdata
from models.services.masterdata import BoardRow, MasterData, ProviderRow, SchoolRow

from ..loading import PageLoader
from ..masterdata_dialogs import BoardDialog, ProviderDialog, SchoolDialog
from ..page import Page, SearchField, page_header
from ..ports import Dialogs, Runner
from ..tables import Column, RowsModel, make_table, on_delete, select_where, selected_row
from . import operations


def _years(years: tuple[str, ...]) -> str:
    return ", ".join(years) if years else "geen"


def _last_update(board: BoardRow) -> str:
    if board.last_update is None:
        return ""
    month, day = board.last_update
    return f"{dutch.month_abbr(month)} ({dutch.date(day)})"


BOARD_COLUMNS: list[Column[BoardRow]] = [
    Column("Bestuur", lambda b: b.name, width=150),
    Column("Contactpersoon", lambda b: b.contact_person, width=125),
    Column("E-mail", lambda b: b.email, width=205),
    Column("Overeen-\nkomsten", lambda b: b.agreements, "int", "Overeenkomsten in alle schooljaren samen"),
    Column("Schooljaren", lambda b: _years(b.years), "text", "De schooljaren waarin het bestuur meedoet",
           hidden=True),  # room for the last update; 'Bestuur bewerken…' names the years too
    Column("Laatste\nupdate", lambda b: b.last_update, text=_last_update, size="fit",
           tooltip="De laatste maand waarvan het bestuur de maandupdate kreeg, en op welke dag "
                   "(Rapporten → Maandupdate besturen…)"),
]
SCHOOL_COLUMNS: list[Column[SchoolRow]] = [
    Column("School", lambda s: s.name, width=185),
    Column("Soort", lambda s: s.kind, width=70, tooltip="Soort school: regulier, SBO, SO, voorschool of VO"),
    Column("Overeen-\nkomsten", lambda s: s.agreements, "int"),
]
PROVIDER_COLUMNS: list[Column[ProviderRow]] = [
    Column("Dienstverlener", lambda p: p.name, width=150),
    Column("Cluster", lambda p: p.cluster, width=60),
    Column("Contactpersoon", lambda p: p.contact_person, width=125),
    Column("E-mail", lambda p: p.email, width=190),
    Column("Overeenkomsten", lambda p: p.agreements, "int", "Overeenkomsten in alle schooljaren samen"),
    Column("Schooljaren", lambda p: _years(p.years), "text", "De schooljaren met een contract"),
]


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600; margin-top: 4px;")
    return label


def _button(text: str, meaning: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(meaning)
    button.setAccessibleName(meaning)
    return button


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class MasterDataPage(Page):
    title = "Stamgegevens"
    depends_on = ("masterdata", "setup", "agreements", "years", "updates")

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, dialogs: Dialogs | None = None) -> None:
        super().__init__(runner, parent, dialogs=dialogs)
        self.data = MasterData((), (), ())
        self._select_next: list[tuple[QTableView, str]] = []  # rows to choose once the data being read is shown
        self.dialog: QWidget | None = None  # the dialog open now (tests drive it)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)  # a long summary wraps instead of widening the window
        self.search = SearchField("Zoek bestuur, school of dienstverlener…")
        # The page's primary action: edit the row chosen in the table last used (contact person, e-mail, name).
        self.edit_button = QPushButton("Bestuur bewerken…")
        self.edit_button.setObjectName("masterEdit")
        self.edit_button.setDefault(True)
        self.edit_button.clicked.connect(self.edit_current)
        # Boards and providers come into a year with their key and contract (Verdeling): say so, and go there.
        self.add_button = QPushButton("Bestuur of dienstverlener toevoegen…")
        self.add_button.setObjectName("masterAdd")
        self.add_button.setToolTip("Nieuwe besturen en dienstverleners komen in een schooljaar, met hun verdeling en "
                                   "contract: op de pagina Verdeling via ‘Nieuw schooljaar…’ of ‘Opzet-werkmap "
                                   "inlezen…’. Deze knop gaat daarheen.")
        self.add_button.clicked.connect(self.add_board_or_provider)

        self.board_model: RowsModel[BoardRow] = RowsModel(BOARD_COLUMNS)
        self.board_table, self.board_proxy = make_table(self.board_model, object_name="masterBoardTable", searched=True)
        self.school_model: RowsModel[SchoolRow] = RowsModel(SCHOOL_COLUMNS)
        self.school_table, self.school_proxy = make_table(self.school_model, object_name="masterSchoolTable",
                                                          searched=True)
        self.provider_model: RowsModel[ProviderRow] = RowsModel(PROVIDER_COLUMNS)
        self.provider_table, self.provider_proxy = make_table(self.provider_model, object_name="masterProviderTable",
                                                              searched=True)
        for proxy in (self.board_proxy, self.school_proxy, self.provider_proxy):
            self.search.textChanged.connect(proxy.setFilterFixedString)

        # Short texts under each table (its title says what they act on); the full words in tooltip and
        # accessible name.
        self.edit_board_button = _button("&Bewerken…", "Bestuur bewerken")
        self.delete_board_button = _button("Verwijderen", "Bestuur verwijderen")
        self.add_school_button = _button("&Toevoegen…", "School toevoegen aan het gekozen bestuur")
        self.rename_school_button = _button("Bewer&ken…", "School bewerken (naam en soort)")
        self.delete_school_button = _button("Verwijderen", "School verwijderen")
        self.edit_provider_button = _button("Be&werken…", "Dienstverlener bewerken")
        self.delete_provider_button = _button("Verwijderen", "Dienstverlener verwijderen")
        self.schools_title = _section("Scholen")

        self._wire(self.board_table, self.edit_board, self.delete_board, self.edit_board_button,
                   self.delete_board_button)
        self._wire(self.school_table, self.rename_school, self.delete_school, self.rename_school_button,
                   self.delete_school_button)
        self._wire(self.provider_table, self.edit_provider, self.delete_provider, self.edit_provider_button,
                   self.delete_provider_button)
        self.add_school_button.clicked.connect(self.add_school)
        self.board_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_schools())
        self._current_table = self.board_table
        for table in (self.board_table, self.school_table, self.provider_table):
            table.installEventFilter(self)

        boards = QWidget()
        boards_layout = QVBoxLayout(boards)
        boards_layout.setContentsMargins(0, 0, 0, 0)
        boards_layout.addWidget(_section("Schoolbesturen"))
        boards_layout.addWidget(self.board_table, 1)
        boards_layout.addLayout(_buttons(self.edit_board_button, self.delete_board_button))
        schools = QWidget()
        schools_layout = QVBoxLayout(schools)
        schools_layout.setContentsMargins(0, 0, 0, 0)
        schools_layout.addWidget(self.schools_title)
        schools_layout.addWidget(self.school_table, 1)
        schools_layout.addLayout(_buttons(self.add_school_button, self.rename_school_button,
                                          self.delete_school_button))
        top = QSplitter(Qt.Orientation.Horizontal)
        top.setChildrenCollapsible(False)
        top.addWidget(boards)
        top.addWidget(schools)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([740, 340])
        providers = QWidget()
        providers_layout = QVBoxLayout(providers)
        providers_layout.setContentsMargins(0, 0, 0, 0)
        providers_layout.addWidget(_section("Dienstverleners"))
        providers_layout.addWidget(self.provider_table, 1)
        providers_layout.addLayout(_buttons(self.edit_provider_button, self.delete_provider_button))
        body = QSplitter(Qt.Orientation.Vertical)
        body.setChildrenCollapsible(False)
        body.addWidget(top)
        body.addWidget(providers)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        hint = QLabel("Nieuwe besturen en dienstverleners komen in een schooljaar met hun verdeling en contract: "
                      "op de pagina Verdeling (‘Nieuw schooljaar…’ of ‘Opzet-werkmap inlezen…’). Hier staan hun "
                      "contactgegevens en scholen, voor alle schooljaren. Enter of dubbelklik bewerkt een regel; "
                      "Delete verwijdert, na een vraag, wat niet meer in gebruik is.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Stamgegevens", self.subtitle, self.add_button, self.edit_button))
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(self.search)
        search_row.addStretch(1)
        layout.addLayout(search_row)
        self.tables_box = QWidget()  # what "Bezig met laden…" covers (a splitter would take the cover as a pane)
        box_layout = QVBoxLayout(self.tables_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(body)
        layout.addWidget(self.tables_box, 1)
        layout.addWidget(hint)
        order = [self.edit_button, self.add_button, self.search, self.board_table, self.edit_board_button, self.delete_board_button,
                 self.school_table, self.add_school_button, self.rename_school_button, self.delete_school_button,
                 self.provider_table, self.edit_provider_button, self.delete_provider_button]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)
        self.loader = PageLoader(self, runner, cover=self.tables_box)
        self._enable_buttons()

    def _wire(self, table: QTableView, edit: Callable[[], None], remove: Callable[[], None],
              edit_button: QPushButton, delete_button: QPushButton) -> None:
        """Enter or double-click edits, Delete removes (after asking), like the buttons under the table."""
        table.activated.connect(lambda _index: edit())
        table.selectionModel().currentRowChanged.connect(lambda *_: self._enable_buttons())
        on_delete(table, remove)
        edit_button.clicked.connect(edit)
        delete_button.clicked.connect(remove)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in (self.board_table, self.school_table,
                                                               self.provider_table):
            self._current_table = watched  # type: ignore[assignment]
            self._enable_buttons()
        return super().eventFilter(watched, event)

    def edit_current(self) -> QWidget | None:
        """The primary action: edit the row chosen in the table used last (boards when none was used yet)."""
        if self._current_table is self.school_table:
            return self.rename_school()
        if self._current_table is self.provider_table:
            return self.edit_provider()
        return self.edit_board()

    def add_board_or_provider(self) -> None:
        """Boards and providers are added to a school year with their key and contract: on Verdeling."""
        go_to = getattr(self.window(), "go_to", None)
        if go_to is not None:
            go_to("AllocationPage")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        """Every board, school and provider, read off the UI thread."""
        self.loader.load(masterdata.master_data, then=self._show)

    def _show(self, data: MasterData) -> None:
        board = self._current_board()
        provider = selected_row(self.provider_table)
        self.data = data
        self.board_model.set_rows(list(self.data.boards))
        self.provider_model.set_rows(list(self.data.providers))
        if not (board and select_where(self.board_table, lambda b: name_key(b.name) == name_key(board))):
            self.board_table.selectRow(0)
        if not (provider and select_where(self.provider_table, lambda p: p.name == provider.name)):
            self.provider_table.selectRow(0)
        self._show_schools()
        self.subtitle.setText(
            f"{len(self.data.boards)} schoolbesturen · {len(self.data.schools)} scholen · "
            f"{len(self.data.providers)} dienstverleners · voor alle schooljaren")
        chosen, self._select_next = self._select_next, []
        for table, name in chosen:
            self._select_now(table, name)

    def _current_board(self) -> str | None:
        row = selected_row(self.board_table)
        return row.name if row is not None else None

    def _show_schools(self) -> None:
        board = self._current_board()
        schools = self.data.schools_of(board) if board else ()
        self.school_model.set_rows(list(schools))
        if schools:
            self.school_table.selectRow(0)
        self.schools_title.setText(f"Scholen van {board} ({len(schools)})" if board else "Scholen")
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        """Buttons that act on a row work only with a row chosen (and never on a read-only database)."""
        writable = not self.runner.read_only
        self.add_school_button.setEnabled(bool(self.data.boards) and writable)
        table = self._current_table
        self.edit_button.setText({self.school_table: "School bewerken…",
                                  self.provider_table: "Dienstverlener bewerken…"}.get(table, "Bestuur bewerken…"))
        self.edit_button.setToolTip("De geselecteerde regel bewerken (Enter); kies eerst een regel in de tabel "
                                    "die u wilt bewerken")
        self.edit_button.setEnabled(writable and selected_row(table) is not None)
        self.add_button.setEnabled(writable)
        for table, buttons in (
                (self.board_table, (self.edit_board_button, self.delete_board_button)),
                (self.school_table, (self.rename_school_button, self.delete_school_button)),
                (self.provider_table, (self.edit_provider_button, self.delete_provider_button))):
            chosen = selected_row(table) is not None
            for button in buttons:
                button.setEnabled(chosen and writable)

    # ------------------------------------------------------------------ actions
    def edit_board(self) -> BoardDialog | None:
        row = selected_row(self.board_table)
        if row is None or self.runner.read_only:
            return None
        dialog = BoardDialog(self.runner, row, self.window())
        dialog.accepted.connect(lambda: self._select(self.board_table, dialog.saved_name))
        self._open(dialog)
        return dialog

    def delete_board(self) -> None:
        row = selected_row(self.board_table)
        if row is not None:
            operations.delete_board(parent=self, runner=self.runner, dialogs=self.dialogs, row=row)

    def add_school(self) -> SchoolDialog | None:
        board = self._current_board()
        if not self.data.boards or self.runner.read_only:
            return None
        dialog = SchoolDialog(self.runner, [b.name for b in self.data.boards], board or self.data.boards[0].name,
                              parent=self.window())
        dialog.accepted.connect(lambda: self._after_school(dialog))
        self._open(dialog)
        return dialog

    def rename_school(self) -> SchoolDialog | None:
        row = selected_row(self.school_table)
        if row is None or self.runner.read_only:
            return None
        dialog = SchoolDialog(self.runner, [b.name for b in self.data.boards], row.board, row.name,
                              parent=self.window(), kind=row.kind)
        dialog.accepted.connect(lambda: self._after_school(dialog))
        self._open(dialog)
        return dialog

    def delete_school(self) -> None:
        row = selected_row(self.school_table)
        if row is not None:
            operations.delete_school(parent=self, runner=self.runner, dialogs=self.dialogs, row=row)

    def edit_provider(self) -> ProviderDialog | None:
        row = selected_row(self.provider_table)
        if row is None or self.runner.read_only:
            return None
        dialog = ProviderDialog(self.runner, row, self.window())
        dialog.accepted.connect(lambda: self._select(self.provider_table, dialog.saved_name))
        self._open(dialog)
        return dialog

    def delete_provider(self) -> None:
        row = selected_row(self.provider_table)
        if row is not None:
            operations.delete_provider(parent=self, runner=self.runner, dialogs=self.dialogs, row=row)

    # ------------------------------------------------------------------ helpers
    def _after_school(self, dialog: SchoolDialog) -> None:
        self._select(self.board_table, dialog.board_name)
        self._select(self.school_table, dialog.saved_name)

    def _select(self, table: QTableView, name: str) -> None:
        """After the page's own change: the row chosen once the page has read it again."""
        self.refresh_if_stale()
        if self.loader.waiting:
            self._select_next.append((table, name))
        else:
            self._select_now(table, name)

    def _select_now(self, table: QTableView, name: str) -> None:
        select_where(table, lambda row: name_key(row.name) == name_key(name))
        if table is self.board_table:
            self._show_schools()

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # type: ignore[attr-defined]
