"""Writing files safely: a temporary name in the same folder, then one move into place.

A failure (a full disk, a bug, a file locked by Excel) never leaves a broken or half-written
file where the user expects one; the old file, if any, stays as it was.
"""
from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path
from typing import Callable, Iterator, Sequence

from models.domain.errors import Conflict, InvalidInput, Refusal
from models.domain.reasons import os_reason

# Characters Windows, macOS or Linux do not take in a file name, and control characters.
_UNFIT = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_file_name(text: str) -> str:
    """A file name from user text: unfit characters become '-', no trailing dots or spaces."""
    name = " ".join(_UNFIT.sub("-", text).split()).rstrip(" .")
    if not name:
        name = "-"
    if name.split(".")[0].upper() in _RESERVED:
        name = "-" + name
    return name


def board_file_name(board: str, year: str) -> str:
    """'<board> <year>.xlsx', with characters unfit for a file name made '-' (here, not beside the workbook's
    writer: the save dialog proposes it before openpyxl is loaded)."""
    return safe_file_name(f"{board} {year}") + ".xlsx"


def unique_file_names(owners: Sequence[str], names: Sequence[str], what: str = "besturen") -> None:
    """Refuse two owners (boards, providers) whose files would get the same name, before anything is written."""
    seen: dict[str, str] = {}
    for owner, name in zip(owners, names):
        other = seen.get(name.casefold())
        if other is not None:
            raise Conflict(f"De {what} '{other}' en '{owner}' krijgen allebei de bestandsnaam "
                           f"'{name}'; pas een van de namen aan. Er is niets geschreven.")
        seen[name.casefold()] = owner


def check_folder(folder: Path) -> Path:
    """Refuse a target folder that is a file (before anything is read or written)."""
    if Path(folder).exists() and not Path(folder).is_dir():
        raise InvalidInput(f"{folder} is een bestand, geen map; geef een map op.", field="path")
    return Path(folder)


def make_folder(folder: Path) -> Path:
    """The folder, created with its parents when needed."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise Refusal(f"De map {folder} kan niet worden aangemaakt ({os_reason(error)}).") from None
    return Path(folder)


def check_suffix(path: Path, allowed: Sequence[str]) -> str:
    """The file's extension in lower case, when it is one of `allowed` (e.g. ('.pdf', '.xlsx'))."""
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        choices = " of ".join(allowed)
        raise InvalidInput(f"{Path(path).name}: kies een bestandsnaam die eindigt op {choices}.", field="path")
    return suffix


def check_target(path: Path) -> Path:
    """Refuse a target that cannot be written: a missing folder, or a folder where the file should be."""
    path = Path(path)
    if path.is_dir():
        raise InvalidInput(f"{path} is een map; geef een bestandsnaam op.", field="path")
    if not path.parent.is_dir():
        raise InvalidInput(f"De map {path.parent} bestaat niet; maak hem eerst aan of kies een andere map.",
                           field="path")
    return path


@contextlib.contextmanager
def _temporary(path: Path) -> Iterator[Path]:
    """A fresh temporary name next to `path` (the writer creates the file, so it gets the usual
    permissions); removed again unless it was moved into place."""
    temp = path.with_name(f".{path.stem[:40]}-{secrets.token_hex(6)}.tmp{path.suffix}")
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)


def write_atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """Let `write` fill a temporary file next to `path`, then move it into place in one step."""
    return write_all_atomic([(path, write)])[0]


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    return write_atomic(path, lambda temp: temp.write_bytes(data))


def write_all_atomic(jobs: Sequence[tuple[Path, Callable[[Path], None]]]) -> list[Path]:
    """Write several files that belong together: all are written first, then all are moved into place."""
    targets = [check_target(Path(path)) for path, _ in jobs]
    with contextlib.ExitStack() as stack:
        temps = []
        for target, (_, write) in zip(targets, jobs):
            temp = stack.enter_context(_translated(target, "schrijven"))
            temps.append(temp)
            write(temp)
        for target, temp in zip(targets, temps):
            _move(temp, target)
    return targets


@contextlib.contextmanager
def _translated(target: Path, action: str) -> Iterator[Path]:
    try:
        with _temporary(target) as temp:
            yield temp
    except PermissionError:
        raise Refusal(f"Geen toestemming om {target} te {action}; kies een andere map.") from None
    except OSError as error:
        raise Refusal(f"{target} kon niet worden geschreven ({os_reason(error)}); er is niets "
                      "veranderd.") from None


def _move(temp: Path, target: Path) -> None:
    try:
        os.replace(temp, target)
    except PermissionError:
        raise Refusal(f"{target.name} kan niet worden vervangen: is het bestand nog geopend, bijvoorbeeld in "
                      "Excel of een PDF-lezer? Sluit het en probeer het opnieuw.") from None
