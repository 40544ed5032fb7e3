"""Pulling the change feed into the cache, one page per SQLite transaction.

Each page and its cursor commit together, so an interruption anywhere resumes from
the last committed page: nothing is lost and nothing applied out of order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desk.models.apply import MalformedPage, apply_page, read_cursor, reset_synced
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
    while True:
        try:
            page = api.changes(
                cursor, limit=PAGE_LIMIT, client_id=client_id, wait=wait if pages == 0 else 0
            )
        except MustRefetch:
            if refetched or stopping():
                raise  # a second 410 in one pull is a server fault, not a reason to loop
            reset_synced(cache)
            refetched = True
            cursor, initial, pages, rows = "0", True, 0, 0
            continue
        if stopping():  # the app is closing: leave this page for the next run
            return PullResult(pages, rows, cursor, initial)
        try:
            result = apply_page(cache, page, initial=initial)
        except MalformedPage as error:
            raise BadAnswer(f"the server sent a page the app cannot read: {error}") from error
        pages += 1
        rows += sum(result.applied.values())
        cursor = result.cursor
        if progress:
            progress(rows, cursor_version(cursor), result.version)
        if not result.has_more:
            break
    if initial and rows:
        rebuild_search(cache)
    return PullResult(pages, rows, cursor, initial)
