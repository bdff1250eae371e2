"""Back-ups: verified copies, thinning that always keeps the newest, restore that never deletes."""
from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

import pytest

from models import backup, dbfile
from models.db import SchemaTooNew, open_database, to_url
from models.domain.errors import Refusal
from tests.conftest import run_cli, table_dump


def test_copy_is_verified_and_equal(demo_path: Path, tmp_path: Path) -> None:
    target = backup.copy(demo_path, tmp_path / "kopie.sqlite")
    assert backup.integrity(target) == "ok"
    assert table_dump(target) == table_dump(demo_path)
    assert not list(tmp_path.glob("*.part"))


def test_thinning_keeps_newest_and_one_per_day_week_month(demo_path: Path) -> None:
    start = dt.datetime(2025, 1, 1, 9, 0)
    for hours in range(0, 24 * 400, 7):  # a copy every 7 hours for 400 days
        when = start + dt.timedelta(hours=hours)
        target = backup.folder_of(demo_path) / f"{demo_path.stem}-{when:%Y%m%d-%H%M%S}-start.sqlite"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(b"x")
    newest = start + dt.timedelta(hours=(24 * 400 - 1) // 7 * 7)
    backup.thin(backup.folder_of(demo_path), demo_path.stem, newest)
    kept = backup.listing(demo_path)
    assert kept[0].taken == newest
    days = {b.taken.date() for b in kept}
    assert len(kept) <= 7 + 4 + 12 + 1
    # the last 7 days each have a copy
    assert all((newest - dt.timedelta(days=i)).date() in days for i in range(7))
    months = {(b.taken.year, b.taken.month) for b in kept}
    assert len(months) == 12


def test_thinning_keeps_the_copies_before_an_upgrade_and_those_made_by_hand(demo_path: Path) -> None:
    """The day's closing copy must not take the place of the copy in the old schema, nor of one the user made."""
    folder = backup.folder_of(demo_path)
    folder.mkdir()
    day = dt.datetime(2026, 11, 23)
    names = [f"{demo_path.stem}-{day + dt.timedelta(hours=h):%Y%m%d-%H%M%S}-{reason}.sqlite"
             for h, reason in ((8, "start"), (9, "voor-upgrade"), (10, "handmatig"), (17, "afsluiten"))]
    for name in names:
        (folder / name).write_bytes(b"x")
    backup.thin(folder, demo_path.stem, day + dt.timedelta(hours=17))
    assert sorted(p.name for p in folder.iterdir()) == sorted(names[1:])  # only the start copy went


def test_of_two_copies_in_the_same_second_the_one_written_last_stays(demo_path: Path) -> None:
    """The day's first start and a change closed at once: the closing copy holds the change and is kept."""
    moment = dt.datetime(2026, 11, 23, 8, 0, 0)
    backup.take(demo_path, "start", moment)
    conn = sqlite3.connect(demo_path)
    conn.execute("UPDATE board SET name = 'KPO Nieuw' WHERE name = 'KPO'")
    conn.commit()
    conn.close()
    backup.take(demo_path, "afsluiten", moment)
    [kept] = backup.listing(demo_path)
    assert kept.reason == "afsluiten" and table_dump(kept.path) == table_dump(demo_path)


def test_take_names_the_moment_and_lists_it(demo_path: Path) -> None:
    taken = backup.take(demo_path, "start", dt.datetime(2026, 2, 3, 14, 5, 0))
    assert taken.name == "demo-20260203-140500-start.sqlite"
    assert backup.listing(demo_path)[0].label == "3-2-2026 14:05"


def test_restore_moves_the_current_file_aside(demo_path: Path, empty_path: Path) -> None:
    copy = backup.take(demo_path, "start")
    before = table_dump(demo_path)
    # the live file gets damaged
    demo_path.write_bytes(b"niet meer te lezen" * 100)
    aside = backup.restore(demo_path, copy)
    assert aside.exists() and aside.read_bytes().startswith(b"niet meer")
    assert table_dump(demo_path) == before


def test_restore_refuses_a_bad_backup(demo_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "kapot.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = demo_path.read_bytes()
    with pytest.raises(Refusal, match="niet in orde"):
        backup.restore(demo_path, bad)
    assert demo_path.read_bytes() == before


def test_newer_schema_is_refused_and_left_alone(demo_path: Path) -> None:
    conn = sqlite3.connect(demo_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_toekomst'")
    conn.commit()
    conn.close()
    before = demo_path.read_bytes()
    with pytest.raises(SchemaTooNew, match="nieuwere versie"):
        open_database(to_url(demo_path))
    assert demo_path.read_bytes() == before
    result = run_cli("check", db=demo_path)
    assert result.returncode == 1 and "9999_toekomst" in result.stderr


@pytest.mark.parametrize("damage", ["truncated", "text", "zeroed_page"])
def test_damaged_files_fail_the_check_and_commands(demo_path: Path, damage: str) -> None:
    data = demo_path.read_bytes()
    if damage == "truncated":
        demo_path.write_bytes(data[: len(data) // 3])
    elif damage == "text":
        demo_path.write_text("bestuur;dienstverlener\nKPO;Kameleon\n")
    else:
        page = 4096
        demo_path.write_bytes(data[: page * 3] + b"\x00" * page + data[page * 4:])
    check = run_cli("check", db=demo_path)
    assert check.returncode == 1
    assert check.stderr.count("\n") == 1 and "Traceback" not in check.stderr
    budgets = run_cli("budgets", "--year", "2016-2017", db=demo_path)
    assert budgets.returncode == 1 and "Traceback" not in budgets.stderr


def test_cli_backup_while_a_writer_holds_the_file(demo_path: Path, tmp_path: Path) -> None:
    writer = sqlite3.connect(demo_path)
    writer.execute("BEGIN")
    writer.execute("UPDATE board SET contact_person = 'tijdens back-up'")
    result = run_cli("backup", "-o", str(tmp_path / "kopie.sqlite"), db=demo_path)
    writer.rollback()
    writer.close()
    assert result.returncode == 0, result.stderr
    assert backup.integrity(tmp_path / "kopie.sqlite") == "ok"


# ---------------------------------------------------------------- after a crash; the schema; the target

@pytest.mark.skipif(sys.platform == "win32", reason="os._exit after a partial write")
def test_check_and_backup_after_a_crash_roll_back_and_succeed(demo_path: Path, tmp_path: Path) -> None:
    from tests.safety.helpers import leave_hot_journal

    before = table_dump(demo_path)
    journal = leave_hot_journal(demo_path)
    copy = tmp_path / "kopie.sqlite"
    taken = run_cli("backup", "-o", str(copy), db=demo_path)
    assert taken.returncode == 0, taken.stderr
    assert table_dump(copy) == before
    leave_hot_journal(demo_path)
    check = run_cli("check", db=demo_path)
    assert (check.returncode, check.stdout.strip()) == (0, "De database is in orde."), check.stderr
    assert not journal.exists() and table_dump(demo_path) == before


def test_check_says_an_older_schema_is_sound_and_will_be_upgraded(demo_path: Path) -> None:
    from tests.conftest import downgrade

    downgrade(demo_path, "0002")
    before = demo_path.read_bytes()
    result = run_cli("check", db=demo_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and "in orde" in result.stdout
    assert "(0002)" in result.stdout and "bijgewerkt" in result.stdout
    assert demo_path.read_bytes() == before


def test_check_refuses_a_newer_schema_in_the_words_of_the_app(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_toekomst'")
    with pytest.raises(SchemaTooNew) as refused:
        open_database(to_url(demo_path))
    result = run_cli("check", db=demo_path)
    assert result.returncode == 1 and result.stderr.strip() == refused.value.message


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink"])
def test_backup_onto_the_database_itself_is_refused(demo_path: Path, spelling: str) -> None:
    target = {"same": demo_path, "dotted": demo_path.parent / "." / "sub" / ".." / demo_path.name,
              "symlink": demo_path.parent / "link.sqlite"}[spelling]
    (demo_path.parent / "sub").mkdir()
    if spelling == "symlink":
        target.symlink_to(demo_path)
    before = demo_path.read_bytes()
    result = run_cli("backup", "-o", str(target), db=demo_path)
    assert result.returncode == 1 and "de database zelf" in result.stderr and result.stderr.count("\n") == 1
    assert demo_path.read_bytes() == before and not list(demo_path.parent.glob("*.part"))


def test_backup_onto_a_helper_file_or_an_apps_backup_is_refused(demo_path: Path) -> None:
    kept = backup.take(demo_path, "start", dt.datetime(2025, 1, 1, 9, 0))
    kept_bytes = kept.read_bytes()
    for target, words in ((demo_path.with_name(demo_path.name + "-journal"), "hulpbestand"),
                          (kept, "back-up van de app")):
        result = run_cli("backup", "-o", str(target), db=demo_path)
        assert result.returncode == 1 and words in result.stderr, result.stderr
    assert not demo_path.with_name(demo_path.name + "-journal").exists()
    assert kept.read_bytes() == kept_bytes
    # a new name in the backups folder, or an existing file of the user's own, is fine
    for target in (backup.folder_of(demo_path) / "eigen.sqlite", demo_path.parent / "kopie.sqlite"):
        target.write_bytes(b"oud")
        assert run_cli("backup", "-o", str(target), db=demo_path).returncode == 0
        assert table_dump(target) == table_dump(demo_path)


def test_restore_refuses_a_backup_of_a_newer_version(demo_path: Path) -> None:
    copy = backup.take(demo_path, "start")
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_toekomst'")
    before = demo_path.read_bytes()
    with pytest.raises(Refusal, match="9999_toekomst"):
        backup.restore(demo_path, copy)
    assert demo_path.read_bytes() == before and not list(demo_path.parent.glob("demo-voor-herstel-*"))


@pytest.mark.skipif(sys.platform == "win32", reason="a second process holding SQLite's lock")
def test_restore_waits_for_a_writer_and_refuses_when_it_stays(demo_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.safety.helpers import sqlite_writer

    copy = backup.take(demo_path, "start")
    monkeypatch.setattr(dbfile, "BUSY_SECONDS", 0.5)
    before = table_dump(demo_path)
    with sqlite_writer(demo_path):
        with pytest.raises(Refusal, match="bezet"):
            backup.restore(demo_path, copy)
    assert table_dump(demo_path) == before
    assert sorted(p.name for p in demo_path.parent.iterdir()) == ["backups", "demo.sqlite"]


def test_a_restore_on_a_full_disk_changes_nothing_and_leaves_nothing(demo_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import shutil

    taken = backup.take(demo_path, "start")
    before = demo_path.read_bytes()
    files = sorted(p.name for p in demo_path.parent.iterdir())

    def disk_full(source, target, *args):  # type: ignore[no-untyped-def]
        target.write(source.read(4096))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", disk_full)
    with pytest.raises(Refusal, match=r"Terugzetten is niet gelukt \(de schijf is vol\)"):
        backup.restore(demo_path, taken)
    assert demo_path.read_bytes() == before
    assert sorted(p.name for p in demo_path.parent.iterdir()) == files  # no .herstel, no half copy aside
