"""Sync survives crashes: a client or server killed mid-sync loses nothing, doubles nothing.

DESIGN.md §4 rests on two promises. The client applies each change-feed page together
with its cursor in one SQLite transaction, and writes each command with its local
effect in one transaction; the server applies each command once per (client, seq) and
answers a resend with the stored result. These tests kill real processes at the
moments those promises are about (SIGKILL, as a power cut or the task manager would)
and then check the end state, on SQLite and on PostgreSQL:

- the office client, 50 times, during its initial sync, its pushes and its pulls;
- the server, in the middle of a batch of commands;
- the server, and separately the connection, after a batch was applied but before the
  client read the answer.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import IO, Any

import pytest
from sqlalchemy import func, select

from desk.core.ids import new_id
from desk.core.kinds import Direction, MessageState
from desk.models.apply import reset_synced
from desk.models.cache import Cache, open_cache
from desk.models.local import MetaKey
from desk.models.schema import MIRRORED
from desk.server import orm
from desk.server.db import Database, open_database
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from desk.services.account import adopt
from desk.sync import push as push_module
from desk.sync.errors import Offline, SyncError
from desk.sync.http import ServerApi
from desk.sync.outbox import client_id, submit
from desk.sync.pull import pull
from desk.sync.push import push
from tests.support.factories import PASSWORD, CentreIds, make_centre
from tests.support.polling import wait_until
from tests.support.server_process import ServerProcess, run_server

WORKER = Path(__file__).with_name("worker.py")
REPO_ROOT = Path(__file__).resolve().parents[2]

KILLS = 50
EXTRA_ROUNDS = 2  # rounds allowed beyond KILLS // ROUND for the kills to spread
PAGE_LIMIT = 100  # ~25 pages for the initial sync: many page transactions to land in
PUSH_BATCH = 5  # several push requests per run, so kills land between and inside them
ROUND = 10  # kills per round; each round starts with a refetch from 0 and a full outbox
SEEDED_MESSAGES = 2_000
WORKER_TIMEOUT = 30.0  # a run that takes this long is stuck, not slow
POLL_SECONDS = 0.002  # fine enough to catch the server between two batches
POLL_TIMEOUT = 20.0

# The threads of `make_centre` an admin may post to without SMS quota or opt-in.
POSTABLE = ("office", "classroom_a", "classroom_b")
WORDS = ["pickup", "lunch", "nap", "fever", "field", "trip", "photo", "invoice", "rain"]


# -- the server side ------------------------------------------------------------------


@dataclass
class Centre:
    """A running server with a test centre, and the admin who syncs it."""

    server: ServerProcess
    database: Database
    ids: CentreIds
    token: str

    @property
    def threads(self) -> list[str]:
        """Threads the admin's commands post to."""
        return [self.ids.threads[key] for key in POSTABLE]


@pytest.fixture
def centre(database_factory: Callable[[], str], tmp_path: Path) -> Iterator[Centre]:
    """A server of this test's own, which it may kill, with a centre and a signed-in admin.

    The centre comes from `make_centre`, which stamps everything with one version.
    """
    with run_server(database_factory(), log_dir=tmp_path / "server") as server:
        database = open_database(server.database_url)
        try:
            ids = make_centre(database)
            centre = Centre(server, database, ids, "")
            api = ServerApi(server.url)
            try:
                centre.token = api.login(ids.usernames["admin"], PASSWORD)["token"]
            finally:
                api.close()
            yield centre
        finally:
            database.dispose()


def add_messages(centre: Centre, count: int, rng: random.Random) -> None:
    """Parents' messages arriving on the server, in one transaction and one version.

    One version for many rows is what bulk work (fan-out, imports) gives; with pages
    of `PAGE_LIMIT` rows, the feed has to cut inside a version.
    """
    now = utcnow()
    with centre.database.writing() as session:
        for n in range(count):
            session.add(
                orm.Message(
                    id=new_id(),
                    centre_id=centre.ids.centre,
                    thread_id=rng.choice(centre.threads),
                    direction=Direction.INBOUND,
                    body=" ".join(rng.choices(WORDS, k=rng.randint(3, 12))),
                    state=MessageState.SENT,
                    created_at=now - timedelta(seconds=count - n),
                )
            )
        stamp(session, centre.ids.centre)


