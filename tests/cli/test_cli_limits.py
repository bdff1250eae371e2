"""Limits and messages (issue 12): absurd input is a Dutch refusal, never a traceback; free text on the command
line has the app's lengths; a refusal repeats only a few dozen characters of what was typed; no English
system text reaches a message."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from models.domain.errors import ECHO_LIMIT
from tests.cli.conftest import confirmed_agreement, ok, refused, refused_all
from tests.conftest import run_cli

YEAR = "2016-2017"
HUGE = "1" * 5000  # more digits than Python's int() reads
LONG = "K" * 3000
ADD = ["agreement", "add", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon", "--hours", "40",
       "--from", "2016-09", "--to", "2017-07"]
GRANT = ["reserve", "grant", "--year", YEAR, "--board", "KPO", "--provider", "Kameleon", "--month", "2016-10",
         "--hours", "2"]
ENGLISH = re.compile(r"Errno|No such file|Not a directory|Is a directory|already exists|unable to open|"
                     r"Permission denied|Traceback|Error\b", re.IGNORECASE)


def _refused_line(*args: str, db: Path) -> str:
    """Exit 1 and one line, for a --db that is no database file (a folder, a path through a file)."""
    result = run_cli(*args, db=db)
    assert result.returncode == 1 and result.stdout == "", (args, result.stderr)
    [line] = result.stderr.splitlines()
    return line


def _short_echo(message: str) -> None:
    assert len(message) < 300, message
    assert not re.search(r"(.)\1{" + str(ECHO_LIMIT) + ",}", message), message


def test_hours_with_thousands_of_digits_are_a_dutch_refusal(ref_file: Path) -> None:
    number = confirmed_agreement(ref_file)
    messages = refused_all([
        ["hours", "add", "--agreement", number, "--month", "2016-10", "--hours", HUGE],
        ADD[:8] + ["--hours", HUGE] + ADD[10:],
        GRANT[:-1] + [HUGE, "--reason", "extra"]], db=ref_file)
    for message in messages:
        assert "meer dan het maximum van 1.000.000 uur" in message
        _short_echo(message)


def test_every_free_text_option_has_the_apps_length(ref_file: Path) -> None:
    number = confirmed_agreement(ref_file)
    ok("month", "close", "--year", YEAR, "--month", "2016-11", db=ref_file)
    messages = refused_all([
        ["hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "1", "--note", "a" * 131_000],
        GRANT + ["--reason", "a" * 1001],
        ["month", "reopen", "--year", YEAR, "--month", "2016-11", "--reason", "a" * 1001],
        ADD + ["--description", "a" * 4001],
        ADD + ["--school", "a" * 201],
        ADD + ["--pupil", "a" * 41]], db=ref_file)
    for message in messages:
        assert " te lang" in message and "hoogstens" in message, message
        _short_echo(message)
        for figure in re.findall(r"(\d+(?:\.\d+)*) tekens|hoogstens (\d+(?:\.\d+)*)", message):
            figure = "".join(figure)  # a count in Dutch: a dot between thousands ('131.000 tekens')
            assert figure == f"{int(figure.replace('.', '')):,}".replace(",", "."), message
    assert "131.000 tekens, hoogstens 1.000" in messages[0]
    ok("hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "1", "--note", "a" * 1000,
       db=ref_file)


def test_a_refusal_repeats_only_a_few_dozen_characters(ref_file: Path) -> None:
    number = confirmed_agreement(ref_file)
    messages = refused_all([
        ["budgets", "--year", LONG], ADD[:4] + ["--board", LONG] + ADD[6:], ADD[:6] + ["--provider", LONG] + ADD[8:],
        ADD + ["--kind", LONG], ADD[:10] + ["--from", LONG] + ADD[12:], ADD + ["--registered", LONG],
        ["agreement", "confirm", LONG], ["hours", "add", "--agreement", number, "--month", LONG, "--hours", "1"],
        ["hours", "add", "--agreement", number, "--month", "2016-10", "--hours", "1" + "," * 3000]], db=ref_file)
    for message in messages:
        _short_echo(message)


def test_no_english_system_text_reaches_a_message(tmp_path: Path, ref_file: Path) -> None:
    a_file = tmp_path / "bestand"
    a_file.write_text("x", encoding="utf-8")
    tables = tmp_path / "tabellen.sqlite"  # our table names, but no schema version: not ours
    with sqlite3.connect(tables) as conn:
        conn.execute("CREATE TABLE board (id INTEGER PRIMARY KEY)")
    conn.close()
    messages = [
        _refused_line("demo", db=a_file / "swv.sqlite"),
        _refused_line("demo", db=tables),
        _refused_line("check", db=tmp_path),
        _refused_line("budgets", "--year", YEAR, db=tmp_path),
        refused("report", "alv", "--year", YEAR, "-o", str(a_file / "alv.pdf"), db=ref_file),
        refused("export", "boards", "--year", YEAR, "-o", str(a_file / "map"), db=ref_file),
        refused("backup", "-o", str(a_file / "kopie.sqlite"), db=ref_file),
        refused("copy", "--to", str(a_file / "kopie.sqlite"), db=ref_file),
    ]
    for message in messages:
        assert not ENGLISH.search(message), message
