"""Peak memory of the app with the Uren (hours) screen open: `python bench/hours_memory.py DB`.

Opens the main window as `--smoke` does, goes to the hours page, lets it load and paint, opens its list of
every entry of the year and scrolls it, and prints the process's peak resident set size in bytes (VmHWM)
and the rows the page's tables hold."""
from __future__ import annotations

import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.app import Controller, _application  # noqa: E402
from models.db import to_url  # noqa: E402


def peak_bytes() -> int:
    """The peak resident set of this program. VmHWM belongs to this image only; ru_maxrss would carry
    over the peak of the parent that forked us (Linux keeps it across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)


def main(path: str) -> int:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QAbstractItemView
    from views.hours.page import HoursPage
    from views.messages import messages

    app = _application()
    messages.non_interactive = True
    controller = Controller(to_url(path), smoke=True)
    window = controller.window
    assert window is not None
    window.show()
    page = window.go_to(HoursPage)
    for _ in range(3):
        app.processEvents()
    page.repaint()
    app.processEvents()
    # The list of every entry of the year (100,000 on the decade): it pages in what comes into view.
    page.show_entries()
    # Its first page is read off the UI thread. (A QEventLoop's own processEvents: PySide6 6.12's static
    # QCoreApplication.processEvents drops a reference to None at every call, fatal in a loop.)
    wait = QEventLoop()
    while page.entries_loader.waiting:
        wait.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    for _ in range(3):
        app.processEvents()
    page.entries.scrollToBottom()  # one screen further: one page more (read off the UI thread too)
    for _ in range(3):
        app.processEvents()
    while page.pages_loader.waiting:
        wait.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    page.repaint()
    app.processEvents()
    rows = sum(view.model().rowCount() for view in page.findChildren(QAbstractItemView) if view.model() is not None)
    peak = peak_bytes()
    controller.close_current()
    print(peak, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
