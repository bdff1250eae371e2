"""What the views need from the application around them, without knowing the database."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any, Callable, Protocol, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What a user action changed; pages refresh only what became stale."""

    years: bool = False
    setup: bool = False
    agreements: bool = False
    hours: bool = False
    reserve: bool = False
    months: bool = False
    budgets: bool = False
    masterdata: bool = False
    innovation: bool = False  # networks, budgets, support questions
    experts: bool = False  # the expertise directory (Gouden Gids)
    updates: bool = False  # the monthly updates given to the boards

    @classmethod
    def everything(cls) -> "Changes":
        return cls(**{field.name: True for field in fields(cls)})

    def touches(self, *names: str) -> bool:
        return any(getattr(self, name) for name in names)


class Runner(Protocol):
    """Runs service calls: reads in a read transaction, writes as one transaction each."""

    changed: Any  # Signal(Changes)
    read_only: bool

    def today(self) -> dt.date: ...

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T: ...

    def write(self, fn: Callable[..., T], *args: Any, changes: Changes, **kwargs: Any) -> T: ...

    @property
    def location(self) -> str: ...
