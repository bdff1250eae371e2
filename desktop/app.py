"""Start-up of the desktop app: checks, back-up, lock, the runner and the main window.

Order at start: the lock (a second instance opens read-only or stops) → quick check of the file
(a damaged one is never opened; the newest sound back-up is offered, only to whoever holds the lock;
a busy file is waited for, never called damaged) → a verified back-up once a day and before any
migration → migrations (an older schema is upgraded, a newer one refused) → the window. At close, when
something changed, another verified back-up.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import threading
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models import backup
from models.db import Database, open_database, sqlite_path, to_url
from models.domain.errors import Refusal
from models.domain.reasons import os_reason

from .start_check import start_problems

if TYPE_CHECKING:
    from views.ports import Dialogs

SETTINGS_ENV = "SWV_UREN_SETTINGS"  # an .ini path, for tests and portable installs
SWITCH_INTERVAL_S = 0.001  # how long a thread may hold Python's lock while the UI thread waits for it


def _settings():  # type: ignore[no-untyped-def]
    from .settings import Settings

    path = os.environ.get(SETTINGS_ENV)
    if path:
        return Settings(path, Settings.Format.IniFormat)
    return Settings("SWV", "SWV Uren")


def _application():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("SWV Uren")
        app.setOrganizationName("SWV")
        app.setStyle("Fusion")
        app.setWindowIcon(app_icon())
        _dutch(app)
        # While a worker reads, each of Qt's calls into a model waits for Python's lock until the worker is made
        # to give it up: after 5 ms by default, 1 ms here ("Maandupdate besturen…" on the decade: the window
        # repainted beside its worker, 80-180 ms -> 11-12 ms).
        sys.setswitchinterval(SWITCH_INTERVAL_S)
    if not app.styleSheet():  # once: setting it again re-polishes every widget (50 ms at start)
        app.setStyleSheet(resources.files("resources").joinpath("style.qss").read_text(encoding="utf-8"))
    return app


def app_icon():  # type: ignore[no-untyped-def]
    """The app's icon (resources/icons, made by scripts/make_icons.py) for every window and the task bar."""
    from PySide6.QtGui import QIcon

    return QIcon(str(resources.files("resources").joinpath("icons").joinpath("swv-uren.png")))


