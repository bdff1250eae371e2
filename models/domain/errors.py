"""Refusals the user can read: every one carries a Dutch message."""
from __future__ import annotations


class Refusal(Exception):
    """An action that is not allowed; `message` says why, in Dutch, on one line."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the input the refusal concerns, for showing it beside that field

    def __str__(self) -> str:
        return self.message


class NotFound(Refusal):
    """An unknown year, board, provider, agreement or month."""


class InvalidInput(Refusal):
    """Input that is malformed or out of range."""


class Conflict(Refusal):
    """Input that clashes with what is stored: a repeated action, a closed month, a limit."""


class BudgetExceeded(Conflict):
    """Hours that would take a month over its budget plus granted reserve."""

    def __init__(self, month_label: str, budget: int, reserve: int, used: int, requested: int) -> None:
        from .units import format_hours

        left = max(budget + reserve - used, 0)
        limit = f"budget {format_hours(budget)}"
        if reserve:
            limit += f" + reserve {format_hours(reserve)}"
        super().__init__(
            f"Nog {format_hours(left)} uur over in {month_label}: {limit}, "
            f"gebruikt {format_hours(used)}, gevraagd {format_hours(requested)}. "
            "Vraag zo nodig reserve aan.",
            field="hours",
        )
        self.budget = budget
        self.reserve = reserve
        self.used = used
        self.requested = requested
        self.left = left


ECHO_LIMIT = 40  # a refusal repeats at most this many characters of what was typed


def clip(value: object, limit: int = ECHO_LIMIT) -> str:
    """What the user typed, as a refusal may repeat it: on one line, at most `limit` characters."""
    try:
        text = " ".join(str(value).split())
    except ValueError:  # an integer too long to even write out
        return "(een getal van duizenden cijfers)"
    return text if len(text) <= limit else text[:limit - 1] + "…"


def quoted(value: object, limit: int = ECHO_LIMIT) -> str:
    return f"'{clip(value, limit)}'"
