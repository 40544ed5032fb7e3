"""Running slow work (argon2, enrollment over the network) off the GUI thread.

The kiosk's counterpart of `desk.ui.operations.run_in_background`, which the kiosk
may not import (it carries nothing of `desk.ui`). A kiosk never shows an error
dialog, so failures always go to the caller's callback.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def run_in_background(
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[Exception], None],
) -> asyncio.Future[T]:
    """Run `work` in a worker thread; call back on the GUI thread when it is done."""
    future = asyncio.ensure_future(asyncio.to_thread(work))

    def finished(done: asyncio.Future[T]) -> None:
        if done.cancelled():
            return
        error = done.exception()
        if error is None:
            on_success(done.result())
        elif isinstance(error, Exception):
            on_failure(error)

    future.add_done_callback(finished)
    return future
