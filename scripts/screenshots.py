"""Screenshots of the app, offscreen.

    python scripts/screenshots.py DB OUTDIR    every page of the window on DB, as OUTDIR/<n>-<page>.png
    python scripts/screenshots.py --manual     the manual's images (resources/manual/img), regenerated from a
                                               fresh demo year; commit the PNGs it writes

The manual's images are made on a new demo database with "today" fixed at 15 February 2017 (SWV_UREN_TODAY),
the window at 1280 x 800, then scaled down and stored as 256-colour PNGs to keep them small."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANUAL_IMAGES = ROOT / "resources" / "manual" / "img"
TODAY = "2017-02-15"
PAGE_SCALE = 0.68  # 1280 x 800 -> 870 x 544: fits the manual's text column (views/manual_window.py)
DIALOG_SCALE = 0.85

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if "--manual" in sys.argv:
    # A folder of its own under a fixed name, emptied first: the path the pictures show stays the same.
    _work = Path(tempfile.gettempdir()) / "swv-handleiding"
    if _work.exists():
        import shutil

        shutil.rmtree(_work)
    _work.mkdir()
    os.environ["SWV_UREN_TODAY"] = TODAY
    os.environ["SWV_UREN_SETTINGS"] = str(_work / "settings.ini")
    os.environ["SWV_UREN_LOGS"] = str(_work / "Logs")
elif len(sys.argv) == 3:
    os.environ.setdefault("SWV_UREN_SETTINGS", str(Path(sys.argv[2]) / "settings.ini"))
sys.path.insert(0, str(ROOT))


def pages(db: str, out: Path) -> None:
    from desktop.app import Controller, _application
    from models.db import to_url
    from views.main_window import PAGES

    app = _application()
    out.mkdir(parents=True, exist_ok=True)
    controller = Controller(to_url(db))
    window = controller.window
    window.resize(1280, 800)
    app.processEvents()
    if window.stack.currentWidget() is window.welcome:
        window.grab().save(str(out / "welkom.png"))
    for row, entry in enumerate(PAGES):
        window.nav.setCurrentRow(row)  # pages are built the first time they are shown
        app.processEvents()
        window.grab().save(str(out / f"{row}-{entry.title.lower()}.png"))
    controller.close_current()
    print("\n".join(sorted(str(p) for p in out.glob("*.png"))))


# ---------------------------------------------------------------------- the manual's images
def save_small(pixmap, path: Path, scale: float) -> None:  # type: ignore[no-untyped-def]
    """Scaled smoothly, then 256 colours without dithering (screens of text and flat colours lose nothing you
    can see; dithering would triple the file)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = pixmap.toImage()
    if scale != 1:
        image = image.scaledToWidth(round(image.width() * scale), Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB32).convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG", 0):  # quality 0: the strongest compression
        raise SystemExit(f"{path} kon niet worden opgeslagen")


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        app.processEvents()


def _dialog(app):  # type: ignore[no-untyped-def]
    """The dialog that is open now (the app opens its dialogs with open(), not exec())."""
    from PySide6.QtWidgets import QDialog, QProgressDialog

    _settle(app)
    found = [w for w in app.topLevelWidgets()
             if isinstance(w, QDialog) and w.isVisible() and not isinstance(w, QProgressDialog)]
    if not found:
        raise SystemExit("geen venster geopend")
    return found[-1]


