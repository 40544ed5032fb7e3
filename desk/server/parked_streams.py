"""Streams waiting at their centre's newest version, served together when it moves.

A streamed feed (`/changes/stream`) waited for each change as a long-poll does: its
own task woken by the centre's event, a timer of its own for the rest of its wait
(2,000 timers made and cancelled per change at 2,000 clients), then a second hop
through the shared read's future. About 0.12 ms of server CPU per wake-up
(`bench/bench_load.py --scenario single`), and 2,000 clients of one centre at 10
commands/s are 20,000 wake-ups a second: more than the process's core.

Here a stream between pages parks: one future and nothing else. One pump task per
centre waits for the centre's version to move, then hands every parked stream to the
shared read at once (`SharedFeed.serve`, a batch per cursor version, in the steady
state one), which resolves each stream's future with its own page. A stream that
parks behind the newest version (a change came while it was being written) is due
at once; the pump serves it with every other stream due by then, after the read in
progress: on a busy process streams fell behind one by one, and reading for each
few of them on their own (as long-polls do) cost more than the reads they waited
for. The pump also ends the streams whose wait is over and, when the process
drains, every stream: no timer per stream.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass

from desk.server import metrics
from desk.server.feed import Cursor
from desk.server.notify import ChangeNotifier
from desk.server.principal import Principal
from desk.server.shared_pages import BatchKey, FeedAnswer, SharedFeed, Waiter

SWEEP_SECONDS = 1.0
"""Longest the pump sleeps without a change: how late a stream may end after its wait."""


@dataclass(eq=False)
class _Parked:
    waiter: Waiter
    limit: int
    deadline: float | None  # on the event loop's clock; None: a first page, due at once


class ParkedStreams:
    """Streams of every centre parked at their centre's newest version."""

    def __init__(self, shared: SharedFeed, wake: ChangeNotifier) -> None:
        self._shared = shared
        self._wake = wake
        self._parked: dict[str, list[_Parked]] = {}
        self._pumps: dict[str, asyncio.Task[None]] = {}

    def can_park(self, centre: str, cursor: Cursor) -> bool:
        """Whether a stream at `cursor` may park: a whole version, none newer than known.

        Not while commits may go unheard (nothing is known): a long-poll's wait then
        reads before it waits.
        """
        known = self._wake.known(centre)
        return cursor.whole_version and known is not None and cursor.version <= known

    async def first_page(
        self, caller: Principal, cursor: Cursor, feed: tuple[int, str | None]
    ) -> FeedAnswer:
        """The caller's page after `cursor` now, read with the other streams due.

        Streams begin in crowds (every client of a restarted process, and each
        stream's end is another's beginning): read one by one, their first pages
        cost more than every later page. Only for a cursor `can_park` accepts.

        Raises:
            CursorAhead: as `read_page` does.
        """
        answer = await self._park(caller, cursor, feed, None)
        assert answer is not None  # a first page is never ended unanswered
        return answer

    async def next_page(
        self, caller: Principal, cursor: Cursor, feed: tuple[int, str | None], deadline: float
    ) -> FeedAnswer | None:
        """The caller's page after `cursor` once its centre moves past it.

        None when the wait ends first (`deadline`, on the event loop's clock) or the
        process drains. Only for a cursor `can_park` accepts.

        Raises:
            CursorAhead: as `read_page` does.
        """
        return await self._park(caller, cursor, feed, deadline)

    async def _park(
        self,
        caller: Principal,
        cursor: Cursor,
        feed: tuple[int, str | None],
        deadline: float | None,
    ) -> FeedAnswer | None:
        limit, client_id = feed
        loop = asyncio.get_running_loop()
        waiter = Waiter(caller, cursor, client_id, loop.create_future())
        centre = caller.centre_id
        self._parked.setdefault(centre, []).append(_Parked(waiter, limit, deadline))
        if centre not in self._pumps:
            self._pumps[centre] = loop.create_task(self._pump(centre))
        elif deadline is None or cursor.version != self._wake.known(centre):
            self._wake.nudge(centre)  # due now: the pump may be waiting for a change
        metrics.LONG_POLLS_HELD.inc()
        return await waiter.answer

    async def _pump(self, centre: str) -> None:
        loop = asyncio.get_running_loop()
        try:
            while parked := self._parked.get(centre):
                known, epoch = self._wake.known(centre), self._wake.epoch
                now = loop.time()
                due: list[_Parked] = []
                kept: list[_Parked] = []
                for stream in parked:
                    (due if self._due(stream, known, now) else kept).append(stream)
                if not due:
                    soonest = min(s.deadline for s in parked if s.deadline is not None) - now
                    await self._wake.wait_once(centre, min(SWEEP_SECONDS, soonest))
                    continue
                self._parked[centre] = kept
                await self._answer(centre, due, (now, epoch))
            self._parked.pop(centre, None)
        finally:
            del self._pumps[centre]

    def _due(self, stream: _Parked, known: int | None, now: float) -> bool:
        """Whether `stream` is served or ended now.

        It is when it wants its first page, once its cursor is not the newest
        version known (the centre moved on, the stream parked behind, or nothing is
        known while commits may go unheard), its wait is over, its client left, or
        the process drains.
        """
        return (
            stream.deadline is None
            or stream.waiter.answer.done()
            or stream.waiter.cursor.version != known
            or stream.deadline <= now
            or self._wake.draining
        )

    async def _answer(self, centre: str, due: list[_Parked], when: tuple[float, int]) -> None:
        """End the streams whose wait is over, serve the rest from the shared read."""
        now, epoch = when
        metrics.LONG_POLLS_HELD.dec(len(due))
        batches: defaultdict[BatchKey, list[Waiter]] = defaultdict(list)
        for stream in due:
            answer = stream.waiter.answer
            if answer.done():
                continue
            if stream.deadline is not None and (stream.deadline <= now or self._wake.draining):
                answer.set_result(None)
            else:
                batches[(centre, stream.waiter.cursor.version, stream.limit)].append(stream.waiter)
        await asyncio.gather(
            *(self._serve(key, waiters, epoch) for key, waiters in batches.items())
        )

    async def _serve(self, key: BatchKey, waiters: list[Waiter], epoch: int) -> None:
        version = await self._shared.serve(key, waiters)
        if version is not None:
            self._wake.observe(key[0], version, epoch)
