"""A restore killed at any step leaves a complete database at the database's path: the old one or the
restored one, never none (the next start would create an empty file) and never a mix (an old journal
applied to the restored file)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models import backup
from models.db import open_database, to_url
from models.services import agreements
from tests.conftest import ROOT, TODAY, table_dump
from tests.safety.helpers import leave_hot_journal

# The restore in its own process, killed right after its n-th rename or removal of a file.
_KILLED_RESTORE = """
import os, sys
from pathlib import Path

stop, done = int(sys.argv[3]), 0

def counted(call):
    def run(*args, **kwargs):
        global done
        result = call(*args, **kwargs)
        done += 1
        if done == stop:
            os._exit(9)
        return result
    return run

os.replace, os.rename, os.unlink = counted(os.replace), counted(os.rename), counted(os.unlink)
from models import backup
backup.restore(Path(sys.argv[1]), Path(sys.argv[2]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="os._exit mid-restore; POSIX renames")
@pytest.mark.parametrize("hot_journal", [False, True], ids=["clean", "after-a-crash"])
def test_a_restore_killed_at_any_step_leaves_a_whole_database(demo_path: Path, tmp_path: Path,
                                                              hot_journal: bool) -> None:
    chosen = backup.take(demo_path, "start")
    restored = table_dump(chosen)
    db = open_database(to_url(demo_path))
    with db.write() as session:  # a change made after the back-up: the current file differs from it
        agreements.withdraw(session, "2016-001", __import__("datetime").date(2017, 2, 1), TODAY)
    db.dispose()
    current = table_dump(demo_path)
    assert current != restored
    template = tmp_path / "sjabloon"
    template.mkdir()
    shutil.copy(demo_path, template / demo_path.name)
    states = set()
    for stop in range(1, 30):
        folder = tmp_path / f"stap{stop}"
        folder.mkdir()
        database, copy = folder / demo_path.name, folder / chosen.name
        shutil.copy(template / demo_path.name, database)
        shutil.copy(chosen, copy)
        if hot_journal:
            leave_hot_journal(database)
        run = subprocess.run([sys.executable, "-c", _KILLED_RESTORE, str(database), str(copy), str(stop)],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert run.returncode in (0, 9), run.stderr
        assert database.exists(), f"killed after step {stop}: no database file"
        state = table_dump(database)  # as the next start opens it (SQLite applies a journal beside it)
        assert backup.integrity(database) == "ok"
        assert state in (current, restored), f"killed after step {stop}: neither the old nor the restored data"
        states.add("restored" if state == restored else "current")
        if run.returncode == 0:
            break
    else:
        pytest.fail("the restore never finished")
    assert states == {"current", "restored"} and stop > 2
    assert len(list(folder.glob("demo-voor-herstel-*.sqlite"))) == 1
