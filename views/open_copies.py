"""Copies of stored files opened in the system's viewer (Verslagen → Openen): all in one folder of the app,
each in a folder of its own so the file keeps its own name, and cleaned up at the app's start and end.

A copy younger than a day stays (the viewer may still have it open, and on Windows an open file cannot be
removed); anything older goes. No Qt here: desktop.app cleans, the views write."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from models.domain.errors import Refusal

ENV = "SWV_UREN_TEMP"  # another folder for the copies (tests)
MAX_AGE_SECONDS = 24 * 60 * 60
#: Folders of the versions before this one, straight in the system's temporary folder.
OLD_PREFIX = "swv-verslag-"


def folder() -> Path:
    """The app's own folder for opened copies: SWV_UREN_TEMP, else 'Geopend' in the user's cache folder of the
    platform (Linux ~/.cache/SWV Uren/Geopend, Windows %LOCALAPPDATA%\\SWV Uren\\Cache\\Geopend)."""
    given = os.environ.get(ENV, "").strip()
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("SWV Uren", appauthor=False)) / "Geopend"


def _safe_name(name: str) -> str:
    """The file name alone, without folders or characters no file system takes."""
    bare = re.split(r"[\\/]", str(name))[-1]
    bare = re.sub(r'[<>:"|?*\x00-\x1f]', "-", bare).strip(" .")
    return bare or "verslag"


def write_copy(name: str, data: bytes) -> Path:
    """Write `data` as `name` into a new folder of its own under `folder()`; returns the file's path. Refused,
    in Dutch, when the folder or the file cannot be written."""
    try:
        base = folder()
        base.mkdir(parents=True, exist_ok=True)
        holder = Path(tempfile.mkdtemp(prefix="verslag-", dir=base))
        path = holder / _safe_name(name)
        path.write_bytes(data)
    except OSError as error:
        raise Refusal(f"Het verslag kon niet worden klaargezet om te openen: {error.strerror or error}.") from None
    return path


def _age(path: Path, now: float) -> float:
    """Seconds since the newest change of `path` or anything in it."""
    newest = path.lstat().st_mtime
    if path.is_dir() and not path.is_symlink():
        for child in path.rglob("*"):
            try:
                newest = max(newest, child.lstat().st_mtime)
            except OSError:
                continue
    return now - newest


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:  # still open in a viewer (Windows), or not ours: the next clean-up tries again
        return False
    return True


def clean(*, now: float | None = None, max_age: float = MAX_AGE_SECONDS) -> int:
    """Remove the copies older than `max_age` seconds (a day); returns how many were removed. Also the folders
    earlier versions left in the system's temporary folder. Never raises: a clean-up must not stop the app."""
    moment = time.time() if now is None else now
    removed = 0
    candidates: list[Path] = []
    for base, pattern in ((folder(), "*"), (Path(tempfile.gettempdir()), OLD_PREFIX + "*")):
        try:
            candidates += list(base.glob(pattern)) if base.is_dir() else []
        except OSError:
            continue
    for path in candidates:
        try:
            old = _age(path, moment) > max_age
        except OSError:
            continue
        if old and _remove(path):
            removed += 1
    return removed
