"""The baseline of the `--smoke` benchmark: a bare PySide6 window with a 1,000-row QTableWidget,
shown, painted once and closed (what `swv-uren --smoke` does, without the app)."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

ROWS, COLUMNS = 1_000, 8


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    table = QTableWidget(ROWS, COLUMNS)
    for row in range(ROWS):
        for column in range(COLUMNS):
            table.setItem(row, column, QTableWidgetItem(f"{row}-{column}"))
    window.setCentralWidget(table)
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    table.repaint()
    app.processEvents()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
