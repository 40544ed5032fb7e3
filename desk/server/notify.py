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
import time
from collections.abc import AsyncIterator

from sqlalchemy import make_url, text
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
CHANNEL = "desk_changes"


class ChangeNotifier:
    """The newest version seen per centre, and a way to wait for a newer one."""

    def __init__(self) -> None:
        self._versions: dict[str, int] = {}
        self._events: dict[str, asyncio.Event] = {}
        self._heard_at: dict[str, float] = {}  # time.perf_counter() of the last publish
        self._loop: asyncio.AbstractEventLoop | None = None

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
        if version <= self._versions.get(scope, 0):
            return
        self._versions[scope] = version
        self._heard_at[scope] = time.perf_counter()
        if event := self._events.pop(scope, None):
            event.set()

    def heard_at(self, scope: str) -> float | None:
        """When (`time.perf_counter()`) this process last heard of a commit in `scope`."""
        return self._heard_at.get(scope)

    async def wait_beyond(self, scope: str, version: int, timeout: float) -> bool:
        """Wait until a version newer than `version` is published, or the timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._versions.get(scope, 0) <= version:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            event = self._events.setdefault(scope, asyncio.Event())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
        return True


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
            async for scope, version in _notifications(conninfo):
                delay = 0.5
                notifier.publish_in_loop(scope, version)
        except (psycopg.Error, OSError) as error:
            log.warning("change listener lost its connection (%s); retrying", error)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)


async def _notifications(conninfo: str) -> AsyncIterator[tuple[str, int]]:
    import psycopg

    async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
        await conn.execute(f"LISTEN {CHANNEL}")
        async for note in conn.notifies():
            scope, _, version = note.payload.rpartition(":")
            if scope and version.isdigit():
                yield scope, int(version)
