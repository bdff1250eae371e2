"""First start on an empty database: the next steps, never an empty grid."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .export_actions import SETUP_TEMPLATE_TIP


class WelcomePage(QWidget):
    import_requested = Signal()
    template_requested = Signal()
    manual_requested = Signal()
    demo_requested = Signal()

    def __init__(self, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomePage")
        title = QLabel("Welkom bij SWV Uren")
        title.setObjectName("welcomeTitle")
        intro = QLabel(
            "Deze database is nog leeg. Begin met het schooljaar: de contracten van de dienstverleners, "
            "de besturen en hun verdeling. Daarna registreert u overeenkomsten en gerealiseerde uren.")
        intro.setWordWrap(True)
        where = QLabel(f"Database: {location}")
        where.setObjectName("hint")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton("Opzet-werkmap inlezen…")
        self.import_button.setToolTip("Een Excel-werkmap met de werkbladen Schooljaar, Dienstverleners en Besturen")
        self.template_button = QPushButton("Leeg opzetbestand opslaan…")
        self.template_button.setToolTip(SETUP_TEMPLATE_TIP)
        self.manual_button = QPushButton("Schooljaar met de hand invoeren…")
        self.demo_button = QPushButton("Eerst rondkijken in het demojaar 2016-2017")
        self.demo_button.setToolTip("Opent een aparte demodatabase; uw eigen database blijft leeg")
        for button, signal in ((self.import_button, self.import_requested),
                               (self.template_button, self.template_requested),
                               (self.manual_button, self.manual_requested),
                               (self.demo_button, self.demo_requested)):
            button.setMinimumHeight(36)
            button.setStyleSheet("text-align: left; padding-left: 12px; padding-right: 12px;")
            button.clicked.connect(signal.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        workbook = QHBoxLayout()  # reading a workbook in, and beside it the empty one to fill in first
        workbook.setSpacing(8)
        workbook.addWidget(self.import_button, 1)
        workbook.addWidget(self.template_button)
        layout.addLayout(workbook)
        for button in (self.manual_button, self.demo_button):
            layout.addWidget(button)
        layout.addSpacing(8)
        layout.addWidget(where)
        layout.addStretch(1)
        self.setMaximumWidth(720)
