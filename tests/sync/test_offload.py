"""`in_worker_thread`: the work runs in a worker, and is freed on the loop's thread.

Qt objects must be destroyed on their own thread; a dialog or the sync engine freed
by a thread pool crashed the process. The pool here keeps its reference to the work
for a while after reporting, as real pools do (`concurrent.futures` drops it after
the result is set; qasync's workers, after logging), so the loop lets go first.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from desk.sync.offload import in_worker_thread

T = TypeVar("T")


class LateToLetGo(ThreadPoolExecutor):
    """Runs each call in a thread of its own that holds the call on after reporting."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.threads: list[threading.Thread] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()

        def run() -> None:
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as error:
                future.set_exception(error)
            time.sleep(0.2)  # `fn` is still referenced by this frame

        thread = threading.Thread(target=run)
        self.threads.append(thread)
        thread.start()
        return future


class Work:
    """Remembers the thread it ran on, and the thread that freed it."""

    def __init__(self, freed_on: list[str], fail: bool = False) -> None:
        self.freed_on = freed_on
        self.fail = fail
        self.ran_on = ""

    def __call__(self) -> str:
        self.ran_on = threading.current_thread().name
        if self.fail:
            raise ValueError("refused")
        return self.ran_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def run_on_a_loop_of_its_own(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` on a loop of its own, leaving the main thread's loop alone.

    `asyncio.run` would unset it, and the Qt tests of this process share it.
    """
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()


def run_and_forget(fail: bool) -> tuple[str, list[str]]:
    """Run a `Work` nobody else holds; return the worker's name and where it was freed."""
    freed_on: list[str] = []
    pool = LateToLetGo()

    async def main() -> str:
        asyncio.get_running_loop().set_default_executor(pool)
        future = in_worker_thread(Work(freed_on, fail))
        try:
            return await future
        except ValueError:
            return "failed"
        finally:
            del future

    outcome = run_on_a_loop_of_its_own(main())
    for thread in pool.threads:
        thread.join()
    return outcome, freed_on


@pytest.mark.parametrize("fail", [False, True], ids=["returns", "raises"])
def test_the_work_runs_in_a_worker_and_is_freed_on_the_loops_thread(fail: bool) -> None:
    outcome, freed_on = run_and_forget(fail)
    here = threading.current_thread().name
    assert outcome == "failed" if fail else outcome not in ("failed", here)  # a worker's
    assert freed_on == [here]


def test_plain_to_thread_frees_the_work_on_the_worker() -> None:
    """The hazard `in_worker_thread` exists for, shown with the same pool."""
    freed_on: list[str] = []
    pool = LateToLetGo()

    async def main() -> None:
        asyncio.get_running_loop().set_default_executor(pool)
        await asyncio.to_thread(Work(freed_on))

    run_on_a_loop_of_its_own(main())
    for thread in pool.threads:
        thread.join()
    assert len(freed_on) == 1
    assert freed_on[0] != threading.current_thread().name
