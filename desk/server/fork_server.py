"""Where the command processes are forked from: a fork server that imported them once.

Not forked from the server process itself, which has threads (and their locks).
Spawning each child instead imported the whole command layer in each (1.3 s of CPU
on a quiet machine, three children per server process): a restarted server was
ready seconds later, and every PostgreSQL server a test starts paid it. The fork
server imports it once; each child is a fork of that single-threaded process.
Where there is no fork server (Windows), children are spawned.

This module imports nothing of the server, so that `desk server` can start the fork
server before importing the rest (`prepare_children`).
"""

from __future__ import annotations

import multiprocessing
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext, SpawnContext

PRELOADED = "desk.server.apply_process"
"""What the fork server imports before forking: the children's code and all it needs."""


def child_context() -> ForkServerContext | SpawnContext:
    """The multiprocessing context the command processes are made with."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOADED])
    return context


def prepare_children() -> None:
    """Start the fork server now, so that it imports while this process does.

    Its import takes over a second; started before the server process imports its
    own code, it is ready by the time the first child is asked for instead of
    holding the server's start-up for that long. Returns at once.
    """
    if child_context().get_start_method() == "forkserver":  # and names what it preloads
        from multiprocessing import forkserver  # POSIX only

        forkserver.ensure_running()
