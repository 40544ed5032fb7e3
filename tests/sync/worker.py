"""A headless sync client in a process of its own, for the crash-recovery tests to kill.

`tests/sync/test_crash_recovery.py` starts it again and again and SIGKILLs it at chosen
moments, as a power cut or the task manager would end the office app. It does what the
sync engine does, without Qt, so that it starts in a fraction of a second: push the
whole outbox, then pull until caught up (replaying what is still pending, as the engine
does), then exit 0.

It announces each step on stdout, one flushed line each, so the test can aim its kills:

    ready                 cache open, nothing sent yet
    push <first>-<last>   about to send the outbox commands with these seqs
    answer <n>            the server answered for n commands; not yet recorded locally
    pull <cursor>         about to ask for the page after <cursor>
    page <rows>           a page and its cursor committed (rows so far in this pull)
    search                an initial sync is ending: its search rebuild starts, after
                          the last page or inside the first page after an interruption
    done                  caught up with an empty outbox

Run: python tests/sync/worker.py [--page-limit N] [--batch N] -- CACHE SERVER_URL TOKEN
(the `--`, because a token may start with a dash)
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import Any

# Only the sync core: no Qt and no server code, so it is ready ~0.4 s after start.
import desk.models.search as search_module
import desk.sync.pull as pull_module
import desk.sync.push as push_module
from desk.models.cache import Cache, open_cache
from desk.sync.http import ServerApi
from desk.sync.outbox import client_id, replay


def say(line: str) -> None:
    """Announce a step; flushed at once so a kill right after it is aimed correctly."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class AnnouncingApi(ServerApi):
    """The real HTTP client, announcing each request before it goes out."""

    def push(self, client_id: str, commands: list[dict[str, Any]]) -> dict[str, Any]:
        """Send a batch, saying which seqs before and how many answers after."""
        say(f"push {commands[0]['seq']}-{commands[-1]['seq']}")
        answer = super().push(client_id, commands)
        say(f"answer {len(answer.get('results') or [])}")
        return answer

    def changes(
        self, after: str, *, limit: int, wait: int = 0, client_id: str | None = None
    ) -> dict[str, Any]:
        """Ask for one page, saying from where."""
        say(f"pull {after}")
        return super().changes(after, limit=limit, wait=wait, client_id=client_id)


_rebuild = search_module.rebuild


def _announced_rebuild(cursor: sqlite3.Cursor) -> None:
    say("search")
    _rebuild(cursor)


def sync(cache: Cache, api: ServerApi) -> None:
    """Push everything, then pull until caught up, as `SyncEngine.sync_once` does."""
    me = client_id(cache)
    push_module.push(api, cache, me)
    result = pull_module.pull(
        api, cache, client_id=me, progress=lambda rows, *_: say(f"page {rows}")
    )
    if result.rows:
        replay(cache)


def main(argv: list[str] | None = None) -> int:
    """Sync the cache once; the exit code is 0 only when it is caught up."""
    parser = argparse.ArgumentParser(description="A headless sync client, to be killed.")
    parser.add_argument("cache", type=Path)
    parser.add_argument("server_url")
    parser.add_argument("token")
    parser.add_argument("--page-limit", type=int, default=pull_module.PAGE_LIMIT)
    parser.add_argument("--batch", type=int, default=push_module.BATCH)
    args = parser.parse_args(argv)
    # Small pages and batches make many transactions, so a kill has many places to land.
    pull_module.PAGE_LIMIT = args.page_limit
    push_module.BATCH = args.batch
    # Both ways an initial sync ends (`rebuild_search` after its last page, or the
    # first page after an interruption) go through `search.rebuild`.
    search_module.rebuild = _announced_rebuild
    cache = open_cache(args.cache)
    api = AnnouncingApi(args.server_url, args.token)
    try:
        say("ready")
        sync(cache, api)
        say("done")
    finally:
        api.close()
        cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
