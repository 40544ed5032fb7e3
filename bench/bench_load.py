"""Load test: thousands of clients long-polling real `desk server` processes (issue 16 item 5).

Two scenarios, each beside its floor measured in the same run:

- single centre: N clients of one centre long-poll one server process while an
  office client sends 10 commands/s (`send_message` in the office conversation);
- many centres: N clients across C centres long-poll P server processes on one
  PostgreSQL, 100 commands/s (`--rate`) spread over the centres, an Emergency SMS
  fanned out to G guardians of one more centre at a quarter of the run, and server
  process 0 stopped and started again half-way (its clients reconnect, as the real
  client does).

Each client is a client installation: a token of one of its centre's principals
(the admin, an office member, a teacher of a room, a kiosk, round-robin, so every
visibility class is woken), its own `client_id`, an initial sync from 0, then
`GET /changes?after=<cursor>&wait=25` in a loop on a kept connection. Client n
connects to process n mod P; a process that refuses (being restarted) is passed
over for the next, as the reverse proxy of docs/deploy.md does (nginx
`proxy_next_upstream error`; `open_upstream`). A dropped connection, or every
process refusing, is retried with the sync engine's own backoff
(`desk.sync.engine.backoff`): that is a reconnect, not an error; an error is an
answer other than 200 (a 410 restarts that client from 0, as the engine does), or
a command that fails.

Printed: wake-up p50/p99 (from a command's POST being sent to each client of the
centre holding a page at or past the command's version), command POST p99, errors,
reconnects, the server processes' CPU per wake-up and RSS per held
connection (from /proc), and `--step`: the clients one process holds before p99
wake-up passes 1 s. The floor is the same harness against a bare asyncio HTTP
server (in a process of its own) that holds the same long-polls and answers them all
at once on each POST: what waking N HTTP clients costs at all, here.

The pollers speak HTTP/1.1 on asyncio streams, not httpx: at 2,000 clients woken
several times a second, httpx's own CPU per request would make the harness, not the
server, the bottleneck on a 2-core machine (Locust's one greenlet per user is
heavier still). Commands go through httpx, as the client's push does.

Uvicorn holds 2,000 connections with its defaults: `backlog` 2048 (the listen queue,
which only matters while many connect at once), no `limit_concurrency` (it would
answer 503 beyond the limit), and `timeout_keep_alive` only between requests. The
file descriptor limit is the bound: the harness raises its RLIMIT_NOFILE to the hard
limit and the server processes inherit it.

Run: `.venv/bin/python bench/bench_load.py [--backend sqlite|postgres]
[--scenario single|many|both] [--clients N] [--seconds S] [--step] [--quick|--tiny]`
(`--quick`: 200 clients, 20 s; `--tiny`: to check the bench runs, not to measure).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import orjson

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bench_fanout import database_url  # noqa: E402
from bench_fanout import seed as seed_guardians  # noqa: E402
from floors import Report  # noqa: E402

from desk.core.ids import new_id  # noqa: E402
from desk.core.kinds import StaffRole, ThreadKind, ThreadStatus  # noqa: E402
from desk.core.permissions import ROLE_DEFAULTS, format_capabilities  # noqa: E402
from desk.server import orm  # noqa: E402
from desk.server.config import ServerSettings  # noqa: E402
from desk.server.db import Database, open_database  # noqa: E402
from desk.server.migrate import upgrade  # noqa: E402
from desk.server.orm.base import utcnow  # noqa: E402
from desk.server.security import new_token, token_digest  # noqa: E402
from desk.server.versioning import ensure_scope, stamp  # noqa: E402
from desk.sync.engine import backoff  # noqa: E402
from desk.sync.follow import STREAM_SECONDS  # noqa: E402
from tests.support.server_process import ServerProcess  # noqa: E402

WAIT = 25
"""A long-poll's wait, as the desktop client asks."""
STREAM_WAIT = STREAM_SECONDS
"""A stream's, as the desktop client asks: minutes, a page at least every WAIT."""
SENDERS = 4
"""Client installations sending commands per centre: 10/s from one centre is an office
of several workstations, not one sending faster than its round trip."""
COMMAND_LIMIT = 2000  # students per send_new_message


# -- seeding ------------------------------------------------------------------------


@dataclass
class Centre:
    """A seeded centre: its principals' tokens and the office conversation."""

    id: str
    tokens: list[tuple[str, bool]]  # (token, is kiosk): admin, office, teacher, kiosk
    thread: str
    students: list[str] = field(default_factory=list)


