"""A full disk under the cache: a clear, typed error, a whole rollback, and a retry that works.

The disk is filled for real (`tests.support.disk`: SQLite's page cap on the cache's
writing connection, free pages used up), so every failure comes from SQLite itself.
Each test writes something larger than a page, which cannot fit in the room left
inside used pages, so it needs the disk to grow, as a real full disk would refuse.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk.models.apply import apply_page, read_cursor, reset_synced
from desk.models.cache import Cache, DiskFull, StorageError
from desk.services.conversations import Conversations
from desk.services.drafts import load_draft, save_draft
from desk.sync.outbox import pending, remember_principal, replay, submit
from tests.support import disk
from tests.support.cache_checks import snapshot
from tests.support.feed import page, table

REPO_ROOT = Path(__file__).resolve().parents[2]
FULL = r"The disk is full: Front Desk could not save .+\. Free some space; nothing was lost\."


class Space:
    """The cache's disk: `fill()` it, `free()` it again."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache
        self._roomy: int | None = None

    def fill(self) -> None:
        self._roomy = disk.fill(self._cache.raw)

    def free(self) -> None:
        assert self._roomy is not None, "free() before fill()"
        disk.cap(self._cache.raw, self._roomy)


@pytest.fixture
def space(cache: Cache) -> Space:
    return Space(cache)


@pytest.fixture
def synced(cache: Cache) -> Cache:
    """A cache holding one thread, signed in as staff member s1."""
    apply_page(cache, page(table("thread", {"id": "t1", "version": 1}), cursor="1"))
    remember_principal(cache, "staff", "s1", "c1")
    return cache


def long_text(cache: Cache, word: str) -> str:
    return disk.larger_than_a_page(cache.raw, word)


def draft_body(cache: Cache, key: str) -> str | None:
    saved = load_draft(cache, key)
    return None if saved is None else saved.body


def messages(cache: Cache) -> list[tuple[object, ...]]:
    return cache.read("SELECT id, state FROM message ORDER BY id")


# -- drafts -----------------------------------------------------------------------------


def test_a_draft_that_does_not_fit_keeps_the_one_saved_before(cache: Cache, space: Space) -> None:
    save_draft(cache, "t1", "Hi Maria,")
    typed = long_text(cache, "trip")
    space.fill()
    with pytest.raises(DiskFull, match=FULL) as raised:
        save_draft(cache, "t1", typed)
    assert "could not save your draft" in str(raised.value)
    assert draft_body(cache, "t1") == "Hi Maria,"
    space.free()
    save_draft(cache, "t1", typed)
    assert draft_body(cache, "t1") == typed


def test_the_cache_keeps_working_after_a_full_disk(cache: Cache, space: Space) -> None:
    """Regression: a failed write must not leave the connection inside a transaction."""
    space.fill()
    for _ in range(3):
        with pytest.raises(DiskFull):
            save_draft(cache, "t1", long_text(cache, "again"))
    assert not cache.raw.in_transaction
    save_draft(cache, "t2", "short")  # room inside a used page: a full disk takes it too
    assert draft_body(cache, "t2") == "short"


# -- the outbox -------------------------------------------------------------------------


def test_a_command_and_its_effect_roll_back_together(synced: Cache, space: Space) -> None:
    body = long_text(synced, "pickup")
    before = snapshot(synced)
    space.fill()
    with pytest.raises(DiskFull, match=FULL) as raised:
        submit(synced, "send_message", {"message_id": "m1", "thread_id": "t1", "body": body})
    assert "could not save your message" in str(raised.value)
    after = snapshot(synced)
    after.pop(disk.FILLER)
    assert after == before  # no message, no thread summary, no outbox entry
    space.free()
    submit(synced, "send_message", {"message_id": "m1", "thread_id": "t1", "body": body})
    assert messages(synced) == [("m1", "queued")]
    assert [q.args["message_id"] for q in pending(synced)] == ["m1"]


def test_a_reply_typed_on_a_full_disk_stays_in_its_draft(synced: Cache, space: Space) -> None:
    conversations = Conversations(synced)
    typed = long_text(synced, "field")
    conversations.save_draft("t1", typed)
    space.fill()
    with pytest.raises(DiskFull, match=FULL):
        conversations.reply("t1", typed)
    assert conversations.draft("t1") == typed
    assert messages(synced) == []
    assert pending(synced) == []
    space.free()
    conversations.reply("t1", typed)
    assert conversations.draft("t1") == ""
    assert len(messages(synced)) == 1