def rename_thread(centre: Centre, rng: random.Random) -> None:
    """Someone renames a thread: an update of a row the client already holds."""
    with centre.database.writing() as session:
        thread = session.get_one(orm.Thread, rng.choice(centre.threads))
        thread.title = f"renamed {rng.randrange(10**6)}"
        stamp(session, centre.ids.centre)


def command_log(database: Database, client: str) -> list[tuple[int, str, str]]:
    """(seq, command_id, status) of every command the server logged for `client`."""
    with database.reading() as session:
        rows = session.execute(
            select(orm.CommandLog.seq, orm.CommandLog.command_id, orm.CommandLog.status)
            .where(orm.CommandLog.client_id == client)
            .order_by(orm.CommandLog.seq)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def logged_count(database: Database, client: str) -> int:
    """How many of `client`'s commands the server has committed."""
    with database.reading() as session:
        query = select(func.count()).where(orm.CommandLog.client_id == client)
        return int(session.scalar(query) or 0)


def last_seq(database: Database, client: str) -> int:
    """The server's record of the last seq it applied for `client`."""
    with database.reading() as session:
        return session.get_one(orm.SyncClient, client).last_seq


def messages_on_server(database: Database, message_ids: list[str]) -> int:
    """How many of these messages the server holds (each id at most once: the key)."""
    with database.reading() as session:
        found = 0
        for start in range(0, len(message_ids), 500):
            chunk = message_ids[start : start + 500]
            query = select(func.count()).where(orm.Message.id.in_(chunk))
            found += int(session.scalar(query) or 0)
        return found


def message_counts(database: Database, thread_ids: list[str]) -> dict[str, int]:
    """Each thread's denormalised message count, which a doubled command would bump twice."""
    with database.reading() as session:
        rows = session.execute(
            select(orm.Thread.id, orm.Thread.message_count).where(orm.Thread.id.in_(thread_ids))
        )
        return {row.id: row.message_count for row in rows}


# -- the client side ------------------------------------------------------------------


def queue_messages(cache: Cache, centre: Centre, count: int, rng: random.Random) -> list[str]:
    """Submit `count` replies (optimistic effect and outbox entry); their message ids."""
    message_ids = []
    for _ in range(count):
        message_id = new_id()
        submit(
            cache,
            "send_message",
            {
                "message_id": message_id,
                "thread_id": rng.choice(centre.threads),
                "body": " ".join(rng.choices(WORDS, k=5)),
            },
        )
        message_ids.append(message_id)
    return message_ids


@contextlib.contextmanager
def connected(url: str, token: str) -> Iterator[ServerApi]:
    """An API client that is closed afterwards."""
    api = ServerApi(url, token)
    try:
        yield api
    finally:
        api.close()


def signed_in_cache(path: Path, centre: Centre) -> tuple[Cache, str]:
    """A cache bound to the admin and synced once, as after a first start; its client id."""
    cache = open_cache(path)
    with connected(centre.server.url, centre.token) as api:
        adopt(cache, api)
        pull(api, cache)
    return cache, client_id(cache)


def meta(cache: Cache, key: MetaKey) -> str | None:
    """One `sync_meta` value."""
    with cache.writing() as cursor:
        row = cursor.execute("SELECT value FROM sync_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]


def count(cache: Cache, sql: str, *params: Any) -> int:
    """The single integer that `sql`, a counting query, answers."""
    with cache.writing() as cursor:
        return int(cursor.execute(sql, params).fetchone()[0])


def snapshot(cache: Cache) -> dict[str, set[tuple[Any, ...]]]:
    """Every mirrored row, whole, per table, and the derived people index."""
    tables: dict[str, set[tuple[Any, ...]]] = {}
    with cache.writing() as cursor:
        for name in [*MIRRORED, "tombstone"]:
            tables[name] = set(cursor.execute(f"SELECT * FROM main.{name}").fetchall())
        tables["person_index"] = set(
            cursor.execute("SELECT kind, ref_id, family_id, name, phone, terms FROM person_index")
        )
        tables["indexes"] = set(
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
        )
    return tables


def check_search(cache: Cache) -> None:
    """Both external-content FTS5 indexes hold exactly their content tables' text."""
    with cache.writing() as cursor:
        for index in ("message_search", "people_search"):
            # rank 1: compare the index with the content table, not only with itself.
            cursor.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")


# -- killing a worker -----------------------------------------------------------------


@dataclass(frozen=True)
class Aim:
    """Kill a worker `delay` seconds after it printed its `nth` line starting `marker`.

    See `tests/sync/worker.py` for the markers; the delay spreads kills over what the
    worker does next (a request in flight, a page being applied, a commit).
    """

    marker: str
    nth: int
    delay: float


@dataclass
class Run:
    """One worker process, from start to exit."""

    lines: list[str] = field(default_factory=list)
    killed: bool = False
    returncode: int | None = None

    @property
    def last_step(self) -> str:
        """The marker of the last line the worker printed: what it was doing at the end."""
        return self.lines[-1].split()[0] if self.lines else "start"


def _read_lines(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line.strip())
    lines.put(None)


def run_worker(cache_path: Path, centre: Centre, aim: Aim | None, log: Path) -> Run:
    """Run `worker.py` on the cache; SIGKILL it where `aim` says, or let it finish.

    Lines are read on a thread, so a stuck worker fails the test after
    `WORKER_TIMEOUT` rather than hanging it.
    """
    argv = [
        sys.executable,
        str(WORKER),
        f"--page-limit={PAGE_LIMIT}",
        f"--batch={PUSH_BATCH}",
        "--",  # a token may start with "-"
        str(cache_path),
        centre.server.url,
        centre.token,
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONUNBUFFERED": "1"}
    run = Run()
    lines: queue.Queue[str | None] = queue.Queue()
    with log.open("ab") as errors:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            text=True,
        )
    assert process.stdout is not None
    reader = threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True)
    reader.start()
    deadline = time.monotonic() + WORKER_TIMEOUT
    seen = 0
    try:
        # Until the end of its output, which comes after the kill or when it exits.
        while (line := lines.get(timeout=max(0.0, deadline - time.monotonic()))) is not None:
            run.lines.append(line)
            if aim is None or run.killed or line.split()[0] != aim.marker:
                continue
            seen += 1
            if seen == aim.nth:
                try:
                    process.wait(timeout=aim.delay)
                except subprocess.TimeoutExpired:
                    process.send_signal(signal.SIGKILL)
                    run.killed = True
        run.returncode = process.wait(timeout=max(0.0, deadline - time.monotonic()))
    except (queue.Empty, subprocess.TimeoutExpired):
        pytest.fail(f"the worker was stuck after {WORKER_TIMEOUT:g} s: {run.lines[-5:]}")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(timeout=5)
        process.stdout.close()
    expected = -signal.SIGKILL if run.killed else 0
    assert run.returncode == expected, (
        f"worker exited with {run.returncode}; its stderr:\n{log.read_text()[-3000:]}"
    )
    return run


def _spread_enough(kills: dict[str, int]) -> bool:
    """Whether the kills so far landed often enough in each phase of a sync."""
    return (
        kills.get("push", 0) >= 5
        and kills.get("initial sync", 0) + kills.get("search", 0) >= 5
        and kills.get("pull", 0) >= 10
    )


def choose_aim(rng: random.Random, *, batches: int, initial: bool) -> Aim:
    """Where to kill the next run, among the steps it is going to take.

    Kills after a request went out land while the server works on it; kills right
    after a page or an answer arrived land inside the transaction that records it.

    Args:
        rng: the test's seeded generator.
        batches: how many push requests the run will make.
        initial: whether the run is in an initial sync, which ends with a search
            rebuild: after its last page, or inside the first page applied after an
            interruption (`desk.models.apply.write_page`).
    """
    steps: dict[str, tuple[float, int]] = {"pull": (0.02, 3), "page": (0.003, 3)}
    if initial:
        steps |= {"search": (0.03, 1)}
    if batches and rng.random() < 0.75:  # the outbox empties fast: aim at it while it lasts
        steps = {"push": (0.03, batches), "answer": (0.001, batches)}
    marker = rng.choice(sorted(steps))
    longest, most = steps[marker]
    return Aim(marker, rng.randint(1, most), rng.uniform(0.0, longest))


PHASES = {"push": "push", "answer": "push", "pull": "pull", "page": "pull", "done": "exit"}


def check_converged(cache_path: Path, centre: Centre, fresh_path: Path) -> None:
    """The cache holds exactly what a fresh sync into `fresh_path` gets, and is sound.

    Whole rows are compared, not only (id, version), with the tombstones, the derived
    people index and the set of indexes (an interrupted initial sync defers some);
    both FTS5 indexes must match their content tables.
    """
    with open_cache(cache_path) as cache, open_cache(fresh_path) as fresh:
        with cache.writing() as cursor:
            assert cursor.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        with connected(centre.server.url, centre.token) as api:
            adopt(fresh, api)
            pull(api, fresh)
        assert meta(cache, MetaKey.INITIAL_UNFINISHED) is None
        assert meta(cache, MetaKey.VERSION) == meta(fresh, MetaKey.VERSION)
        mine, theirs = snapshot(cache), snapshot(fresh)
        for table in theirs:
            assert mine[table] == theirs[table], (
                f"{table}: {len(mine[table] - theirs[table])} rows only in the crashed cache, "
                f"{len(theirs[table] - mine[table])} only in a fresh sync"
            )
        check_search(cache)


@pytest.mark.timeout(840)  # up to KILLS + EXTRA_ROUNDS * ROUND runs, each WORKER_TIMEOUT
def test_sigkill_during_initial_sync_and_pushes_loses_and_doubles_nothing(
    centre: Centre, tmp_path: Path
) -> None:
    """50 SIGKILLs of the office client mid-sync, in 5 rounds each run to the end after.

    Each round starts with replies queued in the outbox and the cache's synced rows
    dropped, as when the server answers 410 and the client refetches from 0 (the
    outbox stays), so its runs push and do an initial sync; a resumed initial sync
    turns incremental once its first page is in, so one sync would give few chances.
    Between runs the parent queues more replies and the server receives more
    messages, so later runs push and pull incrementally. After each round the cache
    must hold exactly what a fresh sync gets (a later refetch would hide a lost row),
    and in the end every command must have been applied exactly once.
    """
    for start in range(0, SEEDED_MESSAGES, 100):  # a version per 100, like real history
        add_messages(centre, 100, random.Random(start))
    rng = random.Random(4_231)
    cache_path = tmp_path / "office.db"
    log = tmp_path / "worker.log"
    cache, me = signed_in_cache(cache_path, centre)
    cache.close()
    queued: list[str] = []
    kills: dict[str, int] = {}
    trace: list[str] = []  # what each run was aimed at and where it ended, for a failure

    round_ = 0
    # Where a kill lands depends on timing as well as on the seeded aim: on a loaded
    # machine a run may finish a phase before its kill comes. Rounds go on (at most
    # EXTRA_ROUNDS more) until every phase has had its share of kills.
    while round_ < KILLS // ROUND or (
        not _spread_enough(kills) and round_ < KILLS // ROUND + EXTRA_ROUNDS
    ):
        with open_cache(cache_path) as cache:
            queued += queue_messages(cache, centre, rng.randint(15, 25), rng)
            reset_synced(cache)
        for _ in range(ROUND):
            with open_cache(cache_path) as cache:
                initial = meta(cache, MetaKey.CURSOR) is None or (
                    meta(cache, MetaKey.INITIAL_UNFINISHED) is not None
                )
                threads = count(
                    cache, "SELECT count(*) FROM thread WHERE id IN (?, ?, ?)", *centre.threads
                )
                if threads == len(POSTABLE) and rng.random() < 0.5:
                    queued += queue_messages(cache, centre, rng.randint(1, 3), rng)
                batches = -(-count(cache, "SELECT count(*) FROM outbox") // PUSH_BATCH)
            add_messages(centre, rng.randint(20, 200), rng)
            if rng.random() < 0.2:
                rename_thread(centre, rng)
            aim = choose_aim(rng, batches=batches, initial=initial)
            run = run_worker(cache_path, centre, aim, log)
            phase = "finished"
            if run.killed:
                phase = PHASES.get(run.last_step, run.last_step)
                if initial and phase == "pull":
                    phase = "initial sync"
            kills[phase] = kills.get(phase, 0) + 1
            trace.append(f"{aim} -> {phase}: {' | '.join(run.lines[-3:])}")
        assert run_worker(cache_path, centre, None, log).lines[-1] == "done"
        check_converged(cache_path, centre, tmp_path / f"fresh-{round_}.db")
        round_ += 1

    # The kills were spread as intended.
    assert _spread_enough(kills), f"{kills}\n" + "\n".join(trace)
    # Every queued command applied exactly once, and nothing left to send.
    logged = command_log(centre.database, me)
    assert [seq for seq, _, _ in logged] == list(range(1, len(queued) + 1))
    assert {status for _, _, status in logged} == {"applied"}
    assert last_seq(centre.database, me) == len(queued)
    assert messages_on_server(centre.database, queued) == len(queued)
    with open_cache(cache_path) as cache:
        assert count(cache, "SELECT count(*) FROM outbox") == 0
        marks = ", ".join("?" * len(queued))
        confirmed = f"SELECT count(*) FROM message WHERE version > 0 AND id IN ({marks})"
        assert count(cache, confirmed, *queued) == len(queued)


# -- the server killed mid-push ---------------------------------------------------------


class RecordingApi(ServerApi):
    """The real client, keeping every answer to a push."""

    def __init__(self, base_url: str, token: str) -> None:
        super().__init__(base_url, token)
        self.answers: list[dict[str, Any]] = []

    def push(self, client_id: str, commands: list[dict[str, Any]]) -> dict[str, Any]:
        """Send, and remember what came back."""
        answer = super().push(client_id, commands)
        self.answers.append(answer)
        return answer

    def statuses(self) -> list[str]:
        """The status of every command answered so far, in order."""
        return [r["status"] for answer in self.answers for r in answer["results"]]


class Pusher:
    """`push` on a thread of its own, so the test can kill the server meanwhile."""

    def __init__(self, api: ServerApi, cache: Cache, client: str) -> None:
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(api, cache, client))
        self._thread.start()

    def _run(self, api: ServerApi, cache: Cache, client: str) -> None:
        try:
            push(api, cache, client)
        except BaseException as error:  # handed to the test, never lost in the thread
            self.error = error

    def join(self) -> BaseException | None:
        """Wait for the push to end; what it raised, if anything."""
        self._thread.join(timeout=POLL_TIMEOUT)
        assert not self._thread.is_alive(), "the push never ended"
        return self.error


