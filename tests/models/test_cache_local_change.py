"""`Cache.on_local_change`: the cache announces a user's change once it is saved.

The sync engine and the window's badges hang on this (issue 11), so it must fire
after the commit, only for local changes, from whatever thread wrote, and never turn
a saved change into an error the writer sees.
"""

from __future__ import annotations

import logging
import threading

import pytest

from desk.models.cache import Cache


def make_note(cache: Cache, *, local: bool) -> None:
    with cache.writing(local=local) as cursor:
        cursor.execute("INSERT INTO sync_meta (key, value) VALUES ('note', 'x')")


def test_a_local_change_is_announced_after_it_commits(cache: Cache) -> None:
    seen: list[list[tuple[str, ...]]] = []
    cache.on_local_change(lambda: seen.append(cache.read("SELECT value FROM sync_meta")))
    make_note(cache, local=True)
    assert seen == [[("x",)]]  # a listener reading the cache sees the committed row


def test_other_writes_are_not_announced(cache: Cache) -> None:
    calls: list[None] = []
    cache.on_local_change(lambda: calls.append(None))
    make_note(cache, local=False)
    assert calls == []


def test_a_rolled_back_change_is_not_announced(cache: Cache) -> None:
    calls: list[None] = []
    cache.on_local_change(lambda: calls.append(None))

    def refused() -> None:
        with cache.writing(local=True) as cursor:
            cursor.execute("INSERT INTO sync_meta (key, value) VALUES ('note', 'x')")
            raise ValueError("refused by a rule")

    with pytest.raises(ValueError, match="refused"):
        refused()
    assert calls == []
    assert cache.read("SELECT count(*) FROM sync_meta WHERE key = 'note'") == [(0,)]


def test_a_listener_runs_on_the_writing_thread(cache: Cache) -> None:
    threads: list[threading.Thread] = []
    cache.on_local_change(lambda: threads.append(threading.current_thread()))
    worker = threading.Thread(target=make_note, args=(cache,), kwargs={"local": True})
    worker.start()
    worker.join()
    assert threads == [worker]


def test_a_failing_listener_is_logged_and_the_change_kept(
    cache: Cache, caplog: pytest.LogCaptureFixture
) -> None:
    later: list[None] = []

    def broken() -> None:
        raise RuntimeError("listener bug")

    cache.on_local_change(broken)
    cache.on_local_change(lambda: later.append(None))
    with caplog.at_level(logging.ERROR, logger="desk.models.cache"):
        make_note(cache, local=True)
    assert cache.read("SELECT value FROM sync_meta WHERE key = 'note'") == [("x",)]
    assert later == [None]  # the other listeners still hear of it
    assert "listener bug" in caplog.text


def test_a_removed_listener_hears_nothing_more(cache: Cache) -> None:
    calls: list[None] = []
    stop = cache.on_local_change(lambda: calls.append(None))
    stop()
    stop()  # harmless twice
    make_note(cache, local=True)
    assert calls == []
