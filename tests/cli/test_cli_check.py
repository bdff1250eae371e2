"""`check` looks at the scheme's rules over what is stored, not only at SQLite's own checks: a file edited by
something else than the app (a script, a hand edit) that breaks a cap is not "in orde" (exit 1)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import ok, refused


def _edit(path: Path, sql: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(sql)
    conn.close()


def test_the_demo_is_sound(demo_path: Path) -> None:
    assert ok("check", db=demo_path).stdout.strip() == "De database is in orde."


@pytest.mark.parametrize(("sql", "words"), [
    ("UPDATE year_board SET key_share = key_share + 1000 WHERE id = (SELECT min(id) FROM year_board)",
     "De verdeling van 2016-2017 telt op tot 110 % in plaats van 100 %."),
    ("UPDATE reserve_grant SET minutes = minutes * 100", "meer dan de reserve van"),
    ("UPDATE hour_entry SET minutes = minutes + 100000 WHERE id = (SELECT min(id) FROM hour_entry)",
     "meer dan de"),
])
def test_a_broken_rule_is_named_and_check_fails(demo_path: Path, sql: str, words: str) -> None:
    _edit(demo_path, sql)
    assert words in refused("check", db=demo_path)


def test_an_older_file_that_breaks_a_rule_is_not_sound_and_stays_as_it_was(demo_path: Path) -> None:
    from tests.conftest import downgrade

    downgrade(demo_path, "0003")
    _edit(demo_path, "UPDATE year_board SET key_share = key_share + 5000 WHERE id = (SELECT min(id) FROM year_board)")
    before = demo_path.read_bytes()
    assert "telt op tot 150 %" in refused("check", db=demo_path)
    assert demo_path.read_bytes() == before  # judged on an upgraded copy; the file itself only read
