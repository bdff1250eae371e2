"""What the views need from the application around them, without knowing the database."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Protocol, TypeVar

from models.changes import Changes

__all__ = ["Changes", "Runner"]

T = TypeVar("T")


class Runner(Protocol):
    """Runs service calls: reads in a read transaction, writes as one transaction each."""

    changed: Any  # Signal(Changes)
    waiting: Any  # Signal(str): what to show while a write waits for another user's; "" when it is over
    read_only: bool

    def today(self) -> dt.date: ...

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T: ...

    def write(self, fn: Callable[..., T], *args: Any, changes: Changes, **kwargs: Any) -> T: ...

    @property
    def location(self) -> str: ...
