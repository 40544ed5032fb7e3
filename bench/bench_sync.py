"""Benchmark of sync end to end: a real server process on loopback and a real cache.

Seeds a centre of 500 families and 100,000 messages (`seed_centre`) into a fresh SQLite
server database in a temporary folder, starts `python -m desk server` on it and prints,
each with its target:

- initial sync: from the first change-feed request until `pull` returns, which for an
  initial sync includes `rebuild_search` (DESIGN.md §4, §6), at the client's page size,
  after one unmeasured initial sync into a throwaway cache (a running server has its
  database in memory; the first read after seeding measures the disk instead);
- incremental apply: 30,000 new messages written on the server in 30 transactions of
  1,000 (each stamped through `desk.server.versioning.stamp`), then one `pull` with
  the search index kept current; rows/s end to end, and of `apply_page` alone;
- one command's round trip, median and p95 over 200 replies, measured twice: as the
  app does it, with a running `SyncEngine` (following the feed's stream, as it
  does once caught up: the confirmed row arrives on the open stream) from `submit`
  to the server's confirmed row in the cache; the same with the engine long-polling
  instead (as where a proxy refuses the stream); and step by step,
  `submit` + `push` + the `pull` (and replay) that brings the confirmed row back.

Beside them, measured in the same run against the same server (issue 16, item 6),
each bench figure's floor and the ratio to it:

- initial sync floor: the same feed pages fetched by a bare loop of requests on one
  kept connection (urllib3, `orjson.loads`), then the same rows inserted with plain
  `sqlite3.executemany` into the same (empty) tables of a fresh cache, one
  transaction per page: no validation, staging, search or index deferral. Both are
  timed; the floor is the slower of the two, since a bare loop could overlap them
  as `pull` does (the sum would not be a floor). The transfer runs right after the
  initial sync; the insert runs last, so that its writes do not slow the figures
  measured in between, and the initial sync's line is printed then, at the end;
- round trip floor: two bare HTTP requests on one kept connection (`http.client`)
  per reply, the `POST /commands` of one `send_message` and the `GET /changes` that
  brings its row back, decoded. Beside it, the server process's CPU time per reply,
  in the engine and in the floor (from `/proc`, Linux only): on loopback, when it is
  most of the round trip, the server's own handling is what bounds it.

The load average is printed at the start and the end: figures taken while the
machine is busy with other work are slower, floors included.

Client and server share the machine, as they do on an office laptop running the
embedded server; both cores are busy during a pull.

Run: `.venv/bin/python bench/bench_sync.py [--families N] [--messages N] [--tiny]`;
`--tiny` (a few families, a few hundred messages, 20 replies) runs in seconds, for a
smoke test that the bench still works; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import http.client
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import orjson
import urllib3
from sqlalchemy import select

import desk.sync.pull as pull_module
from desk.core.ids import new_id
from desk.core.kinds import Direction, MessageState, ThreadKind
from desk.models.apply import ApplyResult, read_cursor
from desk.models.cache import Cache, open_cache
from desk.models.schema import MIRRORED
from desk.server import orm
from desk.server.db import Database, open_database
from desk.server.migrate import upgrade
from desk.server.versioning import stamp
from desk.services.account import adopt
from desk.sync.http import ServerApi
from desk.sync.outbox import client_id, replay, submit
from desk.sync.pull import PAGE_LIMIT, pull
from desk.sync.push import push
from desk.tools.seeding import DEMO_ADMIN_USERNAME, DEMO_PASSWORD, Scale, seed_centre

REPO_ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2025, 6, 4, 19, 30, tzinfo=UTC)
WARM_UPS = 1
WORDS = ["pickup", "lunch", "nap", "fever", "field", "trip", "photo", "invoice", "rain"]


# -- the server --------------------------------------------------------------------------


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Served:
    """A running server process: where it answers, and its process id."""

    url: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """CPU time the server process has used so far (user + system); None off Linux.

        Read from `/proc`, so that a figure can say how much of it the server's own
        work was, whatever else the machine is doing.
        """
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return None
        fields = stat.rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def server_process(database_url: str, folder: Path) -> Iterator[Served]:
    """`python -m desk server` on loopback until the block ends; yields it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DESK_DATABASE_URL": database_url,
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    argv = [sys.executable, "-m", "desk", "server", "--host", "127.0.0.1", "--port", str(port)]
    log_path = folder / "server.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        wait_until_healthy(url, process, log_path)
        yield Served(url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll the health endpoint until it answers 200, or fail with the server's output."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log.read_text()[-3000:]}")
        try:
            with opener.open(f"{url}/api/v1/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the server never became healthy:\n{log.read_text()[-3000:]}")


def stream_messages(
    database: Database, centre_id: str, count: int, batch: int
) -> list[tuple[str, str]]:
    """New parent messages on the server, `batch` per transaction, each stamped.

    Returns (id, body) of each message written.
    """
    rng = random.Random(3)
    with database.reading() as session:
        threads = list(
            session.scalars(
                select(orm.Thread.id).where(
                    orm.Thread.centre_id == centre_id, orm.Thread.kind != ThreadKind.GROUP
                )
            )
        )
    written: list[tuple[str, str]] = []
    moment = NOW
    for _ in range(0, count, batch):
        with database.writing() as session:
            for _ in range(batch):
                moment += timedelta(seconds=7)
                message_id = new_id()
                body = " ".join(rng.choices(WORDS, k=rng.randint(4, 20)))
                session.add(
                    orm.Message(
                        id=message_id,
                        centre_id=centre_id,
                        thread_id=rng.choice(threads),
                        direction=Direction.INBOUND,
                        body=body,
                        state=MessageState.SENT,
                        created_at=moment,
                    )
                )
                written.append((message_id, body))
            stamp(session, centre_id)
    return written


# -- printing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One measured figure, with its target and the floor measured beside it.

    Attributes:
        label: what was measured.
        value: the figure, in `unit`.
        unit: "s", "ms" or "rows/s".
        target: the figure to reach, if any.
        floor: the same work done by the barest code, in the same run and unit.
        more_is_better: True for rates (rows/s), False for times.
    """

    label: str
    value: float
    unit: str
    target: float | None = None
    floor: float | None = None
    more_is_better: bool = False


def show(figure: Figure | str) -> None:
    """Print one figure (beside its target, floor and ratio), or a line of text.

    All of the bench's output goes through here, so its layout can change in one place.
    """
    if isinstance(figure, str):
        print(figure)
        return

    def amount(value: float) -> str:
        return f"{value:,.0f} {figure.unit}" if value >= 1000 else f"{value:.2f} {figure.unit}"

    line = f"{figure.label:<58} {amount(figure.value):>12}"
    if figure.target is not None:
        met = (figure.value > figure.target) == figure.more_is_better
        sign = ">" if figure.more_is_better else "<"
        target = f"{sign} {amount(figure.target)}"
        line += f"   target {target:<16} {'ok' if met else 'MISSED'}"
    if figure.floor is not None:
        ratio = (
            figure.floor / figure.value if figure.more_is_better else figure.value / figure.floor
        )
        line += f"   floor {amount(figure.floor)}, {ratio:.2f}x the floor"
    print(line)


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, for the record beside the figures."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# -- measuring --------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    """How much each part of the bench does (`--tiny` makes all of it small)."""

    scale: Scale
    stream_messages: int = 30_000
    stream_batch: int = 1_000
    round_trips: int = 200


TINY = Sizes(
    Scale(families=20, messages=500), stream_messages=300, stream_batch=100, round_trips=20
)


@dataclass
class Breakdown:
    """Where a pull's time went: fetching pages, applying them, rebuilding search."""

    fetch: float = 0.0
    apply: float = 0.0
    search: float = 0.0

    def __str__(self) -> str:
        return (
            f"fetching pages (server query, JSON, HTTP) {self.fetch:.2f} s,"
            f" applying them {self.apply:.2f} s, search rebuild {self.search:.2f} s"
        )


@contextlib.contextmanager
def broken_down(api: ServerApi) -> Iterator[Breakdown]:
    """Time what `pull` does while the block runs, by wrapping what it calls."""
    spent = Breakdown()
    # `pull` calls these through its module's namespace, where they are swapped below.
    namespace = vars(pull_module)
    real_apply: Callable[..., ApplyResult] = namespace["apply_page"]
    real_rebuild: Callable[[Cache], None] = namespace["rebuild_search"]
    real_changes = api.changes

    def apply(cache: Cache, page: object, *, initial: bool = False) -> ApplyResult:
        started = time.perf_counter()
        try:
            return real_apply(cache, page, initial=initial)
        finally:
            spent.apply += time.perf_counter() - started

    def rebuild(cache: Cache) -> None:
        started = time.perf_counter()
        try:
            real_rebuild(cache)
        finally:
            spent.search += time.perf_counter() - started

    def changes(after: str, **kwargs: Any) -> dict[str, Any]:
        started = time.perf_counter()
        try:
            return real_changes(after, **kwargs)
        finally:
            spent.fetch += time.perf_counter() - started

    namespace.update(apply_page=apply, rebuild_search=rebuild)
    api.changes = changes  # type: ignore[method-assign]
    try:
        yield spent
    finally:
        namespace.update(apply_page=real_apply, rebuild_search=real_rebuild)
        del api.changes


def count_rows(cache: Cache, sql: str, *params: Any) -> int:
    """The integer a `SELECT count(*)` answers."""
    with cache.writing() as cursor:
        return int(cursor.execute(sql, params).fetchone()[0])


@dataclass(frozen=True)
class Bare:
    """The bare floors' way to the server: its address and the bench's token."""

    host: str
    port: int
    token: str

    @classmethod
    def of(cls, api: ServerApi) -> Bare:
        """The server `api` talks to, with its token."""
        parts = urlsplit(api.base_url)
        assert api.token is not None
        assert parts.hostname
        assert parts.port
        return cls(parts.hostname, parts.port, api.token)

    @property
    def headers(self) -> dict[str, str]:
        """What every bare request sends."""
        return {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}


def bare_transfer(bare: Bare) -> tuple[list[bytes], float]:
    """Every page of an initial sync by a bare request loop, each decoded.

    Returns:
        The pages as they came (bytes, which cost the collector nothing while the
        rest of the bench runs), and the seconds fetching and decoding took.
    """
    pool = urllib3.HTTPConnectionPool(bare.host, bare.port, maxsize=1, retries=False)
    bodies: list[bytes] = []
    cursor = "0"
    started = time.perf_counter()
    while True:
        query = urlencode({"after": cursor, "limit": PAGE_LIMIT, "wait": 0})
        answer = pool.request("GET", f"/api/v1/changes?{query}", headers=bare.headers)
        page = orjson.loads(answer.data)
        bodies.append(answer.data)
        if not page["has_more"]:
            break
        cursor = page["cursor"]
    seconds = time.perf_counter() - started
    pool.close()
    return bodies, seconds


def bare_insert(bodies: list[bytes], path: Path) -> float:
    """Seconds to insert the pages' rows with plain `executemany`, a transaction per page.

    Into the tables of a fresh cache at `path`, as it creates them, with the cache's
    own journal settings; each row binds as decoded (numbered parameters skip the
    `deleted` flag, which the cache does not store). Decoding is not timed here:
    `bare_transfer` timed it.
    """
    pages = [orjson.loads(body) for body in bodies]
    open_cache(path).close()  # the same tables as the synced cache
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA synchronous = NORMAL")  # as the cache runs
        started = time.perf_counter()
        for page in pages:
            connection.execute("BEGIN")
            for table in page["tables"]:
                columns = table["columns"]
                kept = [n for n, c in enumerate(columns, 1) if c in MIRRORED.get(table["name"], ())]
                if not kept or kept[-1] != len(columns):  # the last value must be bound
                    raise RuntimeError(f"the floor cannot bind {table['name']}'s columns")
                connection.executemany(
                    f"INSERT OR REPLACE INTO {table['name']}"
                    f" ({', '.join(columns[n - 1] for n in kept)})"
                    f" VALUES ({', '.join(f'?{n}' for n in kept)})",
                    table["rows"],
                )
            connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


@dataclass(frozen=True)
class InitialSync:
    """A measured initial sync, and the pages its floor inserts at the end of the bench."""

    label: str
    seconds: float
    spent: Breakdown
    transfer: float
    bodies: list[bytes]


def initial_sync(api: ServerApi, cache: Cache, me: str, folder: Path) -> InitialSync:
    """Time a whole initial sync, search rebuild included, and the bare transfer of its pages.

    `WARM_UPS` go into throwaway caches first (the server's page cache fills), then
    the measured one into `cache`, then the same pages by a bare request loop. Their
    plain insert waits for the end of the bench (`initial_floor`), so that its disk
    writes do not slow the figures measured after this one.
    """
    for n in range(WARM_UPS):
        with open_cache(folder / f"warm-up-{n}.db") as throwaway:
            adopt(throwaway, api)
            pull(api, throwaway, client_id=client_id(throwaway))
    with broken_down(api) as spent:
        started = time.perf_counter()
        result = pull(api, cache, client_id=me)
        seconds = time.perf_counter() - started
    assert result.initial, "the cache was not empty"
    bodies, transfer = bare_transfer(Bare.of(api))
    pages = map(orjson.loads, bodies)
    assert sum(len(t["rows"]) for p in pages for t in p["tables"]) == result.rows
    label = f"initial sync, {result.rows:,} rows in {result.pages} pages"
    return InitialSync(label, seconds, spent, transfer, bodies)


def initial_floor(measured: InitialSync, folder: Path) -> None:
    """Insert the initial sync's pages by plain `executemany`; print the sync beside its floor."""
    insert = bare_insert(measured.bodies, folder / "floor.db")
    # A bare loop could overlap the two as `pull` does, so the slower one is the floor.
    floor = max(measured.transfer, insert)
    show(Figure(measured.label, measured.seconds, "s", target=1.2, floor=floor))
    show(f"    {measured.spent} (fetching overlaps applying)")
    show(f"    floor: bare transfer {measured.transfer:.2f} s, plain executemany {insert:.2f} s")


def incremental(
    api: ServerApi, cache: Cache, me: str, database: Database, centre: str, sizes: Sizes
) -> None:
    """Time pulling a stream of new messages with search kept current."""
    written = stream_messages(database, centre, sizes.stream_messages, sizes.stream_batch)
    with broken_down(api) as spent:
        started = time.perf_counter()
        result = pull(api, cache, client_id=me)
        seconds = time.perf_counter() - started
    label = f"incremental pull, {result.rows:,} rows in {result.pages} pages"
    show(Figure(label, result.rows / seconds, "rows/s", target=30_000, more_is_better=True))
    show(f"    {seconds:.2f} s: {spent}")
    show(
        Figure(
            "incremental apply_page alone (client side)",
            result.rows / spent.apply,
            "rows/s",
            target=30_000,
            more_is_better=True,
        )
    )
    # The index was kept current: new messages are found by their words.
    for message_id, body in random.Random(9).sample(written, min(20, len(written))):
        found = count_rows(
            cache,
            "SELECT count(*) FROM message_search JOIN message AS m"
            " ON m.rowid = message_search.rowid WHERE message_search MATCH ? AND m.id = ?",
            " ".join(f'"{word}"' for word in set(body.split())),
            message_id,
        )
        assert found == 1, f"new message {message_id} is not searchable"


def reply_threads(cache: Cache) -> list[str]:
    """Chat threads the bench replies in."""
    with cache.writing() as cursor:
        return [
            row[0]
            for row in cursor.execute(
                "SELECT id FROM thread WHERE kind IN ('office', 'classroom') AND NOT stopped"
                " ORDER BY id LIMIT 20"
            )
        ]


def median_p95(samples: list[float]) -> tuple[float, float]:
    """The median and 95th percentile of `samples` (at least two)."""
    return statistics.median(samples), statistics.quantiles(samples, n=20)[-1]


def engine_round_trips(
    api: ServerApi, cache: Cache, me: str, count: int, *, stream: bool = True
) -> list[float]:
    """Milliseconds from submit until the confirmed row is in the cache, per command.

    Measured through a running engine, following the feed's stream as in the app
    (or, with `stream` False, long-polling as where a proxy refuses the stream).
    """
    from desk.sync.engine import SyncEngine
    from desk.sync.state import Phase

    threads = reply_threads(cache)
    rng = random.Random(6)
    confirmed = "SELECT count(*) FROM message WHERE id = ? AND version > 0"

    async def measure() -> list[float]:
        engine = SyncEngine(cache, api, me, stream=stream)
        changed = asyncio.Event()
        engine.data_changed.connect(changed.set)
        engine.start()
        while engine.state.phase is not Phase.ONLINE:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)  # the stream is open, as in a running app
        assert engine.streaming == stream, "the engine fell back to long-polls"
        samples = []
        try:
            for _ in range(WARM_UPS + count):
                message_id = new_id()
                changed.clear()
                started = time.perf_counter()
                submit(
                    cache,
                    "send_message",
                    {"message_id": message_id, "thread_id": rng.choice(threads), "body": "Ok"},
                )  # which wakes the engine's pusher by itself
                while not count_rows(cache, confirmed, message_id):
                    await asyncio.wait_for(changed.wait(), 10)
                    changed.clear()
                samples.append((time.perf_counter() - started) * 1000)
                await asyncio.sleep(0.005)  # the next reply is typed later
        finally:
            await engine.stop()
        return samples[WARM_UPS:]

    samples: list[float] = qt_event_loop().run_until_complete(measure())
    return samples


