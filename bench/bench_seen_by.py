"""Benchmark of seen-by and the per-viewer counters over a cache (issue 13 item 3).

A group conversation of 500 messages, each read by its 15 participants (7,500
receipts), in a cache of 20,000 threads (2,000 of them group conversations the
signed-in staff member takes part in, some muted) and 20,000 other messages. Prints
the median and p95, in milliseconds, of: the count under every message
(`seen_counts`), one message's readers in full (`seen_by_message`), every reader of
every message for a transcript (`seen_by`), the participants list, and the red and
grey counters, whose group conversations count the viewer's own participation.

Run: `.venv/bin/python bench/bench_seen_by.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from desk.models.cache import Cache, open_cache
from desk.models.conversation_queries import participants, seen_by, seen_by_message, seen_counts
from desk.models.queries import counters

THREADS = 20_000
MESSAGES = 500
READERS = 15


def at(second: int) -> str:
    """A wire time `second` seconds into a day."""
    return f"2026-11-20T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.000000Z"


def fill(cache: Cache) -> None:
    """The conversation `t0` and everything around it."""
    with cache.writing() as c:
        c.execute("INSERT INTO sync_meta VALUES ('principal_id', 's0')")
        c.executemany(
            "INSERT INTO staff (id, version, first_name, last_name, username, role, capabilities,"
            " phone, email, preferred_channel, language, sms_opt_in, active)"
            " VALUES (?, 1, ?, 'Staff', ?, 'teacher', '', NULL, NULL, 'app', 'en', 1, 1)",
            [(f"s{n}", f"Staff{n}", f"user{n}") for n in range(READERS)],
        )
        c.executemany(
            "INSERT INTO thread (id, version, kind, status, family_id, guardian_id, room_id,"
            " phone, title, created_by, created_at, stopped, last_message_at,"
            " last_message_preview, message_count, unread_count, stopped_by, stopped_at)"
            " VALUES (?, 1, ?, 'open', NULL, NULL, NULL, NULL, 'x', NULL, ?, 0, ?, '', 1, ?,"
            " NULL, NULL)",
            [
                (f"t{n}", "group" if n % 10 == 0 else "office", at(0), at(n % 80_000), n % 3)
                for n in range(THREADS)
            ],
        )
        participant = (
            "INSERT INTO participant (id, version, thread_id, person_kind, person_id, muted,"
            " archived, joined_at, unread_count) VALUES (?, 1, ?, 'staff', ?, ?, 0, ?, ?)"
        )
        c.executemany(
            participant,
            [(f"p{n}", f"t{n}", "s0", n % 20 == 0, at(0), 2) for n in range(0, THREADS, 10)],
        )
        c.executemany(
            participant, [(f"q{n}", "t0", f"s{n}", False, at(0), 0) for n in range(1, READERS)]
        )
        c.executemany(
            "INSERT INTO message (id, version, thread_id, direction, author_kind, author_id,"
            " from_phone, subject, body, emergency_sms, show_at_kiosk, state, error, created_at)"
            " VALUES (?, 1, ?, 'out', 'staff', 's1', NULL, '', 'hello', 0, 0, 'sent', '', ?)",
            [
                (f"m{t}-{k}", f"t{t}", at(k))
                for t in range(2_000)
                for k in range(MESSAGES if t == 0 else 10)
            ],
        )
        c.executemany(
            "INSERT INTO receipt (id, version, message_id, person_kind, person_id, seen_at)"
            " VALUES (?, 1, ?, 'staff', ?, ?)",
            [
                (f"r{k}-{p}", f"m0-{k}", f"s{p}", at(k + 1))
                for k in range(MESSAGES)
                for p in range(READERS)
            ],
        )


def measure(cache: Cache, read: Callable[[Session], object], runs: int) -> tuple[float, float]:
    """Median and p95 of `read`, in milliseconds, after one warm-up."""
    times = []
    with cache.session() as session:
        read(session)
        for _ in range(runs):
            start = time.perf_counter()
            read(session)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    """Build the cache in a temporary folder and print each read's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    reads: dict[str, Callable[[Session], object]] = {
        f"seen_counts: {MESSAGES} messages": lambda s: seen_counts(s, "t0"),
        "seen_by_message: one message": lambda s: seen_by_message(s, f"m0-{MESSAGES // 2}"),
        f"seen_by: {MESSAGES * READERS} receipts": lambda s: seen_by(s, "t0"),
        f"participants: {READERS}": lambda s: participants(s, "t0"),
        f"counters: {THREADS} threads": counters,
    }
    with tempfile.TemporaryDirectory() as folder, open_cache(Path(folder) / "c.db") as cache:
        fill(cache)
        for name, read in reads.items():
            median, p95 = measure(cache, read, runs)
            print(f"{name:<32} median {median:7.2f} ms   p95 {p95:7.2f} ms")


if __name__ == "__main__":
    main()