def _token(session: Any, centre: str, kind: str, principal: str) -> str:
    token = new_token()
    now = utcnow()
    session.add(
        orm.ApiToken(
            token_hash=token_digest(token),
            principal_kind=kind,
            principal_id=principal,
            centre_id=centre,
            created_at=now,
            expires_at=now + timedelta(days=1),
        )
    )
    return token


def seed_centre(database: Database, n: int) -> Centre:
    """A centre with a room, an admin, an office member, a teacher, a kiosk, a conversation."""
    c, room, thread = new_id(), new_id(), new_id()
    staff = {role: new_id() for role in (StaffRole.ADMIN, StaffRole.OFFICE, StaffRole.TEACHER)}
    kiosk = new_id()
    with database.writing() as s:
        ensure_scope(s, c)
        s.add(orm.Centre(id=c, centre_id=c, name=f"Load {n}", kiosk_pin_secret="00" * 32))
        s.add(orm.Room(id=room, centre_id=c, name="Toddlers"))
        for role, staff_id in staff.items():
            s.add(
                orm.Staff(
                    id=staff_id,
                    centre_id=c,
                    first_name=role.value.title(),
                    last_name=str(n),
                    username=f"load-{role.value}-{c}",
                    role=role,
                    capabilities=format_capabilities(ROLE_DEFAULTS[role]),
                    password_hash="x",
                )
            )
        s.flush()
        s.add(
            orm.StaffRoom(id=new_id(), centre_id=c, staff_id=staff[StaffRole.TEACHER], room_id=room)
        )
        s.add(
            orm.KioskDevice(
                id=kiosk,
                centre_id=c,
                name="Front door",
                enrolled_by=staff[StaffRole.ADMIN],
                enrolled_at=utcnow(),
            )
        )
        s.add(
            orm.Thread(
                id=thread,
                centre_id=c,
                kind=ThreadKind.OFFICE,
                status=ThreadStatus.OPEN,
                created_at=utcnow(),
                unread_count=0,
                message_count=0,
            )
        )
        tokens = [(_token(s, c, "staff", staff_id), False) for staff_id in staff.values()]
        tokens.append((_token(s, c, "kiosk", kiosk), True))
        stamp(s, c)
    return Centre(c, tokens, thread)


def seed_fanout_centre(database: Database, guardians: int) -> Centre:
    """`bench_fanout`'s centre of one-child families, with a token for its admin."""
    centre, admin, students = seed_guardians(database, guardians)
    with database.writing() as s:
        token = _token(s, centre, "staff", admin)
    return Centre(centre, [(token, False)], "", students)


# -- a minimal HTTP/1.1 client on asyncio streams -------------------------------------


class Closed(ConnectionError):
    """The server closed the connection or refused it."""


Address = tuple[str, int]


