"""The first start on a fresh account: the app makes its data folder and the database in it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _smoke(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("SWV_UREN_DB", "XDG_DATA_HOME")}
    full.update(env, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "desktop", *args, "--smoke"], capture_output=True, text=True,
                          env=full, cwd=ROOT, timeout=120)


def test_the_app_creates_a_database_in_a_folder_that_does_not_exist_yet(tmp_path: Path) -> None:
    path = tmp_path / "nieuw" / "map" / "swv.sqlite"
    result = _smoke("--db", str(path), env={"SWV_UREN_SETTINGS": str(tmp_path / "s.ini")})
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_the_first_start_of_a_new_account_uses_the_platforms_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = _smoke(env={"HOME": str(home), "SWV_UREN_SETTINGS": str(tmp_path / "s.ini")})
    assert result.returncode == 0, result.stderr
    assert (home / ".local" / "share" / "SWV Uren" / "swv-uren.sqlite").exists()


def test_a_folder_that_cannot_be_made_is_said_in_dutch(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    result = _smoke("--db", str(blocker / "swv.sqlite"), env={"SWV_UREN_SETTINGS": str(tmp_path / "s.ini")})
    assert result.returncode == 1
    assert "kan niet worden gemaakt" in result.stderr and "Traceback" not in result.stderr
