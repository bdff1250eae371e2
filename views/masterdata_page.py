"""Stamgegevens."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .page import Page, page_header
from .ports import Runner


class MasterDataPage(Page):
    title = "Stamgegevens"

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(page_header("Stamgegevens", QLabel()))
        layout.addStretch(1)

    def refresh(self) -> None:
        pass
