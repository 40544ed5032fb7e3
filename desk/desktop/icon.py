"""The Front Desk app icon, read from package data at every size it is shipped in.

The PNGs are generated from `resources/icons/app/front-desk.svg` by
`tools/make_app_icons.py` and shipped inside the `desk` package, so the window icon
is found through `importlib.resources` both in an installed package and in the
PyInstaller bundle; nothing is read from the source tree at run time. Pixel sizes
rather than the SVG alone, so the 16 and 24 px icons (title bar, task bar) are the
hand-checked renderings and no SVG plugin is needed to show them.
"""

from __future__ import annotations

from importlib.resources import as_file, files

from PySide6.QtGui import QIcon, QPixmap

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The square sizes, in pixels, of the PNGs in `desk/desktop/icons/`."""


def icon_name(size: int) -> str:
    """The file name of the icon `size` pixels square."""
    return f"front-desk-{size}.png"


def app_icon() -> QIcon:
    """The app icon with every shipped size, for `QApplication.setWindowIcon`."""
    icon = QIcon()
    folder = files("desk.desktop") / "icons"
    for size in SIZES:
        with as_file(folder / icon_name(size)) as path:
            # A QPixmap reads the file now, so the path may go once the block ends.
            pixmap = QPixmap(str(path))
        if pixmap.isNull():  # a broken install or bundle: say which file, not "no icon"
            raise FileNotFoundError(f"the app icon {icon_name(size)} is missing from desk.desktop")
        icon.addPixmap(pixmap)
    return icon
