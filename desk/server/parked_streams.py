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

A stream lasts minutes (`stream_seconds`): each new one costs a sign-in check, a
request and a first read, and at the long-poll's 25 s the reconnections of 2,000
clients were a quarter of the process's CPU. So that a revoked token is served no
longer than a long-poll's would be, the pump checks the sign-ins of a centre's
streams again together every `long_poll_seconds` (one statement, beside the pump's
serving), ends those that no longer hold, and sends the others a page, so that no
proxy times out a quiet stream.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass

from desk.server import metrics
from desk.server.feed import Cursor
from desk.server.notify import ChangeNotifier
from desk.server.shared_pages import BatchKey, FeedAnswer, Reader, SharedFeed, Waiter

log = logging.getLogger(__name__)

SignInCheck = Callable[[Collection[str]], Awaitable[set[str]]]
"""Which of these token digests still sign someone in (`desk.server.principal.signed_in`)."""

SWEEP_SECONDS = 1.0
"""Longest the pump sleeps without a change: how late a stream may end after its wait."""


@dataclass(eq=False)
class SignIn:
    """A stream's bearer token (its digest), and when to check it again."""

    digest: str
    check_at: float  # on the event loop's clock


@dataclass(eq=False)
class _Parked:
    waiter: Waiter
    limit: int
    deadline: float | None  # on the event loop's clock; None: a first page, due at once
    sign_in: SignIn | None = None
    owed: bool = False  # a page: its sign-in held at a check


