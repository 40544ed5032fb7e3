"""The sync engine as a Qt object, so the UI follows it through signals.

Two loops run on the qasync event loop: the pusher sends the outbox whenever a
command is queued (and retries with jittered exponential backoff), and the puller
follows the change feed, so a change made elsewhere arrives within moments. The
puller catches up with `pull`, then follows the feed's stream (`follow`), one
request per `long_poll` seconds carrying every change as it happens; where the
stream is refused or held back (an older server, a buffering proxy) it long-polls
instead, for as long as the engine runs. A dropped stream is a failure like any
other: after a backoff the puller catches up and follows again from the cursor.
Blocking HTTP and SQLite work runs in threads (`in_worker_thread`, so the engine is
never freed on one); the GUI thread only receives results.
The engine hears of a queued command from the cache itself (`Cache.on_local_change`),
from whichever thread queued it, so nothing above the outbox has to wake it.
A cache that cannot be written (a full disk) is an error state like any other: the
loops back off and resume from the last committed page once there is room.

Signals:
    state_changed(SyncState): the phase or progress changed.
    data_changed(): rows in the cache changed; views re-read.
    outbox_changed(int): the number of commands waiting to go out.
    rejected(list): commands the server refused (`Queued` with `.error`).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.i18n.errors import error_text
from desk.models.apply import reset_synced
from desk.models.cache import Cache, DiskFull, StorageError
from desk.sync.errors import (
    BadAnswer,
    Cancelled,
    MustRefetch,
    Offline,
    StreamRefused,
    SyncError,
    Unauthorized,
)
from desk.sync.follow import STREAM_SECONDS, FollowResult, follow
from desk.sync.http import ServerApi
from desk.sync.local_changes import LocalChanges
from desk.sync.offload import in_worker_thread
from desk.sync.outbox import replay, waiting_count
from desk.sync.pull import Progress, PullResult, pull
from desk.sync.push import PushResult, push
from desk.sync.state import Phase, SyncState

log = logging.getLogger(__name__)

LONG_POLL_SECONDS = 25
STOP_GRACE_SECONDS = 3.0
# How often a pull asked for now asks the stream in flight to end again, until it has.
END_STREAM_AGAIN_SECONDS = 0.05
FIRST_RETRY_SECONDS = 0.5
LAST_RETRY_SECONDS = 30.0

# What a storage failure during a pull did not save: pages already applied stay, and
# the pull loop resumes after the last one committed once a retry finds room.
PULLED = QT_TRANSLATE_NOOP("Errors", "the latest changes from the server")
RESUMES_WHEN_FREED = QT_TRANSLATE_NOOP(
    "Errors", "Free some space; nothing was lost. Sync resumes by itself."
)
RESUMES_WHEN_MENDED = QT_TRANSLATE_NOOP(
    "Errors", "Check the disk; nothing was lost. Sync resumes by itself."
)


def backoff(attempt: int, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry `attempt` (1, 2, ...): doubling, capped, jittered.

    Jitter keeps a room of workstations that lost the network together from all
    hammering the server at the same instant when it returns.
    """
    # 2.0, not 2: int ** int is typed Any (a negative exponent gives a float).
    base = min(LAST_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2.0 ** (attempt - 1))
    return base * (rng or random).uniform(0.5, 1.0)


def _retrieve(future: asyncio.Future[Any]) -> None:
    """Mark a finished push's or pull's exception as seen (it was reported or is moot)."""
    if not future.cancelled():
        future.exception()


