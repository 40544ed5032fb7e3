"""Thread pools by kind of work, so that a command never queues behind feed reads.

Every woken long-poll reads the database, and so does every command; in one shared
pool a command's POST waited behind thousands of feed reads (issue 16: 14-17 s at
2,000 clients). Feed reads run in a pool of their own, commands and their caller's
sign-in check in another; FastAPI's own pool keeps the rest (the long-polls' own
sign-in checks, every other endpoint).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from desk.server.apply_process import ApplyProcess

READ_THREADS = 4
"""Feed reads at once. Reads are batched per change (`desk.server.shared_pages`), so a
few threads suffice; more would only contend for the interpreter lock with commands."""
COMMAND_THREADS = 8
"""Command batches at once: each mostly waits for its transaction's row lock and commit."""


class Lanes:
    """The feed-read pool and the command pool of one server process.

    `apart`: where command batches and their callers' sign-in checks are done, when
    not in the command pool's threads, and `fan_out` where batches that fan out to a
    centre are applied (PostgreSQL; see `desk.server.apply_process`).
    """

    def __init__(
        self,
        *,
        reads: int = READ_THREADS,
        commands: int = COMMAND_THREADS,
        apart: ApplyProcess | None = None,
        fan_out: ApplyProcess | None = None,
    ) -> None:
        self.reads = ThreadPoolExecutor(reads, thread_name_prefix="feed-read")
        self.commands = ThreadPoolExecutor(commands, thread_name_prefix="command")
        self.apart = apart
        self.fan_out = fan_out

    @property
    def ready(self) -> bool:
        """Whether the command processes, if any, are up."""
        return all(p.ready for p in (self.apart, self.fan_out) if p is not None)

    def close(self) -> None:
        """Stop the pools; work still queued is dropped (the server is shutting down)."""
        self.reads.shutdown(wait=False, cancel_futures=True)
        self.commands.shutdown(wait=False, cancel_futures=True)
        for process in (self.apart, self.fan_out):
            if process is not None:
                process.close()