async def open_upstream(
    addresses: list[Address], home: int
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection to the `home` process, or the next that accepts.

    What a reverse proxy in front of the processes does (nginx `proxy_next_upstream
    error`, docs/deploy.md): a process that refuses, being restarted, costs its
    clients one refused connection, not a wait until it is back.

    Raises:
        OSError: every process refused.
    """
    refused: OSError | None = None
    for k in range(len(addresses)):
        try:
            return await asyncio.open_connection(*addresses[(home + k) % len(addresses)])
        except OSError as error:
            refused = error
    assert refused is not None
    raise refused


class Connection:
    """One kept-alive HTTP/1.1 connection to a server: `home`, else the next that accepts."""

    def __init__(self, addresses: list[Address], home: int = 0) -> None:
        self.addresses, self.home = addresses, home
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, method: str, path: str, headers: str, body: bytes = b"") -> Any:
        """(status, body bytes); raises `Closed` (or OSError) when the connection fails."""
        if self._streams is None:
            self._streams = await open_upstream(self.addresses, self.home)
        reader, writer = self._streams
        try:
            writer.write(
                f"{method} {path} HTTP/1.1\r\nHost: desk\r\n{headers}"
                f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            status_line = await reader.readline()
            if not status_line:
                raise Closed("connection closed")
            status = int(status_line.split()[1])
            length, close = 0, False
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection" and value.strip().lower() == b"close":
                    close = True
            data = await reader.readexactly(length)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
            self.close()
            raise Closed(str(error)) from error
        if close:
            self.close()
        return status, data

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None


# -- the harness ----------------------------------------------------------------------


@dataclass
class Tally:
    """What the clients and commanders saw."""

    received: dict[int, list[tuple[int, float]]] = field(default_factory=dict)  # client ->
    sent: dict[str, list[tuple[int, float]]] = field(default_factory=dict)  # centre -> (v, t)
    command_ms: list[float] = field(default_factory=list)
    answers: int = 0  # long-poll answers in the measured window
    errors: int = 0
    reconnects: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1


@dataclass
class Target:
    """Where the clients connect: server addresses, and their processes for /proc."""

    addresses: list[Address]
    pids: Any  # () -> list[int]: the live server pids


async def _retrying(
    conn: Connection, method: str, path: str, headers: str, tally: Tally, stop: asyncio.Event
) -> Any:
    """A request retried across refused and dropped connections, as the sync engine does."""
    attempt = 0
    while True:
        try:
            return await conn.request(method, path, headers)
        except (Closed, OSError):
            if stop.is_set():
                raise
            attempt += 1
            tally.reconnects += 1
            await asyncio.sleep(backoff(attempt))


async def poller(
    n: int, addresses: list[Address], centre: Centre, tally: Tally, stop: asyncio.Event
) -> None:
    """One client: initial sync, then long-polls until `stop`."""
    token, kiosk = centre.tokens[n % len(centre.tokens)]
    path = "/api/v1/kiosk/changes" if kiosk else "/api/v1/changes"
    headers = f"Authorization: Bearer {token}\r\n"
    client_id = new_id()
    conn = Connection(addresses, n % len(addresses))
    cursor, wait = "0", 0
    seen = tally.received.setdefault(n, [])
    while not stop.is_set():
        query = (
            f"{path}?after={cursor}&wait={wait}&client_id={client_id}&limit=5000"
            f"&centre={centre.id}"  # ignored by the server; the bare floor's scope
        )
        try:
            status, body = await _retrying(conn, "GET", query, headers, tally, stop)
        except (Closed, OSError):
            break
        now = time.perf_counter()
        if status == 410:
            cursor, wait = "0", 0
            tally.error("410")
            continue
        if status != 200:
            tally.error(f"feed {status}")
            await asyncio.sleep(1.0)
            continue
        page = orjson.loads(body)
        cursor = page["cursor"]
        if page["has_more"]:
            continue
        if wait:
            tally.answers += 1
        seen.append((page["version"], now))
        wait = WAIT
    conn.close()


async def streamer(
    n: int, addresses: list[Address], centre: Centre, tally: Tally, stop: asyncio.Event
) -> None:
    """One client on the streamed feed: a page per change on one request, reconnecting."""
    token, kiosk = centre.tokens[n % len(centre.tokens)]
    path = "/api/v1/kiosk/changes/stream" if kiosk else "/api/v1/changes/stream"
    client_id, cursor, attempt = new_id(), "0", 0
    seen = tally.received.setdefault(n, [])
    while not stop.is_set():
        query = f"{path}?after={cursor}&wait={STREAM_WAIT}&client_id={client_id}&limit=5000"
        try:
            reader, writer = await open_upstream(addresses, n % len(addresses))
        except OSError:
            attempt += 1
            tally.reconnects += 1
            await asyncio.sleep(backoff(attempt))
            continue
        try:
            writer.write(
                f"GET {query}&centre={centre.id} HTTP/1.1\r\nHost: x\r\n"
                f"Authorization: Bearer {token}\r\n\r\n".encode()
            )
            status = int((await reader.readline()).split()[1])
            while (await reader.readline()) not in (b"\r\n", b""):
                pass
            if status != 200:
                tally.error(f"stream {status}")
                cursor = "0" if status == 410 else cursor
                await asyncio.sleep(1.0)
                continue
            attempt, buffer, first = 0, b"", True
            while size := int((await reader.readline()).strip(), 16):
                buffer += (await reader.readexactly(size + 2))[:-2]
                while b"\n\n" in buffer:
                    event, buffer = buffer.split(b"\n\n", 1)
                    if event.startswith(b"event: gone"):
                        tally.error("gone")
                        cursor = "0"
                        continue
                    page = orjson.loads(event.removeprefix(b"data: "))
                    cursor = page["cursor"]
                    if not page["has_more"]:
                        tally.answers += 0 if first else 1
                        seen.append((page["version"], time.perf_counter()))
                    first = False
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            tally.reconnects += 1
            attempt += 1
            await asyncio.sleep(backoff(attempt))
        finally:
            writer.close()


async def commander(
    addresses: list[Address], centres: list[Centre], rate: float, tally: Tally, stop: asyncio.Event
) -> None:
    """`rate` commands/s, round-robin over the centres, each a reply in the office chat.

    Centre i's commands go to process i, or to the next when it refuses (as the
    pollers do: `open_upstream`).
    """
    clients = [
        [
            httpx.AsyncClient(
                base_url=f"http://{host}:{port}",
                headers={"Authorization": f"Bearer {c.tokens[0][0]}"},
                timeout=30.0,
            )
            for host, port in addresses
        ]
        for c in centres
    ]
    # SENDERS installations per centre, each sending its own commands in sequence.
    senders = len(centres) * SENDERS
    seqs = [0] * senders
    ids = [new_id() for _ in range(senders)]
    pending: set[asyncio.Task[None]] = set()

    async def send(j: int) -> None:
        i = j % len(centres)
        seqs[j] += 1
        command = {
            "command_id": new_id(),
            "seq": seqs[j],
            "name": "send_message",
            "args": {"message_id": new_id(), "thread_id": centres[i].thread, "body": "hi"},
        }
        batch = {"client_id": ids[j], "commands": [command]}
        attempt = 0
        while True:
            started = time.perf_counter()
            upstream = clients[i][(i + attempt) % len(addresses)]
            try:
                answer = await upstream.post(
                    "/api/v1/commands", params={"centre": centres[i].id}, json=batch
                )
            except httpx.TransportError:
                attempt += 1
                tally.reconnects += 1
                if attempt >= len(addresses):  # every process refused: back off
                    await asyncio.sleep(backoff(attempt - len(addresses) + 1))
                continue
            break
        done = time.perf_counter()
        if answer.status_code != 200 or answer.json()["results"][0]["status"] == "rejected":
            tally.error(f"command {answer.status_code}")
            return
        tally.command_ms.append((done - started) * 1000)
        tally.sent.setdefault(centres[i].id, []).append((answer.json()["version"], started))

    # Open loop: commands go out on schedule, whether or not earlier ones answered;
    # one installation's commands in order (a client sends its queue in sequence).
    chains: list[asyncio.Task[None] | None] = [None] * senders

    async def after(previous: asyncio.Task[None] | None, j: int) -> None:
        if previous is not None:
            await previous
        await send(j)

    start, k = time.perf_counter(), 0
    while not stop.is_set():
        j = k % senders
        chains[j] = task = asyncio.create_task(after(chains[j], j))
        pending.add(task)
        task.add_done_callback(pending.discard)
        k += 1
        delay = start + k / rate - time.perf_counter()
        if delay > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
    await asyncio.gather(*pending, return_exceptions=True)
    for upstreams in clients:
        for client in upstreams:
            await client.aclose()


async def fan_out(address: tuple[str, int], centre: Centre, tally: Tally) -> float:
    """An Emergency SMS to every guardian of `centre`; seconds its commands took."""
    async with httpx.AsyncClient(
        base_url=f"http://{address[0]}:{address[1]}",
        headers={"Authorization": f"Bearer {centre.tokens[0][0]}"},
        timeout=120.0,
    ) as client:
        started, client_id = time.perf_counter(), new_id()
        for seq, first in enumerate(range(0, len(centre.students), COMMAND_LIMIT), start=1):
            command = {
                "command_id": new_id(),
                "seq": seq,
                "name": "send_new_message",
                "args": {
                    "student_ids": centre.students[first : first + COMMAND_LIMIT],
                    "channel": "office",
                    "body": "The centre is closed today because of the storm.",
                    "emergency_sms": True,
                },
            }
            answer = await client.post(
                "/api/v1/commands", json={"client_id": client_id, "commands": [command]}
            )
            if answer.status_code != 200 or answer.json()["results"][0]["status"] != "applied":
                tally.error(f"fan-out {answer.status_code}")
        return time.perf_counter() - started


# -- measuring -------------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the processes so far (/proc/<pid>/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


class CpuMeter:
    """CPU of server processes over a window, a process restarted meanwhile included.

    A restarted process has a new pid and its CPU counts from zero, so each pid's CPU
    is sampled every half second while the window lasts; the old process's last sample
    is at most that much short.
    """

    def __init__(self, pids: Any) -> None:
        self._pids = pids
        self._first: dict[int, float] = {}
        self._last: dict[int, float] = {}

    def sample(self) -> None:
        for pid in self._pids():
            used = cpu_seconds([pid])
            self._first.setdefault(pid, used)
            self._last[pid] = used

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.5)

    @property
    def seconds(self) -> float:
        return sum(self._last[pid] - self._first[pid] for pid in self._last)


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


@dataclass
class Figures:
    """One run's results."""

    clients: int
    wake_ms: list[float]
    command_ms: list[float]
    errors: int
    error_kinds: dict[str, int]
    reconnects: int
    answers: int
    cpu: float
    rss: tuple[float, float, float]  # MB: idle, every client held, at the end
    seconds: float
    wake_cpu: float  # `cpu` less what the commands cost with nobody waiting
    before: dict[str, list[float]]  # wake-ups of commands sent before each event began

    def wake(self, q: float) -> float:
        return _quantile(self.wake_ms, q)

    def command(self, q: float) -> float:
        return _quantile(self.command_ms, q)

    @property
    def cpu_per_wake_ms(self) -> float:
        """Server CPU per wake-up, in ms, never below 0.001.

        /proc counts CPU in 10 ms ticks, and taking the commands' own CPU out of a bare
        server's few ticks can leave nothing or less.
        """
        return max(self.wake_cpu * 1000 / max(self.answers, 1), 0.001)


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def wake_ups(
    tally: Tally, centre_of: dict[int, str], window: tuple[float, float], until: float
) -> list[float]:
    """Wake-up times (ms) of the commands sent in `window`.

    For each such command and each client of its centre: until the client held a page
    at or past the command's version.
    """
    latencies = []
    for n, seen in tally.received.items():
        versions = [v for v, _ in seen]
        for version, sent in tally.sent.get(centre_of[n], ()):
            if not window[0] <= sent <= window[1]:
                continue
            at = bisect.bisect_left(versions, version)
            # A client that never got it counts as woken at `until`: a lower bound.
            latencies.append(((seen[at][1] if at < len(seen) else until) - sent) * 1000)
    return latencies


