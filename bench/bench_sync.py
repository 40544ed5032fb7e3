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
  app does it, with a running `SyncEngine` (its long-poll waiting, as it always is)
  from `submit` to the server's confirmed row in the cache; and step by step,
  `submit` + `push` + the `pull` (and replay) that brings the confirmed row back.

Client and server share the machine, as they do on an office laptop running the
embedded server; both cores are busy during a pull.

Run: `.venv/bin/python bench/bench_sync.py [--families N] [--messages N]`
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import socket
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

from sqlalchemy import select

import desk.sync.pull as pull_module
from desk.core.ids import new_id
from desk.core.kinds import Direction, MessageState, ThreadKind
from desk.models.apply import ApplyResult
from desk.models.cache import Cache, open_cache
from desk.server import orm
from desk.server.db import Database, open_database
from desk.server.migrate import upgrade
from desk.server.versioning import stamp
from desk.services.account import adopt
from desk.sync.http import ServerApi
from desk.sync.outbox import client_id, replay, submit
from desk.sync.pull import pull
from desk.sync.push import push
from desk.tools.seeding import DEMO_ADMIN_USERNAME, DEMO_PASSWORD, Scale, seed_centre

REPO_ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2025, 6, 4, 19, 30, tzinfo=UTC)
STREAM_MESSAGES = 30_000
STREAM_BATCH = 1_000
ROUND_TRIPS = 200
WARM_UPS = 1
WORDS = ["pickup", "lunch", "nap", "fever", "field", "trip", "photo", "invoice", "rain"]


# -- the server --------------------------------------------------------------------------


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def server_process(database_url: str, folder: Path) -> Iterator[str]:
    """`python -m desk server` on loopback until the block ends; yields its base URL."""
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
        yield url
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


# -- figures --------------------------------------------------------------------------


def show(label: str, value: str, target: str, met: bool) -> None:
    """One figure beside its target."""
    print(f"{label:<46} {value:>16}   target {target:<14} {'ok' if met else 'MISSED'}")


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


def initial_sync(api: ServerApi, cache: Cache, me: str, folder: Path) -> None:
    """Time whole initial syncs, search rebuild included.

    `WARM_UPS` go into throwaway caches first (the server's page cache fills), then
    the measured one into `cache`.
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
    show(
        f"initial sync, {result.rows:,} rows in {result.pages} pages",
        f"{seconds:.2f} s",
        "< 2 s",
        seconds < 2,
    )
    print(f"    {spent} (fetching overlaps applying)")


def incremental(api: ServerApi, cache: Cache, me: str, database: Database, centre: str) -> None:
    """Time pulling a stream of new messages with search kept current."""
    written = stream_messages(database, centre, STREAM_MESSAGES, STREAM_BATCH)
    with broken_down(api) as spent:
        started = time.perf_counter()
        result = pull(api, cache, client_id=me)
        seconds = time.perf_counter() - started
    show(
        f"incremental pull, {result.rows:,} rows in {result.pages} pages",
        f"{result.rows / seconds:,.0f} rows/s",
        "> 30,000 rows/s",
        result.rows / seconds > 30_000,
    )
    print(f"    {seconds:.2f} s: {spent}")
    show(
        "incremental apply_page alone (client side)",
        f"{result.rows / spent.apply:,.0f} rows/s",
        "> 30,000 rows/s",
        result.rows / spent.apply > 30_000,
    )
    # The index was kept current: new messages are found by their words.
    for message_id, body in random.Random(9).sample(written, 20):
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


def engine_round_trips(api: ServerApi, cache: Cache, me: str) -> None:
    """Time submit until the confirmed row is in the cache, through a running engine."""
    import qasync
    from PySide6.QtCore import QCoreApplication

    from desk.sync.engine import SyncEngine
    from desk.sync.state import Phase

    app = QCoreApplication.instance() or QCoreApplication([])
    threads = reply_threads(cache)
    rng = random.Random(6)
    confirmed = "SELECT count(*) FROM message WHERE id = ? AND version > 0"

    async def measure() -> list[float]:
        engine = SyncEngine(cache, api, me)
        changed = asyncio.Event()
        engine.data_changed.connect(changed.set)
        engine.start()
        while engine.state.phase is not Phase.ONLINE:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)  # the long-poll is parked, as in a running app
        samples = []
        try:
            for _ in range(WARM_UPS + ROUND_TRIPS):
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

    loop = qasync.QEventLoop(app)
    try:
        whole = loop.run_until_complete(measure())
    finally:
        loop.close()
    median, p95 = statistics.median(whole), statistics.quantiles(whole, n=20)[-1]
    label = f"round trip in the running engine, {ROUND_TRIPS} commands:"
    show(f"{label} median", f"{median:.1f} ms", "< 20 ms", median < 20)
    show(f"{label} p95", f"{p95:.1f} ms", "< 20 ms", p95 < 20)


def round_trips(api: ServerApi, cache: Cache, me: str) -> None:
    """Time submit + push + the pull bringing the confirmed row back, per command."""
    threads = reply_threads(cache)
    rng = random.Random(5)
    steps: dict[str, list[float]] = {"submit": [], "push": [], "pull": [], "whole": []}
    for _ in range(ROUND_TRIPS):
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
    whole = steps["whole"]
    median, p95 = statistics.median(whole), statistics.quantiles(whole, n=20)[-1]
    label = f"round trip step by step, {ROUND_TRIPS} commands:"
    show(f"{label} median", f"{median:.1f} ms", "< 20 ms", median < 20)
    show(f"{label} p95", f"{p95:.1f} ms", "< 20 ms", p95 < 20)
    print(
        "    medians: "
        + ", ".join(f"{step} {statistics.median(ms):.1f} ms" for step, ms in steps.items())
    )


def main(argv: list[str] | None = None) -> None:
    """Seed, serve, and print the figures; everything made is removed at the end."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--families", type=int, default=500)
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="desk-bench-sync-"))
    try:
        run(folder, Scale(families=args.families, messages=args.messages))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, scale: Scale) -> None:
    """The benchmark inside `folder`."""
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    url = f"sqlite:///{folder / 'server.db'}"
    upgrade(url)
    started = time.perf_counter()
    report = seed_centre(url, scale, now=NOW)
    print(
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
        with server_process(url, folder) as base_url, open_cache(folder / "cache.db") as cache:
            api = ServerApi(base_url)
            try:
                api.token = api.login(username, DEMO_PASSWORD)["token"]
                adopt(cache, api)
                me = client_id(cache)
                initial_sync(api, cache, me, folder)
                incremental(api, cache, me, database, centre)
                engine_round_trips(api, cache, me)
                round_trips(api, cache, me)
            finally:
                api.close()
    finally:
        database.dispose()


if __name__ == "__main__":
    main()
