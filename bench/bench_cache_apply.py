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

Run: `.venv/bin/python bench/bench_cache_apply.py`
"""

from __future__ import annotations

import functools
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

from desk.core.kinds import ThreadKind
from desk.core.wire import TIME_FORMAT
from desk.models.apply import apply_page, validate_page, write_page
from desk.models.cache import Cache, open_cache
from desk.models.inbox import inbox_page
from desk.models.inbox_sql import InboxFilter
from desk.models.queries import counters, list_families
from desk.models.search import rebuild_search, search_messages, search_people
from desk.models.thread_view import conversation

PAGE_ROWS = 1_000
FAMILIES = 500
THREADS = 2_000
MESSAGES = 100_000
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

    def people(self) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]]]:
        families, guardians, students = [], [], []
        for n in range(FAMILIES):
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


def initial_pages(feed: Feed) -> tuple[list[dict[str, Any]], list[list[Any]]]:
    """The pages of an initial sync, and the threads for later pages to touch."""
    families, guardians, students = feed.people()
    family_ids = [row[0] for row in families]
    threads = [feed.thread(feed.rng.choice(family_ids)) for _ in range(THREADS)]
    thread_ids = [row[0] for row in threads]
    messages = [feed.message(feed.rng.choice(thread_ids)) for _ in range(MESSAGES)]
    pages = [
        *feed.pages("family", FAMILY, families),
        *feed.pages("guardian", GUARDIAN, guardians),
        *feed.pages("student", STUDENT, students),
        *feed.pages("thread", THREAD, threads),
        *feed.pages("message", MESSAGE, messages),
    ]
    return pages, threads


def initial_sync(cache: Cache, pages: list[dict[str, Any]]) -> None:
    rows = sum(len(page["tables"][0]["rows"]) for page in pages)
    applying = timed(lambda: [apply_page(cache, page, initial=True) for page in pages])
    building = timed(lambda: rebuild_search(cache))
    print(
        f"initial sync: {rows:,} rows in {len(pages)} pages (incl. {MESSAGES:,} messages): "
        f"apply {applying:.2f} s ({rows / applying:,.0f} rows/s) "
        f"+ rebuild_search {building:.2f} s = {applying + building:.2f} s"
    )


def incremental(cache: Cache, feed: Feed, threads: list[list[Any]], per_commit: int = 1) -> None:
    """Pages as a busy day sends them: new messages with their threads' new summaries.

    With `per_commit` > 1, that many pages share one transaction through
    `write_page`, as a sync engine catching up on a backlog may choose to.
    """
    thread_ids = [row[0] for row in threads]
    pages: list[dict[str, Any]] = []
    for _ in range(50):
        version = next(feed.version)
        messages = [feed.message(feed.rng.choice(thread_ids)) for _ in range(800)]
        touched = [list(row) for row in feed.rng.sample(threads, 200)]
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
    seconds = timed(lambda: apply_in_batches(cache, pages, per_commit))
    how = "apply_page" if per_commit == 1 else f"{per_commit} pages per transaction"
    print(
        f"incremental ({how}), search kept current: {rows:,} rows in {len(pages)} pages, "
        f"{seconds:.2f} s = {rows / seconds:,.0f} rows/s "
        f"({seconds / len(pages) * 1000:.1f} ms/page)"
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


def reads(cache: Cache, thread_id: str) -> None:
    """The first window's queries and some searches, best of several runs."""
    with cache.session() as session:
        inbox = best_ms(lambda: inbox_page(session, EVERY_KIND, limit=50))
        sms = best_ms(lambda: inbox_page(session, InboxFilter(("sms",), "unread"), limit=50))
        badge = best_ms(lambda: counters(session))
        thread = best_ms(lambda: conversation(session, thread_id))
        families = best_ms(lambda: list_families(session))
        family_search = best_ms(lambda: list_families(session, "smith"))
        print(
            f"reads: 50 newest threads {inbox:.2f} ms, 50 newest unread SMS threads {sms:.2f} ms, "
            f"counters {badge:.2f} ms, one thread's messages {thread:.2f} ms, "
            f"100 families {families:.2f} ms, families matching 'smith' {family_search:.2f} ms"
        )
        for query in ("the", "invoice", "cupcakes peanut", "pic", "kitic", "zzzz"):
            hits = len(search_messages(session, query))
            ms = best_ms(functools.partial(search_messages, session, query), repeat=5)
            print(f"search_messages({query!r}): {hits} hits, {ms:.2f} ms")
        for query in ("smith", "555 01", "5550134", "+1 202 555"):
            hits = len(search_people(session, query))
            ms = best_ms(functools.partial(search_people, session, query), repeat=5)
            print(f"search_people({query!r}): {hits} hits, {ms:.2f} ms")


def big_inbox(directory: Path) -> None:
    """The DESIGN.md §6 case: the 50 newest of 20,000 threads."""
    feed = Feed(seed=11)
    with open_cache(directory / "inbox.db") as cache:
        families = [str(uuid.uuid4()) for _ in range(500)]
        for page in feed.pages(
            "thread", THREAD, [feed.thread(feed.rng.choice(families)) for _ in range(20_000)]
        ):
            apply_page(cache, page)
        with cache.session() as session:
            inbox = best_ms(lambda: inbox_page(session, EVERY_KIND, limit=50))
            office = best_ms(
                lambda: inbox_page(session, InboxFilter(("office",), "open"), limit=50)
            )
            badge = best_ms(lambda: counters(session))
        print(
            f"20,000 threads: 50 newest {inbox:.2f} ms, 50 newest open office {office:.2f} ms, "
            f"counters {badge:.2f} ms"
        )


def main() -> None:
    """Three initial syncs into fresh caches, then three rounds of incremental pages.

    The runs are repeated because this machine is shared: one slow figure may be a
    neighbour's build, three of them are the cache.
    """
    feed = Feed()
    pages, threads = initial_pages(feed)
    with tempfile.TemporaryDirectory() as directory:
        opening = timed(lambda: open_cache(Path(directory) / "new.db").close())
        for run in range(3):
            path = Path(directory) / f"cache{run}.db"
            with open_cache(path) as cache:
                initial_sync(cache, pages)
        with open_cache(path) as cache:
            for _ in range(3):
                incremental(cache, feed, threads)
            incremental(cache, feed, threads, per_commit=5)
            reads(cache, threads[0][0])
            (messages,) = cache.raw.execute("SELECT count(*) FROM message").fetchone()
        reopening = best_ms(lambda: open_cache(path).close(), repeat=5)
        print(f"open: new cache (migrate) {opening * 1000:.0f} ms, existing {reopening:.1f} ms")
        size = path.stat().st_size / 2**20
        print(f"file size with {messages:,} messages: {size:.1f} MiB")
        big_inbox(Path(directory))


if __name__ == "__main__":
    main()
