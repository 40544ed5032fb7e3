"""Sync against a real server with the client's disk full: an error state, then it carries on.

Bob's cache runs out of room while Alice, on another workstation, sends long replies
(the disk is filled for real, see `tests.support.disk`). Bob's pull must fail with
the reason in the sync state, keep every page it committed, back off, and resume
from the last committed page once space is freed, with nothing lost or doubled.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desk.models.apply import read_cursor, reset_synced
from desk.models.cache import Cache, DiskFull, open_cache
from desk.sync import pull as pull_module
from desk.sync.outbox import waiting_count
from desk.sync.pull import pull
from desk.sync.state import Phase
from tests.support import disk
from tests.support.cache_checks import count_rows
from tests.support.factories import CentreIds
from tests.support.qt_async import Runner, until
from tests.support.server_process import ServerProcess
from tests.support.sync_client import Client, MakeClient, queue_reply

REPLIES = 3
PULL_FAILED = (
    "The disk is full: Front Desk could not save the latest changes from the server."
    " Free some space; nothing was lost. Sync resumes by itself."
)


class Space:
    """A cache's disk: `fill()` it, `free()` it again."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache
        self._roomy: int | None = None

    def fill(self) -> None:
        self._roomy = disk.fill(self._cache.raw)

    def free(self) -> None:
        assert self._roomy is not None, "free() before fill()"
        disk.cap(self._cache.raw, self._roomy)


def send_long_replies(alice: Client, thread_id: str, run_async: Runner) -> list[str]:
    """Alice sends replies too long for the room left in Bob's used pages."""
    body = disk.larger_than_a_page(alice.cache.raw, "trip")
    sent = [queue_reply(alice.cache, thread_id, f"{n} {body}") for n in range(REPLIES)]
    assert run_async(alice.engine.push_once()) is not None
    assert waiting_count(alice.cache) == 0
    return sent


def arrived(cache: Cache, message_ids: list[str]) -> int:
    marks = ", ".join("?" for _ in message_ids)
    return count_rows(cache, "message", f"id IN ({marks})", *message_ids)


def test_a_pull_on_a_full_disk_reports_why_and_succeeds_once_space_returns(
    server: ServerProcess, centre: CentreIds, make_client: MakeClient, run_async: Runner
) -> None:
    alice = make_client(server, centre.usernames["admin"], name="alice")
    bob = make_client(server, centre.usernames["admin"], name="bob")
    assert run_async(alice.engine.sync_once())
    assert run_async(bob.engine.sync_once())
    cursor = read_cursor(bob.cache)
    space = Space(bob.cache)
    space.fill()
    sent = send_long_replies(alice, centre.threads["office"], run_async)

    assert run_async(bob.engine.pull_once()) is None
    failed = bob.engine.state  # a name of its own, so mypy does not keep its phase narrowed
    assert failed.phase is Phase.ERROR
    assert failed.detail == PULL_FAILED
    assert arrived(bob.cache, sent) == 0
    assert read_cursor(bob.cache) == cursor

    space.free()
    assert run_async(bob.engine.pull_once()) is not None
    assert bob.engine.state.phase is Phase.ONLINE
    assert arrived(bob.cache, sent) == REPLIES


def test_the_sync_loop_backs_off_and_resumes_by_itself_when_space_returns(
    server: ServerProcess, centre: CentreIds, make_client: MakeClient, run_async: Runner
) -> None:
    alice = make_client(server, centre.usernames["admin"], name="alice")
    bob = make_client(server, centre.usernames["admin"], name="bob", long_poll=2)
    assert run_async(alice.engine.sync_once())
    assert run_async(bob.engine.sync_once())
    space = Space(bob.cache)
    space.fill()
    bob.engine.start()
    sent = send_long_replies(alice, centre.threads["office"], run_async)

    async def fails_then_recovers() -> None:
        await until(lambda: bob.engine.state.phase is Phase.ERROR, bob.engine.state_changed)
        assert bob.engine.state.detail == PULL_FAILED
        space.free()
        await until(
            lambda: arrived(bob.cache, sent) == REPLIES and bob.engine.state.phase is Phase.ONLINE,
            bob.engine.state_changed,
        )
        await bob.engine.stop()

    run_async(fails_then_recovers())
    assert count_rows(bob.cache, "message", "thread_id = ?", centre.threads["office"]) == REPLIES


