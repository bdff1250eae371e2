"""What a user action changed, so that screens refresh only what became stale. Qt-free: the runner (desktop/)
emits it and the views read it; a write service may say what it changed."""
from __future__ import annotations

from dataclasses import dataclass, fields


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