def test_server_killed_in_the_middle_of_a_push_batch(centre: Centre, tmp_path: Path) -> None:
    """A push batch cut short by a killed server is applied exactly once on resend.

    300 commands in batches of 100; the server is SIGKILLed while it applies the
    second batch, then restarted. The resend gets the stored answers of what was
    applied (`duplicate`) and applies the rest, each exactly once.
    """
    total = 3 * push_module.BATCH
    rng = random.Random(7)
    cache, me = signed_in_cache(tmp_path / "office.db", centre)
    api = RecordingApi(centre.server.url, centre.token)
    try:
        threads_before = message_counts(centre.database, centre.threads)
        queued = queue_messages(cache, centre, total, rng)
        pusher = Pusher(api, cache, me)
        wait_until(
            lambda: logged_count(centre.database, me) > push_module.BATCH,
            "the server has applied the first batch and started the second",
            interval=POLL_SECONDS,
        )
        centre.server.kill()
        assert isinstance(pusher.join(), SyncError)
        applied_before = logged_count(centre.database, me)
        settled = total - count(cache, "SELECT count(*) FROM outbox")
        assert settled == push_module.BATCH  # the client heard back about batch 1 only
        assert push_module.BATCH < applied_before < total  # batch 2 was cut short

        centre.server.restart()
        answered = len(api.statuses())
        assert push(api, cache, me).sent == total - settled
        resent = api.statuses()[answered:]
        assert resent.count("duplicate") == applied_before - settled
        assert resent.count("applied") == total - applied_before

        logged = command_log(centre.database, me)
        assert [seq for seq, _, _ in logged] == list(range(1, total + 1))
        assert last_seq(centre.database, me) == total
        assert messages_on_server(centre.database, queued) == total
        threads_after = message_counts(centre.database, centre.threads)
        assert sum(threads_after.values()) - sum(threads_before.values()) == total
        assert count(cache, "SELECT count(*) FROM outbox") == 0
    finally:
        api.close()
        cache.close()


