"""Files are written under a temporary name and moved into place: a failure leaves no broken file."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from exports.files import check_suffix, safe_file_name, write_all_atomic, write_atomic
from models.domain.errors import InvalidInput, Refusal


class Boom(Exception):
    pass


def _half_then_fail(temp: Path) -> None:
    temp.write_bytes(b"%PDF-1.4 half")
    raise Boom()


def test_a_failure_leaves_no_file_and_no_temporary_file(tmp_path: Path) -> None:
    with pytest.raises(Boom):
        write_atomic(tmp_path / "alv.pdf", _half_then_fail)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "alv.pdf"
    target.write_bytes(b"the old, complete file")
    with pytest.raises(Boom):
        write_atomic(target, _half_then_fail)
    assert target.read_bytes() == b"the old, complete file"
    assert list(tmp_path.iterdir()) == [target]


def test_success_replaces_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "alv.pdf"
    target.write_bytes(b"old")
    write_atomic(target, lambda temp: temp.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert list(tmp_path.iterdir()) == [target]
    if os.name == "posix":  # the usual permissions, not those of a private temporary file
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_several_files_all_or_none(tmp_path: Path) -> None:
    first = tmp_path / "brief.pdf"
    with pytest.raises(Boom):
        write_all_atomic([(first, lambda temp: temp.write_bytes(b"pdf")), (tmp_path / "brief.eml", _half_then_fail)])
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_refused_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="De map .* bestaat niet"):
        write_atomic(tmp_path / "nergens" / "alv.pdf", lambda temp: temp.write_bytes(b"x"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder_is_refused_in_dutch(tmp_path: Path) -> None:
    folder = tmp_path / "dicht"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(Refusal, match="Geen toestemming"):
            write_atomic(folder / "alv.pdf", lambda temp: temp.write_bytes(b"x"))
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize(("text", "name"), [
    ("Kroevendonk / SPCO 2016-2017", "Kroevendonk - SPCO 2016-2017"),
    ('a<b>c:d"e\\f|g?h*i', "a-b-c-d-e-f-g-h-i"),
    ("tab\tnew\nline", "tab-new-line"),
    ("  spaces   inside  ", "spaces inside"),
    ("ends with dots...", "ends with dots"),
    ("CON", "-CON"),
    ("", "-"),
])
def test_safe_file_names(text: str, name: str) -> None:
    assert safe_file_name(text) == name


def test_suffixes() -> None:
    assert check_suffix(Path("x.PDF"), (".pdf",)) == ".pdf"
    with pytest.raises(InvalidInput, match="eindigt op .pdf of .xlsx"):
        check_suffix(Path("x.csv"), (".pdf", ".xlsx"))
    with pytest.raises(InvalidInput):
        check_suffix(Path("zonder"), (".pdf",))
