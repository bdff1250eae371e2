"""The app's settings: a QSettings that writes a value only when it differs from the one stored."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings


def same_value(stored: Any, value: Any) -> bool:
    """Whether `value` is what the settings hold already (as read back: an int or a bool as its text in an
    .ini file, as itself in the registry). Anything else, or a doubt, counts as different."""
    if stored is None:
        return False
    if isinstance(value, bool):
        return str(stored).lower() == str(value).lower()
    if isinstance(value, int):
        return str(stored) == str(value)
    if isinstance(value, (str, QByteArray)):
        return type(stored) is type(value) and stored == value
    return False


class Settings(QSettings):
    """The window stores its year, page, geometry and columns at every start and at close; with nothing changed
    the file is left alone (each write locks it, writes a copy, syncs it to the disk and swaps it in)."""

    def setValue(self, key: str, value: Any) -> None:
        if not same_value(self.value(key), value):
            super().setValue(key, value)
