"""The start-up snapshot: the cache's first inbox page and counters without SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desk.models.cache import Cache, open_cache
from desk.models.inbox import inbox_page
from desk.models.inbox_sql import InboxFilter
from desk.models.queries import counters
from desk.models.snapshot import Snapshot

WHEN = "2026-11-{day:02d}T09:00:00.000000Z"


def fill(cache: Cache) -> None:
    """A signed-in admin and threads of every channel and status, some without messages."""
    statuses = ["unread", "open", "closed"]
    kinds = ["office", "classroom", "group", "sms"]
    with cache.writing() as c:
        c.execute("INSERT INTO family VALUES ('f', 1, 'Diaz', '')")
        c.execute(
            "INSERT INTO staff (id, version, first_name, last_name, username, role, capabilities,"
            " phone, email, preferred_channel, language, sms_opt_in, active, admin_pin_hash)"
            " VALUES ('me', 1, 'Alex', 'Admin', 'alex', 'admin', 'admin,full_messaging',"
            " NULL, NULL, 'email', 'en', 1, 1, NULL)"
        )
        c.execute("INSERT INTO sync_meta VALUES ('principal_id', 'me')")
        c.executemany(
            "INSERT INTO thread VALUES (?, 1, ?, ?, 'f', NULL, NULL, NULL, '', NULL,"
            " '2026-01-01T00:00:00.000000Z', 0, ?, 'preview', 0, ?, NULL, NULL)",
            [
                (
                    f"t{n:02d}",
                    kinds[n % 4],
                    statuses[n % 3],
                    None if n % 5 == 0 else WHEN.format(day=1 + n // 2),
                    n % 4,
                )
                for n in range(40)
            ],
        )


def test_reads_the_same_pages_and_counters_as_the_cache(cache: Cache) -> None:
    fill(cache)
    snapshot = Snapshot.open(cache.path)
    assert snapshot is not None
    try:
        assert snapshot.capabilities() == "admin,full_messaging"
        with cache.session() as session:
            for filter_ in (
                InboxFilter(("office",)),
                InboxFilter(("classroom", "group"), "unread"),
                InboxFilter(("office", "classroom", "group", "sms")),
            ):
                after = None
                while expected := inbox_page(session, filter_, after, limit=7):
                    assert snapshot.page(filter_, after, limit=7) == expected
                    after = expected[-1]
                assert snapshot.page(filter_, after, limit=7) == []
            for kind in (None, "office", "classroom", "group", "sms"):
                assert snapshot.counters(kind) == counters(session, kind)
        assert snapshot.counters().unread_messages > 0
        assert snapshot.counters().open_conversations > 0
    finally:
        snapshot.close()


def test_reads_alongside_the_open_cache_without_writing_it(cache: Cache) -> None:
    fill(cache)
    snapshot = Snapshot.open(cache.path)
    assert snapshot is not None
    with cache.writing() as c:
        c.execute("UPDATE thread SET status = 'open' WHERE status = 'unread'")
    assert snapshot.counters().unread_messages == 0  # a later read sees the commit
    snapshot.close()
    with cache.writing() as c:  # and the snapshot left no lock behind
        c.execute("UPDATE thread SET status = 'closed'")


def test_gives_nothing_for_a_missing_or_foreign_file(tmp_path: Path) -> None:
    assert Snapshot.open(tmp_path / "none.db") is None
    (tmp_path / "notes.db").write_text("not a database")
    assert Snapshot.open(tmp_path / "notes.db") is None
    with open_cache(tmp_path / "empty.db") as empty:  # migrated, never synced
        snapshot = Snapshot.open(empty.path)
        assert snapshot is not None
        assert snapshot.capabilities() == ""
        assert snapshot.page(InboxFilter(("office",))) == []
        snapshot.close()


def test_importing_it_loads_neither_sqlalchemy_nor_the_orm() -> None:
    """Guards the cold start: the first paint must not wait for these imports."""
    probe = (
        "import sys, desk.models.snapshot;"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'desk'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = eval(done.stdout)  # our own probe's printed list
    assert not [m for m in loaded if m.startswith("sqlalchemy")]
    assert set(loaded) <= {
        "desk",
        "desk.core",
        "desk.core.kinds",
        "desk.core.status",
        "desk.core.user_errors",  # a few lines, the stopped conversation's refusal
        "desk.models",
        "desk.models.inbox_sql",
        "desk.models.snapshot",
    }