@functools.cache
def qt_event_loop() -> Any:
    """The one qasync loop of this run, as the app has one for its whole life.

    A loop per measurement crashed the bench: a closed loop's timer object, left in
    reference cycles, was freed by a collection on a worker thread with its timers
    still registered, and Qt then fired one at the freed object (a segfault, about two
    runs in three on the 2-core machine).
    """
    import qasync
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication([])
    return qasync.QEventLoop(app)


def round_trips(api: ServerApi, cache: Cache, me: str, count: int) -> dict[str, list[float]]:
    """Milliseconds of submit, push, the pull bringing the confirmed row back, and all."""
    threads = reply_threads(cache)
    rng = random.Random(5)
    steps: dict[str, list[float]] = {"submit": [], "push": [], "pull": [], "whole": []}
    for _ in range(count):
        message_id = new_id()
        started = time.perf_counter()
        submit(
            cache,
            "send_message",
            {"message_id": message_id, "thread_id": rng.choice(threads), "body": "On my way"},
        )
        submitted = time.perf_counter()
        push(api, cache, me)
        pushed = time.perf_counter()
        if pull(api, cache, client_id=me).rows:
            replay(cache)
        done = time.perf_counter()
        for step, seconds in zip(
            steps,
            (submitted - started, pushed - submitted, done - pushed, done - started),
            strict=True,
        ):
            steps[step].append(seconds * 1000)
        confirmed = "SELECT count(*) FROM message WHERE id = ? AND version > 0"
        assert count_rows(cache, confirmed, message_id) == 1
    return steps