class SyncEngine(QObject):
    """Keeps one cache in step with one server for one signed-in principal."""

    state_changed = Signal(object)
    data_changed = Signal()
    outbox_changed = Signal(int)
    rejected = Signal(list)

    def __init__(
        self,
        cache: Cache,
        api: ServerApi,
        client_id: str,
        *,
        long_poll: int = LONG_POLL_SECONDS,
        stream: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._cache = cache
        self._api = api
        self._client_id = client_id
        self._long_poll = long_poll
        # Whether to follow the feed's stream; False once it was refused or held back.
        self._stream = stream
        # A stream said `gone` and no stream has ended well since: a second `gone`
        # then waits a backoff instead of refetching everything at once, again.
        self._refetching = False
        self._state = SyncState(Phase.IDLE)
        self._pushing = asyncio.Lock()
        self._pulling = asyncio.Lock()
        self._outbox_event: asyncio.Event | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._in_flight: asyncio.Future[PullResult] | asyncio.Future[FollowResult] | None = None
        # The push thread in flight: stop() waits for it, so the cache is never closed
        # under a thread still writing the server's answer into it.
        self._pushed: asyncio.Future[PushResult] | None = None
        self._stopping = threading.Event()
        # A pull that failed may have applied pages over the optimistic layer before
        # it stopped; the next pull replays the outbox even if it brings no rows.
        self._replay_owed = False
        # A command queued on any thread reaches `_queued` on this object's thread.
        LocalChanges(cache, self).changed.connect(self._queued)

    @property
    def state(self) -> SyncState:
        """The latest state."""
        return self._state

    @property
    def connection(self) -> ServerApi:
        """The engine's connection, for the few actions that need the server there and then.

        Those are an enrollment code or a new kiosk PIN; everything else goes through
        the outbox.
        """
        return self._api

    @property
    def cache(self) -> Cache:
        """The cache this engine fills."""
        return self._cache

    # -- driving --------------------------------------------------------------------

    def start(self) -> None:
        """Start pushing and long-polling in the background until `stop`."""
        if self._tasks:
            return
        self._stopping.clear()
        self._api.allow_waits()
        self._outbox_event = asyncio.Event()
        self._outbox_event.set()  # send anything left from the last run
        self._tasks = [
            asyncio.ensure_future(self._push_loop()),
            asyncio.ensure_future(self._pull_loop()),
        ]

    async def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """Stop the loops; queued commands stay in the outbox for next time.

        A long-poll in flight is cut off, told to apply and report nothing, and given
        `grace` seconds to return.
        """
        self._stopping.set()
        self._api.cancel_waits()
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for running in (self._pushed, self._in_flight):
            if running is not None and not running.done():
                with contextlib.suppress(Exception, asyncio.CancelledError):
                    await asyncio.wait_for(asyncio.shield(running), grace)

    @Slot()
    def _queued(self) -> None:
        """A command was queued: send it now if the loops run, and show the count.

        The pusher is woken first: it starts on the next turn of the event loop, and
        counting the outbox (a query) need not delay the reply going out.
        """
        if self._tasks and self._outbox_event is not None:
            self._outbox_event.set()
        self.outbox_changed.emit(waiting_count(self._cache))

    async def sync_once(self) -> bool:
        """Push then pull once, without waiting; True when both succeeded."""
        pushed = await self.push_once()
        pulled = await self.pull_once()
        return pushed is not None and pulled is not None

    async def push_once(self) -> PushResult | None:
        """Send the outbox; None when it failed (the state says why)."""
        async with self._pushing:
            try:
                self._pushed = asyncio.ensure_future(
                    asyncio.to_thread(push, self._api, self._cache, self._client_id)
                )
                self._pushed.add_done_callback(_retrieve)
                result = await asyncio.shield(self._pushed)
            except Exception as error:
                self._failed(error)
                return None
        self.outbox_changed.emit(waiting_count(self._cache))
        if result.rejected:
            self.rejected.emit(result.rejected)
            self.data_changed.emit()
        return result

    async def pull_once(self, wait: int = 0) -> PullResult | None:
        """Apply what is new (long-polling up to `wait` seconds); None on failure.

        A stream being followed holds the feed for minutes: it is ended first (what it
        brought is applied), so that a pull asked for now (Sync now, a kiosk's check
        that it is still enrolled) happens now; the puller follows again after it.
        """
        await self._end_stream()
        async with self._pulling:
            if self._state.phase is not Phase.ONLINE:
                self._set(SyncState(Phase.SYNCING, self.tr("Syncing…")))
            try:
                loop = asyncio.get_running_loop()

                def progress(rows: int, reached: int, target: int) -> None:
                    # Signals are emitted on the loop's thread only: a plain-function
                    # slot connected to them would otherwise run in this worker.
                    loop.call_soon_threadsafe(self._progress, rows, reached, target)

                self._in_flight = in_worker_thread(
                    functools.partial(self._pull_and_replay, wait, progress)
                )
                # Its outcome is read even when stop() stopped waiting for it.
                self._in_flight.add_done_callback(_retrieve)
                result = await asyncio.shield(self._in_flight)
            except Exception as error:
                self._failed(error)
                return None
        self._set(SyncState(Phase.ONLINE, self.tr("Up to date")))
        if result.rows:
            self.data_changed.emit()
        return result

    async def _end_stream(self) -> None:
        """End the stream being followed, if any, and wait until its thread has let go.

        Its thread may not have opened the request yet when asked (the follow was
        handed to it a moment ago): aborting the open connections then misses it and
        the stream would hold the feed for minutes. So it is asked again, every
        `END_STREAM_AGAIN_SECONDS`, until the follow is over.
        """
        following = self._in_flight
        while self._following and following is not None and not following.done():
            self._api.cancel_waits()
            self._api.allow_waits()
            await asyncio.wait({following}, timeout=END_STREAM_AGAIN_SECONDS)

    @property
    def streaming(self) -> bool:
        """Whether the puller follows the feed's stream (False: it long-polls)."""
        return self._stream

    async def follow_once(self) -> FollowResult | None:
        """Apply the changes of one stream as they come; None on failure or fallback.

        A refused or held-back stream switches the engine to long-polling (not a
        failure); a `gone` cursor drops the synced rows for the next pull to refetch.
        """
        async with self._pulling:
            loop = asyncio.get_running_loop()

            def applied(rows: int) -> None:
                loop.call_soon_threadsafe(self._stream_applied)

            self._in_flight = in_worker_thread(functools.partial(self._follow_and_replay, applied))
            self._in_flight.add_done_callback(_retrieve)
            self._following = True
            try:
                result = await asyncio.shield(self._in_flight)
            except StreamRefused as refused:
                log.info("following changes by long-poll: %s", refused)
                self._stream = False
                return None
            except MustRefetch as gone:
                if self._refetching:  # again, straight after a refetch: a server fault
                    self._failed(BadAnswer(f"the server keeps sending the data again: {gone}"))
                    return None
                self._refetching = True
                return None  # the synced rows were dropped: the next pull refetches them
            except Exception as error:
                self._failed(error)
                return None
            finally:
                self._following = False
        self._refetching = False
        return result

    # -- loops ------------------------------------------------------------------------

    async def _push_loop(self) -> None:
        assert self._outbox_event is not None
        failures = 0
        while True:
            await self._outbox_event.wait()
            self._outbox_event.clear()
            if await self.push_once() is None:
                if isinstance(self._last_error, Unauthorized):
                    return
                failures += 1
                self._outbox_event.set()
                await asyncio.sleep(backoff(failures))
            else:
                failures = 0

    async def _pull_loop(self) -> None:
        failures = 0
        wait = 0  # the first pull returns at once; later ones long-poll or stream
        while True:
            following = bool(wait) and self._stream
            if following:
                self._last_error = None
                done = await self.follow_once() is not None
            else:
                done = await self.pull_once(wait) is not None
            if done:
                failures = 0
                wait = self._long_poll
            elif following and self._last_error is None:
                wait = 0  # refused or refetching: catch up by pull, at once
            else:
                if isinstance(self._last_error, Unauthorized):
                    return
                failures += 1
                await asyncio.sleep(backoff(failures))
                wait = 0

    # -- helpers ----------------------------------------------------------------------

    _last_error: Exception | None = None
    _following = False  # a stream's pages are being applied (`follow_once`)

    def _pull_and_replay(self, wait: int, progress: Progress) -> PullResult:
        try:
            result = pull(
                self._api,
                self._cache,
                progress=progress,
                wait=wait,
                stopping=self._stopping.is_set,
            )
            if result.rows or self._replay_owed:
                replay(self._cache)
                self._replay_owed = False
        except Exception as error:
            self._replay_owed = True  # pages may have landed before it failed
            if isinstance(error, DiskFull):
                raise DiskFull(PULLED, RESUMES_WHEN_FREED) from error
            if isinstance(error, StorageError):
                raise StorageError(PULLED, RESUMES_WHEN_MENDED) from error
            raise
        return result

    def _follow_and_replay(self, applied: Callable[[int], None]) -> FollowResult:
        try:
            if self._replay_owed:
                replay(self._cache)
                self._replay_owed = False
            return follow(
                self._api,
                self._cache,
                wait=STREAM_SECONDS,
                quiet=self._long_poll,
                client_id=self._client_id,
                applied=applied,
                stopping=self._stopping.is_set,
            )
        except MustRefetch:
            if not self._refetching:
                reset_synced(self._cache)  # the next pull starts over from 0
            raise
        except StreamRefused:
            raise
        except Exception as error:
            self._replay_owed = True  # pages may have landed before it failed
            if isinstance(error, StorageError):
                advice = f"{error.advice} Sync resumes by itself."
                raise type(error)(PULLED, advice) from error
            raise

    def _stream_applied(self) -> None:
        if not self._stopping.is_set():
            self.data_changed.emit()

    def _failed(self, error: Exception) -> None:
        self._last_error = error
        if isinstance(error, Cancelled):
            return
        if isinstance(error, Unauthorized):
            self._set(SyncState(Phase.SIGNED_OUT, error_text(error)))
        elif isinstance(error, Offline):
            self._set(SyncState(Phase.OFFLINE, error_text(error)))
        elif isinstance(error, SyncError):
            self._set(SyncState(Phase.ERROR, error_text(error)))
        elif isinstance(error, StorageError):
            log.warning("sync could not write the cache: %s", error.__cause__ or error)
            self._set(SyncState(Phase.ERROR, error_text(error)))
        else:
            log.error("sync failed unexpectedly", exc_info=error)
            self._set(SyncState(Phase.ERROR, self.tr("Sync failed: {error}").format(error=error)))

    def _progress(self, rows: int, reached: int, target: int) -> None:
        if self._stopping.is_set():
            return
        percent = 100 * reached // target if target else 100
        detail = self.tr("Syncing… {rows} changes ({percent}%)").format(
            rows=f"{rows:,}", percent=percent
        )
        self._set(SyncState(Phase.SYNCING, detail, reached, target))

    def _set(self, state: SyncState) -> None:
        self._state = state
        self.state_changed.emit(state)
