"""Benchmark of the client cache: initial sync, incremental pages, inbox and search reads.

Builds synthetic change-feed pages (500 families with their guardians and
students, 2,000 threads, 100,000 messages) in 1,000-row pages, as the server
sends them, and prints:

- initial sync (three fresh caches): every page applied with `initial=True`, then
  `rebuild_search`;
- incremental apply, rows/s with both search indexes kept current: three rounds
  of 50 pages (800 new messages + 200 thread summaries each) through `apply_page`,
  then one round committing five pages per transaction;
- the inbox (50 newest threads, also with 20,000 threads), counters and searches
  (the message bodies use a Zipf-like vocabulary, so "the" is in most of them).

Each figure is printed beside its floor (`floors.py`), measured in the same run:
for applying pages, plain `sqlite3.executemany` of the same rows into the same
tables, one transaction per page (with the secondary indexes deferred for an
initial sync, as it defers them; a bare upsert for the incremental pages, whose
search indexes the floor does not keep current); for the initial sync's total,
that plus the same search build, which restores the indexes; for reads, the SQL they ran replayed on
plain `sqlite3`; for opening a cache, a bare `sqlite3.connect` (and, for a new
one, its schema's statements run in one transaction).

Run: `.venv/bin/python bench/bench_cache_apply.py [--tiny]` (`--tiny`: a small
centre and few pages, to check the bench runs, not to measure).
"""

from __future__ import annotations

import argparse
import functools
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

from floors import Report, Samples, SqlReplay

from desk.core.kinds import ThreadKind
from desk.core.wire import TIME_FORMAT
from desk.models.apply import apply_page, validate_page, write_page
from desk.models.cache import Cache, open_cache
from desk.models.inbox import inbox_page
from desk.models.inbox_sql import InboxFilter
from desk.models.queries import counters, list_families
from desk.models.schema import defer_indexes
from desk.models.search import (
    rebuild,
    rebuild_search,
    search_messages,
    search_people,
)
from desk.models.thread_view import conversation

PAGE_ROWS = 1_000


@dataclass(frozen=True)
class Size:
    """How much the bench syncs."""

    families: int = 500
    threads: int = 2_000
    messages: int = 100_000
    initial_syncs: int = 3
    incremental_pages: int = 50
    page_messages: int = 800
    page_threads: int = 200
    big_inbox_threads: int = 20_000
    best_of: int = 20


FULL = Size()
TINY = Size(
    families=20,
    threads=50,
    messages=2_000,
    initial_syncs=1,
    incremental_pages=3,
    page_messages=80,
    page_threads=20,
    big_inbox_threads=500,
    best_of=2,
)
EVERY_KIND = InboxFilter(tuple(ThreadKind))  # the inbox of someone who may see every channel

