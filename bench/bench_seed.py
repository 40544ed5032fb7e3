"""Benchmark of the bulk seeder: a 5,000-family centre with 1,000,000 messages.

Prints, per run, the rows/s of the message table (generation, insert and index
rebuild together) and of the whole load:

- generation alone, rows produced and thrown away;
- SQLite fed rows generated beforehand, so generation is left out: the ceiling of
  `executemany` plus the index rebuild for this table's shape;
- SQLite, stdlib `executemany`, secondary indexes rebuilt after the load, with the
  messages generated in this process and then in a child process (the default
  from 100,000 messages);
- SQLite, indexes kept and filled row by row (DESIGN.md §6 says rebuilding wins);
- SQLite with 16 KiB pages instead of the default 4 KiB (a property of the file,
  set before the schema is created: what a load-test database could choose);
- PostgreSQL, COPY FROM STDIN, indexes rebuilt, serial and parallel, if a server
  answers on 127.0.0.1:5432 (override with DESK_TEST_PG_HOST / _PORT / _USER).

Other work on the machine shows in the figures: the parallel runs need both cores.

Run: `.venv/bin/python bench/bench_seed.py [--messages N] [--families N]`
"""

from __future__ import annotations

import argparse
import os
import secrets
import tempfile
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import create_engine, event

from desk.server.orm import Base
from desk.tools.seeding import LoadReport, Scale, seed_centre
from desk.tools.seeding.centre import CentreSpec, generate_centre
from desk.tools.seeding.clock import Clock
from desk.tools.seeding.credentials import StaffSecrets
from desk.tools.seeding.sinks import open_sink
from desk.tools.seeding.stamping import Versions, batches
from desk.tools.seeding.tables import MESSAGE

NOW = datetime(2025, 6, 4, 19, 30, tzinfo=UTC)


def create_schema(url: str, *, page_size: int | None = None) -> None:
    engine = create_engine(url)
    if page_size:

        @event.listens_for(engine, "connect")
        def _page_size(dbapi_connection: object, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA page_size={page_size}")  # type: ignore[attr-defined]

    Base.metadata.create_all(engine)
    engine.dispose()


def show(label: str, report: LoadReport) -> None:
    message = report.table(MESSAGE.name)
    print(
        f"{label:<34} messages {message.rows_per_second:>9,.0f} rows/s"
        f" (insert {message.write_seconds:5.2f} s + indexes {message.index_seconds:4.2f} s);"
        f" all {report.rows:,} rows {report.rows_per_second:>9,.0f} rows/s"
        f" incl. commit {report.commit_seconds:.2f} s; prepared in {report.prepare_seconds:.2f} s"
    )


def message_rows(scale: Scale) -> tuple[str, Iterable[tuple[Any, ...]]]:
    """The centre id and the message stream of the benchmark's centre."""
    spec = CentreSpec(centre_number=2, scale=scale, seed=1, now=NOW, secrets=StaffSecrets("x", "y"))
    centre = generate_centre(spec, Clock(""))
    return centre.id, dict(centre.streams)[MESSAGE]


def generation_only(scale: Scale) -> None:
    _, rows = message_rows(scale)
    started = time.perf_counter()
    produced = sum(1 for _ in rows)
    seconds = time.perf_counter() - started
    print(f"{'generation only':<34} messages {produced / seconds:>9,.0f} rows/s")


def sqlite_pregenerated(scale: Scale) -> None:
    centre_id, stream = message_rows(scale)
    rows = list(stream)
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'server.db'}"
        create_schema(url)
        with open_sink(url) as sink:
            started = time.perf_counter()
            sink.write(MESSAGE, centre_id, batches(rows, Versions()))
            inserted = time.perf_counter()
            indexes = sum(sink.commit().values())
            finished = time.perf_counter()
    print(
        f"{'SQLite, rows generated beforehand':<34} messages"
        f" {len(rows) / (inserted - started + indexes):>9,.0f} rows/s"
        f" (insert {inserted - started:5.2f} s + indexes {indexes:4.2f} s;"
        f" commit {finished - inserted - indexes:.2f} s)"
    )


def sqlite_run(
    scale: Scale, label: str, *, rebuild: bool, parallel: bool, page_size: int | None = None
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'server.db'}"
        create_schema(url, page_size=page_size)
        report = seed_centre(url, scale, now=NOW, rebuild_indexes=rebuild, parallel=parallel)
        show(label, report)


def postgres_run(scale: Scale) -> None:
    host = os.environ.get("DESK_TEST_PG_HOST", "127.0.0.1")
    port = int(os.environ.get("DESK_TEST_PG_PORT", "5432"))
    user = os.environ.get("DESK_TEST_PG_USER", "postgres")
    try:
        admin = psycopg.connect(
            host=host, port=port, user=user, dbname="postgres", autocommit=True, connect_timeout=3
        )
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not reachable at {host}:{port}, skipped ({error})")
        return
    with admin:
        for parallel in (False, True):  # each into an empty database of its own
            name = f"desk_bench_seed_{secrets.token_hex(4)}"
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            try:
                url = f"postgresql+psycopg://{user}@{host}:{port}/{name}"
                create_schema(url)
                label = f"PostgreSQL COPY, {'parallel' if parallel else 'serial'}, rebuilt"
                show(label, seed_centre(url, scale, now=NOW, parallel=parallel))
            finally:
                admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def main() -> None:
    parser = argparse.ArgumentParser(description="bulk seeder benchmark")
    parser.add_argument("--families", type=int, default=5_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    args = parser.parse_args()
    scale = Scale(families=args.families, messages=args.messages)
    print(
        f"{scale.families:,} families, {scale.student_count:,} students,"
        f" {scale.thread_count:,} threads, {scale.messages:,} messages"
    )
    generation_only(scale)
    sqlite_pregenerated(scale)
    sqlite_run(scale, "SQLite, serial, indexes rebuilt", rebuild=True, parallel=False)
    sqlite_run(scale, "SQLite, parallel, indexes rebuilt", rebuild=True, parallel=True)
    sqlite_run(scale, "SQLite, parallel, indexes kept", rebuild=False, parallel=True)
    sqlite_run(
        scale, "SQLite 16 KiB pages, parallel", rebuild=True, parallel=True, page_size=16_384
    )
    postgres_run(scale)


if __name__ == "__main__":
    main()
