"""The one way the office app runs work off the GUI thread.

A blocking function runs in a worker thread through the qasync loop; its result or
error comes back on the GUI thread through the callbacks. Widgets never start
threads themselves.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

T = TypeVar("T")


def run_in_background(
    parent: QWidget | None,
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[Exception], None] | None = None,
) -> asyncio.Future[T]:
    """Run `work` in a worker thread; call back on the GUI thread when it is done.

    Without `on_failure`, an error is shown in a dialog with its message.
    """
    future = asyncio.ensure_future(asyncio.to_thread(work))

    def finished(done: asyncio.Future[T]) -> None:
        if done.cancelled():
            return
        error = done.exception()
        if error is None:
            on_success(done.result())
        elif isinstance(error, Exception) and on_failure is not None:
            on_failure(error)
        else:
            QMessageBox.warning(
                parent, parent.tr("Front Desk") if parent else "Front Desk", str(error)
            )

    future.add_done_callback(finished)
    return future
