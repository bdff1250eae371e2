"""Verloop's, Uren's and Innovatie's modules are imported ahead, in a worker thread once the window is idle after the start
(views/warm_up.py), so that its first show only builds the page; `--smoke` imports none of it
(tests/views/test_smoke_imports.py). The mechanism, not the timing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from models.services import history
from tests.views.test_loading import _open_history, hold
from tests.views.uren_helpers import wait_loaded
from views.warm_up import POLL_MS, STEP_MS, WarmUp

RECORDS_ITS_THREAD = "import threading\nON_UI_THREAD = threading.current_thread() is threading.main_thread()\n"


def _module_to_import(tmp_path, monkeypatch, name: str) -> str:  # type: ignore[no-untyped-def]
    """A module `name`, not imported yet, that records whether it was imported on the UI thread."""
    (tmp_path / f"{name}.py").write_text(RECORDS_ITS_THREAD)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, name, raising=False)
    return name


def test_the_modules_are_imported_in_a_worker_once_no_page_reads(qtbot, make_window, demo_db, tmp_path,
                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    name = _module_to_import(tmp_path, monkeypatch, f"warmed_{os.getpid()}")
    release = hold(monkeypatch, history, "history")
    window = make_window(demo_db)
    _open_history(qtbot, window)  # Verloop reads, held in its worker
    warm = WarmUp(window, (name,))
    qtbot.wait(3 * POLL_MS)
    assert warm.thread is None and name not in sys.modules  # not while a page reads: the start comes first
    release.set()
    wait_loaded(qtbot, window)
    qtbot.waitUntil(lambda: warm.thread is not None and not warm.thread.is_alive(), timeout=5_000)
    assert warm.imported == [name] and sys.modules[name].ON_UI_THREAD is False
    monkeypatch.delitem(sys.modules, name)


START = """
import sys, time
from PySide6.QtWidgets import QApplication
from desktop.app import Controller, _application
from models.db import to_url

app = _application()
controller = Controller(to_url(sys.argv[1]))
end = time.monotonic() + 60
while (controller.warm_up.thread is None or controller.warm_up.thread.is_alive()) and time.monotonic() < end:
    app.processEvents()
    time.sleep(0.01)
built = [type(page).__name__ for page in controller.window.pages]
print("views.innovation.page" in sys.modules, "models.orm_innovation" in sys.modules, "InnovationPage" in built,
      "views.hours.page" in sys.modules, "HoursPage" in built, "views.history_page" in sys.modules)
controller.close_for_good()
"""


def test_the_app_imports_verloop_uren_and_innovatie_ahead_without_showing_them(tmp_path, demo_path) -> None:  # type: ignore[no-untyped-def]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SWV_UREN_SETTINGS=str(tmp_path / "s.ini"))
    env.pop("SWV_UREN_DB", None)
    work = tmp_path / "start.sqlite"
    work.write_bytes(Path(demo_path).read_bytes())
    done = subprocess.run([sys.executable, "-c", START, str(work)], env=env, capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    # Innovatie's, Uren's and Verloop's modules imported (Innovatie's classes mapped), no page built.
    assert done.stdout.split() == ["True", "True", "False", "True", "False", "True"]


def test_the_import_waits_for_a_second_quiet_look(qtbot, make_window, demo_db, tmp_path,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The first page's answer, applied just before a look finds no page reading, is painted before the
    import starts (a thread importing meanwhile would have that paint wait for Python's lock)."""
    name = _module_to_import(tmp_path, monkeypatch, f"warmed_late_{os.getpid()}")
    window = make_window(demo_db)
    wait_loaded(qtbot, window)
    warm = WarmUp(window, (name,))
    qtbot.wait(POLL_MS + POLL_MS // 2)  # one look, quiet: not yet
    assert warm.thread is None
    qtbot.waitUntil(lambda: warm.thread is not None and not warm.thread.is_alive(), timeout=5_000)
    assert warm.imported == [name]
    monkeypatch.delitem(sys.modules, name)


def test_a_page_read_begun_during_the_imports_holds_the_next_module(qtbot, make_window, demo_db, tmp_path,
                                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A click on Verloop as the imports run: the module under way finishes, the next one waits until Verloop's
    figures are read (both would hold Python's lock by turns, and the figures came later by the imports)."""
    gate_name = f"warm_gate_{os.getpid()}"
    (tmp_path / f"{gate_name}.py").write_text("import threading\nopen_ = threading.Event()\n")
    first = _module_to_import(tmp_path, monkeypatch, f"warmed_first_{os.getpid()}")
    (tmp_path / f"{first}.py").write_text(f"import {gate_name}\n{gate_name}.open_.wait(10)\n")
    second = _module_to_import(tmp_path, monkeypatch, f"warmed_second_{os.getpid()}")
    monkeypatch.delitem(sys.modules, gate_name, raising=False)
    window = make_window(demo_db)
    wait_loaded(qtbot, window)
    warm = WarmUp(window, (first, second))
    qtbot.waitUntil(lambda: gate_name in sys.modules, timeout=5_000)  # the first module is being imported
    release = hold(monkeypatch, history, "history")
    _open_history(qtbot, window)  # Verloop reads, held in its worker
    qtbot.wait(3 * STEP_MS)
    sys.modules[gate_name].open_.set()  # the first module's import ends while Verloop still reads
    qtbot.waitUntil(lambda: first in warm.imported, timeout=5_000)
    qtbot.wait(3 * STEP_MS)
    assert second not in sys.modules  # waits for the read
    release.set()
    wait_loaded(qtbot, window)
    qtbot.waitUntil(lambda: not warm.thread.is_alive(), timeout=5_000)
    assert warm.imported == [first, second] and sys.modules[second].ON_UI_THREAD is False
    for name in (first, second, gate_name):
        monkeypatch.delitem(sys.modules, name)
