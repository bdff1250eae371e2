"""Opening the app imports what its first screen needs and no more: the second scheme's mapped classes, the other
pages, the report writers and the migrations are imported where first used (issue 16, `--smoke` against the
stack's floor). The mechanism, not the timing: the modules a real start (`swv-uren --smoke`, in a process of
its own) has imported when it ends."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from models.orm import Base, load_all

NOT_AT_START = ("models.orm_innovation", "reportlab", "openpyxl", "alembic", "views.hours", "views.allocation",
                "views.agreements", "views.innovation", "models.services.masterdata", "exports")


def _imported(tmp_path: Path, db: Path) -> set[str]:
    work = tmp_path / "start.sqlite"
    shutil.copy(db, work)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SWV_UREN_SETTINGS=str(tmp_path / "s.ini"))
    env.pop("SWV_UREN_DB", None)
    start = ("import atexit, sys\n"
             "atexit.register(lambda: print('\\n'.join(sorted(sys.modules))))\n"
             "from desktop.cli import main\n"
             f"sys.exit(main(['--db', {str(work)!r}, '--smoke']))\n")
    done = subprocess.run([sys.executable, "-c", start], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return set(done.stdout.split())


def test_the_first_screen_imports_only_what_it_shows(tmp_path, demo_path) -> None:
    imported = _imported(tmp_path, demo_path)
    assert "views.overview_page" in imported and "models.orm" in imported  # the first screen is there
    early = sorted(name for name in imported if any(name == n or name.startswith(n + ".") for n in NOT_AT_START))
    assert early == []


def test_every_table_is_mapped_once_all_are_loaded() -> None:
    """Where every table counts (a copy, the schema checks), `load_all` maps the second scheme too."""
    load_all()
    names = set(Base.metadata.tables)
    assert {"network", "support_question", "report_file", "expert", "hour_entry", "agreement"} <= names
