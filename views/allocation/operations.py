"""Reading a set-up workbook into a school year."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from models.services import lookup, reporting, year_import

from ..operations import perform
from ..ports import Dialogs, Runner

TITLE = "Opzet-werkmap inlezen"


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
