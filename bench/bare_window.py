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
    table.setHorizontalHeaderLabels([f"kolom {c}" for c in range(COLUMNS)])
    model = table.model()
    # model().setData creates the QTableWidgetItems; 8,000 setItem() calls crash PySide6 6.12 on
    # Python 3.11 (a refcount error on None in the binding: "none_dealloc").
    for row in range(ROWS):
        for column in range(COLUMNS):
            model.setData(model.index(row, column), f"{row}-{column}")
    assert isinstance(table.item(ROWS - 1, COLUMNS - 1), QTableWidgetItem)
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