# A Zipf-like vocabulary: a few words are in most messages, most words are rare.
DOMAIN_WORDS = [
    *("the", "and", "to", "for", "is", "at", "pickup", "lunch", "nap", "snack", "allergy"),
    *("medicine", "invoice", "payment", "tuition", "field", "trip", "photo", "permission"),
    *("form", "reminder", "tomorrow", "today", "monday", "friday", "early", "late", "sick"),
    *("fever", "teacher", "classroom", "painting", "music", "outside", "rain", "jacket"),
    *("boots", "spare", "clothes", "diaper", "birthday", "party", "cupcakes", "peanut"),
    *("thanks", "please", "schedule", "holiday", "closed", "meeting", "conference"),
    *("report", "progress", "reading", "counting", "blocks", "playground", "nurse", "bus"),
]
SYLLABLES = ("la", "mo", "ren", "tic", "dor")
WORDS = DOMAIN_WORDS + [f"{a}{b}{c}" for a in "bdfgklmnprst" for b in "aeiou" for c in SYLLABLES]
WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]
FIRST = ["Ava", "Ben", "Chloe", "Daniel", "Emma", "Finn", "Grace", "Henry", "Isla", "Jack"]
LAST = ["Smith", "Jones", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Moore", "Taylor"]

FAMILY = ["id", "version", "deleted", "name", "notes"]
GUARDIAN = [
    *("id", "version", "deleted", "family_id", "kind", "first_name", "last_name"),
    *("relationship", "phone", "email", "preferred_channel", "language"),
    *("sms_opt_in", "private_messaging"),
]
STUDENT = [
    *("id", "version", "deleted", "family_id", "room_id"),
    *("first_name", "last_name", "birth_date"),
]
THREAD = [
    *("id", "version", "deleted", "kind", "status", "family_id", "guardian_id", "room_id"),
    *("phone", "title", "created_by", "created_at", "stopped", "last_message_at"),
    *("last_message_preview", "message_count", "unread_count"),
]
MESSAGE = [
    *("id", "version", "deleted", "thread_id", "direction", "author_kind", "author_id"),
    *("from_phone", "subject", "body", "emergency_sms", "show_at_kiosk", "state", "error"),
    "created_at",
]


class Feed:
    """A fake server: hands out versions and 1,000-row pages."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.version = count(1)
        self.clock = 1_790_000_000.0

    def when(self) -> str:
        self.clock += self.rng.uniform(1, 60)
        return time.strftime(TIME_FORMAT.replace(".%f", ".000000"), time.gmtime(self.clock))

    def pages(
        self, name: str, columns: list[str], rows: list[list[Any]]
    ) -> Iterator[dict[str, Any]]:
        for start in range(0, len(rows), PAGE_ROWS):
            version = next(self.version)
            chunk = rows[start : start + PAGE_ROWS]
            for row in chunk:
                row[1] = version
            yield {
                "cursor": f"{version}:{name}:{chunk[-1][0]}",
                "has_more": True,
                "version": version,
                "last_seq": None,
                "tables": [{"name": name, "columns": columns, "rows": chunk}],
            }

    def body(self) -> str:
        words = self.rng.choices(WORDS, WEIGHTS, k=self.rng.randint(5, 40))
        return " ".join(words).capitalize()

    def people(self, size: Size) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]]]:
        families, guardians, students = [], [], []
        for n in range(size.families):
            family_id, last = str(uuid.uuid4()), self.rng.choice(LAST)
            families.append([family_id, 0, False, f"{last} family {n}", ""])
            for _ in range(self.rng.choice((1, 2, 2, 3))):
                first = self.rng.choice(FIRST)
                phone = f"+1202555{self.rng.randrange(10_000):04d}"
                guardians.append(
                    [
                        *(str(uuid.uuid4()), 0, False, family_id, "guardian", first, last),
                        *("parent", phone, None, "sms", "en", True, False),
                    ]
                )
            for _ in range(self.rng.choice((1, 1, 2))):
                first = self.rng.choice(FIRST)
                students.append(
                    [str(uuid.uuid4()), 0, False, family_id, None, first, last, "2021-05-04"]
                )
        return families, guardians, students

    def thread(self, family_id: str) -> list[Any]:
        kind = self.rng.choice(("office", "classroom", "sms"))
        status = self.rng.choice(("unread", "open", "closed"))
        created, last = self.when(), self.when()
        return [
            *(str(uuid.uuid4()), 0, False, kind, status, family_id, None, None, None, ""),
            *(None, created, False, last, "", 0, self.rng.randrange(3)),
        ]

    def message(self, thread_id: str) -> list[Any]:
        return [
            *(str(uuid.uuid4()), 0, False, thread_id, "out", "staff", None, None, ""),
            *(self.body(), False, False, "sent", "", self.when()),
        ]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def best_ms(action: Callable[[], object], repeat: int = 20) -> float:
    return min(timed(action) for _ in range(repeat)) * 1000


def initial_pages(feed: Feed, size: Size) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """The pages of an initial sync, and the threads for later pages to touch."""
    families, guardians, students = feed.people(size)
    family_ids = [row[0] for row in families]
    threads = [feed.thread(feed.rng.choice(family_ids)) for _ in range(size.threads)]
    thread_ids = [row[0] for row in threads]
    messages = [feed.message(feed.rng.choice(thread_ids)) for _ in range(size.messages)]
    pages = [
        *feed.pages("family", FAMILY, families),
        *feed.pages("guardian", GUARDIAN, guardians),
        *feed.pages("student", STUDENT, students),
        *feed.pages("thread", THREAD, threads),
        *feed.pages("message", MESSAGE, messages),
    ]
    return pages, threads


def plain_pages(
    path: Path, pages: list[dict[str, Any]], *, initial: bool, per_commit: int = 1
) -> float:
    """The floor of applying `pages`: `executemany` of their rows, `per_commit` pages a transaction.

    For an initial sync, plain `INSERT`s into tables whose secondary indexes are
    deferred as `apply_page(initial=True)` defers them (the search build restores
    them); otherwise a bare upsert (`INSERT … ON CONFLICT (id) DO UPDATE`) that
    leaves the search indexes alone. Only the columns the cache has are written (the
    feed's `deleted` flag is not one: the cache deletes such rows), and the rows
    are cut to them before the clock starts. The connection is the cache's own bulk
    stdlib connection (`Cache.raw`), with the pragmas the apply runs under: a
    default connection syncs every commit, which made the floor slower than the
    apply it is the floor of.
    """
    with open_cache(path) as cache:
        conn = cache.raw
        known: dict[str, set[str]] = {}
        work: list[list[tuple[str, list[tuple[Any, ...]]]]] = []
        for page in pages:
            statements = []
            for table in page["tables"]:
                name = table["name"]
                if name not in known:
                    known[name] = {row[1] for row in conn.execute(f"PRAGMA table_info({name})")}
                keep = [n for n, column in enumerate(table["columns"]) if column in known[name]]
                columns = [table["columns"][n] for n in keep]
                sql = (
                    f"INSERT INTO {name} ({', '.join(columns)})"
                    f" VALUES ({', '.join('?' * len(columns))})"
                )
                if not initial:
                    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
                    sql += f" ON CONFLICT (id) DO UPDATE SET {updates}"
                statements.append((sql, [tuple(row[n] for n in keep) for row in table["rows"]]))
            work.append(statements)
        if initial:
            conn.execute("BEGIN IMMEDIATE")
            for name in known:
                defer_indexes(conn.cursor(), name)
            conn.execute("COMMIT")
        started = time.perf_counter()
        for first in range(0, len(work), per_commit):
            conn.execute("BEGIN IMMEDIATE")
            for statements in work[first : first + per_commit]:
                for sql, rows in statements:
                    conn.executemany(sql, rows)
            conn.execute("COMMIT")
        return time.perf_counter() - started


def initial_sync(report: Report, folder: Path, run: int, pages: list[dict[str, Any]]) -> Path:
    """One initial sync into a fresh cache, beside the same rows inserted plainly."""
    rows = sum(len(page["tables"][0]["rows"]) for page in pages)
    path = folder / f"cache{run}.db"
    with open_cache(path) as cache:
        applying = timed(lambda: [apply_page(cache, page, initial=True) for page in pages])
        building = timed(lambda: rebuild_search(cache))
    floor_path = folder / f"floor{run}.db"
    open_cache(floor_path).close()
    inserting = plain_pages(floor_path, pages, initial=True)
    with open_cache(floor_path) as floor_cache:  # its stdlib connection, as the apply's
        conn = floor_cache.raw
        conn.execute("BEGIN IMMEDIATE")
        started = time.perf_counter()
        rebuild(conn.cursor())
        conn.execute("COMMIT")
        floor_building = time.perf_counter() - started
    report.rate(
        f"initial sync {run + 1}: apply {rows:,} rows in {len(pages)} pages",
        rows / applying,
        rows / inserting,
        "rows/s",
        "plain executemany of the same rows, indexes deferred, a transaction per page",
    )
    report.seconds(
        f"initial sync {run + 1}: apply + rebuild_search",
        applying + building,
        inserting + floor_building,
        "plain executemany, indexes deferred, then the same search build",
    )
    return path


def incremental(
    report: Report,
    cache: Cache,
    feed: Feed,
    threads: list[list[Any]],
    size: Size,
    per_commit: int = 1,
) -> None:
    """Pages as a busy day sends them: new messages with their threads' new summaries.

    With `per_commit` > 1, that many pages share one transaction through
    `write_page`, as a sync engine catching up on a backlog may choose to. The
    floor writes the same rows into a copy of the cache as it was before them.
    """
    thread_ids = [row[0] for row in threads]
    pages: list[dict[str, Any]] = []
    for _ in range(size.incremental_pages):
        version = next(feed.version)
        messages = [feed.message(feed.rng.choice(thread_ids)) for _ in range(size.page_messages)]
        touched = [list(row) for row in feed.rng.sample(threads, size.page_threads)]
        for row in messages:
            row[1] = version
        for row in touched:
            row[1], row[13], row[14] = version, feed.when(), "new message"
        pages.append(
            {
                "cursor": str(version),
                "has_more": False,
                "version": version,
                "last_seq": None,
                "tables": [
                    {"name": "message", "columns": MESSAGE, "rows": messages},
                    {"name": "thread", "columns": THREAD, "rows": touched},
                ],
            }
        )
    rows = sum(len(t["rows"]) for page in pages for t in page["tables"])
    cache.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    floor_path = cache.path.with_name("incremental-floor.db")
    shutil.copyfile(cache.path, floor_path)
    seconds = timed(lambda: apply_in_batches(cache, pages, per_commit))
    floor = plain_pages(floor_path, pages, initial=False, per_commit=per_commit)
    floor_path.unlink()
    how = "apply_page" if per_commit == 1 else f"{per_commit} pages per transaction"
    how_plain = "a transaction per page" if per_commit == 1 else how
    report.rate(
        f"incremental ({how}), search kept current: {rows:,} rows",
        rows / seconds,
        rows / floor,
        "rows/s",
        f"plain executemany upsert, {how_plain}, no search index",
        note=f"({seconds / len(pages) * 1000:.1f} ms/page)",
    )


def apply_in_batches(cache: Cache, pages: list[dict[str, Any]], per_commit: int) -> None:
    if per_commit == 1:
        for page in pages:
            apply_page(cache, page)
        return
    for start in range(0, len(pages), per_commit):
        batch = [validate_page(page) for page in pages[start : start + per_commit]]
        with cache.writing() as cursor:
            for valid in batch:
                write_page(cursor, valid)


def read(
    report: Report, sql: SqlReplay, label: str, action: Callable[[], object], repeat: int
) -> None:
    """One read, best of `repeat`, beside its SQL replayed on plain sqlite3."""
    statements = sql.capture(action)
    report.best(
        label,
        best_ms(action, repeat),
        best_ms(functools.partial(sql.replay, statements), repeat),
        "the same SQL on plain sqlite3",
    )


def reads(report: Report, cache: Cache, thread_id: str, size: Size) -> None:
    """The first window's queries and some searches, best of several runs."""
    sql = SqlReplay(cache)
    repeat = size.best_of
    with cache.session() as session:
        for label, action in (
            ("50 newest threads", lambda: inbox_page(session, EVERY_KIND, limit=50)),
            (
                "50 newest unread SMS threads",
                lambda: inbox_page(session, InboxFilter(("sms",), "unread"), limit=50),
            ),
            ("counters", lambda: counters(session)),
            ("one thread's messages", lambda: conversation(session, thread_id)),
            ("100 families", lambda: list_families(session)),
            ("families matching 'smith'", lambda: list_families(session, "smith")),
        ):
            read(report, sql, f"read: {label}", action, repeat)
        for query in ("the", "invoice", "cupcakes peanut", "pic", "kitic", "zzzz"):
            hits = len(search_messages(session, query))
            found = functools.partial(search_messages, session, query)
            read(report, sql, f"search_messages({query!r}): {hits} hits", found, min(repeat, 5))
        for query in ("smith", "555 01", "5550134", "+1 202 555"):
            hits = len(search_people(session, query))
            people = functools.partial(search_people, session, query)
            read(report, sql, f"search_people({query!r}): {hits} hits", people, min(repeat, 5))


def big_inbox(report: Report, directory: Path, size: Size) -> None:
    """The DESIGN.md §6 case: the 50 newest of 20,000 threads."""
    feed = Feed(seed=11)
    with open_cache(directory / "inbox.db") as cache:
        families = [str(uuid.uuid4()) for _ in range(500)]
        for page in feed.pages(
            "thread",
            THREAD,
            [feed.thread(feed.rng.choice(families)) for _ in range(size.big_inbox_threads)],
        ):
            apply_page(cache, page)
        sql = SqlReplay(cache)
        n = f"{size.big_inbox_threads:,} threads"
        with cache.session() as session:
            for label, action in (
                (f"{n}: 50 newest", lambda: inbox_page(session, EVERY_KIND, limit=50)),
                (
                    f"{n}: 50 newest open office",
                    lambda: inbox_page(session, InboxFilter(("office",), "open"), limit=50),
                ),
                (f"{n}: counters", lambda: counters(session)),
            ):
                read(report, sql, label, action, size.best_of)


def opening(report: Report, directory: Path, existing: Path, repeat: int) -> None:
    """Opening a new cache (migrating it) and an existing one, beside bare connects."""
    fresh = iter(range(10**6))

    def open_new() -> None:
        open_cache(directory / f"new{next(fresh)}.db").close()

    with closing(sqlite3.connect(existing)) as source:
        schema = [
            sql
            for (sql,) in source.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
                " AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            )
        ]
    shadow = {"message_search", "people_search"}

    def bare_new() -> None:
        with closing(sqlite3.connect(directory / f"bare{next(fresh)}.db")) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("BEGIN")
            for statement in schema:
                if not any(
                    statement.startswith(f"CREATE TABLE '{name}_") for name in shadow
                ):  # an FTS5 table makes its own shadow tables
                    conn.execute(statement)
            conn.execute("COMMIT")

    report.times(
        "open: new cache (migrate)",
        Samples(tuple(timed(open_new) * 1000 for _ in range(repeat))),
        Samples(tuple(timed(bare_new) * 1000 for _ in range(repeat))),
        "bare sqlite3.connect + the same schema's statements in one transaction",
    )

    def bare_existing() -> None:
        with closing(sqlite3.connect(existing)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    report.times(
        "open: existing cache",
        Samples(tuple(timed(lambda: open_cache(existing).close()) * 1000 for _ in range(repeat))),
        Samples(tuple(timed(bare_existing) * 1000 for _ in range(repeat))),
        "bare sqlite3.connect + one read of its schema",
    )


def main() -> None:
    """Initial syncs into fresh caches, then rounds of incremental pages, then reads.

    The initial syncs are repeated because this machine is shared: one slow figure
    may be a neighbour's build, three of them are the cache.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="a small centre, to check it runs")
    size = TINY if parser.parse_args().tiny else FULL
    report = Report(
        f"client cache: {size.families:,} families, {size.threads:,} threads,"
        f" {size.messages:,} messages in {PAGE_ROWS:,}-row pages"
    )
    feed = Feed()
    pages, threads = initial_pages(feed, size)
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        for run in range(size.initial_syncs):
            path = initial_sync(report, folder, run, pages)
        with open_cache(path) as cache:
            for _ in range(3):
                incremental(report, cache, feed, threads, size)
            incremental(report, cache, feed, threads, size, per_commit=5)
            reads(report, cache, threads[0][0], size)
            (messages,) = cache.raw.execute("SELECT count(*) FROM message").fetchone()
        opening(report, folder, path, 5 if size is FULL else 2)
        report.note(f"file size with {messages:,} messages: {path.stat().st_size / 2**20:.1f} MiB")
        big_inbox(report, folder, size)
    report.close()


if __name__ == "__main__":
    main()
