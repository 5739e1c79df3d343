"""Render the app icon (resources/icons/mediator-desk.svg) for the desktops that want pictures:

    packaging/icons/hicolor/SIZExSIZE/apps/mediator-desk.png   Linux icon theme, 16 to 512 px
    packaging/icons/hicolor/scalable/apps/mediator-desk.svg    Linux, the SVG itself
    packaging/icons/mediator-desk.ico                          Windows (16 to 256 px in one file)
    packaging/icons/mediator-desk.icns                         macOS (the .app bundle)

Run it with the project's environment after changing the SVG, and commit what it writes:
    .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "mediator-desk.svg"
OUT = ROOT / "packaging" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # the .ico format stops at 256


def render_pngs() -> dict[int, Path]:
    """Draw the SVG at each size with Qt's SVG renderer, on a transparent background."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.exit(f"make_icons.py: {SVG} is not an SVG picture Qt can draw.")
    written = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = OUT / "hicolor" / f"{size}x{size}" / "apps" / "mediator-desk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            sys.exit(f"make_icons.py: could not write {target}")
        written[size] = target
    return written


def write_ico_and_icns(pngs: dict[int, Path]) -> None:
    """Windows .ico and macOS .icns from the rendered PNGs (each size drawn by Qt, not scaled)."""
    from PIL import Image

    pictures = {size: Image.open(path).convert("RGBA") for size, path in pngs.items()}
    largest = pictures[max(ICO_SIZES)]
    largest.save(
        OUT / "mediator-desk.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[pictures[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    # Pillow writes the .icns's 16 to 512 px entries from these pictures.
    pictures[512].save(
        OUT / "mediator-desk.icns",
        format="ICNS",
        append_images=[pictures[s] for s in (16, 32, 64, 128, 256)],
    )


def main() -> int:
    pngs = render_pngs()
    scalable = OUT / "hicolor" / "scalable" / "apps" / "mediator-desk.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    write_ico_and_icns(pngs)
    for path in sorted(OUT.rglob("mediator-desk.*")):
        print(f"{path.relative_to(ROOT)}  ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
