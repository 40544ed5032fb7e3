"""Batches that fan out to a whole centre, applied in a process of their own.

A New Message or an Emergency SMS to every family writes a thread, a message, a
delivery and a job per family: for 5,000 guardians, seconds of interpreter time
(`bench/bench_fanout.py`). In the server's process those seconds hold the lock
that its event loop and every other command need, so each long-poll, stream and
POST of the process waited for the fan-out (`bench/bench_load.py`, many centres).
On PostgreSQL such a batch is applied by a child process instead: its commit's
NOTIFY wakes every server process, this one included, as any other commit does.
On SQLite (one process: the desktop's embedded server) it stays in the thread.

The child is started with the server (`start`) and kept. If it dies, the batch is
applied in the calling thread and a new child is started for the next one: a child
that died after its commit leaves the batch applied, and applying it again answers
its commands as duplicates (the command log), so nothing is applied twice or lost.
An error the child raises reaches the caller as the same exception (pickled, its
SQLSTATE kept), so the API answers it as it would from the thread.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from desk.server.commands import CommandIn, apply_batch
from desk.server.commands.batch import BatchResult
from desk.server.db import Database, open_database
from desk.server.logs import configure_logging
from desk.server.notify import Announcer, ChangeNotifier
from desk.server.principal import Principal

log = logging.getLogger(__name__)


class FanOutProcess:
    """A child process applying fan-out batches, with the calling thread as fallback."""

    def __init__(self, database: Database, announcer: Announcer, log_format: str) -> None:
        self._database, self._announcer = database, announcer
        self._log_format = log_format
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self.applied_in_child = 0
        """Batches the child applied (for tests and the curious)."""
        self.child_pid: int | None = None
        """The process id of the child that applied the last of them."""

    def apply(
        self, principal: Principal, client_id: str, commands: list[CommandIn], public_url: str
    ) -> BatchResult:
        """`apply_batch` in the child; in this thread if the child is gone."""
        pool = self._started()
        try:
            result, pid = pool.submit(_apply, principal, client_id, commands, public_url).result()
        except BrokenProcessPool:
            log.warning("the fan-out process died; applying the batch in the server process")
            self._forget(pool)
            return apply_batch(
                self._database,
                self._announcer,
                principal,
                client_id,
                commands,
                public_url=public_url,
            )
        with self._lock:
            self.applied_in_child += 1
            self.child_pid = pid
        return result

    def start(self) -> None:
        """Start the child now, not with the first fan-out.

        Spawning it and importing the server take seconds that the first Emergency
        SMS should not wait for.
        """
        self._started().submit(os.getpid)

    def close(self) -> None:
        """Stop the child once its batch in flight, if any, is done."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _started(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # Spawned, not forked: the server process has threads (and their locks).
                self._pool = ProcessPoolExecutor(
                    1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_open,
                    initargs=(self._database.url, self._log_format),
                )
            return self._pool

    def _forget(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)


_child: tuple[Database, Announcer] | None = None
"""The child's database and announcer, opened once by `_open`."""


CHILD_NICENESS = 10
"""How much lower the child's CPU priority is than the server's (see `_open`)."""


def _open(database_url: str, log_format: str) -> None:
    """Set the child up: its own logging and connections; Ctrl+C is the parent's to act on.

    Its CPU priority is lowered: where cores are few, a fan-out of thousands took the
    CPU that the server processes need to answer every other client, and it is the
    one piece of work whose sender already expects to wait seconds.
    """
    global _child
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(CHILD_NICENESS)
    configure_logging(log_format)
    database = open_database(database_url)
    # Nobody waits on the child's notifier: on PostgreSQL its commits are announced
    # by NOTIFY, which every server process hears.
    _child = database, Announcer(ChangeNotifier(complete=False), database.dialect)


def _apply(
    principal: Principal, client_id: str, commands: list[CommandIn], public_url: str
) -> tuple[BatchResult, int]:
    """The batch's result, and the child's process id."""
    if _child is None:
        raise RuntimeError("the fan-out process was not set up")
    database, announcer = _child
    result = apply_batch(database, announcer, principal, client_id, commands, public_url=public_url)
    return result, os.getpid()
