"""Blocking work in a worker thread, freed on the loop's thread.

The work handed to a thread is nearly always a bound method or closure of a Qt object
(the sync engine, a dialog waiting for the server). Run with plain `asyncio.to_thread`,
the thread pool holds the work until after the loop has seen the result: if the
window or engine was closed meanwhile, the pool's reference was the last one, and the
Qt object was destroyed on the worker thread while the GUI thread delivered its
events. That is undefined behaviour in Qt, and it crashed (a segfault in whatever
processed events next, seen in the test suite about one run in three).

`in_worker_thread` keeps the rule in one place: the loop's thread holds the work until
the worker has let go of it, so the last reference always goes on the loop's thread.
"""

from __future__ import annotations

import asyncio
import functools
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class _Handoff(Generic[T]):
    """The worker thread's hold on the work, given up before the thread reports back."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work: Callable[[], T] | None = work

    def __call__(self) -> T:
        work, self._work = self._work, None
        assert work is not None, "a handoff runs once"
        try:
            return work()
        except BaseException as error:
            # The traceback keeps the frames of the work, and so what they referred
            # to, alive for as long as the error: it may be freed by this thread.
            traceback.clear_frames(error.__traceback__)
            raise
        finally:
            del work


def _release(work: object, done: asyncio.Future[object]) -> None:
    """Nothing to do: being called (on the loop's thread) ends the hold on `work`."""


def in_worker_thread(work: Callable[[], T]) -> asyncio.Future[T]:
    """Run `work` in the loop's default thread pool; its result comes back on the loop.

    The future holds `work` until it is done, and the worker drops its own reference
    before it reports, so whatever `work` refers to is freed on the loop's thread.
    """
    future = asyncio.ensure_future(asyncio.to_thread(_Handoff(work)))
    future.add_done_callback(functools.partial(_release, work))
    return future