def _dutch(app) -> None:  # type: ignore[no-untyped-def]
    """Qt's own dialogs (file dialogs, standard buttons, context menus) in Dutch too."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    translator = QTranslator(app)
    if translator.load("qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


def last_backup_text(path: Path | None) -> str:
    if path is None:
        return ""
    copies = backup.listing(path)
    return f"Laatste back-up: {copies[0].label}" if copies else "Nog geen back-up"


class Controller:
    """Owns the open database and its window; can switch database (the demo, a restore)."""

    def __init__(self, url: str, *, smoke: bool = False, dialogs: Dialogs | None = None) -> None:
        from views.messages import default_dialogs

        self.smoke = smoke
        #: The user's message boxes, for this controller and the windows it opens (tests give a recorder).
        self.dialogs: Dialogs = dialogs if dialogs is not None else default_dialogs()
        self.db: Database | None = None
        self.lock = None
        self.window = None
        self.runner = None
        self.backup_thread: threading.Thread | None = None
        self.sound_as: str | None = ""  # the open file's fingerprint when the start found it sound ("": unknown)
        self._found_sound_as = ""  # the same, of the file being opened
        if not self.open(url):
            raise Refusal("De database is niet geopend.")

    # ------------------------------------------------------------------ opening
    def open(self, url: str, lock=None) -> bool:  # type: ignore[no-untyped-def]
        """Open a database and show its window. `lock`: the lock of this file, already held (a restore keeps
        it throughout, so that no other instance takes the file in between)."""
        path = sqlite_path(url)
        read_only = False
        self._found_sound_as = ""
        if path is not None:
            from .lock import DatabaseLock, network_drive

            if lock is None:
                if not path.exists():  # a first start (the user's data folder may not exist yet either)
                    try:
                        path.parent.mkdir(parents=True, exist_ok=True)
                    except OSError as error:
                        self.dialogs.error(None, "SWV Uren", f"De map {path.parent} kan niet worden gemaakt "
                                           f"({os_reason(error)}); kies een andere plek voor de database.")
                        return False
                lock = DatabaseLock(path)
                if not lock.acquire():
                    decision = self._lock_decision(lock)
                    if decision is None:
                        return False
                    read_only = decision
            # Judged only now: a file that another instance holds (and may be writing) is never restored over.
            if path.exists() and not self._sound_or_restored(path, may_restore=not read_only):
                lock.release()
                return False
            if network_drive(path):
                self.dialogs.error(None, "Database op een netwerkschijf",
                                   "De database staat op een netwerkschijf. Daar kan SQLite gegevens beschadigen als "
                                   "twee computers tegelijk schrijven. Zet het bestand liever op de eigen computer.")
        daily = path is not None and path.exists() and not read_only and not self.smoke
        try:
            # A read-only second instance opens the file with SQLite's mode=ro: it cannot write, not even by
            # mistake (an action the runner does not stop, a migration), while another instance holds it.
            db = open_database(url, create=not read_only, migrate=not read_only, read_only=read_only)
        except Refusal as error:  # a newer schema (SchemaTooNew), a file SQLite cannot open
            if lock is not None:
                lock.release()
            self.dialogs.error(None, "SWV Uren", error.message)
            return False
        self._replace(db, lock, read_only)
        if daily:
            assert path is not None
            self._daily_backup(path)
        return True

    def _sound_or_restored(self, path: Path, *, may_restore: bool = True) -> bool:
        """A damaged or foreign file is never opened; offer the newest sound back-up instead. Only whether
        the file is a sound SQLite database of this app is judged here: an older schema is upgraded by
        open_database (after a back-up), a newer one refused there. A busy file is not damaged: say so."""
        from models.services.integrity import fingerprint

        try:
            found = start_problems(path, _settings().value("page"))
        except Refusal as error:  # busy: another program keeps writing
            self.dialogs.error(None, "Database bezet", error.message)
            return False
        if found is None:  # stopped during the check: nothing is opened
            return False
        if not found:
            self._found_sound_as = fingerprint(path) or ""
            return True
        text = f"{path} is niet in orde: {' '.join(found)}"
        if not may_restore:
            self.dialogs.error(None, "Database niet in orde", text + " Iemand anders heeft de database open; alleen "
                                                                   "wie haar als enige opent, kan een back-up "
                                                                   "terugzetten. Het bestand is niet gewijzigd.")
            return False
        newest = backup.newest_sound(path)
        if newest is None:
            self.dialogs.error(None, "Database niet in orde", text + " Er is geen back-up om terug te zetten; het "
                                                                   "bestand is niet gewijzigd.")
            return False
        if not self.dialogs.ask(None, "Database niet in orde",
                                f"{text}\n\nDe nieuwste goede back-up is van {newest.label}. Wilt u die terugzetten? "
                                "Het huidige bestand wordt eerst opzij gezet, niet verwijderd.",
                                yes="Back-up terugzetten", no="Stoppen"):
            return False
        try:
            aside = backup.restore(path, newest.path)
        except Refusal as error:
            self.dialogs.error(None, "Terugzetten mislukt", error.message)
            return False
        self.dialogs.info(None, "Back-up teruggezet", f"De back-up van {newest.label} is teruggezet. Het oude bestand "
                                                      f"staat nu als {aside.name} in dezelfde map.")
        return True

    def _lock_decision(self, lock) -> bool | None:  # type: ignore[no-untyped-def]
        """True: open read-only; False: we hold the lock now; None: stop."""
        holder = lock.holder()
        if holder is not None and not holder.alive:
            if self.dialogs.ask(None, "Database was niet netjes afgesloten",
                                f"De database is nog vergrendeld door {holder.describe()}, maar dat proces draait niet "
                                "meer (waarschijnlijk na een storing). Wilt u de database overnemen?",
                                yes="Overnemen", no="Alleen-lezen openen") and lock.take_over():
                return False
            return True
        who = holder.describe() if holder else "een ander programma"
        if self.dialogs.ask(None, "Database in gebruik",
                            f"De database wordt al gebruikt door {who}. Er kan maar één persoon tegelijk wijzigen. "
                            "Wilt u de database alleen-lezen openen?", yes="Alleen-lezen openen", no="Stoppen"):
            return True
        return None

    def _daily_backup(self, path: Path) -> None:
        """The day's first copy, taken in the background once the window is up (a large file takes seconds):
        the status bar says so while it runs and when it is done; closing waits for it."""
        copies = backup.listing(path)
        if copies and copies[0].taken.date() == dt.date.today():
            return
        from PySide6.QtCore import QTimer

        from views.background import collection_settled

        outcome: list[Refusal | Path] = []  # the worker leaves its answer here and touches no Qt object

        def work() -> None:
            from views.background import no_collection_here

            with no_collection_here():
                try:
                    outcome.append(backup.take(path, "start"))
                except Refusal as error:
                    outcome.append(error)

        thread = threading.Thread(target=work, name="swv-daily-backup", daemon=False)
        self.backup_thread = thread
        thread.start()
        if self.window is not None:
            self.window.show_backup_running("Dagelijkse back-up wordt gemaakt…")

        def collect() -> None:  # on the UI thread, polled: no timer object whose life could end mid-signal
            if self.backup_thread is not thread:
                return  # waited for already (closing): nothing more to say
            if thread.is_alive():
                QTimer.singleShot(100, collect)
                return
            self.backup_thread = None
            collection_settled()
            self._daily_backup_done(outcome[0] if outcome else None)

        QTimer.singleShot(100, collect)

    def _daily_backup_done(self, result: Refusal | Path | None) -> None:
        if isinstance(result, Refusal):
            self.dialogs.error(self.window, "Back-up mislukt", result.message)
        if self.window is not None:
            self.window.refresh_backup_info()

    def wait_for_backup(self) -> None:
        """Let a back-up under way finish (closing, restoring, switching database)."""
        thread, self.backup_thread = self.backup_thread, None
        if thread is not None:
            thread.join()

    def _replace(self, db: Database, lock, read_only: bool) -> None:  # type: ignore[no-untyped-def]
        from desktop.runner import Runner
        from views.main_window import MainWindow

        self.close_current()
        self.db, self.lock = db, lock
        self.sound_as, self._found_sound_as = self._found_sound_as, ""
        self.runner = Runner(db, read_only=read_only)
        self.window = MainWindow(self.runner, _settings(), backup_info=lambda: last_backup_text(db.path),
                                 dialogs=self.dialogs)
        self.window.demo_requested.connect(self.open_demo)
        self.window.backup_requested.connect(self.make_backup)
        self.window.restore_requested.connect(self.restore_backup)
        self.window.show()
        if not self.smoke:  # `--smoke` times the first screen alone
            from views.warm_up import WarmUp

            from . import collector

            # Innovatie's modules imported once the window is idle; the start is over then (the collector).
            self.warm_up = WarmUp(self.window, then=collector.started)

    def make_backup(self) -> None:
        if self.db is None:
            return
        if self.db.path is None:  # a server database: its copies are made with pg_dump
            self.dialogs.info(self.window, "Back-up", "Deze database staat op een server. Een kopie maakt u met "
                              "pg_dump, of met 'swv-uren backup -o BESTAND'; de dagelijkse back-ups regelt de "
                              "beheerder van de server.")
            return
        try:
            taken = backup.take(self.db.path, "handmatig")
        except Refusal as error:
            self.dialogs.error(self.window, "Back-up mislukt", error.message)
            return
        self.dialogs.info(self.window, "Back-up gemaakt", f"Opgeslagen als {taken}.")
        if self.window is not None:
            self.window.refresh_backup_info()

    def restore_backup(self, chosen: Path) -> None:
        """Put a back-up in place: close, move the current file aside, copy the back-up in, reopen."""
        assert self.db is not None and self.db.path is not None
        path = self.db.path
        if self.runner is not None and self.runner.read_only:
            self.dialogs.error(self.window, "Back-up terugzetten", "De database is alleen-lezen geopend: iemand anders "
                               "werkt erin. Terugzetten kan alleen wie de database als enige open heeft.")
            return
        if not self.dialogs.ask(self.window, "Back-up terugzetten",
                                f"De gegevens van nu worden vervangen door de back-up {chosen.name}. Het huidige "
                                "bestand wordt eerst opzij gezet. Doorgaan?", yes="Terugzetten"):
            return
        lock, self.lock = self.lock, None  # held throughout: no other instance takes the file in between
        self.close_current()
        try:
            aside = backup.restore(path, chosen)
        except Refusal as error:
            self.dialogs.error(None, "Terugzetten mislukt", error.message)
            self.open(to_url(path), lock)
            return
        self.open(to_url(path), lock)
        self.dialogs.info(self.window, "Back-up teruggezet", f"Het vorige bestand staat nu als {aside.name} in "
                                                             "dezelfde map.")

    def close_current(self) -> None:
        """Close the window and database; a verified back-up when something changed."""
        self.wait_for_backup()
        warm_up = getattr(self, "warm_up", None)
        if warm_up is not None:
            warm_up.stop()  # a module waiting for a page's read is not imported: the window goes
        if self.window is not None:
            from views.loading import loaders_in

            self.window.save_state()
            for loader in loaders_in(self.window):
                loader.cancel()  # a read still waiting to start never starts on a database being closed
            self.window.close()
            # Deleted by Qt on the UI thread, not by Python's collector at some later moment in some thread.
            self.window.deleteLater()
            self.window = None
        if self.runner is not None:
            self.runner.wait_for_reads()  # a page's read under way finishes before the database closes
        if self.db is not None:
            changed = self.runner is not None and self.runner.changed_anything
            # Sound as the start found it (nobody wrote since), or as its verified copy shows it: the next start
            # skips the quick check (models/services/integrity.py, CHECKED_NOTE).
            sound_as: str | None = self.sound_as
            if changed and self.db.path is not None and not self.runner.read_only:
                try:
                    backup.take(self.db.path, "afsluiten")
                    sound_as = None  # as it is now
                except Refusal:
                    sound_as = ""  # the database itself is sound; the next start takes a copy, and checks
            self.db.dispose()
            read_only = self.runner is not None and self.runner.read_only
            if self.db.path is not None and sound_as != "" and not read_only:
                from models.services.integrity import remember_sound

                remember_sound(self.db.path, sound_as)
            self.db = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def close_for_good(self) -> None:
        """`close_current` at the end, outside any event handler and with no event loop to come (`--smoke`, a
        bench script): the window is deleted now, on the UI thread. Left to its deleteLater(), which no loop
        runs any more, Python's collector freed it at exit after the QApplication was gone, and the process
        crashed in a QLabel's destructor (QShortcutMap::removeShortcut)."""
        from PySide6.QtCore import QCoreApplication, QEvent

        self.close_current()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def open_demo(self) -> None:
        from models import clock
        from models.services import demo, years

        assert self.db is not None
        folder = self.db.path.parent if self.db.path else Path.cwd()
        url = to_url(folder / "demo.sqlite")
        try:
            demo_db = open_database(url, create=True)
        except Refusal as error:  # a demo.sqlite that is not ours (another program's, an empty file) stays as it is
            self.dialogs.error(self.window, "Demo", error.message)
            return
        try:
            with demo_db.write() as session:
                if years.is_empty(session):
                    demo.fill(session, clock.today())
        finally:
            demo_db.dispose()
        self.open(url)