def bare_round_trips(bare: Bare, cache: Cache, count: int) -> list[float]:
    """Milliseconds of two bare requests per reply on one kept connection.

    `POST /commands` with one `send_message` (from a client id of its own, so the
    cache's outbox numbering is untouched), then `GET /changes` after the last
    cursor, which brings the message back; both answers decoded.
    """
    threads = reply_threads(cache)
    rng = random.Random(7)
    connection = http.client.HTTPConnection(bare.host, bare.port, timeout=30)
    headers = {**bare.headers, "Content-Type": "application/json"}

    def exchange(method: str, path: str, body: bytes | None = None) -> dict[str, Any]:
        connection.request(method, path, body, headers)
        answer = connection.getresponse()
        decoded: dict[str, Any] = orjson.loads(answer.read())
        assert answer.status == 200, decoded
        return decoded

    mine = new_id()
    cursor = read_cursor(cache)
    while True:  # catch up first: only the reply's own row should come back
        page = exchange("GET", f"/api/v1/changes?{urlencode({'after': cursor, 'limit': 5000})}")
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    samples = []
    try:
        for seq in range(1, WARM_UPS + count + 1):
            message_id = new_id()
            command = {
                "command_id": new_id(),
                "seq": seq,
                "name": "send_message",
                "args": {"message_id": message_id, "thread_id": rng.choice(threads), "body": "Ok"},
            }
            started = time.perf_counter()
            pushed = exchange(
                "POST", "/api/v1/commands", orjson.dumps({"client_id": mine, "commands": [command]})
            )
            query = urlencode({"after": cursor, "limit": 5000, "client_id": mine})
            page = exchange("GET", f"/api/v1/changes?{query}")
            samples.append((time.perf_counter() - started) * 1000)
            assert pushed["results"][0]["status"] == "applied", pushed
            assert any(row[0] == message_id for t in page["tables"] for row in t["rows"])
            cursor = page["cursor"]
    finally:
        connection.close()
    return samples[WARM_UPS:]


