"""The budgets of one school year as the budgets dialog saves them: every theme, network and supra-regional
amount in one transaction. A refusal names the row it concerns (its `field`), so the dialog shows it there."""
from __future__ import annotations

from typing import Callable, Sequence, TypeVar

from sqlalchemy.orm import Session

from ...domain.errors import Refusal
from .. import supra_budget
from . import network_budgets, theme_settings

T = TypeVar("T")

ThemeRow = tuple[str, int, "int | None", str]  # theme, standard amount (cents), rate per pupil or None, basis
NetworkRow = tuple[str, str, "int | None", str]  # network, theme, own amount or None (the standard), basis
SupraRow = tuple[str, int]  # theme, supra-regional amount (cents)


def save(session: Session, year: str, *, themes: Sequence[ThemeRow], budgets: Sequence[NetworkRow],
         supra: Sequence[SupraRow], new_theme: str = "") -> None:
    for name, standard, rate, basis in themes:
        _tagged(f"theme:{name}", lambda: theme_settings.set_theme(session, year, name, standard=standard, rate=rate,
                                                                    basis=basis))
    for network, theme, entered, basis in budgets:
        _tagged(f"budget:{network}:{theme}", lambda: network_budgets.set_network_budget(
            session, year, network, theme, entered=entered, basis=basis))
    for theme, amount in supra:
        _tagged(f"supra:{theme}", lambda: supra_budget.set_supra_budget(session, year, theme, amount))
    if new_theme:
        _tagged("new_theme", lambda: theme_settings.add_theme(session, new_theme))


def _tagged(key: str, change: Callable[[], T]) -> T:
    try:
        return change()
    except Refusal as refusal:
        refusal.field = key
        raise
