"""Following the change feed as a stream: each change applied as soon as it comes.

Once the cache has caught up (`pull`), the engine follows `/changes/stream`
instead of asking again after every change: one request carries every page for
up to its `wait`, so a change costs the client no new request, and the server no
new sign-in check and read (issue 16). Each page commits with its cursor, as a
pulled one does, so a stream cut anywhere resumes from the last page applied.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.models.apply import read_cursor
from desk.models.cache import Cache
from desk.sync.errors import StreamRefused
from desk.sync.http import ServerApi
from desk.sync.outbox import replay
from desk.sync.pull import PAGE_LIMIT, apply_checked

# The server sends a stream's first page at once and keeps the stream open `wait`
# seconds after it. A first page later than this, with the stream's end hard on its
# heels, was held back by something on the way (a buffering proxy) until the stream
# ended: long-polling delivers sooner there. A slow server alone delays the first
# page, not the end after it.
HELD_BACK_SECONDS = 5.0

# How long a stream is asked to last. Each new stream costs the server a request, a
# sign-in check and a first read; it checks the sign-in again, and sends a page,
# every long-poll wait meanwhile.
STREAM_SECONDS = 300


@dataclass(frozen=True)
class FollowResult:
    """What one stream brought: pages and rows applied, and the cursor reached."""

    pages: int
    rows: int
    cursor: str


def follow(
    api: ServerApi,
    cache: Cache,
    *,
    wait: int,
    quiet: int,
    client_id: str | None = None,
    applied: Callable[[int], None] = lambda rows: None,
    stopping: Callable[[], bool] = lambda: False,
) -> FollowResult:
    """Apply the pages of one stream from the cache's cursor until it ends.

    The stream lasts about `wait` seconds, and the server sends a page at least every
    `quiet` seconds (its long-poll wait).

    After each page that changed rows, the outbox is replayed over them (DESIGN.md
    §4) and `applied(rows)` is called, so views re-read at once, not at the end.

    Raises:
        StreamRefused: the feed cannot be streamed here (refused, or held back by a
            proxy: pages that did arrive are applied first); long-poll instead.
        MustRefetch: the cursor belongs to other data; the cache must sync from 0.
        BadAnswer: a page is malformed; the cache is left as it was before it.
        SyncError: for network and server failures (applied pages stay).
    """
    cursor = read_cursor(cache)
    pages = rows = 0
    started = time.monotonic()
    first: float | None = None  # when the first page arrived
    stream = api.follow_changes(
        cursor, limit=PAGE_LIMIT, wait=wait, quiet=quiet, client_id=client_id
    )
    with contextlib.closing(stream):  # leaving early closes the connection at once
        for page in stream:
            if stopping():  # the app is closing: leave this page for the next run
                break
            if first is None:
                first = time.monotonic()
            result = apply_checked(cache, page)
            pages += 1
            cursor = result.cursor
            changed = sum(result.applied.values())
            if changed:
                replay(cache)
                rows += changed
                applied(changed)
    if pages:
        cache.checkpointer.request()
    if (
        first is not None
        and wait > HELD_BACK_SECONDS
        and first - started > HELD_BACK_SECONDS
        and time.monotonic() - first < HELD_BACK_SECONDS
    ):
        raise StreamRefused(
            QT_TRANSLATE_NOOP("Errors", "changes are held back on the way from the server")
        )
    if not pages and not stopping():
        raise StreamRefused(
            QT_TRANSLATE_NOOP("Errors", "the change stream ended before its first page")
        )
    return FollowResult(pages, rows, cursor)
