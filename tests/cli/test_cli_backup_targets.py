"""`backup -o` to a place that cannot take a file: one Dutch line, exit 1, nothing left behind."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.conftest import ok, refused


@pytest.mark.parametrize("target", ["map", ".", "bestand/kopie.sqlite"])
def test_backup_to_a_folder_or_under_a_file_is_refused(demo_path: Path, tmp_path: Path, target: str) -> None:
    work = tmp_path / "werk"
    (work / "map").mkdir(parents=True)
    (work / "bestand").write_text("geen map")
    before = sorted(p.name for p in work.rglob("*"))
    os.chdir(work)  # "." and the relative names are taken from the current folder, as in a shell
    try:
        line = refused("backup", "-o", str(work / target) if target != "." else ".", db=demo_path)
    finally:
        os.chdir(tmp_path)
    assert "Er is niets gewijzigd" in line or "niet aangeraakt" in line
    assert "exists" not in line.lower() and "directory" not in line.lower()  # the reason in Dutch too
    assert sorted(p.name for p in work.rglob("*")) == before  # no .part file


def test_backup_into_a_new_folder_is_made(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "nieuw" / "kopie.sqlite"
    ok("backup", "-o", str(target), db=demo_path)
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    assert sorted(p.name for p in target.parent.iterdir()) == ["kopie.sqlite"]
