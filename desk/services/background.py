"""Running blocking work (network calls, argon2) off the GUI thread.

The office app and the kiosk both use it.

The work runs in a worker thread through the running asyncio loop (qasync in the
apps); its result or error comes back on the loop's thread, which is the GUI thread,
through the callbacks. Widgets never start threads themselves. `work` is usually a
closure over a widget: `in_worker_thread` sees that it is freed on the GUI thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from desk.sync.offload import in_worker_thread

T = TypeVar("T")


def run_in_background(
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[Exception], None],
) -> asyncio.Future[T]:
    """Run `work` in a worker thread; call back on the loop's thread when it is done."""
    future = in_worker_thread(work)

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
