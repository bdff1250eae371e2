"""Openen writes its copies into one folder of the app, each under its own name, and the app removes the ones
older than a day when it starts and when it ends (also the folders older versions left in the system's temporary
folder); a copy still in use, or younger than a day, stays."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from views import open_copies

DAY = 24 * 60 * 60


def _age(path: Path, seconds: float) -> None:
    moment = time.time() - seconds
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(item, (moment, moment))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's folder for copies, and a system temporary folder of the test's own (the clean-up also looks
    there for what older versions left: never the real one, where other programs keep their files)."""
    target = tmp_path / "Geopend"
    monkeypatch.setenv(open_copies.ENV, str(target))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # the app started as a process below
    return target


def test_copies_go_into_the_apps_folder_each_under_its_own_name(folder: Path) -> None:
    first = open_copies.write_copy("Verslag.pdf", b"%PDF-1 een")
    second = open_copies.write_copy("Verslag.pdf", b"%PDF-1 twee")
    assert first != second and first.name == second.name == "Verslag.pdf"
    assert first.parent.parent == folder == second.parent.parent
    assert (first.read_bytes(), second.read_bytes()) == (b"%PDF-1 een", b"%PDF-1 twee")
    assert open_copies.write_copy("..\\map/ge:heim?.docx", b"x").name == "ge-heim-.docx"


def test_only_copies_older_than_a_day_are_removed(folder: Path) -> None:
    old = open_copies.write_copy("oud.pdf", b"oud")
    recent = open_copies.write_copy("vandaag.pdf", b"nieuw")
    _age(old.parent, DAY + 60)
    _age(recent.parent, DAY - 60)
    assert open_copies.clean() == 1
    assert not old.parent.exists() and recent.exists()
    assert open_copies.clean(now=time.time() + 2 * DAY) == 1 and not recent.parent.exists()
    assert open_copies.clean() == 0  # nothing left, no error; a missing folder neither
    folder.rmdir()
    assert open_copies.clean() == 0


def test_folders_of_older_versions_in_the_temporary_folder_go_too(folder: Path, tmp_path: Path) -> None:
    system_temp = tmp_path / "tmp"
    (system_temp / "swv-verslag-abc").mkdir()
    (system_temp / "swv-verslag-abc" / "Verslag.pdf").write_bytes(b"oud")
    (system_temp / "ander-programma").mkdir()
    _age(system_temp / "swv-verslag-abc", 3 * DAY)
    _age(system_temp / "ander-programma", 3 * DAY)
    assert open_copies.clean() == 1
    assert not (system_temp / "swv-verslag-abc").exists() and (system_temp / "ander-programma").exists()


def test_the_app_cleans_the_folder_when_it_starts(folder: Path, demo_path: Path, tmp_path: Path) -> None:
    old = open_copies.write_copy("oud.pdf", b"oud")
    recent = open_copies.write_copy("vandaag.pdf", b"nieuw")
    _age(old.parent, 2 * DAY)
    (tmp_path / "tmp" / "swv-verslag-x").mkdir()
    _age(tmp_path / "tmp" / "swv-verslag-x", 2 * DAY)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", open_copies.ENV: str(folder)}
    result = subprocess.run([sys.executable, "-m", "desktop", "--db", str(demo_path), "--smoke"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert not old.parent.exists() and recent.exists()
    assert not (tmp_path / "tmp" / "swv-verslag-x").exists()


def test_the_app_cleans_the_folder_when_it_ends(folder: Path, qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    """At the end of the session (QApplication.aboutToQuit) the same clean-up runs."""
    from desktop import app as desktop_app

    old = open_copies.write_copy("oud.pdf", b"oud")
    _age(old.parent, 2 * DAY)
    qapp.aboutToQuit.connect(desktop_app._clean_opened_copies)
    try:
        qapp.aboutToQuit.emit()
    finally:
        qapp.aboutToQuit.disconnect(desktop_app._clean_opened_copies)
    assert not old.parent.exists()
