"""The polling helper: it returns once the condition holds and fails naming what did not."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from tests.support.polling import PollTimeout, wait_until, wait_until_async


def test_wait_until_returns_once_the_condition_holds() -> None:
    calls = itertools.count(1)
    wait_until(lambda: next(calls) >= 3, "the third check", interval=0)
    assert next(calls) == 4  # checked exactly three times


def test_wait_until_fails_naming_what_did_not_happen() -> None:
    with pytest.raises(PollTimeout, match="waiting until the server applied the batch"):
        wait_until(lambda: False, "the server applied the batch", timeout=0, interval=0)


def test_a_condition_that_raises_ends_the_wait_with_its_error() -> None:
    def gone() -> bool:
        raise RuntimeError("the process exited")

    with pytest.raises(RuntimeError, match="exited"):
        wait_until(gone, "the process answers")


def test_wait_until_async_lets_the_loop_run_the_task_it_waits_for() -> None:
    async def scenario() -> list[str]:
        done: list[str] = []

        async def work() -> None:
            await asyncio.sleep(0)
            done.append("worked")

        task = asyncio.ensure_future(work())
        await wait_until_async(lambda: bool(done), "the task has run", interval=0)
        await task
        return done

    # In a loop of its own: the Qt tests share the main thread's loop for the run.
    loop = asyncio.new_event_loop()
    try:
        assert loop.run_until_complete(scenario()) == ["worked"]
    finally:
        loop.close()


def test_wait_until_async_fails_naming_what_did_not_happen() -> None:
    loop = asyncio.new_event_loop()
    try:
        with pytest.raises(PollTimeout, match="waiting until the dialog shows a code"):
            loop.run_until_complete(
                wait_until_async(lambda: False, "the dialog shows a code", timeout=0)
            )
    finally:
        loop.close()
