"""What the views need from the application around them, without knowing the database."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from models.changes import Changes, Outcome

__all__ = ["Changes", "Dialogs", "Runner"]

T = TypeVar("T")


class Runner(Protocol):
    """Runs service calls: reads in a read transaction, writes as one transaction each."""

    changed: Any  # Signal(Changes)
    waiting: Any  # Signal(str): what to show while a write waits for another user's; "" when it is over
    read_only: bool

    def today(self) -> dt.date: ...

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T: ...

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T: ...

    def operate(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Outcome[T]: ...

    @property
    def location(self) -> str: ...


class Dialogs(Protocol):
    """The user's message boxes (views.messages.Messages; tests put a recorder in its place)."""

    def info(self, parent: QWidget | None, title: str, text: str) -> None: ...

    def error(self, parent: QWidget | None, title: str, text: str) -> None: ...

    def ask(self, parent: QWidget | None, title: str, text: str, yes: str = "Ja", no: str = "Annuleren", *,
            default_yes: bool = False) -> bool: ...

    def saved(self, parent: QWidget | None, path: Path, what: str = "Opgeslagen als") -> None:
        """Say that `path` was written, offering to open it or its folder."""
