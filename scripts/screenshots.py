"""Take a screenshot of every page: `python scripts/screenshots.py DB OUTDIR` (offscreen is fine)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SWV_UREN_SETTINGS", str(Path(sys.argv[2]) / "settings.ini"))


def main() -> None:
    from desktop.app import Controller, _application
    from models.db import to_url

    app = _application()
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    controller = Controller(to_url(sys.argv[1]))
    window = controller.window
    window.resize(1280, 800)
    app.processEvents()
    if window.stack.currentWidget() is window.welcome:
        window.grab().save(str(out / "welkom.png"))
    from views.main_window import PAGES

    for row, entry in enumerate(PAGES):
        window.nav.setCurrentRow(row)  # pages are built the first time they are shown
        app.processEvents()
        window.grab().save(str(out / f"{row}-{entry.title.lower()}.png"))
    print("\n".join(sorted(str(p) for p in out.glob("*.png"))))


main()
