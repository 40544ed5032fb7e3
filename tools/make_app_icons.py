"""Generate the app icon at every size each platform needs, from its one SVG source.

    .venv/bin/python tools/make_app_icons.py          write the icons
    .venv/bin/python tools/make_app_icons.py --check  fail if a committed icon is stale

From `resources/icons/app/front-desk.svg` it writes:

- `desk/desktop/icons/front-desk-N.png` for N in `desk.desktop.icon.SIZES`: the
  window icon (package data, found with `importlib.resources`) and the Linux hicolor
  theme icons of the `.deb`;
- `resources/icons/app/front-desk.ico`: Windows (the executable, the installer),
  16 to 256 px, each a PNG inside the ICO container (Windows Vista and later);
- `resources/icons/app/front-desk.icns`: macOS (the `.app` bundle), 16 to 1024 px.

Qt renders the SVG (QtSvg is part of PySide6-Essentials), so no other tool is
needed; the ICO and ICNS containers are simple enough to write here. The output is
committed, so building a bundle needs neither this script nor a display.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from desk.desktop.icon import SIZES, icon_name

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "app" / "front-desk.svg"
PACKAGE_ICONS = ROOT / "desk" / "desktop" / "icons"
ICO = ROOT / "resources" / "icons" / "app" / "front-desk.ico"
ICNS = ROOT / "resources" / "icons" / "app" / "front-desk.icns"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO entry can say
# ICNS element types holding PNG data, by their pixel size (Apple's "icns" format).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512 pt at 2x
    (b"ic11", 32),  # 16 pt at 2x
    (b"ic12", 64),  # 32 pt at 2x
    (b"ic13", 256),  # 128 pt at 2x
    (b"ic14", 512),  # 256 pt at 2x
)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn `size` pixels square, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stub types the format as bytes, but the call accepts only str.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RuntimeError(f"Qt could not encode the {size} px icon as PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding each PNG (ICONDIR, then one ICONDIRENTRY per image)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in a one-byte field
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: the 'icns' header, then one (type, length, PNG) element per type."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def outputs() -> dict[Path, bytes]:
    """Every generated file and its bytes."""
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_app_icons: {SOURCE} is not an SVG Qt can draw")
    every = sorted({*SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = {size: render(renderer, size) for size in every}
    files = {PACKAGE_ICONS / icon_name(size): pngs[size] for size in SIZES}
    files[ICO] = ico({size: pngs[size] for size in ICO_SIZES})
    files[ICNS] = icns(pngs)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a committed icon differs")
    args = parser.parse_args()
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    stale = []
    for path, data in outputs().items():
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.relative_to(ROOT))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data):,} bytes)")
    if stale:
        print("stale icons (run tools/make_app_icons.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
