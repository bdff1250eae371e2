"""The pane under the agreements: the selected agreement's details, and the hours used on it with the
button that removes a booking."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from models.domain import dutch
from models.services.agreements import AgreementRow
from models.services.hours import EntryRow

from ..tables import RowsModel, make_table
from .columns import ENTRY_COLUMNS, details


class AgreementDetail(QWidget):
    """Details on the left (wrapped, scrolling when long), the agreement's bookings on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = QLabel()
        self.details.setObjectName("agreementDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.entries_title = QLabel("Gebruikte uren")
        self.entries_title.setObjectName("sectionTitle")
        self.entries_model: RowsModel[EntryRow] = RowsModel(ENTRY_COLUMNS)
        self.entries, _ = make_table(self.entries_model, object_name="agreementEntries")
        self.remove_entry_button = QPushButton("Regel verwijderen…")
        self.remove_entry_button.setToolTip("De geselecteerde boeking verwijderen (Delete), niet in een "
                                            "afgesloten maand")

        # The details wrap to the pane's width and scroll when they need more lines than the pane has room for
        # (at 1024 x 768 the last lines were cut off).
        details_inner = QWidget()
        details_layout = QVBoxLayout(details_inner)
        details_layout.setContentsMargins(0, 0, 4, 0)
        details_layout.addWidget(self.details)
        details_layout.addStretch(1)
        self.details_scroll = QScrollArea()
        self.details_scroll.setObjectName("agreementDetailsScroll")
        self.details_scroll.setWidget(details_inner)
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        entries_box = QWidget()
        entries_layout = QVBoxLayout(entries_box)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.setSpacing(2)
        entries_head = QHBoxLayout()
        entries_head.setContentsMargins(0, 0, 0, 0)
        entries_head.addWidget(self.entries_title, 1)
        entries_head.addWidget(self.remove_entry_button)
        entries_layout.addLayout(entries_head)
        entries_layout.addWidget(self.entries, 1)
        bottom = QHBoxLayout(self)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.details_scroll, 1)
        bottom.addWidget(entries_box, 1)
        self.setMaximumHeight(170)

    def show_nothing(self, text: str) -> None:
        """No agreement selected: `text` says what to do."""
        self.details.setText(text)
        self.entries_title.setText("Gebruikte uren")
        self.entries_model.set_rows([])

    def show_agreement(self, row: AgreementRow, entries: list[EntryRow]) -> None:
        self.details.setText(details(row))
        self.entries_model.set_rows(entries)
        self.entries_title.setText(f"Gebruikte uren op {row.number}: {dutch.hours(row.booked)} van "
                                   f"{dutch.hours(row.minutes)} uur in {len(entries)} "
                                   f"boeking{'en' if len(entries) != 1 else ''}")
