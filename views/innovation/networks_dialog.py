"""Regional networks: add, rename, remove; a network's schools and their pupils per school year."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from models.services.innovation import network_budgets, regional_networks, year_data

from ..messages import default_dialogs
from ..ports import Dialogs, Runner
from . import operations
from .fields import hline, school_label


class NetworksDialog(QDialog):
    """Regional networks: add, rename, remove; the schools of the chosen network and their pupils in the chosen
    school year (membership is kept per year).

    Each button is one action (one transaction); 'Scholen opslaan' saves the school list and pupil counts.
    """

    def __init__(self, runner: Runner, year: str, parent: QWidget | None = None, *,
                 dialogs: Dialogs | None = None) -> None:
        super().__init__(parent)
        #: The user's message boxes (the app's own when none is given); a refusal shows beside the list.
        self.dialogs: Dialogs = dialogs if dialogs is not None else default_dialogs()
        self.setWindowTitle(f"Regionale netwerken ({year})")
        self.setObjectName("networksDialog")
        self.setModal(True)
        self.runner = runner
        self.year = year
        self.changed = False

        self.list = QListWidget()
        self.list.setObjectName("networkList")
        self.list.setAccessibleName("Regionale netwerken")
        self.list.setMinimumWidth(200)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Naam van een netwerk")
        self.name.setAccessibleName("Naam van het netwerk")
        self.add_button = QPushButton("&Toevoegen")
        self.rename_button = QPushButton("Naam &wijzigen")
        self.remove_button = QPushButton("&Verwijderen")
        self.add_button.setToolTip("Een nieuw netwerk met de getypte naam")
        self.rename_button.setToolTip("Het gekozen netwerk krijgt de getypte naam")
        self.remove_button.setToolTip("Het gekozen netwerk verwijderen (alleen zonder ondersteuningsvragen)")
        self.add_button.clicked.connect(self.add_network)
        self.rename_button.clicked.connect(self.rename_network)
        self.remove_button.clicked.connect(self.remove_network)

        self.schools_title = QLabel("Scholen")
        self.schools_title.setStyleSheet("font-weight: 600;")
        self.schools = QTableWidget(0, 3)
        self.schools.setObjectName("networkSchools")
        self.schools.setHorizontalHeaderLabels(["School (bestuur)", "Leerlingen", "In ander netwerk"])
        self.schools.verticalHeader().setVisible(False)
        self.schools.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.schools.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.schools.setColumnWidth(1, 96)
        self.schools.setColumnWidth(2, 150)
        self.schools.setTabKeyNavigation(False)
        self.save_schools_button = QPushButton("Scholen en leerlingen &opslaan")
        self.save_schools_button.clicked.connect(self.save_schools)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.notice = QLabel()
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        close.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(QLabel("Netwerken"))
        left.addWidget(self.list, 1)
        left.addWidget(self.name)
        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.rename_button, 0, 1)
        buttons.addWidget(self.remove_button, 1, 0, 1, 2)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.schools_title)
        right.addWidget(self.schools, 1)
        hint = QLabel(f"Vink de scholen van het netwerk aan en vul het aantal leerlingen in {year} in; dat telt "
                      f"voor een budget per leerling. De indeling geldt voor schooljaar {year}: andere schooljaren "
                      "houden hun eigen indeling.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        right.addWidget(hint)
        self.source_note = QLabel()
        self.source_note.setObjectName("hint")
        self.source_note.setWordWrap(True)
        right.addWidget(self.source_note)
        right.addWidget(hline(self.save_schools_button))
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addWidget(close)
        for first, second in ((self.list, self.name), (self.name, self.add_button),
                              (self.add_button, self.rename_button), (self.rename_button, self.remove_button),
                              (self.remove_button, self.schools), (self.schools, self.save_schools_button)):
            QWidget.setTabOrder(first, second)
        self.list.currentRowChanged.connect(lambda _row: self._show_schools())
        self.resize(900, 560)
        self.reload()

    # ------------------------------------------------------------------ showing
    def reload(self, select: str | None = None) -> None:
        current = select or self.current()
        self.networks = self.runner.read(regional_networks.list_networks, self.year)
        self.year_rows = {row.network: row for row in self.runner.read(network_budgets.network_year, self.year)}
        self.all_schools = self.runner.read(regional_networks.list_schools, self.year)
        source = self.runner.read(year_data.membership_year, self.year)
        self.source_note.setText(f"{self.year} heeft nog geen eigen indeling: hier staat die van {source}. Wat u "
                                 f"opslaat, geldt alleen voor {self.year}." if source not in (None, self.year) else "")
        self.source_note.setVisible(bool(self.source_note.text()))
        self.list.blockSignals(True)
        self.list.clear()
        for network in self.networks:
            QListWidgetItem(network.name, self.list)
        self.list.blockSignals(False)
        names = [n.name for n in self.networks]
        self.list.setCurrentRow(names.index(current) if current in names else (0 if names else -1))
        self._show_schools()

    def current(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item is not None else None

    def _show_schools(self) -> None:
        network = self.current()
        writable = not self.runner.read_only
        for button in (self.rename_button, self.remove_button, self.save_schools_button):
            button.setEnabled(network is not None and writable)
        self.add_button.setEnabled(writable)
        if network is not None:
            self.name.setText(network)
        members = {}
        for row in self.networks:
            for school in row.schools:
                members.setdefault((school.board, school.school), row.name)
        pupils = {(s.board, s.school): s.pupils for row in self.year_rows.values() for s in row.schools}
        self.schools.setRowCount(0)
        self.schools_title.setText(f"Scholen van {network} in {self.year}" if network
                                   else "Scholen (kies eerst een netwerk)")
        if network is None:
            return
        self.schools.setRowCount(len(self.all_schools))
        chain: list[QWidget] = [self.schools]  # Tab goes from the list through every pupil count
        for r, school in enumerate(self.all_schools):
            key = (school.board, school.school)
            item = QTableWidgetItem(school_label(school.school, school.board))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if members.get(key) == network else Qt.CheckState.Unchecked)
            self.schools.setItem(r, 0, item)
            count = QSpinBox()
            count.setRange(0, 99999)
            count.setGroupSeparatorShown(True)
            count.setValue(pupils.get(key, 0))
            count.setAccessibleName(f"Leerlingen {school.school}")
            self.schools.setCellWidget(r, 1, count)
            chain.append(count)
            elsewhere = members.get(key)
            other = QTableWidgetItem(elsewhere if elsewhere and elsewhere != network else "")
            other.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.schools.setItem(r, 2, other)
        for first, second in zip(chain, chain[1:] + [self.save_schools_button]):
            QWidget.setTabOrder(first, second)

    def school_row(self, school: str) -> int:
        return next(r for r in range(self.schools.rowCount())
                    if self.schools.item(r, 0).data(Qt.ItemDataRole.UserRole)[1] == school)

    def set_school(self, school: str, checked: bool, pupils: int | None = None) -> None:
        """Tick a school and fill in its pupils (as a user would)."""
        r = self.school_row(school)
        self.schools.item(r, 0).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if pupils is not None:
            spin = self.schools.cellWidget(r, 1)
            assert isinstance(spin, QSpinBox)
            spin.setValue(pupils)

    # ------------------------------------------------------------------ acting
    def _done(self, said: str | None, select: str | None = None) -> bool:
        """After an action: what it did under the list and the list read again; nothing when it did not happen."""
        if said is None:
            return False
        self.changed = True
        self.notice.setText(said)
        self.reload(select)
        return True

    def _acting(self) -> dict[str, Any]:
        """What every action is given; a refusal shows beside the list (not in a box), the dialog stays as it is."""
        self.error.hide()
        return {"parent": self, "runner": self.runner, "dialogs": _RefusalBeside(self.error, self.dialogs)}

    def add_network(self) -> None:
        name = " ".join(self.name.text().split())
        self._done(operations.add_network(**self._acting(), name=name), select=name)

    def rename_network(self) -> None:
        old, new = self.current(), " ".join(self.name.text().split())
        if old is not None:
            self._done(operations.rename_network(**self._acting(), old=old, new=new), select=new)

    def remove_network(self) -> None:
        name = self.current()
        if name is None:
            return
        row = next((n for n in self.networks if n.name == name), None)
        self._done(operations.remove_network(**self._acting(), name=name, schools=len(row.schools) if row else 0))

    def save_schools(self) -> None:
        network = self.current()
        if network is None:
            return
        row = next((n for n in self.networks if n.name == network), None)
        before = {(s.board, s.school) for s in row.schools} if row else set()
        pupils_before = {(s.board, s.school): s.pupils for r in self.year_rows.values() for s in r.schools}
        wanted: set[tuple[str, str]] = set()
        counts: dict[tuple[str, str], int] = {}
        for r in range(self.schools.rowCount()):
            item = self.schools.item(r, 0)
            board, school = item.data(Qt.ItemDataRole.UserRole)
            spin = self.schools.cellWidget(r, 1)
            assert isinstance(spin, QSpinBox)
            if item.checkState() == Qt.CheckState.Checked:
                wanted.add((board, school))
                counts[(board, school)] = spin.value()
        change = regional_networks.SchoolsChange(
            leave=tuple(sorted(before - wanted)), join=tuple(sorted(wanted - before)),
            pupils=tuple((board, school, count) for (board, school), count in counts.items()
                         if pupils_before.get((board, school), 0) != count or (board, school) not in before))
        said = operations.save_network_schools(**self._acting(), year=self.year, network=network, change=change,
                                               schools=len(wanted), pupils=sum(counts.values()))
        self._done(said, select=network)


class _RefusalBeside:
    """The user's message boxes, but a refusal goes into the dialog's red line beside the list."""

    def __init__(self, line: QLabel, dialogs: Dialogs) -> None:
        self.line = line
        self.dialogs = dialogs

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.dialogs.info(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.line.setText(text)
        self.line.show()

    def ask(self, parent: QWidget | None, title: str, text: str, yes: str = "Ja", no: str = "Annuleren", *,
            default_yes: bool = False) -> bool:
        return self.dialogs.ask(parent, title, text, yes, no, default_yes=default_yes)

    def saved(self, parent: QWidget | None, path: Path, what: str = "Opgeslagen als") -> None:
        self.dialogs.saved(parent, path, what)