def test_a_pull_cut_short_by_a_full_disk_resumes_after_its_last_committed_page(
    server: ServerProcess,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Carol pulls the same changes with room to spare: Bob must end where she does."""
    monkeypatch.setattr(pull_module, "PAGE_LIMIT", 2)  # a page per row or two
    alice = make_client(server, centre.usernames["admin"], name="alice")
    bob = make_client(server, centre.usernames["admin"], name="bob")
    carol = make_client(server, centre.usernames["admin"], name="carol")
    for client in (alice, bob, carol):
        assert run_async(client.engine.sync_once())
    assert read_cursor(bob.cache) == read_cursor(carol.cache)
    sent = send_long_replies(alice, centre.threads["office"], run_async)
    reference = pull(carol.api, carol.cache)
    assert reference.pages > 2

    space = Space(bob.cache)
    committed: list[str] = []

    def fill_after_the_first_page(_rows: int, _reached: int, _target: int) -> None:
        if not committed:
            space.fill()
        committed.append(read_cursor(bob.cache))

    with pytest.raises(DiskFull):
        pull(bob.api, bob.cache, progress=fill_after_the_first_page)
    assert 1 <= len(committed) < reference.pages
    assert read_cursor(bob.cache) == committed[-1]

    space.free()
    rest = pull(bob.api, bob.cache)
    assert len(committed) + rest.pages == reference.pages
    assert rest.cursor == reference.cursor
    assert arrived(bob.cache, sent) == REPLIES
    columns = "id, thread_id, body, state, version"
    assert bob.cache.read(f"SELECT {columns} FROM message ORDER BY id") == carol.cache.read(
        f"SELECT {columns} FROM message ORDER BY id"
    )


def pages_after_refetch(cache: Cache, client: Client, path: Path) -> tuple[int, int]:
    """Pages and free pages a page-for-page copy of `cache` holds once it has refetched.

    SQLite allocates pages deterministically, so the copy, pulling the same pages,
    ends exactly where `cache` will before it replays its outbox.
    """
    with sqlite3.connect(path) as copy:
        cache.raw.backup(copy)
    copy.close()
    with open_cache(path) as twin:
        pull(client.api, twin)
        [(pages, free)] = twin.read(
            "SELECT page_count, freelist_count FROM pragma_page_count, pragma_freelist_count"
        )
    return int(pages), int(free)


def test_a_replay_that_found_no_room_is_done_by_the_next_pull(
    server: ServerProcess,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
    tmp_path: Path,
) -> None:
    """Regression: the outbox was replayed only after a pull that brought rows.

    After a refetch from 0 (the server's 410), a queued reply exists only in the
    outbox until replay writes it back. If replay finds the disk full, the next pull,
    once there is room, brings no rows and must still replay, or the reply stays
    invisible while it waits to go out. The disk is left exactly the room the
    refetch needs, measured on a page-for-page copy.
    """
    bob = make_client(server, centre.usernames["admin"], name="bob")
    assert run_async(bob.engine.sync_once())
    body = "x" * (disk.page_size(bob.cache.raw) * 50)  # queued only: no server limit applies
    reply = queue_reply(bob.cache, centre.threads["office"], body)
    reset_synced(bob.cache)  # what a 410 does; the refetch is the engine's next pull
    roomy = disk.fill(bob.cache.raw)
    pages, free = pages_after_refetch(bob.cache, bob, tmp_path / "twin.db")
    assert free < 50, "the refetch must leave too few free pages for the reply"
    disk.cap(bob.cache.raw, pages)

    assert run_async(bob.engine.pull_once()) is None
    assert bob.engine.state.detail == PULL_FAILED
    assert read_cursor(bob.cache) != "0"  # the refetch itself was committed
    assert arrived(bob.cache, [reply]) == 0

    disk.cap(bob.cache.raw, roomy)
    result = run_async(bob.engine.pull_once())
    assert result is not None
    assert result.rows == 0
    assert count_rows(bob.cache, "message", "id = ? AND state = 'queued'", reply) == 1
