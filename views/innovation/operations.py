"""The user actions of Innovatie that are not a form: a question started, the networks' buttons, a report
replaced, and a report's copy opened or saved. Each says what to tell the user, or None when it did not happen
(not asked, or refused: the refusal is shown under the action's title)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from models.domain import dutch
from models.services import report_library
from models.services import settings as swv_settings
from models.services.innovation import regional_networks, support_questions, year_budgets
from models.services.innovation.support_questions import QuestionInput
from models.services.report_library import LibraryEntry, Upload

from .. import open_copies
from ..operations import Question, attempt, perform, save_numbered
from ..ports import Dialogs, Runner
from .report_upload import read_upload


# The forms' operations: a refusal rises, to show beside its field; each returns what to tell the user.
def save_question(*, runner: Runner, number: str | None, cmd: QuestionInput) -> tuple[str, str]:
    """Submit a new support question (`number` None) or change question `number`: its number and the words."""
    number, new = save_numbered(runner=runner, number=number, cmd=cmd, register=support_questions.submit_question,
                                update=support_questions.update_question)
    return number, f"Ondersteuningsvraag {number} is {'ingediend' if new else 'gewijzigd'}."


def receive_report(*, runner: Runner, number: str, title: str, day: dt.date, upload: Upload) -> str:
    """Verslag ontvangen, with the report's file stored in the library, in one transaction."""
    runner.write(report_library.receive_report, number, title=title, received_on=day, today=runner.today(),
                 upload=upload)
    return f"Ondersteuningsvraag {number}: het verslag is ontvangen."


def pay_question(*, runner: Runner, number: str, day: dt.date) -> str:
    runner.write(support_questions.pay_question, number, paid_on=day, today=runner.today())
    return f"Ondersteuningsvraag {number}: de uitvoerders zijn betaald."


def withdraw_question(*, runner: Runner, number: str, reason: str, day: dt.date) -> str:
    """Withdraw a question that is ingediend or lopend: its commitment is freed."""
    runner.write(support_questions.withdraw_question, number, reason=reason, day=day, today=runner.today())
    return f"Ondersteuningsvraag {number}: de vraag is ingetrokken."


def save_budgets(*, runner: Runner, year: str, themes: Sequence[year_budgets.ThemeRow],
                 budgets: Sequence[year_budgets.NetworkRow], supra: Sequence[year_budgets.SupraRow],
                 new_theme: str) -> str:
    """The year's themes, network budgets and supra-regional budgets, as one transaction."""
    runner.write(year_budgets.save, year, themes=themes, budgets=budgets, supra=supra, new_theme=new_theme)
    return f"De budgetten van {year} zijn opgeslagen."


# The page's own buttons: a refusal is shown under the action's title.
def start_question(*, parent: QWidget, runner: Runner, dialogs: Dialogs, number: str) -> str | None:
    """The question's execution begins today: it becomes lopend."""
    today = runner.today()
    done = perform(support_questions.start_question, number, today, today, parent=parent, runner=runner,
                   dialogs=dialogs, refusal_title="Starten kan niet")
    return None if done is None else f"Ondersteuningsvraag {number} is gestart op {dutch.date(today)}."


def add_network(*, parent: QWidget, runner: Runner, dialogs: Dialogs, name: str) -> str | None:
    done = perform(regional_networks.add_network, name, parent=parent, runner=runner, dialogs=dialogs,
                   refusal_title="Netwerk niet toegevoegd")
    return None if done is None else f"Netwerk {name} is toegevoegd."


def rename_network(*, parent: QWidget, runner: Runner, dialogs: Dialogs, old: str, new: str) -> str | None:
    done = perform(regional_networks.rename_network, old, new, parent=parent, runner=runner, dialogs=dialogs,
                   refusal_title="Naam niet gewijzigd")
    return None if done is None else f"{old} heet nu {new}."


def remove_network(*, parent: QWidget, runner: Runner, dialogs: Dialogs, name: str, schools: int) -> str | None:
    """Remove a network after asking, saying what is lost (refused while it has support questions)."""
    question = Question("Netwerk verwijderen", f"Netwerk {name} verwijderen? De indeling van {schools} scholen en de "
                                               "budgetten van het netwerk gaan verloren.", yes="Verwijderen")
    done = perform(regional_networks.remove_network, name, parent=parent, runner=runner, dialogs=dialogs,
                   refusal_title="Verwijderen kan niet", question=question)
    return None if done is None else f"Netwerk {name} is verwijderd."


def save_network_schools(*, parent: QWidget, runner: Runner, dialogs: Dialogs, year: str, network: str,
                         change: regional_networks.SchoolsChange, schools: int, pupils: int) -> str | None:
    """A network's school list and pupil counts in `year`, as one transaction."""
    done = perform(regional_networks.change_schools, year, network, change, parent=parent, runner=runner,
                   dialogs=dialogs, refusal_title="Scholen niet opgeslagen")
    return None if done is None else (f"Scholen van {network} opgeslagen: {schools} scholen, {dutch.whole(pupils)} "
                                      "leerlingen.")


def replace_report(*, parent: QWidget, runner: Runner, dialogs: Dialogs, number: str, path: Path) -> int | None:
    """Keep the file at `path` as the newest version of a question's report (the earlier stays); its version."""
    done = attempt(lambda: runner.operate(report_library.add_report, number, read_upload(path)), parent=parent,
                   dialogs=dialogs, refusal_title="Verslag niet vervangen")
    if done is None:
        return None
    dialogs.info(parent, "Verslag vervangen", f"Versie {done.value} van het verslag van {number} is bewaard; de "
                                              "vorige versie blijft bewaard.")
    return done.value


def open_report(*, parent: QWidget, dialogs: Dialogs, name: str, data: bytes) -> Path | None:
    """Write a copy into the app's folder for opened copies (cleaned at start and end) and open it with the
    program that goes with it."""
    path = attempt(lambda: open_copies.write_copy(name, data), parent=parent, dialogs=dialogs,
                   refusal_title="Niet geopend")
    if path is not None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


def save_report(*, parent: QWidget, dialogs: Dialogs, name: str, data: bytes) -> Path | None:
    """Save a report's file where the user chooses; never a half-written file where the user expects one."""
    from exports.files import write_bytes_atomic

    chosen, _ = QFileDialog.getSaveFileName(parent, "Verslag opslaan", str(Path.home() / name))
    if not chosen:
        return None
    saved = attempt(lambda: write_bytes_atomic(Path(chosen), data), parent=parent, dialogs=dialogs,
                    refusal_title="Verslag niet opgeslagen")
    if saved is not None:
        dialogs.info(parent, "Opgeslagen", f"Opgeslagen als {chosen}")
    return None if saved is None else Path(chosen)


def save_library_list(*, parent: QWidget, runner: Runner, dialogs: Dialogs, entries: Sequence[LibraryEntry],
                      shown: str) -> Path | None:
    """The reports shown as a workbook where the user chooses, with the SWV's name and what the list shows."""
    from exports.report_library_xlsx import write_library_xlsx

    chosen, _ = QFileDialog.getSaveFileName(parent, "Verslagen opslaan", str(Path.home() / "Verslagen.xlsx"),
                                            "Excel-werkmap (*.xlsx)")
    if not chosen:
        return None
    path = attempt(lambda: write_library_xlsx(entries, Path(chosen), swv_name=runner.read(swv_settings.swv_name),
                                              shown=shown, printed_on=runner.today()),
                   parent=parent, dialogs=dialogs, refusal_title="Niet opgeslagen")
    if path is not None:
        dialogs.info(parent, "Opgeslagen", f"Opgeslagen als {path}")
    return path
