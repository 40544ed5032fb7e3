"""Garbage collection for a server process holding thousands of connections.

CPython's cycle collector runs a young pass every 700 net container allocations and
now and then a full pass over every object the process holds. A server streaming the
feed to hundreds of clients allocates that many in a fraction of a millisecond of
work, and its full passes walk every connection's objects while every client waits:
the tail of the wake-up latency. With 500 streaming clients of one centre at 10
commands/s, freezing what startup made (never collected: the app, its imports, its
caches) and collecting the young generation every 100,000 allocations took p99
wake-up from 2.2 s to 0.7 s and a wake-up's server CPU from 0.13 to 0.08 ms
(`bench/bench_load.py --scenario single --clients 500 --seconds 30 --transport
stream`, back to back). Cycles are still collected, in larger and rarer passes.
"""

from __future__ import annotations

import gc

YOUNG_ALLOCATIONS = 100_000
"""Net container allocations between young passes (CPython's default: 700)."""
OLDER_PASSES = (50, 1000)
"""Young passes per middle pass, middle passes per full pass (defaults: 10, 10)."""


def settle_after_startup() -> None:
    """Freeze the objects made so far and collect in larger, rarer passes.

    Call once the app is built, in each server process; not in the desktop app,
    whose embedded backend shares the window's process.
    """
    freeze_startup_heap()
    gc.set_threshold(YOUNG_ALLOCATIONS, *OLDER_PASSES)


def freeze_startup_heap() -> None:
    """Collect once, then leave everything made so far out of every later pass.

    A command process (`desk.server.apply_process`) calls this alone once it is set
    up, keeping CPython's thresholds: its full passes walked the whole command layer
    it inherited from the fork server, 30-70 ms each, and each stalled the command
    being applied (one or two a child in a 30 s run of `bench/bench_load.py
    --scenario single`, the tail of the command POST's latency). What a command
    leaves behind is small and short-lived, so the default young passes stay a
    fraction of a millisecond; the server process's rare large ones would instead
    stall a command for as long as a full pass did.
    """
    gc.collect()
    gc.freeze()
