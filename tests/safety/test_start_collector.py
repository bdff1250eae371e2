"""The cycle collector during the start (issue 16, desktop/collector.py): from the program's first import until the
first page has read what it shows it does not go through the start's objects again and again; afterwards the
usual thresholds are back and what the start made is frozen. The mechanism, not the timing: real starts, each in a
process of its own (the test process's own collector is left alone)."""
from __future__ import annotations

import ast
import gc
import os
import subprocess
import sys
from pathlib import Path

from desktop import collector

ROOT = Path(__file__).resolve().parents[2]

# The collections of the process once SQLAlchemy was imported (the start's first big import) and before the start
# was over (something frozen); at the end the thresholds, how many objects are frozen and whether the collector is on.
RECORD = """
import gc, sys
usual = gc.get_threshold()
during_start = []
gc.callbacks.append(lambda phase, info: phase == "start" and "sqlalchemy" in sys.modules
                    and gc.get_freeze_count() == 0 and during_start.append(info["generation"]))
"""
REPORT = """
print("RESULT", repr((during_start, gc.get_threshold() == usual, gc.get_freeze_count(), gc.isenabled())))
"""

SMOKE = RECORD + """
from desktop.start import main
sys.argv = ["swv-uren", "--db", sys.argv[1], "--smoke"]
code = main()
""" + REPORT + "sys.exit(code)\n"

APP = RECORD + """
import time
from desktop import collector
collector.starting()
from desktop.app import Controller, _application
from models.db import to_url
app = _application()
controller = Controller(to_url(sys.argv[1]))
over_while_reading = gc.get_freeze_count() > 0  # the first page has not been shown, let alone read
end = time.monotonic() + 60
while controller.warm_up.thread is None and time.monotonic() < end:
    app.processEvents()
    time.sleep(0.01)
controller.warm_up.thread.join()
end = time.monotonic() + 10
while not gc.isenabled() and time.monotonic() < end:  # the warm-up's next look on the UI thread switches it on
    app.processEvents()
    time.sleep(0.01)
controller.close_for_good()
print("RESULT", repr(over_while_reading))
""" + REPORT

COMMAND = RECORD + """
from desktop.start import main
sys.argv = ["swv-uren", "--db", sys.argv[1], "check"]
code = main()
""" + REPORT + "sys.exit(code)\n"


def _run(tmp_path: Path, demo_path: Path, script: str) -> list[object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SWV_UREN_SETTINGS=str(tmp_path / "s.ini"))
    env.pop("SWV_UREN_DB", None)
    work = tmp_path / "start.sqlite"
    work.write_bytes(demo_path.read_bytes())
    done = subprocess.run([sys.executable, "-c", script, str(work)], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return [ast.literal_eval(line.removeprefix("RESULT ")) for line in done.stdout.splitlines()
            if line.startswith("RESULT ")]


def test_smoke_start_collects_nothing_until_its_first_page_is_shown(tmp_path: Path, demo_path: Path) -> None:
    [(during_start, usual_again, frozen, enabled)] = _run(tmp_path, demo_path, SMOKE)
    assert during_start == []  # with Python's own thresholds: about 150 collections, a full one among them
    assert usual_again is True and frozen > 50_000 and enabled is True


def test_the_app_ends_the_start_once_its_first_page_has_read(tmp_path: Path, demo_path: Path) -> None:
    over_while_reading, (during_start, usual_again, frozen, enabled) = _run(tmp_path, demo_path, APP)
    assert over_while_reading is False  # the window was built and its first page's read under way
    assert during_start == [] and usual_again is True and frozen > 50_000 and enabled is True


def test_a_command_runs_with_the_usual_collector(tmp_path: Path, demo_path: Path) -> None:
    [(during_start, usual_again, frozen, enabled)] = _run(tmp_path, demo_path, COMMAND)
    assert during_start == [] and usual_again is True and frozen > 0 and enabled is True


def test_without_a_start_under_way_nothing_changes() -> None:
    usual, frozen = gc.get_threshold(), gc.get_freeze_count()
    collector.started()
    assert gc.get_threshold() == usual and gc.get_freeze_count() == frozen