class ParkedStreams:
    """Streams of every centre parked at their centre's newest version."""

    def __init__(
        self, shared: SharedFeed, wake: ChangeNotifier, sign_ins: SignInCheck, every: float
    ) -> None:
        """`sign_ins` tells which digests still sign someone in; asked every `every` s."""
        self._shared = shared
        self._wake = wake
        self._sign_ins = sign_ins
        self.every = every
        self._parked: dict[str, list[_Parked]] = {}
        self._pumps: dict[str, asyncio.Task[None]] = {}
        self._checks: set[asyncio.Task[None]] = set()

    async def recheck(self, sign_in: SignIn) -> bool:
        """Check one stream's sign-in now: for a stream that cannot park (see `can_park`).

        True, with the next check set, while it holds.
        """
        try:
            holding = await self._sign_ins({sign_in.digest})
        except Exception:  # the database is away: the stream ends, its client retries
            log.warning("could not check a stream's sign-in", exc_info=True)
            return False
        if sign_in.digest not in holding:
            return False
        sign_in.check_at = asyncio.get_running_loop().time() + self.every
        return True

    def can_park(self, centre: str, cursor: Cursor) -> bool:
        """Whether a stream at `cursor` may park: a whole version, none newer than known.

        Not while commits may go unheard (nothing is known): a long-poll's wait then
        reads before it waits.
        """
        known = self._wake.known(centre)
        return cursor.whole_version and known is not None and cursor.version <= known

    async def first_page(self, reader: Reader, cursor: Cursor, limit: int) -> FeedAnswer:
        """The caller's page after `cursor` now, read with the other streams due.

        Streams begin in crowds (every client of a restarted process, and each
        stream's end is another's beginning): read one by one, their first pages
        cost more than every later page. Only for a cursor `can_park` accepts.

        Raises:
            CursorAhead: as `read_page` does.
        """
        answer = await self._park(reader, cursor, limit, None)
        assert answer is not None  # a first page is never ended unanswered
        return answer

    async def next_page(
        self, reader: Reader, cursor: Cursor, limit: int, until: tuple[float, SignIn]
    ) -> FeedAnswer | None:
        """The caller's page after `cursor` once its centre moves past it.

        Also the page at the cursor when the stream's sign-in was checked again and
        holds. None when the wait ends first (`until`: the deadline, on the event
        loop's clock, and the sign-in), its sign-in no longer holds, or the process
        drains. Only for a cursor `can_park` accepts.

        Raises:
            CursorAhead: as `read_page` does.
        """
        return await self._park(reader, cursor, limit, until)

    async def _park(
        self,
        reader: Reader,
        cursor: Cursor,
        limit: int,
        until: tuple[float, SignIn] | None,
    ) -> FeedAnswer | None:
        waiter = Waiter(reader, cursor, asyncio.get_running_loop().create_future())
        deadline, sign_in = until if until is not None else (None, None)
        self._enter(_Parked(waiter, limit, deadline, sign_in))
        metrics.LONG_POLLS_HELD.inc()
        return await waiter.answer

    def _enter(self, stream: _Parked) -> None:
        """Park `stream`, waking its centre's pump if it is due at once."""
        centre = stream.waiter.reader.klass.centre
        self._parked.setdefault(centre, []).append(stream)
        if centre not in self._pumps:
            self._pumps[centre] = asyncio.get_running_loop().create_task(self._pump(centre))
        elif self._wants_page(stream, self._wake.known(centre)):
            self._wake.nudge(centre)  # the pump may be waiting for a change

    async def _pump(self, centre: str) -> None:
        loop = asyncio.get_running_loop()
        try:
            while parked := self._parked.get(centre):
                known, epoch = self._wake.known(centre), self._wake.epoch
                now = loop.time()
                due: list[_Parked] = []
                checks: list[_Parked] = []
                kept: list[_Parked] = []
                for stream in parked:
                    if self._due(stream, known, now):
                        due.append(stream)
                    elif stream.sign_in is not None and stream.sign_in.check_at <= now:
                        checks.append(stream)
                    else:
                        kept.append(stream)
                if not due and not checks:
                    await self._wake.wait_once(centre, self._sleep(parked, now))
                    continue
                self._parked[centre] = kept
                if checks:
                    # Apart: the changes meanwhile are served without waiting for it.
                    task = loop.create_task(self._check(checks, now))
                    self._checks.add(task)
                    task.add_done_callback(self._checks.discard)
                await self._answer(centre, due, (now, epoch))
            self._parked.pop(centre, None)
        finally:
            del self._pumps[centre]

    def _sleep(self, parked: list[_Parked], now: float) -> float:
        """How long the pump may wait for a change: until the soonest end or check."""
        soonest = now + SWEEP_SECONDS
        for stream in parked:
            if stream.deadline is not None:
                soonest = min(soonest, stream.deadline)
            if stream.sign_in is not None:
                soonest = min(soonest, stream.sign_in.check_at)
        return soonest - now

    async def _check(self, streams: list[_Parked], now: float) -> None:
        """Check the streams' sign-ins together; end those that no longer hold.

        The others park again, owed a page (empty, usually): a quiet stream is never
        silent for longer than a check's period, and no proxy times it out.
        """
        digests = {s.sign_in.digest for s in streams if s.sign_in is not None}
        try:
            holding = await self._sign_ins(digests)
        except Exception:  # the database is away: the streams end, their clients retry
            log.warning("could not check the sign-ins of %d streams", len(streams), exc_info=True)
            holding = set()
        for stream in streams:
            assert stream.sign_in is not None  # only streams with a sign-in are checked
            if stream.waiter.answer.done():
                metrics.LONG_POLLS_HELD.dec()
            elif stream.sign_in.digest not in holding:
                metrics.LONG_POLLS_HELD.dec()
                stream.waiter.answer.set_result(None)
            else:
                stream.sign_in.check_at = now + self.every
                stream.owed = True
                self._enter(stream)

    def _due(self, stream: _Parked, known: int | None, now: float) -> bool:
        """Whether `stream` is served or ended now: it wants a page, or its wait is over."""
        return self._wants_page(stream, known) or (
            stream.deadline is not None and stream.deadline <= now
        )

    def _wants_page(self, stream: _Parked, known: int | None) -> bool:
        """Whether `stream` is served now, whatever the time.

        It is when it wants its first page or is owed one, once its cursor is not
        the newest version known (the centre moved on, the stream parked behind, or
        nothing is known while commits may go unheard), its client left, or the
        process drains.
        """
        return (
            stream.deadline is None
            or stream.owed
            or stream.waiter.answer.done()
            or stream.waiter.cursor.version != known
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