def server_cpu_ms(
    served: Served, count: int, work: Callable[[], list[float]]
) -> tuple[list[float], str]:
    """Run `work` (`count` replies); returns its samples and the server's CPU per reply.

    A loopback round trip has no network to wait for: when the server's CPU per
    reply is most of the round trip, the server's handling bounds it, not Nagle,
    delayed ACKs or lost keep-alives (the client and the server both set
    TCP_NODELAY and keep their connections).
    """
    before = served.cpu_seconds()
    samples = work()
    after = served.cpu_seconds()
    if before is None or after is None:
        return samples, "unknown"
    return samples, f"{(after - before) * 1000 / (count + WARM_UPS):.1f} ms"


def all_round_trips(api: ServerApi, cache: Cache, me: str, count: int, served: Served) -> None:
    """Time a reply's round trip in the running engine and step by step, beside the floor."""
    engine, engine_cpu = server_cpu_ms(
        served, count, lambda: engine_round_trips(api, cache, me, count)
    )
    polled = engine_round_trips(api, cache, me, count, stream=False)
    steps = round_trips(api, cache, me, count)
    floor, floor_cpu = server_cpu_ms(
        served, count, lambda: bare_round_trips(Bare.of(api), cache, count)
    )
    floor_median, floor_p95 = median_p95(floor)
    for how, samples in (
        ("in the running engine", engine),
        ("in the engine, long-polling", polled),
        ("step by step", steps["whole"]),
    ):
        median, p95 = median_p95(samples)
        label = f"round trip {how}, {count} commands:"
        show(Figure(f"{label} median", median, "ms", target=10, floor=floor_median))
        show(Figure(f"{label} p95", p95, "ms", target=20, floor=floor_p95))
    show(
        "    step by step, medians: "
        + ", ".join(f"{step} {statistics.median(ms):.1f} ms" for step, ms in steps.items())
    )
    show(
        f"    floor: POST /commands + GET /changes on one kept connection,"
        f" median {floor_median:.1f} ms, p95 {floor_p95:.1f} ms"
    )
    show(
        f"    server CPU per reply (user + system, all its threads): in the engine {engine_cpu},"
        f" in the floor's two requests {floor_cpu}"
    )


