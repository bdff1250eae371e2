"""The bundle's entry point, for both executables: "SWV Uren" (windowed: the app) and `swv-uren` (console: the app
and every command). Both run desktop.start.main, as the installed `swv-uren` does.

A windowed program has no stderr: an error that escapes at start-up is written to the log file
(…/SWV Uren/Logs, desktop.log) before the program stops.

With SWV_UREN_BUNDLE_SELFTEST=1 the program checks its own bundle instead (scripts/bundle_smoke.sh): the modules
no freezer can see (the pages, loaded by name; reportlab's _rl_accel, imported through exec), the migrations and
Qt's Dutch translations; "bundel in orde" and exit 0, or what is missing and exit 1."""
from __future__ import annotations

import os
import sys


def selftest() -> int:
    import importlib

    from PySide6.QtCore import QLibraryInfo, QTranslator

    from models.db import MIGRATIONS
    from views.main_window import PAGES

    problems = []
    for name in ["_rl_accel", *(f"views.{entry.module}" for entry in PAGES)]:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - each is reported
            problems.append(f"{name}: {type(error).__name__}: {error}")
    from reportlab.lib import rl_accel

    if getattr(rl_accel, "fp_str").__module__ != "_rl_accel":
        problems.append("reportlab gebruikt _rl_accel niet")
    for name in ("env.py", "script.py.mako"):
        if not (MIGRATIONS / name).is_file():
            problems.append(f"migratie {name} ontbreekt")
    if len(list((MIGRATIONS / "versions").glob("*.py"))) < 1:
        problems.append("migraties ontbreken")
    if not QTranslator().load("qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        problems.append("qtbase_nl.qm ontbreekt")
    for problem in problems:
        print(problem)
    print("bundel in orde" if not problems else "bundel niet in orde")
    return 1 if problems else 0


def run() -> int:
    if os.environ.get("SWV_UREN_BUNDLE_SELFTEST") == "1":
        return selftest()
    from desktop.start import main

    try:
        return main()
    except Exception:
        if sys.stderr is not None:
            raise
        from desktop.log import log_error

        log_error("Fout bij het starten", sys.exc_info())  # type: ignore[arg-type]
        return 1


if __name__ == "__main__":
    sys.exit(run())