def _show_unexpected(kind: type[BaseException], error: BaseException, trace: Any) -> None:
    """A programming error must not vanish into a terminal nobody sees: say it in Dutch, keep the trace in the
    log file (…/SWV Uren/Logs, see desktop.log) and on stderr when there is one (a windowed program has none).
    The runner rolled the action back, so nothing half was written."""
    from views.messages import messages

    from .log import log_error

    log_error(f"Onverwachte fout: {kind.__name__}: {error}", (kind, error, trace))

    messages.error(None, "Onverwachte fout",
                   f"Er ging iets mis ({kind.__name__}: {error}). De laatste handeling is niet opgeslagen; "
                   "wat eerder was opgeslagen blijft bewaard. Probeer het opnieuw; gebeurt het weer, geef dan "
                   "deze melding door aan wie de app beheert.")


def _clean_opened_copies() -> None:
    from views import open_copies

    open_copies.clean()


def run_app(url: str, *, smoke: bool = False, every_page: bool = False) -> int:
    """The app; with `smoke` it opens the window, loads the first screen (`every_page`: every screen) and
    closes again, exit 1 on any error."""
    from . import collector

    try:
        return _run_app(url, smoke=smoke, every_page=every_page)
    finally:
        collector.started()  # the start is over at the latest now (desktop.start began it)


def _run_app(url: str, *, smoke: bool, every_page: bool) -> int:
    app = _application()
    if smoke:
        from views.messages import messages

        messages.non_interactive = True
    try:
        controller = Controller(url, smoke=smoke)
    except Refusal:
        return 1
    app.aboutToQuit.connect(controller.close_current)
    # Reports opened in an earlier session (older than a day): swept beside the window, not before it (a
    # folder of many old copies takes a while); again at exit, in the foreground.
    sweep = threading.Thread(target=_clean_opened_copies, name="opened-copies", daemon=True)
    sweep.start()
    app.aboutToQuit.connect(_clean_opened_copies)
    if not smoke:
        sys.excepthook = _show_unexpected
    if smoke:
        from . import smoke as smoke_run

        code = smoke_run.run(app, controller, smoke_run.every_page if every_page else smoke_run.first_page)
        sweep.join()  # a smoke run ends without aboutToQuit: its sweep is all there is
        return code
    return app.exec()
