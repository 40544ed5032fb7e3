"""Waiting for a condition that no event announces: poll it until a deadline.

Wait for an event when there is one (`qtbot.waitSignal`, `qtbot.waitUntil` for a Qt
widget's state, `tests.support.qt_async.next_emission` and `until` for a signal on the
qasync loop). Poll only what nothing signals: another process's database, a server
coming up, a background task's effect. This is the one place that does it, with the
deadline and the failure message in one form: a poll that runs out fails the test with
`PollTimeout`, naming what did not happen.

`wait_until` blocks the calling thread (the condition changes in another thread or
process); `wait_until_async` awaits on a running event loop, so that the loop's own
tasks, whose effect it waits for, run meanwhile.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

POLL_TIMEOUT = 20.0
"""Seconds before a poll gives up: far beyond any healthy wait, short of the test timeout."""
POLL_INTERVAL = 0.01
"""Seconds between two checks."""


class PollTimeout(AssertionError):
    """The condition did not hold before the deadline."""


class _Deadline:
    def __init__(self, what: str, timeout: float) -> None:
        self.what, self.timeout = what, timeout
        self.end = time.monotonic() + timeout

    def check(self) -> None:
        if time.monotonic() >= self.end:
            raise PollTimeout(f"timed out after {self.timeout:g} s waiting until {self.what}")


def wait_until(
    condition: Callable[[], bool],
    what: str,
    *,
    timeout: float = POLL_TIMEOUT,
    interval: float = POLL_INTERVAL,
) -> None:
    """Return once `condition()` holds; raise `PollTimeout` naming `what` if it never does.

    `condition` may raise to give up early (a process that exited, say).
    """
    deadline = _Deadline(what, timeout)
    while not condition():
        deadline.check()
        time.sleep(interval)


async def wait_until_async(
    condition: Callable[[], bool],
    what: str,
    *,
    timeout: float = POLL_TIMEOUT,
    interval: float = POLL_INTERVAL,
) -> None:
    """`wait_until` on a running event loop: the loop's tasks run between the checks."""
    deadline = _Deadline(what, timeout)
    while not condition():
        deadline.check()
        await asyncio.sleep(interval)