async def run_load(
    target: Target,
    centres: list[Centre],
    clients: int,
    rate: float,
    seconds: float,
    events: Any = None,
    *,
    stream: bool = False,
) -> Figures:
    """N clients spread over the centres and servers; commands at `rate` for `seconds`.

    `stream`: clients hold the streamed feed instead of long-polling.
    """
    client = streamer if stream else poller
    busy = [c for c in centres if c.thread]
    command_cpu = await commands_alone(target, busy, rate, min(seconds / 4, 3.0))
    tally, stop = Tally(), asyncio.Event()
    idle = rss_mb(target.pids())
    centre_of = {n: busy[n % len(busy)].id for n in range(clients)}
    pollers = [
        asyncio.create_task(
            client(
                n,
                target.addresses,
                busy[n % len(busy)],
                tally,
                stop,
            )
        )
        for n in range(clients)
    ]
    # Everyone synced and waiting before the clock starts.
    while sum(1 for seen in tally.received.values() if seen) < clients:
        await asyncio.sleep(0.1)
    tally.answers = 0
    meter, metering = CpuMeter(target.pids), asyncio.Event()
    meter.sample()
    sampling = asyncio.create_task(meter.run(metering))
    rss0 = rss_mb(target.pids())
    start = time.perf_counter()
    commands = asyncio.create_task(commander(target.addresses, busy, rate, tally, stop))
    moments: dict[str, float] = await events(start, seconds) if events is not None else {}
    remaining = start + seconds - time.perf_counter()
    if remaining > 0:
        await asyncio.sleep(remaining)
    measured = time.perf_counter()
    await asyncio.sleep(2.0)  # the last commands' wake-ups arrive
    settled = time.perf_counter()
    metering.set()
    await sampling
    meter.sample()
    cpu = meter.seconds
    rss1 = rss_mb(target.pids())
    answers = tally.answers
    commands_sent = len(tally.command_ms)
    stop.set()
    await commands
    for task in pollers:
        task.cancel()
    await asyncio.gather(*pollers, return_exceptions=True)
    return Figures(
        clients,
        wake_ups(tally, centre_of, (start, measured), settled),
        tally.command_ms,
        tally.errors,
        tally.error_kinds,
        tally.reconnects,
        answers,
        cpu,
        (idle, rss0, rss1),
        measured - start,
        cpu - commands_sent * command_cpu,
        {
            event: wake_ups(tally, centre_of, (start, moment), settled)
            for event, moment in moments.items()
        },
    )


