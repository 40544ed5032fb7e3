"""Pulling the change feed into the cache, one page per SQLite transaction.

Each page and its cursor commit together, so an interruption anywhere resumes from
the last committed page: nothing is lost and nothing applied out of order.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.models.apply import (
    ApplyResult,
    MalformedPage,
    apply_page,
    read_cursor,
    reset_synced,
)
from desk.models.cache import Cache
from desk.models.search import rebuild_search
from desk.sync.errors import BadAnswer, MustRefetch
from desk.sync.http import ServerApi

PAGE_LIMIT = 5000

Progress = Callable[[int, int, int], None]  # rows so far, version reached, target version


@dataclass(frozen=True)
class PullResult:
    """What one pull did."""

    pages: int
    rows: int
    cursor: str
    initial: bool


def cursor_version(cursor: str) -> int:
    """The server version a feed cursor has reached (`V`, `V:table:id`, either `/A`)."""
    return int(cursor.partition("/")[0].partition(":")[0] or 0)


def pull(
    api: ServerApi,
    cache: Cache,
    *,
    client_id: str | None = None,
    progress: Progress | None = None,
    wait: int = 0,
    stopping: Callable[[], bool] = lambda: False,
) -> PullResult:
    """Apply every page newer than the cache's cursor.

    With `wait`, the first request long-polls: it returns as soon as the server has
    something new, or empty after `wait` seconds.

    Raises:
        BadAnswer: when a page is malformed; the cache is left as it was.
        SyncError: for network and server failures (already applied pages stay).
    """
    cursor = read_cursor(cache)
    initial = cursor == "0"
    pages = rows = 0
    refetched = False
    with _Pages(api, client_id) as feed:
        feed.request(cursor, wait)
        while True:
            try:
                page = feed.next()
            except MustRefetch:
                if refetched or stopping():
                    raise  # a second 410 in one pull is a server fault, not a reason to loop
                reset_synced(cache)
                refetched = True
                cursor, initial, pages, rows = "0", True, 0, 0
                feed.request(cursor, 0)
                continue
            if stopping():  # the app is closing: leave this page for the next run
                return PullResult(pages, rows, cursor, initial)
            if page.get("has_more") is True and isinstance(page.get("cursor"), str):
                # The server prepares the next page while this one is applied; if this
                # one turns out malformed, the prefetched page is dropped unread.
                feed.request(page["cursor"], 0)
            result = apply_checked(cache, page, initial=initial)
            pages += 1
            rows += sum(result.applied.values())
            cursor = result.cursor
            if progress:
                progress(rows, cursor_version(cursor), result.version)
            if not result.has_more:
                break
    if initial and rows:
        rebuild_search(cache)
    if pages:
        cache.checkpointer.request()  # not in the next commit, on the sync's path
    return PullResult(pages, rows, cursor, initial)


class _Pages:
    """Feed pages requested one ahead: fetching page N+1 overlaps applying page N.

    The first request of a pull runs in the caller's thread (it may be a long-poll,
    and most pulls are a single page); later ones run in one helper thread, so the
    `requests` session is never used by two threads at once.
    """

    def __init__(self, api: ServerApi, client_id: str | None) -> None:
        self._api = api
        self._client_id = client_id
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future[dict[str, Any]] | None = None
        self._now: tuple[str, int] | None = None
        self._requested = False

    def __enter__(self) -> _Pages:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def request(self, cursor: str, wait: int) -> None:
        """Ask for the page after `cursor`; `next` returns it."""
        if not self._requested:
            self._requested = True
            self._now = (cursor, wait)  # fetched in `next`, in this thread
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-feed")
        self._pending = self._pool.submit(self._fetch, cursor, wait)

    def next(self) -> dict[str, Any]:
        """The page last requested (raising what fetching it raised)."""
        if self._now is not None:
            cursor, wait = self._now
            self._now = None
            return self._fetch(cursor, wait)
        assert self._pending is not None, "next() without request()"
        pending, self._pending = self._pending, None
        return pending.result()

    def _fetch(self, cursor: str, wait: int) -> dict[str, Any]:
        return self._api.changes(cursor, limit=PAGE_LIMIT, client_id=self._client_id, wait=wait)


def apply_checked(cache: Cache, page: object, *, initial: bool = False) -> ApplyResult:
    """Apply a page of the feed; a page the cache cannot read is the server's fault.

    Raises:
        BadAnswer: the page is malformed; nothing of it was applied.
    """
    try:
        return apply_page(cache, page, initial=initial)
    except MalformedPage as error:
        raise BadAnswer(
            QT_TRANSLATE_NOOP("Errors", "the server sent a page the app cannot read: {problem}"),
            problem=str(error),
        ) from error
