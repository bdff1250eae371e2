"""The main window: navigation at the left, the page at the right, the year picker in the toolbar."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Callable

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QSizePolicy, QStackedWidget,
    QTableView, QToolBar, QWidget,
)

from models.services import lookup

from .page import Page
from .messages import default_dialogs
from .ports import Changes, Dialogs, Runner
from .tables import ColumnChooser
from .welcome_page import WelcomePage


def _separator() -> QFrame:
    """A thin upright line between two fields of the status bar."""
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


@dataclass(frozen=True)
class PageEntry:
    """A row of the navigation. Its page's module is imported when the page is first shown, so start-up
    imports only the first page (and the services it reads)."""

    title: str
    module: str  # in views/
    class_name: str
    manual: str = "aan-de-slag.html"  # its chapter in the manual (resources/manual), opened by F1: "file.html#anchor"

    def load(self) -> type[Page]:
        return getattr(import_module(f"{__package__}.{self.module}"), self.class_name)


PAGES: tuple[PageEntry, ...] = (
    PageEntry("Overzicht", "overview_page", "OverviewPage", "overzicht.html#overzicht"),
    PageEntry("Verloop", "history_page", "HistoryPage", "overzicht.html#verloop"),
    PageEntry("Overeenkomsten", "agreements.page", "AgreementsPage", "overeenkomsten.html#overeenkomsten"),
    PageEntry("Uren", "hours.page", "HoursPage", "uren.html#uren"),
    PageEntry("Verdeling", "allocation.page", "AllocationPage", "schooljaar.html#verdeling"),
    PageEntry("Reserve", "reserve.page", "ReservePage", "reserve.html#reserve"),
    PageEntry("Stamgegevens", "masterdata.page", "MasterDataPage", "schooljaar.html#stamgegevens"),
    PageEntry("Innovatie", "innovation.page", "InnovationPage", "innovatie.html#innovatie"),
    PageEntry("Expertise", "expertise.page", "ExpertisePage", "expertise.html#expertise"),
    PageEntry("Logboek", "audit_page", "AuditPage", "logboek.html#logboek"),
)


def opening_page(setting: object) -> PageEntry:
    """The page the window opens on when there is a school year: the one of the remembered `page` setting."""
    try:
        row = int(setting)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        row = 0
    return PAGES[row if 0 <= row < len(PAGES) else 0]


class PageStack(QStackedWidget):
    """Asks only as much room as the page on show needs, so one wide page does not widen the window."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        current = self.currentWidget()
        return current.minimumSizeHint() if current is not None else super().minimumSizeHint()

    def sizeHint(self) -> QSize:
        current = self.currentWidget()
        return current.sizeHint() if current is not None else super().sizeHint()