# -- pulling ----------------------------------------------------------------------------


def test_a_page_and_its_cursor_roll_back_together(synced: Cache, space: Space) -> None:
    body = long_text(synced, "photo")
    incoming = page(
        table("family", {"id": "f1", "version": 2, "name": "Smith"}),
        table("message", {"id": "m9", "version": 2, "thread_id": "t1", "body": body}),
        cursor="2",
        version=2,
    )
    before = snapshot(synced)
    space.fill()
    with pytest.raises(DiskFull, match=FULL):
        apply_page(synced, incoming)
    after = snapshot(synced)
    after.pop(disk.FILLER)
    assert after == before
    assert read_cursor(synced) == "1"
    space.free()
    apply_page(synced, incoming)
    assert read_cursor(synced) == "2"
    assert messages(synced) == [("m9", "sent")]


def test_replaying_the_outbox_on_a_full_disk_changes_nothing_until_there_is_room(
    synced: Cache, space: Space
) -> None:
    """After a refetch from 0 (a 410), replay must put the queued reply back."""
    body = long_text(synced, "lunch")
    submit(synced, "send_message", {"message_id": "m1", "thread_id": "t1", "body": body})
    reset_synced(synced)
    apply_page(synced, page(table("thread", {"id": "t1", "version": 1}), cursor="1"))
    assert messages(synced) == []
    before = snapshot(synced)
    space.fill()
    with pytest.raises(DiskFull, match=FULL):
        replay(synced)
    after = snapshot(synced)
    after.pop(disk.FILLER)
    assert after == before
    space.free()
    replay(synced)
    assert messages(synced) == [("m1", "queued")]
    [(preview,)] = synced.read("SELECT last_message_preview FROM thread WHERE id = 't1'")
    assert body.startswith(preview)


# -- other storage failures -------------------------------------------------------------


def test_a_read_only_cache_file_says_so_and_loses_nothing(cache: Cache) -> None:
    save_draft(cache, "t1", "kept")
    cache.raw.execute("PRAGMA query_only = ON")  # SQLITE_READONLY, as a read-only file gives
    with pytest.raises(StorageError, match="could not save your draft") as raised:
        save_draft(cache, "t1", "lost?")
    assert not isinstance(raised.value, DiskFull)
    cache.raw.execute("PRAGMA query_only = OFF")
    assert draft_body(cache, "t1") == "kept"


CHILD = """
import json, os, resource, signal, sys
from pathlib import Path
from desk.models.cache import StorageError, open_cache
from desk.services.drafts import load_draft, save_draft

path = Path(sys.argv[1])
outcome = {}
with open_cache(path) as cache:
    save_draft(cache, "t1", "kept")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
    grown = max(os.path.getsize(f) for f in (path, Path(f"{path}-wal")))
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (grown + 4096, hard))
    try:
        save_draft(cache, "t1", "x" * 200_000)
    except StorageError as error:
        outcome["error"] = [type(error).__name__, str(error)]
    outcome["in_transaction"] = cache.raw.in_transaction
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
    outcome["before_retry"] = load_draft(cache, "t1").body
    save_draft(cache, "t1", "x" * 200_000)
    outcome["after_retry"] = len(load_draft(cache, "t1").body)
print(json.dumps(outcome))
"""


def test_a_commit_the_disk_refuses_rolls_back_and_the_retry_succeeds(tmp_path: Path) -> None:
    """A file-size limit makes the WAL append fail at COMMIT with a real EFBIG.

    SQLite answers SQLITE_IOERR there, the other way a disk refuses a write. The
    connection must come out of it with no transaction open, so the retry works. It
    runs in a child process because the limit applies to the whole process.
    """
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "cache.db")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["error"] == [
        "StorageError",
        "Front Desk could not save your draft: its data file cannot be written."
        " Check the disk; nothing was lost.",
    ]
    assert outcome["in_transaction"] is False
    assert outcome["before_retry"] == "kept"
    assert outcome["after_retry"] == 200_000
