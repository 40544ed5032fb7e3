"""`pull` fetches the next page while it applies the current one, and checkpoints after."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any, cast

from desk.models.apply import read_cursor
from desk.models.cache import open_cache
from desk.sync.http import ServerApi
from desk.sync.pull import pull
from tests.support.feed import page, table

WAIT = 5.0


class _SlowToRead(dict):  # type: ignore[type-arg]
    """A page whose `tables` cannot be read (so cannot be applied) until `released`."""

    def __init__(self, body: dict[str, Any], released: threading.Event) -> None:
        super().__init__(body)
        self.released = released
        self.waited_out = False

    def __getitem__(self, key: str) -> Any:
        if key == "tables" and not self.released.wait(WAIT):
            self.waited_out = True
        return super().__getitem__(key)


class _Feed:
    """Three pages of threads; the second is asked for while the first is applied."""

    def __init__(self) -> None:
        self.second_asked = threading.Event()
        self.asked_from: list[str] = []
        self.first = _SlowToRead(self._page(1, more=True), self.second_asked)

    @staticmethod
    def _page(n: int, *, more: bool) -> dict[str, Any]:
        body = page(table("thread", {"id": f"t{n}", "version": n}), cursor=str(n), version=n)
        body["has_more"] = more
        return body

    def changes(self, after: str, **_options: Any) -> dict[str, Any]:
        self.asked_from.append(threading.current_thread().name)
        if after == "0":
            return self.first
        if after == "1":
            self.second_asked.set()
            return self._page(2, more=True)
        return self._page(3, more=False)


def test_the_next_page_is_fetched_while_one_is_applied(tmp_path: Path) -> None:
    feed = _Feed()
    with open_cache(tmp_path / "cache.db") as cache:
        result = pull(cast(ServerApi, feed), cache)

        assert not feed.first.waited_out, "page 2 was only asked for after page 1 was applied"
        assert result.pages == 3
        assert read_cursor(cache) == "3"
        first, *later = feed.asked_from
        assert first == threading.current_thread().name  # a long-poll waits in the caller
        assert len(later) == 2
        assert all(name.startswith("desk-feed") for name in later)
        assert cache.checkpointer.wait_idle(WAIT)


def test_a_pull_folds_the_write_ahead_log_back_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    with open_cache(path) as cache:
        pull(cast(ServerApi, _Feed()), cache)
        assert cache.checkpointer.wait_idle(WAIT)
        # `immutable` reads the database file alone, ignoring the write-ahead log.
        file_only = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        try:
            ids = [row[0] for row in file_only.execute("SELECT id FROM thread ORDER BY id")]
        finally:
            file_only.close()
        assert ids == ["t1", "t2", "t3"]
