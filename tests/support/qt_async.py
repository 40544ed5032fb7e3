"""Running coroutines on a qasync loop in tests, and awaiting Qt signals."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QApplication

T = TypeVar("T")
Runner = Callable[..., Any]


@pytest.fixture(scope="session")
def _qasync_loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """One qasync loop for the whole run, as the app has one for its whole life.

    A loop per test left its Qt timer objects behind when it closed; Qt later
    delivered events to them or destroyed them on a worker thread.
    """
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    timer_event = qasync._SimpleTimer.timerEvent

    def run_as_in_the_app(timer: Any, event: Any) -> None:
        # In the app the loop runs for the app's whole life, so every callback runs
        # inside it. Between `run_async` calls a test still lets Qt process events
        # (qtbot clicks and waits), and qasync then runs due callbacks outside any
        # running loop, where a background task's `asyncio.sleep` fails with "no
        # running event loop". Mark the loop running for those callbacks too.
        if asyncio._get_running_loop() is not None:
            timer_event(timer, event)
            return
        asyncio._set_running_loop(loop)
        try:
            timer_event(timer, event)
        finally:
            asyncio._set_running_loop(None)

    qasync._SimpleTimer.timerEvent = run_as_in_the_app
    yield loop
    qasync._SimpleTimer.timerEvent = timer_event
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def run_async(_qasync_loop: qasync.QEventLoop) -> Runner:
    """`run_async(coro, timeout=20)`: run it on the qasync loop over the test QApplication."""

    def run(awaitable: Awaitable[T], timeout: float = 20.0) -> T:
        # qasync is untyped; run_until_complete returns what the awaitable does.
        result: T = _qasync_loop.run_until_complete(asyncio.wait_for(awaitable, timeout))
        return result

    return run


def run_apart(coroutine: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
    """`asyncio.run` in a thread of its own, for a test outside the Qt loop.

    In the main thread it would unset the event loop the Qt tests of this worker
    share for the whole run (their next `engine.start()` found none).
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(asyncio.run(coroutine))
        except BaseException as error:  # handed to the test, never lost in the thread
            failure.append(error)

    runner = threading.Thread(target=run)
    runner.start()
    runner.join(timeout)
    if failure:
        raise failure[0]
    assert outcome, f"the coroutine did not finish within {timeout:g} s"
    return outcome[0]


async def next_emission(signal: SignalInstance, timeout: float = 10.0) -> tuple[Any, ...]:
    """Wait for `signal` on the running loop and return its arguments."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def receive(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(receive)
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(receive)


async def until(
    condition: Callable[[], bool], signal: SignalInstance, timeout: float = 10.0
) -> None:
    """Wait until `condition()` holds, re-checking each time `signal` fires."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise TimeoutError("condition not met in time")
        try:
            await next_emission(signal, remaining)
        except TimeoutError:
            continue
