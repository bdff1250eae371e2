"""The check of the database file at the start, in a worker thread, and the start's set-up beside it (issue 16):
nothing is opened before the check's answer, so a damaged file is never used, while the event loop turns and the
ORM and the first screen's modules are made ready meanwhile."""
from __future__ import annotations

import threading
from pathlib import Path

CHECK_TEXT = "Bezig met controleren van de database…"
OPEN_TEXT = "Bezig met openen van de database…"

_prepared: threading.Thread | None = None  # the start's set-up, once per process: see prepare_start


def set_up_start(page: object) -> None:
    """What the first query and the window would otherwise do on the UI thread: the mapped classes and the app's
    listeners imported and their mappers configured, the window's module and that of the page it opens on
    (`page`: the remembered page setting) imported. Touches no database and makes no widget. An error is left
    to the UI thread, which imports and configures the same where the database is opened and raises it there."""
    import importlib

    from views.background import no_collection_here

    with no_collection_here():
        try:
            from sqlalchemy.orm import configure_mappers

            for name in ("models.audit", "models.limits", "models.text_rules"):  # what Database() installs
                importlib.import_module(name)
            configure_mappers()
            window = importlib.import_module("views.main_window")
            importlib.import_module(f"views.{window.opening_page(page).module}")
        except Exception:  # noqa: BLE001 - raised again on the UI thread
            pass


def prepare_start(page: object) -> threading.Thread:
    """The start's set-up (set_up_start) in a thread of its own: beside the start check, whose SQLite work leaves
    Python free, and off the UI thread, which turns its event loop meanwhile."""
    global _prepared
    if _prepared is None:
        _prepared = threading.Thread(target=set_up_start, args=(page,),
                                     name="swv-start-set-up", daemon=True)
        _prepared.start()
    return _prepared


def start_problems(path: Path, page: object) -> list[str] | None:
    """integrity.start_problems, SQLite's quick check (0.4 s on a decade's 80 MB) in a worker thread: the event
    loop runs meanwhile, and a check that takes a while shows "Bezig met controleren…" with Annuleren, which
    stops the start (None). Nothing is opened before the answer: a damaged file is still never used. The ORM and
    the first screen's modules are set up meanwhile (prepare_start; `page`: the remembered page setting); a file found
    sound before waits only for that."""
    from models.services.integrity import known_sound, start_problems
    from views.background import Task, run_task

    prepared = prepare_start(page)
    checked = not known_sound(path)

    def work(task: Task) -> list[str]:
        found = start_problems(path, lambda: not task.cancelled) if checked else []
        prepared.join()
        return found

    return run_task(None, CHECK_TEXT if checked else OPEN_TEXT, work, title="SWV Uren")
