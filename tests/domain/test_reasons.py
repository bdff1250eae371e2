"""The operating system's and SQLite's reasons in Dutch: their English never reaches a message; a reason without
Dutch words is named by its code."""
from __future__ import annotations

import errno
import sqlite3

import pytest

from models.domain.reasons import os_reason, sqlite_reason


@pytest.mark.parametrize(("code", "dutch"), [
    (errno.ENOSPC, "de schijf is vol"), (errno.EDQUOT, "de schijfruimte is op"), (errno.EACCES, "geen toegang"),
    (errno.EPERM, "geen toestemming"), (errno.EROFS, "de schijf is alleen-lezen"),
    (errno.EEXIST, "er staat al een bestand"), (errno.ENOTDIR, "een deel van het pad is een bestand, geen map"),
    (errno.EISDIR, "het is een map"), (errno.ENOENT, "de map bestaat niet"), (errno.ENAMETOOLONG, "de naam is te lang"),
    (errno.EIO, "de schijf gaf een lees- of schrijffout"), (errno.EBUSY, "het bestand is in gebruik"),
    (errno.ETXTBSY, "het bestand is in gebruik"), (errno.EMFILE, "te veel open bestanden"),
    (errno.ENFILE, "te veel open bestanden"), (errno.EFBIG, "het bestand wordt te groot"),
    (errno.ELOOP, "het pad verwijst naar zichzelf"), (errno.EINVAL, "die naam kan hier niet"),
    (errno.EXDEV, "systeemfout EXDEV"), (errno.ECONNRESET, "systeemfout ECONNRESET"),
    (99999, "systeemfout 99999"), (None, "systeemfout None"),
])
def test_an_os_error_is_named_in_dutch_or_by_its_code(code: int | None, dutch: str) -> None:
    error = OSError(code, "Some English text") if code is not None else OSError("Some English text")
    assert os_reason(error) == dutch


def _sqlite_error(sql: str) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as raised:
        sqlite3.connect(":memory:").execute(sql)
    return raised.value


class _Wrapped(Exception):
    """What SQLAlchemy raises: the driver's error as `orig`."""

    def __init__(self, orig: BaseException) -> None:
        super().__init__(f"(sqlite3.DatabaseError) {orig}\n[SQL: PRAGMA]")
        self.orig = orig


@pytest.mark.parametrize(("text", "dutch"), [
    ("file is not a database", "het is geen database"),
    ("database disk image is malformed", "het bestand is beschadigd"),
    ("unable to open database file", "het bestand kan niet worden geopend"),
    ("attempt to write a readonly database", "het bestand kan alleen worden gelezen"),
    ("disk I/O error", "de schijf gaf een lees- of schrijffout"),
    ("database or disk is full", "de schijf is vol"),
    ("  database is locked \n(background on this error at: https://sqlalche.me/e/20/e3q8)", "de database is bezet"),
    ("table board already exists", "de tabellen passen niet bij SWV Uren"),
    ("no such table: board", "de tabellen passen niet bij SWV Uren"),
    ("no such column: board.kind", "de tabellen passen niet bij SWV Uren"),
    ("Database is locked", "SQLite-fout OperationalError"),  # only SQLite's own words
    ("there is no such table", "SQLite-fout OperationalError"),
    ("", "SQLite-fout OperationalError"),
])
def test_sqlite_s_words_are_named_in_dutch(text: str, dutch: str) -> None:
    error = sqlite3.OperationalError(text)
    assert sqlite_reason(error) == dutch
    assert sqlite_reason(_Wrapped(error)) == dutch


def test_an_unknown_sqlite_error_is_named_by_its_code_or_kind() -> None:
    assert sqlite_reason(_sqlite_error("select * from board")) == "de tabellen passen niet bij SWV Uren"
    syntax = _sqlite_error("selec 1")
    assert sqlite_reason(syntax) == sqlite_reason(_Wrapped(syntax)) == "SQLite-fout SQLITE_ERROR"
    assert sqlite_reason(ValueError("the file is not a database")) == "SQLite-fout ValueError"
