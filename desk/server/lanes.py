"""Thread pools by kind of work, so that a command never queues behind feed reads.

Every woken long-poll reads the database, and so does every command; in one shared
pool a command's POST waited behind thousands of feed reads (issue 16: 14-17 s at
2,000 clients). Feed reads run in a pool of their own, commands and their caller's
sign-in check in another; FastAPI's own pool keeps the rest (the long-polls' own
sign-in checks, every other endpoint).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

READ_THREADS = 4
"""Feed reads at once. Reads are batched per change (`desk.server.shared_pages`), so a
few threads suffice; more would only contend for the interpreter lock with commands."""
COMMAND_THREADS = 8
"""Command batches at once: each mostly waits for its transaction's row lock and commit."""


class Lanes:
    """The feed-read pool and the command pool of one server process."""

    def __init__(self, *, reads: int = READ_THREADS, commands: int = COMMAND_THREADS) -> None:
        self.reads = ThreadPoolExecutor(reads, thread_name_prefix="feed-read")
        self.commands = ThreadPoolExecutor(commands, thread_name_prefix="command")

    def close(self) -> None:
        """Stop both pools; work still queued is dropped (the server is shutting down)."""
        self.reads.shutdown(wait=False, cancel_futures=True)
        self.commands.shutdown(wait=False, cancel_futures=True)
