"""Running coroutines on a qasync loop in tests, and awaiting Qt signals."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QApplication

T = TypeVar("T")
Runner = Callable[..., Any]


@pytest.fixture
def run_async(qapp: QApplication) -> Iterator[Runner]:
    """`run_async(coro, timeout=20)`: run it on a qasync loop over the test QApplication."""
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)

    def run(awaitable: Awaitable[T], timeout: float = 20.0) -> T:
        return loop.run_until_complete(asyncio.wait_for(awaitable, timeout))

    yield run
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()
    asyncio.set_event_loop(None)


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
