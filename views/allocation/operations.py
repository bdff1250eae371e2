"""Verdeling's user actions: a school year set up from its form or read from a set-up workbook, a month's
budget changed or set back to the even distribution."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from models.domain.months import Month
from models.domain.setup import YearSetup
from models.services import budgets, lookup, reporting, year_import, years

from ..operations import perform
from ..ports import Dialogs, Runner

TITLE = "Opzet-werkmap inlezen"


# The forms' operations: a refusal rises, to show beside its field.
def create_year(*, runner: Runner, setup: YearSetup) -> str:
    """A new school year (or the set-up of one without activity replaced) from the form: its label."""
    runner.write(years.create_or_replace, setup)
    return setup.label


def set_month_budget(*, runner: Runner, cmd: budgets.MonthBudgetInput) -> None:
    """A month's budget of one board at one provider set apart from the even distribution, with its note."""
    runner.write(budgets.set_month_budget, cmd)


def reset_month_budget(*, runner: Runner, year: str, board: str, provider: str, month: Month) -> None:
    """The month's budget back to the even distribution; the note goes."""
    runner.write(budgets.reset_month_budget, year, board, provider, month)


def import_setup(*, parent: QWidget, runner: Runner, dialogs: Dialogs, path: Path) -> str | None:
    """Read the workbook at `path` into a school year (a new one, or the set-up of one without activity) and say
    what came in; the year's label, or None when refused (the refusal is shown)."""
    before = set(runner.read(lookup.year_labels))
    done = perform(year_import.import_year, path, parent=parent, runner=runner, dialogs=dialogs,
                   refusal_title=TITLE)
    if done is None:
        return None
    label = done.value
    alloc = runner.read(reporting.allocation, label)
    replaced = " De opzet van het bestaande schooljaar is vervangen." if label in before else ""
    dialogs.info(parent, TITLE, f"Schooljaar {label} is ingelezen uit {path.name}: {len(alloc.providers)} "
                                f"dienstverleners en {len(alloc.boards)} besturen.{replaced}")
    return label