def main(argv: list[str] | None = None) -> None:
    """Seed, serve, and print the figures; everything made is removed at the end."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--families", type=int, default=500)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument(
        "--tiny", action="store_true", help="a few families and replies: a smoke test"
    )
    args = parser.parse_args(argv)
    sizes = TINY if args.tiny else Sizes(Scale(families=args.families, messages=args.messages))
    folder = Path(tempfile.mkdtemp(prefix="desk-bench-sync-"))
    try:
        run(folder, sizes)
    finally:
        if qt_event_loop.cache_info().currsize:  # its worker threads end with it
            qt_event_loop().close()
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, sizes: Sizes) -> None:
    """The benchmark inside `folder`."""
    show(f"load average at start: {load_average()}")
    url = f"sqlite:///{folder / 'server.db'}"
    upgrade(url)
    started = time.perf_counter()
    scale = sizes.scale
    report = seed_centre(url, scale, now=NOW)
    show(
        f"seeded {scale.families:,} families, {scale.messages:,} messages"
        f" ({report.rows:,} rows) in {time.perf_counter() - started:.1f} s"
    )
    database = open_database(url)
    try:
        with database.reading() as session:
            staff = session.scalars(
                select(orm.Staff).where(orm.Staff.username.like(f"{DEMO_ADMIN_USERNAME}-%"))
            ).one()
            username, centre = staff.username, staff.centre_id
        with server_process(url, folder) as served, open_cache(folder / "cache.db") as cache:
            api = ServerApi(served.url)
            try:
                api.token = api.login(username, DEMO_PASSWORD)["token"]
                adopt(cache, api)
                me = client_id(cache)
                measured = initial_sync(api, cache, me, folder)
                incremental(api, cache, me, database, centre, sizes)
                all_round_trips(api, cache, me, sizes.round_trips, served)
                initial_floor(measured, folder)
            finally:
                api.close()
    finally:
        database.dispose()
    show(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main()