async def commands_alone(
    target: Target, centres: list[Centre], rate: float, seconds: float
) -> float:
    """Server CPU seconds per command, with no client waiting (to take out of the wake-ups).

    A first command from each sending installation into each centre costs more than
    the rest (the client registers, the database's pages are cold): the first round
    of them goes unmeasured, or at 200 centres the cold ones were most of what was
    measured.
    """
    pids = target.pids()
    tally, stop = Tally(), asyncio.Event()
    sending = asyncio.create_task(commander(target.addresses, centres, rate, tally, stop))
    await asyncio.sleep(len(centres) * SENDERS / rate)
    cpu, sent = cpu_seconds(pids), len(tally.command_ms)
    await asyncio.sleep(seconds)
    cpu, sent = cpu_seconds(pids) - cpu, len(tally.command_ms) - sent
    stop.set()
    await sending
    return cpu / max(sent, 1)


# -- the floor: a bare asyncio HTTP server -----------------------------------------------

BARE_SERVER = r"""
import asyncio, json, re, sys

versions = {}  # centre -> version
changed = {}  # centre -> asyncio.Event

async def handle(reader, writer):
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            method, target = line.split()[:2]
            length = 0
            while (header := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = header.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            query = dict(re.findall(rb"[?&]([a-z_]+)=([^&]*)", target))
            centre = query[b"centre"]
            if b"/stream" in target:
                await stream(writer, centre)
                break
            if method == b"POST":
                versions[centre] = versions.get(centre, 0) + 1
                if event := changed.pop(centre, None):
                    event.set()
            elif int(query[b"after"]) >= versions.get(centre, 0) and query[b"wait"] != b"0":
                await changed.setdefault(centre, asyncio.Event()).wait()
            version = versions.get(centre, 0)
            body = json.dumps({"cursor": str(version), "has_more": False, "version": version,
                               "last_seq": None, "results": [{"status": "applied"}],
                               "tables": []}).encode()
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                         b"content-length: %d\r\n\r\n%s" % (len(body), body))
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    writer.close()

def page(centre):
    version = versions.get(centre, 0)
    return json.dumps({"cursor": str(version), "has_more": False, "version": version,
                       "last_seq": None, "tables": []}).encode()

async def stream(writer, centre):
    writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                 b"transfer-encoding: chunked\r\n\r\n")
    while True:
        event = b"data: %s\n\n" % page(centre)
        writer.write(b"%x\r\n%s\r\n" % (len(event), event))
        await writer.drain()
        await changed.setdefault(centre, asyncio.Event()).wait()

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()

asyncio.run(main())
"""


