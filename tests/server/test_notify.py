"""What the change notifier knows, and when a request may wait without reading first.

A request whose cursor is at the newest version the notifier knows skips its read;
that is sound only while every commit is heard, so losing or regaining the
PostgreSQL listener must wake every waiter to read again.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

from desk.server.notify import ChangeNotifier

T = TypeVar("T")


def run(work: Callable[[], Awaitable[T]]) -> T:
    """Run `work` on an event loop in a thread of its own.

    `asyncio.run` would unset the main thread's event loop, which other tests use.
    """
    result: list[T] = []

    async def main() -> None:
        result.append(await work())

    thread = threading.Thread(target=asyncio.run, args=(main(),))
    thread.start()
    thread.join(30)
    return result[0]


def test_a_complete_notifier_knows_what_it_heard_and_reads_saw() -> None:
    notifier = ChangeNotifier()
    assert notifier.known("c") is None
    notifier.publish_in_loop("c", 4)
    notifier.observe("c", 6, notifier.epoch)
    notifier.publish_in_loop("c", 5)  # late, older than what a read saw
    assert notifier.known("c") == 6


def test_a_notifier_that_may_miss_commits_knows_nothing() -> None:
    notifier = ChangeNotifier(complete=False)
    notifier.publish_in_loop("c", 4)
    assert notifier.known("c") is None
    notifier.listening()
    assert notifier.known("c") is None  # what came before LISTEN may have been missed
    notifier.publish_in_loop("c", 5)
    assert notifier.known("c") == 5
    notifier.deaf()
    assert notifier.known("c") is None


def test_a_read_begun_before_the_listener_came_back_proves_nothing() -> None:
    notifier = ChangeNotifier(complete=False)
    epoch = notifier.epoch
    notifier.listening()
    notifier.observe("c", 9, epoch)
    assert notifier.known("c") is None


def test_losing_the_listener_wakes_every_waiter_to_read_again() -> None:
    async def scenario() -> list[bool]:
        notifier = ChangeNotifier()
        notifier.bind(asyncio.get_running_loop())
        notifier.publish_in_loop("c", 3)
        waits = [asyncio.create_task(notifier.wait_beyond(s, 3, 30)) for s in ("c", "d")]
        await asyncio.sleep(0)  # both reach their wait
        notifier.deaf()
        return await asyncio.gather(*waits)

    assert run(scenario) == [True, True]


def test_a_wait_ends_at_a_newer_version_or_the_timeout() -> None:
    async def scenario() -> tuple[bool, bool]:
        notifier = ChangeNotifier()
        notifier.bind(asyncio.get_running_loop())
        waiting = asyncio.create_task(notifier.wait_beyond("c", 1, 30))
        await asyncio.sleep(0)
        notifier.publish("c", 2)  # as a committing thread does
        return await waiting, await notifier.wait_beyond("c", 2, 0.01)

    assert run(scenario) == (True, False)
