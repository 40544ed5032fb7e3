"""Worker threads that claim jobs and hand them to handlers by kind.

Sending is blocking I/O (HTTP to Twilio and FCM, SMTP), so workers are plain threads
with their own database sessions, not tasks on the server's event loop. Each worker
claims a batch, so the few transactions a batch needs are shared by all its jobs.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Mapping
from datetime import timedelta

from desk.server.db import Database
from desk.server.jobs.backoff import retry_delay
from desk.server.jobs.queue import ClaimedJob, claim, settle

log = logging.getLogger(__name__)

Handler = Callable[[list[ClaimedJob]], None]
"""Runs a batch of claimed jobs of one kind and settles each of them."""

IDLE_WAIT_SECONDS = 0.2


class WorkerPool:
    """`count` worker threads sharing one database and one set of handlers.

    Args:
        handlers: the handler of each job kind; a handler settles every job it is
            given. A handler that raises instead leaves its jobs to be retried.
        batch: jobs claimed at once by one worker.
        lease_seconds: how long a claimed batch stays a worker's before another
            worker may take it over; longer than a batch can take to send.
    """

    def __init__(
        self,
        database: Database,
        handlers: Mapping[str, Handler],
        *,
        count: int,
        batch: int = 25,
        lease_seconds: float = 300.0,
        name: str = "desk-worker",
    ) -> None:
        self._database = database
        self._handlers = dict(handlers)
        self._count = count
        self._batch = batch
        self._lease = timedelta(seconds=lease_seconds)
        self._name = name
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self.handler_failures = 0  # batches whose handler raised (a bug, or an outage)

    def start(self) -> WorkerPool:
        """Start the threads; a count of 0 starts none (tests drive `run_once`)."""
        for number in range(self._count):
            thread = threading.Thread(
                target=self._loop, args=(number,), name=f"{self._name}-{number}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return self

    def wake(self) -> None:
        """Look for work now rather than after the idle wait."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the batches in hand and stop."""
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    def run_once(self, worker_id: str | None = None) -> int:
        """Claim one batch and run it; returns how many jobs were claimed."""
        jobs = claim(
            self._database,
            worker_id or self._worker_id("manual"),
            self._handlers,
            limit=self._batch,
            lease=self._lease,
        )
        by_kind: dict[str, list[ClaimedJob]] = {}
        for job in jobs:
            by_kind.setdefault(job.kind, []).append(job)
        for kind, batch in by_kind.items():
            try:
                self._handlers[kind](batch)
            except Exception as error:  # a handler bug must not stop the worker
                log.exception("%s handler failed on %d jobs", kind, len(batch))
                self.handler_failures += 1
                self._release(batch, f"internal error: {error!r}")
        return len(jobs)

    def run_until_idle(self) -> int:
        """Run batches until none is due (tests and the bench); returns jobs run."""
        total = 0
        while claimed := self.run_once():
            total += claimed
        return total

    def _loop(self, number: int) -> None:
        worker_id = self._worker_id(str(number))
        while not self._stop.is_set():
            try:
                claimed = self.run_once(worker_id)
            except Exception:  # the database may be restarting; keep going
                log.exception("worker %s could not claim jobs", worker_id)
                claimed = 0
            if not claimed:
                self._wake.wait(IDLE_WAIT_SECONDS)
                self._wake.clear()

    def _worker_id(self, suffix: str) -> str:
        return f"{socket.gethostname()}:{os.getpid()}:{suffix}"

    def _release(self, jobs: list[ClaimedJob], error: str) -> None:
        with self._database.writing() as session:
            for job in jobs:
                settle(
                    session,
                    job.id,
                    error=error,
                    retry_in=retry_delay(job.attempts),
                    in_flight=True,  # it may have reached the provider: reconcile first
                )