@contextlib.contextmanager
def bare_server() -> Iterator[Target]:
    process = subprocess.Popen(
        [sys.executable, "-c", BARE_SERVER], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield Target([("127.0.0.1", port)], lambda: [process.pid])
    finally:
        process.kill()
        process.wait()


# -- the scenarios ----------------------------------------------------------------------


@dataclass
class Connections:
    """The most PostgreSQL connections the servers held, and had busy, at once."""

    held: int = 0
    busy: int = 0

    async def watch(self, url: str) -> None:
        """Sample `pg_stat_activity` of the bench's database twice a second until cancelled."""
        import psycopg

        dsn = url.replace("postgresql+psycopg://", "postgresql://")
        query = (
            "SELECT count(*), count(*) FILTER (WHERE state <> 'idle') FROM"
            " pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        with psycopg.connect(dsn, autocommit=True) as connection:
            while True:
                row = await asyncio.to_thread(lambda: connection.execute(query).fetchone())
                if row is not None:
                    self.held, self.busy = max(self.held, row[0]), max(self.busy, row[1])
                await asyncio.sleep(0.5)


def raise_file_limit() -> int:
    """Raise this process's open-file limit to the hard limit (servers inherit it)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


@contextlib.contextmanager
def desk_servers(url: str, count: int, log_dir: Path) -> Iterator[list[ServerProcess]]:
    # As deployed: the test helper's servers run one command process, not the default.
    env = {"DESK_COMMAND_PROCESSES": str(ServerSettings.command_processes)}
    servers = [
        ServerProcess(url, env=env, log_dir=log_dir, startup_timeout=60.0) for _ in range(count)
    ]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()


def _target(servers: list[ServerProcess]) -> Target:
    return Target(
        [(s.host, s.port) for s in servers],
        lambda: with_children([pid for s in servers if (pid := s.pid) is not None]),
    )


def with_children(pids: list[int]) -> list[int]:
    """`pids` and every process they started: a server's command processes count as its."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
    family, grown = list(pids), True
    while grown:
        more = [pid for pid, parent in parents.items() if parent in family and pid not in family]
        family += more
        grown = bool(more)
    return family


def print_run(report: Report, name: str, figure: Figures, floor: Figures) -> None:
    """Every figure of one scenario beside its floor."""
    what = f"bare asyncio HTTP server, same harness, {floor.clients} clients"
    report.ms(f"{name}: wake-up p50", figure.wake(0.5), floor.wake(0.5), what)
    report.ms(f"{name}: wake-up p99", figure.wake(0.99), floor.wake(0.99), what)
    report.ms(f"{name}: command POST p99", figure.command(0.99), floor.command(0.99), what)
    report.ms(
        f"{name}: server CPU per wake-up, commands' own taken out",
        figure.cpu_per_wake_ms,
        floor.cpu_per_wake_ms,
        what,
    )
    idle, held, end = figure.rss
    report.note(
        f"    {name}: {figure.clients} clients, {figure.seconds:.1f} s, wake-ups measured"
        f" {len(figure.wake_ms)}, pages delivered {figure.answers}, command POST p50"
        f" {figure.command(0.5):.1f} ms, errors {figure.errors} {figure.error_kinds},"
        f" reconnects {figure.reconnects}, server CPU {figure.cpu:.2f} s"
        f" ({figure.cpu - figure.wake_cpu:.2f} s of it the commands' own,"
        f" {figure.cpu * 1000 / max(figure.answers, 1):.2f} ms per wake-up with them)"
        f" ({figure.cpu / max(figure.seconds, 1e-9) * 100:.0f}% of a core), server RSS"
        f" idle {idle:.0f} MB, every client held {held:.0f} MB"
        f" ({(held - idle) * 1024 / max(figure.clients, 1):.1f} KB per held connection;"
        f" bare server {(floor.rss[1] - floor.rss[0]) * 1024 / max(floor.clients, 1):.1f} KB),"
        f" at the end {end:.0f} MB"
    )


TRANSPORTS = {"long-poll": False, "stream": True}


async def single(
    report: Report, backend: str, sizes: tuple[int, float], transports: list[str], scratch: Path
) -> list[Figures]:
    """Scenario (a): one centre, one server process, 10 commands/s, per transport."""
    clients, seconds = sizes
    with database_url(backend, "load") as url:
        upgrade(url)
        database = open_database(url)
        centre = seed_centre(database, 0)
        database.dispose()
        with desk_servers(url, 1, scratch) as servers:
            figures = [
                await run_load(
                    _target(servers), [centre], clients, 10.0, seconds, stream=TRANSPORTS[name]
                )
                for name in transports
            ]
    for name, figure in zip(transports, figures, strict=True):
        with bare_server() as bare:
            floor = await run_load(bare, [centre], clients, 10.0, seconds, stream=TRANSPORTS[name])
        print_run(report, f"single centre, {backend}, {name}", figure, floor)
    return figures


async def many(
    report: Report,
    sizes: tuple[int, int, int, int],
    pace: tuple[float, float],
    transport: str,
    scratch: Path,
) -> Figures:
    """Scenario (b): centres over server processes on PostgreSQL, a fan-out, a restart.

    `pace`: (commands/s, seconds of the run).
    """
    clients, centres_n, servers_n, guardians = sizes
    rate, seconds = pace
    with database_url("postgres", "load") as url:
        upgrade(url)
        database = open_database(url)
        centres = [seed_centre(database, n) for n in range(centres_n)]
        crowd = seed_fanout_centre(database, guardians)
        database.dispose()
        with desk_servers(url, servers_n, scratch) as servers:
            fanned: list[float] = []

            async def events(start: float, length: float) -> dict[str, float]:
                """The fan-out at a quarter of the run, the restart at half; when each began."""
                await asyncio.sleep(max(0.0, start + length * 0.25 - time.perf_counter()))
                fanning_at = time.perf_counter()
                address = (servers[-1].host, servers[-1].port)
                fanning = asyncio.create_task(fan_out(address, crowd, Tally()))
                await asyncio.sleep(max(0.0, start + length * 0.5 - time.perf_counter()))
                restarting = time.perf_counter()
                await asyncio.to_thread(servers[0].restart)
                report.note(
                    f"    server 0 stopped at {restarting - start:.1f} s and served again at"
                    f" {time.perf_counter() - start:.1f} s"
                )
                fanned.append(await fanning)
                return {"the fan-out": fanning_at, "the restart": restarting}

            stream = TRANSPORTS[transport]
            connections = Connections()
            watching = asyncio.ensure_future(connections.watch(url))
            try:
                figure = await run_load(
                    _target(servers), centres, clients, rate, seconds, events, stream=stream
                )
            finally:
                watching.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watching
    with bare_server() as bare:
        floor = await run_load(bare, centres, clients, rate, seconds, stream=stream)
    name = f"{centres_n} centres, {servers_n} processes, {rate:g} commands/s, postgres, {transport}"
    print_run(report, name, figure, floor)
    for event, wakes in figure.before.items():
        report.note(
            f"    {name}: wake-ups of commands sent before {event} began:"
            f" p50 {_quantile(wakes, 0.5):.0f} ms, p99 {_quantile(wakes, 0.99):.0f} ms"
            f" ({len(wakes)} measured)"
        )
    report.note(
        f"    fan-out to {guardians:,} guardians during the run: commands took"
        f" {fanned[0] if fanned else float('nan'):.2f} s"
    )
    report.note(
        f"    PostgreSQL connections of the {servers_n} processes at once: at most"
        f" {connections.held} open, {connections.busy} busy (pool: 10 + 20 overflow a process)"
    )
    return figure


async def step(report: Report, backend: str, seconds: float, transport: str, scratch: Path) -> None:
    """Clients of one centre on one process, doubling until p99 wake-up passes 1 s."""
    stream = TRANSPORTS[transport]
    held, n = 0, 250
    while n <= 8000:
        with database_url(backend, "step") as url:
            upgrade(url)
            database = open_database(url)
            centre = seed_centre(database, 0)
            database.dispose()
            with desk_servers(url, 1, scratch) as servers:
                figure = await run_load(_target(servers), [centre], n, 10.0, seconds, stream=stream)
        report.note(
            f"    step {n} clients, {transport}: wake-up p50 {figure.wake(0.5):.0f} ms, p99"
            f" {figure.wake(0.99):.0f} ms, errors {figure.errors}"
        )
        if not figure.wake(0.99) < 1000 or figure.errors:
            break
        held, n = n, n * 2
    report.note(
        f"  clients one process holds with p99 wake-up under 1 s ({backend}, {transport}): {held}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="postgres")
    parser.add_argument("--scenario", choices=("single", "many", "both"), default="both")
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--centres", type=int, default=200)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--guardians", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--rate",
        type=float,
        default=100.0,
        help="commands/s of the many-centre scenario (the issue's: 100)",
    )
    parser.add_argument("--step", action="store_true", help="find the clients one process holds")
    parser.add_argument(
        "--transport",
        choices=("long-poll", "stream", "both"),
        default="both",
        help="how clients wait: long-polls (today's client), the streamed feed, or both",
    )
    parser.add_argument("--quick", action="store_true", help="200 clients, 20 s (CI)")
    parser.add_argument("--tiny", action="store_true", help="check the bench runs")
    args = parser.parse_args()
    if args.quick:
        args.clients, args.centres, args.guardians, args.seconds = 200, 20, 500, 20.0
    if args.tiny:
        args.clients, args.centres, args.guardians, args.seconds = 40, 4, 50, 4.0
    limit = raise_file_limit()
    scratch = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-load-{os.getpid()}"
    title = (
        f"load: {args.clients} long-polling clients, {args.seconds:g} s per run,"
        f" open files {limit}, {os.cpu_count()} cores"
    )
    random.seed(1)

    transports = list(TRANSPORTS) if args.transport == "both" else [args.transport]

    async def everything() -> int:
        runs = []
        with Report(title) as report:
            if args.scenario in ("single", "both"):
                # `--tiny` checks SQLite here and PostgreSQL in the other scenario.
                backend = "sqlite" if args.tiny else args.backend
                sizes_a = (args.clients, args.seconds)
                runs += await single(report, backend, sizes_a, transports, scratch)
            if args.scenario in ("many", "both"):
                sizes = (args.clients, args.centres, args.servers, args.guardians)
                pace = (args.rate, args.seconds)
                # `--tiny`: the restart with the real client's long-polls only.
                for transport in transports[:1] if args.tiny else transports:
                    runs.append(await many(report, sizes, pace, transport, scratch))
            if args.step:
                for transport in transports:
                    await step(report, args.backend, args.seconds, transport, scratch)
        return sum(figure.errors for figure in runs)

    errors = asyncio.run(everything())
    if errors and (args.quick or args.tiny):
        sys.exit(f"{errors} errors: a client saw an answer other than 200")


if __name__ == "__main__":
    main()
