"""Start-up of the desktop app."""
from __future__ import annotations


def run_app(url: str, *, smoke: bool = False) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    return 0