def _grab_dialog(app, name: str, open_it, size=None) -> None:  # type: ignore[no-untyped-def]
    """Open a dialog as the user would (a button, an action) and save its picture. A dialog opened with
    exec() is grabbed by the stand-in for exec (its own event loop would wait for a person)."""
    from PySide6.QtWidgets import QDialog

    grabbed: list[bool] = []

    def grab(dialog) -> None:  # type: ignore[no-untyped-def]
        if size is not None:
            dialog.resize(*size)
        _settle(app)
        save_small(dialog.grab(), MANUAL_IMAGES / name, DIALOG_SCALE)
        grabbed.append(True)

    def exec_(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.show()
        grab(dialog)
        dialog.reject()
        return 0

    original = QDialog.exec
    QDialog.exec = exec_  # type: ignore[method-assign]
    try:
        open_it()
    finally:
        QDialog.exec = original  # type: ignore[method-assign]
    if not grabbed:
        dialog = _dialog(app)
        grab(dialog)
        dialog.reject()
    _settle(app)


def manual() -> None:
    from PySide6.QtWidgets import QTabWidget

    from desktop.app import Controller, _application
    from models import clock
    from models.db import open_database, to_url
    from models.services import demo
    from views.messages import messages

    messages.non_interactive = True
    app = _application()
    folder = _work / "SWV Uren"
    folder.mkdir()
    for old in MANUAL_IMAGES.glob("*.png"):
        old.unlink()

    # An empty database: the welcome page.
    controller = Controller(to_url(folder / "swv-uren.sqlite"))
    window = controller.window
    window.resize(1280, 800)
    _settle(app)
    save_small(window.grab(), MANUAL_IMAGES / "welkom.png", PAGE_SCALE)
    controller.close_current()
    (folder / "swv-uren.sqlite").unlink()

    # The demo year: every page, and the dialogs of the tasks.
    db = open_database(to_url(folder / "swv-uren.sqlite"), create=True)
    with db.write() as session:
        demo.fill(session, clock.today())
    db.dispose()
    controller = Controller(to_url(folder / "swv-uren.sqlite"))
    window = controller.window
    window.resize(1280, 800)
    _settle(app)
    shots = {"OverviewPage": "overzicht", "HistoryPage": "verloop", "AgreementsPage": "overeenkomsten",
             "HoursPage": "uren", "AllocationPage": "verdeling", "ReservePage": "reserve",
             "MasterDataPage": "stamgegevens", "InnovationPage": "innovatie", "ExpertisePage": "expertise",
             "AuditPage": "logboek"}
    for class_name, name in shots.items():
        page = window.go_to(class_name)
        _settle(app)
        page.repaint()
        save_small(window.grab(), MANUAL_IMAGES / f"{name}.png", PAGE_SCALE)
        if class_name == "AllocationPage":  # its second tab: the month budgets
            tabs = page.findChild(QTabWidget)
            tabs.setCurrentIndex(1)
            _settle(app)
            save_small(window.grab(), MANUAL_IMAGES / "maandbudgetten.png", PAGE_SCALE)
            tabs.setCurrentIndex(0)

    agreements = window.go_to("AgreementsPage")
    _grab_dialog(app, "nieuwe-overeenkomst.png", window.new_agreement_action.trigger)
    agreements.table.selectRow(0)
    _grab_dialog(app, "uren-registreren.png", agreements.hours_button.click)
    hours = window.go_to("HoursPage")
    _settle(app)
    _grab_dialog(app, "maand-afsluiten.png", hours.close_button.click)
    _grab_dialog(app, "urenlijst-maken.png", hours.template_button.click)
    reserve = window.go_to("ReservePage")
    _settle(app)
    _grab_dialog(app, "reserve-toekennen.png", reserve.grant_button.click)
    _grab_dialog(app, "maandupdate.png", window.exports.board_updates.trigger, size=(1000, 640))
    _grab_dialog(app, "over-swv-uren.png", window.about_action.trigger)
    window.go_to("OverviewPage")
    window.open_manual()
    _settle(app)
    save_small(window._manual.grab(), MANUAL_IMAGES / "handleiding.png", PAGE_SCALE)
    window._manual.reject()
    controller.close_current()

    written = sorted(p.name for p in MANUAL_IMAGES.glob("*.png"))
    total = sum((MANUAL_IMAGES / name).stat().st_size for name in written)
    print(f"{len(written)} afbeeldingen in {MANUAL_IMAGES} ({total // 1024} kB): {', '.join(written)}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--manual"]:
        manual()
    elif len(sys.argv) == 3:
        pages(sys.argv[1], Path(sys.argv[2]))
    else:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