# -- an answer lost in flight -----------------------------------------------------------


class Relay:
    """A TCP relay on loopback that can hold back the server's answers.

    Placed between client and server, it lets a test make "the server applied the
    batch but the client never read the answer" happen every time rather than by a
    race: while `holding` is set, whatever the server sends is dropped.
    """

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.holding = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._threads = [threading.Thread(target=self._accept)]
        self._threads[0].start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:  # the listener was shut down: the relay is closing
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:  # the server is down: so is this connection
                client.close()
                continue
            pumps = [
                threading.Thread(target=self._pump, args=(client, server, False)),
                threading.Thread(target=self._pump, args=(server, client, True)),
            ]
            with self._lock:
                self._sockets += [client, server]
                self._threads += pumps
            for pump in pumps:
                pump.start()

    def _pump(self, source: socket.socket, sink: socket.socket, answers: bool) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if not (answers and self.holding.is_set()):
                    sink.sendall(data)
        # One side ended: end the other, as a dropped connection would.
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Drop every open connection at once, as a network failure would."""
        with self._lock:
            for end in self._sockets:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        """Stop accepting, drop every connection and wait for the relay's threads."""
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self.cut()
        with self._lock:
            threads, sockets = list(self._threads), list(self._sockets)
        for thread in threads:
            thread.join(timeout=5)
        for end in sockets:
            end.close()


