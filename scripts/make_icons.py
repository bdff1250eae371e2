"""Make the app icon's PNG and ICO from resources/icons/swv-uren.svg (run after changing the SVG; the outputs are
committed, so neither a build nor the app needs this script).

    .venv/bin/python scripts/make_icons.py

The SVG is drawn with Qt's QSvgRenderer at every size, so small icons are drawn sharp rather than shrunk; Pillow
(already there through reportlab) writes the Windows .ico with all those sizes in one file."""
from __future__ import annotations

import io
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS / "swv-uren.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256


def render(size: int) -> bytes:
    """The SVG drawn at size × size, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is geen geldig SVG-bestand.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841  (QPainter wants one)
    (ICONS / "swv-uren.png").write_bytes(render(PNG_SIZE))
    images = [Image.open(io.BytesIO(render(size))).convert("RGBA") for size in ICO_SIZES]
    images[-1].save(ICONS / "swv-uren.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=images[:-1])
    print(f"{ICONS / 'swv-uren.png'} en {ICONS / 'swv-uren.ico'} gemaakt.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
