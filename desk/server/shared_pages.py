"""A change read once per visibility class, its page handed to every client waiting for it.

When a centre's version moves, every long-poll of the centre wakes at once. Reading
and encoding the feed page once per woken client cost about 6.5 ms of server CPU
each (issue 16), so wake-up time grew with the number of clients. Here the clients
woken together are served together: one read transaction per centre and cursor,
one feed page per visibility class (`class_key`), encoded once, and per client
only what is the client's own (the access part of its cursor, its `last_seq`), both
read for all of them in one statement each.

A class holds the principals whose feed rows are the same: `desk.server.feed.visible`
and `sent_columns` depend on the caller only through its `Audience` and, for staff
without full messaging access, on who they are (group threads they belong to) and
their rooms. A client whose cursor is older than the version others wait at forms a
batch of its own: its own query, as before.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import NamedTuple

import orjson
from sqlalchemy.orm import Session

from desk.server import metrics
from desk.server.commands.batch import last_applied_seqs
from desk.server.db import Database
from desk.server.feed import (
    Audience,
    Cursor,
    CursorAhead,
    access_versions,
    changed_tables,
    check_access,
    read_rows,
)
from desk.server.principal import Principal
from desk.server.versioning import current_version


class ClassKey(NamedTuple):
    """Everything the feed's row and column filters read from a caller.

    Two callers with equal keys receive byte-identical pages from the same cursor
    (a property test checks it), so one page serves both.
    """

    centre: str
    audience: Audience
    me: str  # "" when the rows do not depend on who the caller is
    rooms: tuple[str, ...]


def class_key(principal: Principal) -> ClassKey:
    """The visibility class of `principal`."""
    audience = Audience.of(principal)
    personal = not audience.kiosk and not audience.full_messaging
    if not personal:
        return ClassKey(principal.centre_id, audience, "", ())
    return ClassKey(principal.centre_id, audience, principal.id, tuple(sorted(principal.room_ids)))


class FeedAnswer(NamedTuple):
    """A feed request's answer: the body, the snapshot's version, its rows, its cursor."""

    body: bytes
    version: int
    rows: int
    cursor: str


@dataclass(frozen=True)
class SharedPage:
    """A class's page from one cursor, with its tables already encoded."""

    position: str  # the end cursor without its access part
    has_more: bool
    version: int
    row_count: int
    tables: bytes  # the JSON of the page's `tables`

    def answer(self, access: int, last_seq: int | None) -> FeedAnswer:
        """The wire form for one client: the shared tables spliced, not encoded again."""
        cursor = f"{self.position}/{access}"
        body = orjson.dumps(
            {
                "cursor": cursor,
                "has_more": self.has_more,
                "version": self.version,
                "last_seq": last_seq,
                "tables": orjson.Fragment(self.tables),
            }
        )
        return FeedAnswer(body, self.version, self.row_count, cursor)


WAKE_SLICE = 200
"""Waiters woken in one pass of the event loop. Each woken stream writes its page in
that pass; 2,000 of them held the loop for 50 ms, and a command's POST arriving then
waited for all of them (and again at each of its hops between loop and threads)."""

PageKey = tuple[ClassKey, int, int, int]
"""(class, cursor version, limit, snapshot version): what a shared page was read for."""

CACHE_PAGES = 512
"""Most pages kept: a few per class of the busiest centres."""
CACHE_BYTES = 32 * 1024 * 1024
"""Most encoded bytes kept: a first page of an initial sync can be megabytes."""
CACHE_SECONDS = 30.0
"""How long a page is kept for clients whose poll arrives after the others were served."""


class PageCache:
    """Recent shared pages, bounded in number, bytes and age; safe across threads."""

    def __init__(
        self,
        size: int = CACHE_PAGES,
        seconds: float = CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        *,
        max_bytes: int = CACHE_BYTES,
    ) -> None:
        if size < 1 or seconds <= 0 or max_bytes < 1:
            raise ValueError("a page cache needs room for a page and a positive lifetime")
        self._pages: OrderedDict[PageKey, tuple[float, SharedPage]] = OrderedDict()
        self._size, self._seconds, self._clock = size, seconds, clock
        self._max_bytes, self.bytes = max_bytes, 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    def get(self, key: PageKey) -> SharedPage | None:
        """The page read for `key`, unless it has expired."""
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            if self._clock() - found[0] > self._seconds:
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return found[1]

    def put(self, key: PageKey, page: SharedPage) -> None:
        """Keep `page`, dropping the least recently used beyond the bounds.

        A page larger than the whole byte bound is not kept at all.
        """
        if len(page.tables) > self._max_bytes:
            return
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = (self._clock(), page)
            self.bytes += len(page.tables)
            while len(self._pages) > self._size or self.bytes > self._max_bytes:
                self._drop(next(iter(self._pages)))

    def _drop(self, key: PageKey) -> None:
        _, page = self._pages.pop(key)
        self.bytes -= len(page.tables)


class Reader(NamedTuple):
    """Who reads the feed, with what its pages depend on worked out once.

    A stream keeps one for its life; a change wakes thousands of them, and working
    out each one's class again was a tenth of the server's CPU (bench_load).
    """

    caller: Principal
    klass: ClassKey
    client_id: str | None

    @classmethod
    def of(cls, caller: Principal, client_id: str | None) -> Reader:
        """The reader for `caller` on the client `client_id` (None: not given)."""
        return cls(caller, class_key(caller), client_id)