class MainWindow(QMainWindow):
    demo_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal(object)  # Path of the chosen back-up

    def __init__(self, runner: Runner, settings: QSettings, *, backup_info: Callable[[], str] | None = None,
                 dialogs: Dialogs | None = None) -> None:
        super().__init__()
        self.runner = runner
        self.settings = settings
        #: The user's message boxes, handed to every page and the report actions (tests give a recorder).
        self.dialogs: Dialogs = dialogs if dialogs is not None else default_dialogs()
        self._backup_info = backup_info or (lambda: "")
        self.setWindowTitle("SWV Uren")
        self.setObjectName("MainWindow")

        # Pages are built the first time they are shown (or asked for): start-up builds only the first.
        self._built: dict[int, Page] = {}
        self._set_up_from_welcome = False  # the first year comes from the welcome page: open Verdeling then
        self._starting = True
        self._manual = None  # Help → Handleiding: made when first asked for, then kept (with its history)
        self._about = None
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.stack = PageStack()
        for entry in PAGES:
            QListWidgetItem(entry.title, self.nav)
        self.welcome = WelcomePage(runner.location)
        self.stack.addWidget(self.welcome)
        self.nav.currentRowChanged.connect(self._show_page)

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.year_picker = QComboBox()
        self.year_picker.setObjectName("yearPicker")
        self.year_picker.setMinimumContentsLength(10)
        self.year_picker.currentTextChanged.connect(self._year_chosen)
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        runner.changed.connect(self._on_changed)
        runner.waiting.connect(self._show_waiting)
        self.welcome.demo_requested.connect(self.demo_requested.emit)
        self.welcome.import_requested.connect(self._import_setup)
        self.welcome.template_requested.connect(self.exports.export_setup_template)
        self.welcome.manual_requested.connect(self._new_year)
        self._load_years(preferred=str(settings.value("year", "") or ""))
        self._restore_state()
        self._starting = False

    # ------------------------------------------------------------------ frame
    def _build_toolbar(self) -> None:
        bar = QToolBar("Hoofdbalk")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        label = QLabel(" &Schooljaar: ")
        label.setBuddy(self.year_picker)
        bar.addWidget(label)
        bar.addWidget(self.year_picker)
        bar.addSeparator()
        self.new_agreement_action = self._action("Nieuwe overeenkomst", "Ctrl+N", self._new_agreement)
        self.register_hours_action = self._action("Uren registreren", "Ctrl+U", self._register_hours)
        self.refresh_action = self._action("Vernieuwen", "F5", self.refresh_all)
        self.search_action = self._action("Zoeken", "Ctrl+F", self._focus_search)
        for action in (self.new_agreement_action, self.register_hours_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.refresh_action)
        self.addAction(self.search_action)
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Bestand")
        self.backup_action = QAction("Back-up &maken", self)
        self.backup_action.triggered.connect(self.backup_requested.emit)
        self.restore_action = QAction("Back-up &terugzetten…", self)
        self.restore_action.triggered.connect(self._choose_backup)
        self.demo_action = QAction("&Demojaar bekijken", self)
        self.demo_action.triggered.connect(self.demo_requested.emit)
        quit_action = QAction("&Afsluiten", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.retention_action = QAction("&Leerlingcodes wissen (AVG)…", self)
        self.retention_action.triggered.connect(self._retention)
        self.retention_action.setEnabled(not self.runner.read_only)
        for action in (self.backup_action, self.restore_action, None, self.retention_action, None, self.demo_action,
                       None, quit_action):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        self.file_menu = menu
        self.reports_menu = self.menuBar().addMenu("&Rapporten")
        from .export_actions import ExportActions

        self.exports = ExportActions(self, self.runner, self.settings, lambda: self.year_picker.currentText() or None,
                                     dialogs=self.dialogs)
        self.exports.fill(self.reports_menu)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.exports.alv)
        view_menu = self.menuBar().addMenu("Be&eld")
        for action in (self.refresh_action, self.search_action):
            view_menu.addAction(action)
        self.help_menu = self.menuBar().addMenu("&Help")
        self.manual_action = self._action("Handleiding", "F1", self.open_manual)
        self.manual_action.setText("&Handleiding")
        self.about_action = QAction("&Over SWV Uren", self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.manual_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    # ------------------------------------------------------------------ help
    def manual_target(self) -> str:
        """The manual's chapter of the page on show (the welcome page's on an empty database)."""
        current = self.stack.currentWidget()
        for row, page in self._built.items():
            if page is current:
                return PAGES[row].manual
        from .manual_window import WELCOME

        return WELCOME

    def open_manual(self) -> None:
        """Help → Handleiding (F1): the manual beside the window, at the chapter of the page on show."""
        from .manual_window import ManualWindow

        if self._manual is None:
            self._manual = ManualWindow(self, start=self.manual_target())
        else:
            self._manual.show_target(self.manual_target())
        self._manual.show()
        self._manual.raise_()
        self._manual.activateWindow()

    def show_about(self) -> None:
        """Help → Over SWV Uren: version, where the data lives, the libraries and their licences."""
        from .about_dialog import AboutDialog, data_facts

        facts = data_facts(getattr(self.runner, "db_path", None), self.runner.location)
        self._about = AboutDialog(facts, self)
        self._about.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._about.open()

    def _retention(self) -> None:
        from .retention_dialog import RetentionDialog

        try:
            years = int(self.settings.value("retention_years", 2))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            years = 2
        dialog = RetentionDialog(self.runner, self, years=years)
        if dialog.exec():
            self.settings.setValue("retention_years", dialog.years_value())

    def _choose_backup(self) -> None:
        from .backup_dialog import RestoreDialog

        path = getattr(self.runner, "db_path", None)
        if path is None:
            return
        dialog = RestoreDialog(path, self)
        if dialog.exec() and dialog.chosen() is not None:
            self.restore_requested.emit(dialog.chosen())

    def refresh_backup_info(self) -> None:
        self._update_backup_label()

    def show_backup_running(self, text: str) -> None:
        """A back-up under way (the daily one runs after the window is up): said where the last one stands."""
        self.backup_label.setText(text)

    def _action(self, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        return action

    def _build_status_bar(self) -> None:
        """Database file, its state and the last backup, each in a field of its own between thin lines."""
        self.db_label = QLabel(f"Database: {self.runner.location}")
        self.db_label.setToolTip(self.runner.location)
        # A long path is cut at the right instead of widening the window (the whole path is in the tooltip).
        self.db_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.db_label.setMinimumWidth(120)
        self.state_label = QLabel("alleen-lezen" if self.runner.read_only else "bewerkbaar")
        self.state_label.setObjectName("databaseState")
        self.backup_label = QLabel()
        self.backup_label.setObjectName("lastBackup")
        self.status_separators = [_separator(), _separator()]
        bar = self.statusBar()
        bar.addWidget(self.db_label, 1)
        for separator, label in zip(self.status_separators, (self.state_label, self.backup_label)):
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(separator)
            bar.addPermanentWidget(label)
        self._update_backup_label()

    def _show_waiting(self, text: str) -> None:
        """While a change waits for another user's write to finish, the database's state says so."""
        self.state_label.setText(text or ("alleen-lezen" if self.runner.read_only else "bewerkbaar"))

    def _update_backup_label(self) -> None:
        info = self._backup_info()
        self.backup_label.setText(info)
        self.backup_label.setVisible(bool(info))
        self.status_separators[1].setVisible(bool(info))

    # ------------------------------------------------------------------ years and pages
    def _load_years(self, preferred: str = "") -> None:
        labels = self.runner.read(lookup.year_labels)
        current = preferred or self.year_picker.currentText()
        self.year_picker.blockSignals(True)
        self.year_picker.clear()
        self.year_picker.addItems(labels)
        if labels:
            self.year_picker.setCurrentText(current if current in labels else labels[-1])
        self.year_picker.blockSignals(False)
        has_years = bool(labels)
        self.nav.setEnabled(has_years)
        self.year_picker.setEnabled(has_years)
        for action in (self.new_agreement_action, self.register_hours_action):
            action.setEnabled(has_years and not self.runner.read_only)
        self.exports.set_has_year(has_years)
        if has_years:
            self._year_chosen(self.year_picker.currentText())
            if self.stack.currentWidget() is self.welcome and not self._starting:  # _restore_state picks the page
                # A year just set up from the welcome page: show what came of it, on Verdeling.
                first = self._row_of("AllocationPage") if self._set_up_from_welcome else 0
                self._set_up_from_welcome = False
                self.nav.setCurrentRow(first)
                self._show_page(first)
        else:
            self.stack.setCurrentWidget(self.welcome)

    def _year_chosen(self, label: str) -> None:
        for page in self._built.values():
            page.set_year(label or None)
        if label:
            self.settings.setValue("year", label)

    def _page_at(self, row: int) -> Page:
        """The page of navigation row `row`, built now if it has not been shown before."""
        page = self._built.get(row)
        if page is None:
            page = self._built[row] = PAGES[row].load()(self.runner, dialogs=self.dialogs)
            page.set_year(self.year_picker.currentText() or None)
            self._restore_columns(page)
            letter_requested = getattr(page, "letter_requested", None)  # Overeenkomsten: "Bevestigingsbrief…"
            if letter_requested is not None:
                letter_requested.connect(lambda number: self.exports.export_letter(number))
            pair_opened = getattr(page, "pair_opened", None)  # Overzicht: a board's agreements at a provider
            if pair_opened is not None:
                pair_opened.connect(self._show_agreements_of)
            self.stack.addWidget(page)
        return page

    @property
    def pages(self) -> list[Page]:
        """The pages built so far, in navigation order."""
        return [self._built[row] for row in sorted(self._built)]

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.stack.setCurrentWidget(self._page_at(row))
            self.settings.setValue("page", row)

    @staticmethod
    def _row_of(page: type[Page] | str) -> int:
        """The navigation row of a page, given by its class or its class name."""
        name = page if isinstance(page, str) else page.__name__
        return next(i for i, entry in enumerate(PAGES) if entry.class_name == name)

    def page(self, cls: type[Page] | str) -> Page:
        return self._page_at(self._row_of(cls))

    def go_to(self, cls: type[Page] | str) -> Page:
        index = self._row_of(cls)
        self.nav.setCurrentRow(index)
        return self._page_at(index)

    def refresh_all(self) -> None:
        self._load_years()
        for page in self._built.values():
            page.mark_stale()

    def _on_changed(self, changes: Changes) -> None:
        if changes.years:
            self._load_years()

    def _focus_search(self) -> None:
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.focus_search()

    def _show_agreements_of(self, board: str, provider: str) -> None:
        page = self.go_to("AgreementsPage")
        getattr(page, "show_pair", lambda _b, _p: None)(board, provider)

    def _new_agreement(self) -> None:
        page = self.go_to("AgreementsPage")
        getattr(page, "new_agreement", lambda: None)()

    def _register_hours(self) -> None:
        """Ctrl+U: on a page that books hours (Overeenkomsten: the selected agreement; Uren: the selected cell)
        that page's own 'Uren registreren…', elsewhere the Uren page's."""
        current = self.stack.currentWidget()
        page = current if hasattr(current, "register_hours") else self.go_to("HoursPage")
        getattr(page, "register_hours", lambda: None)()

    def _import_setup(self) -> None:
        self._set_up_from_welcome = not self.year_picker.count()
        page = self.go_to("AllocationPage") if self.year_picker.count() else self.page("AllocationPage")
        getattr(page, "import_setup", lambda: None)()

    def _new_year(self) -> None:
        self._set_up_from_welcome = not self.year_picker.count()
        getattr(self.page("AllocationPage"), "new_year", lambda: None)()

    # ------------------------------------------------------------------ remembered state
    def _restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self._restore_columns(self)
        if self.year_picker.count():
            self.nav.setCurrentRow(PAGES.index(opening_page(self.settings.value("page", 0))))

    def _restore_columns(self, widget: QWidget) -> None:
        """The remembered column widths, order and hidden columns of the tables in `widget` (a page when it is
        built). A state saved before the tables had a column chooser showed every column: the widths stay, the
        columns shown are the table's defaults. A column hidden by default since the state was saved starts
        hidden."""
        for table in widget.findChildren(QTableView):
            name = table.objectName()
            state = self.settings.value(f"columns/{name}")
            if not (isinstance(state, QByteArray) and not state.isEmpty()):
                continue
            chooser = table.findChild(ColumnChooser)
            if chooser is None:
                table.horizontalHeader().restoreState(state)
            else:
                hidden_then = self.settings.value(f"columnsHiddenByDefault/{name}")
                chooser.restore(state, defaults=not self.settings.value(f"columnsChosen/{name}", False, type=bool),
                                hidden_then=hidden_then.split("\t") if isinstance(hidden_then, str) else None)

    def save_state(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        for table in self.findChildren(QTableView):
            if table.objectName():
                self.settings.setValue(f"columns/{table.objectName()}", table.horizontalHeader().saveState())
                self.settings.setValue(f"columnsChosen/{table.objectName()}", True)  # hidden columns are in it
                chooser = table.findChild(ColumnChooser)
                if chooser is not None:  # a column hidden by default later starts hidden (ColumnChooser.restore)
                    self.settings.setValue(f"columnsHiddenByDefault/{table.objectName()}",
                                           "\t".join(chooser.hidden_by_default()))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
