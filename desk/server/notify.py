"""Waking long-polling feed requests when a centre's version moves.

Within one process an `asyncio.Event` per centre does it. Across server processes on
PostgreSQL, writers `pg_notify` inside their transaction (delivered only on commit,
so nobody wakes for a write that rolled back) and every process LISTENs and feeds
the notifications into its local notifier.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
import time
from collections.abc import AsyncIterator, Callable
from types import FrameType

from sqlalchemy import make_url, text
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
CHANNEL = "desk_changes"


class ChangeNotifier:
    """The newest version seen per centre, and a way to wait for a newer one.

    `complete` says whether every commit is heard: in one process (SQLite) it is
    from the start; on PostgreSQL only while the listener's LISTEN holds
    (`listening`, `deaf`). While it is, a request whose cursor is at the newest known
    version has nothing to read before it waits (`known`).
    """

    def __init__(self, *, complete: bool = True) -> None:
        self._versions: dict[str, int] = {}
        self._events: dict[str, asyncio.Event] = {}
        self._heard_at: dict[str, float] = {}  # time.perf_counter() of the last publish
        self._loop: asyncio.AbstractEventLoop | None = None
        self._complete = complete
        self.epoch = 0
        """Bumped whenever notifications may have been missed; see `observe`."""
        self.draining = False
        """The process is stopping: waits end at once (`drain`)."""

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Attach to the server's event loop; publishes from threads hop onto it."""
        self._loop = loop

    def publish(self, scope: str, version: int) -> None:
        """Record a committed version; callable from any thread."""
        if self._loop is None:
            return
        self._loop.call_soon_threadsafe(self.publish_in_loop, scope, version)

    def publish_in_loop(self, scope: str, version: int) -> None:
        """Record a committed version; call it on the bound event loop."""
        if self._raise(scope, version):
            self._heard_at[scope] = time.perf_counter()

    def observe(self, scope: str, version: int, epoch: int) -> None:
        """Record a version a read saw committed; `epoch` as it was when the read began.

        A read can see a commit before its notification arrives: waiters behind it
        wake now, and the notification, no newer, changes nothing. A read begun before
        notifications were lost or regained proves nothing about what was heard since.
        """
        if epoch == self.epoch:
            self._raise(scope, version)

    def _raise(self, scope: str, version: int) -> bool:
        if version <= self._versions.get(scope, 0):
            return False
        self._versions[scope] = version
        if event := self._events.pop(scope, None):
            event.set()
        return True

    def known(self, scope: str) -> int | None:
        """The newest version known committed in `scope`, when every commit is heard.

        Nothing newer has committed unless its notification is on its way, and a
        waiter behind it is woken when that arrives.
        """
        return self._versions.get(scope) if self._complete else None

    def listening(self) -> None:
        """Every commit is heard from now on; what came before may have been missed."""
        self._reset(complete=True)

    def deaf(self) -> None:
        """Commits may go unheard (the listener lost its connection)."""
        self._reset(complete=False)

    def _reset(self, *, complete: bool) -> None:
        """Forget every version and wake every waiter, to read again."""
        self._complete = complete
        self.epoch += 1
        self._versions.clear()
        events, self._events = self._events, {}
        for event in events.values():
            event.set()

    def drain(self) -> None:
        """End every wait now and every later one at once: the process is stopping.

        A stopping server waits for its requests in flight before it exits, and a
        long-poll or a stream is in flight for up to its whole wait; answered now,
        their clients reconnect to another process (or this one, restarted) within
        moments instead of a restart taking the wait's length.
        """
        self.draining = True
        events, self._events = self._events, {}
        for event in events.values():
            event.set()

    def nudge(self, scope: str) -> None:
        """Wake whoever waits in `scope` to look again, though nothing was published.

        `wait_beyond` goes back to waiting; `wait_once` returns.
        """
        if event := self._events.pop(scope, None):
            event.set()

    async def wait_once(self, scope: str, timeout: float) -> None:
        """Wait for anything in `scope`, or the timeout; the caller looks at what changed.

        Anything: a newer version, notifications lost or regained, a drain, a `nudge`.
        """
        if self.draining:
            return
        event = self._events.setdefault(scope, asyncio.Event())
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await event.wait()

    def heard_at(self, scope: str) -> float | None:
        """When (`time.perf_counter()`) this process last heard of a commit in `scope`."""
        return self._heard_at.get(scope)

    async def wait_beyond(self, scope: str, version: int, timeout: float) -> bool:
        """Wait until a version newer than `version` is published, or the timeout.

        True also when notifications may have been missed meanwhile: read again.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        epoch = self.epoch
        while self._versions.get(scope, 0) <= version and self.epoch == epoch:
            if self.draining:
                return False
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            event = self._events.setdefault(scope, asyncio.Event())
            # `timeout`, not `wait_for`: no task of its own per waiter, so a change
            # wakes thousands of waiters in one pass of the loop.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(remaining):
                    await event.wait()
        return True


EXIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)
"""What stops `desk server` (systemd's stop, Ctrl+C)."""


def drain_on_exit(notifier: ChangeNotifier, loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
    """Let an exit signal drain `notifier` before the signal's own handler runs.

    uvicorn's handler starts a graceful stop, which waits up to its timeout for every
    request in flight: long-polls and streams included, so a process holding them took
    10 s to restart while its clients waited. Returns what puts the handlers back.
    Only the main thread may set handlers: an embedded server (in a thread) is left
    as it is, its waits ending with their requests.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous: dict[int, Callable[[int, FrameType | None], object] | int | None] = {}

    def handle(signum: int, frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(notifier.drain)
        then = previous[signum]
        if callable(then):
            then(signum, frame)
        elif then == signal.SIG_DFL:  # no server handler: exit as the signal would
            signal.signal(signum, signal.SIG_DFL)
            signal.raise_signal(signum)

    for signum in EXIT_SIGNALS:
        previous[signum] = signal.signal(signum, handle)

    def restore() -> None:
        for signum, handler in previous.items():
            if signal.getsignal(signum) is handle:
                signal.signal(signum, handler)

    return restore


class Announcer:
    """Tells waiting readers about a commit, the right way for the database."""

    def __init__(self, notifier: ChangeNotifier, dialect: str) -> None:
        self._notifier = notifier
        self._postgres = dialect == "postgresql"

    def before_commit(self, session: Session, scope: str, version: int) -> None:
        """On PostgreSQL, queue a NOTIFY that is sent if and when the commit succeeds."""
        if self._postgres:
            session.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANNEL, "payload": f"{scope}:{version}"},
            )

    def after_commit(self, scope: str, version: int) -> None:
        """Wake this process's readers (on PostgreSQL LISTEN does it for every process)."""
        if not self._postgres:
            self._notifier.publish(scope, version)


async def listen_postgres(database_url: str, notifier: ChangeNotifier) -> None:
    """Feed PostgreSQL notifications into `notifier` until cancelled, reconnecting."""
    # Imported here: a server on SQLite (the demo's, inside the desktop bundle, which
    # leaves the PostgreSQL driver out) never needs it.
    import psycopg

    conninfo = make_url(database_url).set(drivername="postgresql").render_as_string(False)
    delay = 0.5
    while True:
        try:
            async for scope, version in _notifications(conninfo, notifier.listening):
                delay = 0.5
                notifier.publish_in_loop(scope, version)
        except (psycopg.Error, OSError) as error:
            log.warning("change listener lost its connection (%s); retrying", error)
        finally:
            notifier.deaf()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)


async def _notifications(
    conninfo: str, on_listening: Callable[[], None]
) -> AsyncIterator[tuple[str, int]]:
    import psycopg  # the server extra's: imported only where PostgreSQL is used

    async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
        await conn.execute(f"LISTEN {CHANNEL}")
        on_listening()
        async for note in conn.notifies():
            scope, _, version = note.payload.rpartition(":")
            if scope and version.isdigit():
                yield scope, int(version)
