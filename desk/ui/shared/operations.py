"""The one way the office app runs work off the GUI thread.

`desk.services.background.run_in_background`, which the kiosk uses too, with one
difference for the office: without a failure callback, the error is shown in a
dialog with its message.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desk.i18n.errors import error_text
from desk.services import background

T = TypeVar("T")


def run_in_background(
    parent: QWidget | None,
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[Exception], None] | None = None,
) -> asyncio.Future[T]:
    """Run `work` in a worker thread; call back on the GUI thread when it is done."""

    def show(error: Exception) -> None:
        title = QCoreApplication.translate("operations", "Front Desk")
        QMessageBox.warning(parent, title, error_text(error))

    return background.run_in_background(work, on_success, on_failure or show)
