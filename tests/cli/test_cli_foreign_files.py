"""A file that is not an SWV Uren database is never changed: every command (taken from the parser, so a new
one cannot escape) and the app refuse a zero-byte file, another program's database and a folder, in one Dutch
line, leaving the bytes (of a folder: its listing) as they were."""
from __future__ import annotations

import argparse
import hashlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import pytest

from desktop.cli import build_parser
from models import dbfile
from tests.conftest import run_cli


def _leaves(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...],
                                                                                              argparse.ArgumentParser]]:
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield prefix, parser
    for group in groups:
        for name, sub in group.choices.items():
            yield from _leaves(sub, prefix + (name,))


COMMANDS = [words for words, _ in _leaves(build_parser()) if words]
PARSERS = dict(_leaves(build_parser()))

VALUES = {"year": "2016-2017", "board": "KPO", "provider": "Kameleon", "hours": "2", "from": "2016-09",
          "to": "2017-07", "month": "2016-10", "agreement": "2016-001", "number": "2016-001", "reason": "toelichting"}


def arguments(words: tuple[str, ...], folder: Path) -> list[str]:
    """The command with a plausible value for every positional and required option (files in `folder`)."""
    paths = {"output": folder / "uit.xlsx", "file": folder / "opzet.xlsx"}
    if words == ("copy",):
        paths["to"] = folder / "kopie.sqlite"
    args = list(words)
    for action in PARSERS[words]._actions:
        if isinstance(action, argparse._HelpAction) or not (action.required or not action.option_strings):
            continue
        value = str(paths.get(action.dest, VALUES.get(action.dest, "x")))
        args += [action.option_strings[0], value] if action.option_strings else [value]
    return args


def zero_bytes(folder: Path) -> Path:
    path = folder / "leeg.sqlite"
    path.write_bytes(b"")
    return path


def other_program(folder: Path) -> Path:
    path = folder / "contacten.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Jan')")
    conn.close()
    return path


def other_application_id(folder: Path) -> Path:
    """Another program's database that even has an alembic_version with one of our revisions."""
    path = folder / "ander.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 42")
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('0005')")
    conn.close()
    return path


def a_folder(folder: Path) -> Path:
    path = folder / "map.sqlite"
    path.mkdir()
    (path / "iets.txt").write_text("inhoud", encoding="utf-8")
    return path


KINDS = (zero_bytes, other_program, other_application_id, a_folder)


def fingerprint(path: Path) -> object:
    if path.is_dir():
        return sorted((p.name, p.stat().st_size) for p in path.iterdir())
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refuses_all_kinds(args: list[str], tmp_path: Path) -> None:
    cases = []
    for kind in KINDS:
        folder = tmp_path / kind.__name__
        folder.mkdir()
        path = kind(folder)
        cases.append((path, fingerprint(path), [a.replace(str(tmp_path / "WORK"), str(folder)) for a in args]))
    with ThreadPoolExecutor(max_workers=len(cases)) as pool:
        results = list(pool.map(lambda case: run_cli(*case[2], db=case[0]), cases))
    for (path, before, case_args), result in zip(cases, results):
        assert result.returncode in (1, 2), (case_args, path.name, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and result.stdout == "", (case_args, result.stderr)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (case_args, path.name, result.stderr)
        assert str(path) in lines[0] and ("geen SWV Uren-database" in lines[0] or "is een map" in lines[0]), lines
        assert fingerprint(path) == before, (case_args, path.name)
        assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) == [path.name], \
            (case_args, "nothing made beside it")


def test_every_command_is_taken_from_the_parser() -> None:
    assert {"demo", "check", "backup", "copy"} <= {words[0] for words in COMMANDS}
    assert ("hours", "template") in COMMANDS and ("year", "import") in COMMANDS and len(COMMANDS) > 20


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_every_command_leaves_a_foreign_file_as_it_was(words: tuple[str, ...], tmp_path: Path) -> None:
    _refuses_all_kinds(arguments(words, tmp_path / "WORK"), tmp_path)


def test_the_app_refuses_a_foreign_file_at_start_up(tmp_path: Path) -> None:
    _refuses_all_kinds(["--smoke"], tmp_path)


def test_copy_never_writes_into_a_foreign_target(demo_path: Path, tmp_path: Path) -> None:
    for kind in KINDS:
        folder = tmp_path / kind.__name__
        folder.mkdir()
        target = kind(folder)
        before = fingerprint(target)
        result = run_cli("copy", "--to", str(target), db=demo_path)
        assert result.returncode == 1 and len(result.stderr.splitlines()) == 1, result.stderr
        assert fingerprint(target) == before


def test_an_older_file_without_application_id_is_accepted_and_marked(demo_path: Path) -> None:
    from tests.conftest import downgrade

    downgrade(demo_path, "0005")
    with sqlite3.connect(demo_path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (0,)
    conn.close()
    result = run_cli("budgets", "--year", "2016-2017", db=demo_path)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(demo_path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (dbfile.APP_ID,)
    conn.close()


def test_new_databases_are_marked_and_the_migration_keeps_the_same_id(tmp_path: Path) -> None:
    assert run_cli("demo", db=tmp_path / "nieuw.sqlite").returncode == 0
    header = (tmp_path / "nieuw.sqlite").read_bytes()[:100]
    assert dbfile.application_id(header) == dbfile.APP_ID
    [migration] = (Path(dbfile.__file__).parent / "migrations" / "versions").glob("*_application_id.py")
    assert f"APP_ID = {hex(dbfile.APP_ID)}" in migration.read_text(encoding="utf-8")


def test_read_only_commands_cannot_write(demo_path: Path) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from models.db import open_database, to_url

    db = open_database(to_url(demo_path), read_only=True)
    try:
        with pytest.raises(OperationalError, match="readonly"):
            with db.write() as session:
                session.execute(text("DELETE FROM board"))
    finally:
        db.dispose()
