"""Command batches applied in processes of their own, beside the server's event loop.

A server process runs one event loop for thousands of streams. A command applied in
one of its threads gave the interpreter lock up at each round trip to the database
and waited to get it back behind the loop: with 2,000 streams of one centre woken
10 times a second, a reply costing 9 ms of CPU took 27 ms in its thread on average
and its POST 110 ms at p99 (`bench/bench_load.py --scenario single`). A child
process has an interpreter lock of its own. On PostgreSQL every command request (its
sign-in check, its body, its batch: `desk.server.command_requests`) is handled in one
(two workers; one round trip between processes per POST); a batch that
fans out to a whole centre (a New Message or an Emergency SMS to every family:
seconds of interpreter time for 5,000 guardians, `bench/bench_fanout.py`) runs in
another, at a lower CPU priority (`fan_out`), so that it holds up neither the loop
nor other commands. A child's commit NOTIFYs every server process, this one
included, as any commit does. On SQLite (one process: the desktop's embedded
server) everything stays in the threads.

A child is started with the server (`start`) and kept. If it dies, the work is done
in a thread of the server instead and a new child is started for the next: a child
that died after its commit leaves the batch applied, and applying it again answers
its commands as duplicates (the command log), so nothing is applied twice or lost.
An error the child raises reaches the caller as the same exception (pickled, its
SQLSTATE kept), so the API answers it as it would from a thread.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from desk.server.command_requests import CommandRequest, Handled, handle_commands
from desk.server.db import Database, open_database
from desk.server.fork_server import child_context
from desk.server.logs import configure_logging
from desk.server.notify import Announcer, ChangeNotifier

log = logging.getLogger(__name__)

T = TypeVar("T")

FAN_OUT_NICENESS = 10
"""How much lower a fan-out child's CPU priority is than the server's: where cores are
few, a fan-out of thousands took the CPU the server processes need to answer every
other client, and it is the one piece of work whose sender already expects to wait."""


CHILD_OVERFLOW = 1
"""Connections a command process may open beyond the one it keeps (docs/deploy.md)."""


class ApplyProcess:
    """Child processes applying command batches, with the server's threads as fallback."""

    def __init__(
        self,
        database: Database,
        announcer: Announcer,
        log_format: str,
        *,
        workers: int = 1,
        niceness: int = 0,
    ) -> None:
        self._database, self._announcer = database, announcer
        self._log_format = log_format
        self._workers, self._niceness = workers, niceness
        self._pool: ProcessPoolExecutor | None = None
        self._warming: list[Future[int]] = []
        self._lock = threading.Lock()
        self.applied_in_child = 0
        """Batches a child applied (for tests and the curious)."""
        self.child_pid: int | None = None
        """The process id of the child that applied the last of them."""

    async def handle(self, request: CommandRequest, threads: Executor) -> Handled:
        """`handle_commands` in a child; in `threads` if the child is gone.

        Raises:
            NotAuthenticated: as `principal_for_token` does.
        """
        here = functools.partial(handle_commands, self._database, self._announcer, request)
        handled, pid = await self._run(
            functools.partial(_handle, request), lambda: (here(), None), threads
        )
        if pid is not None and handled.outcome is not None:
            with self._lock:
                self.applied_in_child += 1
                self.child_pid = pid
        return handled

    async def _run(
        self, in_child: Callable[[], T], in_thread: Callable[[], T], threads: Executor
    ) -> T:
        pool = self._started()
        try:
            return await asyncio.wrap_future(pool.submit(in_child))
        except BrokenProcessPool:
            log.warning("a command process died; doing its work in the server process")
            self._forget(pool)
        return await asyncio.get_running_loop().run_in_executor(threads, in_thread)

    def start(self) -> None:
        """Start the children now, not with the first command.

        Spawning one and importing the server take seconds that the first command
        (an Emergency SMS, say) should not wait for.
        """
        pool = self._started()
        self._warming = [pool.submit(os.getpid) for _ in range(self._workers)]

    @property
    def ready(self) -> bool:
        """Whether the children `start` began are up (each has answered once)."""
        return all(started.done() for started in self._warming)

    def close(self) -> None:
        """Stop the children once their batches in flight, if any, are done."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _started(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self._workers,
                    mp_context=child_context(),
                    initializer=_open,
                    initargs=(
                        self._database.url,
                        self._log_format,
                        self._niceness,
                        os.getpid(),
                    ),
                )
            return self._pool

    def _forget(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)


_child: tuple[Database, Announcer] | None = None
"""The child's database and announcer, opened once by `_open`."""


def _open(database_url: str, log_format: str, niceness: int, server_pid: int) -> None:
    """Set the child up: its own logging and connections; Ctrl+C is the parent's to act on."""
    global _child
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with(server_pid)
    if niceness:
        os.nice(niceness)
    configure_logging(log_format)
    # One batch at a time: one connection, and a spare for a nested session.
    database = open_database(database_url, connections=1, overflow=CHILD_OVERFLOW)
    # Nobody waits on the child's notifier: on PostgreSQL its commits are announced
    # by NOTIFY, which every server process hears.
    _child = database, Announcer(ChangeNotifier(complete=False), database.dialect)


def _end_with(server_pid: int) -> None:
    """End this process when the server process does, however it ends.

    A child waits for work on a queue it holds both ends of, so it never sees the
    server go: after a SIGTERM to the server alone (not its process group), or a
    kill -9, the children (and the fork server, which lives while they do) stayed
    on, holding database connections. A thread waits for the server's end (a
    pidfd, where Linux has them; else it looks every `SERVER_CHECK_SECONDS`). A
    batch being applied then is rolled back with the connection, as it would be if
    the child were killed; its client sends it again.
    """
    if os.name != "posix":  # spawned children of Windows: not a server platform
        return
    threading.Thread(
        target=_wait_for_end, args=(server_pid,), name="server-watch", daemon=True
    ).start()


SERVER_CHECK_SECONDS = 1.0


def _wait_for_end(server_pid: int) -> None:
    try:
        pidfd = os.pidfd_open(server_pid)
    except (AttributeError, OSError):  # no pidfds here (older Linux, macOS)
        while _alive(server_pid):
            time.sleep(SERVER_CHECK_SECONDS)
    else:
        select.select([pidfd], [], [])  # readable once the process has ended
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's (a reused process id at worst)
        return True
    return True


def _opened() -> tuple[Database, Announcer]:
    if _child is None:
        raise RuntimeError("the command process was not set up")
    return _child


def _handle(request: CommandRequest) -> tuple[Handled, int]:
    """What became of the request, and the child's process id."""
    database, announcer = _opened()
    return handle_commands(database, announcer, request), os.getpid()