@dataclass(frozen=True)
class Waiter:
    """A request waiting for its page: a woken long-poll, or a parked stream.

    `answer` is resolved with the page, or with None by whoever ends a parked
    stream's wait (`desk.server.parked_streams`).
    """

    reader: Reader
    cursor: Cursor
    answer: asyncio.Future[FeedAnswer | None]


BatchKey = tuple[str, int, int]
"""(centre, cursor version, limit): clients served by one read transaction."""


class SharedFeed:
    """Serves woken long-polls in batches, one read per centre, cursor and class."""

    def __init__(self, db: Database, reads: Executor, cache: PageCache | None = None) -> None:
        self._db = db
        self._reads = reads
        self.cache = cache if cache is not None else PageCache()
        self._gathering: dict[BatchKey, list[Waiter]] = {}
        self._running: set[asyncio.Task[int | None]] = set()

    async def page_after(
        self, caller: Principal, cursor: Cursor, limit: int, client_id: str | None
    ) -> FeedAnswer:
        """The encoded page after `cursor` (a whole version) for `caller`.

        Raises:
            CursorAhead: as `read_page` does.
        """
        loop = asyncio.get_running_loop()
        key = (caller.centre_id, cursor.version, limit)
        batch = self._gathering.get(key)
        if batch is None:
            # Started after the callbacks already queued: every long-poll woken by the
            # same change is queued by then and joins this batch.
            batch = self._gathering[key] = []
            loop.call_soon(self._start, key)
        waiter = Waiter(Reader.of(caller, client_id), cursor, loop.create_future())
        batch.append(waiter)
        answer = await waiter.answer
        assert answer is not None  # only a parked stream's wait ends without a page
        return answer

    def _start(self, key: BatchKey) -> None:
        waiters = self._gathering.pop(key)
        task = asyncio.get_running_loop().create_task(self.serve(key, waiters))
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def serve(self, key: BatchKey, waiters: list[Waiter]) -> int | None:
        """Answer every waiter of `key` from one read; the snapshot's version, if read."""
        loop = asyncio.get_running_loop()
        try:
            answers = await loop.run_in_executor(self._reads, self._read, key, waiters)
        except Exception as error:  # each waiting request answers it as a lone read would
            for waiter in waiters:
                if not waiter.answer.done():
                    waiter.answer.set_exception(error)
            return None
        version = None
        for n, (waiter, answer) in enumerate(zip(waiters, answers, strict=True), 1):
            if isinstance(answer, FeedAnswer):
                version = answer.version
            if waiter.answer.done():  # the client went away
                pass
            elif isinstance(answer, CursorAhead):
                waiter.answer.set_exception(answer)
            else:
                waiter.answer.set_result(answer)
            if n % WAKE_SLICE == 0:
                await asyncio.sleep(0)
        return version

    def _read(self, key: BatchKey, waiters: list[Waiter]) -> list[FeedAnswer | CursorAhead]:
        """Every waiter's answer, from one snapshot."""
        centre, after, limit = key
        with metrics.FEED_PAGE_SECONDS.time(), self._db.reading() as session:
            upto = current_version(session, centre)
            if after > upto:
                ahead = f"cursor version {after} is newer than the server's {upto}"
                return [CursorAhead(ahead) for _ in waiters]
            staff = (w.reader.caller.id for w in waiters if not w.reader.klass.audience.kiosk)
            granted = access_versions(session, staff)
            seqs = last_applied_seqs(
                session,
                ((w.reader.caller, w.reader.client_id) for w in waiters if w.reader.client_id),
            )
            pages: dict[ClassKey, SharedPage] = {}
            probe = _Probe(centre, Cursor(after), upto)
            # Clients of one class, access and last_seq get the same bytes.
            made: dict[tuple[ClassKey, int, int | None], FeedAnswer] = {}
            answers: list[FeedAnswer | CursorAhead] = []
            for waiter in waiters:
                caller, klass, client_id = waiter.reader
                access = 0 if klass.audience.kiosk else granted.get(caller.id, 0)
                try:
                    check_access(waiter.cursor, access)
                except CursorAhead as refused:
                    answers.append(refused)
                    continue
                seq = seqs.get((caller.id, client_id)) if client_id else None
                answer = made.get(made_key := (klass, access, seq))
                if answer is None:
                    page = pages.get(klass)
                    if page is None:
                        page = pages[klass] = self._page(session, waiter.reader, limit, probe)
                    answer = made[made_key] = page.answer(access, seq)
                answers.append(answer)
            return answers

    def _page(self, session: Session, reader: Reader, limit: int, probe: _Probe) -> SharedPage:
        """The page of the reader's class, from the cache or read and encoded now."""
        key = (reader.klass, probe.cursor.version, limit, probe.upto)
        page = self.cache.get(key)
        if page is None:
            window = (limit, probe.upto)
            changed = probe(session)
            rows = read_rows(session, reader.caller, probe.cursor, window, None, changed=changed)
            page = SharedPage(
                rows.cursor, rows.has_more, rows.version, rows.row_count, orjson.dumps(rows.tables)
            )
            self.cache.put(key, page)
        return page


class _Probe:
    """Which tables changed after a batch's cursor: asked once, for every class read.

    The question does not depend on the caller (`changed_tables`), and it is the
    largest statement of a read; the four classes a centre's change typically wakes
    (admins, office, a teacher, kiosks) asked it four times.
    """

    def __init__(self, centre: str, cursor: Cursor, upto: int) -> None:
        self.centre, self.cursor, self.upto = centre, cursor, upto
        self._tables: list[int] | None = None

    def __call__(self, session: Session) -> list[int]:
        if self._tables is None:
            self._tables = changed_tables(session, self.centre, self.cursor, self.upto)
        return self._tables
