"""An exception raised in a slot fails the test in which it happens, and so does the unexpected-error dialog:
a click that crashes for the user cannot pass in the suite. Proved on a small test run of its own."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_inner(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    inner = tmp_path / "test_inner.py"
    inner.write_text(textwrap.dedent(body), encoding="utf-8")
    (tmp_path / "conftest.py").write_text("from tests.views.conftest import *  # noqa: F401,F403\n",
                                          encoding="utf-8")
    # The project's own configuration: it is what must keep pytest-qt's exception capture on.
    return subprocess.run([sys.executable, "-m", "pytest", str(inner), "-c", str(ROOT / "pyproject.toml"),
                           "--rootdir", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen",
                               "PYTHONPATH": str(ROOT)})


def test_an_exception_in_a_clicked_slot_fails_the_test(tmp_path: Path) -> None:
    result = _run_inner(tmp_path, """
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPushButton

        def test_click(qtbot):
            button = QPushButton("Werkmap voor één bestuur…")
            qtbot.addWidget(button)

            def export_board(board=None):
                raise LookupError(f"Schoolbestuur {board!r} bestaat niet")

            button.clicked.connect(export_board)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    """)
    assert "1 failed" in result.stdout, result.stdout + result.stderr
    assert "Schoolbestuur False bestaat niet" in result.stdout


def test_the_unexpected_error_dialog_fails_the_test(tmp_path: Path) -> None:
    result = _run_inner(tmp_path, """
        def test_shown(recorded_messages):
            from desktop.app import _show_unexpected

            error = KeyError("sleutel")
            _show_unexpected(KeyError, error, None)
    """)
    assert "1 error" in result.stdout or "1 failed" in result.stdout, result.stdout + result.stderr
    assert "Er ging iets mis" in result.stdout
