"""Checkpointing the cache's write-ahead log in the background, off the sync's path.

In WAL mode SQLite copies committed pages back into the database file at a
checkpoint, which by default runs inside whichever COMMIT pushes the log past
`wal_autocheckpoint` pages. After an initial sync the log holds tens of megabytes,
so the first incremental page to commit paid a checkpoint of the whole initial
sync: a third of the incremental pull's time in `bench/bench_sync.py`.

SQLite's documentation suggests the alternative used here: a connection of its own,
in a thread of its own, checkpoints when asked. A PASSIVE checkpoint never waits for
readers or writers, and WAL lets it run while the next page is being applied; the
writer's `wal_autocheckpoint` stays as a ceiling should this thread fall behind.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)


class Checkpointer:
    """A daemon thread that runs `PRAGMA wal_checkpoint(PASSIVE)` when requested.

    Requests made while a checkpoint runs fold into one more run. The thread and
    its connection exist only from the first request until `close()`.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._wanted = threading.Event()
        self._closing = False
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def request(self) -> None:
        """Ask for a checkpoint soon; returns at once."""
        with self._lock:
            if self._closing:
                return
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="desk-checkpoint", daemon=True
                )
                self._thread.start()
            self._idle.clear()
            self._wanted.set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no checkpoint is requested or running (for tests and benches)."""
        return self._idle.wait(timeout)

    def close(self) -> None:
        """Stop the thread, letting a checkpoint in progress finish."""
        with self._lock:
            self._closing = True
            thread, self._thread = self._thread, None
        self._wanted.set()
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        connection = sqlite3.connect(self._path, check_same_thread=False, timeout=0)
        try:
            while True:
                self._wanted.wait()
                self._wanted.clear()
                if self._closing:
                    return
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.Error as error:  # busy or failing disk: the writer's
                    log.info("background checkpoint skipped: %s", error)  # ceiling copes
                with self._lock:  # a request made meanwhile keeps it busy
                    if not self._wanted.is_set():
                        self._idle.set()
        finally:
            connection.close()
            self._idle.set()
