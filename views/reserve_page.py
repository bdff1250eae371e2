"""Reserve."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .page import Page, page_header
from .ports import Runner


class ReservePage(Page):
    title = "Reserve"

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Reserve", QLabel()))
        layout.addStretch(1)

    def refresh(self) -> None:
        pass
