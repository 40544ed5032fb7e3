"""Each benchmark figure printed beside its floor, the ratio, and the machine's load.

A figure alone says little on a shared 2-core machine: a neighbour's build doubles
it. Its floor, the same work done with the bare tool (plain `sqlite3` for a cache
read, a bare Qt widget for a paint, `executemany` of the same rows for a bulk load, a
bare HTTP request for a server call) and measured in the same run under the same
load, says how much our code adds, and that ratio moves far less with the load than
either figure (issue 16 item 6). `bench_office.py` started this with its window and
cold-start floors; this module is the shared form, for every bench in `bench/`
(`bench_sync.py` included: import it as `from floors import Report`, since a bench
script's folder is on `sys.path`).

Every figure line has the same shape, so a person reads it and a test can check it:

    <label>  <figure>  floor <floor>  ratio <r>x  [<what the floor is>]

The ratio is always the figure's cost over the floor's: for times figure / floor,
for rates (rows/s, messages/s) floor / figure. Above 1 is slower than the floor.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

Statements = list[tuple[str, Any]]
"""SQL statements with their parameters, as `SqlReplay` captures them."""


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` shows them."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


@dataclass(frozen=True)
class Samples:
    """Repeated timings of one piece of work, in milliseconds."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        """The middle run: what a typical run costs."""
        return statistics.median(self.values)

    @property
    def p95(self) -> float:
        """The 95th percentile (nearest rank): how bad a slow run gets."""
        ordered = sorted(self.values)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _run_ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def sample(runs: int, work: Callable[[], object], *, warm_ups: int = 1) -> Samples:
    """`work` timed `runs` times after `warm_ups` untimed runs."""
    for _ in range(warm_ups):
        work()
    return Samples(tuple(_run_ms(work) for _ in range(runs)))


def sample_pair(
    runs: int,
    work: Callable[[], object],
    floor: Callable[[], object],
    *,
    block: int = 5,
) -> tuple[Samples, Samples]:
    """`work` and its floor timed in alternating blocks, so both see the same load.

    Timing all of one and then all of the other lets a neighbour's burst land on
    one side only, which is exactly what the ratio is meant to cancel. Alternating
    run by run is no better: each run then starts with the other's data in the CPU
    caches and its garbage to collect, which made the New Message preview
    markedly slower than when timed on its own. So each block of `block` timed runs follows
    one untimed run of the same work.
    """
    figures: list[float] = []
    floors: list[float] = []
    while len(figures) < runs:
        size = min(block, runs - len(figures))
        work()
        figures.extend(_run_ms(work) for _ in range(size))
        floor()
        floors.extend(_run_ms(floor) for _ in range(size))
    return Samples(tuple(figures)), Samples(tuple(floors))


class SqlReplay:
    """The SQL a piece of work runs on a cache, captured once and replayed with plain `sqlite3`.

    The floor of a cache read: the same statements, with the same parameters, on a
    bare stdlib connection, fetching every row, with none of our code around them.

    Statements on the cache's SQLAlchemy connections (through the ORM, or straight
    on the session's stdlib connection) are seen by `sqlite3`'s trace callback,
    which gives them with their parameters inlined; statements through `Cache.read`,
    already stdlib `sqlite3`, are recorded by wrapping it. They are replayed through
    `Cache.read`'s own stdlib connection, which has the cache's pragmas and a warm
    page cache as the app's connections do (a fresh connection's cold, smaller
    page cache made the floor slower than the screen). Only reads are replayed;
    transaction control and writes are left out.
    """

    def __init__(self, cache: Any) -> None:
        """Start watching `cache` (a `desk.models.cache.Cache`: its `engine` and `read`)."""
        from sqlalchemy import event

        self._recording: Statements | None = None
        self._read: Callable[..., list[tuple[Any, ...]]] = cache.read
        self._connections: list[sqlite3.Connection] = []

        def on_connect(connection: sqlite3.Connection, _record: object) -> None:
            self._connections.append(connection)
            self._trace(connection)

        event.listen(cache.engine, "connect", on_connect)
        event.listen(cache.engine, "close", lambda connection, _record: self._forget(connection))
        cache.engine.dispose()  # pooled connections reconnect, and are seen connecting

        def read(sql: str, *params: Any) -> list[tuple[Any, ...]]:
            if self._recording is not None:
                self._recording.append((sql, params))
            return self._read(sql, *params)

        cache.read = read

    def _trace(self, connection: sqlite3.Connection) -> None:
        """Trace `connection` while recording only: a trace costs every statement a copy."""
        connection.set_trace_callback(self._on_trace if self._recording is not None else None)

    def _forget(self, connection: sqlite3.Connection) -> None:
        if connection in self._connections:
            self._connections.remove(connection)

    def _on_trace(self, statement: str) -> None:
        if self._recording is not None:
            self._recording.append((statement, ()))

    def capture(self, work: Callable[[], object]) -> Statements:
        """The read statements `work` runs, with their parameters."""
        self._recording = []
        for connection in self._connections:
            self._trace(connection)
        try:
            work()
            return [
                (sql, params)
                for sql, params in self._recording
                if sql.split(None, 1)[0].upper() in ("SELECT", "WITH")
            ]
        finally:
            self._recording = None
            for connection in self._connections:
                self._trace(connection)

    def replay(self, statements: Statements) -> None:
        """Run `statements` again with plain `sqlite3`, fetching every row."""
        for sql, params in statements:
            self._read(sql, *params)


class Report:
    """Prints a bench's title, its figures beside their floors, and the load.

    The load average is printed when the report starts and when it closes, so a
    reader can tell a quiet run from a busy one. Use it as a context manager, or
    call `close()`.
    """

    def __init__(self, title: str, *, out: TextIO | None = None, label_width: int = 58) -> None:
        self._out = out or sys.stdout
        self._width = label_width
        self.ratios: dict[str, float] = {}
        self._print(title)
        self._print(f"load average at start: {load_average()}")
        self._print("ratio = the figure's cost / its floor's, both measured in this run")

    def _print(self, line: str) -> None:
        print(line, file=self._out, flush=True)

    def note(self, line: str) -> None:
        """A line of context that is not a figure (a size, a check, a target met)."""
        self._print(line)

    def times(self, label: str, figure: Samples, floor: Samples, floor_what: str) -> float:
        """A timed figure (median and p95, ms) beside its floor; returns the median ratio."""
        return self._line(
            label,
            f"median {figure.median:8.2f} ms  p95 {figure.p95:8.2f} ms",
            f"{floor.median:8.2f} ms",
            figure.median / floor.median,
            floor_what,
        )

    def best(self, label: str, figure: float, floor: float, floor_what: str) -> float:
        """The best of several runs, in milliseconds, beside its floor's best; returns the ratio."""
        return self._line(
            label, f"best {figure:8.2f} ms", f"{floor:8.2f} ms", figure / floor, floor_what
        )

    def ms(self, label: str, figure: float, floor: float, floor_what: str) -> float:
        """One figure in milliseconds (a percentile, a cost per event) beside its floor's."""
        return self._line(
            label, f"{figure:8.2f} ms", f"{floor:8.2f} ms", figure / floor, floor_what
        )

    def seconds(self, label: str, figure: float, floor: float, floor_what: str) -> float:
        """A one-off duration in seconds beside its floor; returns the ratio."""
        return self._line(label, f"{figure:8.3f} s", f"{floor:8.3f} s", figure / floor, floor_what)

    def rate(
        self, label: str, figure: float, floor: float, unit: str, floor_what: str, *, note: str = ""
    ) -> float:
        """A throughput (higher is better) beside its floor; returns floor / figure."""
        return self._line(
            label,
            f"{figure:>11,.0f} {unit}",
            f"{floor:>11,.0f} {unit}",
            floor / figure,
            floor_what,
            note,
        )

    def _line(
        self, label: str, figure: str, floor: str, ratio: float, floor_what: str, note: str = ""
    ) -> float:
        self.ratios[label] = ratio
        tail = f"  {note}" if note else ""
        self._print(
            f"  {label:<{self._width}}  {figure}   floor {floor}   ratio {ratio:5.2f}x"
            f"   [{floor_what}]{tail}"
        )
        return ratio

    def close(self) -> None:
        """Print the load average at the end."""
        self._print(f"load average at end: {load_average()}")

    def __enter__(self) -> Report:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
