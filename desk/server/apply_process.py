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
import signal
import threading
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
                    initargs=(self._database.url, self._log_format, self._niceness),
                )
            return self._pool

    def _forget(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)


_child: tuple[Database, Announcer] | None = None
"""The child's database and announcer, opened once by `_open`."""


def _open(database_url: str, log_format: str, niceness: int) -> None:
    """Set the child up: its own logging and connections; Ctrl+C is the parent's to act on."""
    global _child
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if niceness:
        os.nice(niceness)
    configure_logging(log_format)
    # One batch at a time: one connection, and a spare for a nested session.
    database = open_database(database_url, connections=1, overflow=CHILD_OVERFLOW)
    # Nobody waits on the child's notifier: on PostgreSQL its commits are announced
    # by NOTIFY, which every server process hears.
    _child = database, Announcer(ChangeNotifier(complete=False), database.dialect)


def _opened() -> tuple[Database, Announcer]:
    if _child is None:
        raise RuntimeError("the command process was not set up")
    return _child


def _handle(request: CommandRequest) -> tuple[Handled, int]:
    """What became of the request, and the child's process id."""
    database, announcer = _opened()
    return handle_commands(database, announcer, request), os.getpid()
