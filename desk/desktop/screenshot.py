"""A debug screenshot: grab a window once it has painted what it is for, save it, and say so.

`DESK_SCREENSHOT=path.png desk demo` (or `desk demo --kiosk`) saves the office
window once its inbox has painted rows (the kiosk once its PIN screen has painted)
and then quits. The frozen app's CI test and `bench/bench_bundle.py` use it: it is
the only way to see, from outside, that a bundle really paints a window, and the
moment the file is written is the moment the app became usable.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

SCREENSHOT_ENV = "DESK_SCREENSHOT"


def requested_screenshot() -> Path | None:
    """Where `DESK_SCREENSHOT` asks for the screenshot to go, if it asks."""
    value = os.environ.get(SCREENSHOT_ENV, "").strip()
    return Path(value) if value else None


class PaintedScreenshot(QObject):
    """Saves `window` as a PNG after the first paint in it at which `ready()` holds.

    It watches paint events application-wide (a debug mode only: a filter on every
    event costs a little) because the widget that shows the content, a list's
    viewport, is made and replaced after the window is shown.

    Signals:
        taken(str): the screenshot was saved at this path.
        failed(str): the PNG could not be written (the reason).
    """

    taken = Signal(str)
    failed = Signal(str)

    def __init__(self, window: QWidget, ready: Callable[[], bool], path: Path) -> None:
        super().__init__(window)
        self._window = window
        self._ready = ready
        self._path = path
        self._pending = False
        app = QApplication.instance()
        assert app is not None, "a screenshot needs the QApplication"
        app.installEventFilter(self)

    def _grab(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        if self._window.grab().save(str(self._path), "PNG"):
            self.taken.emit(str(self._path))
        else:
            self.failed.emit(f"could not write {self._path}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On a paint inside the window once it is ready, grab on the next loop turn."""
        if (
            not self._pending
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
            and self._ready()
        ):
            self._pending = True  # the paint under way finishes before the grab
            QTimer.singleShot(0, self._grab)
        return False