@pytest.mark.parametrize("drop", ["server killed", "connection cut"])
def test_a_batch_applied_but_never_answered_is_answered_as_duplicate_on_resend(
    centre: Centre, tmp_path: Path, drop: str
) -> None:
    """The server commits a whole batch, then the answer is lost.

    The server is killed before the client reads it, or the connection drops. The
    client keeps the commands and sends them again; the server answers each
    `duplicate` from its log, and no message, count or log row is doubled.
    """
    total = 20
    rng = random.Random(11)
    cache, me = signed_in_cache(tmp_path / "office.db", centre)
    relay = Relay(centre.server.port)
    api = RecordingApi(relay.url, centre.token)
    try:
        threads_before = message_counts(centre.database, centre.threads)
        queued = queue_messages(cache, centre, total, rng)
        relay.holding.set()
        pusher = Pusher(api, cache, me)
        wait_until(
            lambda: logged_count(centre.database, me) == total,
            "the server applied the batch",
            interval=POLL_SECONDS,
        )
        if drop == "server killed":
            centre.server.kill()
        else:
            relay.cut()
        assert isinstance(pusher.join(), Offline)
        assert api.answers == []  # the client never read an answer...
        assert count(cache, "SELECT count(*) FROM outbox") == total  # ...so it keeps all
        assert count(cache, "SELECT count(*) FROM outbox WHERE attempts = 1") == total

        relay.holding.clear()
        if drop == "server killed":
            centre.server.restart()
        assert push(api, cache, me).sent == total
        assert api.statuses() == ["duplicate"] * total

        assert count(cache, "SELECT count(*) FROM outbox") == 0
        logged = command_log(centre.database, me)
        assert [seq for seq, _, _ in logged] == list(range(1, total + 1))
        assert {status for _, _, status in logged} == {"applied"}
        assert last_seq(centre.database, me) == total
        assert messages_on_server(centre.database, queued) == total
        threads_after = message_counts(centre.database, centre.threads)
        assert sum(threads_after.values()) - sum(threads_before.values()) == total
        pull(api, cache, client_id=me)
        marks = ", ".join("?" * total)
        assert (
            count(
                cache,
                f"SELECT count(*) FROM message WHERE version > 0 AND id IN ({marks})",
                *queued,
            )
            == total
        )
    finally:
        api.close()
        relay.close()
        cache.close()
